"""Exports: PDF handouts and plans. Pure: data in, bytes or a file out; no Qt, no queries.

The renderers (:mod:`runstrong_gui.export.pdf`) import ReportLab: import them where a
document is made, not with this package.
"""

from __future__ import annotations

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
]
