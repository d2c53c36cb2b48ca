"""Matching exercise names from other apps (Strong, Hevy) to the library.

Other apps spell the same exercise differently: "Romanian Deadlift (Barbell)",
"Single Leg Glute Bridge", "Push Ups", "Pull-up". Both sides are reduced to a plain
key — lower case, equipment in brackets dropped, punctuation and hyphens as spaces,
each word singular — and compared. A library name offering alternatives ("Squat /
goblet squat") is matched by each of them. Pure: names in, ids out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NOT_WORD = re.compile(r"[^\w]+")
# Words whose final "s" is not a plural ("press", "abs", "biceps" …): kept as they are.
_KEEP_S = frozenset({"press", "abs", "biceps", "triceps", "glutes", "series", "cross", "lats"})


def _singular(word: str) -> str:
    if len(word) < 3 or word in _KEEP_S or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def name_key(name: str) -> str:
    """The comparable form of an exercise name ('' when nothing is left of it)."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = _BRACKETS.sub(" ", text)
    words = _NOT_WORD.sub(" ", text.replace("_", " ")).split()
    return " ".join(_singular(w) for w in words)


def library_keys(name: str) -> set[str]:
    """Every key a library name answers to: the whole name, its alternatives
    ("Squat / goblet squat" → "squat", "goblet squat") and the name without brackets."""
    keys = {name_key(name)}
    for part in name.split("/"):
        keys.add(name_key(part))
    keys.discard("")
    return keys


def build_index(exercises: Iterable[tuple[int, str]]) -> dict[str, int]:
    """Key → exercise id of the library's (id, name) pairs. A key two exercises share
    is left out: a guess between them would log sets under the wrong exercise."""
    index: dict[str, int] = {}
    clashes: set[str] = set()
    for exercise_id, name in exercises:
        for key in library_keys(name):
            if key in index and index[key] != exercise_id:
                clashes.add(key)
            index.setdefault(key, exercise_id)
    for key in clashes:
        del index[key]
    return index


def match_names(
    names: Iterable[str], index: Mapping[str, int], aliases: Mapping[str, int] | None = None
) -> tuple[dict[str, int], list[str]]:
    """(name → exercise id for the names matched, the names left unmatched in order).

    A remembered alias (the user's earlier choice, by exact name) comes first.
    """
    found: dict[str, int] = {}
    missing: list[str] = []
    for name in names:
        if name in found or name in missing:
            continue
        if aliases and name in aliases:
            found[name] = aliases[name]
            continue
        exercise_id = index.get(name_key(name))
        if exercise_id is None:
            missing.append(name)
        else:
            found[name] = exercise_id
    return found, missing
