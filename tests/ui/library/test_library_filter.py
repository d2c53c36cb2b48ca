"""The library's search proxy: what it shows through typing, filter changes and reloads
(its answers are worked out once per change and kept, so each change must reach them)."""

from __future__ import annotations

import pytest

from runstrong_gui.domain.models import Exercise
from runstrong_gui.ui.library.model import LibraryFilter, LibraryModel


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
