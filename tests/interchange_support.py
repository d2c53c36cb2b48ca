"""Stores for the interchange tests: an empty one, and one holding a bit of everything."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from runstrong_gui.domain.enums import DoseKind, ExerciseGroup, SessionKind
from runstrong_gui.domain.models import Athlete, Exercise, PlannedExercise, Session, SetLog
from runstrong_gui.services.bootstrap import SEEDED_FLAG, prepare_store
from runstrong_gui.services.templates import save_template, session_payload
from runstrong_gui.storage.engine import sqlite_url
from runstrong_gui.storage.store import Store

TODAY = dt.date(2026, 3, 4)


def empty_store(path: Path) -> Store:
    """A store with the built-in library and templates and no athlete at all."""
    store = Store.open(sqlite_url(path))
    with store.transaction() as tx:
        tx.set_setting(SEEDED_FLAG, {"sample_athlete": True})
    prepare_store(store, today=TODAY)
    return store


def full_store(path: Path) -> Store:
    """The sample athlete's week, plus: a custom exercise used in a logged session, a
    saved routine naming it, a second athlete in pounds with a run."""
    store = Store.open(sqlite_url(path))
    prepare_store(store, today=TODAY)
    with store.transaction() as tx:
        sample = tx.athletes()[0]
        custom = tx.add_exercise(
            Exercise(
                "Hip thrust on bench",
                ExerciseGroup.GLUTE_HIP,
                sets=3,
                rep_min=8,
                rep_max=10,
                cues=("Ribs down", "Pause at the top"),
            )
        )
        plank = next(e for e in tx.exercises() if e.dose_kind is DoseKind.SECONDS)
        done = tx.add_session(
            Session(
                sample.id or 0,
                TODAY - dt.timedelta(days=1),
                SessionKind.STRENGTH,
                order=1,
                title='Gym, with "quotes", commas',
                minutes=35,
                notes="Felt strong\nsecond line",
                done=True,
            )
        )
        p1 = tx.add_planned(PlannedExercise(done.id or 0, custom.id or 0, 0, 3, 8, 40.0))
        p2 = tx.add_planned(PlannedExercise(done.id or 0, plank.id or 0, 1, 2, 30))
        at = dt.datetime(2026, 3, 3, 18, 5, 0)
        tx.replace_logs(
            p1.id or 0,
            [
                SetLog(
                    p1.id or 0,
                    n,
                    8,
                    40.0 + n * 2.5,
                    rpe=7 + n // 3,
                    note="ok" * (n == 2),
                    logged_at=at + dt.timedelta(minutes=n),
                )
                for n in (1, 2, 3)
            ],
        )
        tx.replace_logs(p2.id or 0, [SetLog(p2.id or 0, 1, 30, logged_at=at)])
        other = tx.add_athlete(
            Athlete("Ånne Lbs", units="lb", block_start=dt.date(2026, 1, 5), notes="Ω")
        )
        tx.add_session(
            Session(other.id or 0, TODAY, SessionKind.LONG, minutes=90, distance_km=16.0)
        )
        details = tx.session_details([tx.session(done.id or 0)])
    save_template(store, "My gym day", "session", session_payload("My gym day", details[0]))
    return store
