"""The quicker check of imported modules answers as PySide's own one does."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

import runstrong_gui.ui  # noqa: F401  (installs the quicker check)

feature = sys.modules.get("shibokensupport.feature")


@pytest.mark.skipif(feature is None, reason="this PySide has no module check")
@pytest.mark.parametrize(
    "name",
    [
        "runstrong_gui.ui.week_view",  # imports PySide6
        "runstrong_gui.ui.features",
        "runstrong_gui.domain.models",  # never does
        "runstrong_gui.storage.store",
        "json",
        "sqlite3",  # a package
        "_sqlite3",  # an extension module: no source at all
    ],
)
def test_the_quicker_check_agrees_with_pyside(name: str) -> None:
    assert feature is not None
    check = feature._mod_uses_pyside
    assert getattr(check, "quicker", False), "the quicker check is not installed"
    module = importlib.import_module(name)
    assert check(module) is check.pyside_check(module)  # PySide's own, inspect-based
    path = getattr(module, "__file__", None)
    if isinstance(path, str) and path.endswith(".py"):
        assert check(module) is ("PySide6" in Path(path).read_text(encoding="utf-8"))
