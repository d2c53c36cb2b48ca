"""The programme overview of a block (12 weeks, or up to the race week)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import export_samples as samples
import pytest
from export_support import flat, fonts, render, runs, texts
from pypdf import PdfReader

from runstrong_gui.domain.progression import phase_of, week_dates
from runstrong_gui.export import ProgrammeData
from runstrong_gui.export.documents import DayPlan
from runstrong_gui.export.pdf import render_programme
from runstrong_gui.export.pdf.text import date_range, dose_compact


@pytest.fixture(scope="module")
def programme() -> PdfReader:
    return render(render_programme, samples.programme())


def test_one_or_two_landscape_pages_with_name_and_numbers(programme: PdfReader) -> None:
    pages = texts(programme)
    assert 1 <= len(pages) <= 2
    for number, (page, text) in enumerate(zip(programme.pages, pages, strict=True), 1):
        assert float(page.mediabox.width) > float(page.mediabox.height)
        assert "Zoë Ødegård" in text and f"Page {number} of {len(pages)}" in text
    assert all(embedded for page in fonts(programme) for _, embedded in page)


def test_a_row_per_week_with_its_phase_and_sessions(programme: PdfReader) -> None:
    first = flat(texts(programme)[0])
    assert "Training programme · Zoë Ødegård" in first
    assert "Weeks 1–12 · Block of 12 weeks from 3 March 2025" in first
    expected = {
        1: ("3–9 Mar 2025", "Foundation"),
        2: ("10–16 Mar 2025", "Foundation"),
        3: ("17–23 Mar 2025", "Build"),
        6: ("7–13 Apr 2025", "Build"),
        7: ("14–20 Apr 2025", "Load"),
        12: ("19–25 May 2025", "Load"),
    }
    for week, (dates, phase) in expected.items():
        # week, dates, phase, runs, run time, distance, strength sessions
        assert f"{week} {dates} {phase} 3 " in first, week
    assert "3 3 h 10 min 34.3 km 2 about 42 min 2" in first


def test_each_exercise_dose_week_by_week(programme: PdfReader) -> None:
    text = flat(" ".join(texts(programme)))
    assert "Exercise doses week by week" in text
    assert "Single-leg glute bridge each side 2×10 2×10 3×11" in text
    assert "Romanian deadlift 2×8 2×8 3×9 @10 kg" in text
    assert "3×12 @27.5 kg 3×12 @30 kg" in text  # seated calf raise, weeks 11 and 12


def test_a_dose_sits_in_its_week_column() -> None:
    """An exercise planned in week 5 only: its cell is under the 'Week 5' header."""
    athlete = samples.athlete()
    weeks = []
    for week in range(1, 13):
        date = week_dates(athlete, week)[0]
        plans = (samples.strength(athlete, date, (samples.DEAD_BUG,), week=week),)
        if week == 5:
            plans += (samples.strength(athlete, date, (samples.RDL,), week=week, order=2),)
        weeks.append((week, (DayPlan(date, plans),)))
    reader = render(render_programme, ProgrammeData(athlete, tuple(weeks)))
    for index in range(len(reader.pages)):
        found = runs(reader, index)
        head = [r for r in found if r.text == "Week 5"]
        cell = [r for r in found if r.text == "3×9"]
        if head and cell:
            assert len(cell) == 1
            assert abs(head[0].x - cell[0].x) < 20
            break
    else:
        pytest.fail("week 5 header and its dose not found on one page")
    blank_weeks = flat(" ".join(texts(reader)))
    assert "Romanian deadlift 3×9" in blank_weeks  # nothing printed in the other weeks


def test_goal_race_gives_peak_and_race_weeks() -> None:
    athlete = dataclasses.replace(samples.athlete(), goal_race_date=dt.date(2025, 5, 18))
    text = flat(" ".join(texts(render(render_programme, samples.programme(athlete)))))
    assert "goal race 18 May 2025" in text
    assert "9 28 Apr – 4 May 2025 Peak" in text and "11 12–18 May 2025 Race" in text


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("weeks", [12, 15, 16])
def test_blocks_up_to_sixteen_weeks_fit_two_pages_with_every_week_and_dose(
    weeks: int, paper: str
) -> None:
    data = samples.programme(weeks=weeks)
    reader = render(render_programme, data, paper)
    assert 1 <= len(reader.pages) <= 2
    text = flat(" ".join(texts(reader)))
    assert "(weeks" not in text  # one dose table for the whole block
    athlete = data.athlete
    for week, days in data.weeks:
        first, last = week_dates(athlete, week)[0], week_dates(athlete, week)[-1]
        assert f"{week} {date_range(first, last)} {phase_of(athlete, week).label}" in text
        for day in days:
            for plan in day.sessions:
                for item in plan.items:
                    dose = dose_compact(item.exercise, item.planned, athlete.units)
                    assert dose.replace("\xa0", " ") in text, (week, dose)
    assert "Single-leg glute bridge each side 2×10 2×10 3×11" in text
    if weeks > 12:
        assert "13 26 May – 1 Jun 2025 Power" in text


def test_a_longer_block_splits_the_dose_table_in_even_parts() -> None:
    text = flat(" ".join(texts(render(render_programme, samples.programme(weeks=17)))))
    assert "(weeks 1–9)" in text and "(weeks 10–17)" in text
    text = flat(" ".join(texts(render(render_programme, samples.programme(weeks=33)))))
    assert "(weeks 1–11)" in text and "(weeks 12–22)" in text and "(weeks 23–33)" in text


def test_empty_programme() -> None:
    reader = render(render_programme, ProgrammeData(samples.athlete("Ирина Иванова"), ()))
    assert "No weeks have been planned yet." in texts(reader)[0]
    assert "Ирина Иванова" in texts(reader)[0]
