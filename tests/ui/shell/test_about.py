"""Help ▸ About says what a bug report needs; the window carries RunStrong's icon."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from window_support import full_window

from runstrong_gui import __version__, logs
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.store import Store


def test_about_names_versions_store_and_log(
    qtbot, store: Store, settings: QSettings, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import PySide6
    import reportlab
    import sqlalchemy
    from PySide6.QtCore import qVersion

    logs.setup(tmp_path / "log", crash_file=False)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _p, _t, text: shown.append(text))
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    try:
        w.act_about.trigger()
    finally:
        logs.close()
    [text] = shown
    assert f"RunStrong {__version__}" in text
    for name, version in (
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("SQLAlchemy", sqlalchemy.__version__),
        ("ReportLab", reportlab.Version),
        ("Python", sys.version.split()[0]),
    ):
        assert f"<td>{name}</td><td>{version}" in text
    assert f"<td>Store</td><td>{store.path}</td>" in text
    assert f"<td>Log</td><td>{tmp_path / 'log' / 'runstrong.log'}</td>" in text


def test_the_window_shows_runstrongs_icon() -> None:
    """make_application as ``runstrong`` runs it (the test's own QApplication would hide it)."""
    code = (
        "from runstrong_gui.app.qt_start import make_application;"
        "app = make_application(['runstrong']);"
        "print(sorted(s.width() for s in app.windowIcon().availableSizes()));"
        "print(app.desktopFileName())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    sizes, desktop = out.stdout.splitlines()
    assert sizes == "[16, 24, 32, 48, 64, 128, 256, 512]"
    assert desktop == "org.runstrong.RunStrong"  # Wayland matches the entry's icon by it
