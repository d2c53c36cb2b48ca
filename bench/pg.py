"""Bench rows on PostgreSQL: week switch, drop, search and Progress of a clinic store.

``measure(info, work, trials, warmup, say)`` returns the rows for :mod:`bench.run`
(``python -m bench.run --only pg`` runs just these); ``METRICS`` holds their labels,
budgets and goals in run.py's form: the SQLite budgets, and each figure within 2× its
floor. The floors are the SQLite floors' work done against the same server: the same
raw queries through a plain ``psycopg`` connection, the same plain Qt views repainted.

The server is a private one (:mod:`bench.pg_cluster`: a unix socket only, owned by
``nobody`` when run as root), started for the run and stopped at its end. For the
default bench store its cluster is kept in ``bench/store/pg/`` with the clinic loaded:
the SQLite bench store is migrated, then streamed table by table into a migrated
database with ``COPY``, once. The database is named after the SQLite store's marker
(generator, size, anchor, build), so a rebuilt store is loaded again and an unchanged
one is reused. Another store (``--store``) gets a throwaway cluster, loaded each run.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.build_store import BENCH_DIR, DEFAULT_STORE, StoreInfo, read_marker
from bench.pg_cluster import PgServer, missing_reason

if TYPE_CHECKING:
    from bench.run import Metric, Session

CLUSTER = BENCH_DIR / "store" / "pg"
NO_SERVER = "not measured: no PostgreSQL server binaries"
PREFIX = "clinic_"
LOADING = "loading_clinic"

# each row's label, unit, budget and goal as in run.py: the SQLite row's budget and goal
METRICS: dict[str, tuple[str, str, float | None, float | None]] = {
    "pg_week_switch": ("PostgreSQL: switch week", "ms", 16.0, 2.0),
    "pg_drop": ("PostgreSQL: drop a card on another day", "ms", 16.0, 2.0),
    "pg_search_keystroke": ("PostgreSQL: library search, one keystroke", "ms", 16.0, 2.0),
    "pg_progress_12_weeks": ("PostgreSQL: Progress tab, 12 weeks", "ms", 50.0, 2.0),
    "pg_progress_2_years": ("PostgreSQL: Progress tab, 2 years", "ms", 150.0, 2.0),
}

Say = Callable[..., None]


class Raw:
    """A plain ``psycopg`` connection that takes the SQLite floors' SQL: ``?``
    placeholders and ``BEGIN IMMEDIATE`` (PostgreSQL's BEGIN locks rows as it writes).
    Autocommit, so a floor's BEGIN … COMMIT is its own, as through ``sqlite3``."""

    def __init__(self, server: PgServer, database: str) -> None:
        self.conn: Any = server.connect(database, autocommit=True)

    def execute(self, sql: str, params: Any = None) -> Any:
        if sql.strip().upper() == "BEGIN IMMEDIATE":
            sql = "BEGIN"
        if isinstance(params, tuple | list):
            sql = sql.replace("?", "%s")
        return self.conn.execute(sql, params)

    def close(self) -> None:
        self.conn.close()


# --------------------------------------------------------------------------- loading


def database_name(store: Path) -> str:
    """The PostgreSQL copy's name: a digest of the SQLite store's marker."""
    marker = read_marker(store) or {}
    key = {k: marker.get(k) for k in ("generator", "size", "anchor", "built")}
    digest = hashlib.sha1(json.dumps(key, sort_keys=True).encode()).hexdigest()[:12]
    return PREFIX + digest


def _migrated_copy(store: Path, work: Path) -> Path:
    """A copy of the SQLite store at the app's schema (the same migrations it runs)."""
    from runstrong_gui.storage.engine import sqlite_url
    from runstrong_gui.storage.store import Store

    copy = work / "pg-source.sqlite3"
    shutil.copyfile(store, copy)
    Store.open(sqlite_url(copy)).close()
    return copy


def load(server: PgServer, store: Path, work: Path, say: Say) -> str:
    """The clinic in PostgreSQL: reused when loaded before from the same SQLite store,
    else loaded now (under a temporary name, renamed when complete)."""
    name = database_name(store)
    present = server.databases()
    if name in present:
        say(f"PostgreSQL: {name} is loaded already")
        return name
    for old in present:  # copies of older stores, or a load cut short
        if old.startswith(PREFIX) or old == LOADING:
            server.drop_database(old)
    started = time.monotonic()
    say("PostgreSQL: migrating a copy of the SQLite store …")
    source = _migrated_copy(store, work)
    server.execute(f"CREATE DATABASE {LOADING} TEMPLATE template0")
    from runstrong_gui.storage.store import Store

    Store.open(server.url(LOADING)).close()  # the schema, by the app's own migrations
    counts = _copy_rows(server, source, LOADING)
    server.execute(f"ALTER DATABASE {LOADING} RENAME TO {name}")
    source.unlink()
    rows = ", ".join(f"{n:,} {t}" for t, n in counts.items())
    say(f"PostgreSQL: loaded {name} in {time.monotonic() - started:.0f} s ({rows})")
    return name


def _copy_rows(server: PgServer, source: Path, database: str) -> dict[str, int]:
    """Every table's rows streamed from SQLite with ``COPY … FROM STDIN``, parents first;
    the id sequences then continue after the copied ids."""
    from runstrong_gui.storage.schema import Base

    lite = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    pg: Any = server.connect(database)
    counts: dict[str, int] = {}
    try:
        tables = [t.name for t in Base.metadata.sorted_tables]
        with pg.transaction():
            pg.execute("TRUNCATE " + ", ".join(tables) + " CASCADE")  # what migrations seed
            for table in tables:
                have = {r[1] for r in lite.execute(f"PRAGMA table_info({table})")}
                cols = [c.name for c in Base.metadata.tables[table].columns if c.name in have]
                listed = ", ".join(cols)
                n = 0
                with pg.cursor().copy(f"COPY {table} ({listed}) FROM STDIN") as copy:
                    for row in lite.execute(f"SELECT {listed} FROM {table}"):
                        copy.write_row(row)
                        n += 1
                counts[table] = n
                if "id" in cols:
                    pg.execute(
                        "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                        f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)",
                        (table,),
                    )
        pg.autocommit = True
        pg.execute("ANALYZE")
    finally:
        pg.close()
        lite.close()
    return counts


# --------------------------------------------------------------------------- measuring


def measure(info: StoreInfo, work: Path, trials: int, warmup: int, say: Say) -> list[Metric]:
    """The PostgreSQL rows, each beside its floor measured in the same run."""
    from bench import run

    reason = missing_reason()
    if reason:
        return [run.unavailable(new_metric(key), NO_SERVER) for key in METRICS]
    server = PgServer(CLUSTER if info.path.resolve() == DEFAULT_STORE.resolve() else None)
    try:
        say("PostgreSQL: starting the bench server …")
        server.start()
        database = load(server, info.path, work, say)
        home = work / "pg"
        home.mkdir(exist_ok=True)
        session = run.Session(
            info.path,
            info.largest_athlete,
            home,
            url=server.url(database),
            raw=Raw(server, database),
        )
        try:
            return _measure(session, trials, warmup, say)
        finally:
            session.close()
    except (RuntimeError, OSError) as exc:
        return [run.unavailable(new_metric(key), f"PostgreSQL: {exc}") for key in METRICS]
    finally:
        server.stop()


def new_metric(key: str) -> Metric:
    from bench.run import Metric

    label, unit, budget, goal = METRICS[key]
    return Metric(key, label, unit, budget, goal)


def _measure(s: Session, trials: int, warmup: int, say: Say) -> list[Metric]:
    from bench import run

    say("PostgreSQL: interactions …")
    found: list[Metric] = [
        run.measure_week_switch(s, trials, warmup),
        run.measure_drop(s, trials, warmup),
        run.measure_search(s, trials * 2, warmup),
        *run.measure_progress(s, trials, warmup),
    ]
    return [_as_pg(m) for m in found]


def _as_pg(m: Metric) -> Metric:
    """A SQLite row's measurement under its PostgreSQL key and label."""
    key = f"pg_{m.key}"
    m.key, m.label = key, METRICS[key][0]
    m.floor_note = m.floor_note.replace("through sqlite3", "through psycopg")
    return m
