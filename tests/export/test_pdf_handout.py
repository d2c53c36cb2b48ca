"""The therapist's handout, read back from the PDF."""

from __future__ import annotations

import dataclasses
import io
import os
import sys
from pathlib import Path

import export_samples as samples
import pytest
from export_support import flat, fonts, link_uris, render, runs, texts
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from runstrong_gui.domain.enums import Units
from runstrong_gui.domain.library import load_exercises
from runstrong_gui.domain.models import Exercise
from runstrong_gui.export import ExportError
from runstrong_gui.export.documents import ClinicInfo, HandoutData, ItemPlan
from runstrong_gui.export.pdf import render_handout
from runstrong_gui.export.pdf.text import dose_line
from runstrong_gui.paths import resources_dir


def _with_item(
    data: HandoutData, index: int, *, exercise: Exercise | None = None, notes: str | None = None
) -> HandoutData:
    item = data.items[index]
    planned = item.planned if notes is None else dataclasses.replace(item.planned, notes=notes)
    new = ItemPlan(exercise or item.exercise, planned)
    return dataclasses.replace(data, items=(*data.items[:index], new, *data.items[index + 1 :]))


@pytest.fixture(scope="module")
def handout() -> PdfReader:
    return render(render_handout, samples.handout())


def test_client_name_and_page_number_on_every_page(handout: PdfReader) -> None:
    pages = texts(handout)
    assert len(pages) >= 2
    for number, text in enumerate(pages, 1):
        assert "Zoë Ødegård" in text
        assert f"Page {number} of {len(pages)}" in text


def test_header_names_clinic_therapist_date_and_goal(handout: PdfReader) -> None:
    first = texts(handout)[0]
    assert "Fjord Physio & Running Clinic" in first
    assert "hello@fjordphysio.example" in first
    assert "Łukasz Wróbel" in first
    assert "12 March 2025" in first
    assert "Run the Oslo half marathon in September without knee pain." in first


def test_every_exercise_with_its_dose_steps_and_cues(handout: PdfReader) -> None:
    text = flat(" ".join(texts(handout)))
    for item in samples.handout().items:
        assert item.exercise.name in text
        for step in (*item.exercise.steps, *item.exercise.cues, *item.exercise.stop_if):
            assert step in text
    assert "3 × 10 each side · tempo 2-1-2 · rest 60 s" in text
    assert "3 × 12 each side · 8 kg · tempo 1-1-3 · rest 60 s" in text
    assert "2 × 20 s each side · rest 60 s" in text
    assert "Start with the left side." in text  # the therapist's note


def test_steps_are_numbered(handout: PdfReader) -> None:
    text = texts(handout)[0]
    assert "1.\nLie on your back" in text or "1. Lie on your back" in flat(text)
    assert "4." in text


def test_schedule_lists_runs_and_strength(handout: PdfReader) -> None:
    text = flat(" ".join(texts(handout)))
    assert "Your week" in text
    assert "Mon 17 Mar" in text and "Sun 23 Mar" in text
    assert "Easy run · 40 min · 7.5 km" in text
    assert "Long run · 1 h 50 min · 18.4 km" in text
    assert "Home routine · about" in text


def test_pain_guidance_and_disclaimer(handout: PdfReader) -> None:
    text = flat(" ".join(texts(handout)))
    for phrase in (
        "mild soreness",
        "sharp pain",
        "pain in a joint",
        "gets worse while you do an exercise",
        "more than 48 hours",
        "swelling",
        "limp",
        "Achilles pain that is getting worse",
        "knee pain that does not settle within a day or two",
        "does not replace an assessment",
    ):
        assert phrase in text


def test_load_in_pounds_for_an_lb_athlete() -> None:
    data = samples.handout(samples.athlete(units=Units.LB))
    text = flat(" ".join(texts(render(render_handout, data))))
    assert "3 × 12 each side · 17.5 lb" in text  # 8 kg, on the 2.5 lb step
    assert " kg" not in text


