"""A clinic-size store for the benchmarks, generated through the real schema.

The store is opened like the app opens one (migrations, then the library, templates
and sample athlete of ``prepare_store``), so every row passes the schema's CHECK
constraints. Bulk rows go in with SQLAlchemy Core ``insert(table)`` and explicit ids in
large batches: the ORM would take many minutes for two million rows.

A fixed seed makes two builds of the same size identical except for the dates: the
two years of logged history end the week before the build (``anchor``) and 12 more
weeks are planned from it, so the planner opens on a real current week.
A store is rebuilt when it is missing, when its marker (the ``bench_store`` setting)
names another generator version or size, or when today has run past its planned weeks.

Run ``python -m bench.build_store`` to build (or check) the default store by itself.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import random
import sqlite3
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, insert, select

from runstrong_gui.domain.enums import Equipment, Philosophy, SessionKind, Units
from runstrong_gui.domain.models import Athlete, Exercise
from runstrong_gui.domain.progression import week_begin
from runstrong_gui.services.bootstrap import prepare_store
from runstrong_gui.storage import convert
from runstrong_gui.storage.engine import create_store_engine, sqlite_url
from runstrong_gui.storage.schema import (
    AthleteRow,
    ExerciseRow,
    PlannedExerciseRow,
    SessionRow,
    SetLogRow,
)
from runstrong_gui.storage.store import Store

GENERATOR_VERSION = 2
MARKER_KEY = "bench_store"
BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_STORE = BENCH_DIR / "store" / "clinic.sqlite3"
BATCH_ATHLETES = 25  # rows of this many athletes per INSERT batch (~90k set logs)

LOADED = frozenset(
    {
        Equipment.DUMBBELLS,
        Equipment.KETTLEBELL,
        Equipment.HEX_BAR,
        Equipment.MACHINE,
        Equipment.WEIGHT_PLATE,
        Equipment.CABLE,
    }
)


@dataclass(frozen=True)
class StoreSize:
    """How big a store to make; the defaults are the clinic of the issue."""

    athletes: int = 500
    weeks: int = 104  # of logged history per athlete, before the week of the build
    future_weeks: int = 12  # planned from the week of the build on
    library: int = 1000  # exercises in all, the built-in ones included
    seed: int = 20260302

    def __post_init__(self) -> None:
        if min(self.athletes, self.weeks, self.future_weeks) < 1 or self.library < 8:
            raise ValueError(f"not a usable store size: {self}")

    def as_dict(self) -> dict[str, int]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class StoreInfo:
    """What ``ensure_store`` found or made."""

    path: Path
    built: bool
    reason: str
    build_seconds: float
    anchor: dt.date
    counts: dict[str, int]
    largest_athlete: int
    largest_sessions: int
    marker: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------- marker


def read_marker(path: Path) -> dict[str, Any] | None:
    """The store's bench marker, read without migrating or writing anything."""
    if not path.is_file():
        return None
    try:
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM settings WHERE key = ?", (MARKER_KEY,)).fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    if row is None:
        return None
    value = json.loads(row[0]) if isinstance(row[0], str) else row[0]
    return value if isinstance(value, dict) else None


def why_rebuild(marker: dict[str, Any] | None, size: StoreSize, today: dt.date) -> str | None:
    """The reason the store at hand cannot be reused, or None when it can."""
    if marker is None:
        return "no store yet"
    if marker.get("generator") != GENERATOR_VERSION:
        return f"generator version {marker.get('generator')} → {GENERATOR_VERSION}"
    if marker.get("size") != size.as_dict():
        return "another size was asked for"
    horizon = dt.date.fromisoformat(marker["anchor"]) + dt.timedelta(weeks=size.future_weeks)
    if today >= horizon:
        return f"its planned weeks ended on {horizon:%d %b %Y}"
    return None


