"""Bench row: importing a 500-event running plan (.ics) into the largest athlete.

The figure is what the user waits for after pressing Import on a fresh feed: parse the
calendar, sort its runs against the athlete's sessions (the preview), and write them as
one undoable action. Each trial is undone afterwards, untimed, so every trial imports
the same 500 new runs. The floor is the same work done plainly: the same calendar parsed
by ``icalendar`` alone (no expansion, no reading of kinds and minutes) and 500 rows
inserted with the stdlib ``sqlite3`` in one transaction.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.run import Metric, Session

KEY = "ics_import_500"  # its row in bench.run.METRICS
EVENTS = 500

_KINDS = (
    ("🏃 Easy Run • {km}km", "Easy Run • {km}km • 35m - 40m", 2280),
    ("🏃 Tempo Run • {km}km", "Tempo • {km}km • 45m - 50m\\n\\n2km warm up\\, 4km at pace", None),
    ("🏃 Intervals • {km}km", "Intervals • {km}km\\n\\n6 x 800m with 90s recovery", 2700),
    ("🏃 Recovery Run • {km}km", "Recovery Run • {km}km • 30m - 35m", None),
    ("🏃 Long Run • {km}km", "Long Run • {km}km • 1h 35m - 1h 45m", 6000),
)


def feed(first: dt.date, events: int = EVENTS) -> bytes:
    """A Runna-shaped feed: five all-day runs a week from ``first``, CRLF, folded lines."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Runna//Bench Plan//EN"]
    for n in range(events):
        week, slot = divmod(n, 5)
        day = first + dt.timedelta(days=7 * week + (0, 1, 3, 4, 6)[slot])
        title, text, seconds = _KINDS[slot]
        km = 5 + (n % 4) * 2
        lines += [
            "BEGIN:VEVENT",
            f"UID:runna-bench-{n:05d}@runna.com",
            "DTSTAMP:20260101T070000Z",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{title.format(km=km)}",
            f"DESCRIPTION:{text.format(km=km)}\\n\\n📲 View in the Runna app: https://club.r",
            f" unna.com/workouts/{n:05d}",
        ]
        if seconds:
            lines.append(f"X-WORKOUT-ESTIMATED-DURATION:{seconds}")
        lines += ["SEQUENCE:0", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _floor(s: Session, data: bytes, first: dt.date) -> Any:
    import icalendar

    def plain(_i: int) -> None:
        calendar = icalendar.Calendar.from_ical(data)
        rows = [
            (
                s.athlete_id,
                e["DTSTART"].dt.isoformat(),
                str(e["SUMMARY"]),
                str(e["UID"]),
                str(uuid.uuid4()),
            )
            for e in calendar.walk("VEVENT")
        ]
        s.raw.execute("BEGIN")
        s.raw.executemany(
            "INSERT INTO training_sessions (athlete_id, day, position, kind, title, notes,"
            " done, skipped, pain_persisting, source, edited, external_id, description, uid)"
            " VALUES (?, ?, 99, 'easy', ?, '', 0, 0, 0, 'user', 0, ?, '', ?)",
            rows,
        )
        s.raw.execute("ROLLBACK")

    return plain


def measure(s: Session, trials: int, warmup: int) -> dict[str, Metric]:
    """The import row, with its floor, for ``bench.run``."""
    from bench.run import Samples, fill, new_metric, timed, unavailable

    metric = new_metric(KEY)
    try:
        from runstrong_gui.services import changes
        from runstrong_gui.services.interchange import running_plan as rp
        from runstrong_gui.services.interchange.ics_import import parse_calendar
    except ImportError as exc:
        return {KEY: unavailable(metric, f"the .ics import is not available yet ({exc})")}
    with s.store.transaction() as tx:
        first = tx.athlete(s.athlete_id).block_start
    data = feed(first)
    out = Samples()
    for i in range(warmup + trials):
        t, c = time.perf_counter(), time.process_time()
        plan = rp.preview(s.store, s.athlete_id, parse_calendar(data))
        command = rp.import_command(plan)
        change = changes.record(
            s.store, command.label, s.athlete_id, command.days, command.action, command.extra_ids
        )
        wall, cpu = (time.perf_counter() - t) * 1000.0, (time.process_time() - c) * 1000.0
        changes.undo(s.store, change)
        if len(plan.added) != EVENTS:
            return {KEY: unavailable(metric, f"{len(plan.added)} runs to add, not {EVENTS}")}
        if i == 0:
            out.first = wall
        if i >= warmup:
            out.wall.append(wall)
            out.cpu.append(cpu)
    fill(metric, out)
    metric.note = f"parse, preview and one undoable write of {EVENTS} runs ({len(data) // 1024} KB)"
    metric.set_floor(
        timed(_floor(s, data, first), trials, warmup),
        f"icalendar parse alone + {EVENTS} rows by stdlib sqlite3 in one transaction",
    )
    return {KEY: metric}
