"""Process-wide tuning: the one place where RunStrong changes how Python's collector, Qt
or PySide behave for the whole process.

Each measure says why it is there and is kept only while ``make bench`` shows it pays.
The module is plain Python when imported: the PDF builds (a Qt-free layer) share its
collector policy, and the Qt measures import Qt inside the functions that apply them.
"""

from __future__ import annotations

import functools
import gc
import os
import sys
import threading
from collections.abc import Callable
from types import ModuleType
from typing import ParamSpec, TypeVar

_P = ParamSpec("_P")
_R = TypeVar("_R")

# -- the cycle collector ---------------------------------------------------------------
# Start-up makes some 100,000 objects that live as long as the window (Qt's enums, our
# classes, widgets, the library). A collection during start-up walks them all for
# nothing, and a full collection later does it again at an unpredictable moment. So the
# app pauses the collector while it starts, then moves what start-up made out of the
# collector's sight (``gc.freeze``) and lets it run again.

_start_up_paused = False
_frozen = False


def pause_collector_for_start_up() -> None:
    """Called by the app's entry point only: a window built elsewhere (a test, the
    bench) leaves the host's collector as it found it."""
    global _start_up_paused
    if gc.isenabled():
        gc.disable()
        _start_up_paused = True


def start_up_over() -> None:
    """The store has loaded (or start-up gave up): freeze what start-up made, once per
    process, and resume the collector if start-up paused it."""
    global _start_up_paused, _frozen
    if not _start_up_paused:
        return
    _start_up_paused = False
    if not _frozen:
        _frozen = True
        gc.freeze()
    gc.enable()


_burst_lock = threading.Lock()
_bursts = 0  # builds under way
_resume_after_bursts = False  # the collector ran before the first of them


def one_burst(build: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run a document build with the collector paused, then collect once.

    A handout is some 300,000 short-lived objects made in one go: with the collector on
    it ran about ten times a build and now and then walked every object of the app.
    Almost all of them go with their last reference anyway; the cycles a build leaves
    are collected as it ends, inside the call. Builds nest across threads, and a
    collector that was off (as during start-up) stays off.
    """

    @functools.wraps(build)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        global _bursts, _resume_after_bursts
        with _burst_lock:
            if _bursts == 0:
                _resume_after_bursts = gc.isenabled()
                gc.disable()
            _bursts += 1
        try:
            return build(*args, **kwargs)
        finally:
            with _burst_lock:
                _bursts -= 1
                if _bursts == 0 and _resume_after_bursts:
                    gc.enable()
                    gc.collect(0)

    return run


# -- Qt ----------------------------------------------------------------------------------

THREADPOOL_ENV = "RUNSTRONG_QT_THREADPOOL"


def before_qt_application() -> None:
    """Switches Qt reads when its application object is made.

    Qt hands large fills and image conversions to a pool of threads. Our windows hold no
    large images, and on a 2-core machine waking and waiting for those threads cost more
    than it saved in repaints and week switches. ``RUNSTRONG_QT_THREADPOOL=1`` keeps
    Qt's default.
    """
    if os.environ.get(THREADPOOL_ENV) != "1":
        os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")


# -- PySide's check of imported modules -------------------------------------------------
# PySide looks at every module imported after it for the word "PySide6" (to know which
# may switch its Python features on), reading each source through ``inspect``; start-up
# imports a few hundred modules (SQLAlchemy's among them) while the window waits. The
# check lives in PySide's private ``shibokensupport.feature._mod_uses_pyside`` in the
# versions below; elsewhere nothing is patched.

MODULE_CHECK_VERSIONS = ((6, 4), (6, 13))  # [from, to): versions known to have the hook


def _pyside_version() -> tuple[int, int]:
    import PySide6

    major, minor = PySide6.__version_info__[:2]
    return int(major), int(minor)


def module_check_applies() -> bool:
    """True on the PySide versions whose private module check this module replaces."""
    low, high = MODULE_CHECK_VERSIONS
    return low <= _pyside_version() < high


def quicker_module_check() -> bool:
    """Ask PySide's question ("does this module use PySide6?") of the file's bytes.

    Anything else (no ``.py`` file, an unreadable one) goes to PySide's own check.
    Returns whether the quicker check is in place.
    """
    if not module_check_applies():
        return False
    import shiboken6  # noqa: F401  (loads PySide's support package, not yet QtCore)

    feature = sys.modules.get("shibokensupport.feature")
    original: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None:
        return False
    if getattr(original, "quicker", False):
        return True

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    uses_pyside.quicker = True  # type: ignore[attr-defined]
    uses_pyside.pyside_check = original  # type: ignore[attr-defined]
    setattr(feature, "_mod_uses_pyside", uses_pyside)  # noqa: B010 (a private name)
    return True
