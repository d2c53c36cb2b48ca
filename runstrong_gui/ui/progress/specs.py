"""Chart specs for the Progress tab: pure functions from progress data to what each
chart shows (series, colours, axes, hover texts). No widgets here, so they are easy to
test and the tab stays about layout and interaction."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from runstrong_gui.domain.bounds import kg_to_display
from runstrong_gui.domain.dates import medium_date, short_date, short_day
from runstrong_gui.domain.enums import DoseKind, Phase, SessionKind
from runstrong_gui.domain.metrics import Bucket, Compliance, LoadPoint
from runstrong_gui.domain.pain import PAIN_THRESHOLD
from runstrong_gui.domain.units import amount_text, load_in_units
from runstrong_gui.services.progress import (
    ProgressData,
    WeekInfo,
    WeekState,
)
from runstrong_gui.ui.progress.chart_spec import (
    Axis,
    Bars,
    ChartSpec,
    Line,
)
from runstrong_gui.ui.progress.week_axis import slot_x, span
from runstrong_gui.ui.shell.style import COMPLIANCE_COLOURS, KIND_COLOURS, WARNING, phase_colour

STRENGTH = KIND_COLOURS[SessionKind.STRENGTH]
RUN = KIND_COLOURS[SessionKind.LONG]
PLANNED = "#56616c"
PAIN_AVERAGE = "#e0a526"
IN_PROGRESS = "In progress"
BUCKET_COLOURS = {
    Bucket.GLUTES_HIPS: "#7b5cc4",
    Bucket.CALVES: "#1c9aa8",
    Bucket.QUADS: "#2f7dd1",
    Bucket.CORE: "#e0a526",
    Bucket.UPPER_BODY: "#8a96a3",
}
MIN_CARD_WIDTH = 340  # below this a week axis of twelve labels gets cramped
MEASURES = {"sets": "Sets", "reps": "Reps", "tonnage": "Load × reps"}
CHARTS = {
    "volume": "Strength volume",
    "adherence": "Strength sessions: done against planned",
    "load": "Load progression",
    "muscles": "Sets per muscle group",
    "pain": "Pain during sets",
    "running": "Running next to strength",
}

# ------------------------------------------------------------------------ pure helpers


def _n(value: float, decimals: int = 0) -> str:
    return f"{value:,.{decimals}f}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def date_span(first: dt.date, last: dt.date) -> str:
    """'16–22 Mar', '30 Mar – 5 Apr', '29 Dec 2025 – 4 Jan 2026'."""
    if first.year != last.year:
        return f"{medium_date(first)} – {medium_date(last)}"
    if first.month != last.month:
        return f"{short_date(first)} – {short_date(last)}"
    return f"{first.day}–{short_date(last)}"


@lru_cache(maxsize=2048)
def week_heading(info: WeekInfo) -> str:
    """The first line of every hover text: '<b>W3</b> · 16–22 Mar · Build'."""
    return f"<b>{info.label}</b> · {date_span(info.first, info.last)} · {info.phase.label}"


def _tip(info: WeekInfo, *lines: str) -> str:
    return "<br>".join([week_heading(info), *lines])


def _chart(data: ProgressData, left: Axis, **parts: Any) -> ChartSpec:
    """A spec over the data's weeks (labels, phase bands) with the given series."""
    weeks = data.weeks
    return ChartSpec(
        labels=[w.label for w in weeks],
        bands=[phase_colour(w.phase).name() for w in weeks],
        left=left,
        label_anchor=1 - weeks[0].week,  # the slot of W1, so thinned labels keep W1, W5…
        **parts,
    )


def _unit(data: ProgressData) -> str:
    return data.athlete.units.value


def _weight(data: ProgressData, kg: float) -> float:
    return kg_to_display(kg, _unit(data))


def volume_spec(data: ProgressData, measure: str = "sets") -> ChartSpec:
    """Weekly strength volume as bars: sets, reps or load × reps (the hover shows all)."""
    unit = _unit(data)
    tips = [
        _tip(
            w,
            f"{_plural(v.sets, 'set')} · {_n(v.reps)} reps",
            f"{_n(_weight(data, v.tonnage_kg))} {unit} lifted (load × reps)",
        )
        for w, v in zip(data.weeks, data.volume, strict=True)
    ]
    if measure == "reps":
        values: list[float] = [v.reps for v in data.volume]
        name, axis = "Reps", Axis("Reps", min_top=10)
    elif measure == "tonnage":
        values = [_weight(data, v.tonnage_kg) for v in data.volume]
        name, axis = f"Load × reps ({unit})", Axis(f"Load × reps ({unit})", min_top=100)
    else:
        values = [v.sets for v in data.volume]
        name, axis = "Sets", Axis("Sets", min_top=5)
    message = "" if data.sets_logged else "No sets logged in this range yet."
    return _chart(
        data,
        axis,
        bars=[Bars(name, values, STRENGTH, tips)],
        message=message,
    )


