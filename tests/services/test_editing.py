"""Session editor and logging actions: each edit lands in the store, undoes and redoes
exactly, and a refused value leaves the store as it was."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from runstrong_gui.domain.enums import SessionKind, Units
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import SetLog
from runstrong_gui.domain.pain import WARNING_SIGNS, flag_reasons, pain_flags
from runstrong_gui.services import changes, editing, set_logs
from runstrong_gui.services.changes import Command
from runstrong_gui.services.editing import SessionView
from runstrong_gui.services.pain import pain_flags_for
from runstrong_gui.storage.store import Store

THURSDAY = dt.date(2026, 3, 5)  # the sample week's beginner strength session
MONDAY = dt.date(2026, 3, 2)


def _session(store: Store, day: dt.date, kind: SessionKind) -> SessionView:
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        assert athlete.id is not None
        sid = next(s.id for s in tx.day_sessions(athlete.id, day) if s.kind is kind)
    assert sid is not None
    view = editing.read_session(store, sid)
    assert view is not None
    return view


@pytest.fixture
def strength(store: Store) -> SessionView:
    return _session(store, THURSDAY, SessionKind.STRENGTH)


def _apply(store: Store, view: SessionView, edit: Command) -> changes.Change:
    assert view.athlete.id is not None
    return changes.record(
        store, edit.label, view.athlete.id, edit.days, edit.action, edit.extra_ids, edit.seen
    )


def _snapshot(store: Store, view: SessionView) -> changes.Snapshot:
    with store.transaction() as tx:
        return changes.capture(tx, [view.session.id or -1])


def _reread(store: Store, view: SessionView) -> SessionView:
    again = editing.read_session(store, view.session.id or -1)
    assert again is not None
    return again


def _item(view: SessionView, name: str) -> tuple:  # type: ignore[type-arg]
    return next((p, e) for p, e in view.items if e.name == name)


# ------------------------------------------------------------------------------- dose


def test_dose_edit_round_trips_through_store_undo_and_redo(
    store: Store, strength: SessionView
) -> None:
    planned, exercise = strength.items[1]
    change = _apply(
        store, strength, editing.update_dose(strength.session, planned, exercise, "sets", 4)
    )
    assert change.label == f"Change sets of {exercise.name}"
    assert _reread(store, strength).items[1][0].sets == 4
    changes.undo(store, change)
    assert _reread(store, strength).items[1][0].sets == planned.sets
    changes.redo(store, change)
    assert _reread(store, strength).items[1][0].sets == 4


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("amount", 14),
        ("tempo", "3-1-1"),
        ("rest_seconds", 90),
        ("notes", "slow"),
        ("per_side", False),
    ],
)
def test_every_dose_field_is_saved(
    store: Store, strength: SessionView, field: str, value: object
) -> None:
    planned, exercise = strength.items[0]
    _apply(store, strength, editing.update_dose(strength.session, planned, exercise, field, value))
    assert getattr(_reread(store, strength).items[0][0], field) == value


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("sets", 21, "Sets: must be from 1 to 20 (got 21)"),
        ("sets", 0, "Sets: must be from 1 to 20 (got 0)"),
        ("amount", 0, "Reps: must be from 1 to 200 (got 0)"),
        ("amount", 201, "Reps: must be from 1 to 200 (got 201)"),
        ("load_kg", 600.0, "Load: must be from 0 to 500 kg (got 600)"),
        ("load_kg", -1.0, "Load: must be from 0 to 500 kg (got -1)"),
        ("rest_seconds", 901, "Rest: must be from 0 to 900 (got 901)"),
        ("tempo", "x" * 21, "Tempo: must be at most 20 characters"),
    ],
)
def test_out_of_range_dose_is_refused_before_anything_is_written(
    store: Store, strength: SessionView, field: str, value: object, message: str
) -> None:
    planned, exercise = _item(strength, "Reverse lunge")
    before = _snapshot(store, strength)
    with pytest.raises(ValidationError) as err:
        editing.update_dose(strength.session, planned, exercise, field, value)
    assert str(err.value) == message
    assert _snapshot(store, strength) == before


def test_amount_bounds_follow_the_dose_kind(store: Store, strength: SessionView) -> None:
    planned, exercise = _item(strength, "Side plank")  # a timed exercise
    _apply(store, strength, editing.update_dose(strength.session, planned, exercise, "amount", 600))
    assert _item(_reread(store, strength), "Side plank")[0].amount == 600
    with pytest.raises(ValidationError, match="Seconds: must be from 1 to 3600"):
        editing.update_dose(strength.session, planned, exercise, "amount", 3601)


def test_loads_are_entered_in_pounds_and_stored_in_kg(store: Store, strength: SessionView) -> None:
    planned, exercise = strength.items[0]
    edit = editing.update_dose(strength.session, planned, exercise, "load_kg", 44, Units.LB)
    _apply(store, strength, edit)
    stored = _reread(store, strength).items[0][0].load_kg
    assert stored == pytest.approx(19.958, abs=0.001)
    assert editing.load_for_display(stored, Units.LB) == 44
    with pytest.raises(ValidationError, match=r"Load: must be from 0 to 1,100 lb \(got 2000\)"):
        editing.update_dose(strength.session, planned, exercise, "load_kg", 2000, Units.LB)
    # the top of the range in pounds, a round number, is accepted and stays within 500 kg
    view = _reread(store, strength)  # the editor shows the session as saved
    edit = editing.update_dose(view.session, planned, exercise, "load_kg", 1100, Units.LB)
    _apply(store, view, edit)
    assert 498.9 < _reread(store, strength).items[0][0].load_kg <= 500
    # a load off the pound steps is kept on the step it is shown on
    view = _reread(store, strength)
    edit = editing.update_dose(view.session, planned, exercise, "load_kg", 16.5, Units.LB)
    _apply(store, view, edit)
    stored = _reread(store, strength).items[0][0].load_kg
    assert editing.load_for_display(stored, Units.LB) == 17.5


def test_editing_a_generated_session_marks_it_edited(store: Store, strength: SessionView) -> None:
    with store.transaction() as tx:
        tx.update_session(dataclasses.replace(strength.session, source="generator"))
    view = _reread(store, strength)
    planned, exercise = view.items[0]
    change = _apply(store, view, editing.update_dose(view.session, planned, exercise, "sets", 3))
    assert _reread(store, view).session.edited
    changes.undo(store, change)
    assert not _reread(store, view).session.edited


# ------------------------------------------------------------------------ order, removal


def test_reorder_writes_positions_and_undoes(store: Store, strength: SessionView) -> None:
    names = [e.name for _p, e in strength.items]
    edit = editing.move_planned(strength.session, strength.items, 0, 2)
    assert edit is not None and edit.label == f"Move {names[0]} to place 3"
    change = _apply(store, strength, edit)
    after = _reread(store, strength)
    assert [e.name for _p, e in after.items] == [names[1], names[2], names[0], *names[3:]]
    assert [p.position for p, _e in after.items] == list(range(len(names)))
    changes.undo(store, change)
    assert [e.name for _p, e in _reread(store, strength).items] == names
    assert editing.move_planned(strength.session, strength.items, 1, 1) is None
    with pytest.raises(ValidationError, match="Order"):
        editing.move_planned(strength.session, strength.items, 0, 99)


def test_remove_closes_up_positions_and_undo_brings_back_the_log(
    store: Store, strength: SessionView
) -> None:
    planned, exercise = strength.items[1]
    _apply(store, strength, set_logs.done_as_planned(strength.session, planned, exercise))
    view = _reread(store, strength)  # the editor shows the session as saved
    change = _apply(store, view, editing.remove_planned(view.session, planned, exercise))
    after = _reread(store, strength)
    assert exercise.name not in [e.name for _p, e in after.items]
    assert [p.position for p, _e in after.items] == list(range(len(strength.items) - 1))
    changes.undo(store, change)
    back = _reread(store, strength)
    assert back.items[1][1].name == exercise.name
    assert len(back.logs_of(back.items[1][0].id)) == planned.sets


# ---------------------------------------------------------------------------------- logs


def test_done_as_planned_logs_sets_times_amount(store: Store, strength: SessionView) -> None:
    planned, exercise = _item(strength, "Reverse lunge")
    change = _apply(store, strength, set_logs.done_as_planned(strength.session, planned, exercise))
    assert change.label == f"Log {planned.sets} sets of Reverse lunge"
    logs = _reread(store, strength).logs_of(planned.id)
    assert [(x.set_number, x.amount, x.load_kg) for x in logs] == [
        (n, planned.amount, planned.load_kg) for n in range(1, planned.sets + 1)
    ]
    changes.undo(store, change)
    assert _reread(store, strength).logs_of(planned.id) == ()


def test_log_one_value_of_a_set(store: Store, strength: SessionView) -> None:
    planned, exercise = _item(strength, "Reverse lunge")
    edit = set_logs.log_set(strength.session, planned, exercise, (), 2, "rpe", 7)
    assert edit.label == "Log set 2 of Reverse lunge"
    change = _apply(store, strength, edit)
    (log,) = _reread(store, strength).logs_of(planned.id)
    assert (log.set_number, log.amount, log.rpe, log.pain) == (2, planned.amount, 7, None)
    view = _reread(store, strength)
    second = _apply(
        store,
        view,
        set_logs.log_set(view.session, planned, exercise, view.logs_of(planned.id), 2, "amount", 6),
    )
    (log,) = _reread(store, strength).logs_of(planned.id)
    assert (log.amount, log.rpe) == (6, 7)
    changes.undo(store, second)  # in the undo stack's order
    changes.undo(store, change)
    assert _reread(store, strength).logs_of(planned.id) == ()


@pytest.mark.parametrize(
    ("field", "value", "units", "message"),
    [
        ("amount", -3, Units.KG, "Reps: must be from 0 to 200 (got -3)"),
        ("amount", 250, Units.KG, "Reps: must be from 0 to 200 (got 250)"),
        ("rpe", 11, Units.KG, "RPE: must be from 1 to 10 (got 11)"),
        ("rpe", 0, Units.KG, "RPE: must be from 1 to 10 (got 0)"),
        ("pain", -1, Units.KG, "Pain: must be from 0 to 10 (got -1)"),
        ("pain", 11, Units.KG, "Pain: must be from 0 to 10 (got 11)"),
        ("load", 2000, Units.KG, "Load: must be from 0 to 500 kg (got 2000)"),
        ("load", 4409.2, Units.LB, "Load: must be from 0 to 1,100 lb (got 4409.2)"),
    ],
)
def test_impossible_logs_are_refused(
    store: Store, strength: SessionView, field: str, value: object, units: Units, message: str
) -> None:
    planned, exercise = _item(strength, "Reverse lunge")
    _apply(store, strength, set_logs.done_as_planned(strength.session, planned, exercise))
    view = _reread(store, strength)
    before = _snapshot(store, view)
    with pytest.raises(ValidationError) as err:
        set_logs.log_set(
            view.session, planned, exercise, view.logs_of(planned.id), 1, field, value, units
        )
    assert str(err.value) == message
    assert _snapshot(store, view) == before


def test_note_stays_on_the_first_logged_set(store: Store, strength: SessionView) -> None:
    planned, exercise = _item(strength, "Reverse lunge")
    with pytest.raises(ValidationError, match="log at least one set first"):
        set_logs.set_log_note(strength.session, planned, exercise, (), "knee fine")
    _apply(store, strength, set_logs.done_as_planned(strength.session, planned, exercise))
    view = _reread(store, strength)
    logs = view.logs_of(planned.id)
    _apply(store, view, set_logs.set_log_note(view.session, planned, exercise, logs, "knee fine"))
    view = _reread(store, strength)
    assert view.note_of(planned.id) == "knee fine"
    assert [x.note for x in view.logs_of(planned.id)] == ["knee fine", ""]
    # clearing set 1 keeps the note, now on set 2
    logs = view.logs_of(planned.id)
    _apply(store, view, set_logs.log_set(view.session, planned, exercise, logs, 1, "amount", None))
    view = _reread(store, strength)
    assert [(x.set_number, x.note) for x in view.logs_of(planned.id)] == [(2, "knee fine")]


def test_done_as_planned_keeps_rpe_and_pain(store: Store, strength: SessionView) -> None:
    planned, exercise = _item(strength, "Reverse lunge")
    _apply(store, strength, set_logs.log_set(strength.session, planned, exercise, (), 1, "pain", 3))
    view = _reread(store, strength)
    _apply(store, view, set_logs.done_as_planned(view.session, planned, exercise))
    logs = _reread(store, strength).logs_of(planned.id)
    assert [x.pain for x in logs] == [3, None]


# ------------------------------------------------------------------------ session fields


def test_status_and_pain_persisting(store: Store, strength: SessionView) -> None:
    change = _apply(store, strength, editing.mark_status(strength.session, "done"))
    assert change.label == "Mark session done"
    assert _reread(store, strength).session.done
    view = _reread(store, strength)
    second = _apply(store, view, editing.mark_status(view.session, "skipped"))
    s = _reread(store, strength).session
    assert (s.done, s.skipped) == (False, True)
    changes.undo(store, second)  # in the undo stack's order
    changes.undo(store, change)
    assert not _reread(store, strength).session.done
    view = _reread(store, strength)  # as the editor shows it after the undo
    _apply(store, view, editing.set_pain_persisting(view.session, True))
    view = _reread(store, strength)
    assert view.session.pain_persisting and view.flagged
    assert view.reasons() == ["Pain has lasted more than 48 hours"]
    with pytest.raises(ValidationError, match="Status"):
        editing.mark_status(strength.session, "finished")


def test_run_fields(store: Store) -> None:
    run = _session(store, MONDAY, SessionKind.EASY)
    for field, value in (("minutes", 50), ("distance_km", 9.5), ("kind", "moderate")):
        run = _reread(store, run)  # the editor shows the session as saved
        _apply(store, run, editing.update_session_field(run.session, field, value))
    s = _reread(store, run).session
    assert (s.minutes, s.distance_km, s.kind) == (50, 9.5, SessionKind.MODERATE)
    before = _snapshot(store, run)
    with pytest.raises(ValidationError, match=r"Minutes: must be from 0 to 1440 \(got -5\)"):
        editing.update_session_field(run.session, "minutes", -5)
    with pytest.raises(ValidationError, match="Distance"):
        editing.update_session_field(run.session, "distance_km", 900.0)
    with pytest.raises(ValidationError, match="strength session stays"):
        editing.update_session_field(run.session, "kind", "strength")
    with pytest.raises(ValidationError, match="'abc' is not a whole number"):
        editing.parse_int("Minutes", "abc")
    assert _snapshot(store, run) == before


# ---------------------------------------------------------------------------------- pain


def test_pain_at_the_threshold_flags_session_and_exercise(
    store: Store, strength: SessionView
) -> None:
    planned, exercise = _item(strength, "Reverse lunge")
    _apply(store, strength, set_logs.log_set(strength.session, planned, exercise, (), 2, "pain", 4))
    assert not _reread(store, strength).flagged
    view = _reread(store, strength)
    logs = view.logs_of(planned.id)
    _apply(store, view, set_logs.log_set(view.session, planned, exercise, logs, 2, "pain", 7))
    view = _reread(store, strength)
    assert view.flagged and view.flags.exercises == {planned.id}
    assert view.reasons() == ["Pain 7/10 in set 2 of Reverse lunge"]
    with store.transaction() as tx:
        week = tx.sessions_between(view.athlete.id or -1, MONDAY, MONDAY + dt.timedelta(days=6))
        flags = pain_flags_for(tx, tx.session_details(week))
    assert flags.sessions == {view.session.id}
    assert flags.exercises == {planned.id}


def test_pain_flags_are_pure_and_cover_persisting_pain(strength: SessionView) -> None:
    s = dataclasses.replace(strength.session, id=10)
    quiet = SetLog(planned_exercise_id=1, set_number=1, amount=10, pain=2)
    sore = SetLog(planned_exercise_id=2, set_number=3, amount=10, pain=5)
    flags = pain_flags([(s, [quiet, sore])])
    assert flags.sessions == {10} and flags.exercises == {2}
    lasting = dataclasses.replace(s, id=11, pain_persisting=True)
    assert pain_flags([(lasting, [quiet])]).sessions == {11}
    assert pain_flags([(s, [quiet])]).sessions == frozenset()
    assert flag_reasons(s, {2: [sore]}, {2: "Wall sit"}) == ["Pain 5/10 in set 3 of Wall sit"]
    assert "a limp" in WARNING_SIGNS and len(WARNING_SIGNS) == 8
