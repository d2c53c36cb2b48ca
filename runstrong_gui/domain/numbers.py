"""Numbers typed by people: one parser for every field, whatever the system's locale.

Qt's locale-aware parsing reads "12,5" as 125 under an English locale (the comma is a
thousands separator there) and "12.5" as 125 under a German one. A planner's numbers
are small (loads, distances, minutes), so no field needs a thousands separator: both
"," and "." are read as the decimal mark, and anything ambiguous is refused with a
message rather than guessed.
"""

from __future__ import annotations

import math
import re

from runstrong_gui.domain.errors import ValidationError

_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)", re.ASCII)
_WHOLE = re.compile(r"[+-]?[0-9]+", re.ASCII)
_TYPING = re.compile(r"\s*[+-]?[0-9]*(?:[.,][0-9]*)*\s*", re.ASCII)


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "…"


def could_become_number(text: str) -> bool:
    """Could the text be a number being typed (digits, a sign, separators)? For editors,
    which keep such text as typed so the parser, not a refused keystroke, decides."""
    return _TYPING.fullmatch(text) is not None


def parse_decimal(field: str, text: str, optional: bool = False) -> float | None:
    """'12,5', '12.5' and ' 12.5 ' are 12.5; '1,234.5', '12,5,0' and 'abc' are refused.

    Blank is None where the field is ``optional``; otherwise it is refused too.
    """
    text = text.strip()
    if not text:
        if optional:
            return None
        raise ValidationError(field, "must not be empty")
    if _DECIMAL.fullmatch(text) is None:
        if len(re.findall(r"[.,]", text)) > 1 and re.fullmatch(r"[+-]?[0-9.,]+", text):
            raise ValidationError(
                field,
                f"'{_shown(text)}' has more than one separator: "
                "write one decimal mark (12.5 or 12,5) and no thousands separator",
            )
        raise ValidationError(field, f"'{_shown(text)}' is not a number")
    number = float(text.replace(",", "."))
    if not math.isfinite(number):  # pragma: no cover - the pattern admits digits only
        raise ValidationError(field, f"'{_shown(text)}' is not a number")
    return number


def parse_whole(field: str, text: str, optional: bool = False) -> int | None:
    """A whole number typed in a field; '12,5' or '12.5' is refused, never read as 125."""
    text = text.strip()
    if not text:
        if optional:
            return None
        raise ValidationError(field, "must not be empty")
    if _WHOLE.fullmatch(text) is None:
        raise ValidationError(field, f"'{_shown(text)}' is not a whole number")
    return int(text)
