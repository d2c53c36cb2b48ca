"""Pages, footers and output shared by every document.

Each document is built into memory and only then written, so a layout failure
never leaves half a file behind; files are created user-only.
"""

from __future__ import annotations

import functools
import io
import os
import tempfile
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import FILL_NON_ZERO, Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, Image, PageTemplate
from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaFrag, ParaParser

from runstrong_gui.export.errors import ExportError
from runstrong_gui.export.pdf.fonts import FONT, register_fonts
from runstrong_gui.export.pdf.styles import MUTED, RULE

PageSize = Literal["A4", "Letter"]
Output = Path | str | BinaryIO

_SIZES = {"A4": A4, "LETTER": LETTER}
MARGIN = 16 * mm
FOOTER_GAP = 9 * mm  # between the frame's bottom and the page edge, below MARGIN


_CANNOT_FIT = 0x7FFFFFFF  # the height ReportLab answers for a width too small to use


class Paragraph(_Paragraph):
    """ReportLab's paragraph, with two shortcuts that change nothing on the page.

    Plain text (no ``<`` or ``&``, so no tags and no entities: most steps, cues and
    names) skips ReportLab's markup parser, which ran a full HTML parse for each
    paragraph (a fifth of a handout's build time): its one run of text takes the
    attributes the parser gives the style (see :func:`_plain_frags`).

    Asked again for the width it was just laid out at, it answers without breaking its
    lines again. Keeping an exercise together on a page makes ReportLab lay out each of
    its paragraphs once to measure the block and again to place it; the lines only
    depend on the width, so the second pass was a third of a handout's build time for
    nothing.
    """

    _wrapped_at: float | None = None

    def __init__(
        self,
        text: str,
        style: ParagraphStyle | None = None,
        bulletText: Any = None,
        frags: list[ParaFrag] | None = None,
        caseSensitive: int = 1,
        encoding: str = "utf8",
    ) -> None:
        if frags is None and style is not None and "<" not in text and "&" not in text:
            text = cleanBlockQuotedText(text)
            frags = _plain_frags(text, style) if text else None
        super().__init__(text, style, bulletText, frags, caseSensitive, encoding)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # split() throws the lines away when it moves the paragraph to the next page.
        if availWidth == self._wrapped_at and "blPara" in self.__dict__:
            return self.width, self.height
        self._wrapped_at = None
        width, height = super().wrap(availWidth, availHeight)
        if height != _CANNOT_FIT:
            self._wrapped_at = availWidth
        return width, height


_style_runs: weakref.WeakKeyDictionary[ParagraphStyle, tuple[tuple[Any, ...], ParaFrag]] = (
    weakref.WeakKeyDictionary()
)


def _style_key(style: ParagraphStyle) -> tuple[Any, ...]:
    return (style.fontName, style.fontSize, style.textColor, style.textTransform)


def _plain_frags(text: str, style: ParagraphStyle) -> list[ParaFrag]:
    """What ReportLab's parser makes of ``text`` already cleaned of extra white space and
    free of markup: one run in the style's font, size and colour.

    The run's attributes come from the parser itself, asked once per style (and again
    if the style's font changes), so they stay whatever this ReportLab version sets.
    """
    key = _style_key(style)
    known = _style_runs.get(style)
    if known is None or known[0] != key:
        _, parsed, _ = ParaParser().parse("x", style)
        known = key, parsed[0]
        _style_runs[style] = known
    run = known[1].clone(text=text, link=[], us_lines=[])  # own lists, as each parse has
    frags = [run]
    textTransformFrags(frags, style)
    return frags


@dataclass(frozen=True)
class Page:
    """A page size with the frame the story flows into."""

    width: float
    height: float
    margin: float = MARGIN

    @property
    def frame_width(self) -> float:
        return self.width - 2 * self.margin

    @property
    def frame_height(self) -> float:
        return float(self.height - 2 * self.margin - FOOTER_GAP)


def page(pagesize: PageSize, *, wide: bool = False) -> Page:
    """The page for "A4" or "Letter"; ``wide`` turns it to landscape."""
    size = _SIZES.get(str(pagesize).upper())
    if size is None:
        raise ValueError(f"pagesize must be 'A4' or 'Letter', not {pagesize!r}")
    width, height = landscape(size) if wide else size
    return Page(width, height, MARGIN if not wide else 13 * mm)