def ensure_store(
    path: Path = DEFAULT_STORE,
    size: StoreSize | None = None,
    *,
    today: dt.date | None = None,
    force: bool = False,
    log: Any = None,
) -> StoreInfo:
    """Reuse the store at ``path`` when its marker matches ``size``; else build it anew."""
    size = size or StoreSize()
    today = today or dt.date.today()
    marker = read_marker(path)
    reason = "rebuild asked for" if force else why_rebuild(marker, size, today)
    if reason is None and marker is not None:
        return _info(path, marker, built=False, reason="reused")
    if log:
        log(f"Building the bench store at {path} ({reason}) …")
    marker = build_store(path, size, today)
    if log:
        log(f"  built in {marker['build_seconds']:.1f} s: {_counts_text(marker['counts'])}")
    return _info(path, marker, built=True, reason=reason or "")


def _info(path: Path, marker: dict[str, Any], *, built: bool, reason: str) -> StoreInfo:
    return StoreInfo(
        path=path,
        built=built,
        reason=reason,
        build_seconds=float(marker["build_seconds"]),
        anchor=dt.date.fromisoformat(marker["anchor"]),
        counts=dict(marker["counts"]),
        largest_athlete=int(marker["largest_athlete"]),
        largest_sessions=int(marker["largest_sessions"]),
        marker=marker,
    )


def _counts_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in counts.items())


# --------------------------------------------------------------------------- vocabulary

FIRST = (
    "Maya", "Jonas", "Aisha", "Tomás", "Ingrid", "Kwame", "Lena", "Ravi", "Sofia", "Mateo",
    "Hannah", "Yusuf", "Elif", "Noah", "Chloé", "Arjun", "Freya", "Diego", "Mei", "Oskar",
    "Leila", "Finn", "Amara", "Lukas", "Nadia", "Pablo", "Signe", "Tariq", "Zoë", "Emil",
)  # fmt: skip
LAST = (
    "Okafor", "Lindqvist", "Haddad", "Moreno", "Berg", "Mensah", "Kowalski", "Iyer", "Rossi",
    "Fernández", "Schmidt", "Demir", "Nakamura", "Dubois", "Patel", "Andersen", "Ortega",
    "Chen", "Novak", "Karimi", "Walsh", "Silva", "Müller", "Adeyemi", "Costa", "Jensen",
    "Kaya", "Murphy", "Sato", "Ødegård",
)  # fmt: skip

# Variations a therapist saves as their own exercises: (name suffix, extra cue).
VARIANTS = (
    ("paused", "Stop for two seconds where the movement is hardest."),
    ("slow lowering", "Count four on the way down and one on the way up."),
    ("banded", "A light loop band keeps tension through the whole range."),
    ("on a cushion", "The soft surface makes the foot and ankle work harder."),
    ("eyes closed", "Only once the usual version is steady for every rep."),
    ("short range", "Stay in the part of the movement that is free of pain."),
    ("staggered stance", "Most of the weight on the front foot."),
    ("return to running", "Keep the effort moderate; quality before quantity."),
    ("warm-up", "Easy effort, as preparation for the run that follows."),
    ("heavier", "Add load only when the last set still looks like the first."),
    ("mirror check", "Watch the knee line in a mirror for the first sets."),
    ("single set", "One careful set on busy days."),
)
SETTINGS = ("home", "clinic")
QUALITY_TITLES = (
    "Intervals 6 × 800 m",
    "Tempo 25 min",
    "Hill repeats 8 × 60 s",
    "Fartlek 10 × 1 min",
)
LOG_NOTES = ("Felt tight at the start", "Easier than last week", "Short on time", "Good form")

# Day (Monday = 0) → run kind, by runs per week; strength days by philosophy and count.
RUN_DAYS: dict[int, dict[int, SessionKind]] = {
    4: {1: SessionKind.QUALITY, 3: SessionKind.EASY, 5: SessionKind.EASY, 6: SessionKind.LONG},
    5: {
        0: SessionKind.EASY,
        1: SessionKind.QUALITY,
        3: SessionKind.MODERATE,
        4: SessionKind.EASY,
        6: SessionKind.LONG,
    },
    6: {
        0: SessionKind.EASY,
        1: SessionKind.QUALITY,
        2: SessionKind.EASY,
        3: SessionKind.MODERATE,
        4: SessionKind.EASY,
        6: SessionKind.LONG,
    },
}
STRENGTH_DAYS = {
    (Philosophy.EASY_DAYS, 2): (0, 3),
    (Philosophy.EASY_DAYS, 3): (0, 2, 4),
    (Philosophy.HARD_DAYS, 2): (1, 6),
    (Philosophy.HARD_DAYS, 3): (1, 3, 6),
}
RUN_MINUTES = {
    SessionKind.EASY: (30, 50),
    SessionKind.MODERATE: (40, 60),
    SessionKind.QUALITY: (45, 70),
    SessionKind.LONG: (75, 130),
}
RUN_INTENSITY = {
    SessionKind.EASY: 3,
    SessionKind.MODERATE: 5,
    SessionKind.QUALITY: 8,
    SessionKind.LONG: 6,
}


