"""What a bug report needs to know: the versions of RunStrong and of what it runs on.

Shared by ``runstrong --version`` and Help ▸ About. Each library's own version attribute
is read rather than its installed metadata, which a desktop bundle does not carry.
"""

from __future__ import annotations

import platform
import sys

from runstrong_gui import __version__


def _rl_accel() -> str:
    """Whether ReportLab's C accelerator loaded (a bundle can lose it: it is imported
    through ``exec``)."""
    try:
        from reportlab.lib import rl_accel

        accelerated = rl_accel.fp_str.__module__ == "_rl_accel"
    except Exception:  # a broken ReportLab is reported by the line above it
        return "unknown"
    return "on" if accelerated else "off"


def versions() -> list[tuple[str, str]]:
    """(name, version) of the app, Python, Qt, PySide6, SQLAlchemy and ReportLab."""
    import PySide6
    import reportlab
    import sqlalchemy
    from PySide6.QtCore import qVersion

    frozen = " (bundle)" if getattr(sys, "frozen", False) else ""
    return [
        ("RunStrong", f"{__version__}{frozen}"),
        ("Python", f"{platform.python_version()} ({platform.python_implementation()})"),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("SQLAlchemy", sqlalchemy.__version__),
        ("ReportLab", f"{reportlab.Version} (rl_accel {_rl_accel()})"),
        ("System", platform.platform()),
    ]


def version_text() -> str:
    """One ``name version`` line each, for the terminal and for pasting into a report."""
    return "\n".join(f"{name} {value}" for name, value in versions())
