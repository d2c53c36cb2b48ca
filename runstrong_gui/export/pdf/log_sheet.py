"""Printable log: for each planned strength session, boxes to fill in by hand, set by set."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from runstrong_gui.domain.dates import full_date
from runstrong_gui.domain.enums import DoseKind, SessionKind
from runstrong_gui.domain.models import Athlete
from runstrong_gui.domain.progression import phase_caption
from runstrong_gui.export.documents import LogSheetData, SessionPlan
from runstrong_gui.export.pdf.common import GRID, grid_table, table_style, title_block
from runstrong_gui.export.pdf.layout import Output, PageSize, Paragraph, build, page
from runstrong_gui.export.pdf.styles import MUTED, MUTED_HEX, RULE, SHADE, Styles, stylesheet
from runstrong_gui.export.pdf.text import (
    SEP,
    dose_short,
    duration,
    esc,
    session_minutes,
    sorted_days,
    sorted_items,
    sorted_sessions,
)
from runstrong_gui.tuning import one_burst

CELL_PADDING = 5  # grid_table's left and right padding
MAX_SET_COLUMNS = 5  # more sets continue on a second row of the same exercise
ROW_HEIGHT = 8.5 * mm  # room to write a number by hand
INTRO = (
    "For every set write what you actually did: the reps (or seconds), the load, and your "
    "pain from 0 (none) to 10 (worst imaginable). Grey boxes are not planned. Stop and get "
    "advice if the pain is sharp, in a joint, gets worse while you exercise or lasts more "
    "than 48 hours."
)


@one_burst
def render_log_sheet(data: LogSheetData, out: Output, pagesize: PageSize = "A4") -> None:
    """Write a fill-in log for every strength session in ``data`` (portrait)."""
    styles = stylesheet()
    pg = page(pagesize)
    athlete = data.athlete
    sessions = [
        (week, plan)
        for week, days in sorted(data.weeks, key=lambda w: w[0])
        for day in sorted_days(days)
        for plan in sorted_sessions(day)
        if plan.session.kind is SessionKind.STRENGTH
    ]
    weeks = sorted({week for week, _ in sessions})
    span = (
        f"Week {weeks[0]}"
        if len(weeks) == 1
        else (f"Weeks {weeks[0]}–{weeks[-1]}" if weeks else "No weeks")
    )
    story: list[Flowable] = title_block(
        f"Training log · {athlete.name}", f"{span} · {len(sessions)} strength sessions", styles
    )
    story += [Paragraph(INTRO, styles.small), Spacer(1, 10)]
    if not sessions:
        story.append(Paragraph("No strength sessions are planned in these weeks.", styles.body))
    for week, plan in sessions:
        story += [_session(athlete, week, plan, pg.frame_width, styles), Spacer(1, 16)]
    build(
        story,
        out,
        page=pg,
        title=f"Training log for {athlete.name}",
        footer=f"{athlete.name} · training log",
        what="log sheet",
    )


def _session(
    athlete: Athlete, week: int, plan: SessionPlan, width: float, styles: Styles
) -> Flowable:
    s = plan.session
    minutes = session_minutes(plan)
    title = full_date(s.date) + (f" · {esc(s.title)}" if s.title else "")
    about = [phase_caption(athlete, week)] + ([f"about {duration(minutes)}"] if minutes else [])
    parts: list[Flowable] = [
        Paragraph(title, styles.h3),
        Paragraph(esc(SEP.join(about)), styles.small),
    ]
    if s.notes.strip():
        parts.append(Paragraph(esc(s.notes), styles.small))
    parts += [
        Spacer(1, 5),
        _grid(athlete, plan, width, styles),
        Spacer(1, 8),
        _feedback(width, styles),
    ]
    return KeepTogether(parts)


def _amount_label(kinds: Sequence[DoseKind]) -> str:
    if kinds and all(k is DoseKind.REPS for k in kinds):
        return "reps"
    if kinds and all(k is DoseKind.SECONDS for k in kinds):
        return "secs"
    return "done"


def _grid(athlete: Athlete, plan: SessionPlan, width: float, styles: Styles) -> Flowable:
    items = sorted_items(plan.items)
    if not items:
        return Paragraph("No exercises in this session yet.", styles.body)
    sets_cols = max(1, min(MAX_SET_COLUMNS, max(i.planned.sets for i in items)))
    dose_w = 28 * mm
    name_w = min(50 * mm, max(36 * mm, width - dose_w - 3 * sets_cols * 28))
    box_w = (width - name_w - dose_w) / (3 * sets_cols)
    amount = _amount_label([i.exercise.dose_kind for i in items])
    units = athlete.units.value
    head1: list[object] = [
        Paragraph("Exercise", styles.cell_head),
        Paragraph("Planned", styles.cell_head),
    ]
    head2: list[object] = ["", ""]
    extra: list[tuple[object, ...]] = [
        ("SPAN", (0, 0), (0, 1)),
        ("SPAN", (1, 0), (1, 1)),
        ("FONT", (2, 1), (-1, 1), "DejaVuSans", 7),
        ("ALIGN", (2, 1), (-1, 1), "CENTER"),
        ("TOPPADDING", (2, 1), (-1, 1), 1),
        ("BOTTOMPADDING", (2, 1), (-1, 1), 3),
    ]
    for n in range(sets_cols):
        col = 2 + 3 * n
        head1 += [Paragraph(f"Set {n + 1}", styles.cell_head_center), "", ""]
        head2 += [amount, units, "pain"]
        extra.append(("SPAN", (col, 0), (col + 2, 0)))
        if n:
            extra.append(("LINEBEFORE", (col, 0), (col, -1), 1, MUTED))
    rows: list[list[object]] = [head1, head2]
    heights: list[float | None] = [None, None]
    for item in items:
        total = item.planned.sets
        for first in range(0, total, sets_cols):
            if first == 0:
                name = Paragraph(esc(item.exercise.name), styles.cell_bold)
                dose = dose_short(item.exercise, item.planned, athlete.units)
                if item.planned.tempo:
                    tempo = esc(item.planned.tempo)
                    dose += f"<br/><font color='{MUTED_HEX}'>tempo {tempo}</font>"
                planned: object = Paragraph(dose, styles.cell)
            else:
                last = min(total, first + sets_cols)
                name = Paragraph(
                    f"<font color='{MUTED_HEX}'>sets {first + 1}–{last}</font>", styles.cell
                )
                planned = ""
            row = len(rows)
            rows.append([name, planned] + [""] * (3 * sets_cols))
            heights.append(max(ROW_HEIGHT, _height(name, name_w), _height(planned, dose_w)))
            unused = total - first
            if unused < sets_cols:
                extra.append(("BACKGROUND", (2 + 3 * unused, row), (-1, row), SHADE))
    return grid_table(
        rows,
        [name_w, dose_w] + [box_w] * (3 * sets_cols),
        header_rows=2,
        extra=extra,
        rowHeights=heights,
    )


def _height(cell: object, width: float) -> float:
    """The height a cell's paragraph needs, paddings included (rows never shrink below it)."""
    if not isinstance(cell, Paragraph):
        return 0.0
    return float(cell.wrap(width - 2 * CELL_PADDING, 10_000)[1]) + 9


def _feedback(width: float, styles: Styles) -> Table:
    """Lines to write the date and how the session felt."""
    label_w = 22 * mm
    rows = [
        [Paragraph("Date done", styles.label), "", Paragraph("How did it feel?", styles.label), ""],
        ["", "", "", ""],
    ]
    table = Table(
        rows,
        colWidths=[label_w, 40 * mm, 30 * mm, width - label_w - 70 * mm],
        rowHeights=[7 * mm, 7 * mm],
    )
    table.setStyle(
        table_style(
            [
                ("LINEBELOW", (1, 0), (1, 0), GRID, RULE),
                ("LINEBELOW", (3, 0), (3, 0), GRID, RULE),
                ("LINEBELOW", (0, 1), (-1, 1), GRID, RULE),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table
