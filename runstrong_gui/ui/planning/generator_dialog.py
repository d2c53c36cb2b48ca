"""Choose how to generate the block, and see week by week what it will be.

The dialog only gathers :class:`GeneratorOptions`; a ``preview`` callable (the generate
service) says what they would produce, shown as one row per week: its phase, the days
strength lands on, the week's sets and what changed from the week before. Every word
about the block is read from that preview — the chosen week's sessions exercise by
exercise, and the jumps — so the dialog never promises a dose the block does not hold.
Bad values get a message under their field, and the dialog stays open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from runstrong_gui.domain.bounds import kg_to_display
from runstrong_gui.domain.dates import WEEKDAYS_SHORT, short_date, short_day
from runstrong_gui.domain.enums import Equipment, ExerciseGroup, ExerciseKind, Philosophy
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.generator import GeneratedSession, GeneratorOptions, PlannedItem
from runstrong_gui.domain.models import Athlete, Exercise
from runstrong_gui.domain.progression import (
    BLOCK_WEEKS,
    block_weeks,
    phase_of,
    race_week,
    week_dates,
)
from runstrong_gui.services.generate import default_weeks
from runstrong_gui.storage.engine import StoreError
from runstrong_gui.ui.shell import theme
from runstrong_gui.ui.shell.forms import add_row_with_error, mark_field
from runstrong_gui.ui.shell.number_boxes import WholeSpinBox, read_whole
from runstrong_gui.ui.shell.style import phase_colour

Preview = Callable[[GeneratorOptions], list[GeneratedSession]]
COLUMNS = ("Week", "Dates", "Phase", "Strength on", "Sets", "What changes")


def _week_rows(
    athlete: Athlete, options: GeneratorOptions, sessions: Sequence[GeneratedSession]
) -> list[tuple[str, ...]]:
    """One row of text per block week, for the preview table."""
    by_week: dict[int, list[GeneratedSession]] = {}
    for s in sessions:
        by_week.setdefault(s.week, []).append(s)
    rows: list[tuple[str, ...]] = []
    prev: tuple[int, float, int] | None = None
    for week in range(1, options.weeks + 1):
        days = week_dates(athlete, week)
        gen = sorted(by_week.get(week, []), key=lambda s: s.date)
        items = [i for s in gen for i in s.items]
        sets = sum(i.sets for i in items)
        load = sum(i.load_kg * i.sets for i in items)
        amount = sum(i.amount * i.sets for i in items)
        if prev is None:
            change = "start: half volume, bodyweight"
        elif sets < prev[0] * 0.8:
            change = f"volume cut to {round(100 * sets / prev[0])} %" if prev[0] else "—"
        elif sets > prev[0]:
            change = f"more sets (+{sets - prev[0]})"
        elif load > prev[1]:
            change = "more load"
        elif amount > prev[2]:
            change = "more reps or time"
        else:
            change = "hold"
        if any(i.load_kg for i in items) and prev is not None and prev[1] == 0 and load:
            change += ", light resistance"
        prev = (sets, load, amount)
        rows.append(
            (
                str(week),
                f"{short_date(days[0])} – {short_date(days[-1])}",
                phase_of(athlete, week).label,
                " · ".join(f"{WEEKDAYS_SHORT[s.date.weekday()]}" for s in gen) or "—",
                str(sets),
                change,
            )
        )
    return rows


def item_text(item: PlannedItem, exercise: Exercise | None, units: str = "kg") -> str:
    """'Front plank 2 × 45 s', 'Split squat 3 × 9 each side, 2.5 kg': what is written."""
    name = exercise.name if exercise is not None else f"Exercise {item.exercise_key_or_id}"
    unit = exercise.dose_kind.unit if exercise is not None else ""
    text = f"{name} {item.sets} × {item.amount}{' ' + unit if unit else ''}"
    if item.per_side:
        text += " each side"
    if item.load_kg:
        text += f", {round(kg_to_display(item.load_kg, units), 1):g} {units}"
    return text


def week_text(
    sessions: Sequence[GeneratedSession], exercises: Mapping[int, Exercise], units: str = "kg"
) -> str:
    """A week's generated sessions, one line per session, every exercise with its dose."""
    return "\n".join(
        f"{short_day(s.date)}: "
        + "; ".join(item_text(i, exercises.get(i.exercise_key_or_id), units) for i in s.items)
        for s in sorted(sessions, key=lambda s: s.date)
    )


def _is_jump(exercise: Exercise | None) -> bool:
    return exercise is not None and (
        exercise.kind is ExerciseKind.PLYOMETRIC or exercise.group is ExerciseGroup.POWER
    )


