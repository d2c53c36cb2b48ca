"""The one-page week plan for the fridge."""

from __future__ import annotations

import dataclasses
import io

import export_samples as samples
import pytest
from export_support import flat, fonts, render, runs, texts
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from runstrong_gui.domain.enums import SessionKind, Units
from runstrong_gui.domain.progression import week_dates
from runstrong_gui.export import ExportError, WeekPlanData
from runstrong_gui.export.documents import DayPlan
from runstrong_gui.export.pdf import render_week_plan


@pytest.fixture(scope="module")
def week() -> PdfReader:
    return render(render_week_plan, samples.week_plan())


def test_one_landscape_page(week: PdfReader) -> None:
    assert len(week.pages) == 1
    box = week.pages[0].mediabox
    assert float(box.width) > float(box.height)


def test_header_and_seven_dated_columns(week: PdfReader) -> None:
    text = texts(week)[0]
    assert "Week plan · Zoë Ødegård" in text
    assert "Week 3 of 12 · Build · 17–23 Mar 2025" in text
    for day, date in zip(
        ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), range(17, 24), strict=True
    ):
        assert f"{day}\n{date} Mar" in text
    assert "Page 1 of 1" in text


def test_runs_and_strength_with_doses(week: PdfReader) -> None:
    text = flat(texts(week)[0])
    assert "Easy run 40 min · 7.5 km" in text
    assert "Long run 1 h 50 min · 18.4 km" in text
    assert "Last 10 min at half-marathon effort." in text
    for ex in samples.GYM:
        assert ex.name in text
    assert "3×9 @10 kg" in text and "3×25 s each side" in text and "3×12 steps" in text


def test_columns_follow_the_dates(week: PdfReader) -> None:
    """Thursday's gym session sits under the Thursday header."""
    found = runs(week, 0)
    thu = next(r for r in found if r.text == "Thu")
    rdl = next(r for r in found if r.text == "Romanian deadlift")
    col = float(week.pages[0].mediabox.width) / 7
    assert abs((rdl.x + 40) - (thu.x + 8)) < col / 2


def test_lb_athlete(week: PdfReader) -> None:
    reader = render(render_week_plan, samples.week_plan(samples.athlete(units=Units.LB)))
    assert "3×9 @22.5 lb" in flat(texts(reader)[0])


def test_fonts_embedded_and_unicode(week: PdfReader) -> None:
    reader = render(render_week_plan, samples.week_plan(samples.athlete("Łukasz Wróbel")))
    assert "Łukasz Wróbel" in texts(reader)[0]
    assert all(embedded for _, embedded in fonts(reader)[0])


def _crowded(sessions_per_day: int, exercises: int) -> WeekPlanData:
    athlete = samples.athlete()
    pool = (*samples.GYM, *samples.HOME)
    days = []
    for date in week_dates(athlete, 3):
        plans = tuple(
            samples.strength(
                athlete,
                date,
                tuple(pool[(i + j) % len(pool)] for j in range(exercises)),
                title=f"Session {i + 1}",
                order=i + 1,
            )
            for i in range(sessions_per_day)
        )
        days.append(DayPlan(date, plans))
    return WeekPlanData(athlete, 3, tuple(days))


def test_a_busy_week_shrinks_to_fit_one_page() -> None:
    reader = render(render_week_plan, _crowded(2, 6))
    assert len(reader.pages) == 1
    sizes = {round(r.size, 1) for r in runs(reader, 0) if r.text == "Romanian deadlift"}
    assert max(sizes) < 10


def test_an_overfull_week_is_a_clear_error() -> None:
    with pytest.raises(ExportError, match="too much to print on one page") as info:
        render_week_plan(_crowded(3, 20), io.BytesIO())
    assert "LayoutError" not in str(info.value)


def test_a_day_outside_the_week_is_refused() -> None:
    data = samples.week_plan()
    stray = DayPlan(week_dates(data.athlete, 9)[0], ())
    with pytest.raises(ExportError, match="outside that week"):
        render_week_plan(dataclasses.replace(data, days=(*data.days, stray)), io.BytesIO())


def test_an_empty_week_prints_the_grid() -> None:
    reader = render(render_week_plan, WeekPlanData(samples.athlete(), 1, ()))
    assert len(reader.pages) == 1
    assert "Week 1 of 12 · Foundation" in texts(reader)[0]


def test_long_words_and_markup_stay_inside_the_page() -> None:
    athlete = samples.athlete("<i>Kim</i>")
    date = week_dates(athlete, 3)[1]
    word = "Intervalltreningsøkt" * 15  # 300 characters
    plan = samples.activity(
        athlete, date, SessionKind.QUALITY, 60, 12, title="Hill<b>repeats</b>", notes=word
    )
    data = WeekPlanData(athlete, 3, (DayPlan(date, (plan,)),))
    reader = render(render_week_plan, data)
    text = texts(reader)[0]
    assert "Week plan · <i>Kim</i>" in text
    assert "Hill<b>repeats</b>" in "".join(text.split())  # wrapped: it is wider than a column
    assert "Intervalltreningsøkt" * 7 in "".join(text.split())  # the note, shortened
    width = float(reader.pages[0].mediabox.width)
    for run in runs(reader, 0):
        assert run.x >= 0 and run.x + stringWidth(run.text, run.font, run.size) <= width - 30
