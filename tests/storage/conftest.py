"""The tests of this folder run on both engines: SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from pg_support import BOTH_ENGINES, both_engines

engine_name = pytest.fixture(params=BOTH_ENGINES)(both_engines)
