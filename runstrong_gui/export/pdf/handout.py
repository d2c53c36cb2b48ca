"""The therapist's handout: letterhead, the client's exercises, their week, when to stop."""

from __future__ import annotations

import dataclasses
import functools

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepTogether,
    Spacer,
    Table,
)

from runstrong_gui.domain.dates import long_date
from runstrong_gui.domain.enums import SessionKind, Units
from runstrong_gui.export.documents import ClinicInfo, DayPlan, HandoutData, ItemPlan
from runstrong_gui.export.pdf.common import (
    DISCLAIMER,
    bullets,
    grid_table,
    numbered,
    safety_box,
    table_style,
)
from runstrong_gui.export.pdf.layout import (
    Output,
    Page,
    PageSize,
    Paragraph,
    build,
    image,
    page,
    qr_code,
)
from runstrong_gui.export.pdf.styles import (
    ACCENT,
    ACCENT_HEX,
    ACCENT_TINT,
    Styles,
    stylesheet,
)
from runstrong_gui.export.pdf.text import (
    DAY_SHORT,
    NBSP,
    SEP,
    clip,
    dose_line,
    duration,
    esc,
    esc_attr,
    run_details,
    session_minutes,
    short_date,
    sorted_days,
    sorted_items,
    sorted_sessions,
)
from runstrong_gui.tuning import one_burst

MEDIA_WIDTH = 30 * mm
MEDIA_GAP = 5 * mm
PICTURE_HEIGHT = 30 * mm
QR_SIZE = 22 * mm  # about 0.6 mm a module for a typical video link: still scans when printed
COLUMN_GAP = 6 * mm
STEPS_SHARE = 0.55  # of the text's width; the steps are usually the longer half
START_ROOM = 32 * mm  # an exercise starts on a new page rather than in less room than this
NOTE_LIMIT = 160  # the schedule shows the start of a session's note


@functools.cache
def _compact() -> Styles:
    """The shared styles a little tighter: two text columns at 9 pt, short gaps."""
    base = stylesheet()
    return dataclasses.replace(
        base,
        body=base.body.clone("handout_body", fontSize=9, leading=12),
        list_item=base.list_item.clone("handout_item", fontSize=9, leading=12),
        label=base.label.clone("handout_label", spaceBefore=4, keepWithNext=0),
        # kept with what follows by room checks instead: keepWithNext moves a whole table
        h2=base.h2.clone("handout_h2", spaceBefore=10, spaceAfter=5, keepWithNext=0),
        h3=base.h3.clone("handout_h3", spaceAfter=0, keepWithNext=0),
    )


@one_burst
def render_handout(data: HandoutData, out: Output, pagesize: PageSize = "A4") -> None:
    """Write the client's handout as a PDF (portrait) to a path or a binary stream."""
    styles = _compact()
    pg = page(pagesize)
    athlete = data.athlete
    story: list[Flowable] = [
        *_letterhead(data.clinic, pg, styles),
        Paragraph("Your exercise programme", styles.title),
        Spacer(1, 4),
        _details(data, pg, styles),
        Paragraph("Your exercises", styles.h2),
    ]
    items = sorted_items(data.items)
    if not items:
        story.append(Paragraph("No exercises have been added yet.", styles.body))
    for number, item in enumerate(items, 1):
        if number > 1:
            story.append(Spacer(1, 7))
        story += _exercise(number, item, athlete.units, pg, styles)
    story.append(
        KeepTogether([Paragraph("When to stop", styles.h2), safety_box(styles, pg.frame_width)])
    )
    if data.schedule:  # the table may continue overleaf, under its repeated header
        heading = Paragraph("Your week", styles.h2)
        story += [CondPageBreak(START_ROOM), heading, _schedule(data.schedule, pg, styles)]
    story += [Spacer(1, 8), Paragraph(esc(DISCLAIMER), styles.small_italic)]
    footer = f"{athlete.name} · exercise programme" + (
        f" from {data.clinic.name}" if data.clinic.name.strip() else ""
    )
    build(
        story,
        out,
        page=pg,
        title=f"Exercise programme for {athlete.name}",
        footer=footer,
        author=data.therapist or data.clinic.name,
        what="handout",
    )


