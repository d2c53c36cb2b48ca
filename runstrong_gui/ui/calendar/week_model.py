"""The week as a two-level item model: seven days, each holding its session cards.

Each day column is a view rooted at one day's index, so every column shares this one
model; drag and drop (the calendar work) goes through ``mimeData``/``dropMimeData``
here, where it can be tested without a window.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from runstrong_gui.domain.damage import Damage
from runstrong_gui.domain.dates import day_name
from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.domain.progression import planned_minutes
from runstrong_gui.domain.units import load_text
from runstrong_gui.ui.shell.damage import damage_lines
from runstrong_gui.ui.shell.mime import EXERCISE_MIME, SESSION_MIME

if TYPE_CHECKING:  # the store (SQLAlchemy) and its queries load after the window paints
    from runstrong_gui.domain.models import Exercise, PlannedExercise, SessionDetail
    from runstrong_gui.services.queries import WeekData

Index = QModelIndex | QPersistentModelIndex

DATE_ROLE = Qt.ItemDataRole.UserRole + 1
WARNINGS_ROLE = Qt.ItemDataRole.UserRole + 6

PAIN_ROLE = Qt.ItemDataRole.UserRole + 7
CARD_ROLE = Qt.ItemDataRole.UserRole + 9
MAX_LINES = 6

MAX_DRAG_IDS = 50
_DAY = 0xFFFFFFFF  # internal id of a day row; a session row stores its day's number


@dataclass(frozen=True)
class Card:
    """Everything a card paints, computed once per week so painting asks the model once."""

    kind: SessionKind
    title: str
    subtitle: str
    status: str  # "done", "skipped" or ""
    warned: bool
    pain: bool
    lines: tuple[tuple[str, str], ...]  # an exercise's name and its dose ("" for "+2 more")

    @property
    def badge(self) -> bool:
        return bool(self.status or self.warned or self.pain)


@dataclass(frozen=True)
class DropRequest:
    """A drop, decoded and checked: what was dropped, where, and whether to copy."""

    payload: str  # "sessions" or "exercises"
    ids: tuple[int, ...]
    day: dt.date
    position: int | None  # None = at the end of the day
    target: SessionDetail | None  # the card dropped onto, if any
    copy: bool


def _ids(raw: bytes, key: str) -> tuple[int, ...] | None:
    """Ids from drag data; None for anything malformed or foreign."""
    try:
        data = json.loads(bytes(raw).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    ids = data.get(key)
    if (
        not isinstance(ids, list)
        or not 1 <= len(ids) <= MAX_DRAG_IDS
        or not all(isinstance(i, int) and not isinstance(i, bool) and i > 0 for i in ids)
    ):
        return None
    return tuple(ids)


def day_label(date: dt.date) -> str:
    """'Tuesday 3 March': how a column introduces itself, on screen and to screen readers."""
    return day_name(date)


def strength_minutes(detail: SessionDetail) -> int:
    """Estimated minutes of a strength card (the queries' estimate, without importing them)."""
    return planned_minutes([(p, e.dose_kind) for p, e in detail.items])


def session_subtitle(detail: SessionDetail) -> str:
    s = detail.session
    if s.kind is SessionKind.STRENGTH:
        n = len(detail.items)
        return f"~{strength_minutes(detail)} min · {n} ex."
    parts = []
    if s.minutes:
        parts.append(f"{s.minutes} min")
    if s.distance_km:
        parts.append(f"{s.distance_km:g} km")
    return " · ".join(parts)


def exercise_parts(detail: SessionDetail) -> list[tuple[str, str]]:
    """('Glute bridge', '2×12') for each exercise of a strength card, at most MAX_LINES
    with '+N more': apart, so a narrow card shortens the name and keeps the dose."""
    if detail.session.kind is not SessionKind.STRENGTH:
        return []
    parts = [(e.name, f"{p.sets}×{p.amount}{e.dose_kind.unit}") for p, e in detail.items]
    if len(parts) > MAX_LINES:
        parts = [*parts[: MAX_LINES - 1], (f"+{len(parts) - MAX_LINES + 1} more", "")]
    return parts


def exercise_lines(detail: SessionDetail) -> list[str]:
    """'Glute bridge 2×12' lines for a strength card (see :func:`exercise_parts`)."""
    return [f"{name} {dose}".strip() for name, dose in exercise_parts(detail)]


def dose_tip(planned: PlannedExercise, exercise: Exercise, units: str) -> str:
    """'Side plank 2 × 20 s each side', 'Goblet squat 3 × 8 · 45 lb': the dose as planned,
    with its unit, sides and load, as the Session dock and the PDFs state it."""
    unit = exercise.dose_kind.unit
    text = f"{exercise.name} {planned.sets} × {planned.amount}" + (f" {unit}" if unit else "")
    if planned.per_side:
        text += " each side"
    if planned.load_kg > 0:
        text += f" · {load_text(planned.load_kg, units)}"
    return text


def session_accessible(detail: SessionDetail) -> str:
    """'Long run, 90 min': title and amount, plus done or skipped."""
    s = detail.session
    text = s.display_title
    if s.kind is SessionKind.STRENGTH:
        text += f", {len(detail.items)} exercises, about {strength_minutes(detail)} min"
    elif s.minutes:
        text += f", {s.minutes} min"
    if s.done:
        text += ", done"
    elif s.skipped:
        text += ", skipped"
    return text


class WeekModel(QAbstractItemModel):
    """Days (top level) and their sessions (children), read from :class:`WeekData`.

    Signals:
        updated(): a week was shown or updated (after the rows and data signals).
    """

    updated = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._week: WeekData | None = None
        self._warnings: dict[int, list[str]] = {}
        self._pain: set[int] = set()
        self._text: dict[int, tuple[str, str, list[tuple[str, str]]]] = {}  # subtitle, …
        self._cards: dict[int, Card] = {}
        self._days: list[tuple[SessionDetail, ...]] = []  # the rows; dates stay in _week
        self.drop_handler: Callable[[DropRequest], bool] | None = None
        self.read_only = False
        self.updating = False

    # -- data in ------------------------------------------------------------
    def set_week(self, week: WeekData) -> None:
        """Show ``week``. The same week again (after an edit) is updated day by day, so
        only the columns whose cards changed lay themselves out again."""
        old = self._week
        same_week = (
            old is not None
            and old.athlete.id == week.athlete.id
            and [d.date for d in old.days] == [d.date for d in week.days]
        )
        if not same_week:
            self.beginResetModel()
            self._week = week
            self._days = [day.sessions for day in week.days]
            self._prepare(week)
            self.endResetModel()
            self.updated.emit()
            return
        old_cards = self._cards
        self._week = week
        self._prepare(week)
        self.updating = True  # selections cleared by row removal now are not the user's
        try:
            self._update_days(week, old_cards)
        finally:
            self.updating = False
        self.updated.emit()

    def _update_days(self, week: WeekData, old_cards: dict[int, Card]) -> None:
        for i, day in enumerate(week.days):
            new_rows = day.sessions
            old_rows = self._days[i]
            parent = self.index(i, 0)
            if [d.session.id for d in old_rows] == [d.session.id for d in new_rows]:
                self._days[i] = new_rows
                changed = [
                    r
                    for r, d in enumerate(new_rows)
                    if old_rows[r] != d
                    or old_cards.get(d.session.id or -1) != self._cards.get(d.session.id or -1)
                ]
                if changed:
                    self.dataChanged.emit(
                        self.index(min(changed), 0, parent), self.index(max(changed), 0, parent)
                    )
                continue
            if old_rows:
                self.beginRemoveRows(parent, 0, len(old_rows) - 1)
                self._days[i] = ()
                self.endRemoveRows()
            if new_rows:
                self.beginInsertRows(parent, 0, len(new_rows) - 1)
                self._days[i] = new_rows
                self.endInsertRows()

    def _prepare(self, week: WeekData) -> None:
        """Warnings, pain flags and card texts, computed once per week rather than on
        every paint and size query."""
        self._warnings = {}
        for w in week.warnings:
            for sid in w.session_ids:
                self._warnings.setdefault(sid, []).append(w.message)
        self._pain = set(week.pain_sessions)
        self._text = {
            d.session.id or -1: (session_subtitle(d), session_accessible(d), exercise_parts(d))
            for day in week.days
            for d in day.sessions
        }
        self._cards = {}
        for day in week.days:
            for d in day.sessions:
                s = d.session
                sid = s.id or -1
                subtitle, _accessible, lines = self._text[sid]
                self._cards[sid] = Card(
                    kind=s.kind,
                    title=s.display_title,
                    subtitle=subtitle,
                    status="done" if s.done else "skipped" if s.skipped else "",
                    warned=bool(self._warnings.get(sid)),
                    pain=sid in self._pain or s.pain_persisting,
                    lines=tuple(lines),
                )

    @property
    def week(self) -> WeekData | None:
        return self._week

    def day_index(self, day: int) -> QModelIndex:
        return self.index(day, 0)

    def index_of_session(self, session_id: int) -> QModelIndex:
        if self._week is None:
            return QModelIndex()
        for d, rows in enumerate(self._days):
            for r, detail in enumerate(rows):
                if detail.session.id == session_id:
                    return self.index(r, 0, self.day_index(d))
        return QModelIndex()

    # -- structure ------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if self._week is None or column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _DAY) if row < 7 else QModelIndex()
        if parent.internalId() != _DAY or parent.column() != 0:
            return QModelIndex()
        day = parent.row()
        if row >= len(self._days[day]):
            return QModelIndex()
        return self.createIndex(row, 0, day)

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not child.isValid() or child.internalId() == _DAY:
            return QModelIndex()
        return self.createIndex(int(child.internalId()), 0, _DAY)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if self._week is None:
            return 0
        if not parent.isValid():
            return 7
        if parent.internalId() == _DAY and parent.column() == 0:
            return len(self._days[parent.row()])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        if index.internalId() == _DAY:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemIsDropEnabled
        )

    # -- data out ------------------------------------------------------------
    def detail(self, index: Index) -> SessionDetail | None:
        if self._week is None or not index.isValid() or index.internalId() == _DAY:
            return None
        return self._days[int(index.internalId())][index.row()]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._week is None or not index.isValid():
            return None
        if index.internalId() == _DAY:
            date = self._week.days[index.row()].date
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return day_label(date)
            if role == DATE_ROLE:
                return date
            return None
        detail = self.detail(index)
        assert detail is not None
        s = detail.session
        if role == Qt.ItemDataRole.DisplayRole:
            return s.display_title
        texts = self._text.get(s.id or -1) or (
            session_subtitle(detail),
            session_accessible(detail),
            [],
        )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return ("Damaged. " if _damage(detail) else "") + texts[1]
        if role == CARD_ROLE:
            return self._cards.get(s.id or -1)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [texts[1]]
            if s.description:  # an imported run's plan, as its feed describes it
                text = s.description.strip()
                lines.append(text if len(text) <= 400 else text[:400].rstrip() + " …")
            units = self._week.athlete.units.value
            lines += [f"• {dose_tip(p, e, units)}" for p, e in detail.items]
            lines += [f"⚠ {w}" for w in self._warnings.get(s.id or -1, [])]
            lines += damage_lines(_damage(detail))
            return "\n".join(lines)
        if role == WARNINGS_ROLE:
            return self._warnings.get(s.id or -1, [])
        if role == PAIN_ROLE:
            return (s.id in self._pain) or s.pain_persisting
        return None

    # -- drag and drop -------------------------------------------------------------
    def mimeTypes(self) -> list[str]:
        return [SESSION_MIME, EXERCISE_MIME]

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = [d.session.id for i in indexes if (d := self.detail(i)) is not None]
        mime = QMimeData()
        athlete_id = self._week.athlete.id if self._week else None
        mime.setData(
            SESSION_MIME, json.dumps({"session_ids": ids, "athlete_id": athlete_id}).encode()
        )
        return mime

    def decode_drop(
        self, data: QMimeData, action: Qt.DropAction, row: int, parent: Index
    ) -> DropRequest | None:
        """Where a drop lands and what it carries; None when it must change nothing."""
        if self._week is None or self.read_only or not parent.isValid():
            return None
        if action not in (Qt.DropAction.MoveAction, Qt.DropAction.CopyAction):
            return None
        target = self.detail(parent)
        if target is None:
            day = self._week.days[parent.row()].date
            position = row if row >= 0 else None
        else:
            day = target.session.date
            position = parent.row()
        if data.hasFormat(SESSION_MIME):
            raw = bytes(data.data(SESSION_MIME).data())
            ids = _ids(raw, "session_ids")
            try:
                athlete = json.loads(raw).get("athlete_id")
            except (ValueError, AttributeError, UnicodeDecodeError):
                athlete = None
            if ids is None or athlete != self._week.athlete.id:
                return None
            copy = action == Qt.DropAction.CopyAction
            return DropRequest("sessions", ids, day, position, target, copy)
        if data.hasFormat(EXERCISE_MIME):
            ids = _ids(bytes(data.data(EXERCISE_MIME).data()), "exercise_ids")
            if ids is None:
                return None
            if target is not None and target.session.kind is not SessionKind.STRENGTH:
                target, position = None, parent.row() + 1
            return DropRequest("exercises", ids, day, position, target, True)
        return None

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return self.decode_drop(data, action, row, parent) is not None

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        request = self.decode_drop(data, action, row, parent)
        if request is None or self.drop_handler is None:
            return False
        return self.drop_handler(request)


def _damage(detail: SessionDetail) -> list[Damage]:
    """Values another program wrote that the checks refused, in the session or its items
    (shown with field and value so the user can fix or delete the row)."""
    return [*detail.session.damage, *(d for p, _e in detail.items for d in p.damage)]
