"""Import a RunStrong JSON document into the store: all of it, or nothing.

The document is decoded and checked whole before anything is written: msgspec holds it
to the format (types, required fields, unknown fields refused), the domain classes to
the app's bounds, and references (a session's athlete, an exercise) are resolved.
Every refusal names where in the file, e.g. ``$.sessions[3].exercises[0].sets``.

Merging is by uid: a record the store already has is kept as the store has it (an
import never overwrites or deletes what was saved here), the others are added, in one
transaction. Built-in exercises are matched by their key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.interchange import FORMAT, VERSION, Document, Head
from runstrong_gui.domain.models import Athlete, Exercise, PlannedExercise, Session, SetLog

if TYPE_CHECKING:
    from runstrong_gui.storage.interchange import Known
    from runstrong_gui.storage.store import Store

MAX_BYTES = 512 * 1024 * 1024  # far above a clinic's decade of logs; refuses a stray disk image


class ImportRefused(Exception):
    """The file cannot be imported; ``str(error)`` says why and where. Nothing was written."""


@dataclass(frozen=True)
class ImportReport:
    added: dict[str, int]
    kept: dict[str, int]

    @property
    def summary(self) -> str:
        parts = [f"{n} {kind}" for kind, n in self.added.items() if n]
        text = "Imported " + (", ".join(parts) if parts else "nothing new")
        kept = sum(self.kept.values())
        if kept:
            text += f"; {kept} records were already in this store and were kept as they are"
        return text + "."


def read_file(path: Path | str) -> bytes:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ImportRefused(
                f"{p.name} is {size // (1024 * 1024)} MB; a RunStrong JSON file is at most "
                f"{MAX_BYTES // (1024 * 1024)} MB. Nothing was imported."
            )
        return p.read_bytes()
    except OSError as exc:
        raise ImportRefused(f"Could not read {p}: {exc.strerror or exc}.") from exc


def _line_of(data: bytes, message: str) -> str:
    """msgspec says 'byte N'; a person wants the line."""
    found = re.search(r"byte (\d+)", message)
    if not found:
        return message
    offset = int(found.group(1))
    line = data.count(b"\n", 0, offset) + 1
    return f"{message} (line {line})"


def decode(data: bytes) -> Document:
    """The document in ``data``, held to the format; ImportRefused names what is wrong."""
    try:
        return _decode(data)
    except RecursionError:  # msgspec's guard against a stack overflow
        raise ImportRefused(
            "This file nests lists or objects too deeply to be RunStrong JSON. "
            "Nothing was imported."
        ) from None


def _decode(data: bytes) -> Document:
    try:
        head = msgspec.json.decode(data, type=Head)
    except msgspec.DecodeError as exc:
        raise ImportRefused(
            f"This is not a RunStrong JSON file: {_line_of(data, str(exc))}. Nothing was imported."
        ) from exc
    except msgspec.ValidationError as exc:
        raise ImportRefused(
            f"This is not a RunStrong JSON file: {exc}. Nothing was imported."
        ) from exc
    if head.format != FORMAT:
        raise ImportRefused(
            f"This is not a RunStrong JSON file: $.format is {head.format!r}, not {FORMAT!r}. "
            "Nothing was imported."
        )
    if head.version != VERSION:
        raise ImportRefused(
            f"This file is RunStrong JSON version {head.version!r}; this RunStrong reads "
            f"version {VERSION}. Nothing was imported."
        )
    try:
        return msgspec.json.decode(data, type=Document)
    except msgspec.ValidationError as exc:
        text = str(exc)
        where = re.search(r" - at `([^`]+)`$", text)
        if where:
            text = f"at {where.group(1)}: {text[: where.start()]}"
        raise ImportRefused(
            f"The file does not follow the RunStrong JSON format, {text}. Nothing was imported."
        ) from exc


def _check(path: str, build: Any) -> Any:
    try:
        return build()
    except ValidationError as exc:
        raise ImportRefused(f"At {path}: {exc}. Nothing was imported.") from None
    except TypeError as exc:  # a field the record cannot take at all
        raise ImportRefused(f"At {path}: {exc}. Nothing was imported.") from None


def _unique(path: str, uids: list[str]) -> None:
    seen: set[str] = set()
    for i, uid in enumerate(uids):
        if uid in seen:
            raise ImportRefused(f"At {path}[{i}].uid: '{uid}' appears twice. Nothing was imported.")
        seen.add(uid)


@dataclass
class _Plan:
    """The checked records to add, in document order."""

    athletes: list[tuple[str, dict[str, Any]]]
    exercises: list[tuple[str, dict[str, Any]]]
    templates: list[tuple[str, str, str, dict[str, Any]]]
    sessions: list[tuple[Any, dict[str, Any], list[tuple[dict[str, Any], list[dict[str, Any]]]]]]
    kept: dict[str, int]


def _plan(doc: Document, known: Known) -> _Plan:
    """Check every record against the domain and the store; refuse before any write."""
    from runstrong_gui.storage import convert

    for name in ("athletes", "exercises", "templates", "sessions"):
        _unique(f"$.{name}", [r.uid for r in getattr(doc, name)])
    kept = dict.fromkeys(("athletes", "exercises", "templates", "sessions"), 0)
    athletes, exercises, sessions = [], [], []
    templates: list[tuple[str, str, str, dict[str, Any]]] = []
    doc_athletes: set[str] = set()
    for i, a in enumerate(doc.athletes):
        fields = {f: getattr(a, f) for f in a.__struct_fields__ if f != "uid"}
        athlete = _check(f"$.athletes[{i}]", lambda f=fields: Athlete(**f))
        doc_athletes.add(a.uid)
        if a.uid in known.athletes:
            kept["athletes"] += 1
        else:
            athletes.append((a.uid, convert.athlete_values(athlete)))
    dose_of: dict[str, str] = {}  # custom exercise uid → dose kind (those of this file)
    for i, e in enumerate(doc.exercises):
        fields = {f: getattr(e, f) for f in e.__struct_fields__ if f != "uid"}
        exercise = _check(f"$.exercises[{i}]", lambda f=fields: Exercise(**f))
        dose_of[e.uid] = exercise.dose_kind.value
        if e.uid in known.exercises:
            kept["exercises"] += 1
        else:
            exercises.append((e.uid, convert.exercise_values(exercise)))
    for t in doc.templates:
        if t.uid in known.templates:
            kept["templates"] += 1
        else:
            templates.append((t.uid, t.name, t.kind, t.payload))
    for i, s in enumerate(doc.sessions):
        where = f"$.sessions[{i}]"
        if s.athlete not in doc_athletes and s.athlete not in known.athletes:
            raise ImportRefused(
                f"At {where}.athlete: no athlete with uid '{s.athlete}' in the file or the "
                "store. Nothing was imported."
            )
        fields = {
            f: getattr(s, f)
            for f in s.__struct_fields__
            if f not in ("uid", "athlete", "exercises")
        }
        session = _check(where, lambda f=fields: Session(athlete_id=0, **f))
        items = []
        for j, p in enumerate(s.exercises):
            at = f"{where}.exercises[{j}]"
            ref, dose = _exercise(at, p.exercise_key, p.exercise_uid, known, dose_of)
            values = {
                f: getattr(p, f)
                for f in p.__struct_fields__
                if f not in ("exercise_key", "exercise_uid", "logs")
            }
            planned = _check(at, lambda v=values: PlannedExercise(session_id=0, exercise_id=0, **v))
            if dose is not None:
                _check(at, lambda p=planned, d=dose: p.checked_for(_dose_kind(d)))
            logs, numbers = [], set()
            for k, x in enumerate(p.logs):
                log_at = f"{at}.logs[{k}]"
                values = {f: getattr(x, f) for f in x.__struct_fields__}
                log = _check(log_at, lambda v=values: SetLog(planned_exercise_id=0, **v))
                if log.set_number in numbers:
                    raise ImportRefused(
                        f"At {log_at}.set_number: set {log.set_number} is logged twice. "
                        "Nothing was imported."
                    )
                numbers.add(log.set_number)
                row = convert.set_log_values(log)
                del row["planned_exercise_id"]
                logs.append(row)
            row = convert.planned_values(planned)
            del row["session_id"]
            items.append(({**row, "exercise_id": ref}, logs))
        if s.uid in known.sessions:
            kept["sessions"] += 1
        else:
            values = convert.session_values(session)
            sessions.append((s, values, items))
    return _Plan(athletes, exercises, templates, sessions, kept)


def _dose_kind(value: str) -> Any:
    from runstrong_gui.domain.enums import DoseKind

    return DoseKind(value)


def _exercise(
    at: str, key: str | None, uid: str | None, known: Known, dose_of: dict[str, str]
) -> tuple[str | int, str | None]:
    """The exercise a planned item names: ('key:…' or store id or 'uid:…', dose kind)."""
    if (key is None) == (uid is None):
        raise ImportRefused(
            f"At {at}: give exactly one of exercise_key (a built-in) or exercise_uid. "
            "Nothing was imported."
        )
    if key is not None:
        if key not in known.builtin:
            raise ImportRefused(
                f"At {at}.exercise_key: this RunStrong has no built-in exercise '{key}'. "
                "Nothing was imported."
            )
        return known.builtin[key], known.dose.get(known.builtin[key])
    assert uid is not None
    if uid in dose_of:
        return f"uid:{uid}", dose_of[uid]
    if uid in known.exercises:
        return known.exercises[uid], known.dose.get(known.exercises[uid])
    raise ImportRefused(
        f"At {at}.exercise_uid: no exercise with uid '{uid}' in the file or the store. "
        "Nothing was imported."
    )


def import_json(store: Store, data: bytes) -> ImportReport:
    """Import the document in ``data`` in one transaction; ImportRefused writes nothing."""
    from runstrong_gui.storage import interchange as si

    doc = decode(data)
    with store.transaction() as tx:
        si.fill_missing_uids(tx)
        known = si.known(tx, [s.uid for s in doc.sessions])
        plan = _plan(doc, known)
        athlete_ids = dict(known.athletes)
        for uid, values in plan.athletes:
            athlete_ids[uid] = si.add_athlete(tx, uid, values)
        exercise_ids = dict(known.exercises)
        for uid, values in plan.exercises:
            exercise_ids[uid] = si.add_exercise(tx, uid, values)
        for uid, name, kind, payload in plan.templates:
            si.add_template(tx, uid, name, kind, _template_payload(payload, exercise_ids))
        for s, values, items in plan.sessions:
            rows = []
            for planned, logs in items:
                ref = planned["exercise_id"]
                if isinstance(ref, str):  # an exercise of this file, added just now
                    ref = exercise_ids[ref.removeprefix("uid:")]
                rows.append(({**planned, "exercise_id": ref}, logs))
            si.add_session(tx, s.uid, {**values, "athlete_id": athlete_ids[s.athlete]}, rows)
    added = {
        "athletes": len(plan.athletes),
        "custom exercises": len(plan.exercises),
        "templates": len(plan.templates),
        "sessions": len(plan.sessions),
    }
    return ImportReport(added, plan.kept)


def _template_payload(payload: dict[str, Any], exercise_ids: dict[str, int]) -> dict[str, Any]:
    """The payload with each custom exercise's uid turned into this store's id."""
    from runstrong_gui.storage.interchange import copy_json, template_items

    out = copy_json(payload)
    for item in template_items(out):
        uid = item.pop("exercise_uid", None)
        if isinstance(uid, str) and uid in exercise_ids:
            item["exercise_id"] = exercise_ids[uid]
    return out


def import_json_file(store: Store, path: Path | str) -> ImportReport:
    return import_json(store, read_file(path))
