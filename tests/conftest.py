"""Shared fixtures. Every test runs with its own data dir and settings file, so the
user's real store and preferences are never touched."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

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


@pytest.fixture
def store(db_path: Path) -> Iterator[object]:
    """A prepared store (library, templates, sample athlete) in a temporary file."""
    from runstrong_gui.services.bootstrap import prepare_store
    from runstrong_gui.storage.engine import sqlite_url
    from runstrong_gui.storage.store import Store

    s = Store.open(sqlite_url(db_path))
    prepare_store(s, today=dt.date(2026, 3, 4))
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
