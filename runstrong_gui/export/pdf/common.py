"""Flowables more than one document uses: lists, tables, the title block, the safety box."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import (
    Flowable,
    ListFlowable,
    ListItem,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from runstrong_gui.export.pdf.fonts import BOLD, FONT
from runstrong_gui.export.pdf.styles import ACCENT, ACCENT_TINT, RULE, WHITE, Styles
from runstrong_gui.export.pdf.text import esc

GRID = 0.5  # width of table rules


def table_style(commands: Sequence[tuple[object, ...]]) -> TableStyle:
    """A TableStyle whose cells use the embedded font, not ReportLab's default Helvetica."""
    return TableStyle([("FONT", (0, 0), (-1, -1), FONT, 8.5), *commands])


def numbered(texts: Sequence[str], styles: Styles) -> ListFlowable:
    """User texts as a numbered list (1. 2. 3.), escaped."""
    return ListFlowable(
        [ListItem(Paragraph(esc(t), styles.list_item), spaceAfter=2) for t in texts],
        bulletType="1",
        bulletFormat="%s.",
        bulletFontName=BOLD,
        bulletFontSize=9,
        bulletColor=ACCENT,
        leftIndent=16,
        bulletDedent=16,
        spaceBefore=1,
    )


def bullets(texts: Sequence[str], styles: Styles) -> ListFlowable:
    """Plain texts (escaped here) as a bulleted list."""
    return ListFlowable(
        [ListItem(Paragraph(esc(t), styles.list_item), spaceAfter=1) for t in texts],
        bulletType="bullet",
        start="•",
        bulletFontName=FONT,
        bulletFontSize=9,
        bulletColor=ACCENT,
        leftIndent=13,
        bulletDedent=11,
        spaceBefore=1,
    )


def title_block(title: str, subtitle: str, styles: Styles) -> list[Flowable]:
    """The document title and subtitle, plain text (names in them are escaped here)."""
    return [Paragraph(esc(title), styles.title), Paragraph(esc(subtitle), styles.subtitle)]


def grid_table(
    rows: list[list[object]],
    widths: Sequence[float],
    *,
    header_rows: int = 1,
    extra: Sequence[tuple[object, ...]] = (),
    **kwargs: object,
) -> Table:
    """A table with an accent header, light grey rules and roomy cells; it repeats its header."""
    table = Table(rows, colWidths=list(widths), repeatRows=header_rows, **kwargs)
    style: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), GRID, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    if header_rows:
        style += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), ACCENT),
            ("TEXTCOLOR", (0, 0), (-1, header_rows - 1), WHITE),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), GRID, ACCENT),
        ]
    table.setStyle(table_style([*style, *extra]))
    return table


# The stop-if guidance, in our own words (DOMAIN.md, Pain guidance).
NORMAL_TEXT = (
    "<b>Normal:</b> tired muscles while you exercise, and mild soreness for a day or two "
    "afterwards. After a new exercise the soreness can peak about two days later."
)
STOP_INTRO = "<b>Stop, rest and have it checked</b> by your therapist or doctor if you notice:"
WARNING_SIGNS = (
    "sharp pain, or pain in a joint",
    "pain that gets worse while you do an exercise",
    "pain that is still there more than 48 hours later",
    "swelling, or you start to limp",
    "Achilles pain that is getting worse",
    "knee pain that does not settle within a day or two",
)
DISCLAIMER = (
    "Strength work supports your running and your recovery; it does not replace an "
    "assessment by a physiotherapist or doctor. If you are unsure whether an exercise "
    "is right for you, ask before you carry on."
)


def safety_box(styles: Styles, width: float) -> Table:
    """The pain guidance in a tinted box with an accent bar on its left."""
    content: list[Flowable] = [
        Paragraph(NORMAL_TEXT, styles.body),
        Spacer(1, 6),
        Paragraph(STOP_INTRO, styles.body),
        bullets(WARNING_SIGNS, styles),
    ]
    box = Table([[content]], colWidths=[width])
    box.setStyle(
        table_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), ACCENT_TINT),
                ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 12),
                ("RIGHTPADDING", (0, 0), (-1, -1), 12),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
            ]
        )
    )
    return box
