"""The shortcuts that make a build quicker: the pages must come out exactly the same."""

from __future__ import annotations

import dataclasses
import gc
import io
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab import rl_config
from reportlab.platypus import Paragraph as ReportLabParagraph

from runstrong_gui.export.pdf import (
    layout,
    render_handout,
    render_log_sheet,
    render_programme,
    render_week_plan,
)
from runstrong_gui.export.pdf.styles import stylesheet
from tests.export import export_samples as samples

# Letters from several scripts, digits, the punctuation our texts use, and every kind of
# white space the cleaner folds (tabs, line breaks, no-break and thin spaces); no "<" or
# "&", which send a text through the parser.
PLAIN = st.text(
    alphabet=st.sampled_from(
        [*"abcXYZ019 .,;:-–—()'\"/×·•…°%+=?!éŁж", "\t", "\n", "\r", "\u00a0", "\u2009"]
    ),
    max_size=60,
)


def _runs(paragraph: Any) -> tuple[str, list[dict[str, Any]]]:
    return paragraph.text, [dict(vars(f)) for f in paragraph.frags]


@settings(max_examples=150, deadline=None)
@given(text=PLAIN, which=st.sampled_from([f.name for f in dataclasses.fields(type(stylesheet()))]))
def test_a_plain_text_gets_the_runs_the_parser_would_give_it(text: str, which: str) -> None:
    style = getattr(stylesheet(), which)
    assert _runs(layout.Paragraph(text, style)) == _runs(ReportLabParagraph(text, style))


def test_a_changed_style_is_asked_again() -> None:
    style = stylesheet().body.clone("changing")
    first = layout.Paragraph("Knee over toes", style).frags[0]
    style.fontSize = 14
    style.textTransform = "uppercase"
    second = layout.Paragraph("Knee over toes", style)
    assert first.fontSize != 14
    assert _runs(second) == _runs(ReportLabParagraph("Knee over toes", style))
    assert second.frags[0].text == "KNEE OVER TOES"


def test_a_paragraph_refused_at_a_page_end_still_draws_on_the_next_page() -> None:
    """Too little room for two lines: ReportLab's split drops the paragraph's lines and
    moves it on; wrapped again at the same width it must break them anew, not answer
    from the shortcut with no lines left to draw (a 15-week programme failed so)."""
    from reportlab.pdfgen.canvas import Canvas

    para = layout.Paragraph("Seated calf raise with load " * 4, stylesheet().cell)
    para.wrap(60, 1000)
    assert para.split(60, 12) == []  # one line's room: no orphan, it goes to the next page
    para.wrap(60, 1000)
    canvas = Canvas(io.BytesIO())
    para.drawOn(canvas, 0, 0)
    canvas.save()


@pytest.fixture
def same_bytes_every_time() -> Iterator[None]:
    """No creation date or random document id in the file, so two builds compare."""
    before = rl_config.invariant
    rl_config.invariant = 1
    try:
        yield
    finally:
        rl_config.invariant = before


DOCUMENTS: list[tuple[str, Callable[..., None], Callable[[], Any]]] = [
    ("handout", render_handout, samples.handout),
    ("week plan", render_week_plan, samples.week_plan),
    ("programme", render_programme, samples.programme),
    ("log sheet", render_log_sheet, samples.log_sheet),
]


@pytest.mark.parametrize(("name", "render", "data"), DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_every_document_is_byte_for_byte_what_the_parser_alone_makes(
    name: str,
    render: Callable[..., None],
    data: Callable[[], Any],
    same_bytes_every_time: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []
    plain_frags = layout._plain_frags

    def counted(text: str, style: Any) -> Any:
        asked.append(text)
        return plain_frags(text, style)

    monkeypatch.setattr(layout, "_plain_frags", counted)
    quick = io.BytesIO()
    render(data(), quick)
    assert len(asked) > 10  # most of the document's text took the short way
    monkeypatch.setattr(layout.Paragraph, "__init__", ReportLabParagraph.__init__)
    parsed = io.BytesIO()
    render(data(), parsed)
    assert quick.getvalue() == parsed.getvalue(), name
    assert len(quick.getvalue()) > 5000


# The cycle collector during a build ---------------------------------------------------


def test_a_build_runs_without_collector_pauses_and_leaves_no_cycles_behind() -> None:
    data = samples.handout()
    render_handout(data, io.BytesIO())  # fonts registered, caches warm
    gc.collect()
    during: list[int] = []
    building = False

    def watch(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and building:
            during.append(info["generation"])

    gc.callbacks.append(watch)
    try:
        building = True
        render_handout(data, io.BytesIO())
        building = False
    finally:
        gc.callbacks.remove(watch)
    assert during == [0]  # the one collection as it ends, of what the build left
    assert gc.isenabled()
    assert gc.collect() < 50  # its cycles went in that collection


def test_the_collector_is_left_as_it_was_found() -> None:
    gc.disable()  # as while the app starts
    try:
        render_week_plan(samples.week_plan(), io.BytesIO())
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_builds_on_two_threads_turn_the_collector_back_on() -> None:
    errors: list[BaseException] = []

    def build() -> None:
        try:
            for _ in range(3):
                render_week_plan(samples.week_plan(), io.BytesIO())
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=build) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors
    assert gc.isenabled()
