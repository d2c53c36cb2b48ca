"""Custom exercises and the athlete's avoid list: the library use cases the UI calls.

Built-in exercises belong to the release (they are matched by key when a newer one
adds exercises), so they can be duplicated and hidden but not edited or deleted; a
custom exercise can be deleted only while no plan uses it. Each call is one
transaction, and a refusal leaves the store as it was.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from runstrong_gui.domain.bounds import NAME_MAX
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import Athlete, Exercise
from runstrong_gui.storage.engine import StoreError

if TYPE_CHECKING:  # the store (SQLAlchemy) loads when first used, after the window paints
    from runstrong_gui.domain.models import SessionDetail
    from runstrong_gui.storage.store import Store, Tx

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".svg"})
VIDEO_URL_MAX = 500  # the schema's column widths (PostgreSQL enforces them)
IMAGE_PATH_MAX = 1000

# Words people type for "no jumping" that the library calls plyometric.
_SYNONYMS = {
    "jump": "plyometric",
    "jumps": "plyometric",
    "jumping": "plyometric",
    "hop": "plyometric",
    "hops": "plyometric",
    "hopping": "plyometric",
    "plyo": "plyometric",
    "plyos": "plyometric",
    "plyometrics": "plyometric",
}

__all__ = [
    "avoid_tokens",
    "avoided_ids",
    "avoided_items",
    "check_media",
    "delete_exercise",
    "duplicate_exercise",
    "is_avoided",
    "save_exercise",
    "set_hidden",
]


# --- the avoid list -----------------------------------------------------------------


def _slug(text: str, sep: str) -> str:
    text = text.casefold().replace("'", "").replace("’", "")
    return re.sub(r"[^0-9a-z]+", sep, text).strip(sep)


def avoid_tokens(avoid: Iterable[str]) -> frozenset[str]:
    """The athlete's avoid words in every form an exercise attribute may take.

    "IT band" matches the focus value ``it_band``, "Runner's knee" ``runners_knee``,
    "single leg hop" the key ``single-leg-hop``, and "jumping" the kind ``plyometric``.
    """
    out: set[str] = set()
    for word in avoid:
        text = word.strip().casefold()
        if not text:
            continue
        forms = {text, _slug(text, "_"), _slug(text, "-")}
        out |= forms | {_SYNONYMS[f] for f in forms if f in _SYNONYMS}
    out.discard("")
    return frozenset(out)


def _attributes(e: Exercise) -> set[str]:
    names = {e.kind.value, e.group.value, e.name.casefold(), *(f.value for f in e.focus)}
    if e.key:
        names.add(e.key.casefold())
    return names


def is_avoided(e: Exercise, tokens: frozenset[str]) -> bool:
    """True when the exercise's key, name, kind, group or any focus is on the list."""
    return bool(tokens) and not tokens.isdisjoint(_attributes(e))


def avoided_ids(exercises: Iterable[Exercise], athlete: Athlete | None) -> set[int]:
    """Ids of the exercises the athlete avoids (none without an athlete)."""
    tokens = avoid_tokens(athlete.avoid) if athlete else frozenset()
    if not tokens:
        return set()
    return {e.id for e in exercises if e.id is not None and is_avoided(e, tokens)}


def avoided_items(
    details: Iterable[SessionDetail], athlete: Athlete | None
) -> list[tuple[SessionDetail, Exercise]]:
    """Planned exercises of these sessions that are on the athlete's avoid list."""
    tokens = avoid_tokens(athlete.avoid) if athlete else frozenset()
    if not tokens:
        return []
    return [(d, e) for d in details for _p, e in d.items if is_avoided(e, tokens)]


# --- custom exercises ---------------------------------------------------------------


def check_media(e: Exercise) -> None:
    """The image must be a readable picture file; the URL and path must fit the store."""
    if e.video_url and len(e.video_url) > VIDEO_URL_MAX:
        raise ValidationError("Video URL", f"must be at most {VIDEO_URL_MAX} characters")
    if e.image_path:
        if len(e.image_path) > IMAGE_PATH_MAX:
            raise ValidationError("Image", f"the path must be at most {IMAGE_PATH_MAX} characters")
        path = Path(e.image_path)
        if path.suffix.lower() not in IMAGE_SUFFIXES:
            kinds = ", ".join(sorted(s.lstrip(".") for s in IMAGE_SUFFIXES))
            raise ValidationError("Image", f"must be a picture file ({kinds})")
        if not path.is_file():
            raise ValidationError("Image", f"no file at {path}")


def _check_name_free(tx: Tx, e: Exercise) -> None:
    wanted = e.name.casefold()
    for other in tx.exercises(include_hidden=True):
        if other.id != e.id and other.name.casefold() == wanted:
            hidden = " (hidden)" if other.hidden else ""
            raise ValidationError("Name", f"the library already has '{other.name}'{hidden}")


def save_exercise(store: Store, e: Exercise) -> Exercise:
    """Add a custom exercise (``id`` None) or update one; built-ins are refused, unless
    the stored row is damaged (another program wrote values the checks refuse): then
    saving stores the valid values and the exercise stays built in."""
    check_media(e)
    e = dataclasses.replace(e, damage=())
    with store.transaction() as tx:
        _check_name_free(tx, e)
        if e.id is None:
            return tx.add_exercise(dataclasses.replace(e, builtin=False, key=None))
        old = tx.exercise(e.id)
        if old.builtin and old.damage:
            return tx.update_exercise(dataclasses.replace(e, builtin=True, key=old.key))
        if old.builtin:
            from runstrong_gui.storage.store import InUseError

            raise InUseError(
                f"'{old.name}' is built in: duplicate it to make a version of your own."
            )
        return tx.update_exercise(dataclasses.replace(e, builtin=False, key=old.key))


def _copy_name(name: str, taken: set[str]) -> str:
    for n in range(1, 1000):
        suffix = " (copy)" if n == 1 else f" (copy {n})"
        candidate = name[: NAME_MAX - len(suffix)].rstrip() + suffix
        if candidate.casefold() not in taken:
            return candidate
    raise StoreError(f"Too many copies of '{name}' already.")


def duplicate_exercise(store: Store, exercise_id: int) -> Exercise:
    """A visible custom copy named "… (copy)": how a built-in exercise gets edited."""
    with store.transaction() as tx:
        original = tx.exercise(exercise_id)
        taken = {e.name.casefold() for e in tx.exercises(include_hidden=True)}
        copy = dataclasses.replace(
            original,
            id=None,
            key=None,
            builtin=False,
            hidden=False,
            name=_copy_name(original.name, taken),
        )
        return tx.add_exercise(copy)


def set_hidden(store: Store, exercise_id: int, hidden: bool) -> Exercise:
    """Hide an exercise from the library and the generator (plans keep it), or show it."""
    with store.transaction() as tx:
        return tx.update_exercise(dataclasses.replace(tx.exercise(exercise_id), hidden=hidden))


def delete_refusal(store: Store, exercise_id: int) -> str | None:
    """Why the exercise cannot be deleted, asked before "are you sure?" so the user is not
    asked to confirm a delete that would then be refused."""
    with store.transaction() as tx:
        return tx.delete_refusal(exercise_id)


def delete_exercise(store: Store, exercise_id: int) -> None:
    """Delete a custom exercise no plan uses; raises InUseError naming who and when."""
    with store.transaction() as tx:
        tx.delete_exercise(exercise_id)
