"""The confirmation for Plan ▸ Fit strength around runs: what moves, what is added, and
which weeks keep a warning, before anything is written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QWidget

from runstrong_gui.domain.dates import short_day
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.rules import WARNING as SEVERE
from runstrong_gui.storage.engine import StoreError
from runstrong_gui.ui.planning.dialogs import _FieldDialog
from runstrong_gui.ui.shell import theme

if TYPE_CHECKING:
    from runstrong_gui.services.fit import FitPreview

MAX_LISTED = 6  # warned weeks named one by one; the rest are counted


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def summary(preview: FitPreview) -> str:
    """One sentence on what fitting does, as the dialog and the status bar say it."""
    parts = []
    if preview.moved:
        verb = "moves" if preview.moved == 1 else "move"
        parts.append(f"{_count(preview.moved, 'strength session')} {verb}")
    if preview.added:
        verb = "is" if preview.added == 1 else "are"
        parts.append(f"{_count(preview.added, 'new session')} {verb} added")
    if preview.removed:
        verb = "is" if preview.removed == 1 else "are"
        parts.append(f"{_count(preview.removed, 'surplus generated session')} {verb} removed")
    if not parts:
        return "Nothing to move or add: strength already sits where the rules want it."
    text = ", ".join(parts)
    return text[0].upper() + text[1:] + "."


class FitDialog(_FieldDialog):
    """Choose the days to fit; the preview below says what will change.

    ``ranges`` are the choices (label, first day, last day); ``preview`` computes what
    fitting a range does, without writing. ``choice`` holds the range on Fit.
    """

    def __init__(
        self,
        ranges: Sequence[tuple[str, dt.date, dt.date]],
        preview: Callable[[dt.date, dt.date], FitPreview],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Fit strength around runs", parent)
        self.setObjectName("fitDialog")
        self._preview = preview
        self._ranges = list(ranges)
        self.choice: tuple[dt.date, dt.date] | None = None
        self.current: FitPreview | None = None
        self.range = QComboBox()
        for label, first, last in self._ranges:
            self.range.addItem(f"{label} ({short_day(first)} – {short_day(last)})")
        self.add_field("&Days", self.range, "Dates")
        intro = QLabel(
            "Runs stay where they are. Planned strength sessions move so the rules hold "
            "(no back-to-back days, no heavy legs the day before a long or quality run, "
            "run first, then strength); a week with fewer than the athlete's strength "
            "days gets generated sessions. Done, skipped and logged sessions are kept."
        )
        intro.setWordWrap(True)
        theme.style(intro, "color: {muted};")
        self.form.addRow(intro)
        self.effect = QLabel()
        self.effect.setObjectName("fitEffect")
        self.effect.setWordWrap(True)
        self.form.addRow(self.effect)
        self.warned = QLabel()
        self.warned.setObjectName("fitWarnings")
        self.warned.setWordWrap(True)
        theme.style(self.warned, "color: {warning};")
        self.form.addRow(self.warned)
        self.fit_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.fit_button.setText("Fit")
        self.range.currentIndexChanged.connect(self._update)
        self._update()
        self.resize(520, self.sizeHint().height())

    def _chosen(self) -> tuple[dt.date, dt.date]:
        _label, first, last = self._ranges[self.range.currentIndex()]
        return first, last

    def _update(self, *_args: object) -> None:
        try:
            self.current = self._preview(*self._chosen())
        except (ValidationError, StoreError) as exc:
            self.current = None
            self.effect.setText(str(exc))
            self.warned.hide()
            self.fit_button.setEnabled(False)
            return
        preview = self.current
        self.effect.setText(summary(preview))
        lines = []
        for week in preview.warned_weeks[:MAX_LISTED]:
            worst = next(w for w in week.after if w.severity == SEVERE)
            lines.append(f"• Week {week.week}: {worst.message}")
        more = len(preview.warned_weeks) - MAX_LISTED
        if more > 0:
            lines.append(f"…and {_count(more, 'more week')}")
        if preview.short:
            lines.append(
                f"{_count(preview.short, 'session')} could not be added: no free day "
                "in the range, or a week outside the block."
            )
        if lines:
            n = len(preview.warned_weeks)
            head = (
                f"{_count(n, 'week')} {'keeps' if n == 1 else 'keep'} a warning: no day "
                "for strength avoids every rule there, so the least bad one is used."
                if n
                else ""
            )
            self.warned.setText("\n".join([head, *lines] if head else lines))
            self.warned.show()
        else:
            self.warned.hide()
        self.fit_button.setEnabled(preview.changes)
        self._fit()

    def submit(self) -> None:
        if self.current is None or not self.current.changes:
            raise ValidationError("Dates", "there is nothing to fit in these days")
        self.choice = self._chosen()
