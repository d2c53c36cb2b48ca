"""File ▸ Export: pick a document, athlete, week and paper, then where to save the PDF.

The PDF is read and rendered right here, synchronously: a handout takes well under a
tenth of a second. A refusal (a week out of range, a folder that cannot be written)
is shown in the dialog, which stays open; nothing is written in that case.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import Athlete
from runstrong_gui.domain.progression import phase_of, week_dates
from runstrong_gui.export.errors import ExportError
from runstrong_gui.services import printing
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.engine import StoreError
from runstrong_gui.ui.shell import theme
from runstrong_gui.ui.shell.number_boxes import WholeSpinBox, read_whole

ERROR_STYLE = "color: {warning};"  # through theme.style
HINT_STYLE = "color: {subtle};"

DESCRIPTIONS = {
    "handout": "Clinic letterhead, the week's exercises with dose and how-to, the week "
    "itself and when to stop.",
    "week": "One block week on a landscape page, for the fridge.",
    "programme": "The whole block week by week, with every exercise's dose.",
    "logsheet": f"Boxes to write reps, load and pain for the strength sessions of "
    f"{printing.LOG_SHEET_WEEKS} weeks.",
}
USES_WEEK = {"handout", "week", "logsheet"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _span(first: dt.date, last: dt.date) -> str:
    """'2–8 Mar 2026', '30 Mar – 5 Apr 2026', as the printed pages write date ranges."""
    if first.year != last.year:
        return f"{first.day} {MONTHS[first.month - 1]} {first.year} – {_day(last)} {last.year}"
    if first.month != last.month:
        return f"{_day(first)} – {_day(last)} {last.year}"
    return f"{first.day}–{_day(last)} {last.year}"


def _day(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]}"


def _documents_folder() -> str:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return found if found and Path(found).is_dir() else str(Path.home())


def default_paper() -> str:
    """Letter where US paper is the norm (the locale says so), A4 elsewhere."""
    us = QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    return "Letter" if us else "A4"


class ExportDialog(QDialog):
    """Choose what to print; ``Export…`` asks for the file, writes it, and may open it.

    After ``accept``, ``written`` is the path of the PDF.
    """

    def __init__(
        self,
        queries: Queries,
        athlete: Athlete,
        week: int,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export")
        self._queries = queries
        self._settings = settings
        self.written: Path | None = None

        self.documents: dict[str, QRadioButton] = {}
        self._group = QButtonGroup(self)
        doc_box = QWidget()
        doc_layout = QVBoxLayout(doc_box)
        doc_layout.setContentsMargins(0, 0, 0, 0)
        doc_layout.setSpacing(2)
        for key, label in printing.DOCUMENTS.items():
            button = QRadioButton(label)
            button.setObjectName(f"document_{key}")
            hint = QLabel(DESCRIPTIONS[key])
            hint.setWordWrap(True)
            theme.style(hint, HINT_STYLE)
            hint.setContentsMargins(22, 0, 0, 6)
            self._group.addButton(button)
            self.documents[key] = button
            doc_layout.addWidget(button)
            doc_layout.addWidget(hint)
        self.documents[
            self._remembered("document", "handout", list(printing.DOCUMENTS))
        ].setChecked(True)

        self.athlete = QComboBox()
        self.athlete.setAccessibleName("Athlete")
        self._athletes: dict[int, Athlete] = {}
        listed = queries.athletes()
        if athlete.id not in {a.id for a in listed}:
            listed.append(athlete)
        for a in listed:
            if a.id is not None:
                self._athletes[a.id] = a
                self.athlete.addItem(a.name, a.id)
        self.athlete.setCurrentIndex(max(0, self.athlete.findData(athlete.id)))

        lo, hi = printing.WEEK_RANGE
        self.week = WholeSpinBox()  # "1,5" is refused, not read as 15
        self.week.setAccessibleName("Week")
        self.week.setRange(lo, hi)
        self.week.setValue(min(hi, max(lo, week)))
        self.week.setPrefix("Week ")
        self.week_hint = QLabel()
        theme.style(self.week_hint, HINT_STYLE)
        week_box = QWidget()
        week_row = QHBoxLayout(week_box)
        week_row.setContentsMargins(0, 0, 0, 0)
        week_row.addWidget(self.week)
        week_row.addWidget(self.week_hint, 1)

        self.goal = QLineEdit()
        self.goal.setAccessibleName("Goal")
        self.goal.setMaxLength(200)

        self.papers: dict[str, QRadioButton] = {}
        paper_box = QWidget()
        paper_row = QHBoxLayout(paper_box)
        paper_row.setContentsMargins(0, 0, 0, 0)
        paper_group = QButtonGroup(self)
        for p in printing.PAPERS:
            button = QRadioButton(p)
            paper_group.addButton(button)
            self.papers[p] = button
            paper_row.addWidget(button)
        paper_row.addStretch(1)
        self.papers[self._remembered("paper", default_paper(), list(printing.PAPERS))].setChecked(
            True
        )

        self.open_when_done = QCheckBox("Open the PDF when it is written")
        self.open_when_done.setChecked(
            self._remembered("open", "true", ["true", "false"]) == "true"
        )

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Document", doc_box)
        form.addRow("&Athlete", self.athlete)
        self.week_label = QLabel("&Week")
        self.week_label.setBuddy(self.week)
        form.addRow(self.week_label, week_box)
        self.goal_label = QLabel("&Goal")
        self.goal_label.setBuddy(self.goal)
        form.addRow(self.goal_label, self.goal)
        form.addRow("Paper", paper_box)
        form.addRow("", self.open_when_done)

        self.error = QLabel()
        self.error.setObjectName("exportError")
        theme.style(self.error, ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(
            "Export…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setDefault(True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)  # Enter exports, whichever button has the focus
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self._group.buttonToggled.connect(lambda *_: self._update())
        self.athlete.currentIndexChanged.connect(lambda *_: self._update())
        self.week.valueChanged.connect(lambda *_: self._update())
        self._update()
        width = 580
        fits = layout.heightForWidth(width) if layout.hasHeightForWidth() else -1
        self.resize(width, fits if fits > 0 else self.sizeHint().height())

    # -- state ---------------------------------------------------------------------------
    def _remembered(self, key: str, default: str, allowed: list[str]) -> str:
        value = self._settings.value(f"export/{key}") if self._settings is not None else None
        return str(value) if str(value) in allowed else default

    def document(self) -> str:
        return next(k for k, b in self.documents.items() if b.isChecked())

    def set_document(self, key: str) -> None:
        self.documents[key].setChecked(True)

    def paper(self) -> str:
        return next(k for k, b in self.papers.items() if b.isChecked())

    def current_athlete(self) -> Athlete:
        return self._athletes[int(self.athlete.currentData())]

    def _update(self) -> None:
        """Show the week and goal fields only where the document uses them, with hints."""
        doc = self.document()
        athlete = self.current_athlete()
        uses_week = doc in USES_WEEK
        self.week.setEnabled(uses_week)
        self.week_label.setText("From &week" if doc == "logsheet" else "&Week")
        self.goal.setEnabled(doc == "handout")
        self.goal_label.setEnabled(doc == "handout")
        fallback = printing.goal_text(athlete)
        self.goal.setPlaceholderText(fallback or "e.g. Run the autumn half marathon pain-free")
        week = self.week.value()
        if doc == "programme":
            weeks = printing.programme_weeks(athlete)
            first, last = weeks[0], weeks[-1]
            extra = " (through the goal race)" if last > 12 else ""
        elif doc == "logsheet":
            first, last, extra = week, week + printing.LOG_SHEET_WEEKS - 1, ""
        else:
            first, last, extra = week, week, f" · {phase_of(athlete, week).label}"
        start, end = week_dates(athlete, first)[0], week_dates(athlete, last)[-1]
        span = f"Weeks {first}–{last}" if first != last else ""
        dates = _span(start, end)
        self.week_hint.setText(" · ".join(p for p in (span, dates) if p) + extra)
        self.error.hide()

    # -- export --------------------------------------------------------------------------
    def _default_path(self) -> str:
        doc = self.document()
        week = self.week.value() if doc in USES_WEEK else None
        name = printing.default_file_name(self.current_athlete(), doc, week)
        stored = self._settings.value("export/folder") if self._settings is not None else None
        folder = str(stored) if stored and Path(str(stored)).is_dir() else _documents_folder()
        return os.path.join(folder, name)

    def accept(self) -> None:
        """Ask for the file, write the PDF, remember the choices, maybe open it."""
        self.error.hide()
        doc = self.document()
        try:  # before asking for a file: a refused week must not cost the user a choice
            week = read_whole(self.week, "Week") if doc in USES_WEEK else None
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self.week.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Save the PDF as", self._default_path(), "PDF documents (*.pdf)"
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        athlete = self.current_athlete()
        assert athlete.id is not None
        try:
            written = printing.export_document(
                self._queries.store,
                doc,
                athlete.id,
                path,
                week=week,
                paper=self.paper(),
                goal=self.goal.text() if doc == "handout" else None,
            )
        except (ExportError, StoreError, ValidationError) as exc:
            self.error.setText(f"The PDF was not written. {exc}")
            self.error.show()
            return
        self.written = written
        if self._settings is not None:
            self._settings.setValue("export/folder", str(written.parent))
            self._settings.setValue("export/paper", self.paper())
            self._settings.setValue("export/document", doc)
            self._settings.setValue(
                "export/open", "true" if self.open_when_done.isChecked() else "false"
            )
        if self.open_when_done.isChecked():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(written)))
        super().accept()
