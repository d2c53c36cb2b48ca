"""Reading rendered PDFs back: text per page, fonts, links, text positions."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader
from pypdf.generic import DictionaryObject


def render(fn: Callable[..., None], data: Any, pagesize: str = "A4") -> PdfReader:
    buffer = io.BytesIO()
    fn(data, buffer, pagesize)
    buffer.seek(0)
    return PdfReader(buffer)


def texts(reader: PdfReader) -> list[str]:
    """Each page's text, non-breaking spaces made plain and runs of spaces collapsed."""
    return [" ".join(p.extract_text().replace("\xa0", " ").split(" ")) for p in reader.pages]


def flat(text: str) -> str:
    """Text with line breaks removed, for phrases a narrow column may have wrapped."""
    return " ".join(text.split())


def fonts(reader: PdfReader) -> list[list[tuple[str, bool]]]:
    """Per page: (base font name, has an embedded TrueType file) for each font resource."""
    out = []
    for page in reader.pages:
        entries = []
        for ref in page["/Resources"].get("/Font", {}).values():
            font: DictionaryObject = ref.get_object()
            desc = font.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in font:
                desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            embedded = desc is not None and "/FontFile2" in desc.get_object()
            entries.append((str(font.get("/BaseFont")), embedded))
        out.append(entries)
    return out


def link_uris(reader: PdfReader) -> list[str]:
    uris = []
    for page in reader.pages:
        for annot in page.get("/Annots", []) or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    return uris


@dataclass(frozen=True)
class Run:
    """A run of text as placed on the page."""

    x: float
    y: float
    size: float
    text: str
    font: str  # the registered name, e.g. "DejaVuSans-Bold"


def runs(reader: PdfReader, index: int) -> list[Run]:
    found: list[Run] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip():
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            base = str(font.get("/BaseFont", "")) if font else ""
            name = base.lstrip("/").split("+", 1)[-1]
            found.append(Run(x, y, size * scale, text.strip(), name))

    reader.pages[index].extract_text(visitor_text=visit)
    return found
