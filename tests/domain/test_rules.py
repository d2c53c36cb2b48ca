"""The scheduling rules: each one must fire when broken and stay quiet otherwise."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from runstrong_gui.domain.enums import (
    DoseKind,
    ExerciseGroup,
    ExerciseKind,
    Philosophy,
    SessionKind,
)
from runstrong_gui.domain.models import Athlete, Exercise, PlannedExercise, Session
from runstrong_gui.domain.rules import (
    INFO,
    WARNING,
    RuleWarning,
    baseline_weekly_sets,
    check_week,
    day_name,
    warnings_by_session,
)
from runstrong_gui.domain.strength_profile import StrengthProfile, strength_profile

START = dt.date(2026, 3, 2)  # a Monday: week 1 runs Monday 2 – Sunday 8 March 2026
EASY = Philosophy.EASY_DAYS
HARD = Philosophy.HARD_DAYS
K = SessionKind

CALF = Exercise("Single-leg calf raise", ExerciseGroup.CALF_ACHILLES, per_side=True, id=1)
SPLIT = Exercise("Split squat", ExerciseGroup.QUAD_SINGLE_LEG, per_side=True, id=2)
BRIDGE = Exercise("Glute bridge", ExerciseGroup.GLUTE_HIP, id=3)
DEAD_BUG = Exercise("Dead bug", ExerciseGroup.CORE, kind=ExerciseKind.CORE, per_side=True, id=4)
WALL_SIT = Exercise(
    "Wall sit",
    ExerciseGroup.QUAD_SINGLE_LEG,
    dose_kind=DoseKind.SECONDS,
    rep_min=30,
    rep_max=45,
    id=5,
)
JUMP = Exercise("Squat jump", ExerciseGroup.POWER, kind=ExerciseKind.PLYOMETRIC, id=6)
GOBLET = Exercise("Goblet squat", ExerciseGroup.COMPOUND, id=7)
PUSH_UP = Exercise("Push-up", ExerciseGroup.UPPER_BODY, id=8)

_ids = itertools.count(1000)


def day(offset: int) -> dt.date:
    """A date of week 1 (0 = Monday 2 March), or around it."""
    return START + dt.timedelta(days=offset)


def athlete(philosophy: Philosophy = EASY, race: dt.date | None = None) -> Athlete:
    return Athlete("Runner", block_start=START, philosophy=philosophy, goal_race_date=race, id=1)


def run(kind: SessionKind, offset: int, order: int = 0, skipped: bool = False) -> Session:
    return Session(
        athlete_id=1, date=day(offset), kind=kind, order=order, skipped=skipped, id=next(_ids)
    )


def strength(offset: int, order: int = 1, skipped: bool = False) -> Session:
    return Session(
        athlete_id=1, date=day(offset), kind=K.STRENGTH, order=order, skipped=skipped, id=next(_ids)
    )


def items(*doses: tuple[Exercise, int, float]) -> list[tuple[PlannedExercise, Exercise]]:
    return [
        (
            PlannedExercise(
                session_id=1, exercise_id=ex.id or 0, sets=sets, load_kg=load, per_side=ex.per_side
            ),
            ex,
        )
        for ex, sets, load in doses
    ]


def heavy(session: Session) -> StrengthProfile:
    """Loaded split squats: heavy legs."""
    return strength_profile(
        items((BRIDGE, 3, 0), (SPLIT, 3, 10.0), (CALF, 3, 0), (DEAD_BUG, 3, 0)), session.id
    )


def light(session: Session) -> StrengthProfile:
    """Foundation volume: six lower-body sets at bodyweight, not heavy."""
    return strength_profile(
        items((BRIDGE, 2, 0), (SPLIT, 2, 0), (CALF, 2, 0), (DEAD_BUG, 2, 0)), session.id
    )


def check(
    ath: Athlete,
    sessions: list[Session],
    profiles: dict[int, StrengthProfile],
    week: int = 1,
    baseline: float | None = None,
) -> list[RuleWarning]:
    return check_week(ath, week, sessions, profiles, baseline)


def rules(found: list[RuleWarning], severity: str | None = None) -> set[int]:
    return {w.rule for w in found if severity is None or w.severity == severity}


def two_heavy(*offsets: int) -> tuple[list[Session], dict[int, StrengthProfile]]:
    ss = [strength(o) for o in offsets]
    return ss, {s.id: heavy(s) for s in ss if s.id is not None}


# --- profiles -----------------------------------------------------------------------


class TestProfile:
    def test_full_bodyweight_volume_is_not_heavy(self) -> None:
        p = strength_profile(items((BRIDGE, 3, 0), (SPLIT, 3, 0), (CALF, 3, 0)), 7)
        assert p == StrengthProfile(7, True, False, 9, True, True, True)  # a split squat squats

    def test_a_romanian_deadlift_at_no_load_is_not_heavy_and_with_load_is(self) -> None:
        rdl = Exercise("Romanian deadlift", ExerciseGroup.GLUTE_HIP, id=9)
        assert not strength_profile(items((rdl, 3, 0))).heavy
        assert strength_profile(items((rdl, 3, 20.0))).heavy

    def test_a_bodyweight_foundation_session_before_a_long_run_raises_no_rule_5(self) -> None:
        s, long_run = strength(0), run(K.LONG, 1)
        foundation = items(
            (BRIDGE, 2, 0), (SPLIT, 2, 0), (CALF, 2, 0), (GOBLET, 2, 0), (WALL_SIT, 2, 0)
        )
        profiles = {s.id: strength_profile(foundation, s.id)}
        assert 5 not in rules(check(athlete(), [s, long_run, strength(3)], profiles))

    def test_eight_bodyweight_sets_are_not_heavy(self) -> None:
        p = strength_profile(items((BRIDGE, 4, 0), (CALF, 4, 0), (DEAD_BUG, 5, 0)))
        assert p.lower_body and not p.heavy and p.total_sets == 13

    def test_any_load_on_the_legs_is_heavy(self) -> None:
        assert strength_profile(items((SPLIT, 1, 2.5))).heavy

    def test_load_on_the_upper_body_alone_is_not(self) -> None:
        p = strength_profile(items((PUSH_UP, 3, 10.0), (DEAD_BUG, 3, 5.0)))
        assert not p.lower_body and not p.heavy

    def test_any_plyometric_is_heavy(self) -> None:
        assert strength_profile(items((JUMP, 1, 0))).heavy

    def test_single_leg_and_squat_pattern(self) -> None:
        assert not strength_profile(items((WALL_SIT, 3, 0), (CALF, 3, 0))).has_single_leg
        assert strength_profile(items((WALL_SIT, 3, 0))).has_squat_pattern
        assert strength_profile(items((GOBLET, 3, 0))).has_squat_pattern
        assert not strength_profile(items((BRIDGE, 3, 0))).has_squat_pattern

    def test_empty_session(self) -> None:
        p = strength_profile([], 3)
        assert (p.lower_body, p.heavy, p.total_sets, p.has_calf) == (False, False, 0, False)


# --- rule 1: how many sessions --------------------------------------------------------


class TestRule1:
    def test_no_strength_is_a_gap(self) -> None:
        found = check(athlete(), [run(K.EASY, 0)], {})
        assert [w.rule for w in found] == [1]
        assert found[0].severity == WARNING and "No strength" in found[0].message

    def test_one_session_warns_outside_peak(self) -> None:
        ss, prof = two_heavy(0)
        found = [w for w in check(athlete(), ss, prof) if w.rule == 1]
        assert len(found) == 1 and found[0].severity == WARNING
        assert "Monday 2 March" in found[0].message and found[0].session_ids == (ss[0].id,)

    @pytest.mark.parametrize("race_offset", [7, 5])  # week 1 is a peak week, or the race week
    def test_one_session_is_fine_in_peak_and_race_weeks(self, race_offset: int) -> None:
        ath = athlete(race=day(race_offset))
        ss, prof = two_heavy(0)
        assert 1 not in rules(check(ath, ss, prof))

    def test_two_sessions_are_fine(self) -> None:
        ss, prof = two_heavy(0, 3)
        assert 1 not in rules(check(athlete(), ss, prof))

    @pytest.mark.parametrize("week", [1, 3, 6, 0])
    def test_three_are_fine_in_foundation_build_and_before(self, week: int) -> None:
        ss = [
            Session(
                athlete_id=1, date=day(7 * (week - 1) + o), kind=K.STRENGTH, order=1, id=next(_ids)
            )
            for o in (0, 2, 4)
        ]
        assert 1 not in rules(check(athlete(), ss, {}, week=week))

    def test_three_are_a_note_in_load_weeks(self) -> None:
        ss = [
            Session(athlete_id=1, date=day(42 + o), kind=K.STRENGTH, order=1, id=next(_ids))
            for o in (0, 2, 4)
        ]
        found = [w for w in check(athlete(), ss, {}, week=7) if w.rule == 1]
        assert [w.severity for w in found] == [INFO]

    def test_more_than_three_warn(self) -> None:
        ss = [strength(o) for o in (0, 2, 4, 6)]
        found = [w for w in check(athlete(), ss, {}) if w.rule == 1]
        assert [w.severity for w in found] == [WARNING] and "4 strength" in found[0].message

    def test_skipped_sessions_do_not_count(self) -> None:
        ss = [strength(0), strength(3, skipped=True)]
        found = [w for w in check(athlete(), ss, {}) if w.rule == 1]
        assert len(found) == 1 and "Only one" in found[0].message

    def test_an_empty_week_before_the_block_is_quiet(self) -> None:
        assert check(athlete(), [], {}, week=0) == []


# --- rule 2: consecutive days -------------------------------------------------------


class TestRule2:
    def test_back_to_back_days_warn_naming_both(self) -> None:
        ss = [strength(1), strength(2)]
        found = [w for w in check(athlete(), ss, {}) if w.rule == 2]
        assert len(found) == 1 and found[0].severity == WARNING
        assert "Tuesday 3 March and Wednesday 4 March" in found[0].message
        assert set(found[0].session_ids) == {ss[0].id, ss[1].id}
        assert found[0].dates == (day(1), day(2))

    def test_a_day_between_is_fine(self) -> None:
        assert 2 not in rules(check(athlete(), [strength(1), strength(3)], {}))

    def test_sunday_before_and_monday_count(self) -> None:
        found = check(athlete(), [strength(-1), strength(0), strength(3)], {})
        assert 2 in rules(found, WARNING)

    def test_a_pair_wholly_outside_the_week_is_not_reported(self) -> None:
        ss = [strength(-3), strength(-2), strength(1), strength(4)]
        assert 2 not in rules(check(athlete(), ss, {}))

    def test_skipped_session_breaks_nothing(self) -> None:
        ss = [strength(1), strength(2, skipped=True), strength(4)]
        assert 2 not in rules(check(athlete(), ss, {}))


# --- rule 3: run first, then strength ---------------------------------------------------


class TestRule3:
    def test_strength_before_the_run_warns(self) -> None:
        ss = [strength(0, order=0), run(K.EASY, 0, order=1), strength(3)]
        found = [w for w in check(athlete(), ss, {}) if w.rule == 3]
        assert len(found) == 1 and "Monday 2 March" in found[0].message
        assert "run first, then strength" in found[0].message

    def test_run_first_is_fine(self) -> None:
        ss = [run(K.EASY, 0, order=0), strength(0, order=1), strength(3)]
        assert 3 not in rules(check(athlete(), ss, {}))

    def test_a_walk_is_not_a_run(self) -> None:
        ss = [strength(0, order=0), run(K.WALK, 0, order=1), strength(3)]
        assert 3 not in rules(check(athlete(), ss, {}))

    def test_skipped_run_does_not_count(self) -> None:
        ss = [strength(0, order=0), run(K.EASY, 0, order=1, skipped=True), strength(3)]
        assert 3 not in rules(check(athlete(), ss, {}))


# --- rule 4: 24 hours between hard run and hard strength ------------------------------


class TestRule4:
    def test_easy_days_heavy_strength_on_a_quality_day_warns(self) -> None:
        ss, prof = two_heavy(1, 4)
        found = [w for w in check(athlete(EASY), [run(K.QUALITY, 1), *ss], prof) if w.rule == 4]
        assert len(found) == 1 and found[0].severity == WARNING
        assert "Tuesday 3 March" in found[0].message and "quality run" in found[0].message

    def test_easy_days_light_strength_on_a_quality_day_is_fine(self) -> None:
        ss = [strength(1), strength(4)]
        prof = {s.id: light(s) for s in ss if s.id is not None}
        assert 4 not in rules(check(athlete(EASY), [run(K.QUALITY, 1), *ss], prof))

    @pytest.mark.parametrize("philosophy", [EASY, HARD])
    def test_heavy_strength_the_day_after_a_hard_run_is_fine(self, philosophy: Philosophy) -> None:
        ss, prof = two_heavy(2, 4)
        found = check(athlete(philosophy), [run(K.LONG, 1), *ss], prof)
        assert 4 not in rules(found, WARNING)

    def test_easy_days_heavy_strength_on_an_easy_day_is_fine(self) -> None:
        ss, prof = two_heavy(2, 4)
        assert 4 not in rules(check(athlete(EASY), [run(K.EASY, 2), *ss], prof))

    def test_hard_days_same_day_after_the_run_is_the_plan(self) -> None:
        ss, prof = two_heavy(1, 5)
        sessions = [run(K.QUALITY, 1), run(K.LONG, 5), *ss]
        assert 4 not in rules(check(athlete(HARD), sessions, prof))

    def test_hard_days_heavy_strength_on_a_recovery_day_is_a_note(self) -> None:
        ss, prof = two_heavy(1, 3)
        found = [
            w
            for w in check(athlete(HARD), [run(K.QUALITY, 1), run(K.EASY, 3), *ss], prof)
            if w.rule == 4
        ]
        assert [w.severity for w in found] == [INFO]
        assert "Thursday 5 March" in found[0].message and found[0].session_ids == (ss[1].id,)

    def test_hard_days_race_day_counts_as_hard(self) -> None:
        ss, prof = two_heavy(1, 5)
        found = check(athlete(HARD), [run(K.QUALITY, 1), run(K.RACE, 5), *ss], prof)
        assert 4 not in rules(found)


# --- rule 5: not the day before a long or quality run ----------------------------------


class TestRule5:
    @pytest.mark.parametrize("philosophy", [EASY, HARD])
    @pytest.mark.parametrize("kind", [K.LONG, K.QUALITY, K.RACE])
    def test_heavy_the_day_before_a_hard_run_warns(
        self, philosophy: Philosophy, kind: SessionKind
    ) -> None:
        ss, prof = two_heavy(1, 4)
        found = [w for w in check(athlete(philosophy), [run(kind, 5), *ss], prof) if w.rule == 5]
        assert len(found) == 1 and found[0].severity == WARNING
        assert "Friday 6 March" in found[0].message and "Saturday 7 March" in found[0].message
        assert found[0].dates == (day(4), day(5))

    @pytest.mark.parametrize("philosophy", [EASY, HARD])
    def test_light_strength_the_day_before_is_fine(self, philosophy: Philosophy) -> None:
        ss = [strength(1), strength(4)]
        prof = {s.id: light(s) for s in ss if s.id is not None}
        assert 5 not in rules(check(athlete(philosophy), [run(K.LONG, 5), *ss], prof))

    @pytest.mark.parametrize("philosophy", [EASY, HARD])
    def test_heavy_before_an_easy_run_is_fine(self, philosophy: Philosophy) -> None:
        ss, prof = two_heavy(1, 4)
        sessions = [run(K.EASY, 5), run(K.MODERATE, 2), *ss]
        assert 5 not in rules(check(athlete(philosophy), sessions, prof))

    def test_the_long_run_of_next_monday_counts(self) -> None:
        ss, prof = two_heavy(3, 6)
        found = [w for w in check(athlete(), [run(K.LONG, 7), *ss], prof) if w.rule == 5]
        assert len(found) == 1 and "Sunday 8 March" in found[0].message

    def test_skipped_long_run_does_not_count(self) -> None:
        ss, prof = two_heavy(1, 4)
        assert 5 not in rules(check(athlete(), [run(K.LONG, 5, skipped=True), *ss], prof))


# --- rule 6: peak volume ------------------------------------------------------------


class TestRule6:
    RACE = day(7 * 4 + 5)  # Saturday of week 5: weeks 3 and 4 are peak

    def week3(self, sets_each: int) -> tuple[list[Session], dict[int, StrengthProfile]]:
        ss = [
            Session(athlete_id=1, date=day(14 + o), kind=K.STRENGTH, order=1, id=next(_ids))
            for o in (0, 3)
        ]
        prof = {
            s.id: strength_profile(
                items((BRIDGE, sets_each, 0), (CALF, sets_each, 0), (SPLIT, sets_each, 0)), s.id
            )
            for s in ss
            if s.id is not None
        }
        return ss, prof

    def test_uncut_peak_volume_warns(self) -> None:
        ss, prof = self.week3(5)  # 30 sets of a usual 36: 83 %
        found = [w for w in check(athlete(race=self.RACE), ss, prof, 3, 36) if w.rule == 6]
        assert [w.severity for w in found] == [WARNING] and "30–50%" in found[0].message

    def test_a_forty_percent_cut_is_fine(self) -> None:
        ss, prof = self.week3(4)  # 24 of 36: 67 %
        assert 6 not in rules(check(athlete(race=self.RACE), ss, prof, 3, 36))

    def test_more_than_halved_is_a_note(self) -> None:
        ss, prof = self.week3(2)  # 12 of 36: 33 %
        found = [w for w in check(athlete(race=self.RACE), ss, prof, 3, 36) if w.rule == 6]
        assert [w.severity for w in found] == [INFO]

    def test_no_baseline_no_check(self) -> None:
        ss, prof = self.week3(5)
        assert 6 not in rules(check(athlete(race=self.RACE), ss, prof, 3, None))

    def test_only_in_peak_and_race_weeks(self) -> None:
        ss, prof = self.week3(5)
        assert 6 not in rules(check(athlete(), ss, prof, 3, 36))

    def test_baseline_is_the_mean_of_build_and_load_weeks(self) -> None:
        sets = {1: 10, 2: 10, 3: 30, 4: 0, 5: 36, 7: 42, 13: 50}
        assert baseline_weekly_sets(athlete(), sets) == pytest.approx(36)
        assert baseline_weekly_sets(athlete(), {1: 10}) is None


# --- rule 0 and rule 8 ----------------------------------------------------------------


class TestOutsideTheBlockAndAdvice:
    @pytest.mark.parametrize("week", [0, 13])
    def test_strength_outside_the_block_is_a_note(self, week: int) -> None:
        ss = [
            Session(
                athlete_id=1, date=day(7 * (week - 1) + o), kind=K.STRENGTH, order=1, id=next(_ids)
            )
            for o in (0, 3)
        ]
        found = [w for w in check(athlete(), ss, {}, week=week) if w.rule == 0]
        assert [w.severity for w in found] == [INFO] and "outside the 12-week" in found[0].message

    def test_no_note_without_strength(self) -> None:
        assert 0 not in rules(check(athlete(), [], {}, week=13))

    def test_a_balanced_week_gets_no_advice(self) -> None:
        ss, prof = two_heavy(0, 3)
        assert 8 not in rules(check(athlete(), ss, prof))

    def test_no_calves_and_no_single_leg(self) -> None:
        ss = [strength(0), strength(3)]
        prof = {
            s.id: strength_profile(items((BRIDGE, 3, 0), (WALL_SIT, 3, 0)), s.id)
            for s in ss
            if s.id is not None
        }
        found = [w for w in check(athlete(), ss, prof) if w.rule == 8]
        text = " | ".join(w.message for w in found)
        assert all(w.severity == INFO for w in found)
        assert "No calf work this week" in text and "No single-leg work" in text
        squat_notes = [w for w in found if "squats or lunges" in w.message]
        assert {w.session_ids for w in squat_notes} == {(ss[0].id,), (ss[1].id,)}

    def test_squats_without_calves_in_one_session(self) -> None:
        ss = [strength(0), strength(3)]
        prof = {
            ss[0].id: strength_profile(items((GOBLET, 3, 0), (SPLIT, 3, 0)), ss[0].id),
            ss[1].id: strength_profile(items((CALF, 3, 0), (BRIDGE, 3, 0)), ss[1].id),
        }
        found = [w for w in check(athlete(), ss, prof) if w.rule == 8]  # type: ignore[arg-type]
        assert len(found) == 1 and found[0].message.startswith("Monday 2 March")

    def test_no_advice_when_sessions_are_still_empty(self) -> None:
        assert 8 not in rules(check(athlete(), [strength(0), strength(3)], {}))


# --- the whole list -------------------------------------------------------------------


def test_warnings_come_first_then_by_rule_and_date() -> None:
    ss = [strength(43, order=0), strength(44), strength(48)]
    prof = {s.id: heavy(s) for s in ss if s.id is not None}
    sessions = [run(K.EASY, 43, order=1), run(K.LONG, 48), *ss]
    found = check(athlete(), sessions, prof, week=7)  # a Load week: three sessions is a note
    keys = [(w.severity != WARNING, w.rule, w.dates[0] if w.dates else dt.date.min) for w in found]
    assert keys == sorted(keys)
    assert rules(found, WARNING) == {2, 3, 4} and rules(found, INFO) == {1}


def test_messages_are_one_line_and_name_a_day() -> None:
    ss, prof = two_heavy(1, 2)
    found = check(athlete(), [run(K.QUALITY, 2), run(K.LONG, 3), *ss], prof)
    assert found
    for w in found:
        assert "\n" not in w.message and w.severity in (WARNING, INFO)
        if w.rule in (2, 3, 4, 5):
            assert any(day_name(d) in w.message for d in w.dates)


def test_warnings_by_session_groups_by_card() -> None:
    ss, prof = two_heavy(1, 2)
    found = check(athlete(), [run(K.QUALITY, 2), *ss], prof)
    grouped = warnings_by_session(found)
    assert {w.rule for w in grouped[ss[0].id]} == {2, 5}  # type: ignore[index]
    assert {w.rule for w in grouped[ss[1].id]} == {2, 4}  # type: ignore[index]
    assert all(sid in w.session_ids for sid, ws in grouped.items() for w in ws)


def test_day_name_does_not_depend_on_locale() -> None:
    assert day_name(dt.date(2026, 12, 31)) == "Thursday 31 December"


# --- rule 9: exercises this athlete should not do (yet) -------------------------------


class TestExerciseChoice:
    def test_jumps_warn_before_week_13_or_without_clearance(self) -> None:
        from runstrong_gui.domain.rules import exercise_warnings

        s = strength(3)
        cleared = Athlete("Runner", block_start=START, plyometrics_ok=True, id=1)
        found = exercise_warnings(athlete(), 1, [(s, items((JUMP, 2, 0)))], lambda e: False)
        assert [(w.rule, w.severity, w.session_ids) for w in found] == [(9, WARNING, (s.id,))]
        assert "not cleared for jumps" in found[0].message and "week 1" in found[0].message
        assert exercise_warnings(cleared, 13, [(s, items((JUMP, 2, 0)))], lambda e: False) == []
        avoided = exercise_warnings(cleared, 13, [(s, items((BRIDGE, 2, 0)))], lambda e: True)
        assert "avoid list" in avoided[0].message
