"""The window's features, each installed by its module's ``install(window)``.

Keeping the wiring of each feature next to the feature keeps MainWindow small: it
builds the frame (toolbar, week, library, undo stack) and each feature adds its docks,
tabs, menu entries and signal connections.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from runstrong_gui.ui.main_window import MainWindow

FEATURES: tuple[str, ...] = (
    "runstrong_gui.ui.safety_feature",  # first: the others read window.read_only
    "runstrong_gui.ui.calendar_feature",
    "runstrong_gui.ui.editor_feature",
    "runstrong_gui.ui.library_feature",
    "runstrong_gui.ui.plan_tools_feature",
    "runstrong_gui.ui.printing_feature",
    "runstrong_gui.ui.progress_feature",
)


def install_features(window: MainWindow) -> None:
    for name in FEATURES:
        import_module(name).install(window)
