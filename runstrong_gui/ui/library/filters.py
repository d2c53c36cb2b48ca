"""The library's filter widgets and the predicate they make for the filter proxy.

The widgets hold only the *choice* (which group, which equipment…); :func:`predicate`
turns it into one plain function per change, so the proxy's per-row test is a few
tuple look-ups however the filters are set.

Signals (LibraryFilters):
    changed(): a filter changed; ask for a new :meth:`LibraryFilters.criteria`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from runstrong_gui.domain.enums import Equipment, ExerciseGroup, ExerciseKind, Focus, Level
from runstrong_gui.domain.models import Exercise
from runstrong_gui.ui.shell import theme

ATHLETE_KIT = "athlete"  # the equipment filter's "what the athlete has" choice


@dataclass(frozen=True)
class Criteria:
    """What the filters ask for; ``None`` means "any"."""

    group: ExerciseGroup | None = None
    equipment: Equipment | str | None = None  # an Equipment, ATHLETE_KIT or None
    focus: Focus | None = None
    level: Level | None = None
    kind: ExerciseKind | None = None
    show_hidden: bool = False
    hide_avoided: bool = False

    @property
    def narrows(self) -> bool:
        return any(
            v is not None for v in (self.group, self.equipment, self.focus, self.level, self.kind)
        )


def predicate(
    c: Criteria,
    avoided: Callable[[Exercise], bool] | None = None,
    kit: Collection[Equipment] = (Equipment.NONE,),
) -> Callable[[Exercise], bool]:
    """A test of one exercise for the proxy; ``avoided`` tells the athlete's avoided
    exercises, ``kit`` is their equipment (for the "athlete's equipment" choice)."""
    have = frozenset(kit) | {Equipment.NONE}
    tests: list[Callable[[Exercise], bool]] = []
    if not c.show_hidden:
        tests.append(lambda e: not e.hidden)
    if c.hide_avoided and avoided is not None:
        is_avoided = avoided
        tests.append(lambda e: not is_avoided(e))
    if c.group is not None:
        group = c.group
        tests.append(lambda e: e.group is group)
    if c.equipment == ATHLETE_KIT:
        tests.append(lambda e: any(q in have for q in e.equipment))
    elif isinstance(c.equipment, Equipment):
        needed = c.equipment
        tests.append(lambda e: needed in e.equipment)
    if c.focus is not None:
        focus = c.focus
        tests.append(lambda e: focus in e.focus)
    if c.level is not None:
        level = c.level
        tests.append(lambda e: e.level is level)
    if c.kind is not None:
        kind = c.kind
        tests.append(lambda e: e.kind is kind)
    if len(tests) == 1:
        return tests[0]
    return lambda e: all(t(e) for t in tests)


E = TypeVar("E", bound=Enum)


def _member(cls: type[E], value: object) -> E | None:
    return None if value is None else cls(value)


class LibraryFilters(QWidget):
    """Group, equipment, focus, level and kind, plus hidden and avoided toggles."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryFilters")
        self.group = self._combo("Any group", "Filter by muscle group", list(ExerciseGroup))
        self.equipment = self._combo(
            "Any equipment",
            "Filter by equipment",
            [Equipment.NONE],
        )
        self.equipment.addItem("Athlete's equipment", ATHLETE_KIT)
        self.equipment.insertSeparator(self.equipment.count())
        for q in Equipment:
            if q is not Equipment.NONE:
                self.equipment.addItem(q.label, q)
        self.focus = self._combo("Any focus", "Filter by injury focus", list(Focus))
        self.level = self._combo("Any level", "Filter by level", list(Level))
        self.kind = self._combo("Any kind", "Filter by kind of exercise", list(ExerciseKind))
        self.clear_button = QToolButton(self)
        self.clear_button.setText("Clear filters")
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.setAutoRaise(True)
        self.clear_button.setEnabled(False)
        self.show_hidden = QCheckBox("Show hidden", self)
        self.show_hidden.setToolTip("List the exercises you hid, so you can show them again.")
        self.hide_avoided = QCheckBox("Hide avoided", self)
        self.hide_avoided.setToolTip(
            "Leave out what the athlete's avoid list names (otherwise they are marked ⚠)."
        )

        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(3)
        grid.addWidget(self.group, 0, 0)
        grid.addWidget(self.kind, 0, 1)
        grid.addWidget(self.equipment, 1, 0)
        grid.addWidget(self.focus, 1, 1)
        grid.addWidget(self.level, 2, 0)
        grid.addWidget(self.clear_button, 2, 1, Qt.AlignmentFlag.AlignLeft)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        toggles = QHBoxLayout()
        toggles.setContentsMargins(0, 0, 0, 0)
        toggles.addWidget(self.hide_avoided)
        toggles.addWidget(self.show_hidden)
        toggles.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(grid)
        layout.addLayout(toggles)

        for box in self._combos():
            box.currentIndexChanged.connect(self._changed)
        self.show_hidden.toggled.connect(self._changed)
        self.hide_avoided.toggled.connect(self._changed)
        self.clear_button.clicked.connect(self.clear)

    def _combo(self, any_text: str, name: str, values: list[Enum]) -> QComboBox:
        box = QComboBox(self)
        box.setAccessibleName(name)
        box.setToolTip(name)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(6)
        # Ignore the longest label so the two columns share the dock's width equally.
        box.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        box.setMinimumWidth(90)
        box.addItem(any_text, None)
        for v in values:
            box.addItem(v.label, v)  # type: ignore[attr-defined]
        return box

    def _combos(self) -> tuple[QComboBox, ...]:
        return (self.group, self.equipment, self.focus, self.level, self.kind)

    def criteria(self) -> Criteria:
        # Qt hands string enums back as plain strings: turn them into members again.
        equipment = self.equipment.currentData()
        return Criteria(
            group=_member(ExerciseGroup, self.group.currentData()),
            equipment=equipment if equipment in (None, ATHLETE_KIT) else Equipment(equipment),
            focus=_member(Focus, self.focus.currentData()),
            level=_member(Level, self.level.currentData()),
            kind=_member(ExerciseKind, self.kind.currentData()),
            show_hidden=self.show_hidden.isChecked(),
            hide_avoided=self.hide_avoided.isChecked(),
        )

    def select(self, box: QComboBox, value: object) -> None:
        """Choose ``value`` in one of the combos (tests and keyboard shortcuts)."""
        index = box.findData(value)
        if index < 0:
            raise ValueError(f"{value!r} is not offered by {box.accessibleName()}")
        box.setCurrentIndex(index)

    def clear(self) -> None:
        """Back to "any" everywhere, with a single ``changed``."""
        for box in self._combos():
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self._changed()

    def _changed(self, *_args: object) -> None:
        for box in self._combos():
            theme.style(
                box,
                ""
                if box.currentIndex() == 0
                else "QComboBox {{ color: {accent}; font-weight: 600; }}",
            )
        self.clear_button.setEnabled(self.criteria().narrows)
        self.changed.emit()
