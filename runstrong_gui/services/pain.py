"""Pain flags for sessions already read from the store, with one more query for their logs.

The calendar calls :func:`pain_flags_for` inside the transaction that read the week, so
a week with a painful set shows its flag without a query per card.
"""

from __future__ import annotations

from collections.abc import Sequence

from runstrong_gui.domain.metrics import PAIN_THRESHOLD
from runstrong_gui.domain.pain import PainFlags, pain_flags
from runstrong_gui.storage.store import SessionDetail, Tx


def pain_flags_for(
    tx: Tx, details: Sequence[SessionDetail], threshold: int = PAIN_THRESHOLD
) -> PainFlags:
    """Flagged session ids and planned-exercise ids among ``details``."""
    planned_ids = [p.id for d in details for p, _e in d.items if p.id is not None]
    logs = tx.logs_for(planned_ids)
    return pain_flags(
        ((d.session, [x for p, _e in d.items for x in logs.get(p.id or -1, ())]) for d in details),
        threshold,
    )
