"""RunStrong JSON out, streamed: the document is written record by record.

Sessions come last, in batches, so the whole clinic store is written without holding
it in memory: one record per line, which also keeps two exports easy to compare.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import BinaryIO

import msgspec

from runstrong_gui.domain.interchange import (
    FORMAT,
    VERSION,
    AthleteDoc,
    ExerciseDoc,
    SessionDoc,
    TemplateDoc,
)

_ENCODER = msgspec.json.Encoder()


def _array(out: BinaryIO, name: str, records: Iterable[object], last: bool = False) -> int:
    out.write(b'"' + name.encode() + b'":[')
    count = 0
    for record in records:
        out.write(b"\n" if count == 0 else b",\n")
        out.write(_ENCODER.encode(record))
        count += 1
    out.write(b"]" if last else b"],\n")
    return count


def write_document(
    out: BinaryIO,
    athletes: Sequence[AthleteDoc],
    exercises: Sequence[ExerciseDoc],
    templates: Sequence[TemplateDoc],
    session_batches: Iterable[Sequence[SessionDoc]],
) -> int:
    """Write one document to ``out``; returns the number of sessions written."""
    out.write(b'{"format":"' + FORMAT.encode() + b'","version":' + str(VERSION).encode() + b",\n")
    _array(out, "athletes", athletes)
    _array(out, "exercises", exercises)
    _array(out, "templates", templates)
    count = _array(out, "sessions", (s for batch in session_batches for s in batch), last=True)
    out.write(b"}\n")
    return count
