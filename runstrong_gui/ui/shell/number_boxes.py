"""Spin boxes that read typed numbers with the domain's parser, not Qt's locale.

Qt's own spin boxes read "12,5" as 125 under an English locale and "12.5" as 125
under a German one (the other mark is a thousands separator there), or drop the
keystroke, which gives the same silent ×10. These keep whatever could be a number as
typed and read it with :mod:`runstrong_gui.domain.numbers`, so both marks mean the
decimal point everywhere. Text that could be a number counts as acceptable input so
that an item view commits it (a view does not commit an editor's "intermediate" text):
the owner reads :meth:`typed` with the same parser and words any refusal, while
:meth:`value` keeps the last number the parser accepted.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QSpinBox, QWidget

from runstrong_gui.domain import numbers
from runstrong_gui.domain.errors import ValidationError

_State = QValidator.State


class _Typed:
    """The text the user last typed, when the parser refused it.

    On Return a spin box puts its last good value back into the line (and announces
    that value again) before an item view commits it, so a refused "2,5" would be
    committed as the old "2" without a word; the owner reads :meth:`text` instead. A
    new value (an arrow, a wheel, a number typed) forgets the refused text.
    """

    def __init__(self, box: QSpinBox | QDoubleSpinBox, parse: Callable[[str], object]) -> None:
        self.box = box
        self.parse = parse
        self.refused: tuple[str, float] | None = None
        box.lineEdit().textEdited.connect(self._edited)
        box.valueChanged.connect(self._changed)

    def _edited(self, text: str) -> None:
        body = _body(self.box, text)
        try:
            self.parse(body)
        except ValidationError:
            self.refused = (body, self.box.value())
        else:
            self.refused = None

    def _changed(self, value: float) -> None:
        if self.refused is not None and value != self.refused[1]:
            self.refused = None

    def text(self) -> str:
        if self.refused is not None:
            return self.refused[0]
        return _body(self.box, self.box.lineEdit().text())


def _body(box: QSpinBox | QDoubleSpinBox, text: str) -> str:
    prefix, suffix = box.prefix(), box.suffix()
    if prefix and text.startswith(prefix):
        text = text[len(prefix) :]
    if suffix and text.endswith(suffix):
        text = text[: -len(suffix)]
    return text.strip()


def _validate(box: QSpinBox | QDoubleSpinBox, text: str, pos: int) -> object:
    """Let through anything that may still become a number; the parser judges it."""
    if not numbers.could_become_number(_body(box, text)):
        return (_State.Invalid, text, pos)
    return (_State.Acceptable, text, pos)


class DecimalSpinBox(QDoubleSpinBox):
    """A QDoubleSpinBox reading "12,5" and "12.5" alike in every locale."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typed = _Typed(self, lambda t: numbers.parse_decimal("", t))

    def typed(self) -> str:
        """The number as typed, without prefix and suffix (see :class:`_Typed`)."""
        return self._typed.text()

    def validate(self, text: str, pos: int) -> object:  # type: ignore[override]
        return _validate(self, text, pos)

    def valueFromText(self, text: str) -> float:
        try:
            value = numbers.parse_decimal("", _body(self, text))
        except ValidationError:
            return self.value()
        return self.value() if value is None else value


class WholeSpinBox(QSpinBox):
    """A QSpinBox that refuses "12,5" or "12.5" instead of reading it as 125."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typed = _Typed(self, lambda t: numbers.parse_whole("", t))

    def typed(self) -> str:
        """The number as typed, without prefix and suffix (see :class:`_Typed`)."""
        return self._typed.text()

    def validate(self, text: str, pos: int) -> object:  # type: ignore[override]
        return _validate(self, text, pos)

    def valueFromText(self, text: str) -> int:
        try:
            value = numbers.parse_whole("", _body(self, text))
        except ValidationError:
            return self.value()
        return self.value() if value is None else value


def read_whole(box: WholeSpinBox, field: str) -> int:
    """The whole number typed in ``box``, or ValidationError naming ``field``.

    Read from the typed text, so "1,5" is refused rather than kept as the last good
    value, and a number outside the box's range is refused rather than clamped.
    """
    value = numbers.parse_whole(field, box.typed())
    assert value is not None  # not optional: blank was refused
    if not box.minimum() <= value <= box.maximum():
        raise ValidationError(field, f"must be from {box.minimum()} to {box.maximum()}")
    return value


def read_decimal(box: DecimalSpinBox, field: str) -> float:
    """The decimal number typed in ``box`` ("12,5" or "12.5"), or ValidationError."""
    value = numbers.parse_decimal(field, box.typed())
    assert value is not None  # not optional: blank was refused
    if not box.minimum() <= value <= box.maximum():
        raise ValidationError(field, f"must be from {box.minimum():g} to {box.maximum():g}")
    return value
