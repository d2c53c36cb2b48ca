"""How a value another program wrote, and the app's checks refuse, is shown: a warning
sign and, in the tooltip, each refused field with its value, so the user can fix it (a
save writes a valid value) or delete the row."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from runstrong_gui.domain.damage import Damage


def damage_lines(damage: Iterable[Damage]) -> list[str]:
    return [f"⚠ Damaged: {d.field} = {d.value} ({d.message})" for d in damage]


def damage_icon() -> QIcon:
    style = QApplication.style()
    return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