def _letterhead(clinic: ClinicInfo, pg: Page, styles: Styles) -> list[Flowable]:
    text: list[Flowable] = [Paragraph(esc(clinic.name), styles.clinic)]
    if clinic.contact.strip():
        text.append(Paragraph(esc(clinic.contact.strip()), styles.contact))
    logo = image(clinic.logo_path, 45 * mm, 18 * mm)
    if logo is None:
        head: Flowable = Table([[text]], colWidths=[pg.frame_width])
    else:
        logo.hAlign = "LEFT"
        head = Table(
            [[logo, text]],
            colWidths=[logo.drawWidth + 6 * mm, pg.frame_width - logo.drawWidth - 6 * mm],
        )
    head.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [
        head,
        HRFlowable(width="100%", thickness=1.5, color=ACCENT, spaceBefore=6, spaceAfter=10),
    ]


def _details(data: HandoutData, pg: Page, styles: Styles) -> Table:
    """Client, therapist and date two to a row, the goal across, in a tinted box."""
    pairs: list[list[object]] = [
        [Paragraph(label.upper(), styles.label), Paragraph(esc(value), styles.body)]
        for label, value in (
            ("Client", data.athlete.name),
            ("Therapist", data.therapist),
            ("Date", long_date(data.date)),
        )
        if value.strip()
    ]
    if len(pairs) % 2:
        pairs.append(["", ""])
    cells: list[list[object]] = [pairs[i] + pairs[i + 1] for i in range(0, len(pairs), 2)]
    spans: list[tuple[object, ...]] = []
    if data.goal.strip():
        goal = Paragraph(esc(data.goal), styles.body)
        cells.append([Paragraph("GOAL", styles.label), goal, "", ""])
        spans.append(("SPAN", (1, len(cells) - 1), (-1, len(cells) - 1)))
    label_w = 24 * mm
    value_w = (pg.frame_width - 2 * label_w) / 2
    table = Table(cells, colWidths=[label_w, value_w, label_w, value_w])
    table.setStyle(
        table_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), ACCENT_TINT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, 0), 6),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
                *spans,
            ]
        )
    )
    return table


