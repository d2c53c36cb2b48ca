"""``runstrong check`` and ``runstrong backup`` on a clinic store (PostgreSQL), and
the bad addresses every command and the window meet with one clear sentence.

Wrong password, unreachable server, another program's database, a schema newer than
the app, a role without rights: each is refused with a message, and the database is
as it was (its fingerprint: tables, row counts and schema revision).
"""

from __future__ import annotations

import re
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest

from runstrong_gui.app.cli import main
from runstrong_gui.storage import server
from runstrong_gui.storage.errors import NewerSchemaError, StoreError
from runstrong_gui.storage.store import Store


@pytest.fixture
def clinic(pg_server: Any, pg_prepared: str) -> Any:
    """A prepared clinic store of the test's own; its name."""
    name = pg_server.new_database(pg_prepared)
    yield name
    pg_server.drop_database(name)


def _fingerprint(pg_server: Any, database: str) -> list[tuple[str, int]]:
    """Every table of ``database`` with its row count, and the schema revision."""
    import psycopg

    with psycopg.connect(host=str(pg_server.socket_dir), dbname=database, user="postgres") as c:
        tables = [
            r[0]
            for r in c.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        out = [(t, c.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables]  # type: ignore[index]
        if "alembic_version" in tables:
            out.append(
                ("revision", c.execute("SELECT version_num FROM alembic_version").fetchone()[0])
            )  # type: ignore[index]
    return out


def test_check_of_a_sound_clinic_store(
    pg_server: Any, clinic: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--full", "--db", pg_server.url(clinic)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"The clinic store the database '{clinic}' on ")
    assert "passed the checks (1 athletes, " in out and "logged sets)" in out


def test_check_full_names_a_row_another_program_wrote(
    pg_server: Any, clinic: str, capsys: pytest.CaptureFixture[str]
) -> None:
    pg_server.execute(
        "ALTER TABLE training_sessions DROP CONSTRAINT ck_training_sessions_minutes",
        "UPDATE training_sessions SET minutes = 5000"
        " WHERE id = (SELECT min(id) FROM training_sessions)",
        database=clinic,
    )
    before = _fingerprint(pg_server, clinic)
    assert main(["check", "--full", "--db", pg_server.url(clinic)]) == 1
    out = capsys.readouterr().out
    assert "has problems: session" in out and "5000" in out
    assert _fingerprint(pg_server, clinic) == before


def test_backup_is_pg_dump_s_custom_format_read_back(
    pg_server: Any, clinic: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["backup", "--db", pg_server.url(clinic)]) == 0
    out = capsys.readouterr().out
    made = Path(out.split("verified: ")[1].split(" (pg_dump")[0])
    assert made.parent.name == f"clinic-{clinic}"
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700
    assert made.read_bytes()[:5] == b"PGDMP"  # the custom format
    listed = subprocess.run(
        [server.find_tool("pg_restore") or "pg_restore", "--list", str(made)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "TABLE DATA public set_logs" in listed.stdout


def test_backup_without_pg_dump_says_how(
    pg_server: Any, clinic: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server, "find_tool", lambda name: None)
    assert main(["backup", "--db", pg_server.url(clinic)]) == 1
    err = capsys.readouterr().err
    assert "pg_dump was not found, so no backup was made" in err
    assert f"pg_dump -Fc -d {clinic} -f {clinic}.dump" in err


def _wrong_password(pg_server: Any, clinic: str) -> str:
    pg_server.execute("CREATE ROLE rs_wrong LOGIN PASSWORD 'right'")
    return str(pg_server.url(clinic, user="rs_wrong", password="wrong"))


def _unreachable(pg_server: Any, clinic: str) -> str:
    return f"postgresql+psycopg://postgres@/{clinic}?host=/nonexistent/runstrong-socket"


def _foreign(pg_server: Any, clinic: str) -> str:
    pg_server.execute("CREATE TABLE customers (id int PRIMARY KEY, name text)", database=clinic)
    pg_server.execute(
        "DROP TABLE alembic_version, set_logs, planned_exercises, training_sessions,"
        " athletes, exercises, templates, settings CASCADE",
        database=clinic,
    )
    return str(pg_server.url(clinic))


def _newer(pg_server: Any, clinic: str) -> str:
    pg_server.execute("UPDATE alembic_version SET version_num = '9999zz'", database=clinic)
    return str(pg_server.url(clinic))


def _no_rights(pg_server: Any, clinic: str) -> str:
    pg_server.execute("CREATE ROLE rs_norights LOGIN PASSWORD 'pw'")
    return str(pg_server.url(clinic, user="rs_norights", password="pw"))


BAD = {
    "wrong password": (_wrong_password, "refused the login of 'rs_wrong'", 2),
    "unreachable": (_unreachable, "cannot be reached", 2),
    "another program's database": (_foreign, "belongs to another program", 2),
    "newer schema": (_newer, "newer version of RunStrong (schema 9999zz)", None),
    "role without rights": (_no_rights, "has no rights on the RunStrong tables", 2),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_clinic_addresses_get_a_message_and_change_nothing(
    pg_server: Any, clinic: str, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    make, message, code = BAD[case]
    url = make(pg_server, clinic)
    try:
        before = _fingerprint(pg_server, clinic)
        with pytest.raises(StoreError, match=re.escape(message)) as refused:  # the window opens
            Store.open(url)
        if case == "newer schema":
            assert isinstance(refused.value, NewerSchemaError)
        for argv in (["check"], ["backup"], ["athletes"]):
            result = main([*argv, "--db", url])
            captured = capsys.readouterr()
            said = captured.out + captured.err
            assert message in said, (argv, said)
            assert "Traceback" not in said
            if code is not None:
                assert result == code, (argv, said)
            elif argv == ["check"]:
                assert result == 0  # readable, and says it is newer
            else:
                assert result == 2
        assert _fingerprint(pg_server, clinic) == before
    finally:
        pg_server.execute("DROP ROLE IF EXISTS rs_wrong", "DROP ROLE IF EXISTS rs_norights")
