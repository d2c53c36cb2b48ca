"""The Plan menu's small dialogs: choose a template, name one, scale a week."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from runstrong_gui.domain import numbers
from runstrong_gui.domain.dates import day_name
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.services import templates as tpl
from runstrong_gui.storage.engine import StoreError
from runstrong_gui.ui.shell import theme
from runstrong_gui.ui.shell.forms import mark_field
from runstrong_gui.ui.shell.number_boxes import WholeSpinBox, read_whole

if TYPE_CHECKING:
    from runstrong_gui.domain.models import SessionDetail, Template


def _gen() -> ModuleType:
    """The block generator, loaded when first used rather than with the window."""
    from runstrong_gui.services import generate

    return generate


class _FieldDialog(QDialog):
    """A form whose fields show their own error line; ``submit`` does the work."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.errors: dict[str, QLabel] = {}
        self._targets: dict[str, QWidget] = {}
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.general = QLabel()
        theme.style(self.general, "color: {warning};")
        self.general.setWordWrap(True)
        self.general.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)

    def add_field(self, label: str, widget: QWidget, field: str | None = None) -> None:
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addWidget(widget)
        if field:
            error = QLabel()
            theme.style(error, "color: {warning};")
            error.setWordWrap(True)
            error.hide()
            box.addWidget(error)
            self.errors[field] = error
            self._targets[field] = widget
        self.form.addRow(label, holder)

    def field_error(self, field: str) -> str:
        label = self.errors[field]
        return "" if label.isHidden() else label.text()

    def submit(self) -> None:
        """Check and do the dialog's work; raise ValidationError or StoreError to refuse."""

    def accept(self) -> None:
        self.general.hide()
        for field, label in self.errors.items():
            label.hide()
            mark_field(self._targets[field], False)
        try:
            self.submit()
        except ValidationError as exc:
            target = self.errors.get(exc.field) or self.general
            target.setText(str(exc))
            target.show()
            if exc.field in self._targets:
                mark_field(self._targets[exc.field], True)
                self._targets[exc.field].setFocus(Qt.FocusReason.OtherFocusReason)
            self._fit()
            return
        except StoreError as exc:
            self.general.setText(str(exc))
            self.general.show()
            self._fit()
            return
        super().accept()

    def _fit(self) -> None:
        """Grow to show a message in full (a wrapped line must not be cut off)."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        hint = self.sizeHint()
        self.resize(max(self.width(), hint.width()), max(self.height(), hint.height()))

    def clear_error(self, field: str) -> None:
        self.errors[field].hide()
        mark_field(self._targets[field], False)


class TemplateDialog(_FieldDialog):
    """Pick a routine and a day of the shown week, or a week plan and a block week."""

    def __init__(
        self,
        kind: str,
        templates: list[Template],
        days: list[dt.date] | None = None,
        day: dt.date | None = None,
        week: int = 1,
        parent: QWidget | None = None,
    ) -> None:
        title = "Apply a routine to a day" if kind == tpl.SESSION else "Apply a week plan"
        super().__init__(title, parent)
        self.setObjectName("templateDialog")
        self.kind = kind
        self._templates = templates
        self.choice: tuple[Template, Any] | None = None
        self.template = QComboBox()
        for t in templates:
            self.template.addItem(t.name + ("" if t.builtin else "  (yours)"), t.id)
        self.template.setAccessibleName("Template")
        self.about = QLabel()
        self.about.setWordWrap(True)
        theme.style(self.about, "color: {muted};")
        self.add_field("&Template", self.template, "Template")
        self.form.addRow("", self.about)
        self.day = QComboBox()
        self.week = WholeSpinBox()  # "1,5" is refused, not read as 15
        self.replace = QCheckBox("Clear the sessions already in that week first")
        if kind == tpl.SESSION:
            for d in days or []:
                self.day.addItem(day_name(d), d.isoformat())  # findData can match text
            if day is not None:
                self.day.setCurrentIndex(max(0, self.day.findData(day.isoformat())))
            self.add_field("&Day", self.day, "Day")
        else:
            self.week.setRange(-99, 99)
            self.week.setValue(week)
            self.week.setPrefix("Week ")
            self.week.setMaximumWidth(110)
            self.add_field("&Week of the block", self.week, "Week")
            self.form.addRow("", self.replace)
        self.template.currentIndexChanged.connect(self._describe)
        self._describe()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Apply")
        self.resize(460, self.sizeHint().height())

    def select_day(self, day: dt.date) -> None:
        self.day.setCurrentIndex(self.day.findData(day.isoformat()))

    def selected(self) -> Template | None:
        index = self.template.currentIndex()
        return self._templates[index] if 0 <= index < len(self._templates) else None

    def _describe(self, *_args: object) -> None:
        t = self.selected()
        if t is None:
            self.about.setText("No templates of this kind yet.")
            return
        p = t.payload
        if self.kind == tpl.SESSION:
            text = p.get("description") or ""
            self.about.setText(f"{len(p.get('items', []))} exercises. {text}".strip())
        else:
            n = sum(len(d.get("sessions", [])) for d in p.get("days", []))
            self.about.setText(f"{n} sessions over the week, runs and strength.")

    def submit(self) -> None:
        t = self.selected()
        if t is None:
            raise ValidationError("Template", "choose a template")
        if self.kind == tpl.SESSION:
            day = self.day.currentData()
            if day is None:
                raise ValidationError("Day", "choose a day")
            self.choice = (t, dt.date.fromisoformat(day))
        else:
            self.choice = (t, read_whole(self.week, "Week"))


class NameDialog(_FieldDialog):
    """Name a template; ``save(name)`` stores it or raises at the Name field.

    The name field has the focus with its text selected, so typing replaces the proposed
    name (a focused Save button took a space as "save"); ``check(name)``, when given,
    clears the error as soon as the typed name would be accepted.
    """

    def __init__(
        self,
        title: str,
        text: str,
        save: Callable[[str], Template],
        parent: QWidget | None = None,
        check: Callable[[str], object] | None = None,
    ) -> None:
        super().__init__(title, parent)
        self.setObjectName("templateNameDialog")
        self._save = save
        self._check = check
        self.saved: Template | None = None
        self.name = QLineEdit(text)
        self.name.setMaxLength(200)
        self.add_field("&Name", self.name, "Name")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save")
        for button in self.buttons.buttons():  # Enter in the field saves; Tab reaches them
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)
        self.setTabOrder(self.name, self.buttons)
        self.name.textChanged.connect(self._typed)
        self.resize(420, self.sizeHint().height())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)
        self.name.selectAll()

    def _typed(self, text: str) -> None:
        if self._check is None or not self.field_error("Name"):
            return
        try:
            self._check(text)
        except (ValidationError, StoreError):
            return
        self.clear_error("Name")

    def submit(self) -> None:
        self.saved = self._save(self.name.text())


class ScaleDialog(_FieldDialog):
    """A percentage for the shown week's strength sets, with the result before/after."""

    def __init__(
        self, week: int, details: list[SessionDetail], parent: QWidget | None = None
    ) -> None:
        super().__init__(f"Scale week {week}'s strength volume", parent)
        self.setObjectName("scaleDialog")
        self._details = details
        self.percent: int | None = None
        self.spin = WholeSpinBox()  # "12,5" is refused, not read as 125
        self.spin.setRange(0, 999)  # out-of-range values get a message, not a clamp
        self.spin.setSuffix(" %")
        self.spin.setValue(_gen().DELOAD_PERCENT)
        self.spin.setMaximumWidth(110)
        self.effect = QLabel()
        self.effect.setObjectName("scaleEffect")
        self.add_field("&Volume", self.spin, "Percentage")
        self.form.addRow("", self.effect)
        hint = QLabel(
            "The week's sets are shared out so the total comes as close to the percentage "
            "as it can, at least one per exercise; reps, time and load stay. Sessions "
            "already done keep theirs. 60 % makes a deload week."
        )
        hint.setWordWrap(True)
        theme.style(hint, "color: {muted};")
        self.form.addRow(hint)
        self.spin.valueChanged.connect(self._update)
        self._update()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Scale")
        self.resize(440, self.sizeHint().height())

    def _update(self, *_args: object) -> None:
        now = _gen().week_sets(self._details)
        lo, hi = _gen().SCALE_PERCENT
        value = self.spin.value()
        if lo <= value <= hi:
            after = _gen().week_sets(self._details, value)
            share = f" ({round(100 * after / now)} % of now)" if now else ""
            self.effect.setText(f"{now} sets now → {after} sets{share}")
        else:
            self.effect.setText(f"{now} sets now")

    def submit(self) -> None:
        typed = numbers.parse_whole("Percentage", self.spin.typed())
        self.percent = _gen().check_percent(typed)
