"""The scheduling rules of the running week as pure functions over one week of sessions.

The week view and the generator ask the same question — "what is wrong with this
week?" — so both call :func:`check_week` (or its placement subset,
:func:`placement_warnings`) and never re-implement a rule. Rules are judged by dates,
not clock times: the app does not know when in the day a session happens.

Sessions dated outside the week are accepted as context: a strength session on the
Sunday before, or a long run on the Monday after, still counts for rules 2 and 5, so a
week that ends in a clash with the next one is not silently clean. Warnings are only
raised when at least one of the sessions involved lies in the week asked about.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from runstrong_gui.domain.dates import day_name
from runstrong_gui.domain.enums import Phase, Philosophy, SessionKind
from runstrong_gui.domain.models import Athlete, Exercise, PlannedExercise, Session
from runstrong_gui.domain.progression import (
    BLOCK_WEEKS,
    block_weeks,
    phase_of,
    week_begin,
    week_dates,
)
from runstrong_gui.domain.strength_profile import StrengthProfile, is_plyometric, session_profile

WARNING = "warning"
INFO = "info"
RULE_OUTSIDE_BLOCK = 0
RULE_ADVICE = 8
RULE_EXERCISE_CHOICE = 9  # an exercise this athlete should not do (yet)
PLACEMENT_RULES = frozenset({2, 3, 4, 5})

PEAK_MAX_SHARE = 0.7  # a cut of at least 30 %…
PEAK_MIN_SHARE = 0.5  # …and at most 50 %
_RUN_KINDS = frozenset(k for k in SessionKind if k.is_run)
_HARD_RUN_KINDS = frozenset(k for k in SessionKind if k.is_hard_run)


@dataclass(frozen=True)
class RuleWarning:
    """One broken rule, worded for the runner, with the cards it points at."""

    rule: int
    severity: str
    message: str
    session_ids: tuple[int, ...] = ()
    dates: tuple[dt.date, ...] = ()


def _ids(sessions: Iterable[Session]) -> tuple[int, ...]:
    seen: dict[int, None] = {}
    for s in sessions:
        if s.id is not None:
            seen.setdefault(s.id, None)
    return tuple(seen)


def _warn(
    rule: int, severity: str, message: str, sessions: Iterable[Session], dates: Iterable[dt.date]
) -> RuleWarning:
    return RuleWarning(rule, severity, message, _ids(sessions), tuple(sorted(set(dates))))


def _sort_key(w: RuleWarning) -> tuple[int, int, dt.date, str]:
    return (
        0 if w.severity == WARNING else 1,
        w.rule,
        w.dates[0] if w.dates else dt.date.min,
        w.message,
    )


def _run_name(runs: Sequence[Session]) -> str:
    labels = list(dict.fromkeys(s.kind.label.lower() for s in runs))
    return " and ".join(labels)


def placement_warnings(
    athlete: Athlete,
    week: int,
    sessions: Sequence[Session],
    profiles: Mapping[int, StrengthProfile],
) -> list[RuleWarning]:
    """Rules 2–5: the ones that depend only on where strength sits in the week.

    Split out so the generator can score a candidate placement cheaply with exactly the
    logic the week view shows. Rule 7 (the philosophy) shapes rules 4 and 5 here.
    """
    first = week_begin(athlete.block_start, athlete.week_start) + dt.timedelta(weeks=week - 1)
    last = first + dt.timedelta(days=6)
    runs_by_day: dict[dt.date, list[Session]] = {}
    strength: dict[dt.date, list[Session]] = {}
    heavy_by_day: dict[dt.date, list[Session]] = {}
    hard_by_day: dict[dt.date, list[Session]] = {}
    for s in sessions:
        if s.skipped:
            continue
        if s.kind is SessionKind.STRENGTH:
            strength.setdefault(s.date, []).append(s)
            if session_profile(profiles, s).heavy:
                heavy_by_day.setdefault(s.date, []).append(s)
        elif s.kind in _RUN_KINDS:
            runs_by_day.setdefault(s.date, []).append(s)
            if s.kind in _HARD_RUN_KINDS:
                hard_by_day.setdefault(s.date, []).append(s)

    def in_week(day: dt.date) -> bool:
        return first <= day <= last

    def strength_on(day: dt.date) -> list[Session]:
        return strength.get(day, [])

    def heavy_on(day: dt.date) -> list[Session]:
        return heavy_by_day.get(day, [])

    def hard_runs_on(day: dt.date) -> list[Session]:
        return hard_by_day.get(day, [])

    out: list[RuleWarning] = []
    one = dt.timedelta(days=1)
    strength_days = sorted(strength)
    for day in strength_days:
        nxt = day + one
        # Rule 2: back-to-back strength days.
        if strength_on(nxt) and (in_week(day) or in_week(nxt)):
            out.append(
                _warn(
                    2,
                    WARNING,
                    f"Strength on {day_name(day)} and {day_name(nxt)}: back-to-back days leave "
                    "no recovery between sessions.",
                    strength_on(day) + strength_on(nxt),
                    (day, nxt),
                )
            )
        # Rule 5: heavy legs the day before a long run, quality run or race.
        heavy, hard_next = heavy_on(day), hard_runs_on(nxt)
        if heavy and hard_next and (in_week(day) or in_week(nxt)):
            out.append(
                _warn(
                    5,
                    WARNING,
                    f"Heavy lower-body strength on {day_name(day)}, the day before the "
                    f"{_run_name(hard_next)} on {day_name(nxt)}: move it or keep it light.",
                    heavy + hard_next,
                    (day, nxt),
                )
            )
        if not in_week(day):
            continue
        # Rule 3: strength before a run on the same day.
        runs = runs_by_day.get(day, [])
        early = [s for s in strength_on(day) if any(s.order < r.order for r in runs)]
        if early:
            later = [r for r in runs if any(s.order < r.order for s in early)]
            out.append(
                _warn(
                    3,
                    WARNING,
                    f"{day_name(day)}: strength is planned before the {_run_name(later)}; "
                    "run first, then strength.",
                    early + later,
                    (day,),
                )
            )
        # Rule 4: hard run and heavy strength within 24 hours (the same date). Under
        # hard-days-hard the same day is the plan; strength *before* that run is already
        # rule 3's warning, so it is not reported twice.
        if not heavy:
            continue
        hard_today = hard_runs_on(day)
        if athlete.philosophy is Philosophy.EASY_DAYS and hard_today:
            out.append(
                _warn(
                    4,
                    WARNING,
                    f"Heavy strength and the {_run_name(hard_today)} both on {day_name(day)}: "
                    "keep 24 hours between a hard run and a hard strength session.",
                    heavy + hard_today,
                    (day,),
                )
            )
        elif athlete.philosophy is Philosophy.HARD_DAYS and not hard_today:
            out.append(
                _warn(
                    4,
                    INFO,
                    f"Heavy strength on {day_name(day)}, a day without a long or quality run: "
                    "hard-days-hard keeps recovery days easy.",
                    heavy,
                    (day,),
                )
            )
    return out


def _count_warnings(athlete: Athlete, week: int, strength: Sequence[Session]) -> list[RuleWarning]:
    """Rule 1: how many strength sessions the week holds, judged by its phase."""
    phase = phase_of(athlete, week)
    n = len(strength)
    dates = [s.date for s in strength]
    if n == 0:
        if phase is Phase.BEFORE:  # nothing is due before the block starts
            return []
        return [
            _warn(
                1,
                WARNING,
                "No strength session this week: two a week keep runners "
                "strong, and even one helps.",
                (),
                (),
            )
        ]
    if n == 1:
        if phase in (Phase.PEAK, Phase.RACE, Phase.BEFORE):
            return []
        return [
            _warn(
                1,
                WARNING,
                f"Only one strength session this week "
                f"({day_name(dates[0])}): two a week are the aim outside "
                "peak and race weeks.",
                strength,
                dates,
            )
        ]
    if n == 3:
        if phase in (Phase.FOUNDATION, Phase.BUILD, Phase.BEFORE):
            return []
        return [
            _warn(
                1,
                INFO,
                "Three strength sessions this week is a lot outside the "
                "off-season and low-mileage phases; two are usually enough.",
                strength,
                dates,
            )
        ]
    if n > 3:
        return [
            _warn(
                1,
                WARNING,
                f"{n} strength sessions this week: more than three leaves "
                "too little recovery for running.",
                strength,
                dates,
            )
        ]
    return []


def _peak_volume_warnings(
    athlete: Athlete,
    week: int,
    strength: Sequence[Session],
    profiles: Mapping[int, StrengthProfile],
    baseline_sets: float | None,
) -> list[RuleWarning]:
    """Rule 6: before a race, keep the load but cut the volume by 30–50 %."""
    if baseline_sets is None or baseline_sets <= 0 or not strength:
        return []
    if phase_of(athlete, week) not in (Phase.PEAK, Phase.RACE):
        return []
    sets = sum(session_profile(profiles, s).total_sets for s in strength)
    share = sets / baseline_sets
    dates = [s.date for s in strength]
    if share > PEAK_MAX_SHARE:
        return [
            _warn(
                6,
                WARNING,
                f"{sets} strength sets this week is {share:.0%} of your usual "
                f"{baseline_sets:.0f}: cut volume 30–50% before the race and "
                "keep the load.",
                strength,
                dates,
            )
        ]
    if share < PEAK_MIN_SHARE:
        return [
            _warn(
                6,
                INFO,
                f"Strength volume this week is {share:.0%} of usual, more than "
                "halved: keep some intensity so the gains hold.",
                strength,
                dates,
            )
        ]
    return []


def _advisories(
    strength: Sequence[Session], profiles: Mapping[int, StrengthProfile]
) -> list[RuleWarning]:
    """Rule 8: the common mistakes of strength work for runners, as gentle information."""
    known = [(s, session_profile(profiles, s)) for s in strength]
    if not any(p.total_sets > 0 for _, p in known):
        return []  # nothing planned in the sessions yet: nothing to advise on
    dates = [s.date for s in strength]
    out: list[RuleWarning] = []
    if not any(p.has_calf for _, p in known):
        out.append(
            _warn(
                RULE_ADVICE,
                INFO,
                "No calf work this week: every session should load the calves and Achilles.",
                strength,
                dates,
            )
        )
    if not any(p.has_single_leg for _, p in known):
        out.append(
            _warn(
                RULE_ADVICE,
                INFO,
                "No single-leg work this week: add a split squat, step-down or single-leg bridge.",
                strength,
                dates,
            )
        )
    for s, p in known:
        if p.has_squat_pattern and not p.has_calf:
            out.append(
                _warn(
                    RULE_ADVICE,
                    INFO,
                    f"{day_name(s.date)}: squats or lunges with no "
                    "calf work; every session should load the "
                    "calves.",
                    (s,),
                    (s.date,),
                )
            )
    return out


def check_week(
    athlete: Athlete,
    week: int,
    sessions: Sequence[Session],
    profiles: Mapping[int, StrengthProfile],
    baseline_sets: float | None = None,
) -> list[RuleWarning]:
    """Every scheduling rule for block week ``week``, most serious first.

    ``sessions`` holds the week's sessions (ids set) and may hold neighbouring days as
    context; ``profiles`` maps strength-session id to its profile; ``baseline_sets`` is
    the athlete's usual weekly strength sets (see :func:`baseline_weekly_sets`), needed
    for rule 6's volume check. Skipped sessions are ignored throughout.
    """
    in_week = set(week_dates(athlete, week))
    strength = sorted(
        (
            s
            for s in sessions
            if not s.skipped and s.kind is SessionKind.STRENGTH and s.date in in_week
        ),
        key=lambda s: (s.date, s.order),
    )
    out = _count_warnings(athlete, week, strength)
    out += placement_warnings(athlete, week, sessions, profiles)
    out += _peak_volume_warnings(athlete, week, strength, profiles, baseline_sets)
    length = block_weeks(athlete)
    if strength and (week < 1 or week > length):
        out.append(
            _warn(
                RULE_OUTSIDE_BLOCK,
                INFO,
                f"Week {week} is outside the {length}-week block: "
                "its phases and progression do not apply.",
                strength,
                [s.date for s in strength],
            )
        )
    out += _advisories(strength, profiles)
    return sorted(out, key=_sort_key)


def exercise_warnings(
    athlete: Athlete,
    week: int,
    sessions: Iterable[tuple[Session, Sequence[tuple[PlannedExercise, Exercise]]]],
    avoided: Callable[[Exercise], bool],
) -> list[RuleWarning]:
    """Exercises the plan holds that this athlete should not do: on the avoid list, or
    jumps before the 12-week base is done or without the athlete's clearance.

    The generator never picks these, but a drop from the library can put them anywhere,
    so the week's own warnings must say so on the card and in the list.
    ``avoided`` tells an exercise on the athlete's avoid list (the services own how its
    words are matched).
    """
    out: list[RuleWarning] = []
    for session, items in sessions:
        if session.skipped or session.kind is not SessionKind.STRENGTH:
            continue
        for _planned, exercise in items:
            reasons = []
            if avoided(exercise):
                reasons.append("it is on the athlete's avoid list")
            if is_plyometric(exercise):
                if not athlete.plyometrics_ok:
                    reasons.append("the athlete is not cleared for jumps")
                if week <= BLOCK_WEEKS:
                    reasons.append(
                        f"jumps come after the {BLOCK_WEEKS}-week base, and this is week {week}"
                    )
            if reasons:
                out.append(
                    _warn(
                        RULE_EXERCISE_CHOICE,
                        WARNING,
                        f"{exercise.name} on {day_name(session.date)}: "
                        f"{'; '.join(reasons)}. Swap it for another exercise.",
                        (session,),
                        (session.date,),
                    )
                )
    return sorted(out, key=_sort_key)


def warnings_by_session(warnings: Iterable[RuleWarning]) -> dict[int, list[RuleWarning]]:
    """Group warnings under each card they name, so a card can show its own badge."""
    out: dict[int, list[RuleWarning]] = {}
    for w in warnings:
        for sid in w.session_ids:
            out.setdefault(sid, []).append(w)
    return out


def baseline_weekly_sets(athlete: Athlete, sets_by_week: Mapping[int, int]) -> float | None:
    """The athlete's usual weekly strength sets: the mean over Build and Load weeks.

    This is the yardstick rule 6 measures a peak week against. Weeks with no strength
    (holidays, illness) are left out: they would drag the mean down and make a properly
    cut peak week look uncut.
    """
    usual = [
        sets
        for week, sets in sets_by_week.items()
        if sets > 0 and phase_of(athlete, week) in (Phase.BUILD, Phase.LOAD)
    ]
    return sum(usual) / len(usual) if usual else None
