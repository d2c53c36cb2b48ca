"""Add or edit an athlete (a runner, or a therapist's client).

The dialog builds a domain :class:`Athlete`; its validation message is shown beside
the field it names and the dialog stays open, so nothing partial is ever saved.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from runstrong_gui.domain.enums import Equipment, Philosophy, Units
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import Athlete
from runstrong_gui.ui.shell import theme
from runstrong_gui.ui.shell.forms import dialog_error, save_cancel
from runstrong_gui.ui.shell.number_boxes import WholeSpinBox, read_whole

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


class AthleteDialog(QDialog):
    def __init__(self, athlete: Athlete | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit athlete" if athlete else "New athlete")
        self.setObjectName("athleteDialog")
        self._original = athlete
        self.result_athlete: Athlete | None = None
        a = athlete or Athlete(name="New athlete")

        self.name = QLineEdit(a.name if athlete else "")
        self.name.setPlaceholderText("Full name")
        self.name.setMaxLength(200)  # longer than allowed, so the message explains the limit
        self.units = QComboBox()
        for u in Units:
            self.units.addItem(u.label, u.value)
        self.units.setCurrentIndex(self.units.findData(a.units.value))
        self.week_start = QComboBox()
        self.week_start.addItems(WEEKDAYS)
        self.week_start.setCurrentIndex(a.week_start)
        self.block_start = QDateEdit(_qdate(a.block_start))
        self.block_start.setCalendarPopup(True)
        self.block_start.setDisplayFormat("d MMM yyyy")
        self.has_race = QCheckBox("Goal race on")
        self.race = QDateEdit(_qdate(a.goal_race_date or a.block_start + dt.timedelta(weeks=12)))
        self.race.setCalendarPopup(True)
        self.race.setDisplayFormat("d MMM yyyy")
        self.has_race.setChecked(a.goal_race_date is not None)
        self.race.setEnabled(a.goal_race_date is not None)
        self.has_race.toggled.connect(self.race.setEnabled)
        self.philosophy = QComboBox()
        for p in Philosophy:
            self.philosophy.addItem(p.label, p.value)
        self.philosophy.setCurrentIndex(self.philosophy.findData(a.philosophy.value))
        self.philosophy.setToolTip(
            "Easy days: strength on easy-run or rest days.\n"
            "Hard days hard: strength after the quality or long run, keeping recovery days easy."
        )
        self.strength_days = WholeSpinBox()  # "1,5" is refused, not read as 15
        self.strength_days.setRange(0, 9)  # out-of-range values get a message, not a clamp
        self.strength_days.setValue(a.strength_days)
        self.equipment: dict[Equipment, QCheckBox] = {}
        equipment_box = QWidget()
        grid = QGridLayout(equipment_box)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, q in enumerate(e for e in Equipment if e is not Equipment.NONE):
            box = QCheckBox(q.label)
            box.setChecked(q in a.equipment)
            self.equipment[q] = box
            grid.addWidget(box, i // 3, i % 3)
        self.plyo = QCheckBox("Ready for jumps and hops after the 12-week base")
        self.plyo.setChecked(a.plyometrics_ok)
        self.avoid = QLineEdit(", ".join(a.avoid))
        self.avoid.setPlaceholderText("e.g. plyometric, achilles — comma separated")
        self.notes = QPlainTextEdit(a.notes)
        self.notes.setFixedHeight(80)
        self.notes.setAccessibleName("Notes")
        self.notes.setTabChangesFocus(True)  # Tab leaves the notes, as in every other field
        # contact details are optional and private: no document prints them
        self.phone = QLineEdit(a.phone)
        self.phone.setPlaceholderText("optional, e.g. +44 20 7946 0018")
        self.phone.setMaxLength(60)  # longer than allowed, so the message explains the limit
        self.phone.setAccessibleName("Phone")
        self.email = QLineEdit(a.email)
        self.email.setPlaceholderText("optional, e.g. name@example.com")
        self.email.setMaxLength(300)
        self.email.setAccessibleName("Email")

        self.error = dialog_error("athleteError")

        form = QFormLayout()
        race_row = QHBoxLayout()
        race_row.addWidget(self.has_race)
        race_row.addWidget(self.race, 1)
        self._fields: dict[str, QWidget] = {
            "Name": self.name,
            "Units": self.units,
            "Week starts on": self.week_start,
            "Block start": self.block_start,
            "Goal race date": self.race,
            "Scheduling philosophy": self.philosophy,
            "Strength days per week": self.strength_days,
            "Equipment": equipment_box,
            "Avoid": self.avoid,
            "Notes": self.notes,
            "Phone": self.phone,
            "Email": self.email,
        }
        form.addRow("&Name", self.name)
        form.addRow("&Units", self.units)
        form.addRow("&Week starts on", self.week_start)
        form.addRow("&Block start", self.block_start)
        form.addRow("Goal race", race_row)
        form.addRow("&Philosophy", self.philosophy)
        form.addRow("&Strength days per week", self.strength_days)
        form.addRow("Equipment at hand", equipment_box)
        form.addRow("", self.plyo)
        form.addRow("&Avoid", self.avoid)
        form.addRow("N&otes", self.notes)
        form.addRow("P&hone", self.phone)
        form.addRow("E&mail", self.email)
        buttons = save_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def build(self) -> Athlete:
        """The athlete the form describes; raises ValidationError for bad input."""
        equipment = (Equipment.NONE, *(q for q, box in self.equipment.items() if box.isChecked()))
        return Athlete(
            id=self._original.id if self._original else None,
            archived=self._original.archived if self._original else False,
            demo=self._original.demo if self._original else False,
            version=self._original.version if self._original else 1,  # the version edited
            name=self.name.text(),
            units=self.units.currentData(),
            week_start=self.week_start.currentIndex(),
            block_start=_pydate(self.block_start.date()),
            goal_race_date=_pydate(self.race.date()) if self.has_race.isChecked() else None,
            philosophy=self.philosophy.currentData(),
            strength_days=read_whole(self.strength_days, "Strength days per week"),
            equipment=equipment,
            plyometrics_ok=self.plyo.isChecked(),
            avoid=tuple(x.strip() for x in self.avoid.text().split(",") if x.strip()),
            notes=self.notes.toPlainText(),
            phone=self.phone.text(),
            email=self.email.text(),
        )

    def accept(self) -> None:
        for widget in self._fields.values():
            widget.setStyleSheet("")
        try:
            self.result_athlete = self.build()
        except ValidationError as exc:
            self.show_error(exc)
            return
        super().accept()

    def show_error(self, exc: ValidationError) -> None:
        self.error.setText(str(exc))
        self.error.show()
        widget = self._fields.get(exc.field)
        if widget is not None:
            widget.setStyleSheet(f"border: 1px solid {theme.tokens()['warning']};")
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
