"""A throwaway PostgreSQL server for the test run (the clinic store's engine).

The server itself (:mod:`bench.pg_cluster`) is shared with the bench's PostgreSQL rows:
a private unix socket, no TCP, ``fsync`` off, owned by ``nobody`` when run as root.
"""

from __future__ import annotations

import pytest

from bench.pg_cluster import (  # noqa: F401  (the tests' names for them)
    SUPERUSER,
    PgServer,
    find_bin,
    missing_reason,
    running_server,
)


def both_engines(request: pytest.FixtureRequest) -> str:
    """``engine_name`` for the folders whose tests run on both engines. A test marked
    ``sqlite_only(reason)`` skips its PostgreSQL run, saying why."""
    engine = str(request.param)
    mark = request.node.get_closest_marker("sqlite_only")
    if engine == "postgresql" and mark is not None:
        pytest.skip(f"SQLite only: {mark.kwargs.get('reason') or mark.args[0]}")
    return engine


BOTH_ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]
