"""Each therapist sees their own clients, enforced by the database (row-level security).

The clinic store is set up the way an administrator does it (``runstrong clinic init``,
``add-therapist``, ``assign``); then therapist A connects with raw SQL, as any program
holding A's login could, and can neither read nor change therapist B's client.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from clinic_support import add_therapists, assign, connect_as, drop_clinic, new_clinic

from runstrong_gui.app.cli import main
from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.domain.models import Athlete, Session
from runstrong_gui.storage.store import Store


@pytest.fixture
def clinic(pg_server: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, int, int]]:
    """A clinic store with Ana's client (id 1) and Ben's (id 2); its address."""
    name, url = new_clinic(pg_server)
    store = Store.open(url)
    with store.transaction() as tx:
        a = tx.add_athlete(Athlete(name="Client of Ana", block_start=dt.date(2026, 3, 2)))
        b = tx.add_athlete(Athlete(name="Client of Ben", block_start=dt.date(2026, 3, 2)))
        for athlete in (a, b):
            tx.add_session(Session(athlete.id or 0, dt.date(2026, 3, 3), SessionKind.EASY))
    store.close()
    add_therapists(url, monkeypatch, "ana", "ben")
    assign(url, "ana", a.id or 0)
    assign(url, "ben", b.id or 0)
    yield name, a.id or 0, b.id or 0
    drop_clinic(pg_server, name, "ana", "ben")


_as = connect_as


def _ben_s_rows(pg_server: Any, database: str, ben_client: int) -> list[Any]:
    queries = (
        "SELECT name, notes, version FROM athletes WHERE id = %(b)s",
        "SELECT id, notes FROM training_sessions WHERE athlete_id = %(b)s ORDER BY id",
        "SELECT * FROM athlete_therapists ORDER BY 1, 2",
    )
    with psycopg.connect(host=str(pg_server.socket_dir), dbname=database, user="postgres") as c:
        return [c.execute(sql, {"b": ben_client}).fetchall() for sql in queries]  # type: ignore[arg-type]


def test_therapist_a_can_neither_read_nor_change_therapist_b_s_client(
    pg_server: Any, clinic: tuple[str, int, int]
) -> None:
    database, ana_client, ben_client = clinic
    before = _ben_s_rows(pg_server, database, ben_client)
    with _as(pg_server, database, "ana") as ana:
        assert ana.execute("SELECT name FROM athletes").fetchall() == [("Client of Ana",)]
        sessions = ana.execute("SELECT athlete_id FROM training_sessions").fetchall()
        assert sessions == [(ana_client,)]
        assert ana.execute("SELECT count(*) FROM exercises").fetchone() is not None  # shared
        for sql in (
            f"UPDATE athletes SET notes = 'seen' WHERE id = {ben_client}",
            f"DELETE FROM training_sessions WHERE athlete_id = {ben_client}",
            f"UPDATE training_sessions SET notes = 'x' WHERE athlete_id = {ben_client}",
            "UPDATE exercises SET notes = 'mine now'",  # the clinic's, not Ana's to change
        ):
            assert ana.execute(sql).rowcount == 0, sql  # B's rows are not there for A
        refused = [
            # moving one's own session to B's client, adding one there, taking B's client
            f"UPDATE training_sessions SET athlete_id = {ben_client}"
            f" WHERE athlete_id = {ana_client}",
            f"INSERT INTO training_sessions (athlete_id, day, position, kind, title, notes, done,"
            f" skipped, pain_persisting, source, edited) VALUES ({ben_client}, '2026-03-04', 0,"
            " 'easy', '', '', false, false, false, 'user', false)",
            f"INSERT INTO athlete_therapists VALUES ({ben_client}, 'ana')",
        ]
        for sql in refused:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                ana.execute(sql)
    assert _ben_s_rows(pg_server, database, ben_client) == before


def test_the_app_as_a_therapist_lists_only_their_clients(
    pg_server: Any, clinic: tuple[str, int, int], capsys: pytest.CaptureFixture[str]
) -> None:
    database, ana_client, _ben = clinic
    url = pg_server.url(database, user="ana", password="pw-ana")
    assert main(["athletes", "--db", url]) == 0
    assert capsys.readouterr().out == f"{ana_client}\tClient of Ana\n"


def test_bad_therapist_names_and_unknown_athletes_are_refused(
    pg_server: Any, clinic: tuple[str, int, int], capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    database, _a, _b = clinic
    url = pg_server.url(database)
    monkeypatch.setattr("sys.stdin", io.StringIO("pw\n"))
    assert main(["clinic", "add-therapist", "Robert'); DROP TABLE athletes;--", "--url", url]) == 2
    assert "cannot be a therapist's login" in capsys.readouterr().err
    assert main(["clinic", "assign", "ana", "--athlete-id", "999", "--url", url]) == 2
    assert "no athlete with id 999" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("pw\n"))
    assert main(["clinic", "add-therapist", "ana", "--url", url]) == 2
    assert "already exists" in capsys.readouterr().err
