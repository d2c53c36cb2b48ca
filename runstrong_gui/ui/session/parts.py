"""Parts of the session editor (:mod:`.session_editor`) that are widgets or helpers in
their own right: the log box, the pain guidance panel, the keys a table claims, and the
small text and sizing helpers. The editor wires them to the session it shows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from runstrong_gui.domain.pain import (
    GUIDANCE_STEPS,
    GUIDANCE_TITLE,
    NORMAL_NOTE,
    WARNING_SIGNS,
    WARNING_SIGNS_INTRO,
)
from runstrong_gui.ui.session.delegate import FieldDelegate
from runstrong_gui.ui.session.log_model import LogModel
from runstrong_gui.ui.shell import theme
from runstrong_gui.ui.shell.flow_layout import FlowLayout


def error_label(name: str) -> QLabel:
    """A hidden line for a refusal, under the table or form the value came from."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    theme.style(label, "color: {warning};")
    label.hide()
    return label


def section_title(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class LogBox(QGroupBox):
    """What was done of the chosen exercise: its plan, one row per set, a note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Log", parent)
        self.setObjectName("logBox")
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        self.plan = QLabel(self)
        self.plan.setObjectName("logPlan")
        self.plan.setWordWrap(True)
        theme.style(self.plan, "color: {muted};")
        layout.addWidget(self.plan)
        self.model = LogModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("logTable")
        self.table.setAccessibleName("Logged sets")
        self.table.setModel(self.model)
        self.table.setItemDelegate(FieldDelegate(self.table))
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.columns = SharedColumns(self.table)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        layout.addWidget(self.table)
        buttons = FlowLayout()
        self.as_planned_button = QPushButton("Done as planned", self)
        self.as_planned_button.setObjectName("doneAsPlanned")
        self.as_planned_button.setToolTip("Log every planned set with the planned amount and load")
        self.add_set_button = QPushButton("Add a set", self)
        self.add_set_button.setToolTip("Log one more set than planned")
        self.clear_button = QPushButton("Clear log", self)
        for w in (self.as_planned_button, self.add_set_button, self.clear_button):
            buttons.addWidget(w)
        layout.addLayout(buttons)
        self.note = QLineEdit(self)
        self.note.setObjectName("logNote")
        self.note.setAccessibleName("Note on this exercise")
        self.note.setPlaceholderText("Note: how it felt, what to change next time")
        layout.addWidget(self.note)
        self.error = error_label("logError")
        layout.addWidget(self.error)


class PainGuidance(QFrame):
    """The pain guidance shown when a session's logs or answers call for it: why, what to
    do now, and the signs that mean seeing someone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("painGuidance")
        theme.style(
            self,
            "#painGuidance {{ background: {pain}; border-left: 4px solid {warning};"
            " border-radius: 4px; }}",
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 10, 8)
        self.text = QLabel(self)
        self.text.setObjectName("painGuidanceText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.text)
        self.hide()

    def show_reasons(self, reasons: Sequence[str]) -> None:
        items = "".join(f"<li>{esc(r)}</li>" for r in reasons)
        steps = "".join(f"<li>{esc(s)}</li>" for s in GUIDANCE_STEPS)
        t = theme.tokens()
        signs = "".join(f"<li>{esc(s)}</li>" for s in WARNING_SIGNS)
        self.text.setText(
            f"<b style='color:{t['warning']}; font-size:larger'>⚠ {esc(GUIDANCE_TITLE)}</b>"
            f"<ul style='margin-top:2px; margin-bottom:2px'>{items}</ul>"
            f"<ol style='margin-top:2px; margin-bottom:2px'>{steps}</ol>"
            f"<b>{esc(WARNING_SIGNS_INTRO)}</b>"
            f"<ul style='margin-top:2px; margin-bottom:2px'>{signs}</ul>"
            f"<span style='color:{t['muted']}'>{esc(NORMAL_NOTE)}</span>"
        )


class KeyClaims(QObject):
    """Key presses a view handles itself, claimed before any window shortcut sees them."""

    def __init__(self, handlers: dict[QKeySequence, Callable[[], None]], view: QWidget) -> None:
        super().__init__(view)
        self._handlers = handlers
        view.installEventFilter(self)

    def _match(self, event: QEvent) -> Callable[[], None] | None:
        if not isinstance(event, QKeyEvent):
            return None
        pressed = QKeySequence(event.keyCombination())
        return next(
            (
                h
                for k, h in self._handlers.items()
                if k.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch
            ),
            None,
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._match(event):
            event.accept()
            return True
        if event.type() == QEvent.Type.KeyPress:
            handler = self._match(event)
            if handler is not None:
                handler()
                return True
        return False


class SharedColumns(QObject):
    """Each column as wide as its heading and values, and the room left over shared
    equally (Qt's stretch makes them equal, cutting a wide heading in a narrow dock)."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        view, header = self.view, self.view.horizontalHeader()
        count = header.count()
        if not count:
            return
        needed = [max(view.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(count)]
        spare = max(0, view.viewport().width() - sum(needed))
        for c, width in enumerate(needed):
            header.resizeSection(c, width + spare // count + (1 if c < spare % count else 0))


class ColumnFitter(QObject):
    """Keeps a table within its width: the first column takes what the others, sized to
    their contents, leave; when even that is too little, the ``optional`` columns are
    hidden (last named first) rather than the table scrolling sideways in a narrow dock.
    """

    def __init__(self, view: QTreeView, optional: Sequence[int], least: int = 130) -> None:
        super().__init__(view)
        self.view = view
        self.optional = list(optional)
        self.least = least  # the first column's narrowest useful width
        header = view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(28)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        """Show as many optional columns as fit beside the first column's least width."""
        view, header = self.view, self.view.header()
        room = view.viewport().width() - self.least
        needed = {c: view.sizeHintForColumn(c) for c in range(1, header.count())}
        needed = {c: max(w, header.sectionSizeHint(c)) for c, w in needed.items()}
        shown = set(needed)
        for column in reversed(self.optional):
            if sum(needed[c] for c in shown) <= room:
                break
            shown.discard(column)
        for column in needed:
            header.setSectionHidden(column, column not in shown)


def fit_rows(view: QTreeView | QTableView, rows: int, least: int, most: int) -> None:
    """Make a table as tall as its rows (within bounds), so the dock has no empty boxes."""
    if isinstance(view, QTreeView):
        header = view.header().sizeHint().height()
        row = view.sizeHintForRow(0) if rows else view.fontMetrics().height() + 6
    else:
        header = view.horizontalHeader().sizeHint().height()
        row = view.verticalHeader().defaultSectionSize()
    shown = min(max(rows, least), most)
    extra = view.horizontalScrollBar().sizeHint().height() if isinstance(view, QTreeView) else 0
    view.setFixedHeight(header + shown * max(row, 1) + 2 * view.frameWidth() + extra + 2)


def set_text(edit: QLineEdit, text: str) -> None:
    """Show the store's text unless the user is typing in that field right now."""
    if edit.text() != text and not (edit.hasFocus() and edit.isModified()):
        edit.setText(text)
        edit.setModified(False)


def esc(text: str) -> str:
    return escape(text, quote=False)
