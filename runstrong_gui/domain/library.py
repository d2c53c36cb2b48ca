"""Reading the built-in library and templates from their JSON resource files.

Pure: text in, domain objects out, so the same parser serves the store's seeding, the
tests and any later import of a therapist's own library file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import Exercise

LIBRARY_FILE = "library/exercises.json"
TEMPLATES_FILE = "library/templates.json"

_FIELDS = [
    "key",
    "name",
    "group",
    "kind",
    "muscles",
    "equipment",
    "focus",
    "level",
    "dose_kind",
    "sets",
    "rep_min",
    "rep_max",
    "per_side",
    "tempo",
    "rest_seconds",
    "steps",
    "cues",
    "stop_if",
    "notes",
]


def parse_exercises(data: dict[str, Any], builtin: bool = True) -> list[Exercise]:
    """Exercises of a library document; a bad entry names itself in the error."""
    if data.get("format") != 1:
        raise ValidationError("Library", "unknown library file format")
    out: list[Exercise] = []
    seen: set[str] = set()
    for i, entry in enumerate(data.get("exercises", [])):
        label = entry.get("name") or entry.get("key") or f"entry {i + 1}"
        try:
            values = {f: entry[f] for f in _FIELDS if f in entry}
            for name in ("muscles", "equipment", "focus", "steps", "cues", "stop_if"):
                values[name] = tuple(values.get(name, ()))
            exercise = Exercise(**values, video_url=entry.get("video_url"), builtin=builtin)
        except (TypeError, ValidationError) as exc:
            raise ValidationError("Library", f"{label}: {exc}") from exc
        if exercise.key in seen:
            raise ValidationError("Library", f"{label}: the key '{exercise.key}' is used twice")
        seen.add(exercise.key or "")
        out.append(exercise)
    return out


def load_exercises(resources: Path) -> list[Exercise]:
    return parse_exercises(json.loads((resources / LIBRARY_FILE).read_text("utf-8")))


def load_templates(resources: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((resources / TEMPLATES_FILE).read_text("utf-8"))
    if data.get("format") != 1:
        raise ValidationError("Templates", "unknown templates file format")
    return data
