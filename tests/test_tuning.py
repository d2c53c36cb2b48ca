"""The process-wide tuning: the quicker module check answers as PySide's own, its hook
is there on every PySide version it is meant for, and the collector policy leaves a
host's collector as it found it."""

from __future__ import annotations

import gc
import importlib
import sys
from pathlib import Path

import pytest

from runstrong_gui import tuning


def test_the_module_check_hook_exists_where_the_tuning_expects_it() -> None:
    """Fails (never skips) when a PySide version in the gated range lost the private hook:
    the patch would silently do nothing, and the range must be narrowed."""
    if not tuning.module_check_applies():
        assert not tuning.quicker_module_check()  # outside the range: nothing patched
        return
    assert tuning.quicker_module_check(), "PySide's private _mod_uses_pyside is gone"
    feature = sys.modules["shibokensupport.feature"]
    assert getattr(feature._mod_uses_pyside, "quicker", False)


@pytest.mark.parametrize(
    "name",
    [
        "runstrong_gui.ui.calendar.week_view",  # imports PySide6
        "runstrong_gui.ui.shell.main_window",
        "runstrong_gui.domain.models",  # never does
        "runstrong_gui.storage.store",
        "json",
        "sqlite3",  # a package
        "_sqlite3",  # an extension module: no source at all
    ],
)
def test_the_quicker_check_agrees_with_pyside(name: str) -> None:
    if not tuning.quicker_module_check():
        pytest.skip("this PySide is outside the versions the check is tuned for")
    check = sys.modules["shibokensupport.feature"]._mod_uses_pyside
    module = importlib.import_module(name)
    assert check(module) is check.pyside_check(module)  # PySide's own, inspect-based
    path = getattr(module, "__file__", None)
    if isinstance(path, str) and path.endswith(".py"):
        assert check(module) is ("PySide6" in Path(path).read_text(encoding="utf-8"))


def test_start_up_pause_resumes_once_and_only_if_it_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tuning, "_frozen", True)  # no freeze of the test process's objects
    assert gc.isenabled()
    try:
        tuning.pause_collector_for_start_up()
        assert not gc.isenabled()
        tuning.start_up_over()
        assert gc.isenabled()
        gc.disable()  # a host that runs with the collector off
        tuning.pause_collector_for_start_up()
        tuning.start_up_over()
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()
