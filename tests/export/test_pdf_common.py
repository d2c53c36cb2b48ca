"""What every document shares: purity of the layer, fonts, errors, formatting."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys

import pytest
from reportlab.platypus import Spacer

from runstrong_gui.domain.dates import full_date
from runstrong_gui.domain.enums import DoseKind, ExerciseGroup, Units
from runstrong_gui.domain.models import Exercise, PlannedExercise
from runstrong_gui.export import ExportError
from runstrong_gui.export.pdf import layout, text
from runstrong_gui.paths import resources_dir


def test_export_imports_no_qt_no_sqlalchemy_and_reportlab_only_when_rendering() -> None:
    code = (
        "import sys, runstrong_gui.export\n"
        "assert 'reportlab' not in sys.modules\n"
        "import runstrong_gui.export.pdf as pdf\n"
        "assert 'reportlab' in sys.modules and callable(pdf.render_handout)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlalchemy')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_fonts_and_licence_ship_with_the_resources() -> None:
    fonts = resources_dir() / "fonts"
    for name in (
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique.ttf",
        "LICENSE-DejaVu.txt",
    ):
        assert (fonts / name).is_file(), name


def test_layout_errors_become_export_errors() -> None:
    with pytest.raises(ExportError, match="too large to fit on a page"):
        layout.build(
            [Spacer(10, 5000)],
            io.BytesIO(),
            page=layout.page("A4"),
            title="t",
            footer="f",
            what="handout",
        )


def test_footer_text_is_cut_to_fit() -> None:
    from runstrong_gui.export.pdf.fonts import FONT, register_fonts

    register_fonts()
    cut = layout.fit_text("x" * 500, FONT, 8, 100)
    assert cut.endswith("…") and len(cut) < 500


def _ex(kind: DoseKind = DoseKind.REPS) -> Exercise:
    return Exercise(name="Ex", group=ExerciseGroup.CORE, dose_kind=kind, rep_min=5, rep_max=60)


def _pe(**kw: object) -> PlannedExercise:
    return PlannedExercise(session_id=1, exercise_id=1, **kw)  # type: ignore[arg-type]


def test_dose_texts() -> None:
    pe = _pe(sets=3, amount=12, load_kg=20, tempo="3-1-1", rest_seconds=90, per_side=True)
    assert text.dose_line(_ex(), pe, Units.KG).replace("\xa0", " ") == (
        "3 × 12 each side · 20 kg · tempo 3-1-1 · rest 90 s"
    )
    assert text.dose_compact(_ex(), pe, Units.KG).replace("\xa0", " ") == "3×12 @20 kg"
    assert text.dose_compact(_ex(), _pe(sets=2, amount=10), Units.KG) == "2×10"
    assert (
        text.dose_compact(_ex(DoseKind.SECONDS), _pe(sets=3, amount=30), Units.KG).replace(
            "\xa0", " "
        )
        == "3×30 s"
    )
    assert text.load_text(20, Units.LB).replace("\xa0", " ") == "45 lb"
    assert text.rest_text(120).replace("\xa0", " ") == "rest 2 min"


def test_dates_and_durations() -> None:
    assert text.date_range(dt.date(2025, 3, 3), dt.date(2025, 3, 9)) == "3–9 Mar 2025"
    assert text.date_range(dt.date(2025, 4, 28), dt.date(2025, 5, 4)) == "28 Apr – 4 May 2025"
    assert text.date_range(dt.date(2025, 12, 29), dt.date(2026, 1, 4)) == (
        "29 Dec 2025 – 4 Jan 2026"
    )
    assert full_date(dt.date(2025, 3, 3)) == "Monday 3 March 2025"
    assert text.duration(110).replace("\xa0", " ") == "1 h 50 min"
    assert text.duration(60).replace("\xa0", " ") == "1 h"


def test_escaping_keeps_text_literal() -> None:
    assert text.esc("<b>a & b</b>\nnext\x00") == "&lt;b&gt;a &amp; b&lt;/b&gt;<br/>next"
    assert text.esc_attr('say "hi" <x>') == "say &quot;hi&quot; &lt;x&gt;"


def test_qr_code_draws_exactly_the_encoded_modules() -> None:
    """No decoder here, so compare the printed squares with the encoder's matrix."""
    from reportlab.graphics.barcode.qr import QrCodeWidget

    url, size = "https://example.org/videos/calf-raise", 70.0
    rects = layout._qr_modules(url, size)
    widget = QrCodeWidget(url, barLevel="M")
    widget.draw()
    count = widget.qr.getModuleCount()
    module = size / count
    for row in range(count):
        for col in range(count):
            cx, cy = (col + 0.5) * module, size - (row + 0.5) * module
            dark = any(x <= cx <= x + w and y <= cy <= y + h for x, y, w, h in rects)
            assert dark == widget.qr.isDark(row, col), (row, col)


def test_writing_a_pdf_never_follows_a_planted_temporary_name(tmp_path, monkeypatch) -> None:
    """The file written before the rename is new and private: a symlink waiting at a
    predictable temporary name must not get the PDF written through it."""
    import os

    monkeypatch.setattr(os, "getpid", lambda: 4242)
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep me")
    out = tmp_path / "plan.pdf"
    (tmp_path / ".plan.pdf.4242.part").symlink_to(victim)

    layout.write(b"%PDF-1.4 test", out)

    assert victim.read_bytes() == b"keep me"
    assert out.read_bytes() == b"%PDF-1.4 test"
    assert not out.is_symlink()
    assert out.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".plan.pdf.4242.part",
        "plan.pdf",
        "victim.txt",
    ]
