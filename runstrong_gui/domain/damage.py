"""Records another program wrote past the domain's checks: load what is valid, say what is not.

The schema's CHECK constraints cannot hold every rule (a video URL's scheme, a name's
length in SQLite, the members of a JSON list), so a row written by another tool can hold
a value the records refuse. Raising on it emptied the library and blanked every week
that used it. :func:`salvage` builds the record anyway, with each refused value put back
to its default, and lists what it replaced, so the row can be shown as damaged and then
fixed or deleted; ``runstrong check --full`` reports the same list.
"""

from __future__ import annotations

import dataclasses
import reprlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from runstrong_gui.domain import bounds as b
from runstrong_gui.domain.enums import ExerciseGroup, SessionKind
from runstrong_gui.domain.errors import ValidationError

T = TypeVar("T")

_REPR = reprlib.Repr()
_REPR.maxstring = 60
_REPR.maxother = 60
_REPR.maxlist = 5

# The attributes behind each field label the records' checks name, in the order a
# repeated refusal puts them back ("Amount (to)" is also the range of both amounts).
LABELS: dict[str, dict[str, tuple[str, ...]]] = {
    "Athlete": {
        "Name": ("name",),
        "Units": ("units",),
        "Week starts on": ("week_start",),
        "Block start": ("block_start",),
        "Goal race date": ("goal_race_date",),
        "Scheduling philosophy": ("philosophy",),
        "Notes": ("notes",),
        "Strength days per week": ("strength_days",),
        "Equipment": ("equipment",),
        "Avoid": ("avoid",),
        "Feed": ("feed_url",),
    },
    "Exercise": {
        "Name": ("name",),
        "Group": ("group",),
        "Kind": ("kind",),
        "Muscles": ("muscles",),
        "Equipment": ("equipment",),
        "Focus": ("focus",),
        "Level": ("level",),
        "Dose kind": ("dose_kind",),
        "Sets": ("sets",),
        "Amount (from)": ("rep_min",),
        "Amount (to)": ("rep_max", "rep_min"),
        "Tempo": ("tempo",),
        "Rest": ("rest_seconds",),
        "How-to steps": ("steps",),
        "Cues": ("cues",),
        "Stop if": ("stop_if",),
        "Notes": ("notes",),
        "Video URL": ("video_url",),
        "Image": ("image_path",),
    },
    "Session": {
        "Date": ("date",),
        "Kind": ("kind",),
        "Order": ("order",),
        "Title": ("title",),
        "Minutes": ("minutes",),
        "Distance": ("distance_km",),
        "Intensity": ("intensity",),
        "Notes": ("notes",),
        "Status": ("skipped",),
        "Source": ("source",),
        "Event id": ("external_id",),
        "Event sequence": ("external_seq",),
        "Description": ("description",),
    },
    "PlannedExercise": {
        "Position": ("position",),
        "Sets": ("sets",),
        "Amount": ("amount",),
        "Load": ("load_kg",),
        "Tempo": ("tempo",),
        "Rest": ("rest_seconds",),
        "Notes": ("notes",),
    },
    "SetLog": {
        "Set": ("set_number",),
        "Done": ("amount",),
        "Load": ("load_kg",),
        "RPE": ("rpe",),
        "Pain": ("pain",),
        "Note": ("note",),
        "Time": ("logged_at",),
    },
}

# What a refused value without a default becomes; a name keeps what can be read of it.
_REQUIRED: dict[str, Any] = {
    "group": ExerciseGroup.COMPOUND,
    "kind": SessionKind.REST,
    "set_number": 1,
    "amount": 0,
}


@dataclass(frozen=True)
class Damage:
    """One refused value of one stored record: which record, which field, what value."""

    record: str  # "exercise", "athlete", …
    record_id: int | None
    field: str  # the label the user sees, e.g. "Video URL"
    value: str  # repr, truncated
    message: str

    def __str__(self) -> str:
        return f"{self.record} {self.record_id}: {self.field} = {self.value} ({self.message})"


def shown(value: object) -> str:
    """A stored value as a short, unambiguous text (repr, truncated)."""
    return _REPR.repr(value)


def _readable_name(value: object, record: str, record_id: int | None) -> str:
    text = value if isinstance(value, str) else ""
    text = " ".join(text.encode("utf-8", "replace").decode("utf-8").split())
    if len(text) > b.NAME_MAX:
        text = text[: b.NAME_MAX - 1].rstrip() + "…"
    return text or f"Damaged {record} {record_id}"


def salvage(cls: type[T], values: Mapping[str, Any], record: str) -> tuple[T, tuple[Damage, ...]]:
    """``cls(**values)``, with every value its checks refuse put back to its default.

    Raises ValidationError when a refused value has no default to fall back on (the
    record cannot be shown at all); the caller leaves such a row out and reports it.
    """
    values = dict(values)
    labels = LABELS[cls.__name__]
    defaults: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.default is not dataclasses.MISSING:
            defaults[f.name] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            defaults[f.name] = f.default_factory()
    damage: list[Damage] = []
    replaced: set[str] = set()
    for _ in range(len(values) + 2):
        try:
            return cls(**values), tuple(damage)
        except ValidationError as exc:
            names = [n for n in labels.get(exc.field, ()) if n not in replaced]
            if not names:
                raise
            name = names[0]
            damage.append(
                Damage(record, values.get("id"), exc.field, shown(values[name]), exc.message)
            )
            replaced.add(name)
            if name == "name":
                values[name] = _readable_name(values[name], record, values.get("id"))
            elif name in defaults:
                values[name] = defaults[name]
            elif name in _REQUIRED:
                values[name] = _REQUIRED[name]
            else:
                raise
    raise ValidationError("Record", "could not be repaired")  # pragma: no cover
