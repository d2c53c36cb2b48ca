"""File ▸ Import history…: choose a Strong or Hevy export, see what it holds, map the
names the library does not know, import.

The dialog reads and checks the whole file as soon as it is chosen (nothing is written
then): a file that cannot be imported says why, with its line and column, and Import
stays off. Each unknown name gets a combo: a new custom exercise (the default: nothing
is lost and nothing guessed), leave its sets out, or one of the library's exercises.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
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

from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.services.interchange import history_import as hi
from runstrong_gui.services.interchange.history_csv import SOURCE_LABELS, read_history_file
from runstrong_gui.ui.shell import theme

if TYPE_CHECKING:
    from runstrong_gui.domain.models import Athlete
    from runstrong_gui.storage.store import Store

CHOICE_LABELS = {hi.NEW: "New custom exercise", hi.SKIP: "Leave out"}


class HistoryImportDialog(QDialog):
    """Preview and import; afterwards :attr:`receipt`, :attr:`preview` and :attr:`choices`
    hold what was imported, for the undo command."""

    def __init__(self, store: Store, athlete: Athlete, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyImportDialog")
        self.setWindowTitle("Import history")
        self.store = store
        self.athlete = athlete
        self.preview: hi.Preview | None = None
        self.receipt: hi.Receipt | None = None
        self.choices: dict[str, hi.Choice] = {}
        self._combos: dict[str, QComboBox] = {}

        self.path_edit = QLineEdit(self)
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText("A CSV export from Strong or Hevy")
        self.browse = QPushButton("Choose…", self)
        self.browse.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse)

        self.found = QLabel("", self)
        self.found.setObjectName("historyFound")
        self.found.setWordWrap(True)
        self.error = QLabel("", self)
        self.error.setObjectName("historyError")
        self.error.setWordWrap(True)
        theme.style(self.error, "color: {warning};")
        self.error.hide()

        form = QFormLayout()
        form.addRow("File:", file_row)
        form.addRow("For:", QLabel(athlete.name, self))
        form.addRow("Found:", self.found)

        self.names_note = QLabel(
            "These names are not in your library. Choose what each one is; "
            "RunStrong remembers it for the next import.",
            self,
        )
        self.names_note.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("historyNames")
        self.table.setHorizontalHeaderLabels(["Name in the file", "Sets", "In RunStrong"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.names_note.hide()
        self.table.hide()

        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.names_note)
        layout.addWidget(self.table, 1)
        layout.addStretch(0)  # takes the room while the table is hidden
        layout.addWidget(self.buttons)
        self.resize(640, 420)

    # -- reading ------------------------------------------------------------------------
    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "Import history", "", "CSV exports (*.csv);;All files (*)"
        )
        if path:
            self.set_file(path)

    def set_file(self, path: str) -> None:
        """Read and check ``path`` and show what it would import (nothing is written)."""
        from runstrong_gui.storage.engine import StoreError

        self.path_edit.setText(path)
        self.preview = None
        self._show_error("")
        try:
            history = read_history_file(path, None, self.athlete.units.value)
            self.preview = hi.preview_import(self.store, self.athlete.id or 0, history)
        except (ValidationError, StoreError) as exc:
            self.found.setText("Nothing can be imported from this file.")
            self._fill_names()
            self._show_error(str(exc.message if isinstance(exc, ValidationError) else exc))
            return
        known = len(self.preview.matched)
        matched = f"; {known} exercise name{'s' if known != 1 else ''} found in your library"
        self.found.setText(
            f"{self.preview.history.dialect}: {self.preview.summary()}{matched if known else ''}"
        )
        self._fill_names()

    def _fill_names(self) -> None:
        preview = self.preview
        names = list(preview.unmatched) if preview is not None else []
        self.table.setRowCount(len(names))
        self._combos = {}
        library = sorted(preview.library, key=lambda x: x[1].casefold()) if preview else []
        for row, name in enumerate(names):
            item = QTableWidgetItem(name)
            item.setToolTip(name)
            self.table.setItem(row, 0, item)
            count = QTableWidgetItem(f"{preview.sets_of(name):,}" if preview else "")
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 1, count)
            combo = QComboBox(self.table)
            combo.setAccessibleName(f"What '{name}' is in RunStrong")
            combo.addItem(CHOICE_LABELS[hi.NEW], hi.NEW)
            combo.addItem(CHOICE_LABELS[hi.SKIP], hi.SKIP)
            combo.insertSeparator(2)
            for exercise_id, label in library:
                combo.addItem(label, exercise_id)
            self.table.setCellWidget(row, 2, combo)
            self._combos[name] = combo
        shown = bool(names)
        self.names_note.setVisible(shown)
        self.table.setVisible(shown)
        self.import_button.setEnabled(preview is not None and bool(preview.new_workouts))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    # -- choosing and importing ---------------------------------------------------------
    def choose(self, name: str, choice: hi.Choice) -> None:
        """Set the combo of ``name`` to ``choice`` (an exercise id, NEW or SKIP)."""
        combo = self._combos[name]
        index = combo.findData(choice)
        if index < 0:
            raise KeyError(choice)
        combo.setCurrentIndex(index)

    def current_choices(self) -> dict[str, hi.Choice]:
        return {name: combo.currentData() for name, combo in self._combos.items()}

    def run_import(self) -> None:
        """Import in one transaction; a refusal is shown here and nothing is written."""
        from runstrong_gui.storage.engine import StoreError

        if self.preview is None:
            return
        choices = self.current_choices()
        try:
            receipt = hi.import_history(self.store, self.preview, choices)
        except (ValidationError, StoreError) as exc:
            self._show_error(str(exc))
            return
        self.choices = choices
        self.receipt = receipt
        self.accept()

    @property
    def source_label(self) -> str:
        source = self.preview.history.source if self.preview else ""
        return SOURCE_LABELS.get(source, "another app")
