"""One week on one landscape page, for the fridge: seven day columns of session cards."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from reportlab.platypus import Flowable, Spacer, Table

from runstrong_gui.domain.enums import SessionKind, Units
from runstrong_gui.domain.progression import phase_caption, week_dates
from runstrong_gui.export.documents import SessionPlan, WeekPlanData
from runstrong_gui.export.errors import ExportError
from runstrong_gui.export.pdf.common import GRID, table_style, title_block
from runstrong_gui.export.pdf.fonts import FONT
from runstrong_gui.export.pdf.layout import Output, PageSize, Paragraph, build, page
from runstrong_gui.export.pdf.styles import (
    ACCENT,
    ACCENT_HEX,
    ACCENT_TINT,
    RULE,
    SHADE,
    CardStyles,
    card_styles,
    stylesheet,
)
from runstrong_gui.export.pdf.text import (
    DAY_SHORT,
    SEP,
    clip,
    date_range,
    dose_short,
    duration,
    esc,
    run_details,
    session_minutes,
    short_date,
    sorted_items,
    sorted_sessions,
)
from runstrong_gui.tuning import one_burst

FONT_SIZES = (10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0)
"""Tried in turn until the week fits; below 6 pt a printed plan stops being readable."""
T = TypeVar("T")
NOTE_LIMIT = 160  # a card shows the start of a long note; the full note lives in the app
CELL_PAD = 4
CARD_PAD = 4
CARD_GAP = 4


@one_burst
def render_week_plan(data: WeekPlanData, out: Output, pagesize: PageSize = "A4") -> None:
    """Write one block week as a one-page landscape PDF.

    Raises ExportError when the week holds too much to fit one page even in the
    smallest type.
    """
    styles = stylesheet()
    pg = page(pagesize, wide=True)
    athlete = data.athlete
    dates = week_dates(athlete, data.week)
    by_date: dict[object, list[SessionPlan]] = {d: [] for d in dates}
    for day in data.days:
        if day.date not in by_date:
            raise ExportError(
                f"The week plan for week {data.week} was given a day ({day.date:%Y-%m-%d}) "
                f"outside that week ({dates[0]:%Y-%m-%d} to {dates[-1]:%Y-%m-%d})."
            )
        by_date[day.date].extend(sorted_sessions(day))

    header = title_block(
        f"Week plan · {athlete.name}",
        f"{phase_caption(athlete, data.week)} · {date_range(dates[0], dates[-1])}",
        styles,
    )
    header.append(Spacer(1, 2))
    used = sum(
        f.wrap(pg.frame_width, pg.frame_height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
        for f in header
    )
    room = pg.frame_height - used - 3  # a little slack for the frame's rounding
    col = pg.frame_width / 7

    def attempt(size: float) -> Table | None:
        """The grid in ``size`` type, stretched to the page foot, or None if too tall."""
        cards = card_styles(size)
        rows: list[list[object]] = [
            [
                Paragraph(
                    f"{DAY_SHORT[d.weekday()]}<br/>"
                    f"<font name='{FONT}' size={size - 0.5:g}>{short_date(d)}</font>",
                    cards.head,
                )
                for d in dates
            ],
            [_day_cell(by_date[d], athlete.units, col - 2 * CELL_PAD, cards) for d in dates],
        ]
        table = _grid(rows, col)
        if table.wrap(pg.frame_width, room)[1] > room:
            return None
        return _grid(rows, col, body_height=room - table._rowHeights[0])

    table = _largest_fitting(FONT_SIZES, attempt)
    if table is None:
        raise ExportError(
            f"Week {data.week} holds too much to print on one page, even in the smallest type. "
            "Move some exercises to another session or shorten the notes, then try again."
        )
    build(
        [*header, table],
        out,
        page=pg,
        title=f"Week plan for {athlete.name}, week {data.week}",
        footer=f"{athlete.name} · week plan · {phase_caption(athlete, data.week)}",
        what="week plan",
    )


def _largest_fitting(sizes: Sequence[float], attempt: Callable[[float], T | None]) -> T | None:
    """The result for the largest of ``sizes`` (descending) that fits, in few attempts.

    A normal week fits at the first size; a crowded one is bisected, and an
    impossible one is known after two attempts.
    """
    best = attempt(sizes[0])
    if best is not None or len(sizes) == 1:
        return best
    best = attempt(sizes[-1])
    if best is None:
        return None
    too_big, fits = 0, len(sizes) - 1
    while fits - too_big > 1:
        middle = (too_big + fits) // 2
        result = attempt(sizes[middle])
        if result is None:
            too_big = middle
        else:
            fits, best = middle, result
    return best


def _grid(rows: list[list[object]], col: float, body_height: float | None = None) -> Table:
    table = Table(rows, colWidths=[col] * 7, rowHeights=[None, body_height])
    table.setStyle(
        table_style(
            [
                ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
                ("GRID", (0, 1), (-1, -1), GRID, RULE),
                ("LINEAFTER", (0, 0), (-2, 0), GRID, ACCENT_TINT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
                ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD + 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD + 1),
            ]
        )
    )
    return table


def _day_cell(
    sessions: list[SessionPlan], units: Units, width: float, cards: CardStyles
) -> list[Flowable]:
    out: list[Flowable] = []
    for plan in sessions:
        if out:
            out.append(Spacer(1, CARD_GAP))
        out.append(_card(plan, units, width, cards))
    return out


def _card(plan: SessionPlan, units: Units, width: float, cards: CardStyles) -> Flowable:
    """A session as a small tinted card: a tick box, its title, what it asks for."""
    s = plan.session
    box = "☑" if s.done else "☐"
    if s.kind is SessionKind.REST:
        text: list[Flowable] = [Paragraph(esc(s.display_title), cards.muted)]
        if s.notes.strip():
            text.append(Paragraph(esc(clip(s.notes, NOTE_LIMIT)), cards.muted))
        return _boxed(text, width, None, None)
    text = [Paragraph(f"{box} <b>{esc(s.display_title)}</b>", cards.title)]
    if s.kind is SessionKind.STRENGTH:
        minutes = session_minutes(plan)
        if minutes:
            text.append(Paragraph(f"about {duration(minutes)}", cards.muted))
        for item in sorted_items(plan.items):
            dose = esc(dose_short(item.exercise, item.planned, units))
            text.append(
                Paragraph(
                    f"{esc(item.exercise.name)}<br/><font color='{ACCENT_HEX}'>{dose}</font>",
                    cards.item,
                )
            )
    else:
        details = run_details(s)
        if s.title and s.title != s.kind.label:
            details = s.kind.label + (f"{SEP}{details}" if details else "")
        if details:
            text.append(Paragraph(esc(details), cards.text))
    if s.notes.strip():
        text.append(Paragraph(esc(clip(s.notes, NOTE_LIMIT)), cards.muted))
    strength = s.kind is SessionKind.STRENGTH
    return _boxed(text, width, ACCENT_TINT if strength else SHADE, ACCENT if strength else None)


def _boxed(content: list[Flowable], width: float, fill: object, bar: object) -> Table:
    card = Table([[content]], colWidths=[width])
    style: list[tuple[object, ...]] = [
        ("LEFTPADDING", (0, 0), (-1, -1), CARD_PAD + (1 if bar else 0)),
        ("RIGHTPADDING", (0, 0), (-1, -1), CARD_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), CARD_PAD - 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CARD_PAD),
    ]
    if fill is not None:
        style.append(("BACKGROUND", (0, 0), (-1, -1), fill))
    if bar is not None:
        style.append(("LINEBEFORE", (0, 0), (0, -1), 2, bar))
    card.setStyle(table_style(style))
    return card
