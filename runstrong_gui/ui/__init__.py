"""Qt widgets, item models, delegates and dialogs. Widgets hold no state of record.

Importing this package first makes PySide's check of newly imported modules cheaper
(see :func:`_quicker_module_check`); every Qt import of the app goes through it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType


def _quicker_module_check() -> None:
    """PySide looks at every module imported after it for the word "PySide6" (to know
    which may switch its Python features on), reading each source through ``inspect``:
    about 0.15 ms a module, 13 ms before the window's first paint and 50 ms more while
    SQLAlchemy loads. This asks the same question of the file's bytes; anything else
    (no ``.py`` file, an unreadable one, another PySide) goes to PySide's own check."""
    import shiboken6  # noqa: F401  (loads PySide's support package, not yet QtCore)

    feature = sys.modules.get("shibokensupport.feature")
    original: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or getattr(original, "quicker", False):
        return

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


_quicker_module_check()
