"""The one stylesheet of every RunStrong PDF: a single accent colour, light grey rules."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle

from runstrong_gui.export.pdf.fonts import BOLD, FONT, ITALIC, register_fonts

ACCENT_HEX = "#1B6E8A"  # the one accent colour; the hex forms serve inline <font> markup
MUTED_HEX = "#5F6770"
ACCENT = colors.HexColor(ACCENT_HEX)
ACCENT_TINT = colors.HexColor("#E7F1F5")
TEXT = colors.HexColor("#1F2328")
MUTED = colors.HexColor(MUTED_HEX)
RULE = colors.HexColor("#CDD2D8")
SHADE = colors.HexColor("#F3F4F6")
WHITE = colors.white


def _style(
    name: str,
    size: float,
    *,
    font: str = FONT,
    leading: float | None = None,
    color: colors.Color = TEXT,
    **kw: object,
) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=font,
        fontSize=size,
        leading=leading or round(size * 1.35, 1),
        textColor=color,
        splitLongWords=1,
        **kw,
    )


@dataclass(frozen=True)
class Styles:
    """Named paragraph styles; sizes are points."""

    title: ParagraphStyle
    subtitle: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    dose: ParagraphStyle
    label: ParagraphStyle
    small: ParagraphStyle
    small_italic: ParagraphStyle
    list_item: ParagraphStyle
    clinic: ParagraphStyle
    contact: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_center: ParagraphStyle
    dose_cell: ParagraphStyle


@functools.cache
def stylesheet() -> Styles:
    """The shared styles (fonts are registered first, as the styles name them)."""
    register_fonts()
    return Styles(
        title=_style("title", 19, font=BOLD, leading=24, color=ACCENT, spaceAfter=2),
        subtitle=_style("subtitle", 10.5, color=MUTED, spaceAfter=10),
        h2=_style(
            "h2",
            13.5,
            font=BOLD,
            leading=18,
            color=ACCENT,
            spaceBefore=14,
            spaceAfter=6,
            keepWithNext=1,
        ),
        h3=_style("h3", 11.5, font=BOLD, leading=15, spaceAfter=1, keepWithNext=1),
        body=_style("body", 9.5, leading=13.5),
        dose=_style("dose", 10, font=BOLD, leading=14, color=ACCENT, spaceAfter=5, keepWithNext=1),
        label=_style(
            "label",
            8,
            font=BOLD,
            leading=11,
            color=MUTED,
            spaceBefore=5,
            spaceAfter=1,
            keepWithNext=1,
        ),
        small=_style("small", 8, leading=10.5, color=MUTED),
        small_italic=_style("small_italic", 8.5, font=ITALIC, leading=12, color=MUTED),
        list_item=_style("list_item", 9.5, leading=13.5),
        clinic=_style("clinic", 15, font=BOLD, leading=19, color=ACCENT),
        contact=_style("contact", 8.5, leading=11.5, color=MUTED),
        cell=_style("cell", 8.5, leading=11),
        cell_bold=_style("cell_bold", 8.5, font=BOLD, leading=11),
        cell_head=_style("cell_head", 8.5, font=BOLD, leading=11, color=WHITE),
        cell_head_center=_style(
            "cell_head_center", 8.5, font=BOLD, leading=11, color=WHITE, alignment=TA_CENTER
        ),
        dose_cell=_style("dose_cell", 8, leading=10, alignment=TA_CENTER),
    )


@dataclass(frozen=True)
class CardStyles:
    """Styles of the week plan's day cards, scaled together so a full week can shrink."""

    size: float
    head: ParagraphStyle
    title: ParagraphStyle
    text: ParagraphStyle
    item: ParagraphStyle
    muted: ParagraphStyle


@functools.cache
def card_styles(size: float) -> CardStyles:
    register_fonts()
    return CardStyles(
        size=size,
        head=_style(f"card_head_{size}", size + 1, font=BOLD, color=WHITE, alignment=TA_CENTER),
        title=_style(f"card_title_{size}", size + 0.5, font=BOLD),
        text=_style(f"card_text_{size}", size, leading=round(size * 1.28, 1)),
        item=_style(
            f"card_item_{size}",
            size,
            leading=round(size * 1.28, 1),
            spaceBefore=round(size * 0.35, 1),
        ),
        muted=_style(
            f"card_muted_{size}", size - 0.5, color=MUTED, leading=round((size - 0.5) * 1.28, 1)
        ),
    )
