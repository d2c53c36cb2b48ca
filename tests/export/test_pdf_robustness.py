"""Whatever a user types, the documents still lay out (or say clearly why not)."""

from __future__ import annotations

import dataclasses
import io

import export_samples as samples
from export_support import flat, texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.domain.progression import week_dates
from runstrong_gui.export import ExportError, WeekPlanData
from runstrong_gui.export.documents import DayPlan, ItemPlan
from runstrong_gui.export.pdf import render_handout, render_week_plan

_any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)
# Scripts DejaVu Sans covers: Latin (with its extensions), Greek, Cyrillic. Others (Arabic,
# CJK…) have no glyphs in it and print as blanks; that limit is known and accepted.
_letters = st.sampled_from(
    [
        chr(c)
        for r in ((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x17F), (0x391, 0x3C9), (0x410, 0x44F))
        for c in range(r[0], r[1] + 1)
        if chr(c).isprintable()
    ]
)
_name = st.text(_letters, min_size=1, max_size=120)


@settings(
    max_examples=8, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(name=_name, note=_any_text, step=_any_text)
def test_handout_renders_any_user_text(name: str, note: str, step: str) -> None:
    base = samples.handout(samples.athlete(name))
    item = base.items[0]
    ex = dataclasses.replace(item.exercise, steps=(step,) if step.strip() else ())
    planned = dataclasses.replace(item.planned, notes=note)
    data = dataclasses.replace(base, items=(ItemPlan(ex, planned),), goal=note)
    buffer = io.BytesIO()
    render_handout(data, buffer)
    buffer.seek(0)
    assert name in "".join(flat(texts(PdfReader(buffer))[0]).split())


@settings(
    max_examples=8, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(title=st.text(max_size=120), note=_any_text)
def test_week_plan_renders_or_explains(title: str, note: str) -> None:
    athlete = samples.athlete()
    date = week_dates(athlete, 2)[4]
    plan = samples.activity(athlete, date, SessionKind.EASY, 30, 5, title=title, notes=note)
    try:
        render_week_plan(WeekPlanData(athlete, 2, (DayPlan(date, (plan,)),)), io.BytesIO())
    except ExportError as error:  # acceptable only with a message for the user
        assert "one page" in str(error)
