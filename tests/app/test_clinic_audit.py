"""The audit trail of a clinic store: every change of a row is kept by the database
(triggers), whoever made it and however; each therapist reads only their own clients'
part, and nobody but the clinic's administrator can alter it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from clinic_support import add_therapists, assign, connect_as, drop_clinic, new_clinic

from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.domain.models import Athlete, Session
from runstrong_gui.services import clinic as clinic_service
from runstrong_gui.storage.engine import MIGRATIONS_DIR, open_store
from runstrong_gui.storage.errors import StoreError
from runstrong_gui.storage.store import Store

TUESDAY = dt.date(2026, 3, 3)


@pytest.fixture
def clinic(pg_server: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, int, int]]:
    """A clinic store with a long run for Ana's client and one for Ben's."""
    name, url = new_clinic(pg_server)
    store = Store.open(url)
    with store.transaction() as tx:
        ids = []
        for who in ("Ana", "Ben"):
            a = tx.add_athlete(Athlete(name=f"Client of {who}", block_start=dt.date(2026, 3, 2)))
            tx.add_session(
                Session(a.id or 0, TUESDAY, SessionKind.LONG, title="Long run", minutes=80)
            )
            ids.append(a.id or 0)
    store.close()
    add_therapists(url, monkeypatch, "aud_ana", "aud_ben")
    assign(url, "aud_ana", ids[0])
    assign(url, "aud_ben", ids[1])
    yield name, ids[0], ids[1]
    drop_clinic(pg_server, name, "aud_ana", "aud_ben")


_as = connect_as


def test_a_raw_sql_change_is_kept_with_its_old_and_new_values(
    pg_server: Any, clinic: tuple[str, int, int]
) -> None:
    database, ana_client, _ben = clinic
    with _as(pg_server, database, "aud_ana") as ana:
        ana.execute(
            "UPDATE training_sessions SET minutes = 90 WHERE athlete_id = %s", (ana_client,)
        )
    with _as(pg_server, database, "postgres") as admin:
        row = admin.execute(
            "SELECT who, table_name, athlete_id, action, old_values->>'minutes',"
            " new_values->>'minutes', at > now() - interval '1 minute'"
            " FROM audit_log ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert row == ("aud_ana", "training_sessions", ana_client, "update", "80", "90", True)


def test_a_therapist_reads_only_their_clients_history_and_cannot_alter_it(
    pg_server: Any, clinic: tuple[str, int, int]
) -> None:
    database, ana_client, ben_client = clinic
    with _as(pg_server, database, "aud_ben") as ben:
        ben.execute(
            "UPDATE training_sessions SET minutes = 70 WHERE athlete_id = %s", (ben_client,)
        )
    with _as(pg_server, database, "postgres") as admin:
        total = admin.execute("SELECT count(*) FROM audit_log").fetchone()
        bens = admin.execute(
            "SELECT count(*) FROM audit_log WHERE athlete_id = %s", (ben_client,)
        ).fetchone()
    assert bens is not None and bens[0] >= 3  # the athlete, the run, the change
    with _as(pg_server, database, "aud_ana") as ana:
        seen = ana.execute("SELECT DISTINCT athlete_id FROM audit_log").fetchall()
        assert seen == [(ana_client,)]
        for sql in (
            "UPDATE audit_log SET who = 'nobody'",
            "DELETE FROM audit_log",
            "INSERT INTO audit_log (who, table_name, action) VALUES ('x', 'athletes', 'insert')",
            "TRUNCATE audit_log",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                ana.execute(sql)
    with _as(pg_server, database, "postgres") as admin:
        assert admin.execute("SELECT count(*) FROM audit_log").fetchone() == total


def test_the_history_says_what_changed_in_words_newest_first(
    pg_server: Any, clinic: tuple[str, int, int]
) -> None:
    database, ana_client, _ben = clinic
    with _as(pg_server, database, "aud_ana") as ana:
        ana.execute(
            "UPDATE training_sessions SET minutes = 90 WHERE athlete_id = %s", (ana_client,)
        )
    store = Store.open(pg_server.url(database, user="aud_ana", password="pw-aud_ana"))
    try:
        page = clinic_service.history(store, ana_client)
        assert [e.what for e in page.entries] == [
            "Session 'Long run' Tue 3 Mar: minutes 80 → 90",
            "Session 'Long run' Tue 3 Mar added",
            "Athlete 'Client of Ana' added",
        ]
        assert [e.who for e in page.entries] == ["aud_ana", "postgres", "postgres"]
        assert page.before is None
        first = clinic_service.history(store, ana_client, limit=2)
        assert len(first.entries) == 2 and first.before is not None
        rest = clinic_service.history(store, ana_client, before=first.before, limit=2)
        assert [e.what for e in rest.entries] == ["Athlete 'Client of Ana' added"]
    finally:
        store.close()


def test_a_store_made_before_the_audit_trail_gets_it_when_opened(
    pg_server: Any, tmp_path: Path
) -> None:
    old = tmp_path / "migrations-0006"
    shutil.copytree(MIGRATIONS_DIR, old, ignore=shutil.ignore_patterns("__pycache__"))
    for script in (old / "versions").glob("*.py"):
        if script.name[:4] > "0006":
            script.unlink()
    name = pg_server.new_database()
    url = pg_server.url(name)
    try:
        open_store(url, script_location=old).engine.dispose()
        store = Store.open(url)
        with store.transaction() as tx:
            athlete = tx.add_athlete(Athlete(name="Old Client", block_start=TUESDAY))
        page = clinic_service.history(store, athlete.id or 0)
        store.close()
        assert [e.what for e in page.entries] == ["Athlete 'Old Client' added"]
    finally:
        pg_server.drop_database(name)


def test_the_app_s_saves_are_kept_too_rows_with_json_columns_included(
    pg_server: Any, clinic: tuple[str, int, int]
) -> None:
    database, ana_client, _ben = clinic
    store = Store.open(pg_server.url(database, user="aud_ana", password="pw-aud_ana"))
    try:
        with store.transaction() as tx:
            athlete = tx.athlete(ana_client)
            # only a column after the json ones: the whole row is compared
            tx.update_athlete(dataclasses.replace(athlete, archived=True))
        newest = clinic_service.history(store, ana_client).entries[0]
    finally:
        store.close()
    assert newest.who == "aud_ana"
    assert newest.what == "Athlete 'Client of Ana': archived no → yes"


def test_a_login_without_rights_on_the_history_is_told_so(
    pg_server: Any, clinic: tuple[str, int, int]
) -> None:
    database, ana_client, _ben = clinic
    pg_server.execute("REVOKE SELECT ON audit_log FROM runstrong_therapist", database=database)
    store = Store.open(pg_server.url(database, user="aud_ana", password="pw-aud_ana"))
    try:
        with pytest.raises(StoreError, match=r"'aud_ana' has no rights .* Nothing was changed"):
            clinic_service.history(store, ana_client)
    finally:
        store.close()
