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


def demo_athletes(store: Store) -> list[Athlete]:
    """The demo athletes (archived ones too): what Remove demo athlete would delete."""
    with store.transaction() as tx:
        return [a for a in tx.athletes(include_archived=True) if a.demo]


def remove_demo_athletes(store: Store) -> list[Athlete]:
    """Delete every demo athlete with their plans and logged history, in one transaction;
    returns who was removed. Real athletes are never touched (the store refuses)."""
    with store.transaction() as tx:
        demos = [a for a in tx.athletes(include_archived=True) if a.demo]
        for a in demos:
            tx.delete_demo_athlete(a.id or 0)
    return demos
