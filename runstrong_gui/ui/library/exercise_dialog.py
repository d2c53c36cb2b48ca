"""Create or edit a custom exercise: every field of the library, checked at the field.

The dialog builds a domain :class:`Exercise` (which validates itself) and hands it to a
``save`` callable (the library service). Any refusal — a bound, a name already taken,
a missing image file — is shown under the field it names and the dialog stays open,
so nothing partial is ever saved. Spin boxes accept more than the bounds on purpose:
an out-of-range number gets a message saying the range rather than a silent clamp.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from runstrong_gui.domain.enums import (
    DoseKind,
    Equipment,
    ExerciseGroup,
    ExerciseKind,
    Focus,
    Level,
)
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import Exercise
from runstrong_gui.services.library import IMAGE_SUFFIXES, check_media
from runstrong_gui.storage.engine import StoreError
from runstrong_gui.ui.shell import theme
from runstrong_gui.ui.shell.forms import add_row_with_error, dialog_error, mark_field, save_cancel
from runstrong_gui.ui.shell.number_boxes import WholeSpinBox, read_whole

THUMB = 56

Save = Callable[[Exercise], Exercise]


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


class ExerciseDialog(QDialog):
    """New exercise (``exercise`` None) or edit of a custom one.

    After ``accept``, ``saved`` holds what the store returned; it stays None when the
    input was refused (the message is then under the field).
    """

    def __init__(
        self, exercise: Exercise | None, save: Save, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exerciseDialog")
        self.setWindowTitle(f"Edit “{exercise.name}”" if exercise else "New exercise")
        self._original = exercise
        self._save = save
        self.saved: Exercise | None = None
        e = exercise or Exercise(name="New exercise", group=ExerciseGroup.GLUTE_HIP)

        self.name = QLineEdit(e.name if exercise else "")
        self.name.setPlaceholderText("e.g. Banded hip thrust")
        self.name.setMaxLength(200)  # longer than allowed, so the message explains the limit
        self.group = self._enum_combo(ExerciseGroup, e.group)
        self.kind = self._enum_combo(ExerciseKind, e.kind)
        self.level = self._enum_combo(Level, e.level)
        self.muscles = QLineEdit(", ".join(e.muscles))
        self.muscles.setPlaceholderText("glutes, hamstrings — comma separated")

        self.equipment: dict[Equipment, QCheckBox] = {}
        equipment_box = QWidget()
        grid = QGridLayout(equipment_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        for i, q in enumerate(Equipment):
            box = QCheckBox(q.label)
            box.setChecked(q in e.equipment)
            self.equipment[q] = box
            grid.addWidget(box, i // 3, i % 3)
        self.focus: dict[Focus, QCheckBox] = {}
        focus_box = QWidget()
        focus_row = QHBoxLayout(focus_box)
        focus_row.setContentsMargins(0, 0, 0, 0)
        for f in Focus:
            box = QCheckBox(f.label)
            box.setChecked(f in e.focus)
            self.focus[f] = box
            focus_row.addWidget(box)
        focus_row.addStretch(1)

        self.sets = self._spin(0, 99, e.sets, "Sets")
        self.rep_min = self._spin(0, 9999, e.rep_min, "Amount from")
        self.rep_max = self._spin(0, 9999, e.rep_max, "Amount to")
        self.dose_kind = self._enum_combo(DoseKind, e.dose_kind)
        self.per_side = QCheckBox("each side")
        self.per_side.setChecked(e.per_side)
        dose_box = QWidget()
        dose_row = QHBoxLayout(dose_box)
        dose_row.setContentsMargins(0, 0, 0, 0)
        for w in (self.sets, QLabel("×"), self.rep_min, QLabel("to"), self.rep_max):
            dose_row.addWidget(w)
        dose_row.addWidget(self.dose_kind, 1)
        dose_row.addWidget(self.per_side)
        self.tempo = QLineEdit(e.tempo)
        self.tempo.setPlaceholderText("e.g. 3-1-1 (lower, pause, lift)")
        self.rest = self._spin(0, 9999, e.rest_seconds, "Rest between sets")
        self.rest.setSuffix(" s")

        self.image = QLineEdit(e.image_path or "")
        self.image.setPlaceholderText("optional picture file")
        self.browse = QPushButton("Browse…")
        self.thumb = QLabel()
        self.thumb.setFixedSize(THUMB, THUMB)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        theme.style(self.thumb, "border: 1px solid {panel_edge}; color: {subtle};")
        image_box = QWidget()
        image_row = QHBoxLayout(image_box)
        image_row.setContentsMargins(0, 0, 0, 0)
        image_row.addWidget(self.image, 1)
        image_row.addWidget(self.browse)
        image_row.addWidget(self.thumb)
        self.video = QLineEdit(e.video_url or "")
        self.video.setPlaceholderText("https://…")

        self.steps = self._text(e.steps, "One step per line, in order")
        self.cues = self._text(e.cues, "One cue per line")
        self.stop_if = self._text(e.stop_if, "One warning sign per line")
        self.notes = QPlainTextEdit(e.notes)
        self.notes.setPlaceholderText("Why this exercise helps, variations…")

        self.errors: dict[str, QLabel] = {}
        self._targets: dict[str, QWidget] = {}
        left = QFormLayout()
        left.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._row(left, "&Name", self.name, ["Name"])
        self._row(left, "&Group", self.group, ["Group"])
        self._row(left, "&Kind", self.kind, ["Kind"])
        self._row(left, "&Level", self.level, ["Level"])
        self._row(left, "&Muscles", self.muscles, ["Muscles"])
        self._row(left, "E&quipment", equipment_box, ["Equipment"])
        self._row(left, "&Focus", focus_box, ["Focus"])
        self._row(
            left,
            "&Dose",
            dose_box,
            ["Sets", "Amount (from)", "Amount (to)", "Dose kind"],
            {
                "Sets": self.sets,
                "Amount (from)": self.rep_min,
                "Amount (to)": self.rep_max,
                "Dose kind": self.dose_kind,
            },
        )
        self._row(left, "&Tempo", self.tempo, ["Tempo"])
        self._row(left, "&Rest", self.rest, ["Rest"])
        self._row(left, "&Image", image_box, ["Image"], {"Image": self.image})
        self._row(left, "&Video URL", self.video, ["Video URL"])
        right = QFormLayout()
        right.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self._row(right, "How-to &steps", self.steps, ["How-to steps"])
        self._row(right, "&Cues", self.cues, ["Cues"])
        self._row(right, "&Stop if", self.stop_if, ["Stop if"])
        self._row(right, "N&otes", self.notes, ["Notes"])

        self.error = dialog_error("exerciseError")
        buttons = save_cancel(self)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addSpacing(12)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        self.browse.clicked.connect(self._choose_image)
        self.image.textChanged.connect(self._show_thumb)
        self._show_thumb(self.image.text())
        self.resize(940, 640)

    # -- construction helpers ------------------------------------------------------
    def _enum_combo(self, cls: type, current: object) -> QComboBox:
        box = QComboBox()
        for member in cls:  # type: ignore[attr-defined]
            box.addItem(member.label, member.value)
        box.setCurrentIndex(box.findData(current.value))  # type: ignore[attr-defined]
        return box

    def _spin(self, lo: int, hi: int, value: int, name: str) -> WholeSpinBox:
        spin = WholeSpinBox()  # "1,5" is refused, not read as 15
        spin.setRange(lo, hi)
        spin.setValue(value)
        spin.setAccessibleName(name)
        return spin

    def _text(self, values: tuple[str, ...], hint: str) -> QPlainTextEdit:
        edit = QPlainTextEdit("\n".join(values))
        edit.setPlaceholderText(hint)
        edit.setTabChangesFocus(True)
        return edit

    def _row(
        self,
        form: QFormLayout,
        label: str,
        widget: QWidget,
        fields: list[str],
        targets: dict[str, QWidget] | None = None,
    ) -> None:
        """The field with an error line right under it, shared by the names in ``fields``."""
        error = add_row_with_error(form, label, widget)
        for name in fields:
            self.errors[name] = error
            self._targets[name] = (targets or {}).get(name, widget)

    # -- image ---------------------------------------------------------------------
    def _choose_image(self) -> None:
        patterns = " ".join(f"*{s}" for s in sorted(IMAGE_SUFFIXES))
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose a picture", self.image.text(), f"Pictures ({patterns})"
        )
        if path:
            self.image.setText(path)

    def _show_thumb(self, path: str) -> None:
        pixmap = QPixmap(path) if path and Path(path).is_file() else QPixmap()
        if pixmap.isNull():
            self.thumb.setPixmap(QPixmap())
            self.thumb.setText("no\nimage" if not path else "?")
            return
        self.thumb.setPixmap(
            pixmap.scaled(
                THUMB,
                THUMB,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    # -- result --------------------------------------------------------------------
    def build(self) -> Exercise:
        """The exercise the form describes; raises ValidationError naming the field."""
        o = self._original
        e = Exercise(
            id=o.id if o else None,
            key=o.key if o else None,
            builtin=False,
            hidden=o.hidden if o else False,
            version=o.version if o else 1,  # the version edited (a save checks it)
            name=self.name.text(),
            group=self.group.currentData(),
            kind=self.kind.currentData(),
            level=self.level.currentData(),
            muscles=tuple(m.strip() for m in self.muscles.text().split(",") if m.strip()),
            equipment=tuple(q for q, box in self.equipment.items() if box.isChecked()),
            focus=tuple(f for f, box in self.focus.items() if box.isChecked()),
            dose_kind=self.dose_kind.currentData(),
            sets=read_whole(self.sets, "Sets"),
            rep_min=read_whole(self.rep_min, "Amount (from)"),
            rep_max=read_whole(self.rep_max, "Amount (to)"),
            per_side=self.per_side.isChecked(),
            tempo=self.tempo.text(),
            rest_seconds=read_whole(self.rest, "Rest"),
            steps=_lines(self.steps.toPlainText()),
            cues=_lines(self.cues.toPlainText()),
            stop_if=_lines(self.stop_if.toPlainText()),
            notes=self.notes.toPlainText().strip(),
            video_url=self.video.text().strip() or None,
            image_path=self.image.text().strip() or None,
        )
        check_media(e)
        return e

    def accept(self) -> None:
        self.clear_errors()
        try:
            self.saved = self._save(self.build())
        except ValidationError as exc:
            self.show_error(exc)
            return
        except StoreError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()

    def clear_errors(self) -> None:
        self.error.hide()
        for label in self.errors.values():
            label.hide()
            label.clear()
        for widget in self._targets.values():
            mark_field(widget, False)

    def field_error(self, field: str) -> str:
        """The message shown under ``field`` ("" when none is shown)."""
        label = self.errors[field]
        return "" if label.isHidden() else label.text()

    def show_error(self, exc: ValidationError) -> None:
        label = self.errors.get(exc.field)
        if label is None:
            self.error.setText(str(exc))
            self.error.show()
            return
        label.setText(str(exc))
        label.show()
        widget = self._targets[exc.field]
        mark_field(widget, True)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
