"""Bench rows for RunStrong JSON out: the largest athlete, and the whole clinic streamed.

``measure(session, trials, warmup)`` returns the rows for :mod:`bench.run`; ``METRICS``
holds their labels and budgets in run.py's form. The athlete's export is set beside its
floor: the same rows read with the stdlib ``sqlite3`` module and dumped with the stdlib
``json``, nothing on top. The whole store goes to a sink that keeps no bytes, so its row
shows what streaming holds in memory: the peak of Python allocations (tracemalloc)
while writing, against the size of the document written.
"""

from __future__ import annotations

import io
import json
import tracemalloc
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.run import Metric, Session

METRICS: dict[str, tuple[str, str, float | None, float | None]] = {
    "json_export_athlete": ("RunStrong JSON export, largest athlete", "ms", 1000.0, None),
    "json_export_store": ("RunStrong JSON export, whole store (streamed)", "ms", None, None),
    "json_export_store_memory": ("JSON export of the whole store, peak memory", "MB", 64.0, None),
}

_FLOOR_SQL = (
    "SELECT * FROM training_sessions WHERE athlete_id = ? ORDER BY day, position",
    "SELECT pe.* FROM planned_exercises pe JOIN training_sessions s ON s.id = pe.session_id"
    " WHERE s.athlete_id = ? ORDER BY pe.session_id, pe.position",
    "SELECT l.* FROM set_logs l JOIN planned_exercises pe ON pe.id = l.planned_exercise_id"
    " JOIN training_sessions s ON s.id = pe.session_id WHERE s.athlete_id = ?"
    " ORDER BY l.planned_exercise_id, l.set_number",
)


class _Sink(io.RawIOBase):
    """A binary stream that counts what it is given and keeps none of it."""

    def __init__(self) -> None:
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        n = len(data)
        self.size += n
        return n


def _floor(s: Session) -> Any:
    """The athlete's rows through stdlib sqlite3, as one json.dumps: the plainest export."""

    def run(_i: int) -> None:
        tables = [s.raw.execute(sql, (s.athlete_id,)).fetchall() for sql in _FLOOR_SQL]
        io.BytesIO().write(json.dumps(tables, default=str).encode())

    return run


def measure(s: Session, trials: int, warmup: int) -> list[Metric]:
    from bench.run import fill, new_metric, timed, unavailable

    out = [new_metric(k) for k in METRICS]
    athlete, store, memory = out
    try:
        from runstrong_gui.services.interchange.data_export import write_json
    except ImportError as exc:
        return [unavailable(m, f"the JSON export is not available yet ({exc})") for m in out]
    sizes: dict[str, int] = {}

    def one(_i: int) -> None:
        buffer = io.BytesIO()
        sessions = write_json(s.store, buffer, s.athlete_id)
        sizes["athlete"], sizes["athlete_sessions"] = len(buffer.getvalue()), sessions

    fill(athlete, timed(one, trials, warmup))
    athlete.note = (
        f"{sizes['athlete_sessions']:,} sessions, {sizes['athlete'] / 1e6:.1f} MB of JSON, "
        "read and encoded"
    )
    athlete.set_floor(
        timed(_floor(s), trials, warmup),
        "stdlib sqlite3: the same sessions, exercises and logs, one json.dumps",
    )

    def whole(_i: int) -> None:
        sink = _Sink()
        sizes["store_sessions"] = write_json(s.store, sink, None)  # type: ignore[arg-type]
        sizes["store"] = sink.size

    # one run: the clinic's half a million sessions take a minute or more to write
    fill(store, timed(whole, 1, 0))
    store.note = f"{sizes['store_sessions']:,} sessions, {sizes['store'] / 1e6:.1f} MB written"
    tracemalloc.start()
    try:
        whole(0)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    memory.median = memory.p95 = round(peak / 1e6, 2)
    memory.trials = 1
    memory.note = (
        f"peak of Python allocations while writing {sizes['store'] / 1e6:.1f} MB "
        f"(tracemalloc, one run): sessions go out in batches of 500"
    )
    memory.judge()
    return out