# --------------------------------------------------------------------------- generation


def variant_exercises(builtins: Sequence[Exercise], count: int) -> list[Exercise]:
    """``count`` saved variations of the built-in exercises, each with its own name and cue."""
    out: list[Exercise] = []
    combos = [(v, s) for s in SETTINGS for v in VARIANTS]
    for i in range(count):
        base = builtins[i % len(builtins)]
        (suffix, cue), setting = combos[(i // len(builtins)) % len(combos)]
        lap = i // (len(builtins) * len(combos))
        name = f"{base.name} — {suffix} ({setting}{f' {lap + 1}' if lap else ''})"
        out.append(
            dataclasses.replace(
                base,
                key=None,
                builtin=False,
                hidden=False,
                id=None,
                name=name,
                cues=(*base.cues, cue),
                notes=f"Saved variation of {base.name.lower()} for {setting} sessions.",
            )
        )
    return out


@dataclass
class _Ids:
    session: int
    planned: int
    log: int


@dataclass
class _Rows:
    sessions: list[dict[str, Any]] = field(default_factory=list)
    planned: list[dict[str, Any]] = field(default_factory=list)
    logs: list[dict[str, Any]] = field(default_factory=list)

    def flush(self, conn: Connection) -> None:
        for table, rows in (
            (SessionRow.__table__, self.sessions),
            (PlannedExerciseRow.__table__, self.planned),
            (SetLogRow.__table__, self.logs),
        ):
            if rows:
                conn.execute(insert(table), rows)
            rows.clear()


def _athletes(rng: random.Random, size: StoreSize, anchor: dt.date, first_id: int) -> list[Athlete]:
    names = [f"{f} {last}" for f in FIRST for last in LAST]
    picked = rng.sample(names, size.athletes) if size.athletes <= len(names) else []
    if len(picked) < size.athletes:  # more athletes than name pairs: number them
        picked = [f"{names[i % len(names)]} {i // len(names) + 1}" for i in range(size.athletes)]
    out = []
    for i, name in enumerate(picked):
        start = anchor - dt.timedelta(weeks=rng.randrange(0, 12))
        race = start + dt.timedelta(weeks=rng.choice((12, 13, 14, 16)), days=5)
        kit = rng.sample([Equipment.BAND, Equipment.DUMBBELLS, Equipment.STEP, Equipment.BOX], 2)
        out.append(
            Athlete(
                id=first_id + i,
                name=name,
                units=Units.LB if rng.random() < 0.1 else Units.KG,
                block_start=start,
                goal_race_date=race if rng.random() < 0.8 else None,
                philosophy=Philosophy.HARD_DAYS if rng.random() < 0.25 else Philosophy.EASY_DAYS,
                strength_days=rng.choice((2, 3)),
                equipment=(Equipment.NONE, *kit),
                notes="Recreational runner, two years of logged training.",
            )
        )
    return out


def _athlete_rows(
    rng: random.Random,
    athlete: Athlete,
    library: Sequence[Exercise],
    builtins: Sequence[Exercise],
    size: StoreSize,
    anchor: dt.date,
    ids: _Ids,
    rows: _Rows,
) -> int:
    """Two years of one athlete's sessions, planned exercises and logs; returns the sessions."""
    aid = athlete.id or 0
    runs = rng.choice((4, 5, 6))
    strength = athlete.strength_days
    run_days = RUN_DAYS[runs]
    strength_days = STRENGTH_DAYS[(athlete.philosophy, strength)]
    routines = []
    for _ in range(strength):
        pool = builtins if rng.random() < 0.7 else library
        routines.append(rng.sample(pool, rng.randint(5, 7)))
    start_load = {e.id: float(rng.randrange(4, 30, 2)) for r in routines for e in r}
    sessions = 0
    first_week = -size.weeks
    for w in range(first_week, size.future_weeks):
        monday = anchor + dt.timedelta(weeks=w)
        past_weeks = w - first_week
        for d in range(7):
            day = monday + dt.timedelta(days=d)
            past = day < anchor
            position = 0
            kind = run_days.get(d)
            if kind is not None:
                lo, hi = RUN_MINUTES[kind]
                minutes = rng.randint(lo, hi)
                done = past and rng.random() < 0.9
                rows.sessions.append(
                    _session(
                        ids.session, aid, day, position, kind,
                        rng.choice(QUALITY_TITLES) if kind is SessionKind.QUALITY else "",
                        minutes, round(minutes / rng.uniform(5.2, 6.5), 1), RUN_INTENSITY[kind],
                        done, past and not done and rng.random() < 0.5, "",
                    )
                )  # fmt: skip
                ids.session += 1
                position += 1
                sessions += 1
            if d not in strength_days:
                continue
            slot = strength_days.index(d)
            routine = routines[slot]
            roll = rng.random()
            done, skipped = past and roll < 0.84, past and 0.84 <= roll < 0.92
            rows.sessions.append(
                _session(
                    ids.session, aid, day, position, SessionKind.STRENGTH,
                    f"Strength {'ABC'[slot]}", None, None, None, done, skipped,
                    "Calves sore the next day" if done and rng.random() < 0.02 else "",
                )
            )  # fmt: skip
            session_id = ids.session
            ids.session += 1
            sessions += 1
            for p, exercise in enumerate(routine):
                loaded = any(q in LOADED for q in exercise.equipment)
                load = start_load[exercise.id] + 0.5 * (past_weeks // 2) if loaded else 0.0
                amount = exercise.default_amount
                rows.planned.append(
                    {
                        "id": ids.planned,
                        "session_id": session_id,
                        "exercise_id": exercise.id,
                        "position": p,
                        "sets": 3,
                        "amount": amount,
                        "load_kg": min(load, 500.0),
                        "tempo": exercise.tempo,
                        "rest_seconds": exercise.rest_seconds,
                        "per_side": exercise.per_side,
                        "notes": "",
                    }
                )
                if done:
                    _logs(rng, rows.logs, ids, day, p, amount, min(load, 500.0))
                ids.planned += 1
    return sessions


def _session(
    sid: int,
    aid: int,
    day: dt.date,
    position: int,
    kind: SessionKind,
    title: str,
    minutes: int | None,
    km: float | None,
    intensity: int | None,
    done: bool,
    skipped: bool,
    notes: str,
) -> dict[str, Any]:
    return {
        "id": sid,
        "athlete_id": aid,
        "day": day,
        "position": position,
        "kind": kind.value,
        "title": title,
        "minutes": minutes,
        "distance_km": km,
        "intensity": intensity,
        "notes": notes,
        "done": done,
        "skipped": skipped,
        "pain_persisting": done and kind is SessionKind.STRENGTH and sid % 397 == 0,
        "source": "generator",
        "edited": False,
    }


def _logs(
    rng: random.Random,
    out: list[dict[str, Any]],
    ids: _Ids,
    day: dt.date,
    position: int,
    amount: int,
    load: float,
) -> None:
    when = dt.datetime.combine(day, dt.time(18, 0)) + dt.timedelta(minutes=4 * position)
    for n in (1, 2, 3):
        r = rng.random()
        pain = 0 if r < 0.9 else rng.randint(1, 4) if r < 0.99 else rng.randint(5, 7)
        out.append(
            {
                "id": ids.log,
                "planned_exercise_id": ids.planned,
                "set_number": n,
                "amount": max(1, amount - (rng.randint(0, 2) if n == 3 else 0)),
                "load_kg": load,
                "rpe": rng.randint(5, 9) if r > 0.05 else None,
                "pain": pain,
                "note": rng.choice(LOG_NOTES) if rng.random() < 0.01 else "",
                "logged_at": when + dt.timedelta(minutes=n),
            }
        )
        ids.log += 1


def _max_id(conn: Connection, column: Any) -> int:
    return int(conn.execute(select(func.coalesce(func.max(column), 0))).scalar_one())


def build_store(path: Path, size: StoreSize, today: dt.date | None = None) -> dict[str, Any]:
    """Build the store into a temporary file, then put it in place; returns its marker."""
    started = time.perf_counter()
    today = today or dt.date.today()
    anchor = week_begin(today, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".building")
    for p in _with_sidecars(tmp):
        p.unlink(missing_ok=True)
    rng = random.Random(size.seed)
    store = Store(create_store_engine(sqlite_url(tmp)))
    try:
        prepare_store(store, today=anchor)
        with store.transaction() as tx:
            builtins = [e for e in tx.exercises() if not e.hidden]
            extra = max(0, size.library - len(builtins))
            tx.add_exercises(variant_exercises(builtins, extra))
        with store.transaction() as tx:
            library = [e for e in tx.exercises() if not e.hidden]
        builtins = [e for e in library if e.builtin]
        with store.engine.connect() as conn:
            raw = conn.connection.dbapi_connection  # outside SQLAlchemy's BEGIN
            assert raw is not None
            raw.execute("PRAGMA synchronous=OFF")  # a temporary file: speed first
            raw.execute("PRAGMA cache_size=-262144")
            ids = _Ids(
                _max_id(conn, SessionRow.id) + 1,
                _max_id(conn, PlannedExerciseRow.id) + 1,
                _max_id(conn, SetLogRow.id) + 1,
            )
            athletes = _athletes(rng, size, anchor, _max_id(conn, AthleteRow.id) + 1)
            conn.commit()
            with conn.begin():
                conn.execute(
                    insert(AthleteRow.__table__),
                    [{"id": a.id, **convert.athlete_values(a)} for a in athletes],
                )
            per_athlete: dict[int, int] = {}
            rows = _Rows()
            for batch in _chunks(athletes, BATCH_ATHLETES):
                for a in batch:
                    per_athlete[a.id or 0] = _athlete_rows(
                        rng, a, library, builtins, size, anchor, ids, rows
                    )
                with conn.begin():
                    rows.flush(conn)
            counts = {
                "athletes": _count(conn, AthleteRow.id),
                "exercises": _count(conn, ExerciseRow.id),
                "sessions": _count(conn, SessionRow.id),
                "planned_exercises": _count(conn, PlannedExerciseRow.id),
                "set_logs": _count(conn, SetLogRow.id),
            }
            conn.commit()
        largest = max(per_athlete, key=lambda k: (per_athlete[k], -k)) if per_athlete else 1
        marker = {
            "generator": GENERATOR_VERSION,
            "size": size.as_dict(),
            "anchor": anchor.isoformat(),
            "built": dt.datetime.now().isoformat(timespec="seconds"),
            "counts": counts,
            "largest_athlete": largest,
            "largest_sessions": per_athlete.get(largest, 0),
            "build_seconds": 0.0,
        }
        marker["build_seconds"] = round(time.perf_counter() - started, 1)
        with store.transaction() as tx:
            tx.set_setting(MARKER_KEY, marker)
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.commit()
    finally:
        store.close()
    for p in _with_sidecars(path):
        p.unlink(missing_ok=True)  # an old WAL must never be replayed onto the new file
    os.replace(tmp, path)
    for p in _with_sidecars(tmp)[1:]:
        p.unlink(missing_ok=True)
    return marker


def _count(conn: Connection, column: Any) -> int:
    return int(conn.execute(select(func.count(column))).scalar_one())


def _with_sidecars(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def _chunks(items: Sequence[Athlete], n: int) -> Iterator[Sequence[Athlete]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=DEFAULT_STORE)
    parser.add_argument("--athletes", type=int, default=StoreSize.athletes)
    parser.add_argument("--weeks", type=int, default=StoreSize.weeks)
    parser.add_argument("--future-weeks", type=int, default=StoreSize.future_weeks)
    parser.add_argument("--library", type=int, default=StoreSize.library)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)
    size = StoreSize(args.athletes, args.weeks, args.future_weeks, args.library)
    info = ensure_store(args.store, size, force=args.rebuild, log=print)
    print(f"{info.path}: {info.reason}; {_counts_text(info.counts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
