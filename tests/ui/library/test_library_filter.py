"""The library's search proxy: what it shows through typing, filter changes and reloads
(its answers are worked out once per change and kept, so each change must reach them)."""

from __future__ import annotations

import random
import sys

import pytest

from runstrong_gui.domain.models import Exercise
from runstrong_gui.ui.library.model import LibraryFilter, LibraryModel, haystack


def _names(proxy: LibraryFilter) -> list[str]:
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def _exercises() -> list[Exercise]:
    return [
        Exercise(name="Single-leg calf raise", group="core", id=1),
        Exercise(name="Calf raise", group="core", id=2),
        Exercise(name="Single-leg squat", group="core", id=3),
        Exercise(name="Wall sit", group="core", id=4),
    ]


def test_search_predicate_and_reload_all_reach_what_is_shown(qapp) -> None:  # type: ignore[no-untyped-def]
    model = LibraryModel()
    model.set_exercises(_exercises())
    proxy = LibraryFilter()
    proxy.setSourceModel(model)
    for typed, shown in [
        ("s", ["Single-leg calf raise", "Calf raise", "Single-leg squat", "Wall sit"]),
        ("single", ["Single-leg calf raise", "Single-leg squat"]),
        ("SINGLE calf", ["Single-leg calf raise"]),  # every word, any case
        ("calf", ["Single-leg calf raise", "Calf raise"]),  # deleting widens again
    ]:
        proxy.set_search(typed)
        assert _names(proxy) == shown
    allowed = {1, 3, 4}
    proxy.set_predicate(lambda e: e.id in allowed)
    assert _names(proxy) == ["Single-leg calf raise"]
    allowed.add(2)
    proxy.refilter()  # the predicate's own inputs changed
    assert _names(proxy) == ["Single-leg calf raise", "Calf raise"]
    model.set_exercises([*_exercises(), Exercise(name="Bent-knee calf raise", group="core", id=5)])
    assert _names(proxy) == ["Single-leg calf raise", "Calf raise"]  # 5 fails the predicate
    allowed.add(5)
    proxy.refilter()
    assert _names(proxy) == ["Single-leg calf raise", "Calf raise", "Bent-knee calf raise"]
    proxy.set_search("")
    assert _names(proxy) == [
        "Single-leg calf raise",
        "Calf raise",
        "Single-leg squat",
        "Wall sit",
        "Bent-knee calf raise",
    ]


def test_the_filter_refuses_another_model(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QStringListModel

    with pytest.raises(TypeError, match="LibraryModel"):
        LibraryFilter().setSourceModel(QStringListModel(["Wall sit"]))


def _searched(proxy: LibraryFilter, text: str) -> list[str]:
    proxy.set_search(text)
    return _names(proxy)


def test_search_words_in_any_order_each_taken_literally(qapp) -> None:  # type: ignore[no-untyped-def]
    model = LibraryModel()
    model.set_exercises(
        [
            *_exercises(),
            Exercise(name="Calf raise (bent knee)", group="core", id=5),
            Exercise(name="Step-up + hold", group="core", id=6),
            Exercise(name="Dead bug", group="core", cues=("Ribs down. Breathe out",), id=7),
        ]
    )
    proxy = LibraryFilter()
    proxy.setSourceModel(model)
    assert _searched(proxy, "calf single") == ["Single-leg calf raise"]
    assert _searched(proxy, "raise leg single") == ["Single-leg calf raise"]
    assert _searched(proxy, "alf calf") == [  # words may overlap in the text
        "Single-leg calf raise",
        "Calf raise",
        "Calf raise (bent knee)",
    ]
    assert _searched(proxy, "(bent") == ["Calf raise (bent knee)"]
    assert _searched(proxy, "knee) calf") == ["Calf raise (bent knee)"]
    assert _searched(proxy, "+") == ["Step-up + hold"]
    assert _searched(proxy, "hold +") == ["Step-up + hold"]
    assert _searched(proxy, "down.") == ["Dead bug"]  # a cue, "." only a full stop
    assert _searched(proxy, "single .") == []
    assert _searched(proxy, "[a-z]* ^ $ | \\") == []
    assert _searched(proxy, "RIBS  breathe") == ["Dead bug"]  # any case, any spacing


def test_a_keystroke_runs_no_python_per_exercise(qapp) -> None:  # type: ignore[no-untyped-def]
    """Typing must cost what Qt's own filtering costs: with a thousand exercises, each
    key stroke (and the panel's filters underneath) are answered without a Python call
    per row."""
    model = LibraryModel()
    model.set_exercises(
        [
            Exercise(name=f"Exercise {n}", group="core", cues=(f"cue {n}",), id=n)
            for n in range(1000)
        ]
    )
    proxy = LibraryFilter()
    proxy.setSourceModel(model)
    proxy.set_predicate(lambda e: (e.id or 0) % 2 == 0)
    calls = 0

    def count(_frame: object, event: str, _arg: object) -> None:
        nonlocal calls
        calls += event == "call"

    for typed in ("e", "ex", "exercise 1", "exercise 12 cue", "exercise 1", "e", ""):
        sys.setprofile(count)
        try:
            proxy.set_search(typed)
        finally:
            sys.setprofile(None)
        assert calls < 50, f"{calls} Python calls for {typed!r}"
        calls = 0
    assert proxy.rowCount() == 500
    proxy.set_search("exercise 12 cue")
    assert _names(proxy) == [f"Exercise {n}" for n in range(0, 1000, 2) if "12" in str(n)]


def test_typing_on_shows_exactly_the_rows_holding_every_word(qapp) -> None:  # type: ignore[no-untyped-def]
    """What a search shows never depends on what was typed before it (the proxies keep
    what the last search let through, to read fewer rows)."""
    words = ["calf", "raise", "single-leg", "knee", "bent", "wall", "sit", "hold", "band"]
    pick = random.Random(17).choice
    model = LibraryModel()
    model.set_exercises(
        [
            Exercise(
                name=f"{pick(words)} {pick(words)} {n}",
                group="core",
                cues=(f"{pick(words)}{pick(words)}",),
                id=n,
            )
            for n in range(200)
        ]
    )
    proxy = LibraryFilter()
    proxy.setSourceModel(model)
    proxy.set_predicate(lambda e: (e.id or 0) % 3 != 0)
    typed = ["s", "si", "sin", "single", "single c", "single calf", "calf single", "alf",
             "alfr", "calf", "c", "", "k", "kn", "knee b", "knee ben", "knee bent wall",
             "knee bent wall a", "a wall bent knee s", "knee", "hold", "holdband", "h",
             "raise sit", "sit raise ca", "s", ""]  # fmt: skip
    for text in typed:
        proxy.set_search(text)
        expected = [
            e.name
            for e in model.exercises()
            if (e.id or 0) % 3 != 0 and all(w in haystack(e) for w in text.casefold().split())
        ]
        assert _names(proxy) == expected, text
