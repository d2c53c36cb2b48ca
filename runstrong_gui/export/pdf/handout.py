"""The therapist's handout: letterhead, the client's exercises, their week, when to stop."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import (
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
from runstrong_gui.export.pdf.styles import ACCENT, ACCENT_TINT, RULE, Styles, stylesheet
from runstrong_gui.export.pdf.text import (
    DAY_SHORT,
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

MEDIA_WIDTH = 46 * mm
MEDIA_GAP = 7 * mm
QR_SIZE = 25 * mm
NOTE_LIMIT = 160  # the schedule shows the start of a session's note


@one_burst
def render_handout(data: HandoutData, out: Output, pagesize: PageSize = "A4") -> None:
    """Write the client's handout as a PDF (portrait) to a path or a binary stream."""
    styles = stylesheet()
    pg = page(pagesize)
    athlete = data.athlete
    story: list[Flowable] = [
        *_letterhead(data.clinic, pg, styles),
        Paragraph("Your exercise programme", styles.title),
        Spacer(1, 6),
        _details(data, pg, styles),
        Paragraph("Your exercises", styles.h2),
    ]
    items = sorted_items(data.items)
    if not items:
        story.append(Paragraph("No exercises have been added yet.", styles.body))
    for number, item in enumerate(items, 1):
        story.append(_exercise(number, item, athlete.units, pg, styles))
        if number < len(items):
            story.append(
                HRFlowable(width="100%", thickness=0.5, color=RULE, spaceBefore=8, spaceAfter=10)
            )
    story.append(
        KeepTogether([Paragraph("When to stop", styles.h2), safety_box(styles, pg.frame_width)])
    )
    if data.schedule:
        story += [Paragraph("Your week", styles.h2), _schedule(data.schedule, pg, styles)]
    story += [Spacer(1, 10), Paragraph(esc(DISCLAIMER), styles.small_italic)]
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
        HRFlowable(width="100%", thickness=1.5, color=ACCENT, spaceBefore=8, spaceAfter=14),
    ]


def _details(data: HandoutData, pg: Page, styles: Styles) -> Table:
    """Client, therapist, date and goal in a tinted box."""
    rows = [
        ("Client", data.athlete.name),
        ("Therapist", data.therapist),
        ("Date", long_date(data.date)),
        ("Goal", data.goal),
    ]
    cells = [
        [Paragraph(label.upper(), styles.label), Paragraph(esc(value), styles.body)]
        for label, value in rows
        if value.strip()
    ]
    table = Table(cells, colWidths=[26 * mm, pg.frame_width - 26 * mm])
    table.setStyle(
        table_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), ACCENT_TINT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, 0), 8),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
            ]
        )
    )
    return table


def _exercise(number: int, item: ItemPlan, units: Units, pg: Page, styles: Styles) -> Flowable:
    ex, planned = item.exercise, item.planned
    head = [
        Paragraph(f"{number}.&nbsp;&nbsp;{esc(ex.name)}", styles.h3),
        Paragraph(esc(dose_line(ex, planned, units)), styles.dose),
    ]
    text: list[Flowable] = []
    if ex.steps:
        text += [Paragraph("HOW TO DO IT", styles.label), *numbered(ex.steps, styles)]
    if ex.cues:
        text += [Paragraph("KEEP IN MIND", styles.label), *bullets(ex.cues, styles)]
    if ex.stop_if:
        text += [Paragraph("STOP IF", styles.label), *bullets(ex.stop_if, styles)]
    notes = [n for n in (planned.notes.strip(), ex.notes.strip()) if n]
    if notes:
        text += [Paragraph("NOTE", styles.label)]
        text += [Paragraph(esc(n), styles.body) for n in notes]

    media: list[Flowable] = []
    picture = image(ex.image_path, MEDIA_WIDTH, 40 * mm)
    if picture is not None:
        media += [picture, Spacer(1, 8)]
    qr = qr_code(ex.video_url, QR_SIZE)
    if qr is not None:
        qr.hAlign = "LEFT"
        media += [qr, Spacer(1, 7), Paragraph("Scan for the video", styles.small)]
    if ex.video_url:
        url = esc_attr(ex.video_url)
        shown = esc(clip(ex.video_url, 120))  # the link keeps the whole address
        media.append(Paragraph(f'<link href="{url}">{shown}</link>', styles.small))
    if not media:
        return KeepTogether(head + text)
    body = Table(
        [[text, media]],
        colWidths=[pg.frame_width - MEDIA_WIDTH - MEDIA_GAP, MEDIA_WIDTH + MEDIA_GAP],
        splitInRow=1,
    )
    body.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (1, 0), (1, 0), MEDIA_GAP),
            ]
        )
    )
    return KeepTogether([*head, body])


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