def test_unicode_names_print_intact() -> None:
    data = dataclasses.replace(
        samples.handout(samples.athlete("Ирина Иванова")),
        clinic=ClinicInfo("Zoë Ødegård Fysioterapi", "Łódź"),
        therapist="Łukasz Wróbel",
    )
    pages = texts(render(render_handout, data))
    for text in pages:
        assert "Ирина Иванова" in text
    assert "Zoë Ødegård Fysioterapi" in pages[0] and "Łódź" in pages[0]
    assert "Łukasz Wróbel" in pages[0]


def test_fonts_are_embedded(handout: PdfReader) -> None:
    for page in fonts(handout):
        assert page, "every page has fonts"
        assert all(embedded for _, embedded in page), page
        assert any("DejaVuSans" in name for name, _ in page)


def test_user_text_is_escaped_not_interpreted() -> None:
    data = _with_item(
        samples.handout(samples.athlete("Sam <b>Lee</b> & Co")),
        0,
        notes="Use <b>both</b> legs & <i>go slow</i> <br/>",
    )
    text = flat(" ".join(texts(render(render_handout, data))))
    assert "Use <b>both</b> legs & <i>go slow</i> <br/>" in text
    assert "Sam <b>Lee</b> & Co" in text


def test_a_long_unbroken_word_wraps_inside_the_page() -> None:
    word = "Kniebeugeübungsvariantenbeschreibung" * 9  # 324 characters, no break
    word = word[:300]
    base = samples.handout()
    long_ex = dataclasses.replace(base.items[0].exercise, steps=(word,), cues=(word,))
    data = _with_item(base, 0, exercise=long_ex, notes=word)
    reader = render(render_handout, data)
    joined = "".join("".join(texts(reader)).split())
    assert word in joined
    width = float(reader.pages[0].mediabox.width)
    for index in range(len(reader.pages)):
        for run in runs(reader, index):
            right = run.x + stringWidth(run.text, run.font, run.size)
            assert run.x >= 0 and right <= width - 30, run


def test_qr_code_links_the_video_when_set(handout: PdfReader) -> None:
    url = samples.CALF.video_url
    assert url in link_uris(handout)
    squares = []
    for page in handout.pages:
        for annot in page.get("/Annots", []) or []:
            a = annot.get_object()
            x1, y1, x2, y2 = (float(v) for v in a["/Rect"])
            if str(a["/A"]["/URI"]) == url and abs((x2 - x1) - (y2 - y1)) < 0.5:
                squares.append(x2 - x1)
    assert squares and squares[0] > 50, "the QR code itself is a square link"
    assert "Scan for the video" in " ".join(texts(handout))


def test_no_qr_without_video() -> None:
    base = samples.handout()
    data = dataclasses.replace(base, items=tuple(i for i in base.items if not i.exercise.video_url))
    reader = render(render_handout, data)
    assert link_uris(reader) == []
    assert "Scan for the video" not in " ".join(texts(reader))


def test_an_over_long_url_prints_as_a_link_without_the_code() -> None:
    url = "https://example.org/" + "a" * 5000
    ex = dataclasses.replace(samples.CALF, video_url=url)
    reader = render(render_handout, _with_item(samples.handout(), 2, exercise=ex))
    assert "Scan for the video" not in " ".join(texts(reader))
    assert url in link_uris(reader)


def _image_xobjects(reader: PdfReader) -> int:
    count = 0
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject", {})
        count += sum(1 for x in xobjects.values() if x.get_object()["/Subtype"] == "/Image")
    return count


def test_exercise_image_and_logo_when_readable(tmp_path: Path) -> None:
    png = tmp_path / "pic.png"
    png.write_bytes(_tiny_png())
    reader = render(render_handout, samples.handout(image_path=str(png), logo_path=str(png)))
    assert _image_xobjects(reader) >= 1


def test_missing_or_broken_images_are_left_out(tmp_path: Path) -> None:
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not an image")
    data = samples.handout(image_path=str(broken), logo_path=str(tmp_path / "missing.png"))
    reader = render(render_handout, data)
    assert _image_xobjects(reader) == 0
    assert "Single-leg glute bridge" in texts(reader)[0]


def test_letter_paper() -> None:
    reader = render(render_handout, samples.handout(), "Letter")
    assert float(reader.pages[0].mediabox.width) == pytest.approx(612)
    assert float(reader.pages[0].mediabox.height) == pytest.approx(792)


