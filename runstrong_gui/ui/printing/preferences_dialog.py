"""File ▸ Preferences: the clinic letterhead and therapist name the handouts print.

They live in the store (not in QSettings) so they travel with a clinic's data. Saving
checks every field first; a refusal is shown under the field and nothing is saved.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.services import logo, printing
from runstrong_gui.storage.engine import StoreError
from runstrong_gui.ui.shell import theme
from runstrong_gui.ui.shell.forms import add_row_with_error, dialog_error, mark_field, save_cancel

if TYPE_CHECKING:
    from runstrong_gui.storage.store import Store

PREVIEW_W, PREVIEW_H = 180, 72  # about the logo's printed proportions (45 × 18 mm)


class PreferencesDialog(QDialog):
    """Clinic name, contact lines, logo (with a preview) and the therapist's name.

    After ``accept``, ``saved`` holds what the store kept (logo as an absolute path).
    """

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Preferences")
        self._store = store
        self.saved: printing.ClinicPreferences | None = None
        current = printing.clinic_preferences(store)

        self.name = QLineEdit(current.name)
        self.name.setPlaceholderText("e.g. Riverside Physiotherapy")
        self.name.setMaxLength(200)  # longer than allowed, so the message explains the limit
        self.contact = QPlainTextEdit(current.contact)
        self.contact.setPlaceholderText("Address, phone, e-mail — one per line")
        self.contact.setTabChangesFocus(True)
        self.contact.setFixedHeight(92)
        self.therapist = QLineEdit(current.therapist)
        self.therapist.setPlaceholderText("Printed on each handout as its therapist")
        self.therapist.setMaxLength(200)

        self.logo = QLineEdit(current.logo_path or "")
        self.logo.setPlaceholderText("optional PNG or JPEG picture")
        self.browse = QPushButton("Browse…")
        self.clear_logo = QPushButton("Remove")
        self.preview = QLabel()
        self.preview.setObjectName("logoPreview")
        self.preview.setFixedSize(PREVIEW_W, PREVIEW_H)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # the logo as on paper: the light palette whatever the screen's
        paper = theme.LIGHT
        self.preview.setStyleSheet(
            f"border: 1px solid {paper['panel_edge']}; color: {paper['subtle']};"
            f" background: {paper['base']};"
        )
        logo_box = QWidget()
        logo_layout = QVBoxLayout(logo_box)
        logo_layout.setContentsMargins(0, 0, 0, 0)
        path_row = QHBoxLayout()
        path_row.addWidget(self.logo, 1)
        path_row.addWidget(self.browse)
        path_row.addWidget(self.clear_logo)
        logo_layout.addLayout(path_row)
        logo_layout.addWidget(self.preview)

        self.errors: dict[str, QLabel] = {}
        self._targets: dict[str, QWidget] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._row(form, "Clinic &name", self.name, "Clinic name")
        self._row(form, "&Contact", self.contact, "Contact")
        self._row(form, "&Logo", logo_box, "Logo", self.logo)
        self._row(form, "&Therapist", self.therapist, "Therapist")

        intro = QLabel(
            "The letterhead and signature of every client handout. They are kept in the "
            "store, so everyone who opens it prints the same header."
        )
        intro.setWordWrap(True)
        theme.style(intro, "color: {subtle};")
        self.error = dialog_error("preferencesError")
        buttons = save_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        self.browse.clicked.connect(self._choose_logo)
        self.clear_logo.clicked.connect(self.logo.clear)
        self.logo.textChanged.connect(self._show_preview)
        self._show_preview(self.logo.text())
        self.resize(560, self.sizeHint().height())

    def _row(
        self,
        form: QFormLayout,
        label: str,
        widget: QWidget,
        field: str,
        target: QWidget | None = None,
    ) -> None:
        error = add_row_with_error(form, label, widget)
        self.errors[field] = error
        self._targets[field] = target or widget

    def _choose_logo(self) -> None:
        start = self.logo.text() or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose the clinic logo", start, "Pictures (*.png *.jpg *.jpeg)"
        )
        if path:
            self.logo.setText(path)

    def _show_preview(self, path: str) -> None:
        """The logo as it will print; other files say why they will be refused."""
        path = path.strip()
        problem = "No logo" if not path else ""
        if path:
            try:
                if logo.logo_kind(Path(path).expanduser()) is None:
                    problem = "Not a PNG or JPEG"
                elif logo.logo_problem(Path(path).expanduser()) is not None:
                    problem = "Too big for a logo"  # read from the header: never decoded
            except OSError:
                problem = "No such picture"
        pixmap = QPixmap() if problem else QPixmap(str(Path(path).expanduser()))
        if pixmap.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText(problem or "Not a picture")
            return
        self.preview.setPixmap(
            pixmap.scaled(
                PREVIEW_W - 8,
                PREVIEW_H - 8,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def preferences(self) -> printing.ClinicPreferences:
        """What the form says, unchecked."""
        return printing.ClinicPreferences(
            name=self.name.text(),
            contact=self.contact.toPlainText(),
            logo_path=self.logo.text().strip() or None,
            therapist=self.therapist.text(),
        )

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.hide()
        for widget in self._targets.values():
            mark_field(widget, False)
        self.error.hide()

    def accept(self) -> None:
        self.clear_errors()
        try:
            self.saved = printing.save_clinic_preferences(self._store, self.preferences())
        except ValidationError as exc:
            label = self.errors.get(exc.field)
            if label is None:
                self.error.setText(str(exc))
                self.error.show()
            else:
                label.setText(str(exc))
                label.show()
                target = self._targets[exc.field]
                mark_field(target, True)
                target.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        except StoreError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()