def adherence_spec(data: ProgressData) -> ChartSpec:
    """Sessions done per week, coloured by compliance, under a step line of the plan.

    Weeks still to come get no bar (they cannot be judged), the current week a grey one.
    """
    n = len(data.weeks)
    levels = [Compliance.GREEN, Compliance.YELLOW, Compliance.RED]
    columns: dict[Compliance, list[float]] = {c: [0.0] * n for c in [*levels, Compliance.NONE]}
    tips = []
    for i, (w, a) in enumerate(zip(data.weeks, data.adherence, strict=True)):
        shown = data.shown_compliance(i)
        if shown is not None:
            columns[shown][i] = a.done
        if w.state is WeekState.FUTURE:
            status = f"{_plural(a.planned, 'session')} planned · still to come"
        else:
            verdict = IN_PROGRESS.lower() if shown is Compliance.NONE else a.compliance.label
            if a.planned == 0 and a.done == 0:
                verdict = "nothing planned"
            status = f"{a.done} done of {a.planned} planned · {verdict}"
        tips.append(_tip(w, status))
    bars = [Bars(c.label, columns[c], COMPLIANCE_COLOURS[c], tips) for c in levels]
    if any(w.state is WeekState.CURRENT for w in data.weeks):
        bars.append(
            Bars(IN_PROGRESS, columns[Compliance.NONE], COMPLIANCE_COLOURS[Compliance.NONE], tips)
        )
    plan_points: list[tuple[float, float]] = []
    plan_tips: list[str] = []
    for i, a in enumerate(data.adherence):
        plan_points += [(slot_x(i) - 0.42, a.planned), (slot_x(i) + 0.42, a.planned)]
        plan_tips += [tips[i], tips[i]]
    planned = Line(
        "Planned", plan_points, PLANNED, plan_tips, dashed=True, markers=False, width=1.6
    )
    return _chart(
        data,
        Axis("Sessions", min_top=3),
        bars=bars,
        stacked=True,
        lines=[planned],
        message="" if any(a.planned for a in data.adherence) else "No strength sessions planned.",
    )


def _top_per_week(
    data: ProgressData, points: Sequence[LoadPoint]
) -> list[tuple[int, LoadPoint, int]]:
    """(slot, the day with the week's heaviest set, days logged that week) per week."""
    best: dict[int, tuple[LoadPoint, int]] = {}
    for point in points:
        slot = data.week_index(point.date)
        if not 0 <= slot < len(data.weeks):
            continue
        old, days = best.get(slot, (point, 0))
        top = max(old, point, key=lambda p: (p.top_load_kg, p.reps, p.date))
        best[slot] = (top, days + 1)
    return [(slot, top, days) for slot, (top, days) in sorted(best.items())]


def load_spec(data: ProgressData, exercise_id: int | None) -> ChartSpec:
    """The heaviest set of one exercise in each week it was logged, on that week like
    every other chart's points, and the reps done on the day of that set."""
    unit = _unit(data)
    exercise = next((e for e in data.exercises if e.id == exercise_id), None)
    load_axis = Axis(f"Top set ({unit})", integer=False, min_top=10)
    if exercise is None:
        return _chart(
            data,
            load_axis,
            message="No exercise logged in this range yet. Log sets in a strength session "
            "to follow an exercise's load here.",
        )
    weeks = data.weeks
    loads, reps, tips = [], [], []
    name = html.escape(exercise.name)
    for slot, point, days in _top_per_week(data, data.loads.get(exercise.id, ())):
        x = slot_x(slot)  # on its week, as every chart's weekly points are
        load = load_in_units(point.top_load_kg, unit)  # as the editor and cards show it
        loads.append((x, load))
        reps.append((x, float(point.reps)))
        load_text = f"{amount_text(load)} {unit}" if point.top_load_kg > 0 else "bodyweight"
        lines = [name, f"Top set: {load_text} on {short_day(point.date)}"]
        if exercise.dose_kind is DoseKind.REPS:
            lines.append(f"{_n(point.reps)} reps that day")
        if days > 1:
            lines.append(f"Logged on {days} days this week")
        tips.append(_tip(weeks[slot], *lines))
    series = [Line(f"Top set ({unit})", loads, STRENGTH, tips, width=2.4)]
    right = None
    if exercise.dose_kind is DoseKind.REPS:
        series.append(Line("Reps that day", reps, RUN, tips, right=True, dashed=True, width=1.6))
        right = Axis("Reps", min_top=10)
    return _chart(data, load_axis, right=right, lines=series)


