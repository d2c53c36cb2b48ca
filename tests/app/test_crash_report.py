"""Uncaught exceptions and Qt's warnings end up in the log; the user is told what
happened, that the store is safe and where the log is. The log holds no client text."""

from __future__ import annotations

import logging
import stat
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer, qWarning

from runstrong_gui import logs
from runstrong_gui.app import crash_report

SECRET = "Jane Doe, knee pain after her divorce"  # what a user may type; never logged


@pytest.fixture
def reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: Any
) -> Iterator[tuple[Path, list[str]]]:
    """The log in a folder of the test's own, the hooks installed, the dialogs' texts."""
    # the hooks chain to the ones they replace: quiet ones here, not pytest-qt's, which
    # would fail the test for the very exception it raises on purpose
    monkeypatch.setattr(sys, "excepthook", lambda *a: None)
    monkeypatch.setattr(threading, "excepthook", lambda a: None)
    shown: list[str] = []
    monkeypatch.setattr(crash_report, "show_report", lambda _parent, text: shown.append(text))
    folder = logs.setup(tmp_path / "state" / "RunStrong" / "log", crash_file=False)
    uninstall = crash_report.install(folder)
    yield folder, shown
    uninstall()
    logs.close()


def _log(folder: Path) -> str:
    for handler in logs.log.handlers:
        handler.flush()
    return (folder / logs.LOG_FILE).read_text()


def _broken_slot() -> None:
    raise ValueError(SECRET)


def test_an_exception_in_a_slot_is_logged_and_reported(
    reported: tuple[Path, list[str]], qtbot: Any
) -> None:
    folder, shown = reported
    QTimer.singleShot(0, _broken_slot)
    qtbot.waitUntil(lambda: len(shown) == 1)
    log = _log(folder)
    assert "Uncaught ValueError in the main thread" in log
    assert "Traceback (most recent call last)" in log
    assert "in _broken_slot" in log and "raise ValueError(SECRET)" in log
    assert SECRET not in log  # the message may be the user's words
    assert "ValueError" in shown[0]
    assert "Your data is safe" in shown[0]
    assert str(folder) in shown[0]


def test_an_exception_in_a_worker_thread_is_logged_and_reported(
    reported: tuple[Path, list[str]], qtbot: Any
) -> None:
    folder, shown = reported

    def work() -> None:
        raise RuntimeError(SECRET)

    worker = threading.Thread(target=work, name="runstrong-test-worker")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(shown) == 1)  # on the GUI thread, queued
    log = _log(folder)
    assert "Uncaught RuntimeError in thread runstrong-test-worker" in log
    assert "in work" in log
    assert SECRET not in log


@pytest.mark.qt_log_ignore("a warning Qt gave")
def test_a_qt_warning_is_logged(reported: tuple[Path, list[str]]) -> None:
    folder, shown = reported
    qWarning("a warning Qt gave")
    assert "WARNING" in _log(folder) and "a warning Qt gave" in _log(folder)
    assert shown == []  # a warning is no crash


def test_log_folder_and_files_are_private_also_after_rotation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 300)
    folder = logs.setup(tmp_path / "state" / "RunStrong" / "log", crash_file=False)
    try:
        for n in range(40):
            logs.log.info("lifecycle event %d", n)
    finally:
        logs.close()
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["runstrong.log", "runstrong.log.1", "runstrong.log.2", "runstrong.log.3"]
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for level in (folder, folder.parent, folder.parent.parent):  # all made here
        assert stat.S_IMODE(level.stat().st_mode) == 0o700


def test_the_log_goes_to_the_user_log_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(logs.LOG_ENV, raising=False)
    folder = logs.log_dir()
    assert folder == Path(__import__("os").environ["XDG_STATE_HOME"]) / "RunStrong" / "log"
    assert logging.getLogger("runstrong") is logs.log
