"""Kill a writer at random moments, hundreds of times, and check what survives.

Run by ``test_safety_kill.py`` in a fresh interpreter (a single-threaded process, so
``fork`` is safe there). For each cycle it forks a writer that opens the store through
``Store.open`` and saves actions through ``changes.record`` (the path every button in
the window uses): an action is one strength session with three planned exercises, and
now and then the undo of the previous one. The writer announces each action before it
starts (``a``/``u`` + title) and acknowledges it after the commit returns (``A``/``U``)
over a pipe. The driver SIGKILLs it after a random delay (sometimes while it is still
opening the store), reopens the store with ``Store.open`` (the at-open checks run the
full integrity check after such a crash) and compares it with what was acknowledged.

Usage: ``crash_driver.py DB CYCLES SEED [BUDGET_SECONDS]``. Prints one JSON line:
cycles run, acknowledged actions, lost, half-applied, phantom rows, integrity failures,
and the seconds spent.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import select
import signal
import sys
import time
from pathlib import Path

from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.domain.models import PlannedExercise, Session
from runstrong_gui.services import changes
from runstrong_gui.services.bootstrap import prepare_store
from runstrong_gui.storage.engine import sqlite_url
from runstrong_gui.storage.store import Store, Tx

FIRST_DAY = dt.date(2026, 6, 1)


def writer(db: Path, cycle: int, out: int, seed: int) -> None:
    rnd = random.Random(seed)
    store = Store.open(sqlite_url(db))
    with store.transaction() as tx:
        athlete_id = tx.athletes()[0].id
        exercise_ids = [e.id for e in tx.exercises()[:3]]
    assert athlete_id is not None
    os.write(out, b"ready\n")
    last: changes.Change | None = None
    n = 0
    while True:
        if last is not None and rnd.random() < 0.2:
            title = last.label
            os.write(out, f"u {title}\n".encode())
            changes.undo(store, last)
            os.write(out, f"U {title}\n".encode())
            last = None
            continue
        title = f"c{cycle}-{n}"
        day = FIRST_DAY + dt.timedelta(days=(cycle * 5 + n) % 300)

        def action(tx: Tx, title: str = title, day: dt.date = day) -> changes.Outcome:
            order = len(tx.day_sessions(athlete_id, day))
            s = tx.add_session(
                Session(athlete_id, day, SessionKind.STRENGTH, order=order, title=title)
            )
            assert s.id is not None
            for i, ex in enumerate(exercise_ids):
                tx.add_planned(PlannedExercise(s.id, ex, position=i, sets=3, amount=10))
            return changes.Outcome(created=(s.id,))

        os.write(out, f"a {title}\n".encode())
        last = changes.record(store, title, athlete_id, [day], action)
        os.write(out, f"A {title}\n".encode())
        n += 1


def read_until_ready(fd: int, timeout: float) -> bytes:
    data = b""
    end = time.monotonic() + timeout
    while b"ready\n" not in data and time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], max(0.0, end - time.monotonic()))
        if not ready:
            break
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        data += chunk
    return data


def read_all(fd: int) -> bytes:
    data = b""
    while chunk := os.read(fd, 65536):
        data += chunk
    return data


def stored(db: Path) -> tuple[dict[str, int], list[str]]:
    """Titles of the crash sessions with their planned-exercise counts; integrity problems."""
    store = Store.open(sqlite_url(db))  # the real opening: quick or full check, FK check
    try:
        with store.transaction() as tx:
            athlete_id = tx.athletes()[0].id
            assert athlete_id is not None
            sessions = [
                s
                for s in tx.sessions_between(athlete_id, FIRST_DAY, FIRST_DAY + dt.timedelta(300))
                if s.title.startswith("c")
            ]
            planned = tx.planned_for([s.id for s in sessions if s.id is not None])
        with store.sqlite_connection() as con:
            problems = [r[0] for r in con.execute("PRAGMA integrity_check")]
            problems += [str(r) for r in con.execute("PRAGMA foreign_key_check")]
    finally:
        store.close()
    counts = {s.title: len(planned.get(s.id or -1, [])) for s in sessions}
    return counts, [p for p in problems if p != "ok"]


def main() -> None:
    db, cycles, seed = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    budget = float(sys.argv[4]) if len(sys.argv) > 4 else 300.0  # seconds
    rnd = random.Random(seed)
    store = Store.open(sqlite_url(db))
    prepare_store(store, today=dt.date(2026, 3, 4))
    store.close()
    started = time.monotonic()
    model: set[str] = set()  # titles that must be in the store
    report = {"cycles": 0, "acknowledged": 0, "lost": 0, "half_applied": 0, "phantom": 0}
    report |= {"integrity_failures": 0, "killed_while_opening": 0, "committed_unacknowledged": 0}
    errors: list[str] = []
    for cycle in range(cycles):
        if time.monotonic() - started > budget:
            break
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the writer
            os.close(r)
            try:
                writer(db, cycle, w, seed * 100_003 + cycle)
            except BaseException as exc:
                os.write(w, f"error {exc!r}\n".encode())
            finally:
                os._exit(3)
        os.close(w)
        early = b""
        if rnd.random() < 0.15:
            time.sleep(rnd.uniform(0, 0.03))  # often still opening the store
            report["killed_while_opening"] += 1
        else:
            early = read_until_ready(r, 20)
            time.sleep(rnd.uniform(0, 0.08))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        lines = (early + read_all(r)).decode().split("\n")
        os.close(r)
        in_flight: str | None = None
        for line in lines:
            if line[:2] in ("a ", "u "):
                in_flight = line[2:]
            elif line.startswith("A "):
                model.add(line[2:])
                report["acknowledged"] += 1
                in_flight = None
            elif line.startswith("error "):
                errors.append(f"cycle {cycle}: writer failed: {line[6:]}")
            elif line.startswith("U "):
                model.discard(line[2:])
                report["acknowledged"] += 1
                in_flight = None
        try:
            counts, problems = stored(db)
        except Exception as exc:  # the store would not even open
            report["integrity_failures"] += 1
            errors.append(f"cycle {cycle}: {exc}")
            break
        if problems:
            report["integrity_failures"] += 1
            errors.append(f"cycle {cycle}: {problems[:3]}")
        if in_flight is not None:  # not acknowledged: either outcome is right, all or nothing
            if (in_flight in counts) != (in_flight in model):
                report["committed_unacknowledged"] += 1
            if in_flight in counts:
                model.add(in_flight)
            else:
                model.discard(in_flight)
        lost = model - counts.keys()
        phantom = counts.keys() - model
        half = [t for t, n in counts.items() if n != 3]
        report["lost"] += len(lost)
        report["phantom"] += len(phantom)
        report["half_applied"] += len(half)
        if lost or phantom or half:
            errors.append(f"cycle {cycle}: lost {sorted(lost)[:3]} phantom {sorted(phantom)[:3]}")
            model = set(counts)  # keep counting from what is there
        report["cycles"] += 1
    report["sessions_in_store"] = len(model)
    report["seconds"] = round(time.monotonic() - started, 1)
    report["errors"] = errors[:10]
    print(json.dumps(report))


if __name__ == "__main__":
    main()
