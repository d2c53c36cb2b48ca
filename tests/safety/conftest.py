"""Fixtures of the data-safety tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from safety_support import make_backed_up


@pytest.fixture
def backed_up(tmp_path: Path) -> Path:
    """A closed store holding one athlete in its backup and one more only in the store."""
    return make_backed_up(tmp_path)


@pytest.fixture
def app_kept_alive(qapp: QApplication) -> Iterator[QApplication]:
    """run_gui's window dies when run_gui returns; in a test run that must not quit the
    application, or every later event loop (dialogs, qtbot waits) would return at once."""
    from runstrong_gui.ui.shell.main_window import MainWindow

    keep = QApplication.quitOnLastWindowClosed()
    QApplication.setQuitOnLastWindowClosed(False)
    yield qapp
    for w in QApplication.topLevelWidgets():
        if isinstance(w, MainWindow):
            w.close()
            w.deleteLater()
    QApplication.processEvents()
    QApplication.setQuitOnLastWindowClosed(keep)


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the window says in warning boxes (answered at once)."""
    shown: list[str] = []

    def warning(_parent: Any, title: str, text: str, *a: Any, **k: Any) -> Any:
        shown.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown
