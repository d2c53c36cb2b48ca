"""When logged pain means "stop and get it assessed", and what the app says then.

The rule of the pain guidance: a set logged with pain at or above the threshold,
or pain that has lasted more than 48 hours, flags the exercise and its session. The
texts are ours; the calendar, the session editor and the handouts can all show them.
Pure: sessions and set logs in, ids and words out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from runstrong_gui.domain.models import Session, SetLog

PAIN_THRESHOLD = 5  # pain 0–10 at or above which logging warns


def pain_flag(pain: int | None, persisting: bool, threshold: int = PAIN_THRESHOLD) -> bool:
    """Whether a logged set should raise the pain warning: pain at or above the
    threshold, or pain that has lasted more than 48 h (a warning sign)."""
    return persisting or (pain is not None and pain >= threshold)


GUIDANCE_TITLE = "Stop and get this looked at"
GUIDANCE_STEPS = (
    "Stop the exercise that hurts; don't work through it.",
    "Rest the painful area and leave out anything that brings the pain back.",
    "Have it assessed by a physiotherapist or doctor before you train it again.",
)
WARNING_SIGNS_INTRO = "Warning signs that call for this:"
WARNING_SIGNS = (
    "sharp or stabbing pain",
    "pain in a joint rather than in the muscle",
    "pain that builds while you do an exercise",
    "pain still there more than 48 hours later",
    "swelling",
    "a limp",
    "Achilles pain that is getting worse",
    "knee pain that has not settled after a day or two",
)
NORMAL_NOTE = (
    "Tired muscles and mild soreness are normal, and soreness after a new exercise "
    "can peak about two days later. Strength work supports recovery; it does not "
    "replace a professional assessment."
)


def set_flagged(log: SetLog, threshold: int = PAIN_THRESHOLD) -> bool:
    return pain_flag(log.pain, False, threshold)


def flagged_exercises(logs: Iterable[SetLog], threshold: int = PAIN_THRESHOLD) -> frozenset[int]:
    """Planned-exercise ids with at least one set logged at or above the pain threshold."""
    return frozenset(x.planned_exercise_id for x in logs if set_flagged(x, threshold))


def session_flagged(
    session: Session, logs: Iterable[SetLog], threshold: int = PAIN_THRESHOLD
) -> bool:
    """Persisting pain (asked per session) or a painful set flags the whole session."""
    return session.pain_persisting or any(set_flagged(x, threshold) for x in logs)


@dataclass(frozen=True)
class PainFlags:
    """Which sessions and which planned exercises carry the pain flag."""

    sessions: frozenset[int] = frozenset()
    exercises: frozenset[int] = frozenset()


def pain_flags(
    sessions_with_logs: Iterable[tuple[Session, Iterable[SetLog]]],
    threshold: int = PAIN_THRESHOLD,
) -> PainFlags:
    """Flags for many sessions at once, each given with all the set logs of its exercises."""
    sessions: set[int] = set()
    exercises: set[int] = set()
    for session, logs in sessions_with_logs:
        logs = list(logs)
        hurt = flagged_exercises(logs, threshold)
        exercises |= hurt
        if session.id is not None and (session.pain_persisting or hurt):
            sessions.add(session.id)
    return PainFlags(frozenset(sessions), frozenset(exercises))


def flag_reasons(
    session: Session,
    logs: Mapping[int, Iterable[SetLog]],
    names: Mapping[int, str],
    threshold: int = PAIN_THRESHOLD,
) -> list[str]:
    """Why a session is flagged, one line per cause, e.g. 'Pain 7/10 in set 2 of Wall sit'.

    ``logs`` and ``names`` are keyed by planned-exercise id.
    """
    reasons = []
    for planned_id, items in logs.items():
        worst = max(
            (x for x in items if set_flagged(x, threshold)),
            key=lambda x: (x.pain or 0, -x.set_number),
            default=None,
        )
        if worst is not None:
            name = names.get(planned_id, "an exercise")
            reasons.append(f"Pain {worst.pain}/10 in set {worst.set_number} of {name}")
    if session.pain_persisting:
        reasons.append("Pain has lasted more than 48 hours")
    return reasons
