"""Reads and writes for RunStrong JSON and the calendar export, by uid.

Exports read with Core, sessions streamed in batches (a server-side cursor on
PostgreSQL, SQLite's own cursor) with their planned exercises and logs fetched per
batch, so the whole clinic store goes out in bounded memory. Imports write with Core
inserts inside the caller's transaction; the caller has validated every record first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, update

from runstrong_gui.domain.interchange import (
    AthleteDoc,
    ExerciseDoc,
    PlannedDoc,
    SessionDoc,
    SetLogDoc,
    TemplateDoc,
)
from runstrong_gui.storage import convert
from runstrong_gui.storage.schema import (
    AthleteRow,
    CalendarSequenceRow,
    ExerciseRow,
    PlannedExerciseRow,
    SessionRow,
    SetLogRow,
    TemplateRow,
)
from runstrong_gui.storage.tx import Tx

ATHLETES = cast(Table, AthleteRow.__table__)
EXERCISES = cast(Table, ExerciseRow.__table__)
SESSIONS = cast(Table, SessionRow.__table__)
PLANNED = cast(Table, PlannedExerciseRow.__table__)
LOGS = cast(Table, SetLogRow.__table__)
TEMPLATES = cast(Table, TemplateRow.__table__)
SEQUENCES = cast(Table, CalendarSequenceRow.__table__)

BATCH = 500  # sessions per read: bounds memory; larger batches gained nothing measurable


# -- reading -------------------------------------------------------------------------


def fill_missing_uids(tx: Tx) -> int:
    """Give a uid to every row that has none (written by another tool, past the app's
    inserts): exports and imports name records by it. Returns how many got one."""
    from runstrong_gui.storage.schema import new_uid

    filled = 0
    for table in (ATHLETES, EXERCISES, TEMPLATES, SESSIONS):
        ids = list(tx.orm.execute(select(table.c.id).where(table.c.uid.is_(None))).scalars())
        if ids:
            tx.orm.execute(
                update(table).where(table.c.id == bindparam("key")).values(uid=bindparam("u")),
                [{"key": i, "u": new_uid()} for i in ids],
            )
            filled += len(ids)
    return filled


def athlete_docs(tx: Tx, athlete_id: int | None) -> list[AthleteDoc]:
    """One athlete, or every athlete (archived too), by name then uid."""
    q = select(ATHLETES).order_by(ATHLETES.c.name, ATHLETES.c.uid)
    if athlete_id is not None:
        q = q.where(ATHLETES.c.id == athlete_id)
    out = []
    for row in tx.orm.execute(q):
        a = convert.athlete(cast(Any, row))
        values = convert.athlete_values(a)
        # contact details stay private, the demo flag and feed are this desktop's own
        shared = {k: v for k, v in values.items() if k in AthleteDoc.__struct_fields__}
        out.append(AthleteDoc(uid=row.uid, **shared))
    return out


def exercise_docs(tx: Tx, athlete_id: int | None = None) -> list[ExerciseDoc]:
    """The custom exercises (built-ins are the same in every store), by name then uid:
    all of them, or those one athlete's plans and the user's templates use."""
    columns = [c for c in EXERCISES.c if c.name != "grp"]
    q = (
        select(*columns, EXERCISES.c.grp.label("group"))
        .where(EXERCISES.c.builtin.is_(False))
        .order_by(EXERCISES.c.name, EXERCISES.c.uid)
    )
    if athlete_id is not None:
        used = (
            select(PLANNED.c.exercise_id)
            .join(SESSIONS, SESSIONS.c.id == PLANNED.c.session_id)
            .where(SESSIONS.c.athlete_id == athlete_id)
        )
        in_templates = [
            item["exercise_id"]
            for (payload,) in tx.orm.execute(
                select(TEMPLATES.c.payload).where(TEMPLATES.c.builtin.is_(False))
            )
            for item in template_items(payload)
            if isinstance(item.get("exercise_id"), int)
        ]
        q = q.where(EXERCISES.c.id.in_(used) | EXERCISES.c.id.in_(in_templates))
    out = []
    for row in tx.orm.execute(q):
        values = convert.exercise_values(convert.exercise(cast(Any, row)))
        for gone in ("key", "builtin", "image_path"):  # a path on this computer only
            values.pop(gone)
        out.append(ExerciseDoc(uid=row.uid, **values))
    return out


def _exercise_refs(tx: Tx) -> tuple[dict[int, tuple[str | None, str | None]], dict[str, int]]:
    """id → (key of a built-in, uid of a custom one), and uid → id."""
    refs: dict[int, tuple[str | None, str | None]] = {}
    by_uid: dict[str, int] = {}
    q = select(EXERCISES.c.id, EXERCISES.c.key, EXERCISES.c.uid, EXERCISES.c.builtin)
    for ex_id, key, uid, builtin in tx.orm.execute(q):
        refs[ex_id] = (key, None) if builtin and key else (None, uid)
        by_uid[uid] = ex_id
    return refs, by_uid


def template_items(payload: Any) -> Iterator[dict[str, Any]]:
    """Every exercise item of a routine or week payload (see services/templates.py)."""
    if not isinstance(payload, dict):
        return
    yield from (i for i in payload.get("items", ()) if isinstance(i, dict))
    for day in payload.get("days", ()) or ():
        for spec in (day or {}).get("sessions", ()) if isinstance(day, dict) else ():
            if isinstance(spec, dict):
                yield from (i for i in spec.get("items", ()) if isinstance(i, dict))


def template_docs(tx: Tx) -> list[TemplateDoc]:
    """The user's templates; a custom exercise's store id becomes its uid."""
    refs, _ = _exercise_refs(tx)
    q = (
        select(TEMPLATES)
        .where(TEMPLATES.c.builtin.is_(False))
        .order_by(TEMPLATES.c.name, TEMPLATES.c.uid)
    )
    out = []
    for row in tx.orm.execute(q):
        payload = copy_json(row.payload)
        for item in template_items(payload):
            ex_id = item.pop("exercise_id", None)
            if isinstance(ex_id, int) and ex_id in refs:
                key, uid = refs[ex_id]
                if key:
                    item.setdefault("exercise", key)
                else:
                    item["exercise_uid"] = uid
        out.append(TemplateDoc(uid=row.uid, name=row.name, kind=row.kind, payload=payload))
    return out


def copy_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: copy_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [copy_json(v) for v in value]
    return value


def session_batches(
    tx: Tx, athlete_id: int | None, *, planned_only: bool = False, batch: int = BATCH
) -> Iterator[list[SessionDoc]]:
    """The sessions of one athlete or of all, with exercises and logs, ``batch`` at a time.

    Ordered by athlete (name, uid), day, order and uid: the order of the document, the
    same in any store holding the same records.
    """
    refs, _ = _exercise_refs(tx)
    q = (
        select(SESSIONS, ATHLETES.c.uid.label("athlete_uid"))
        .join(ATHLETES, ATHLETES.c.id == SESSIONS.c.athlete_id)
        .order_by(ATHLETES.c.name, ATHLETES.c.uid, SESSIONS.c.day, SESSIONS.c.position)
        .order_by(SESSIONS.c.uid)
    )
    if athlete_id is not None:
        q = q.where(SESSIONS.c.athlete_id == athlete_id)
    if planned_only:
        q = q.where(SESSIONS.c.done.is_(False), SESSIONS.c.skipped.is_(False))
    conn = tx.orm.connection()
    result = conn.execution_options(stream_results=True, yield_per=batch).execute(q)
    for rows in result.partitions():
        yield _session_docs(tx, rows, refs)


def _session_docs(
    tx: Tx, rows: Sequence[Any], refs: dict[int, tuple[str | None, str | None]]
) -> list[SessionDoc]:
    conn = tx.orm.connection()
    ids = [r.id for r in rows]
    planned: dict[int, list[Any]] = defaultdict(list)
    for p in conn.execute(
        select(PLANNED)
        .where(PLANNED.c.session_id.in_(ids))
        .order_by(PLANNED.c.session_id, PLANNED.c.position, PLANNED.c.id)
    ):
        planned[p.session_id].append(p)
    logs: dict[int, list[SetLogDoc]] = defaultdict(list)
    planned_ids = [p.id for items in planned.values() for p in items]
    if planned_ids:
        for x in conn.execute(
            select(LOGS)
            .where(LOGS.c.planned_exercise_id.in_(planned_ids))
            .order_by(LOGS.c.planned_exercise_id, LOGS.c.set_number)
        ):
            logs[x.planned_exercise_id].append(
                SetLogDoc(
                    set_number=x.set_number,
                    amount=x.amount,
                    load_kg=x.load_kg,
                    rpe=x.rpe,
                    pain=x.pain,
                    note=x.note,
                    logged_at=x.logged_at,
                )
            )
    out = []
    for r in rows:
        items = []
        for p in planned.get(r.id, ()):
            key, uid = refs[p.exercise_id]
            items.append(
                PlannedDoc(
                    exercise_key=key,
                    exercise_uid=uid,
                    position=p.position,
                    sets=p.sets,
                    amount=p.amount,
                    load_kg=p.load_kg,
                    tempo=p.tempo,
                    rest_seconds=p.rest_seconds,
                    per_side=bool(p.per_side),
                    notes=p.notes,
                    logs=logs.get(p.id, []),
                )
            )
        out.append(
            SessionDoc(
                uid=r.uid,
                athlete=r.athlete_uid,
                date=r.day,
                kind=r.kind,
                order=r.position,
                title=r.title,
                minutes=r.minutes,
                distance_km=r.distance_km,
                intensity=r.intensity,
                notes=r.notes,
                done=bool(r.done),
                skipped=bool(r.skipped),
                pain_persisting=bool(r.pain_persisting),
                source=r.source,
                edited=bool(r.edited),
                description=r.description,
                external_id=r.external_id,
                external_seq=r.external_seq,
                exercises=items,
            )
        )
    return out


def exercise_names(tx: Tx) -> dict[tuple[str | None, str | None], tuple[str, str]]:
    """(key, uid) reference → (name, dose kind), for the CSV and calendar texts."""
    out: dict[tuple[str | None, str | None], tuple[str, str]] = {}
    q = select(
        EXERCISES.c.key,
        EXERCISES.c.uid,
        EXERCISES.c.builtin,
        EXERCISES.c.name,
        EXERCISES.c.dose_kind,
    )
    for key, uid, builtin, name, dose in tx.orm.execute(q):
        out[(key, None) if builtin and key else (None, uid)] = (name, dose)
    return out


def athlete_uid(tx: Tx, athlete_id: int) -> str:
    row = tx.orm.execute(select(ATHLETES.c.uid).where(ATHLETES.c.id == athlete_id)).first()
    if row is None:
        from runstrong_gui.storage.tx_base import NotFound

        raise NotFound(f"That athlete no longer exists (id {athlete_id}).")
    return str(row[0])


# -- writing -------------------------------------------------------------------------


@dataclass
class Known:
    """What the store already has, by uid (and built-in exercises by key)."""

    athletes: dict[str, int] = field(default_factory=dict)
    exercises: dict[str, int] = field(default_factory=dict)
    builtin: dict[str, int] = field(default_factory=dict)
    templates: set[str] = field(default_factory=set)
    sessions: set[str] = field(default_factory=set)
    dose: dict[int, str] = field(default_factory=dict)  # exercise id → dose kind


def known(tx: Tx, session_uids: Sequence[str]) -> Known:
    conn = tx.orm.connection()
    k = Known()
    k.athletes = {uid: i for uid, i in conn.execute(select(ATHLETES.c.uid, ATHLETES.c.id))}
    for ex_id, key, uid, builtin, dose in conn.execute(
        select(
            EXERCISES.c.id,
            EXERCISES.c.key,
            EXERCISES.c.uid,
            EXERCISES.c.builtin,
            EXERCISES.c.dose_kind,
        )
    ):
        k.exercises[uid] = ex_id
        k.dose[ex_id] = dose
        if builtin and key:
            k.builtin[key] = ex_id
    k.templates = set(conn.execute(select(TEMPLATES.c.uid)).scalars())
    uids = list(session_uids)
    for start in range(0, len(uids), BATCH):
        part = uids[start : start + BATCH]
        k.sessions.update(
            conn.execute(select(SESSIONS.c.uid).where(SESSIONS.c.uid.in_(part))).scalars()
        )
    return k


def _new_id(result: Any) -> int:
    key = result.inserted_primary_key
    assert key is not None  # an INSERT of one row always has one
    return int(key[0])


def add_athlete(tx: Tx, uid: str, values: dict[str, Any]) -> int:
    return _new_id(tx.orm.connection().execute(insert(ATHLETES), {**values, "uid": uid}))


def add_exercise(tx: Tx, uid: str, values: dict[str, Any]) -> int:
    row = {("grp" if k == "group" else k): v for k, v in values.items()}  # the column's name
    return _new_id(tx.orm.connection().execute(insert(EXERCISES), {**row, "uid": uid}))


def add_template(tx: Tx, uid: str, name: str, kind: str, payload: dict[str, Any]) -> None:
    tx.orm.connection().execute(
        insert(TEMPLATES),
        {"uid": uid, "key": None, "name": name, "kind": kind, "builtin": False, "payload": payload},
    )


def add_session(
    tx: Tx,
    uid: str,
    values: dict[str, Any],
    items: Sequence[tuple[dict[str, Any], Sequence[dict[str, Any]]]],
) -> None:
    """A session with its planned exercises and their logs (values as convert makes them)."""
    conn = tx.orm.connection()
    sid = _new_id(conn.execute(insert(SESSIONS), {**values, "uid": uid}))
    for planned, logs in items:
        pid = _new_id(conn.execute(insert(PLANNED), {**planned, "session_id": sid}))
        if logs:
            conn.execute(insert(LOGS), [{**x, "planned_exercise_id": pid} for x in logs])


# -- calendar sequences ----------------------------------------------------------------


def calendar_sequences(tx: Tx, uids: Sequence[str]) -> dict[str, tuple[str, int]]:
    """session uid → (digest last exported, SEQUENCE it was given)."""
    out: dict[str, tuple[str, int]] = {}
    conn = tx.orm.connection()
    for start in range(0, len(uids), BATCH):
        part = list(uids[start : start + BATCH])
        q = select(SEQUENCES).where(SEQUENCES.c.session_uid.in_(part))
        out.update({r.session_uid: (r.digest, r.sequence) for r in conn.execute(q)})
    return out


def remember_sequences(tx: Tx, changed: dict[str, tuple[str, int]], existing: set[str]) -> None:
    conn = tx.orm.connection()
    new = [
        {"session_uid": u, "digest": d, "sequence": s}
        for u, (d, s) in changed.items()
        if u not in existing
    ]
    if new:
        conn.execute(insert(SEQUENCES), new)
    for uid, (digest, seq) in changed.items():
        if uid in existing:
            conn.execute(
                SEQUENCES.update()
                .where(SEQUENCES.c.session_uid == uid)
                .values(digest=digest, sequence=seq)
            )
