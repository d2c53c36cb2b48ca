"""File ▸ Export and File ▸ Preferences: the PDF on disk and the preferences in the store."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QImage
from PySide6.QtWidgets import QDialog, QFileDialog
from window_support import full_window
from window_support import printing as printing_feature

from runstrong_gui.services import printing
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.printing.export_dialog import ExportDialog
from runstrong_gui.ui.printing.preferences_dialog import PreferencesDialog
from runstrong_gui.ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot, store: Store, settings: QSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    w.show_week(1)
    return w


class SaveAs:
    """Stands in for QFileDialog.getSaveFileName: records the offer, answers ``path``."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        self.offered: list[str] = []

    def __call__(self, parent, caption, directory, filter_):  # type: ignore[no-untyped-def]
        self.offered.append(directory)
        return self.path, filter_


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    urls: list[str] = []

    def open_url(url: QUrl) -> bool:
        urls.append(url.toLocalFile())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(open_url))
    return urls


def _text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)


def _dialog(window: MainWindow, qtbot) -> ExportDialog:  # type: ignore[no-untyped-def]
    assert window.athlete is not None
    dialog = ExportDialog(window.queries, window.athlete, window.week_number, window.settings)
    qtbot.addWidget(dialog)
    return dialog


def test_file_menu_starts_with_export_and_preferences(window: MainWindow) -> None:
    texts = [a.text() for a in window.menu("file").actions()]
    assert texts[:2] == ["&Export…", "&Preferences…"]
    assert texts[2] == "" and texts[-1] == "&Quit"  # a separator, and Quit stays last
    export = window.menu("file").actions()[0]
    assert export.shortcut().toString() == "Ctrl+P" and export.isEnabled()


def test_export_dialog_writes_the_handout_and_opens_it(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    opened: list[str],
) -> None:
    save_as = SaveAs(tmp_path / "for the client")  # no suffix: .pdf is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    dialog = _dialog(window, qtbot)
    assert dialog.document() == "handout" and dialog.week.value() == 1
    assert dialog.goal.placeholderText() == "Goal race on 13 Jun 2026"
    assert dialog.week_hint.text() == "2–8 Mar 2026 · Foundation"
    dialog.goal.setText("Run the June 10K without knee pain")
    dialog.papers["Letter"].setChecked(True)
    dialog.open_when_done.setChecked(True)
    dialog.accept()

    written = tmp_path / "for the client.pdf"
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.written == written
    assert Path(save_as.offered[0]).name == "Sample Runner – handout week 1.pdf"
    text = _text(written)
    assert "CLIENT Sample Runner" in text and "Run the June 10K without knee pain" in text
    assert "1. Single-leg glute bridge" in text
    box = PdfReader(written).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # Letter
    assert opened == [str(written)]
    # the choices are remembered for next time, including the folder
    again = _dialog(window, qtbot)
    assert again.paper() == "Letter" and again.open_when_done.isChecked()
    assert Path(again._default_path()).parent == tmp_path


def test_fields_follow_the_document(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(window, qtbot)
    dialog.set_document("programme")
    assert not dialog.week.isEnabled() and not dialog.goal.isEnabled()
    assert dialog.week_hint.text() == "Weeks 1–15 · 2 Mar – 14 Jun 2026 (through the goal race)"
    dialog.set_document("logsheet")
    assert dialog.week.isEnabled() and not dialog.goal.isEnabled()
    assert dialog.week_label.text() == "From &week"
    dialog.week.setValue(3)
    assert dialog.week_hint.text() == "Weeks 3–6 · 16 Mar – 12 Apr 2026"
    assert Path(dialog._default_path()).name == "Sample Runner – log sheet weeks 3–6.pdf"


def test_week_plan_from_the_dialog_without_opening(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    opened: list[str],
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(SaveAs(tmp_path / "w.pdf")))
    dialog = _dialog(window, qtbot)
    dialog.set_document("week")
    dialog.open_when_done.setChecked(False)
    dialog.accept()
    assert _text(tmp_path / "w.pdf").startswith("Week plan · Sample Runner Week 1 of 15")
    assert opened == []


def test_errors_show_in_the_dialog_and_nothing_is_written(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    opened: list[str],
) -> None:
    target = tmp_path / "gone" / "x.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(SaveAs(target)))
    dialog = _dialog(window, qtbot)
    dialog.show()
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert dialog.error.isVisible() and "does not exist" in dialog.error.text()
    assert not target.parent.exists() and opened == []
    # cancelling the file dialog leaves the dialog open and quiet
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(SaveAs("")))
    dialog.accept()
    assert dialog.isVisible() and dialog.written is None


def test_the_menu_action_runs_the_dialog(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    opened: list[str],
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(SaveAs(tmp_path / "p.pdf")))
    controller = printing_feature(window)

    def run(dialog: QDialog) -> int:
        assert isinstance(dialog, ExportDialog)
        dialog.set_document("programme")
        dialog.open_when_done.setChecked(False)
        dialog.accept()
        return dialog.result()

    controller.run_dialog = run
    controller.act_export.trigger()
    assert "Training programme · Sample Runner" in _text(tmp_path / "p.pdf")
    assert window.statusBar().currentMessage() == f"Saved {tmp_path / 'p.pdf'}"


