"""Merging an imported running plan into an athlete's calendar.

:func:`preview` sorts the feed's runs against the athlete's sessions by event UID:
added, updated, unchanged, conflicts (a run the user changed in RunStrong since it was
imported, which is overwritten only when asked) and removed (imported runs the feed no
longer holds, removed only when asked). :func:`import_command` writes the preview's
decisions as one undoable action in one transaction.

History is never lost: a run done, skipped or with pain reported is never removed, and
a run already done is never changed back by a plan the feed still shows as planned.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.domain.models import Session
from runstrong_gui.services.changes import Command, Outcome
from runstrong_gui.services.interchange.ics_import import ImportedRun

if TYPE_CHECKING:
    from runstrong_gui.storage.store import Store, Tx


@dataclass(frozen=True)
class Preview:
    """What importing the feed would do (nothing is written until :func:`import_command`)."""

    athlete_id: int
    runs: tuple[ImportedRun, ...]
    added: tuple[ImportedRun, ...] = ()
    updated: tuple[tuple[Session, ImportedRun], ...] = ()
    conflicts: tuple[tuple[Session, ImportedRun], ...] = ()
    unchanged: tuple[Session, ...] = ()
    removed: tuple[Session, ...] = ()

    @property
    def first(self) -> dt.date | None:
        return self.runs[0].date if self.runs else None

    @property
    def last(self) -> dt.date | None:
        return self.runs[-1].date if self.runs else None

    def changes_anything(self, overwrite_edited: bool = False, remove_gone: bool = False) -> bool:
        return bool(
            self.added
            or self.updated
            or (overwrite_edited and self.conflicts)
            or (remove_gone and self.removed)
        )

    def summary(self) -> str:
        """One line: '9 to add, 1 to update, 2 unchanged, 1 changed by you, 1 gone'."""
        parts = [
            f"{len(self.added)} to add",
            f"{len(self.updated)} to update",
            f"{len(self.unchanged)} unchanged",
        ]
        if self.conflicts:
            parts.append(f"{len(self.conflicts)} changed by you since the last import")
        if self.removed:
            parts.append(f"{len(self.removed)} no longer in the feed")
        return ", ".join(parts)

    def result(self, overwrite_edited: bool = False, remove_gone: bool = False) -> str:
        """What an import with these choices did, in one line."""
        updated = len(self.updated) + (len(self.conflicts) if overwrite_edited else 0)
        parts = [f"{len(self.added)} added", f"{updated} updated"]
        if remove_gone and self.removed:
            parts.append(f"{len(self.removed)} removed")
        kept = []
        if self.conflicts and not overwrite_edited:
            kept.append(f"{len(self.conflicts)} you changed")
        if self.removed and not remove_gone:
            kept.append(f"{len(self.removed)} no longer in the feed")
        text = ", ".join(parts)
        return text + (f"; kept {' and '.join(kept)}" if kept else "")


def _history(s: Session) -> bool:
    return s.done or s.skipped or s.pain_persisting


def _imported(session: Session, run: ImportedRun) -> Session:
    """The session as the feed's event would make it (position and status aside)."""
    return dataclasses.replace(
        session,
        date=run.date,
        kind=run.kind,
        title=run.title,
        minutes=run.minutes,
        distance_km=run.distance_km,
        description=run.description,
        external_id=run.uid,
        external_seq=run.sequence,
        done=session.done or run.done,
        skipped=False if run.done else session.skipped,
    )


def _same(session: Session, run: ImportedRun) -> bool:
    fresh = _imported(session, run)
    return dataclasses.replace(fresh, external_seq=session.external_seq) == session


def sort_runs(athlete_id: int, runs: Iterable[ImportedRun], stored: Iterable[Session]) -> Preview:
    """Match the feed's runs to the athlete's imported sessions (see the module notes).

    ``stored`` are the athlete's sessions that carry an event id. A feed event with a
    lower SEQUENCE than the stored one is an older copy and changes nothing.
    """
    runs = tuple(sorted(runs, key=lambda r: (r.date, r.title, r.uid)))
    by_uid = {s.external_id: s for s in stored if s.external_id}
    added, updated, conflicts, unchanged = [], [], [], []
    for run in runs:
        session = by_uid.get(run.uid)
        if session is None:
            added.append(run)
        elif (session.external_seq or 0) > run.sequence or _same(session, run):
            unchanged.append(session)
        elif session.done and not run.done:
            unchanged.append(session)  # history: a plan never overwrites what was done
        elif session.edited:
            conflicts.append((session, run))
        else:
            updated.append((session, run))
    removed: list[Session] = []
    if runs:
        uids = {r.uid for r in runs}
        first, last = runs[0].date, runs[-1].date
        removed = [
            s
            for uid, s in by_uid.items()
            if uid not in uids and first <= s.date <= last and not _history(s)
        ]
        removed.sort(key=lambda s: (s.date, s.order))
    return Preview(
        athlete_id,
        runs,
        tuple(added),
        tuple(updated),
        tuple(conflicts),
        tuple(unchanged),
        tuple(removed),
    )