def _exercise(
    number: int, item: ItemPlan, units: Units, pg: Page, styles: Styles
) -> list[Flowable]:
    """A tinted heading with the dose, then the steps beside the cues, stop signs and notes.

    One table whose body row may continue on the next page: keeping a whole exercise
    together left most of a page empty whenever the next one did not fit.
    """
    ex, planned = item.exercise, item.planned
    dose = esc(dose_line(ex, planned, units)).replace(" ", NBSP)  # wraps whole, after the name
    head = Paragraph(
        f"{number}.&nbsp;&nbsp;{esc(ex.name)}&nbsp;&nbsp; "
        f"<font color='{ACCENT_HEX}' size=9.5>{dose}</font>",
        styles.h3,
    )
    steps: list[Flowable] = []
    if ex.steps:
        steps += [Paragraph("HOW TO DO IT", styles.label), *numbered(ex.steps, styles)]
    side: list[Flowable] = []
    if ex.cues:
        side += [Paragraph("KEEP IN MIND", styles.label), *bullets(ex.cues, styles)]
    if ex.stop_if:
        side += [Paragraph("STOP IF", styles.label), *bullets(ex.stop_if, styles)]
    notes = [n for n in (planned.notes.strip(), ex.notes.strip()) if n]
    if notes:
        side += [Paragraph("NOTE", styles.label)]
        side += [Paragraph(esc(n), styles.body) for n in notes]
    if not steps:
        steps, side = side, []

    media: list[Flowable] = []
    picture = image(ex.image_path, MEDIA_WIDTH, PICTURE_HEIGHT)
    if picture is not None:
        picture.hAlign = "LEFT"
        media += [picture, Spacer(1, 6)]
    qr = qr_code(ex.video_url, QR_SIZE)
    if qr is not None:
        qr.hAlign = "LEFT"
        media += [qr, Spacer(1, 4), Paragraph("Scan for the video", styles.small)]
    if ex.video_url:
        url = esc_attr(ex.video_url)
        shown = esc(clip(ex.video_url, 120))  # the link keeps the whole address
        media.append(Paragraph(f'<link href="{url}">{shown}</link>', styles.small))

    text_w = pg.frame_width - (MEDIA_WIDTH + MEDIA_GAP if media else 0)
    body: list[object] = [steps]
    widths = [text_w]
    if side:  # else the steps take the whole width
        body.append(side)
        widths = [text_w * STEPS_SHARE, text_w * (1 - STEPS_SHARE)]
    if media:
        widths.append(MEDIA_WIDTH + MEDIA_GAP)
        body.append(media)
    last = len(widths) - 1
    commands: list[tuple[object, ...]] = [
        ("SPAN", (0, 0), (-1, 0)),
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT_TINT),
        ("LINEBELOW", (0, 0), (-1, 0), 1, ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("LEFTPADDING", (0, 0), (-1, 0), 6),
        ("TOPPADDING", (0, 0), (-1, 0), 4),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
        ("TOPPADDING", (0, 1), (-1, 1), 2),
    ]
    if side:
        commands += [
            ("RIGHTPADDING", (0, 1), (0, 1), COLUMN_GAP / 2),
            ("LEFTPADDING", (1, 1), (1, 1), COLUMN_GAP / 2),
        ]
    if media:
        commands.append(("LEFTPADDING", (last, 1), (last, 1), MEDIA_GAP))
    table = Table([[head] + [""] * last, body], colWidths=widths, splitInRow=1)
    table.setStyle(table_style(commands))
    return [CondPageBreak(START_ROOM), table]


def _schedule(days: tuple[DayPlan, ...], pg: Page, styles: Styles) -> Table:
    """A row per day: the runs and other activity, then the strength sessions."""
    rows: list[list[object]] = [
        [
            Paragraph("Day", styles.cell_head),
            Paragraph("Running and other activity", styles.cell_head),
            Paragraph("Strength", styles.cell_head),
        ]
    ]
    for day in sorted_days(days):
        runs: list[Flowable] = []
        strength: list[Flowable] = []
        for plan in sorted_sessions(day):
            s = plan.session
            if s.kind is SessionKind.STRENGTH:
                minutes = session_minutes(plan)
                head = f"<b>{esc(s.display_title)}</b>"
                if minutes:
                    head += f"{SEP}about {duration(minutes)}"
                strength.append(Paragraph(head, styles.cell))
                names = ", ".join(i.exercise.name for i in sorted_items(plan.items))
                if names:
                    strength.append(Paragraph(esc(names), styles.small))
            else:
                details = run_details(s)
                title = f"<b>{esc(s.display_title)}</b>"
                if s.title and s.title != s.kind.label:
                    title += f" ({esc(s.kind.label)})"
                runs.append(
                    Paragraph(title + (f"{SEP}{esc(details)}" if details else ""), styles.cell)
                )
            if s.notes.strip():
                (strength if s.kind is SessionKind.STRENGTH else runs).append(
                    Paragraph(esc(clip(s.notes, NOTE_LIMIT)), styles.small)
                )
        label = f"<b>{DAY_SHORT[day.date.weekday()]}</b> {short_date(day.date)}"
        rows.append([Paragraph(label, styles.cell), runs or "", strength or ""])
    day_w = 26 * mm
    rest = pg.frame_width - day_w
    return grid_table(rows, [day_w, rest * 0.45, rest * 0.55])
