"""Saving an athlete's profile (new or changed), one transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from runstrong_gui.domain.models import Athlete

if TYPE_CHECKING:
    from runstrong_gui.storage.store import Store


def save_athlete(store: Store, athlete: Athlete) -> Athlete:
    """Add the athlete (no id yet) or update them; returns what the store holds."""
    with store.transaction() as tx:
        if athlete.id is None:
            return tx.add_athlete(athlete)
        return tx.update_athlete(athlete)
