"""Pain flags for sessions already read from the store, with one more query for their logs.

The calendar calls :func:`pain_flags_for` inside the transaction that read the week, so
a week with a painful set shows its flag without a query per card.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from runstrong_gui.domain.pain import PAIN_THRESHOLD, PainFlags, pain_flag

if TYPE_CHECKING:
    from runstrong_gui.domain.models import SessionDetail
    from runstrong_gui.storage.store import Tx


def pain_flags_for(
    tx: Tx, details: Sequence[SessionDetail], threshold: int = PAIN_THRESHOLD
) -> PainFlags:
    """Flagged session ids and planned-exercise ids among ``details``.

    Only each exercise's highest logged pain is read: the flag needs no more, and
    converting every set of a busy week would cost a frame on a week switch.
    """
    planned_ids = [p.id for d in details for p, _e in d.items if p.id is not None]
    worst = tx.max_pain_for(planned_ids)
    exercises = {pid for pid, pain in worst.items() if pain_flag(pain, False, threshold)}
    sessions = {
        d.session.id
        for d in details
        if d.session.id is not None
        and (d.session.pain_persisting or any(p.id in exercises for p, _e in d.items))
    }
    return PainFlags(frozenset(sessions), frozenset(exercises))