def muscles_spec(data: ProgressData) -> ChartSpec:
    """Weekly sets stacked by muscle area, in the priority order of the buckets."""
    tips = []
    for i, w in enumerate(data.weeks):
        parts = [f"{b.label}: {data.buckets[b][i]}" for b in Bucket if data.buckets[b][i]]
        total = sum(data.buckets[b][i] for b in Bucket)
        tips.append(_tip(w, *parts, f"<b>{_plural(total, 'set')}</b>"))
    bars = [Bars(b.label, data.buckets[b], BUCKET_COLOURS[b], tips) for b in Bucket]
    return _chart(
        data,
        Axis("Sets", min_top=5),
        bars=bars,
        stacked=True,
        message="" if data.sets_logged else "No sets logged in this range yet.",
    )


def pain_spec(data: ProgressData) -> ChartSpec:
    """Worst and average pain (0–10) of each week's sets, with the warning level marked."""
    worst, mean, tips = [], [], []
    for i, (w, p) in enumerate(zip(data.weeks, data.pain, strict=True)):
        if p.max_pain is None or p.mean_pain is None:
            continue
        worst.append((slot_x(i), float(p.max_pain)))
        mean.append((slot_x(i), p.mean_pain))
        tips.append(_tip(w, f"Worst: {p.max_pain} of 10 · average {_n(p.mean_pain, 1)}"))
    n = len(data.weeks)
    level = Line(
        f"Warning level ({PAIN_THRESHOLD})",
        [(span(n)[0], PAIN_THRESHOLD), (span(n)[1], PAIN_THRESHOLD)],
        WARNING,
        [f"Pain of {PAIN_THRESHOLD} or more: stop, rest, and have it checked"] * 2,
        dashed=True,
        markers=False,
        width=1.2,
    )
    message = "" if worst else "No pain recorded in this range."
    return _chart(
        data,
        Axis("Pain (0–10)", fixed_top=10, ticks=6),
        lines=[
            level,
            Line("Worst", worst, WARNING, tips, width=2.2),
            Line("Average", mean, PAIN_AVERAGE, tips, width=1.8),
        ],
        message=message,
    )


def running_spec(data: ProgressData) -> ChartSpec:
    """Run minutes (done as bars, planned as a dashed step) with strength sets beside them."""
    done = [float(d) for _, d in data.runs]
    tips = [
        _tip(
            w,
            f"Runs: {_n(d)} of {_n(p)} planned minutes",
            f"Strength: {_plural(v.sets, 'set')}",
        )
        for w, (p, d), v in zip(data.weeks, data.runs, data.volume, strict=True)
    ]
    plan_points: list[tuple[float, float]] = []
    plan_tips: list[str] = []
    for i, (p, _) in enumerate(data.runs):
        plan_points += [(slot_x(i) - 0.42, p), (slot_x(i) + 0.42, p)]
        plan_tips += [tips[i], tips[i]]
    sets = [
        (slot_x(i), float(v.sets))
        for i, (w, v) in enumerate(zip(data.weeks, data.volume, strict=True))
        if w.state is not WeekState.FUTURE  # weeks to come have no sets yet, not zero sets
    ]
    has_runs = any(p or d for p, d in data.runs)
    return _chart(
        data,
        Axis("Run minutes", min_top=60),
        right=Axis("Strength sets", min_top=5),
        bars=[Bars("Run minutes done", done, RUN, tips)],
        lines=[
            Line(
                "Run minutes planned",
                plan_points,
                PLANNED,
                plan_tips,
                dashed=True,
                markers=False,
                width=1.6,
            ),
            Line(
                "Strength sets",
                sets,
                STRENGTH,
                [
                    t
                    for t, w in zip(tips, data.weeks, strict=True)
                    if w.state is not WeekState.FUTURE
                ],
                right=True,
                width=2.2,
            ),
        ],
        message="" if has_runs else "No runs planned in this range.",
    )


def phase_spans(data: ProgressData) -> list[tuple[Phase, str]]:
    """The phases the range shows, in order, with their weeks: (Build, 'W3–W6')."""
    spans: list[tuple[Phase, WeekInfo, WeekInfo]] = []
    for w in data.weeks:
        if spans and spans[-1][0] is w.phase:
            spans[-1] = (w.phase, spans[-1][1], w)
        else:
            spans.append((w.phase, w, w))
    out = []
    for phase, a, b in spans:
        weeks = a.label if a is b else f"{a.label}–{b.label}"
        out.append((phase, weeks))
    return out


def summary_text(data: ProgressData) -> str:
    """One line under the controls: the range and what was done in it so far."""
    judged = [
        a
        for a, w in zip(data.adherence, data.weeks, strict=True)
        if w.state is not WeekState.FUTURE
    ]
    planned = sum(a.planned for a in judged)
    done = sum(a.done for a in judged)
    first, last = data.weeks[0], data.weeks[-1]
    weeks = first.label if first is last else f"{first.label}–{last.label}"
    return (
        f"{weeks} · {date_span(first.first, last.last)} · "
        f"{done} of {_plural(planned, 'strength session')} done so far · "
        f"{_plural(data.sets_logged, 'set')} logged"
    )


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "chart"


# ----------------------------------------------------------------------------- widgets
