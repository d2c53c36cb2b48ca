"""What counts as a RunStrong store, a store cut short while open, a read-only address."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from safety_support import AFTER, BEFORE, athlete_names

from runstrong_gui.app.cli import main as cli_main
from runstrong_gui.domain import Athlete
from runstrong_gui.storage import backup
from runstrong_gui.storage.engine import NotAStoreError, look_at_store, sqlite_url
from runstrong_gui.storage.health import wal_path
from runstrong_gui.storage.store import Store


# -- defect 5: a foreign SQLite file ------------------------------------------------------
def _foreign(path: Path, alembic: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE athletes (id INTEGER PRIMARY KEY, name TEXT, club TEXT)")
    con.executemany("INSERT INTO athletes (name, club) VALUES (?, ?)", [("Ida", "Harriers")] * 5)
    if alembic:  # another program that also uses Alembic
        con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
        con.execute("DROP TABLE athletes")
        con.execute("INSERT INTO alembic_version VALUES ('3f2a9c1b7d10')")
    con.commit()
    con.close()


@pytest.fixture(params=["athletes table, no alembic_version", "alembic, other tables"])
def foreign(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    path = tmp_path / "club" / "club.sqlite3"
    _foreign(path, alembic=request.param.startswith("alembic"))
    return path


def test_check_does_not_pass_a_foreign_database(
    foreign: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = foreign.read_bytes()
    assert cli_main(["check", "--db", str(foreign)]) != 0
    out = capsys.readouterr().out
    assert "passed" not in out and "not a RunStrong store" in out
    assert foreign.read_bytes() == before


def test_backup_refuses_a_foreign_database(
    foreign: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = foreign.read_bytes()
    assert cli_main(["backup", "--db", str(foreign)]) == 1
    captured = capsys.readouterr()
    assert "verified" not in captured.out and "not a RunStrong store" in captured.err
    assert backup.list_backups(foreign) == []
    assert foreign.read_bytes() == before


def test_opening_refuses_a_foreign_database_byte_identical(foreign: Path) -> None:
    before = foreign.read_bytes()
    for attempt in (
        lambda: Store.open(sqlite_url(foreign)),
        lambda: look_at_store(sqlite_url(foreign), defer_check=True),  # the window's path
    ):
        with pytest.raises(NotAStoreError) as refused:
            attempt()
        message = str(refused.value)
        assert "is an SQLite database but not a RunStrong store" in message
        assert "CREATE" not in message and "Nothing was changed" not in message
        assert foreign.read_bytes() == before  # not even switched to WAL
    assert not wal_path(foreign).exists()


def test_a_new_file_is_still_made_a_store(tmp_path: Path) -> None:
    path = tmp_path / "new" / "new.sqlite3"
    store = Store.open(sqlite_url(path))
    try:
        with store.transaction() as tx:
            tx.add_athlete(Athlete(name="First"))
        assert athlete_names(store) == ["First"]
    finally:
        store.close()


# -- defect 8: the file cut short while open ----------------------------------------------
@pytest.mark.parametrize("saved_first", [False, True], ids=["fresh", "after a save"])
@pytest.mark.parametrize("size", ["zero", "half"])
def test_a_store_truncated_while_open_is_caught_at_the_next_save(
    backed_up: Path, size: str, saved_first: bool
) -> None:
    """After a save SQLite itself no longer notices: the pages it needs are in the -wal
    and its cache, and it acknowledged every later action into nothing."""
    from runstrong_gui.storage.engine import StoreError

    store = Store.open(sqlite_url(backed_up))
    events: list[str] = []
    store.add_listener(events.append)
    assert {BEFORE, AFTER} <= set(athlete_names(store))
    if saved_first:
        with store.transaction() as tx:
            tx.add_athlete(Athlete(name="Saved before"))
        events.clear()
    page = int.from_bytes(backed_up.read_bytes()[16:18], "big")
    whole = backed_up.stat().st_size
    os.truncate(backed_up, 0 if size == "zero" else whole // 2 // page * page)
    try:
        with (
            pytest.raises(StoreError, match="cut short while RunStrong was open"),
            store.transaction() as tx,
        ):
            tx.add_athlete(Athlete(name="Into nothing"))
        assert store.lost and events == ["lost"]
        assert not store.file_is_current()
    finally:
        store.close()


# -- item 11: a read-only address ---------------------------------------------------------
@pytest.mark.parametrize(
    "url", ["sqlite:///{path}?mode=ro", "sqlite:///file:{path}?mode=ro&uri=true"]
)
def test_a_read_only_url_opens_read_only(backed_up: Path, url: str) -> None:
    before = backed_up.read_bytes()
    store = Store.open(url.format(path=backed_up))
    try:
        assert store.read_only and "read-only" in store.read_only_reason
        assert {BEFORE, AFTER} <= set(athlete_names(store))
    finally:
        store.close()
    assert backed_up.read_bytes() == before
