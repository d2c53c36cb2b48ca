"""Writing the generated block and scaling a week: the rows in the store, and undo."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from plan_support import OPTIONS

from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import Athlete, Session, SessionDetail
from runstrong_gui.domain.progression import week_dates, week_number
from runstrong_gui.services import changes
from runstrong_gui.services import generate as gen
from runstrong_gui.storage.store import Store


def _athlete(store: Store) -> Athlete:
    with store.transaction() as tx:
        return tx.athletes()[0]


def _block(store: Store, athlete: Athlete, weeks: int = 12) -> list[SessionDetail]:
    dates = gen.block_dates(athlete, weeks)
    with store.transaction() as tx:
        return tx.session_details(tx.sessions_between(athlete.id or 0, dates[0], dates[-1]))


def _strength_by_week(athlete: Athlete, details: list[SessionDetail]) -> dict[int, list]:
    out: dict[int, list[SessionDetail]] = {}
    for d in details:
        if d.session.kind is SessionKind.STRENGTH:
            out.setdefault(week_number(athlete, d.session.date), []).append(d)
    return out


def _generate(store: Store, athlete: Athlete, keep: bool = False) -> changes.Change:
    return changes.record(
        store,
        "Generate",
        athlete.id or 0,
        gen.block_dates(athlete, OPTIONS.weeks),
        gen.generate_action(athlete.id or 0, OPTIONS, keep, athlete.block_start),
    )


def test_generate_writes_twelve_weeks_and_undo_removes_them(store: Store) -> None:
    athlete = _athlete(store)
    before = _block(store, athlete)
    change = _generate(store, athlete)
    after = _block(store, athlete)
    weeks = _strength_by_week(athlete, after)
    assert sorted(weeks) == list(range(1, 13))
    assert all(len(sessions) == 2 for sessions in weeks.values())
    assert all(d.session.source == "generator" and d.items for s in weeks.values() for d in s)
    assert len(change.outcome.created) == 24
    # the runs of the sample week are still there, untouched
    runs = [d.session for d in after if d.session.kind is not SessionKind.STRENGTH]
    assert runs == [d.session for d in before if d.session.kind is not SessionKind.STRENGTH]
    # strength goes after the run on a shared day (rule 3)
    for d in after:
        if d.session.kind is SessionKind.STRENGTH:
            same_day = [x.session for x in after if x.session.date == d.session.date]
            assert d.session.order == max(s.order for s in same_day)

    changes.undo(store, change)
    assert _block(store, athlete) == before
    changes.redo(store, change)
    assert _block(store, athlete) == after


def test_foundation_weeks_are_half_the_build_weeks_volume(store: Store) -> None:
    athlete = _athlete(store)
    _generate(store, athlete)
    weeks = _strength_by_week(athlete, _block(store, athlete))
    totals = {w: sum(p.sets for d in s for p, _e in d.items) for w, s in weeks.items()}
    for w in (1, 2):
        for d in weeks[w]:
            for p, e in d.items:
                assert p.sets == (e.sets + 1) // 2  # 2 sets where the library says 3
                assert p.load_kg == 0  # bodyweight only
    for w in range(3, 7):
        for d in weeks[w]:
            assert all(p.sets == e.sets for p, e in d.items)
    assert totals[1] == totals[2] and totals[3] == totals[6]
    assert totals[1] * 3 == totals[3] * 2  # every exercise lists 3 sets: 2 of 3 in weeks 1–2
    # weeks 3–6 bring light resistance to at least one lift the athlete can load
    assert any(p.load_kg > 0 for w in range(3, 7) for d in weeks[w] for p, _e in d.items)


def test_user_sessions_are_listed_and_kept_when_asked(store: Store) -> None:
    athlete = _athlete(store)
    first = _generate(store, athlete)
    week4 = week_dates(athlete, 4)
    with store.transaction() as tx:
        generated = [
            s
            for s in tx.sessions_between(athlete.id or 0, week4[0], week4[-1])
            if s.kind is SessionKind.STRENGTH
        ]
        edited = tx.update_session(dataclasses.replace(generated[0], edited=True, title="Mine"))
        own = tx.add_session(
            Session(athlete_id=athlete.id or 0, date=week_dates(athlete, 9)[2], kind="strength")
        )
    mine = gen.user_sessions(store, athlete.id or 0, 12)
    assert {s.id for s in mine} == {edited.id, own.id}
    kept = _block(store, athlete)
    kept_weeks = {4: [], 9: []}  # type: dict[int, list[SessionDetail]]
    for d in kept:
        w = week_number(athlete, d.session.date)
        if w in kept_weeks:
            kept_weeks[w].append(d)

    _generate(store, athlete, keep=True)
    now = _block(store, athlete)
    for w, details in kept_weeks.items():
        assert [d for d in now if week_number(athlete, d.session.date) == w] == details
    assert len(_strength_by_week(athlete, now)[5]) == 2

    _generate(store, athlete, keep=False)
    titles = {d.session.title for d in _block(store, athlete)}
    assert "Mine" not in titles
    assert not gen.user_sessions(store, athlete.id or 0, 12)
    assert first.outcome.created  # the first generation is what undo would go back to


def test_sample_week_counts_as_the_users(store: Store) -> None:
    athlete = _athlete(store)
    mine = gen.user_sessions(store, athlete.id or 0, 12)
    assert len(mine) == 2 and all(s.source == "template" for s in mine)
    assert all(week_number(athlete, s.date) == 1 for s in mine)


def test_scale_week_to_sixty_percent_and_undo(store: Store) -> None:
    athlete = _athlete(store)
    _generate(store, athlete)
    dates = week_dates(athlete, 5)
    before = _strength_by_week(athlete, _block(store, athlete))[5]
    change = changes.record(
        store, "Deload", athlete.id or 0, dates, gen.scale_week_action(athlete.id or 0, dates, 60)
    )
    after = _strength_by_week(athlete, _block(store, athlete))[5]
    for b, a in zip(before, after, strict=True):
        for (new, _e), (old, _f) in zip(a.items, b.items, strict=True):
            assert max(1, int(old.sets * 0.6)) <= new.sets <= max(1, -(-old.sets * 6 // 10))
        assert [p.amount for p, _ in a.items] == [p.amount for p, _ in b.items]
        assert a.session.edited  # a regeneration will ask before replacing it
    total = sum(p.sets for d in before for p, _ in d.items)
    assert sum(p.sets for d in after for p, _ in d.items) == round(total * 0.6)
    changes.undo(store, change)
    assert _strength_by_week(athlete, _block(store, athlete))[5] == before


def test_scaling_rounds_and_keeps_one_set() -> None:
    assert [gen.scaled_sets([s], 60) for s in (1, 2, 3, 4, 5)] == [[1], [1], [2], [2], [3]]
    assert gen.scaled_sets([3], 50) == [2]  # half up
    assert gen.scaled_sets([15], 200) == [20]  # never above the bound
    assert gen.scaled_sets([1, 1, 1], 10) == [1, 1, 1]  # never below one


def test_scaling_shares_the_sets_so_the_total_is_the_percentage_asked() -> None:
    # Ten exercises of 2 sets at 60 %: 12 sets, not ten times round(1.2) = 10 (50 %).
    assert gen.scaled_sets([2] * 10, 60) == [2, 2] + [1] * 8
    assert sum(gen.scaled_sets([3, 3, 2, 2, 3], 70)) == 9  # 13 × 0.7 = 9.1
    for percent in range(10, 201, 5):
        sets = [3, 2, 3, 3, 2, 2, 3]
        total = sum(gen.scaled_sets(sets, percent))
        assert abs(total - sum(sets) * percent / 100) <= 0.5 or total == len(sets)
    for bad in (0, 9, 201, True, 1.5):
        with pytest.raises(ValidationError) as refused:
            gen.scale_week_action(1, [dt.date(2026, 3, 2)], bad)  # type: ignore[arg-type]
        assert refused.value.field == "Percentage"


def test_default_weeks_run_to_a_race_soon_after_the_block(store: Store) -> None:
    athlete = _athlete(store)  # the sample's race is in week 15
    assert gen.default_weeks(athlete) == 15
    assert gen.default_weeks(dataclasses.replace(athlete, goal_race_date=None)) == 12
    far = athlete.block_start + dt.timedelta(weeks=30)
    assert gen.default_weeks(dataclasses.replace(athlete, goal_race_date=far)) == 12
    options = gen.default_options(athlete)
    assert options.strength_days == athlete.strength_days and options.weeks == 15


def test_peak_and_race_weeks_cut_volume(store: Store) -> None:
    athlete = _athlete(store)
    options = dataclasses.replace(OPTIONS, weeks=15)
    changes.record(
        store,
        "Generate",
        athlete.id or 0,
        gen.block_dates(athlete, 15),
        gen.generate_action(athlete.id or 0, options, False, athlete.block_start),
    )
    weeks = _strength_by_week(athlete, _block(store, athlete, 15))
    totals = {w: sum(p.sets for d in s for p, _e in d.items) for w, s in weeks.items()}
    for w in (13, 14, 15):  # peak, peak, race
        assert 0.5 * totals[12] <= totals[w] <= 0.7 * totals[12]


# --- regenerating keeps history (issue 14, defect 1) -----------------------------------


def _counts(store: Store) -> tuple[int, int, int]:
    """Rows as the store holds them: set logs, done sessions, skipped sessions."""
    with store.engine.connect() as con:
        logs = con.exec_driver_sql("SELECT count(*) FROM set_logs").scalar()
        done = con.exec_driver_sql("SELECT count(*) FROM training_sessions WHERE done").scalar()
        skipped = con.exec_driver_sql(
            "SELECT count(*) FROM training_sessions WHERE skipped"
        ).scalar()
    return int(logs), int(done), int(skipped)


def _snapshot(store: Store, athlete: Athlete, weeks: int = 12) -> changes.Snapshot:
    """Every session of the block with its planned exercises and their logs."""
    dates = gen.block_dates(athlete, weeks)
    with store.transaction() as tx:
        sessions = tx.sessions_between(athlete.id or 0, dates[0], dates[-1])
        return changes.capture(tx, [s.id for s in sessions if s.id is not None], sessions)


def _make_history(store: Store, athlete: Athlete) -> list[int]:
    """Weeks 1–3 of a generated block as an athlete leaves them: a session done with
    every set logged, one logged but never marked done, one skipped. Their ids."""
    from runstrong_gui.domain.models import SetLog

    by_week = _strength_by_week(athlete, _block(store, athlete))
    done, logged, skipped = by_week[1][0], by_week[2][1], by_week[3][0]
    with store.transaction() as tx:
        tx.update_session(dataclasses.replace(done.session, done=True))
        tx.update_session(dataclasses.replace(skipped.session, skipped=True))
        for detail in (done, logged):
            for p, _e in detail.items:
                assert p.id is not None
                tx.replace_logs(
                    p.id,
                    [
                        SetLog(planned_exercise_id=p.id, set_number=n, amount=p.amount, rpe=7)
                        for n in range(1, p.sets + 1)
                    ],
                )
    return [d.session.id or 0 for d in (done, logged, skipped)]


def test_replacing_keeps_done_skipped_and_logged_sessions_with_their_logs(store: Store) -> None:
    athlete = _athlete(store)
    _generate(store, athlete)
    history = _make_history(store, athlete)
    logs, done, skipped = _counts(store)
    assert logs > 0 and done == 1 and skipped == 1
    kept_before = {sid: _snapshot(store, athlete)[sid] for sid in history}
    before = _snapshot(store, athlete)
    change = _generate(store, athlete, keep=False)  # "Replace them"

    assert _counts(store) == (logs, done, skipped)
    after = _snapshot(store, athlete)
    assert {sid: after[sid] for sid in history} == kept_before  # untouched, logs and all
    block = _block(store, athlete)
    kept_days = {after[sid].session.date for sid in history}  # type: ignore[union-attr]
    strength = [d.session for d in block if d.session.kind is SessionKind.STRENGTH]
    for day in kept_days:  # a day holding a kept session gets no second strength session
        assert [s.id for s in strength if s.date == day] == [
            sid
            for sid in history
            if after[sid].session.date == day  # type: ignore[union-attr]
        ]
    # a week keeps its two strength sessions: the kept one stands for a generated one
    assert all(len(s) == 2 for s in _strength_by_week(athlete, block).values())
    assert len(change.outcome.created) == 24 - 3

    changes.undo(store, change)  # one action: undo brings back the replaced ones too
    assert _snapshot(store, athlete) == before
    changes.redo(store, change)
    assert _snapshot(store, athlete) == after


def test_the_question_counts_what_is_replaced_and_what_is_kept(store: Store) -> None:
    athlete = _athlete(store)
    _generate(store, athlete)
    history = _make_history(store, athlete)
    with store.transaction() as tx:
        own = tx.add_session(
            Session(athlete_id=athlete.id or 0, date=week_dates(athlete, 9)[2], kind="strength")
        )
    census = gen.block_sessions(store, athlete.id or 0, 12)
    assert sorted(s.id for s in census.history) == sorted(history)
    assert [s.id for s in census.mine] == [own.id]
    assert len(census.replaced) == 24 - 3 + 1  # every planned session with no log
    assert {s.id for s in gen.user_sessions(store, athlete.id or 0, 12)} == {*history, own.id}


def test_keeping_mine_leaves_history_weeks_as_they_are(store: Store) -> None:
    athlete = _athlete(store)
    _generate(store, athlete)
    history = _make_history(store, athlete)
    counts = _counts(store)
    before = _snapshot(store, athlete)
    _generate(store, athlete, keep=True)
    after = _snapshot(store, athlete)
    assert _counts(store) == counts
    assert all(after[sid] == before[sid] for sid in history)
    week_of = {sid: week_number(athlete, s.session.date) for sid, s in before.items() if s}
    for sid, state in before.items():
        if week_of[sid] in (1, 2, 3):  # the weeks holding history: exactly as they were
            assert after[sid] == state


def test_the_generation_is_one_transaction(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure half-way through writing the block leaves the store as it was."""
    athlete = _athlete(store)
    _generate(store, athlete)
    _make_history(store, athlete)
    before, counts = _snapshot(store, athlete), _counts(store)
    real = gen.write_generated
    calls = []

    def failing(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 5:
            raise RuntimeError("disk gone")
        return real(*args, **kwargs)

    monkeypatch.setattr(gen, "write_generated", failing)
    with pytest.raises(RuntimeError):
        _generate(store, athlete, keep=False)
    assert _snapshot(store, athlete) == before and _counts(store) == counts
