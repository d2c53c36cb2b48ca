"""Undoable changes to the plan, recorded as before/after snapshots of whole sessions.

An action runs inside one transaction between two snapshots of every session it may
have touched (the sessions of the days it names, plus any it creates). Undo writes
the "before" snapshot back, redo the "after": the store ends up exactly as it was,
ids included, however complicated the action was. Ids are never reused by the store
(AUTOINCREMENT), so re-creating a deleted session by id cannot collide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from runstrong_gui.domain.models import PlannedExercise, Session, SetLog

if TYPE_CHECKING:  # the store (SQLAlchemy) loads when first used, after the window paints
    from runstrong_gui.storage.store import Store, Tx


@dataclass(frozen=True)
class SessionSnapshot:
    session: Session
    items: tuple[tuple[PlannedExercise, tuple[SetLog, ...]], ...] = ()


Snapshot = dict[int, SessionSnapshot | None]


@dataclass(frozen=True)
class Outcome:
    """What an action reports back: sessions it created, and what the view should show."""

    created: tuple[int, ...] = ()
    focus_session: int | None = None
    focus_date: dt.date | None = None
    # The action changed session rows only (a move): the "after" snapshot can reuse the
    # planned exercises and logs of the "before" one instead of reading them again.
    sessions_only: bool = False


@dataclass(frozen=True)
class Change:
    label: str
    athlete_id: int
    before: Snapshot
    after: Snapshot
    outcome: Outcome = field(default_factory=Outcome)

    @property
    def is_empty(self) -> bool:
        return self.before == self.after


def capture(
    tx: Tx,
    session_ids: Iterable[int],
    known: Iterable[Session] = (),
) -> Snapshot:
    """Sessions by id with their planned exercises and logs (None for missing ones).

    ``known`` are sessions just read in this transaction: only the others are read again.
    """
    ids = sorted(set(session_ids))
    snap: Snapshot = dict.fromkeys(ids)
    fresh = {s.id: s for s in known if s.id in snap}
    sessions = [*fresh.values(), *tx.sessions_by_id(i for i in ids if i not in fresh)]
    planned = tx.planned_for([s.id for s in sessions if s.id is not None])
    logs = tx.logs_for([p.id for items in planned.values() for p in items if p.id is not None])
    for s in sessions:
        assert s.id is not None
        snap[s.id] = SessionSnapshot(
            s, tuple((p, tuple(logs.get(p.id or -1, ()))) for p in planned.get(s.id, ()))
        )
    return snap


def restore(tx: Tx, snap: Snapshot, now: Snapshot | None = None) -> None:
    """Make the store hold exactly ``snap`` for the sessions it names.

    Each session put back gets a version newer than both what ``now`` (the store as it
    is) and ``snap`` hold, so a screen that still shows an older one cannot save over it.
    """
    tx.delete_sessions(snap)  # planned exercises and logs go with them (CASCADE)
    sessions: list[Session] = []
    planned: list[PlannedExercise] = []
    logs: list[SetLog] = []
    for sid, state in snap.items():
        if state is None:
            continue
        present = (now or {}).get(sid)
        newest = max(state.session.version, present.session.version if present else 0)
        sessions.append(replace(state.session, version=newest + 1))
        for p, done in state.items:
            planned.append(p)
            logs.extend(done)
    tx.put_back(sessions, planned, logs)


def _ids(sessions: Iterable[Session]) -> set[int]:
    return {s.id for s in sessions if s.id is not None}


Action = Callable[["Tx"], Outcome | None]


@dataclass(frozen=True)
class Command:
    """One user action, as the window applies it: its Edit ▸ Undo label, the days it
    touches (read before and after, for undo), the action run in one transaction, and
    the ids of sessions it touches outside those days."""

    label: str
    days: tuple[dt.date, ...]
    action: Action
    extra_ids: tuple[int, ...] = ()
    # (session id, version) of the sessions as the user saw them: should one have
    # changed since (another computer saved it), the action is refused, not merged
    seen: tuple[tuple[int, int], ...] = ()
    # library exercises the action reads (their doses): read with the "before" snapshot
    exercises: tuple[int, ...] = ()


def seen(*sessions: Session) -> tuple[tuple[int, int], ...]:
    """The ``seen`` of a command about these sessions (as the screen shows them)."""
    return tuple((s.id, s.version) for s in sessions if s.id is not None)


def record(
    store: Store,
    label: str,
    athlete_id: int,
    days: Iterable[dt.date],
    action: Action,
    extra_ids: Iterable[int] = (),
    seen: Iterable[tuple[int, int]] = (),
    exercises: Iterable[int] = (),
) -> Change:
    """Run ``action`` in one transaction and return the change it made.

    ``days`` are the dates whose sessions the action may touch (source and target of a
    move, the whole week of a week operation); ``extra_ids`` adds sessions by id.
    ``seen`` are (id, version) of sessions as the user saw them: one that another
    computer changed since refuses the action (:class:`ConflictError`). A session whose
    exercises or logs changed gets a new version too, so the same holds for them.
    ``exercises`` are library exercises the action reads, read with the sessions.
    """
    days = sorted(set(days))
    versions = dict(seen)
    asked = set(extra_ids) | set(versions)
    with store.transaction() as tx:
        # One read (one round trip on a server): the days' sessions with their exercises
        # and logs, and those asked for by id; read locked when the user saw versions,
        # which are checked on them.
        read = tx.sessions_around(athlete_id, days, asked, lock=bool(versions), exercises=exercises)
        _check_seen(tx, versions, read.sessions)
        ids_before = _ids(_on(read.sessions, athlete_id, days)) | asked
        before = _snapshot(ids_before, read.sessions, read.planned, read.logs)
        tx.know(athlete_id, days, read)  # the action's reads of them
        tx.hold_writes()  # on a server they go with the read after the action
        try:
            outcome = action(tx) or Outcome()
        except BaseException:
            tx.stop_holding(send=False)  # the transaction rolls back
            raise
        finally:
            tx.forget()
        asked = ids_before | set(outcome.created)
        reuse = outcome.sessions_only
        read = tx.sessions_around(athlete_id, days, asked, items=not reuse)
        every = asked | _ids(_on(read.sessions, athlete_id, days))
        if reuse and not all(before.get(s.id or -1) is not None for s in read.sessions):
            read = tx.sessions_around(athlete_id, days, asked)
            reuse = False
        if reuse:
            after: Snapshot = dict.fromkeys(sorted(every))
            for s in read.sessions:
                kept = before[s.id or -1]
                assert s.id is not None and kept is not None
                after[s.id] = SessionSnapshot(s, kept.items)
        else:
            after = _snapshot(every, read.sessions, read.planned, read.logs)
        if not versions:
            tx.stop_holding()  # a version bump below must be checked before COMMIT
        # else the sessions were read locked, so a bump cannot be refused: it is held and
        # goes with COMMIT (one round trip, see Store.transaction)
        for sid in every - ids_before:
            before[sid] = None
        for sid in ids_before - set(after):
            after[sid] = None
        _new_versions(tx, before, after)
    return Change(label, athlete_id, before, after, outcome)


def _on(sessions: Iterable[Session], athlete_id: int, days: Iterable[dt.date]) -> list[Session]:
    """The sessions of ``athlete_id`` on ``days``, in the order given."""
    wanted = set(days)
    return [s for s in sessions if s.athlete_id == athlete_id and s.date in wanted]


def _snapshot(
    ids: Iterable[int],
    sessions: Iterable[Session],
    planned: dict[int, list[PlannedExercise]],
    logs: dict[int, list[SetLog]],
) -> Snapshot:
    """The snapshot of ``ids`` from sessions read with their exercises and logs."""
    snap: Snapshot = dict.fromkeys(sorted(set(ids)))
    for s in sessions:
        if s.id in snap:
            items = planned.get(s.id, ())
            snap[s.id] = SessionSnapshot(
                s, tuple((p, tuple(logs.get(p.id or -1, ()))) for p in items)
            )
    return snap


def _check_seen(tx: Tx, versions: dict[int, int], read: Iterable[Session]) -> None:
    """Refuse (:class:`ConflictError`) when a session the user saw has changed since."""
    from runstrong_gui.storage.errors import ConflictError

    for s in read:
        if s.id in versions and s.version != versions[s.id]:
            raise ConflictError("session", tx.changed_at(s.id))


def _new_versions(tx: Tx, before: Snapshot, after: Snapshot) -> None:
    """Bump the version of sessions whose exercises or logs alone changed (their row's
    own writes bump it already)."""
    for sid, now in after.items():
        was = before.get(sid)
        if now is None or was is None or now == was:
            continue
        if now.session.version == was.session.version:
            tx.bump_session(sid, now.session.version)
            after[sid] = replace(now, session=replace(now.session, version=now.session.version + 1))


def undo(store: Store, change: Change) -> None:
    """Put back the store as it was before ``change``; refused (:class:`ConflictError`)
    when another computer changed those sessions since."""
    _put_back(store, change.after, change.before)


def redo(store: Store, change: Change) -> None:
    _put_back(store, change.before, change.after)


def _put_back(store: Store, expected: Snapshot, target: Snapshot) -> None:
    from runstrong_gui.storage.errors import UNDO_REFUSED, ConflictError

    with store.transaction() as tx:
        # read locked, so nobody saves them between this check and the write: one round
        # trip on a server (BEGIN included), by id only (no days)
        read = tx.sessions_around(0, (), expected, lock=True)
        now = _snapshot(expected, read.sessions, read.planned, read.logs)
        for sid, state in now.items():
            if state != expected[sid]:
                raise ConflictError("session", tx.changed_at(sid), UNDO_REFUSED)
        # nothing of the write back can be refused by a count of rows (it deletes and
        # inserts by id), so on a server it is held and goes with COMMIT
        tx.hold_writes()
        restore(tx, target, now)
