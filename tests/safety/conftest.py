"""Fixtures of the data-safety tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from safety_support import make_backed_up


@pytest.fixture
def backed_up(tmp_path: Path) -> Path:
    """A closed store holding one athlete in its backup and one more only in the store."""
    return make_backed_up(tmp_path)