class _FooterCanvas(Canvas):
    """Holds pages back until the end so every footer can say 'Page N of M'."""

    def __init__(
        self, *args: Any, footer_text: str = "", margin: float = MARGIN, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._footer_text = footer_text
        self._margin = margin
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        for state in self._held:
            self.__dict__.update(state)
            self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        width, _ = self._pagesize
        margin = self._margin
        y = margin + 2
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(margin, y + 10, width - margin, y + 10)
        self.setFont(FONT, 8)
        self.setFillColor(MUTED)
        right = f"Page {self._pageNumber} of {total}"
        self.drawRightString(width - margin, y, right)
        room = width - 2 * margin - stringWidth(right, FONT, 8) - 24
        self.drawString(margin, y, fit_text(self._footer_text, FONT, 8, room))
        self.restoreState()


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """``text`` on one line, cut with an ellipsis when wider than ``width``."""
    text = " ".join(text.split())
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def build(
    story: Sequence[Flowable],
    out: Output,
    *,
    page: Page,
    title: str,
    footer: str,
    author: str = "",
    what: str = "document",
) -> None:
    """Lay ``story`` out on ``page`` pages and write the PDF to ``out``.

    ``what`` names the document in error messages ("handout", "week plan" ...).
    """
    register_fonts()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(page.width, page.height),
        title=title,
        author=author,
        creator="RunStrong",
        initialFontName=FONT,  # else every page also references Helvetica
        leftMargin=page.margin,
        rightMargin=page.margin,
        topMargin=page.margin,
        bottomMargin=page.margin + FOOTER_GAP,
    )
    frame = Frame(
        page.margin,
        page.margin + FOOTER_GAP,
        page.frame_width,
        page.frame_height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])

    def canvas_maker(*args: Any, **kwargs: Any) -> _FooterCanvas:
        return _FooterCanvas(*args, footer_text=footer, margin=page.margin, **kwargs)

    try:
        doc.build(list(story), canvasmaker=canvas_maker)
    except LayoutError as exc:
        raise ExportError(
            f"The {what} could not be laid out: one part of it is too large to fit on a page. "
            "Shorten the longest text or split the session, then try again."
        ) from exc
    write(buffer.getvalue(), out)


def write(data: bytes, out: Output) -> None:
    """Write the PDF to a binary stream, or to a file (user-only, replaced atomically)."""
    if not isinstance(out, (str, os.PathLike)):
        out.write(data)
        return
    path = Path(out)
    tmp: str | None = None
    try:
        # mkstemp: a fresh name, created exclusively (O_EXCL, no symlink followed), 0600;
        # a predictable name could be a planted symlink that the PDF would overwrite.
        fd, tmp = tempfile.mkstemp(prefix=".runstrong-", suffix=".pdf.part", dir=path.parent)
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise ExportError(f"Could not save the PDF to {path}: {exc.strerror or exc}.") from exc


def image(path: str | None, max_width: float, max_height: float) -> Image | None:
    """A picture scaled to fit the box, or None when there is none or it can't be read."""
    if not path:
        return None
    try:
        reader = ImageReader(path)
        width, height = reader.getSize()
    except Exception:  # missing, unreadable or not an image: print without it
        return None
    if width <= 0 or height <= 0:
        return None
    scale = min(max_width / width, max_height / height)
    return Image(path, width * scale, height * scale)


@functools.lru_cache(maxsize=128)
def _qr_modules(url: str, size: float) -> tuple[tuple[float, float, float, float], ...]:
    """The dark modules of the QR symbol as (x, y, w, h) rectangles, encoded once per URL.

    QrCodeWidget encodes and merges runs of modules (slow, so once per URL); its Drawing
    is taken apart here because rendering it through renderPDF costs far more per code
    than one filled path of the same rectangles.
    """
    widget = QrCodeWidget(url, barLevel="M", barWidth=size, barHeight=size, barBorder=0)
    drawing = Drawing(size, size)
    drawing.add(widget.draw())
    rects: list[tuple[float, float, float, float]] = []
    stack: list[Any] = [drawing]
    while stack:
        node = stack.pop()
        if isinstance(node, Rect):
            if node.fillColor is not None:
                rects.append((node.x, node.y, node.width, node.height))
        else:
            stack.extend(getattr(node, "contents", ()))
    return tuple(rects)


class QrCode(Flowable):
    """A QR code of ``url`` that is also a clickable link in a PDF viewer.

    Drawn without its quiet zone: the white page around it serves as one.
    """

    def __init__(self, url: str, size: float) -> None:
        super().__init__()
        self.url = url
        self.size = size
        self._modules = _qr_modules(url, size)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        canvas = self.canv
        path = canvas.beginPath()
        for x, y, w, h in self._modules:
            path.rect(x, y, w, h)
        canvas.saveState()
        canvas.setFillColor(colors.black)
        canvas.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
        canvas.restoreState()
        canvas.linkURL(self.url, (0, 0, self.size, self.size), relative=1)


QR_MAX_BYTES = 300
"""Longer URLs make a code too dense to scan at handout size; the printed link remains."""


def qr_code(url: str | None, size: float) -> QrCode | None:
    """The QR flowable, or None when there is no URL or it is too long to scan when printed."""
    if not url or len(url.encode("utf-8")) > QR_MAX_BYTES:
        return None
    try:
        return QrCode(url, size)
    except Exception:  # the encoder refuses over-long data; the link text still prints
        return None
