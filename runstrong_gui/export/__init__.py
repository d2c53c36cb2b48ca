"""Exports: PDF handouts and plans. Pure: data in, bytes or a file out; no Qt, no queries.

The renderers import ReportLab, so they are loaded on first use, not with this package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from runstrong_gui.export.documents import (
    ClinicInfo,
    DayPlan,
    HandoutData,
    ItemPlan,
    LogSheetData,
    ProgrammeData,
    SessionPlan,
    WeekPlanData,
)
from runstrong_gui.export.errors import ExportError

if TYPE_CHECKING:
    from runstrong_gui.export.pdf import (
        render_handout,
        render_log_sheet,
        render_programme,
        render_week_plan,
    )

_RENDERERS = ("render_handout", "render_log_sheet", "render_programme", "render_week_plan")

__all__ = [
    "ClinicInfo",
    "DayPlan",
    "ExportError",
    "HandoutData",
    "ItemPlan",
    "LogSheetData",
    "ProgrammeData",
    "SessionPlan",
    "WeekPlanData",
    "render_handout",
    "render_log_sheet",
    "render_programme",
    "render_week_plan",
]


def __getattr__(name: str) -> Any:
    if name in _RENDERERS:
        from runstrong_gui.export import pdf

        return getattr(pdf, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
