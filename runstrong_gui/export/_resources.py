"""Where the shipped resources (fonts, library) live, in a wheel and in a checkout."""

from __future__ import annotations

from pathlib import Path


def resources_dir() -> Path:
    """``runstrong_gui/resources`` when installed, else the checkout's top-level ``resources``."""
    here = Path(__file__).resolve()
    installed = here.parents[1] / "resources"
    return installed if installed.is_dir() else here.parents[2] / "resources"
