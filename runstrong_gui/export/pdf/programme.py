"""The block at a glance: a row per week, then every exercise's dose week by week."""

from __future__ import annotations

import functools
from collections.abc import Hashable, Iterable, Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from runstrong_gui.domain.dates import long_date
from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.domain.models import Athlete, Exercise
from runstrong_gui.domain.progression import block_weeks, phase_of, week_dates
from runstrong_gui.export.documents import DayPlan, ProgrammeData, SessionPlan
from runstrong_gui.export.pdf.common import grid_table, title_block
from runstrong_gui.export.pdf.fonts import BOLD, FONT
from runstrong_gui.export.pdf.layout import Output, PageSize, Paragraph, build, page
from runstrong_gui.export.pdf.styles import ACCENT_TINT, MUTED_HEX, Styles, stylesheet
from runstrong_gui.export.pdf.text import (
    NBSP,
    date_range,
    dose_compact,
    duration,
    esc,
    number,
    session_minutes,
    sorted_days,
    sorted_items,
    sorted_sessions,
)
from runstrong_gui.tuning import one_burst

WEEKS_PER_TABLE = 16  # a whole block in one table; more columns would squeeze the doses
ROOMY_WEEKS = 12  # a shorter block keeps the width of twelve columns
CELL_PAD = 1.5  # left and right in the week columns: their width is for the doses
SIZES = (8.0, 7.5, 7.0)  # a dose cell's font shrinks only as far as its longest word needs
COMPACT = [("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]


@one_burst
def render_programme(data: ProgrammeData, out: Output, pagesize: PageSize = "A4") -> None:
    """Write the programme overview (landscape; one or two pages for blocks up to 16 weeks)."""
    styles = stylesheet()
    pg = page(pagesize, wide=True)
    athlete = data.athlete
    weeks = sorted(((n, sorted_days(days)) for n, days in data.weeks), key=lambda w: w[0])
    story: list[Flowable] = title_block(
        f"Training programme · {athlete.name}", _subtitle(athlete, weeks), styles
    )
    if not weeks:
        story.append(Paragraph("No weeks have been planned yet.", styles.body))
    else:
        shaded = _shaded(athlete, weeks)
        story += [_overview(athlete, weeks, shaded, pg.frame_width, styles)]
        tables = -(-len(weeks) // WEEKS_PER_TABLE)
        per_table = -(-len(weeks) // tables)  # 17 weeks: 9 and 8, never a table of one week
        for start in range(0, len(weeks), per_table):
            chunk = weeks[start : start + per_table]
            heading = "Exercise doses week by week"
            if len(weeks) > WEEKS_PER_TABLE:
                heading += f" (weeks {chunk[0][0]}–{chunk[-1][0]})"
            story += [
                CondPageBreak(40 * mm),
                Paragraph(heading, styles.h2),
                _doses(athlete, chunk, shaded, pg.frame_width, styles),
            ]
        story += [
            Spacer(1, 6),
            Paragraph(
                "Doses read sets × reps (or seconds, steps, metres); “@” gives the load. "
                "A blank cell: the exercise is not planned that week.",
                styles.small,
            ),
        ]
    build(
        story,
        out,
        page=pg,
        title=f"Programme for {athlete.name}",
        footer=f"{athlete.name} · training programme",
        what="programme",
    )


def _subtitle(athlete: Athlete, weeks: Sequence[tuple[int, list[DayPlan]]]) -> str:
    parts = [f"Block of {block_weeks(athlete)} weeks from {long_date(week_dates(athlete, 1)[0])}"]
    if weeks:
        first, last = weeks[0][0], weeks[-1][0]
        parts.insert(0, f"Week {first}" if first == last else f"Weeks {first}–{last}")
    if athlete.goal_race_date is not None:
        parts.append(f"goal race {long_date(athlete.goal_race_date)}")
    parts.append(athlete.philosophy.label)
    return " · ".join(parts)


def _sessions(days: Sequence[DayPlan]) -> list[SessionPlan]:
    return [plan for day in days for plan in sorted_sessions(day)]


def _overview(
    athlete: Athlete,
    weeks: Sequence[tuple[int, list[DayPlan]]],
    shaded: set[int],
    width: float,
    styles: Styles,
) -> Flowable:
    """A row per week: dates, phase, how much running, how much strength."""
    heads = [
        "Week",
        "Dates",
        "Phase",
        "Runs",
        "Run time",
        "Distance",
        "Strength sessions",
        "Strength time",
        "Walks & cross-training",
    ]
    rows: list[list[object]] = [[Paragraph(h, styles.cell_head) for h in heads]]
    shades = []
    for index, (week, days) in enumerate(weeks, 1):
        plans = _sessions(days)
        runs = [p.session for p in plans if p.session.kind.is_run]
        strength = [p for p in plans if p.session.kind is SessionKind.STRENGTH]
        other = [
            p.session for p in plans if p.session.kind in (SessionKind.WALK, SessionKind.CROSS)
        ]
        run_min = sum(s.minutes or 0 for s in runs)
        km = sum(s.distance_km or 0.0 for s in runs)
        str_min = sum(session_minutes(p) or 0 for p in strength)
        dates = week_dates(athlete, week)
        phase = phase_of(athlete, week)
        cells = [
            f"<b>{week}</b>",
            date_range(dates[0], dates[-1]),
            phase.label,
            str(len(runs)),
            duration(run_min) if run_min else "–",
            f"{number(km)}{NBSP}km" if km else "–",
            str(len(strength)),
            f"about {duration(str_min)}" if str_min else "–",
            str(len(other)) if other else "–",
        ]
        rows.append([Paragraph(c, styles.cell) for c in cells])
        if week in shaded:
            shades.append(("BACKGROUND", (0, index), (-1, index), ACCENT_TINT))
    fractions = (0.05, 0.16, 0.09, 0.06, 0.10, 0.09, 0.13, 0.13, 0.19)
    return grid_table(rows, [width * f for f in fractions], extra=COMPACT + shades)


def _shaded(athlete: Athlete, weeks: Sequence[tuple[int, list[DayPlan]]]) -> set[int]:
    """Weeks to tint: the tint flips at each change of phase, so neighbours differ."""
    shaded: set[int] = set()
    tint, previous = False, None
    for week, _ in weeks:
        phase = phase_of(athlete, week)
        if previous is not None and phase is not previous:
            tint = not tint
        if tint:
            shaded.add(week)
        previous = phase
    return shaded


def _doses(
    athlete: Athlete,
    weeks: Sequence[tuple[int, list[DayPlan]]],
    shaded: set[int],
    width: float,
    styles: Styles,
) -> Flowable:
    """Exercise rows × week columns; each cell the week's dose(s), blank when absent."""
    order: dict[Hashable, Exercise] = {}
    per_side: set[Hashable] = set()
    cells: dict[tuple[Hashable, int], list[str]] = {}
    for week, days in weeks:
        for plan in _sessions(days):
            for item in sorted_items(plan.items):
                key: Hashable = (
                    item.exercise.id if item.exercise.id is not None else item.exercise.name
                )
                order.setdefault(key, item.exercise)
                if item.planned.per_side:
                    per_side.add(key)
                doses = cells.setdefault((key, week), [])
                text = dose_compact(item.exercise, item.planned, athlete.units)
                if text not in doses:
                    doses.append(text)
    name_w = min(44 * mm, width * 0.17)
    week_w = (width - name_w) / max(ROOMY_WEEKS, len(weeks))
    room = week_w - 2 * CELL_PAD
    dose_style = _fitting(styles.dose_cell, (d for ds in cells.values() for d in ds), room)
    long_head = stringWidth(f"Week {weeks[-1][0]}", BOLD, styles.cell_head_center.fontSize)
    week_word = "Week" if long_head <= room else "Wk"
    phases = {phase_of(athlete, week).label for week, _ in weeks}
    widest_phase = max(stringWidth(p, FONT, 1) for p in phases)
    phase_size = min(6.5, int(room / widest_phase * 2) / 2)  # "Foundation" stays whole
    head: list[object] = [Paragraph("Exercise", styles.cell_head)]
    shades = []
    for col, (week, _) in enumerate(weeks, 1):
        phase = phase_of(athlete, week)
        label = f"<font name='{FONT}' size={phase_size}>{phase.label}</font>"
        head.append(Paragraph(f"{week_word} {week}<br/>{label}", styles.cell_head_center))
        if week in shaded:
            shades.append(("BACKGROUND", (col, 1), (col, -1), ACCENT_TINT))
    rows: list[list[object]] = [head]
    if not order:
        rows.append([Paragraph("No strength exercises planned.", styles.cell)] + [""] * len(weeks))
    for key, exercise in order.items():
        name = esc(exercise.name)
        if key in per_side:
            name += f" <font color='{MUTED_HEX}' size=7>each{NBSP}side</font>"
        row: list[object] = [Paragraph(name, styles.cell)]
        for week, _ in weeks:
            doses = cells.get((key, week), [])
            row.append(Paragraph("<br/>".join(esc(d) for d in doses), dose_style) if doses else "")
        rows.append(row)
    shades += [
        *COMPACT,
        ("LEFTPADDING", (1, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (1, 0), (-1, -1), CELL_PAD),
    ]
    table = grid_table(rows, [name_w] + [week_w] * len(weeks), extra=shades)
    table.hAlign = "LEFT"
    return table


def _fitting(style: ParagraphStyle, texts: Iterable[str], room: float) -> ParagraphStyle:
    """``style`` at the largest of SIZES at which no word of ``texts`` is wider than ``room``.

    A load keeps its number and unit together ("@27.5 kg"), so a word too wide would be
    cut inside it; below the smallest size, which still reads, it is cut rather than shrunk.
    """
    words = {w for t in texts for w in t.split(" ")}
    widest = max((stringWidth(w, style.fontName, 1) for w in words), default=0.0)
    size = next((s for s in SIZES if widest * s <= room), SIZES[-1])
    return _sized(style, size)


@functools.cache
def _sized(style: ParagraphStyle, size: float) -> ParagraphStyle:
    if size == style.fontSize:
        return style
    return style.clone(f"{style.name}_{size}", fontSize=size, leading=round(size * 1.25, 1))
