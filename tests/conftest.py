"""Shared fixtures. Every test runs with its own data dir and settings file, so the
user's real store and preferences are never touched."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))  # the log folder
    monkeypatch.setenv("RUNSTRONG_DATA_DIR", str(home / "data" / "RunStrong"))
    monkeypatch.delenv("RUNSTRONG_DB_URL", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store.sqlite3"


PREPARED_TODAY = dt.date(2026, 3, 4)


@pytest.fixture
def engine_name(request: pytest.FixtureRequest) -> str:
    """The engine under the ``store`` fixtures: SQLite here; the storage, services and
    command-line tests override it with both engines (see :func:`pg_support.both_engines`)."""
    return "sqlite"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Any]:
    """The run's PostgreSQL server, started at the first test that needs it. Without
    PostgreSQL those tests skip locally, and fail in CI (CI=true), where it must be."""
    from pg_support import PgServer, missing_reason

    reason = missing_reason()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI needs PostgreSQL: {reason}", pytrace=False)
        pytest.skip(reason)
    server = PgServer()
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pg_prepared(pg_server: Any) -> str:
    """A migrated, prepared database the tests' databases are copied from (fast)."""
    from runstrong_gui.services.bootstrap import prepare_store
    from runstrong_gui.storage.store import Store

    name = "rs_prepared"
    pg_server.execute(f"CREATE DATABASE {name} TEMPLATE template0")
    s = Store.open(pg_server.url(name))
    prepare_store(s, today=PREPARED_TODAY)
    s.close()
    return name


def _pg_database(request: pytest.FixtureRequest, template: str) -> str:
    server = request.getfixturevalue("pg_server")
    name = server.new_database(template)
    request.addfinalizer(lambda: server.drop_database(name))
    return str(server.url(name))


@pytest.fixture
def store_url(engine_name: str, db_path: Path, request: pytest.FixtureRequest) -> str:
    """The address of the test's ``store``: a file on SQLite; on PostgreSQL a database of
    its own, copied from the prepared one."""
    if engine_name == "postgresql":
        return _pg_database(request, request.getfixturevalue("pg_prepared"))
    from runstrong_gui.storage.engine import sqlite_url

    return sqlite_url(db_path)


@pytest.fixture
def new_store_url(engine_name: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """The address of a store that does not exist yet (an empty database on PostgreSQL)."""
    if engine_name == "postgresql":
        return _pg_database(request, "template0")
    from runstrong_gui.storage.engine import sqlite_url

    return sqlite_url(tmp_path / "new-store.sqlite3")


@pytest.fixture
def db_arg(engine_name: str, db_path: Path, store_url: str) -> str:
    """What the command line's ``--db`` is given for the test's store."""
    return store_url if engine_name == "postgresql" else str(db_path)


@pytest.fixture
def store(store_url: str, engine_name: str) -> Iterator[object]:
    """A prepared store (library, templates, sample athlete): a temporary file, or a
    database of its own on the run's PostgreSQL server."""
    from runstrong_gui.services.bootstrap import prepare_store
    from runstrong_gui.storage.store import Store

    s = Store.open(store_url)
    if engine_name == "sqlite":
        prepare_store(s, today=PREPARED_TODAY)
    yield s
    s.close()


@pytest.fixture
def settings(tmp_path: Path) -> object:
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(scope="session", autouse=True)
def _qt_test_mode() -> None:
    try:
        from PySide6.QtCore import QStandardPaths
    except ImportError:  # pragma: no cover
        return
    QStandardPaths.setTestModeEnabled(True)
