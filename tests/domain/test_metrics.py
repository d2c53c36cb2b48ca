"""Metrics behind the progress charts, on hand-made rows with the sums worked out below.

The athlete's week starts on Wednesday (week_start=2) and the block starts on Thursday
2024-01-04, so block week 1 runs Wed 2024-01-03 .. Tue 2024-01-09, week 2 runs
Wed 01-10 .. Tue 01-16, week 3 Wed 01-17 .. Tue 01-23, and week 0 ends Tue 01-02.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runstrong_gui.domain.enums import DoseKind, ExerciseGroup, SessionKind
from runstrong_gui.domain.metrics import (
    BUCKET_OF,
    Bucket,
    Compliance,
    ExerciseDay,
    LoadPoint,
    LoggedSet,
    SessionRow,
    WeekAdherence,
    WeekPain,
    WeekVolume,
    adherence,
    compliance_for,
    exercise_days,
    load_progression,
    pain_trend,
    run_minutes,
    set_series,
    volume_by_bucket,
    week_range,
    weekly_volume,
)
from runstrong_gui.domain.models import Athlete
from runstrong_gui.domain.pain import pain_flag
from runstrong_gui.domain.progression import week_number

D = dt.date
ATHLETE = Athlete(name="Ana", week_start=2, block_start=D(2024, 1, 4))

WEEK0_LAST = D(2024, 1, 2)  # Tuesday
WEEK1_FIRST = D(2024, 1, 3)  # Wednesday
WEEK1_LAST = D(2024, 1, 9)  # Tuesday
WEEK2_FIRST = D(2024, 1, 10)  # Wednesday
WEEK3 = D(2024, 1, 18)
WEEK4 = D(2024, 1, 25)
WEEK5 = D(2024, 2, 1)


def logged(
    day: dt.date,
    amount: int = 10,
    load_kg: float = 0.0,
    *,
    exercise_id: int = 1,
    group: ExerciseGroup = ExerciseGroup.GLUTE_HIP,
    dose_kind: DoseKind = DoseKind.REPS,
    pain: int | None = None,
    session_id: int = 1,
) -> LoggedSet:
    return LoggedSet(
        date=day,
        session_id=session_id,
        exercise_id=exercise_id,
        group=group,
        dose_kind=dose_kind,
        amount=amount,
        load_kg=load_kg,
        rpe=None,
        pain=pain,
    )


def session(
    day: dt.date,
    kind: SessionKind = SessionKind.STRENGTH,
    *,
    minutes: int | None = 30,
    done: bool = False,
    skipped: bool = False,
) -> SessionRow:
    return SessionRow(
        date=day,
        session_id=0,
        kind=kind,
        minutes=minutes,
        done=done,
        skipped=skipped,
        planned_sets=6,
    )


def test_fixture_week_boundaries_match_progression() -> None:
    # The dates the tests lean on really sit where the docstring says.
    assert WEEK1_FIRST.weekday() == 2 and WEEK1_LAST.weekday() == 1
    assert [week_number(ATHLETE, d) for d in (WEEK0_LAST, WEEK1_FIRST, WEEK1_LAST)] == [0, 1, 1]
    assert [week_number(ATHLETE, d) for d in (WEEK2_FIRST, WEEK3, WEEK4, WEEK5)] == [2, 3, 4, 5]


# ------------------------------------------------------------------------- weekly volume


def test_weekly_volume_by_hand_with_zero_filled_week() -> None:
    sets = [
        # Week 1, its last day: 3 × 10 at 20 kg -> 30 reps, 3 * 10 * 20 = 600 kg.
        *[logged(WEEK1_LAST, 10, 20.0) for _ in range(3)],
        # Week 1: a 45 s plank counts as a set, but adds no reps or tonnage.
        logged(WEEK1_FIRST, 45, 0.0, dose_kind=DoseKind.SECONDS, group=ExerciseGroup.CORE),
        # Week 2, its first day: 2 × 8 at 12.5 kg -> 16 reps, 2 * 8 * 12.5 = 200 kg.
        *[logged(WEEK2_FIRST, 8, 12.5) for _ in range(2)],
        # Week 0 (the Tuesday before week 1) is outside the range and ignored.
        logged(WEEK0_LAST, 10, 100.0),
    ]
    assert weekly_volume(ATHLETE, sets, range(1, 4)) == [
        WeekVolume(week=1, sets=4, reps=30, tonnage_kg=600.0),
        WeekVolume(week=2, sets=2, reps=16, tonnage_kg=200.0),
        WeekVolume(week=3, sets=0, reps=0, tonnage_kg=0.0),  # nothing logged: zero-filled
    ]


def test_weekly_volume_reaches_before_the_block_when_asked() -> None:
    # 1 × 10 at 100 kg in week 0 -> 1000 kg; week 1 empty.
    sets = [logged(WEEK0_LAST, 10, 100.0)]
    assert weekly_volume(ATHLETE, sets, range(2)) == [
        WeekVolume(0, 1, 10, 1000.0),
        WeekVolume(1, 0, 0, 0.0),
    ]


def test_weekly_volume_steps_and_metres_add_sets_only() -> None:
    sets = [
        logged(WEEK1_FIRST, 12, dose_kind=DoseKind.STEPS),
        logged(WEEK1_FIRST, 30, 16.0, dose_kind=DoseKind.METRES),  # loaded carry, 30 m
    ]
    assert weekly_volume(ATHLETE, sets, range(1, 2)) == [WeekVolume(1, 2, 0, 0.0)]


def test_weekly_volume_of_no_rows_is_all_zero() -> None:
    assert weekly_volume(ATHLETE, [], range(1, 13)) == [
        WeekVolume(w, 0, 0, 0.0) for w in range(1, 13)
    ]


def test_weekly_volume_of_an_empty_range_is_empty() -> None:
    assert weekly_volume(ATHLETE, [logged(WEEK1_FIRST)], range(5, 5)) == []


# ---------------------------------------------------------------------------- compliance


@pytest.mark.parametrize(
    ("planned", "done", "expected"),
    [
        (10, 10, Compliance.GREEN),
        (10, 8, Compliance.GREEN),  # exactly 20% under
        (10, 12, Compliance.GREEN),  # exactly 20% over
        (100, 79, Compliance.YELLOW),  # 21% under
        (100, 121, Compliance.YELLOW),  # 21% over
        (10, 5, Compliance.YELLOW),  # exactly 50% under
        (10, 15, Compliance.YELLOW),  # exactly 50% over
        (100, 49, Compliance.RED),  # 51% under
        (100, 151, Compliance.RED),  # 51% over
        (3, 0, Compliance.RED),  # planned, none done
        (0, 0, Compliance.NONE),  # nothing planned, nothing done
        (0, 2, Compliance.RED),  # done without a plan: beyond any band
        (150.0, 180.0, Compliance.GREEN),  # minutes: 30 of 150 = 20%
        (3, 3.6, Compliance.GREEN),  # 0.6 / 3 = 0.2000…04 in floats: still the edge
        (3, 4.5, Compliance.YELLOW),  # 1.5 / 3 = 50%
    ],
)
def test_compliance_edges(planned: float, done: float, expected: Compliance) -> None:
    assert compliance_for(planned, done) is expected


def test_compliance_refuses_negative_numbers() -> None:
    with pytest.raises(ValueError, match="negative"):
        compliance_for(-1, 0)


def test_compliance_labels_are_readable() -> None:
    assert Compliance.GREEN.label == "On plan"
    assert Compliance.NONE.label == "Nothing planned"
    assert all(c.label for c in Compliance)


@given(
    planned=st.integers(min_value=1, max_value=10_000),
    done=st.integers(min_value=0, max_value=20_000),
    k=st.integers(min_value=1, max_value=50),
)
def test_compliance_depends_only_on_the_relative_deviation(planned: int, done: int, k: int) -> None:
    assert compliance_for(planned, done) is compliance_for(planned * k, done * k)


# ----------------------------------------------------------------------------- adherence


def test_adherence_per_week() -> None:
    sessions = [
        # Week 1: 2 strength planned, 2 done -> ratio 1.0, green. Runs don't count.
        session(WEEK1_FIRST, done=True),
        session(WEEK1_LAST, done=True),
        session(WEEK1_FIRST, SessionKind.EASY, done=True),
        # Week 2: 5 planned (one of them skipped), 4 done -> 0.8, exactly 20% -> green.
        *[session(WEEK2_FIRST, done=True) for _ in range(4)],
        session(WEEK2_FIRST, skipped=True),
        # Week 3: 2 planned, 1 done -> 0.5, 50% -> yellow.
        session(WEEK3, done=True),
        session(WEEK3),
        # Week 4: 2 planned, none done -> red.
        session(WEEK4, skipped=True),
        session(WEEK4),
        # Week 5: only a long run -> no strength planned -> NONE.
        session(WEEK5, SessionKind.LONG, done=True),
        # Week 0: outside the range.
        session(WEEK0_LAST, done=True),
    ]
    assert adherence(ATHLETE, sessions, range(1, 7)) == [
        WeekAdherence(1, planned=2, done=2, ratio=1.0, compliance=Compliance.GREEN),
        WeekAdherence(2, planned=5, done=4, ratio=0.8, compliance=Compliance.GREEN),
        WeekAdherence(3, planned=2, done=1, ratio=0.5, compliance=Compliance.YELLOW),
        WeekAdherence(4, planned=2, done=0, ratio=0.0, compliance=Compliance.RED),
        WeekAdherence(5, planned=0, done=0, ratio=None, compliance=Compliance.NONE),
        WeekAdherence(6, planned=0, done=0, ratio=None, compliance=Compliance.NONE),
    ]


def test_adherence_three_planned_two_done_is_yellow() -> None:
    # 2 / 3 -> one third under the plan (33%) -> yellow.
    sessions = [
        session(WEEK1_FIRST, done=True),
        session(WEEK1_FIRST, done=True),
        session(WEEK1_LAST),
    ]
    [week] = adherence(ATHLETE, sessions, range(1, 2))
    assert week.ratio == pytest.approx(2 / 3)
    assert week.compliance is Compliance.YELLOW


# ------------------------------------------------------------------------ load progression


def test_load_progression_top_load_and_reps_per_day_sorted() -> None:
    day_a, day_b = D(2024, 1, 5), D(2024, 1, 12)
    sets = [
        # Given out of order on purpose.
        *[logged(day_b, 5, 25.0, exercise_id=7) for _ in range(3)],  # top 25, 3 * 5 = 15 reps
        logged(day_a, 10, 20.0, exercise_id=7),  # day A: 10 + 8 + 8 = 26 reps, top 22.5
        logged(day_a, 8, 22.5, exercise_id=7),
        logged(day_a, 8, 22.5, exercise_id=7),
        logged(day_a, 12, 60.0, exercise_id=8),  # another exercise: ignored
    ]
    assert load_progression(sets, 7) == [
        LoadPoint(day_a, top_load_kg=22.5, reps=26),
        LoadPoint(day_b, top_load_kg=25.0, reps=15),
    ]


def test_load_progression_bodyweight_and_unknown_exercise() -> None:
    sets = [logged(WEEK1_FIRST, 12, 0.0, exercise_id=3)]
    assert load_progression(sets, 3) == [LoadPoint(WEEK1_FIRST, 0.0, 12)]
    assert load_progression(sets, 99) == []


def test_load_progression_timed_sets_have_a_point_but_no_reps() -> None:
    sets = [logged(WEEK1_FIRST, 30, 0.0, exercise_id=4, dose_kind=DoseKind.SECONDS)]
    assert load_progression(sets, 4) == [LoadPoint(WEEK1_FIRST, 0.0, 0)]


# ------------------------------------------------------------------ sets summed per day


def test_exercise_days_sum_each_exercise_per_day() -> None:
    sets = [
        logged(WEEK1_FIRST, 10, 20.0, exercise_id=7, pain=2),
        logged(WEEK1_FIRST, 8, 22.5, exercise_id=7),
        logged(WEEK1_FIRST, 30, 0.0, exercise_id=4, dose_kind=DoseKind.SECONDS, pain=0),
        logged(WEEK1_FIRST, 6, 25.0, exercise_id=7, pain=5),
        logged(WEEK2_FIRST, 12, 0.0, exercise_id=7),
    ]
    reps, secs, glute = DoseKind.REPS, DoseKind.SECONDS, ExerciseGroup.GLUTE_HIP
    assert exercise_days(sets) == [
        # 3 sets, 24 reps, 10 * 20 + 8 * 22.5 + 6 * 25 = 530, top 25, pain 2 and 5 of 3 sets
        ExerciseDay(WEEK1_FIRST, 7, glute, reps, 3, 24, 530.0, 25.0, 5, 7, 2),
        ExerciseDay(WEEK1_FIRST, 4, glute, secs, 1, 30, 0.0, 0.0, 0, 0, 1),
        ExerciseDay(WEEK2_FIRST, 7, glute, reps, 1, 12, 0.0, 0.0, None, 0, 0),
    ]
    assert exercise_days([]) == []


def test_set_series_is_every_per_set_series_in_one_pass() -> None:
    sets = [
        *[logged(WEEK1_LAST, 10, 20.0, exercise_id=7, pain=1) for _ in range(3)],
        logged(WEEK1_FIRST, 45, 0.0, exercise_id=4, dose_kind=DoseKind.SECONDS),
        logged(WEEK2_FIRST, 8, 12.5, exercise_id=7, group=ExerciseGroup.CALF_ACHILLES),
        logged(WEEK0_LAST, 10, 100.0, exercise_id=7, pain=9),  # before the range
    ]
    weeks = range(1, 4)
    series = set_series(ATHLETE, exercise_days(sets), weeks)
    assert series.volume == weekly_volume(ATHLETE, sets, weeks)
    assert series.buckets == volume_by_bucket(ATHLETE, sets, weeks)
    assert series.pain == pain_trend(ATHLETE, sets, weeks)
    assert series.pain[0] == WeekPain(1, 1, 1.0)  # week 0's pain 9 is not in the range
    # The load chart reaches every day it is given, in the range or not.
    assert series.loads == {7: load_progression(sets, 7), 4: load_progression(sets, 4)}
    assert series.loads[7][0] == LoadPoint(WEEK0_LAST, 100.0, 10)
    assert series.dose_kinds == {7: DoseKind.REPS, 4: DoseKind.SECONDS}


# ---------------------------------------------------------------------------------- buckets


def test_every_group_has_a_bucket() -> None:
    assert set(BUCKET_OF) == set(ExerciseGroup)
    assert BUCKET_OF[ExerciseGroup.COMPOUND] is Bucket.QUADS
    assert BUCKET_OF[ExerciseGroup.POWER] is Bucket.QUADS


def test_bucket_labels() -> None:
    assert [b.label for b in Bucket] == [
        "Glutes and hips",
        "Calves",
        "Quads",
        "Core",
        "Upper body",
    ]


def test_volume_by_bucket() -> None:
    sets = [
        # Week 1: one set of each group -> glutes 1, calves 1, quads 3 (quad, compound,
        # power), core 1, upper body 1.
        *[logged(WEEK1_FIRST, group=g) for g in ExerciseGroup],
        # Week 3: two calf sets; week 2 stays zero.
        *[logged(WEEK3, group=ExerciseGroup.CALF_ACHILLES) for _ in range(2)],
        logged(WEEK0_LAST, group=ExerciseGroup.CORE),  # outside the range
    ]
    result = volume_by_bucket(ATHLETE, sets, range(1, 4))
    assert list(result) == list(Bucket)  # every bucket, in priority order
    assert result == {
        Bucket.GLUTES_HIPS: [1, 0, 0],
        Bucket.CALVES: [1, 0, 2],
        Bucket.QUADS: [3, 0, 0],
        Bucket.CORE: [1, 0, 0],
        Bucket.UPPER_BODY: [1, 0, 0],
    }


def test_volume_by_bucket_with_no_rows_is_zero_filled() -> None:
    assert volume_by_bucket(ATHLETE, [], range(1, 3)) == {b: [0, 0] for b in Bucket}


# ------------------------------------------------------------------------------- pain trend


def test_pain_trend() -> None:
    sets = [
        # Week 1: 2, 3, (none), 4 -> max 4, mean 9 / 3 = 3.0.
        logged(WEEK1_FIRST, pain=2),
        logged(WEEK1_FIRST, pain=3),
        logged(WEEK1_FIRST),
        logged(WEEK1_LAST, pain=4),
        # Week 2: 1, 2, 2, 4 -> max 4, mean 9 / 4 = 2.25 -> 2.3 (half up).
        *[logged(WEEK2_FIRST, pain=p) for p in (1, 2, 2, 4)],
        # Week 3: sets without pain -> None, None.
        logged(WEEK3),
        logged(WEEK3),
        # Week 4: a recorded 0 is a recording -> max 0, mean 0.0.
        logged(WEEK4, pain=0),
        # Week 5: 1, 1, 2 -> max 2, mean 4 / 3 = 1.33… -> 1.3.
        *[logged(WEEK5, pain=p) for p in (1, 1, 2)],
        logged(WEEK0_LAST, pain=10),  # outside the range
    ]
    assert pain_trend(ATHLETE, sets, range(1, 7)) == [
        WeekPain(1, max_pain=4, mean_pain=3.0),
        WeekPain(2, max_pain=4, mean_pain=2.3),
        WeekPain(3, max_pain=None, mean_pain=None),
        WeekPain(4, max_pain=0, mean_pain=0.0),
        WeekPain(5, max_pain=2, mean_pain=1.3),
        WeekPain(6, max_pain=None, mean_pain=None),  # no sets at all
    ]


def test_pain_mean_rounds_half_up_and_down() -> None:
    # 5, 6 -> 5.5 exactly; 6, 6, 7 -> 19 / 3 = 6.33 -> 6.3; 7, 8, 8 -> 23 / 3 = 7.67 -> 7.7.
    sets = [logged(WEEK1_FIRST, pain=p) for p in (5, 6)]
    sets += [logged(WEEK2_FIRST, pain=p) for p in (6, 6, 7)]
    sets += [logged(WEEK3, pain=p) for p in (7, 8, 8)]
    assert [w.mean_pain for w in pain_trend(ATHLETE, sets, range(1, 4))] == [5.5, 6.3, 7.7]


# ------------------------------------------------------------------------------ run minutes


def test_run_minutes_planned_and_done() -> None:
    sessions = [
        # Week 1: planned 30 + 90 + 50 = 170 (the skipped moderate run is left out);
        # done 30 + 90 = 120. Strength and walks are not runs.
        session(WEEK1_FIRST, SessionKind.EASY, minutes=30, done=True),
        session(WEEK1_LAST, SessionKind.LONG, minutes=90, done=True),
        session(WEEK1_FIRST, SessionKind.MODERATE, minutes=45, skipped=True),
        session(WEEK1_LAST, SessionKind.QUALITY, minutes=50),
        session(WEEK1_FIRST, SessionKind.STRENGTH, minutes=30, done=True),
        session(WEEK1_FIRST, SessionKind.WALK, minutes=40, done=True),
        session(WEEK1_FIRST, SessionKind.CROSS, minutes=60, done=True),
        # Week 2: a race without minutes counts 0.
        session(WEEK2_FIRST, SessionKind.RACE, minutes=None, done=True),
        session(WEEK0_LAST, SessionKind.LONG, minutes=120, done=True),  # outside the range
    ]
    assert run_minutes(ATHLETE, sessions, range(1, 4)) == [(170, 120), (0, 0), (0, 0)]


def test_run_minutes_feed_compliance() -> None:
    # 170 planned, 120 done -> 50 / 170 = 29% under -> yellow.
    [(planned, done)] = run_minutes(
        ATHLETE,
        [
            session(WEEK1_FIRST, SessionKind.EASY, minutes=120, done=True),
            session(WEEK1_FIRST, SessionKind.LONG, minutes=50),
        ],
        range(1, 2),
    )
    assert compliance_for(planned, done) is Compliance.YELLOW


# ------------------------------------------------------------------------------- week range

TODAY = D(2024, 4, 2)  # Tuesday: 90 days after Wed 01-03 -> 90 // 7 = 12 -> week 13


def test_week_range_block() -> None:
    assert week_range(ATHLETE, "block", TODAY, None) == range(1, 13)
    racing = dataclasses.replace(
        ATHLETE, goal_race_date=ATHLETE.block_start + dt.timedelta(weeks=14)
    )
    # the Progress tab's "This block" is the block the header and the Block view show
    assert week_range(racing, "block", TODAY, None) == range(1, 16)


def test_week_range_last12_ends_with_todays_week() -> None:
    assert week_number(ATHLETE, TODAY) == 13
    assert week_range(ATHLETE, "last12", TODAY, None) == range(2, 14)
    # Early in the block the last 12 weeks reach before it: week 2 -> weeks -9..2.
    assert week_range(ATHLETE, "last12", D(2024, 1, 10), None) == range(-9, 3)


def test_week_range_all() -> None:
    # First logged in week 0 (Tue 01-02) -> weeks 0..13.
    assert week_range(ATHLETE, "all", TODAY, WEEK0_LAST) == range(14)
    # Nothing logged: from week 1.
    assert week_range(ATHLETE, "all", TODAY, None) == range(1, 14)
    # Before the block starts, still one week: Fri 2023-12-01 is week -4.
    assert week_number(ATHLETE, D(2023, 12, 1)) == -4
    assert week_range(ATHLETE, "all", D(2023, 12, 1), None) == range(1, 2)
    # First planned day in the future: that one week.
    assert week_range(ATHLETE, "all", WEEK1_FIRST, WEEK3) == range(3, 4)


def test_week_range_unknown_scope() -> None:
    with pytest.raises(ValueError, match="last12"):
        week_range(ATHLETE, "forever", TODAY, None)


# -------------------------------------------------------------------------------- pain flag


@pytest.mark.parametrize(
    ("pain", "persisting", "threshold", "expected"),
    [
        (None, False, 5, False),
        (4, False, 5, False),
        (5, False, 5, True),  # at the threshold
        (10, False, 5, True),
        (0, True, 5, True),  # lasting more than 48 h, whatever the score
        (None, True, 5, True),
        (3, False, 3, True),
        (2, False, 3, False),
    ],
)
def test_pain_flag(pain: int | None, persisting: bool, threshold: int, expected: bool) -> None:
    assert pain_flag(pain, persisting, threshold) is expected


def test_pain_flag_default_threshold_is_5() -> None:
    assert pain_flag(5, False) and not pain_flag(4, False)


# --------------------------------------------------------------------------------- property

_groups = st.sampled_from(list(ExerciseGroup))
_kinds = st.sampled_from(list(DoseKind))


@st.composite
def _athlete_and_sets(draw: st.DrawFn) -> tuple[Athlete, list[LoggedSet]]:
    start = draw(st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 1, 1)))
    athlete = Athlete(name="P", week_start=draw(st.integers(0, 6)), block_start=start)
    offsets = st.integers(min_value=-120, max_value=400)
    rows = draw(
        st.lists(
            st.builds(
                lambda off, g, k, amount, load, pain: logged(
                    start + dt.timedelta(days=off), amount, load, group=g, dose_kind=k, pain=pain
                ),
                offsets,
                _groups,
                _kinds,
                st.integers(1, 200),
                st.floats(0, 500, allow_nan=False),
                st.none() | st.integers(0, 10),
            ),
            max_size=60,
        )
    )
    return athlete, rows


@given(data=_athlete_and_sets(), lo=st.integers(-20, 60), length=st.integers(0, 40))
def test_weekly_sets_add_up_to_the_sets_in_range(
    data: tuple[Athlete, list[LoggedSet]], lo: int, length: int
) -> None:
    athlete, sets = data
    weeks = range(lo, lo + length)
    in_range = [s for s in sets if week_number(athlete, s.date) in weeks]

    volume = weekly_volume(athlete, sets, weeks)
    assert [v.week for v in volume] == list(weeks)
    assert sum(v.sets for v in volume) == len(in_range)
    assert sum(v.reps for v in volume) == sum(
        s.amount for s in in_range if s.dose_kind is DoseKind.REPS
    )

    # The buckets split the same sets, week by week.
    buckets = volume_by_bucket(athlete, sets, weeks)
    per_week = [sum(col) for col in zip(*buckets.values(), strict=True)] if weeks else []
    assert per_week == [v.sets for v in volume]

    # Pain: the worst of a week bounds its mean.
    for p in pain_trend(athlete, sets, weeks):
        assert (p.max_pain is None) == (p.mean_pain is None)
        if p.max_pain is not None and p.mean_pain is not None:
            assert 0 <= p.mean_pain <= p.max_pain


@given(data=_athlete_and_sets(), lo=st.integers(-20, 60), length=st.integers(1, 40))
def test_summing_sets_per_day_keeps_every_total(
    data: tuple[Athlete, list[LoggedSet]], lo: int, length: int
) -> None:
    athlete, sets = data
    weeks = range(lo, lo + length)
    days = exercise_days(sets)
    assert sum(d.sets for d in days) == len(sets)
    assert sum(d.amount for d in days) == sum(s.amount for s in sets)
    assert sum(d.pain_count for d in days) == sum(s.pain is not None for s in sets)
    series = set_series(athlete, days, weeks)
    assert series.loads.get(1, []) == load_progression(sets, 1)
    in_range = [s for s in sets if week_number(athlete, s.date) in weeks]
    assert sum(v.sets for v in series.volume) == len(in_range)
    assert sum(v.tonnage_kg for v in series.volume) == pytest.approx(
        sum(s.load_kg * s.amount for s in in_range if s.dose_kind is DoseKind.REPS)
    )
    worst = [s.pain for s in in_range if s.pain is not None]
    assert max((p.max_pain for p in series.pain if p.max_pain is not None), default=None) == (
        max(worst, default=None)
    )
