"""The Session editor's widgets and their wiring, apart from its behaviour (editor.py).

``build`` makes the widgets the editor shows and keeps them on it; ``connect`` wires
their signals to the editor's slots.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from runstrong_gui.services.changes import Command
from runstrong_gui.services.editing import SessionView
from runstrong_gui.ui.session.delegate import FieldDelegate
from runstrong_gui.ui.session.dock import EMPTY_STYLE, EMPTY_TEXT, SessionDock
from runstrong_gui.ui.session.log_panel import LogPanel
from runstrong_gui.ui.session.models import (
    RUN_KINDS,
    PlannedModel,
)
from runstrong_gui.ui.session.parts import (
    ColumnFitter,
    KeyClaims,
    LogBox,
    PainGuidance,
    error_label,
    section_title,
)
from runstrong_gui.ui.shell import theme
from runstrong_gui.ui.shell.flow_layout import FlowLayout
from runstrong_gui.ui.shell.wrapped_label import WrappedLabel

__all__ = ["SessionDock", "SessionEditor"]  # the dock lives in a light module of its own

Reader = Callable[[int], SessionView | None]
Applier = Callable[[Command], bool]

if TYPE_CHECKING:
    from runstrong_gui.ui.session.editor import SessionEditor


def build(self: SessionEditor) -> None:
    outer = QVBoxLayout(self)
    outer.setContentsMargins(0, 0, 0, 0)
    self.stack = QStackedWidget(self)
    outer.addWidget(self.stack)

    self.empty = QLabel(EMPTY_TEXT)
    self.empty.setObjectName("sessionEmpty")
    self.empty.setWordWrap(True)
    self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
    theme.style(self.empty, EMPTY_STYLE)
    self.stack.addWidget(self.empty)

    scroll = QScrollArea(self)
    scroll.setAccessibleName("Session editor")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    # the editor reflows to the dock's width (wrapping rows, giving way columns), so it
    # never scrolls sideways
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    body = QWidget(scroll)
    scroll.setWidget(body)
    self.stack.addWidget(scroll)
    self.body = scroll
    layout = QVBoxLayout(body)
    layout.setContentsMargins(8, 6, 8, 8)
    layout.setSpacing(6)

    # header: title, date, duration, status
    head = QHBoxLayout()
    titles = QVBoxLayout()
    titles.setSpacing(0)
    self.title = QLabel(body)
    self.title.setObjectName("sessionTitle")
    font = self.title.font()
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    self.title.setFont(font)
    self.title.setWordWrap(True)
    self.subtitle = WrappedLabel(body)  # a card moved re-lays out nothing (see there)
    self.subtitle.setObjectName("sessionSubtitle")
    theme.style(self.subtitle, "color: {muted};")
    titles.addWidget(self.title)
    titles.addWidget(self.subtitle)
    head.addLayout(titles, 1)
    self.duration = QLabel(body)
    self.duration.setObjectName("sessionDuration")
    self.duration.setToolTip("Estimated from sets, amounts, rests and changeovers")
    theme.style(
        self.duration,
        "background: {duration}; border-radius: 9px; padding: 3px 10px; font-weight: bold;",
    )
    head.addWidget(self.duration, 0, Qt.AlignmentFlag.AlignTop)
    layout.addLayout(head)

    status = FlowLayout()
    self.done_button = QPushButton("✓ Done", body)
    self.done_button.setObjectName("sessionDone")
    self.done_button.setCheckable(True)
    self.done_button.setToolTip("Mark the session done")
    self.skip_button = QPushButton("Skipped", body)
    self.skip_button.setObjectName("sessionSkipped")
    self.skip_button.setCheckable(True)
    self.skip_button.setToolTip("Mark the session skipped")
    status.addWidget(self.done_button)
    status.addWidget(self.skip_button)
    layout.addLayout(status)

    # page: strength (pages are shown or hidden, so each takes only its own height)
    strength = QWidget(body)
    layout.addWidget(strength)
    s_layout = QVBoxLayout(strength)
    s_layout.setContentsMargins(0, 0, 0, 0)
    s_layout.setSpacing(4)
    s_layout.addWidget(section_title("Exercises"))
    self.planned_model = PlannedModel(self)
    self.table = QTreeView(strength)
    self.table.setObjectName("plannedTable")
    self.table.setAccessibleName("Planned exercises")
    self.table.setModel(self.planned_model)
    self.table.setItemDelegate(FieldDelegate(self.table))
    self.table.setRootIsDecorated(False)
    self.table.setUniformRowHeights(True)
    self.table.setAlternatingRowColors(True)
    self.table.setAllColumnsShowFocus(True)
    self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
    self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
    self.table.setDragDropOverwriteMode(False)
    self.table.setDropIndicatorShown(True)
    self.table.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.SelectedClicked
    )
    # the dose columns as wide as their contents; in a narrow dock the notes, then the
    # tempo, rest and per-side columns give way (their values stay in the row's tooltip)
    optional = ("per_side", "rest_seconds", "tempo", "notes")
    self.table_columns = ColumnFitter(
        self.table, optional=[PlannedModel.COLUMNS.index(f) for f in optional]
    )
    s_layout.addWidget(self.table)

    row_buttons = FlowLayout()
    self.up_button = QPushButton("Move up", strength)
    self.up_button.setToolTip("Move the selected exercise up (Ctrl+Up)")
    self.down_button = QPushButton("Move down", strength)
    self.down_button.setToolTip("Move the selected exercise down (Ctrl+Down)")
    self.remove_button = QPushButton("Remove", strength)
    self.remove_button.setToolTip("Remove the selected exercise and its log (Delete)")
    for w in (self.up_button, self.down_button, self.remove_button):
        row_buttons.addWidget(w)
    s_layout.addLayout(row_buttons)
    hint = QLabel("Drag a row to reorder; double-click a value to change it.", strength)
    hint.setWordWrap(True)
    theme.style(hint, "color: {subtle};")
    s_layout.addWidget(hint)
    self.table_error = error_label("plannedError")
    s_layout.addWidget(self.table_error)

    self.log_box = LogBox(strength)
    box = self.log_box
    self.log_plan, self.log_model, self.log_table = box.plan, box.model, box.table
    self.as_planned_button, self.add_set_button = box.as_planned_button, box.add_set_button
    self.clear_log_button, self.log_note, self.log_error = box.clear_button, box.note, box.error
    s_layout.addWidget(self.log_box)

    # page: runs, walks, rest, cross-training
    run = QWidget(body)
    layout.addWidget(run)
    form = QFormLayout(run)
    form.setContentsMargins(0, 4, 0, 0)
    self.kind_combo = QComboBox(run)
    self.kind_combo.setObjectName("sessionKind")
    for kind in RUN_KINDS:
        self.kind_combo.addItem(kind.label, kind.value)
    self.title_edit = QLineEdit(run)
    self.title_edit.setObjectName("sessionTitleEdit")
    self.title_edit.setPlaceholderText("e.g. 6 × 800 m at 10 km pace")
    self.minutes_edit = QLineEdit(run)
    self.minutes_edit.setObjectName("sessionMinutes")
    self.minutes_edit.setPlaceholderText("—")
    self.distance_edit = QLineEdit(run)
    self.distance_edit.setObjectName("sessionDistance")
    self.distance_edit.setPlaceholderText("—")
    form.addRow("Kind", self.kind_combo)
    form.addRow("Title", self.title_edit)
    form.addRow("Minutes", self.minutes_edit)
    form.addRow("Distance (km)", self.distance_edit)
    self.run_page = run
    self.strength_page = strength

    notes_row = QFormLayout()
    notes_row.setContentsMargins(0, 0, 0, 0)
    self.notes_edit = QLineEdit(body)
    self.notes_edit.setObjectName("sessionNotes")
    self.notes_edit.setAccessibleName("Session notes")
    self.notes_edit.setPlaceholderText("Notes on the session")
    notes_row.addRow("Notes", self.notes_edit)
    layout.addLayout(notes_row)
    self.session_error = error_label("sessionError")
    layout.addWidget(self.session_error)

    # pain: the 48-hour question and the guidance
    pain_row = FlowLayout()
    self.persist_label = QLabel("Pain lasted more than 48 hours?", body)
    self.persist_label.setWordWrap(True)
    self.persist_no = QRadioButton("No", body)
    self.persist_no.setObjectName("painPersistingNo")
    self.persist_yes = QRadioButton("Yes", body)
    self.persist_yes.setObjectName("painPersistingYes")
    self.persist_group = QButtonGroup(self)
    self.persist_group.addButton(self.persist_no)
    self.persist_group.addButton(self.persist_yes)
    pain_row.addWidget(self.persist_label)
    pain_row.addWidget(self.persist_no)
    pain_row.addWidget(self.persist_yes)
    layout.addLayout(pain_row)

    self.guidance = PainGuidance(body)
    self.guidance_text = self.guidance.text
    layout.addWidget(self.guidance)
    self._reveal = QTimer(self)
    self._reveal.setSingleShot(True)
    self._reveal.setInterval(0)
    self._reveal.timeout.connect(lambda: self.body.ensureWidgetVisible(self.guidance))
    layout.addStretch(1)

    # keyboard equivalents of drag and the buttons; they win over the window's own
    # shortcuts for the same keys (which act on the calendar card) while a table has focus
    self.table_keys = KeyClaims(
        {
            QKeySequence("Ctrl+Up"): lambda: self._step(-1),
            QKeySequence("Ctrl+Down"): lambda: self._step(1),
            QKeySequence(QKeySequence.StandardKey.Delete): self._remove,
        },
        self.table,
    )


def connect(self: SessionEditor) -> None:
    self.planned_model.on_edit = self._edit_dose
    self.planned_model.on_move = self._move
    self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
    self.up_button.clicked.connect(lambda: self._step(-1))
    self.down_button.clicked.connect(lambda: self._step(1))
    self.remove_button.clicked.connect(self._remove)
    self.log_panel = LogPanel(self)
    self.done_button.clicked.connect(lambda on: self._status("done" if on else "planned"))
    self.skip_button.clicked.connect(lambda on: self._status("skipped" if on else "planned"))
    self.persist_yes.clicked.connect(lambda: self._persisting(True))
    self.persist_no.clicked.connect(lambda: self._persisting(False))
    self.kind_combo.activated.connect(self._kind_chosen)
    self.title_edit.editingFinished.connect(lambda: self._session_text("title", self.title_edit))
    self.notes_edit.editingFinished.connect(lambda: self._session_text("notes", self.notes_edit))
    self.minutes_edit.editingFinished.connect(self._minutes_finished)
    self.distance_edit.editingFinished.connect(self._distance_finished)
