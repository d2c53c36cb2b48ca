"""Ask which day becomes a rest day, and say before applying how much of the plan moves.

Pushing the plan back moves every later session, often weeks of them: the user should
see that number before saying yes, not discover it afterwards.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from runstrong_gui.domain.dates import day_name
from runstrong_gui.domain.models import Session
from runstrong_gui.services.calendar import sessions_to_push


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class RestDayDialog(QDialog):
    """The day to rest on; the effect line counts the sessions that move one day later.

    ``sessions_from(day)`` returns the athlete's sessions on or after ``day``; the dialog
    keeps the ones that would move in :attr:`moving` for the caller to apply.
    """

    def __init__(
        self,
        day: dt.date,
        sessions_from: Callable[[dt.date], Sequence[Session]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Insert a rest day")
        self.setObjectName("restDayDialog")
        self._sessions_from = sessions_from
        self.moving: list[Session] = []
        self.date_edit = QDateEdit(QDate(day.year, day.month, day.day))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.effect = QLabel()
        self.effect.setObjectName("restDayEffect")
        self.effect.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Insert rest day")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Rest &on", self.date_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.effect)
        layout.addWidget(self.buttons)
        self.date_edit.dateChanged.connect(self._update)
        self._update()
        self.resize(420, self.sizeHint().height())

    @property
    def day(self) -> dt.date:
        d = self.date_edit.date()
        return dt.date(d.year(), d.month(), d.day())

    def _update(self, *_args: object) -> None:
        day = self.day
        later = list(self._sessions_from(day))
        self.moving = sessions_to_push(later, day)
        stays = len(later) - len(self.moving)
        if self.moving:
            text = (
                f"{_plural(len(self.moving), 'session')} from {day_name(day)} on "
                "move one day later; the plan keeps its order."
            )
        else:
            text = f"No sessions from {day_name(day)} on: only the rest day is added."
        if stays:
            text += f" {_plural(stays, 'done session')} stay where they are."
        self.effect.setText(text)