def test_unknown_paper_is_refused() -> None:
    with pytest.raises(ValueError, match="A4"):
        render_handout(samples.handout(), io.BytesIO(), "A5")  # type: ignore[arg-type]


def test_no_exercises_still_prints_the_guidance() -> None:
    data = dataclasses.replace(samples.handout(), items=(), schedule=())
    text = flat(" ".join(texts(render(render_handout, data))))
    assert "No exercises have been added yet." in text and "sharp pain" in text


def test_writes_a_user_only_file_and_replaces_an_old_one(tmp_path: Path) -> None:
    target = tmp_path / "handout.pdf"
    target.write_bytes(b"old")
    render_handout(samples.handout(), target)
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["handout.pdf"]
    if sys.platform != "win32":
        assert os.stat(target).st_mode & 0o777 == 0o600


def test_an_unwritable_target_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="Could not save the PDF"):
        render_handout(samples.handout(), tmp_path / "no such folder" / "h.pdf")


def _tiny_png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "#1B6E8A").save(buffer, "PNG")
    return buffer.getvalue()


# The compact layout -----------------------------------------------------------------------


def _longest_library_handout() -> HandoutData:
    """The five library exercises with the most text, with the sample's clinic and week."""
    library = load_exercises(resources_dir())

    def length(ex: Exercise) -> int:
        return sum(len(t) for t in (*ex.steps, *ex.cues, *ex.stop_if, ex.notes))

    longest = sorted(library, key=length, reverse=True)[:5]
    items = tuple(
        ItemPlan(ex, samples.planned(ex, 1, n, notes="Start with the left side." if not n else ""))
        for n, ex in enumerate(longest)
    )
    return dataclasses.replace(samples.handout(), items=items)


HANDOUTS = {"sample": samples.handout, "longest library texts": _longest_library_handout}


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("which", list(HANDOUTS))
def test_a_week_of_five_exercises_fits_two_or_three_pages_with_every_text(
    which: str, paper: str
) -> None:
    data = HANDOUTS[which]()
    reader = render(render_handout, data, paper)
    assert 2 <= len(reader.pages) <= 3
    text = flat(" ".join(texts(reader)))
    for item in data.items:
        ex = item.exercise
        assert f"{ex.name} {dose_line(ex, item.planned, Units.KG)}".replace("\xa0", " ") in text
        for line in (*ex.steps, *ex.cues, *ex.stop_if, ex.notes):
            assert flat(line) in text, line
    assert "Stop, rest and have it checked" in text and "does not replace an assessment" in text


def _library_handout(count: int) -> HandoutData:
    items = tuple(
        ItemPlan(ex, samples.planned(ex, 1, n))
        for n, ex in enumerate(load_exercises(resources_dir())[:count])
    )
    return dataclasses.replace(samples.handout(), items=items)


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_no_page_but_the_last_ends_above_its_bottom_thirty_percent(paper: str) -> None:
    """A page is only left early when the next exercise, or the pain guidance box, would
    start in too little room; with one to eight exercises and with the longest texts."""
    handouts = [samples.handout(), _longest_library_handout()]
    handouts += [_library_handout(count) for count in range(1, 9)]
    for data in handouts:
        reader = render(render_handout, data, paper)
        for index, pdf_page in enumerate(reader.pages[:-1]):
            height = float(pdf_page.mediabox.height)
            lowest = min(r.y for r in runs(reader, index) if r.y > 30 * mm)  # above the footer
            where = f"{len(data.items)} exercises, page {index + 1}"
            assert lowest < 0.3 * height, f"{where} ends at {lowest / height:.0%}"


def test_steps_and_cues_sit_side_by_side(handout: PdfReader) -> None:
    found = runs(handout, 0)
    step = next(r for r in found if r.text.startswith("Lie on your back, one knee bent"))
    cue = next(r for r in found if r.text.startswith("Keep the pelvis level"))
    width = float(handout.pages[0].mediabox.width)
    assert step.x < width / 3 < width / 2 < cue.x
    assert abs(step.y - cue.y) < 30  # the cues begin beside the first steps, not below them
    body = [r for r in found if r.text.startswith(("Lie on", "Keep the", "Press through"))]
    assert all(r.size >= 9 for r in body)
