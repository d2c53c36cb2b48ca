"""The printable training log."""

from __future__ import annotations

import export_samples as samples
import pytest
from export_support import flat, fonts, render, texts
from pypdf import PdfReader

from runstrong_gui.domain.enums import Units
from runstrong_gui.domain.progression import week_dates
from runstrong_gui.export import LogSheetData
from runstrong_gui.export.documents import DayPlan
from runstrong_gui.export.pdf import render_log_sheet


@pytest.fixture(scope="module")
def log() -> PdfReader:
    return render(render_log_sheet, samples.log_sheet())


def test_name_and_page_numbers_on_every_page(log: PdfReader) -> None:
    pages = texts(log)
    assert len(pages) >= 2
    for number, text in enumerate(pages, 1):
        assert "Zoë Ødegård" in text and f"Page {number} of {len(pages)}" in text
    assert all(embedded for page in fonts(log) for _, embedded in page)


def test_a_grid_per_strength_session(log: PdfReader) -> None:
    text = flat(" ".join(texts(log)))
    for heading in (
        "Monday 17 March 2025 · Home routine",
        "Thursday 20 March 2025 · Gym",
        "Monday 24 March 2025 · Home routine",
        "Thursday 27 March 2025 · Gym",
    ):
        assert heading in text
    assert text.count("How did it feel?") == 4
    assert "Easy run" not in text  # runs get no grid
    assert "Set 1 Set 2 Set 3" in text
    assert "done kg pain" in text
    assert "Romanian deadlift 3×9 @10 kg" in text
    assert "Single-leg glute bridge 3×11 each side tempo 2-1-2" in text
    assert "pain from 0 (none) to 10" in text


def test_pounds_for_an_lb_athlete() -> None:
    text = flat(
        " ".join(
            texts(render(render_log_sheet, samples.log_sheet(samples.athlete(units=Units.LB))))
        )
    )
    assert "3×9 @22.5 lb" in text and "done lb pain" in text


def test_many_sets_continue_on_a_second_row() -> None:
    athlete = samples.athlete()
    date = week_dates(athlete, 3)[3]
    plan = samples.strength(athlete, date, (samples.RDL,))
    item = plan.items[0]
    import dataclasses

    plan = dataclasses.replace(
        plan, items=(dataclasses.replace(item, planned=dataclasses.replace(item.planned, sets=7)),)
    )
    text = flat(
        texts(render(render_log_sheet, LogSheetData(athlete, ((3, (DayPlan(date, (plan,)),)),))))[0]
    )
    assert "Set 5" in text and "Set 6" not in text
    assert "sets 6–7" in text
    assert "reps kg pain" in text


def test_no_strength_sessions() -> None:
    reader = render(render_log_sheet, LogSheetData(samples.athlete(), ()))
    assert "No strength sessions are planned in these weeks." in texts(reader)[0]
