"""File ▸ Import running plan…: choose a file or paste a feed address, look at the
preview, import; then offer to fit strength around the imported runs.

The dialog does no writing itself: it hands the import command (and the fit command)
to callbacks the feature gives it, which go through the shell's ``apply``. Reading the
feed runs on a worker thread, so a slow server never freezes the window; its answer
comes back as a signal.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from runstrong_gui.domain.dates import medium_date
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.services.interchange import fetch
from runstrong_gui.services.interchange.ics_import import FeedError, ImportedRun, parse_calendar
from runstrong_gui.storage.engine import StoreError
from runstrong_gui.ui.shell.style import WARNING

if TYPE_CHECKING:
    from runstrong_gui.services.changes import Command
    from runstrong_gui.services.interchange.running_plan import Preview

PreviewFn = Callable[[list[ImportedRun]], "Preview"]
ApplyFn = Callable[["Command"], bool]
FitFn = Callable[[dt.date, dt.date], bool]

COLUMNS = ("Change", "Date", "Kind", "Title", "Minutes", "Distance")


def _runs(n: int) -> str:
    return f"{n} run{'' if n == 1 else 's'}"


def _km(value: float | None) -> str:
    return "" if value is None else f"{value:g} km"


class ImportPlanDialog(QDialog):
    """Signals:
    read_done(object): the worker's answer, a list of runs or the FeedError (internal).
    """

    read_done = Signal(object)

    def __init__(
        self,
        athlete_name: str,
        preview: PreviewFn,
        apply: ApplyFn,
        fit: FitFn | None,
        source: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importPlanDialog")
        self.setWindowTitle(f"Import running plan — {athlete_name}")
        self._preview_fn, self._apply_fn, self._fit_fn = preview, apply, fit
        self.plan: Preview | None = None
        self.imported = False
        self.fetched_url: str | None = None

        self.source = QLineEdit(source)
        self.source.setObjectName("feedSource")
        self.source.setPlaceholderText("An .ics file, or a feed address (https:// or webcal://)")
        self.choose = QPushButton("Choose file…")
        self.read_button = QPushButton("Preview")
        self.read_button.setObjectName("readFeed")
        row = QHBoxLayout()
        row.addWidget(self.source, 1)
        row.addWidget(self.choose)
        row.addWidget(self.read_button)
        self.target = QLabel()
        self.target.setObjectName("feedTarget")
        self.target.setWordWrap(True)
        self.target.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("importPreview")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.overwrite = QCheckBox()
        self.overwrite.setObjectName("overwriteEdited")
        self.remove = QCheckBox()
        self.remove.setObjectName("removeGone")
        self.import_button = QPushButton("Import")
        self.import_button.setObjectName("importRuns")
        self.import_button.setDefault(True)
        self.fit_button = QPushButton("Fit strength around these runs")
        self.fit_button.setObjectName("fitStrength")
        self.close_button = QPushButton("Cancel")
        buttons = QHBoxLayout()
        buttons.addWidget(self.fit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel("Runs from a calendar file, or from the feed your running app shares:")
        )
        layout.addLayout(row)
        layout.addWidget(self.target)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.overwrite)
        layout.addWidget(self.remove)
        layout.addLayout(buttons)

        self.source.textChanged.connect(self._show_target)
        self.source.returnPressed.connect(self.read)
        self.choose.clicked.connect(self._choose_file)
        self.read_button.clicked.connect(self.read)
        self.import_button.clicked.connect(self.do_import)
        self.fit_button.clicked.connect(self.do_fit)
        self.close_button.clicked.connect(self.reject)
        self.read_done.connect(self._show_preview)
        self._reset()
        self._show_target(source)
        self.resize(760, 480)

    # -- steps -------------------------------------------------------------------------
    def _reset(self) -> None:
        self.plan = None
        self.table.setRowCount(0)
        for widget in (self.overwrite, self.remove, self.fit_button):
            widget.hide()
            widget.setEnabled(True)
        self.import_button.setEnabled(False)

    def _show_target(self, text: str) -> None:
        """Say what will be read before anything is: the address fetched, or the file."""
        text = text.strip()
        self._reset()
        if not text:
            self.target.setText("")
        elif fetch.is_url(text):
            try:
                self.target.setText(
                    f"Will fetch {fetch.feed_url(text)} (only when you press Preview)."
                )
            except FeedError as exc:
                self.target.setText(str(exc))
        else:
            self.target.setText(f"Will read the file {text}.")
        self.read_button.setEnabled(bool(text))

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "Choose a calendar file", "", "Calendars (*.ics *.ical *.ifb);;All files (*)"
        )
        if path:
            self.source.setText(path)
            self.read()

    def read(self) -> None:
        """Read the file or fetch the feed on a worker thread; the preview follows."""
        text = self.source.text().strip()
        if not text:
            return
        self._reset()
        self.fetched_url = None
        self.read_button.setEnabled(False)
        self.status.setStyleSheet("")
        self.status.setText("Fetching the feed…" if fetch.is_url(text) else "Reading the file…")
        self.setCursor(Qt.CursorShape.BusyCursor)

        def work() -> None:
            answer: object
            try:
                url = fetch.feed_url(text) if fetch.is_url(text) else None
                answer = (parse_calendar(fetch.read_source(text)), url)
            except FeedError as exc:
                answer = exc
            with contextlib.suppress(RuntimeError):  # the dialog was closed meanwhile
                self.read_done.emit(answer)

        threading.Thread(target=work, name="feed-read", daemon=True).start()

    def _fail(self, message: str) -> None:
        self.status.setStyleSheet(f"color: {WARNING};")
        self.status.setText(message)

    def _show_preview(self, answer: object) -> None:
        self.unsetCursor()
        self.read_button.setEnabled(bool(self.source.text().strip()))
        if isinstance(answer, FeedError):
            self._fail(str(answer))
            return
        assert isinstance(answer, tuple)
        runs: list[ImportedRun] = answer[0]
        url: str | None = answer[1]
        try:
            plan = self._preview_fn(runs)
        except (StoreError, ValidationError) as exc:
            self._fail(str(exc))
            return
        self.plan, self.fetched_url = plan, url
        if not plan.runs:
            self._fail("The calendar holds no events: nothing to import.")
            return
        span = f"{medium_date(plan.runs[0].date)} – {medium_date(plan.runs[-1].date)}"
        self.status.setStyleSheet("")
        self.status.setText(f"{len(plan.runs)} runs, {span}: {plan.summary()}.")
        rows: list[tuple[str, dt.date, str, str, int | None, float | None]] = []
        rows += [
            ("Add", r.date, r.kind.label, r.title, r.minutes, r.distance_km) for r in plan.added
        ]
        rows += [
            ("Update", r.date, r.kind.label, r.title, r.minutes, r.distance_km)
            for _s, r in plan.updated
        ]
        rows += [
            ("Changed by you", r.date, r.kind.label, r.title, r.minutes, r.distance_km)
            for _s, r in plan.conflicts
        ]
        rows += [
            ("Gone from feed", s.date, s.kind.label, s.title, s.minutes, s.distance_km)
            for s in plan.removed
        ]
        self.table.setRowCount(len(rows))
        for n, (change, day, kind, title, minutes, km) in enumerate(rows):
            cells = (
                change,
                medium_date(day),
                kind,
                title,
                "" if minutes is None else f"{minutes}",
                _km(km),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (4, 5):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(n, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        n_conf, n_gone = len(plan.conflicts), len(plan.removed)
        self.overwrite.setText(f"Also update the {_runs(n_conf)} you changed since the last import")
        self.overwrite.setChecked(False)
        self.overwrite.setVisible(bool(n_conf))
        self.remove.setText(
            f"Remove the {_runs(n_gone)} no longer in the feed (runs done are kept)"
        )
        self.remove.setChecked(False)
        self.remove.setVisible(bool(n_gone))
        self.import_button.setEnabled(True)

    def do_import(self) -> None:
        """Write the preview as one undoable action, then offer to fit strength around it."""
        from runstrong_gui.services.interchange.running_plan import import_command

        plan = self.plan
        if plan is None:
            return
        wanted = plan.changes_anything(self.overwrite.isChecked(), self.remove.isChecked())
        if wanted or self.fetched_url is not None:
            command = import_command(
                plan,
                overwrite_edited=self.overwrite.isChecked(),
                remove_gone=self.remove.isChecked(),
                feed_url=self.fetched_url,
            )
            if not self._apply_fn(command):
                return
        self.imported = True
        for widget in (self.import_button, self.read_button, self.overwrite, self.remove):
            widget.setEnabled(False)
        self.close_button.setText("Close")
        result = plan.result(self.overwrite.isChecked(), self.remove.isChecked())
        self.status.setText(
            f"Imported: {result}." if wanted else f"Nothing to change: {plan.summary()}."
        )
        self.fit_button.setVisible(self._fit_fn is not None)

    def do_fit(self) -> None:
        plan = self.plan
        if plan is None or plan.first is None or plan.last is None or self._fit_fn is None:
            return
        if self._fit_fn(plan.first, plan.last):
            self.fit_button.setEnabled(False)
            self.status.setText(self.status.text() + " Strength fitted around the runs.")
