"""Export an athlete or the whole store as RunStrong JSON, CSV or iCalendar.

Each export reads in one transaction and streams its file (user-only, replaced
atomically); the calendar export also remembers what each event looked like, which is
how its SEQUENCE rises (see export/interchange/ics_format.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from runstrong_gui.export.errors import ExportError
from runstrong_gui.export.interchange import csv_format, ics_format, json_format
from runstrong_gui.export.interchange.files import private_file

if TYPE_CHECKING:
    from runstrong_gui.domain.interchange import AthleteDoc
    from runstrong_gui.storage.store import Store, Tx


@dataclass(frozen=True)
class Written:
    """What an export wrote: the files and a line for the user."""

    paths: tuple[Path, ...]
    summary: str


def _athlete(tx: Tx, athlete_id: int) -> AthleteDoc:
    from runstrong_gui.storage import interchange as si
    from runstrong_gui.storage.engine import StoreError

    found = si.athlete_docs(tx, athlete_id)
    if not found:
        raise StoreError(f"No athlete with id {athlete_id}.")
    return found[0]


def write_json(store: Store, out: BinaryIO, athlete_id: int | None) -> int:
    """Stream the document of one athlete (or, with None, of the whole store) to ``out``;
    returns the number of sessions."""
    from runstrong_gui.storage import interchange as si

    with store.transaction() as tx:
        si.fill_missing_uids(tx)
        athletes = (
            [_athlete(tx, athlete_id)] if athlete_id is not None else si.athlete_docs(tx, None)
        )
        return json_format.write_document(
            out,
            athletes,
            si.exercise_docs(tx, athlete_id),
            si.template_docs(tx),
            si.session_batches(tx, athlete_id),
        )


def export_json(store: Store, athlete_id: int | None, out: Path | str) -> Written:
    """Write RunStrong JSON to ``out``. Raises ExportError, StoreError."""
    path = Path(out).expanduser().absolute()
    with private_file(path, "JSON export") as fh:
        count = write_json(store, fh, athlete_id)
    who = "the whole store" if athlete_id is None else "the athlete"
    return Written((path,), f"Exported {who}: {count} sessions to {path.name}.")


def sessions_file(path: Path) -> Path:
    """Where the one-row-per-session CSV goes beside the sets file: 'x-sessions.csv'."""
    return path.with_name(f"{path.stem}-sessions{path.suffix or '.csv'}")


def export_csv(
    store: Store, athlete_id: int, out: Path | str, sessions_out: Path | str | None = None
) -> Written:
    """Logged sets in Strong's columns to ``out``, one row per session to ``sessions_out``
    (default: beside it, see :func:`sessions_file`)."""
    from runstrong_gui.storage import interchange as si

    path = Path(out).expanduser().absolute()
    second = Path(sessions_out).expanduser().absolute() if sessions_out else sessions_file(path)
    if second == path:
        raise ExportError("The sets and the sessions need two different files.")
    with store.transaction() as tx:
        athlete = _athlete(tx, athlete_id)
        names = _names(tx)
        with private_file(path, "CSV export") as fh:
            sets = csv_format.write_sets(
                fh, si.session_batches(tx, athlete_id), names, athlete.units
            )
        with private_file(second, "CSV export") as fh:
            sessions = csv_format.write_sessions(fh, si.session_batches(tx, athlete_id), names)
    return Written(
        (path, second),
        f"Exported {sets} logged sets to {path.name} and {sessions} sessions to {second.name}.",
    )


def _names(tx: Tx) -> dict[tuple[str | None, str | None], tuple[str, str]]:
    from runstrong_gui.storage import interchange as si

    return si.exercise_names(tx)


def export_ics(
    store: Store, athlete_id: int, out: Path | str, now: dt.datetime | None = None
) -> Written:
    """The athlete's planned sessions (not done, not skipped) as an iCalendar file."""
    from runstrong_gui.storage import interchange as si

    path = Path(out).expanduser().absolute()
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    with store.transaction() as tx:
        si.fill_missing_uids(tx)
        athlete = _athlete(tx, athlete_id)
        names = _names(tx)
        texts = [
            ics_format.event_text(s, names, athlete.units)
            for batch in si.session_batches(tx, athlete_id, planned_only=True)
            for s in batch
        ]
        before = si.calendar_sequences(tx, [t.session.uid for t in texts])
        events, changed = [], {}
        for text in texts:
            digest, sequence = before.get(text.session.uid, ("", -1))
            if digest != text.digest:
                sequence += 1
                changed[text.session.uid] = (text.digest, sequence)
            events.append((text, sequence))
        with private_file(path, "calendar") as fh:
            fh.write(ics_format.calendar_bytes(athlete.name, events, stamp))
        if changed and not store.read_only:
            si.remember_sequences(tx, changed, set(before))
    return Written((path,), f"Exported {len(events)} planned sessions to {path.name}.")