# -- preferences -------------------------------------------------------------------------------


def _logo(path: Path) -> Path:
    image = QImage(120, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#2f7dd1"))
    assert image.save(str(path))
    return path


def test_preferences_round_trip(store: Store, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    logo = _logo(tmp_path / "logo.png")
    dialog = PreferencesDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.name.text() == "" and dialog.preview.text() == "No logo"
    dialog.name.setText("Riverside Physiotherapy")
    dialog.contact.setPlainText("12 Mill Lane\n01234 567890")
    dialog.logo.setText(str(logo))
    assert not dialog.preview.pixmap().isNull()
    dialog.therapist.setText("Dr Amal Haddad")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert printing.clinic_preferences(store) == printing.ClinicPreferences(
        "Riverside Physiotherapy", "12 Mill Lane\n01234 567890", str(logo), "Dr Amal Haddad"
    )
    again = PreferencesDialog(store)
    qtbot.addWidget(again)
    assert again.name.text() == "Riverside Physiotherapy"
    assert again.contact.toPlainText() == "12 Mill Lane\n01234 567890"
    assert again.therapist.text() == "Dr Amal Haddad" and again.logo.text() == str(logo)
    assert not again.preview.pixmap().isNull()


def test_preferences_refuse_a_logo_that_is_not_a_picture(
    store: Store,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    fake = tmp_path / "logo.png"
    fake.write_text("clinic logo goes here")
    dialog = PreferencesDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Riverside Physiotherapy")
    dialog.logo.setText(str(fake))
    assert dialog.preview.text() == "Not a PNG or JPEG"
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    error = dialog.errors["Logo"]
    assert error.isVisible() and error.text() == "Logo: logo.png is not a PNG or JPEG picture"
    assert not dialog.errors["Clinic name"].isVisible()
    assert printing.clinic_preferences(store) == printing.ClinicPreferences()  # nothing saved
    dialog.name.setText("x" * 121)
    dialog.logo.clear()
    dialog.accept()
    assert not error.isVisible() and dialog.errors["Clinic name"].isVisible()
    assert "at most 120" in dialog.errors["Clinic name"].text()
    assert printing.clinic_preferences(store) == printing.ClinicPreferences()


def _png_header(path: Path, width: int, height: int, extra: int = 0) -> Path:
    """A file that starts like a PNG of ``width`` × ``height`` (the header is all that
    should be read), padded by ``extra`` bytes."""
    import struct
    import zlib

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    data = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk
    data += struct.pack(">I", zlib.crc32(chunk))
    with path.open("wb") as f:
        f.write(data)
        if extra:
            f.truncate(len(data) + extra)  # sparse: no disk space needed
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: _png_header(p, 9000, 9000), "9000 × 9000 pixels; a logo may be at most 4000"),
        (lambda p: _png_header(p, 100, 40, 1 << 30), "1024.0 MB; a logo may be at most 5 MB"),
        (lambda p: p.with_name("l" * 252 + ".png"), "file name is longer than 255 bytes"),
    ],
)
def test_preferences_refuse_a_huge_logo_or_an_impossible_name(
    store: Store,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    make,  # type: ignore[no-untyped-def]
    message: str,
) -> None:
    path = make(tmp_path / "logo.png")
    dialog = PreferencesDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Riverside Physiotherapy")
    dialog.logo.setText(str(path))
    assert dialog.preview.pixmap().isNull()  # never decoded for a preview
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert message in dialog.errors["Logo"].text()
    assert printing.clinic_preferences(store) == printing.ClinicPreferences()  # nothing saved


def test_export_refuses_a_logo_that_grew_too_big_after_it_was_chosen(
    window: MainWindow,
    store: Store,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    opened: list[str],
) -> None:
    logo = _logo(tmp_path / "logo.png")
    printing.save_clinic_preferences(store, printing.ClinicPreferences("Clinic", "", str(logo)))
    _png_header(logo, 9000, 9000)  # replaced by a huge picture since
    target = tmp_path / "handout.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(SaveAs(target)))
    dialog = _dialog(window, qtbot)
    dialog.show()
    dialog.accept()
    assert dialog.isVisible() and "The clinic logo cannot be printed" in dialog.error.text()
    assert "9000 × 9000 pixels" in dialog.error.text()
    assert not target.exists() and opened == []


def test_export_refuses_a_file_name_over_255_bytes_in_the_dialog(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    opened: list[str],
) -> None:
    target = tmp_path / ("é" * 130 + ".pdf")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(SaveAs(target)))
    dialog = _dialog(window, qtbot)
    dialog.show()
    dialog.accept()
    assert dialog.isVisible() and "longer than 255 bytes" in dialog.error.text()
    assert not any(p.suffix == ".pdf" for p in tmp_path.iterdir()) and opened == []


def test_logo_size_is_read_from_png_and_jpeg_headers(tmp_path: Path) -> None:
    from runstrong_gui.services.logo import logo_problem, logo_size

    image = QImage(321, 123, QImage.Format.Format_RGB32)
    image.fill(QColor("#2f7dd1"))
    for name in ("l.png", "l.jpg"):
        assert image.save(str(tmp_path / name))
        assert logo_size(tmp_path / name) == (321, 123)
        assert logo_problem(tmp_path / name) is None