def jumps_text(sessions: Sequence[GeneratedSession], exercises: Mapping[int, Exercise]) -> str:
    """The jumps the block holds, read from the sessions themselves."""
    doses: dict[str, list[int]] = {}
    weeks: set[int] = set()
    for s in sessions:
        for i in s.items:
            ex = exercises.get(i.exercise_key_or_id)
            if _is_jump(ex):
                weeks.add(s.week)
                doses.setdefault(item_text(i, ex), []).append(s.week)
    if not weeks:
        return ""
    span = f"week {min(weeks)}" if len(weeks) == 1 else f"weeks {min(weeks)}–{max(weeks)}"
    return f"Jumps in {span}: " + "; ".join(doses) + "."


def _day(d: dt.date) -> str:
    return f"{short_day(d)} {d.year}"


class GeneratorDialog(QDialog):
    """After ``accept``, ``options`` holds the user's choice (None while refused)."""

    def __init__(
        self,
        athlete: Athlete,
        preview: Preview,
        parent: QWidget | None = None,
        exercises: Mapping[int, Exercise] | None = None,
    ) -> None:
        super().__init__(parent)
        self.exercises: Mapping[int, Exercise] = exercises or {}
        self._sessions: list[GeneratedSession] = []
        self.setObjectName("generatorDialog")
        self.setWindowTitle(f"Generate the block for {athlete.name}")
        self.athlete = athlete
        self._preview = preview
        self.options: GeneratorOptions | None = None
        race = race_week(athlete)
        race_text = (
            f"goal race {_day(athlete.goal_race_date)} (week {race})"
            if athlete.goal_race_date
            else "no goal race set"
        )
        self.summary = QLabel(
            f"Block starts <b>{_day(athlete.block_start)}</b> · {race_text}.<br>"
            "<small>Change these under Athlete › Edit athlete.</small>"
        )
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.strength_days = WholeSpinBox()  # "1,5" is refused, not read as 15
        self.strength_days.setRange(0, 9)  # out-of-range values get a message, not a clamp
        self.strength_days.setValue(athlete.strength_days)
        self.weeks = WholeSpinBox()
        self.weeks.setRange(0, 99)
        self.weeks.setValue(default_weeks(athlete))
        for spin in (self.strength_days, self.weeks):
            spin.setMaximumWidth(90)
        self.weeks.setToolTip(
            f"This block has {block_weeks(athlete)} weeks ({BLOCK_WEEKS}, or on to a later "
            "goal race)."
        )
        self.philosophy = QComboBox()
        for p in Philosophy:
            self.philosophy.addItem(p.label, p.value)
        self.philosophy.setCurrentIndex(self.philosophy.findData(athlete.philosophy.value))
        self.equipment: dict[Equipment, QCheckBox] = {}
        equipment_box = QWidget()
        grid = QGridLayout(equipment_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        for i, q in enumerate(e for e in Equipment if e is not Equipment.NONE):
            box = QCheckBox(q.label)
            box.setChecked(q in athlete.equipment)
            self.equipment[q] = box
            grid.addWidget(box, i // 4, i % 4)
        self.plyometrics = QCheckBox("Add low-volume jumps after week 12")
        self.plyometrics.setChecked(athlete.plyometrics_ok)
        self.plyometrics.setEnabled(athlete.plyometrics_ok)  # the athlete's own opt-in
        self.plyometrics.setToolTip(
            "Jumps and hops only after the 12-week base."
            if athlete.plyometrics_ok
            else "The athlete has not opted in: tick “Ready for jumps…” under Edit athlete."
        )
        self.plyo_note = QLabel()
        self.plyo_note.setObjectName("generatorJumps")
        self.plyo_note.setWordWrap(True)
        theme.style(self.plyo_note, "color: {muted};")
        self.include_past = QCheckBox("Also plan the days already gone by")
        self.include_past.setToolTip(
            "Without this, nothing is planned before today (nor ever before the block "
            "start), and nothing in the past is replaced."
        )

        self.errors: dict[str, QLabel] = {}
        self._targets: dict[str, QWidget] = {}
        form = QFormLayout()
        form.addRow(self.summary)
        self._row(form, "&Strength days per week", self.strength_days, "Strength days per week")
        self._row(form, "&Weeks to plan", self.weeks, "Weeks")
        self._row(form, "&Placement", self.philosophy, "Scheduling philosophy")
        self._row(form, "&Equipment at hand", equipment_box, "Equipment")
        form.addRow("", self.plyometrics)
        form.addRow("", self.plyo_note)
        form.addRow("", self.include_past)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("generatorPreview")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setAccessibleName("Preview of the generated weeks")
        self.details = QLabel()
        self.details.setObjectName("generatorWeekDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_week(row))
        self.status = QLabel()
        self.status.setObjectName("generatorStatus")
        self.status.setWordWrap(True)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Generate")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        note = QLabel(
            "Weeks 1–2 at half volume and bodyweight; 3–6 full volume with light resistance; "
            "7–12 add load or volume, one at a time; peak and race weeks cut volume. Every "
            "session is an ordinary card afterwards: drag and edit it freely."
        )
        note.setWordWrap(True)
        theme.style(note, "color: {muted};")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.refresh_preview)
        for spin in (self.strength_days, self.weeks):
            spin.valueChanged.connect(self._later)
        self.philosophy.currentIndexChanged.connect(self._later)
        self.plyometrics.toggled.connect(self._later)
        self.include_past.toggled.connect(self._later)
        for box in self.equipment.values():
            box.toggled.connect(self._later)
        self.resize(760, 720)
        self.refresh_preview()

    def _row(self, form: QFormLayout, label: str, widget: QWidget, field: str) -> None:
        self.errors[field] = add_row_with_error(form, label, widget)
        self._targets[field] = widget

    def _later(self, *_args: object) -> None:
        self._timer.start()

    def build(self) -> GeneratorOptions:
        """The options the form describes; raises ValidationError naming the field."""
        return GeneratorOptions(
            strength_days=read_whole(self.strength_days, "Strength days per week"),
            equipment=frozenset(q for q, box in self.equipment.items() if box.isChecked()),
            philosophy=Philosophy(self.philosophy.currentData()),
            plyometrics=self.plyometrics.isChecked(),
            weeks=read_whole(self.weeks, "Weeks"),
            include_past=self.include_past.isChecked(),
        )

    def refresh_preview(self) -> None:
        self._timer.stop()
        self._clear_errors()
        try:
            options = self.build()
            sessions = self._preview(options)
        except ValidationError as exc:
            self._show_error(exc)
            self._sessions = []
            self.table.setRowCount(0)
            self.details.clear()
            self.status.setText("Fix the value marked above to see the weeks.")
            return
        except StoreError as exc:
            self._sessions = []
            self.table.setRowCount(0)
            self.details.clear()
            self.status.setText(str(exc))
            return
        self._sessions = sessions
        shown = self.table.currentRow()
        rows = _week_rows(self.athlete, options, sessions)
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            colour = phase_colour(phase_of(self.athlete, r + 1))
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setBackground(colour)
                if c in (0, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, c, item)
        self.table.setCurrentCell(max(0, min(shown, len(rows) - 1)), 0)
        self._show_week(self.table.currentRow())
        total = sum(len(s.items) for s in sessions)
        self.status.setText(
            f"{len(sessions)} strength sessions, {total} exercises in all. "
            "Runs stay where they are."
        )
        jumps = jumps_text(sessions, self.exercises)
        if options.plyometrics and jumps:
            self.plyo_note.setText(jumps)
        elif options.plyometrics:
            self.plyo_note.setText(
                "No jumps in these weeks: they come only in Power weeks after week "
                f"{BLOCK_WEEKS}, never in the race week."
            )
        elif not self.athlete.plyometrics_ok:
            self.plyo_note.setText("No jumps: the athlete has not opted in to them.")
        else:
            self.plyo_note.setText("No jumps: the block stays with strength work.")

    def _show_week(self, row: int) -> None:
        """The chosen week's sessions exactly as they will be written."""
        week = row + 1
        sessions = [s for s in self._sessions if s.week == week]
        if row < 0:
            self.details.clear()
        elif not sessions:
            self.details.setText(f"Week {week}: no strength sessions.")
        else:
            text = week_text(sessions, self.exercises, self.athlete.units.value)
            self.details.setText(f"Week {week}\n{text}")

    def accept(self) -> None:
        self._clear_errors()
        try:
            self.options = self.build()
        except ValidationError as exc:
            self.options = None
            self._show_error(exc)
            return
        super().accept()

    def field_error(self, field: str) -> str:
        label = self.errors[field]
        return "" if label.isHidden() else label.text()

    def _clear_errors(self) -> None:
        for field, label in self.errors.items():
            label.hide()
            label.clear()
            mark_field(self._targets[field], False)

    def _show_error(self, exc: ValidationError) -> None:
        label = self.errors.get(exc.field)
        if label is None:
            self.status.setText(str(exc))
            return
        label.setText(str(exc))
        label.show()
        mark_field(self._targets[exc.field], True)
