"""A row another program wrote past the records' checks: everything else loads, the
row is shown as damaged (field and value), and ``check --full`` reports it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import text

from runstrong_gui.app.cli import main as cli_main
from runstrong_gui.domain.models import SetLog
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.rows import row_problems_at
from runstrong_gui.storage.store import Store

# Rows that break the schema's CHECKs are written here the way another program can on
# SQLite (PRAGMA ignore_check_constraints); PostgreSQL never lets such a row in.
pytestmark = pytest.mark.sqlite_only(reason="damaged rows need CHECKs switched off")

THURSDAY = dt.date(2026, 3, 5)  # the sample week's strength session


def _write_past_the_checks(store: Store, sql: str) -> None:
    """What another tool does: write with the CHECK constraints off."""
    with store.transaction() as tx:
        tx.orm.execute(text("PRAGMA ignore_check_constraints = ON"))
        tx.orm.execute(text(sql))
        tx.orm.execute(text("PRAGMA ignore_check_constraints = OFF"))


@pytest.fixture
def damaged(store: Store) -> tuple[int, int]:
    """The first exercise of the sample strength session gets a javascript: URL, and an
    unused one a 500-character name."""
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        session = next(s for s in tx.day_sessions(athlete.id or 0, THURSDAY) if s.id)
        used = tx.planned_for([session.id or 0])[session.id or 0][0].exercise_id
        other = next(e.id for e in tx.exercises() if e.id != used and e.id is not None)
    _write_past_the_checks(
        store, f"UPDATE exercises SET video_url = 'javascript:alert(1)' WHERE id = {used}"
    )
    _write_past_the_checks(store, f"UPDATE exercises SET name = '{'n' * 500}' WHERE id = {other}")
    return used, other or 0


def test_the_library_loads_every_exercise_and_flags_the_damaged_ones(
    store: Store, damaged: tuple[int, int]
) -> None:
    used, other = damaged
    library = Queries(store).library(include_hidden=True)
    with store.sqlite_connection() as con:
        assert len(library) == con.execute("SELECT count(*) FROM exercises").fetchone()[0]
    by_id = {e.id: e for e in library}
    [url] = by_id[used].damage
    assert (url.field, url.value) == ("Video URL", "'javascript:alert(1)'")
    assert "http://" in url.message and by_id[used].video_url is None  # never a live link
    [name] = by_id[other].damage
    assert name.field == "Name" and "at most 120" in name.message and "..." in name.value
    assert len(by_id[other].name) <= 120
    assert sum(1 for e in library if e.damage) == 2


def test_a_week_using_a_damaged_exercise_still_shows(
    store: Store, damaged: tuple[int, int]
) -> None:
    used, _ = damaged
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        details = tx.session_details(tx.day_sessions(athlete.id or 0, THURSDAY))
    exercises = [e for d in details for _p, e in d.items]
    assert used in [e.id for e in exercises]
    assert next(e for e in exercises if e.id == used).damage


def test_check_full_reports_kind_id_field_and_value_and_exits_1(
    store: Store, damaged: tuple[int, int], db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    used, other = damaged
    store.close()
    found = row_problems_at(db_path)
    assert [(d.record, d.record_id, d.field) for d in found] == [
        ("exercise", min(used, other), "Video URL" if used < other else "Name"),
        ("exercise", max(used, other), "Name" if used < other else "Video URL"),
    ]
    assert cli_main(["check", "--full", "--db", str(db_path)]) == 1
    out = capsys.readouterr().out
    assert f"exercise {used}: Video URL = 'javascript:alert(1)'" in out
    assert f"exercise {other}: Name = 'nnnn" in out


def test_export_of_a_week_with_a_damaged_exercise_prints_it_without_the_refused_value(
    store: Store, damaged: tuple[int, int], db_path: Path, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    used, _ = damaged
    with store.transaction() as tx:
        name = tx.exercise(used).name
    store.close()
    out = tmp_path / "handout.pdf"
    args = ["export", "handout", "--athlete", "sample runner", "--week", "1"]
    assert cli_main([*args, "--out", str(out), "--db", str(db_path)]) == 0
    reader = PdfReader(out)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert name in text
    assert "javascript" not in out.read_bytes().decode("latin-1")  # nor as a link


def test_check_full_names_damaged_sessions_and_logs_too(store: Store, db_path: Path) -> None:
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        session = next(s for s in tx.day_sessions(athlete.id or 0, THURSDAY) if s.id)
    _write_past_the_checks(
        store, f"UPDATE training_sessions SET intensity = 99 WHERE id = {session.id}"
    )
    store.close()
    found = {(d.record, d.record_id, d.field, d.value) for d in row_problems_at(db_path)}
    assert ("session", session.id, "Intensity", "99") in found


def test_damaged_sessions_planned_exercises_and_logs_load_marked_and_can_be_fixed(
    store: Store,
) -> None:
    """Out-of-range values written past the checks: the week still reads, every other
    row is as it was, the bad ones name field and value, and saving or deleting works."""
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        day = tx.day_sessions(athlete.id or 0, THURSDAY)
        strength = next(s for s in day if s.id and s.kind.value == "strength")
        planned = tx.planned_for([strength.id or 0])[strength.id or 0]
        first = planned[0]
        tx.replace_logs(first.id or 0, [SetLog(first.id or 0, 1, 10), SetLog(first.id or 0, 2, 9)])
        week = tx.sessions_between(athlete.id or 0, THURSDAY - dt.timedelta(days=3), THURSDAY)
    _write_past_the_checks(
        store,
        f"UPDATE training_sessions SET minutes = 99999, title = '{'t' * 300}' "
        f"WHERE id = {strength.id}",
    )
    _write_past_the_checks(store, f"UPDATE planned_exercises SET sets = 500 WHERE id = {first.id}")
    _write_past_the_checks(
        store,
        f"UPDATE set_logs SET pain = 42 WHERE planned_exercise_id = {first.id} AND set_number = 2",
    )
    with store.transaction() as tx:
        again = tx.sessions_between(athlete.id or 0, THURSDAY - dt.timedelta(days=3), THURSDAY)
        [detail] = tx.session_details([tx.session(strength.id or 0)])
        logs = tx.logs_for([first.id or 0])[first.id or 0]
    assert [s.id for s in again] == [s.id for s in week]  # nothing left out
    assert [s for s in again if s.id != strength.id] == [s for s in week if s.id != strength.id]
    bad = next(s for s in again if s.id == strength.id)
    assert {(d.field, d.value[:6]) for d in bad.damage} == {
        ("Minutes", "99999"),
        ("Title", "'ttttt"),
    }
    assert bad.minutes is None and len(bad.title) <= 120
    assert [(d.field, d.value) for d in detail.session.damage] == [
        (d.field, d.value) for d in bad.damage
    ]
    [(p, _e), *rest] = detail.items
    assert [(d.record, d.field, d.value) for d in p.damage] == [("planned exercise", "Sets", "500")]
    assert [x.damage for x, _ in rest] == [() for _ in rest]
    assert [(log.set_number, [(d.field, d.value) for d in log.damage]) for log in logs] == [
        (1, []),
        (2, [("Pain", "42")]),
    ]

    with store.transaction() as tx:  # fixing: the user's save writes valid values
        tx.update_session(dataclasses.replace(bad, minutes=45, title="Strength A"))
        tx.update_planned(dataclasses.replace(p, sets=3))
        tx.replace_logs(first.id or 0, [dataclasses.replace(log, pain=None) for log in logs])
    with store.transaction() as tx:
        fixed = tx.session(strength.id or 0)
        [detail] = tx.session_details([fixed])
        logs = tx.logs_for([first.id or 0])[first.id or 0]
    assert (fixed.minutes, fixed.title, fixed.damage) == (45, "Strength A", ())
    assert detail.items[0][0].sets == 3 and detail.items[0][0].damage == ()
    assert [log.damage for log in logs] == [(), ()]
    with store.sqlite_connection() as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    _write_past_the_checks(
        store, f"UPDATE training_sessions SET kind = 'swim' WHERE id = {strength.id}"
    )
    with store.transaction() as tx:  # deleting a damaged row works too
        tx.delete_session(strength.id or 0)
    with store.transaction() as tx:
        gone = tx.sessions_between(athlete.id or 0, THURSDAY - dt.timedelta(days=3), THURSDAY)
    assert [s.id for s in gone] == [s.id for s in week if s.id != strength.id]
