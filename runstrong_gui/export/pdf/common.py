"""Flowables more than one document uses: lists, tables, the title block, the safety box."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    Flowable,
    Table,
    TableStyle,
)

from runstrong_gui.export.pdf.fonts import BOLD, FONT
from runstrong_gui.export.pdf.layout import Paragraph
from runstrong_gui.export.pdf.styles import ACCENT, ACCENT_TINT, RULE, WHITE, Styles
from runstrong_gui.export.pdf.text import esc

GRID = 0.5  # width of table rules


def table_style(commands: Sequence[tuple[object, ...]]) -> TableStyle:
    """A TableStyle whose cells use the embedded font, not ReportLab's default Helvetica."""
    return TableStyle([("FONT", (0, 0), (-1, -1), FONT, 8.5), *commands])


def _list_style(styles: Styles, name: str, indent: float, bullet_at: float) -> ParagraphStyle:
    font = BOLD if name == "numbered" else FONT
    return ParagraphStyle(
        f"{styles.list_item.name}_{name}",
        parent=styles.list_item,
        leftIndent=indent,
        bulletIndent=bullet_at,
        bulletFontName=font,
        bulletFontSize=9,
        bulletColor=ACCENT,
    )


def _items(
    texts: Sequence[str], style: ParagraphStyle, marks: Sequence[str], gap: float
) -> list[Flowable]:
    """One paragraph per item with its number or bullet hung in the left margin.

    Plain paragraphs with ReportLab's bullet text, not a ListFlowable: that one deep-copies
    its style for every item and wraps every item several times, a quarter of a handout's
    build time.
    """
    out: list[Flowable] = []
    for i, (text, mark) in enumerate(zip(texts, marks, strict=True)):
        item = Paragraph(esc(text), style, bulletText=mark)
        item.spaceBefore = 1 if i == 0 else 0
        item.spaceAfter = gap
        out.append(item)
    return out


def numbered(texts: Sequence[str], styles: Styles) -> list[Flowable]:
    """User texts as a numbered list (1. 2. 3.), escaped."""
    style = _list_style(styles, "numbered", 16, 0)
    return _items(texts, style, [f"{n}." for n in range(1, len(texts) + 1)], 2)


def bullets(texts: Sequence[str], styles: Styles) -> list[Flowable]:
    """Plain texts (escaped here) as a bulleted list."""
    style = _list_style(styles, "bullets", 13, 2)
    return _items(texts, style, ["•"] * len(texts), 1)


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


# The stop-if guidance, in our own words (the same rule as domain/pain.py).
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
    """The pain guidance in a tinted box with an accent bar on its left.

    What is normal beside the warning signs: half the height of one column, so the box
    rarely needs a page of its own.
    """
    pad = 12
    inner = width - 2 * pad - 3
    normal: list[Flowable] = [Paragraph(NORMAL_TEXT, styles.body)]
    stop: list[Flowable] = [Paragraph(STOP_INTRO, styles.body), *bullets(WARNING_SIGNS, styles)]
    box = Table([[normal, stop]], colWidths=[inner * 0.4 + pad, inner * 0.6 + pad + 3])
    box.setStyle(
        table_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), ACCENT_TINT),
                ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, -1), pad),
                ("RIGHTPADDING", (0, 0), (0, -1), pad),
                ("LEFTPADDING", (1, 0), (1, -1), 0),
                ("RIGHTPADDING", (1, 0), (1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
            ]
        )
    )
    return box