def preview(store: Store, athlete_id: int, runs: Iterable[ImportedRun]) -> Preview:
    """What importing ``runs`` for the athlete would do, read in one transaction."""
    with store.transaction() as tx:
        tx.athlete(athlete_id)  # a missing athlete is refused before anything else
        return sort_runs(athlete_id, runs, tx.imported_sessions(athlete_id))


def _runs_first(day: list[Session], incoming: list[Session]) -> list[Session]:
    """The day in order with ``incoming`` runs placed before its first strength session
    (run first, then strength), positions dense."""
    at = next((i for i, x in enumerate(day) if x.kind is SessionKind.STRENGTH), len(day))
    ordered = [*day[:at], *incoming, *day[at:]]
    return [x if x.order == i else dataclasses.replace(x, order=i) for i, x in enumerate(ordered)]


def _new_session(athlete_id: int, run: ImportedRun) -> Session:
    return Session(
        athlete_id=athlete_id,
        date=run.date,
        kind=run.kind,
        order=99,
        title=run.title,
        minutes=run.minutes,
        distance_km=run.distance_km,
        description=run.description,
        done=run.done,
        external_id=run.uid,
        external_seq=run.sequence,
    )


def import_command(
    plan: Preview,
    *,
    overwrite_edited: bool = False,
    remove_gone: bool = False,
    feed_url: str | None = None,
) -> Command:
    """The import as one undoable command: the preview's runs added and updated; the
    runs changed by the user overwritten only with ``overwrite_edited``; the runs gone
    from the feed removed only with ``remove_gone``. ``feed_url`` is remembered on the
    athlete, so the next update needs no typing."""
    athlete_id = plan.athlete_id
    rewrite = [*plan.updated, *(plan.conflicts if overwrite_edited else ())]
    gone = plan.removed if remove_gone else ()
    days = {r.date for r in plan.added}
    days |= {d for s, r in rewrite for d in (s.date, r.date)}
    days |= {s.date for s in gone}
    extra = tuple(s.id for s, _r in rewrite if s.id is not None)
    extra += tuple(s.id for s in gone if s.id is not None)

    def action(tx: Tx) -> Outcome:
        # One read of the days touched, one bulk insert of the new runs, and one write
        # per existing session that changes: a 500-run plan is a few statements more
        # than a 5-run one.
        ordered = sorted(days)
        current = tx.sessions_between(athlete_id, ordered[0], ordered[-1]) if ordered else []
        by_id = {x.id: x for x in current}
        by_day: dict[dt.date, list[Session]] = {}
        for x in current:
            if x.date in days:
                by_day.setdefault(x.date, []).append(x)
        incoming: dict[dt.date, list[Session]] = {}
        changed: dict[int, Session] = {}
        for old, run in rewrite:
            now = by_id.get(old.id) or tx.session(old.id or -1)
            fresh = dataclasses.replace(_imported(now, run), edited=False)
            if fresh.date != now.date:
                by_day[now.date] = [x for x in by_day.get(now.date, []) if x.id != now.id]
                incoming.setdefault(fresh.date, []).append(fresh)
                by_day.setdefault(fresh.date, [])
            else:
                there_now = by_day.setdefault(now.date, [now])
                by_day[now.date] = [fresh if x.id == now.id else x for x in there_now]
            changed[now.id or -1] = fresh
        for s in gone:
            there = by_id.get(s.id)
            if there is not None and not _history(there):  # done since the preview: history
                tx.delete_session(there.id or -1)
                by_day[there.date] = [x for x in by_day.get(there.date, []) if x.id != there.id]
        for run in plan.added:
            incoming.setdefault(run.date, []).append(_new_session(athlete_id, run))
            by_day.setdefault(run.date, [])
        new: list[Session] = []
        for day, sessions in by_day.items():
            for x in _runs_first(sessions, incoming.get(day, [])):
                if x.id is None:
                    new.append(x)
                elif x != by_id.get(x.id):
                    changed[x.id] = x
        for x in changed.values():
            tx.update_session(x)
        tx.add_sessions(new)
        if feed_url is not None:
            athlete = tx.athlete(athlete_id)
            if athlete.feed_url != feed_url:
                tx.update_athlete(dataclasses.replace(athlete, feed_url=feed_url))
        return Outcome(focus_date=plan.first)

    n = len(plan.added) + len(rewrite)
    label = f"Import running plan ({n} run{'s' if n != 1 else ''})"
    return Command(label, tuple(sorted(days)), action, extra)
