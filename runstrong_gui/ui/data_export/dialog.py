"""The Export data dialog: which athletes, which file; the export runs on OK.

A refusal (a folder that cannot be written, a store error) is shown in the dialog,
which stays open; nothing is written in that case.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import Athlete
from runstrong_gui.export.errors import ExportError
from runstrong_gui.services.interchange import data_export
from runstrong_gui.storage.engine import StoreError
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.shell.style import WARNING

FORMATS = {
    "json": (
        "RunStrong JSON",
        "json",
        "Everything of the athlete, or of every athlete: plans and logs, custom exercises "
        "and templates. Another RunStrong imports it without duplicates.",
    ),
    "csv": (
        "CSV",
        "csv",
        "Logged sets in Strong's columns (other apps import them), and one row per "
        "session in a second file beside it (…-sessions.csv).",
    ),
    "ics": (
        "Calendar",
        "ics",
        "The planned sessions as all-day events. Importing the file again into a calendar "
        "updates the events instead of adding them twice.",
    ),
}


def _folder() -> str:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return found if found and Path(found).is_dir() else str(Path.home())


def _file_name(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", text).strip() or "RunStrong"


class ExportDataDialog(QDialog):
    """Export the current athlete (or, as JSON, every athlete) to a file."""

    def __init__(self, store: Store, athlete: Athlete, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.athlete = athlete
        self.kind = kind
        self.written: data_export.Written | None = None
        title, suffix, description = FORMATS[kind]
        self.suffix = suffix
        self.setObjectName("exportDataDialog")
        self.setWindowTitle(f"Export {title}")
        layout = QVBoxLayout(self)
        about = QLabel(description, self)
        about.setWordWrap(True)
        layout.addWidget(about)
        form = QFormLayout()
        self.one = QRadioButton(athlete.name, self)
        self.one.setObjectName("exportOne")
        self.every = QRadioButton("Every athlete (the whole store)", self)
        self.every.setObjectName("exportAll")
        self.one.setChecked(True)
        who = QVBoxLayout()
        who.addWidget(self.one)
        who.addWidget(self.every)
        self.every.setVisible(kind == "json")
        form.addRow("Athletes:", who)
        self.path = QLineEdit(self)
        self.path.setObjectName("exportPath")
        self.path.setMinimumWidth(360)
        self.path.setText(str(Path(_folder()) / f"{_file_name(athlete.name)}.{suffix}"))
        browse = QPushButton("Choose…", self)
        browse.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow("Save as:", row)
        layout.addLayout(form)
        self.every.toggled.connect(self._scope_changed)
        self.error = QLabel(self)
        self.error.setObjectName("exportError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {WARNING};")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Export")
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _scope_changed(self, every: bool) -> None:
        current = Path(self.path.text())
        name = "RunStrong – all athletes" if every else _file_name(self.athlete.name)
        self.path.setText(str(current.with_name(f"{name}.{self.suffix}")))

    def _choose(self) -> None:
        title, suffix, _ = FORMATS[self.kind]
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Export to", self.path.text(), f"{title} (*.{suffix})"
        )
        if chosen:
            self.path.setText(chosen)

    def export(self) -> None:
        """Write the file; on a refusal say why here and stay open."""
        text = self.path.text().strip()
        if not text:
            self._refuse("Give the file to write.")
            return
        athlete_id = self.athlete.id or 0
        try:
            if self.kind == "json":
                who = None if self.every.isChecked() else athlete_id
                self.written = data_export.export_json(self.store, who, text)
            elif self.kind == "csv":
                self.written = data_export.export_csv(self.store, athlete_id, text)
            else:
                self.written = data_export.export_ics(self.store, athlete_id, text)
        except (ExportError, StoreError, ValidationError) as exc:
            self._refuse(str(exc))
            return
        self.accept()

    def _refuse(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
