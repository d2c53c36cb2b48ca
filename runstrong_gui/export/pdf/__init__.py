"""PDF documents (ReportLab platypus): one stylesheet, fonts registered lazily."""

from runstrong_gui.export.pdf.handout import render_handout
from runstrong_gui.export.pdf.log_sheet import render_log_sheet
from runstrong_gui.export.pdf.programme import render_programme
from runstrong_gui.export.pdf.week_plan import render_week_plan

__all__ = ["render_handout", "render_log_sheet", "render_programme", "render_week_plan"]
