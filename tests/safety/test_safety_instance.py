"""One RunStrong per store: a second start brings the first forward and writes nothing;
a lock left by a killed RunStrong is recovered (and the store gets the full check)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from runstrong_gui.app import launch as gui
from runstrong_gui.app.single_instance import SingleInstance, lock_path_for
from runstrong_gui.storage import backup
from runstrong_gui.storage.engine import sqlite_url
from runstrong_gui.ui.shell.main_window import MainWindow

SECOND_START = (
    "import sys; from runstrong_gui.app.launch import run_gui; "
    "sys.exit(run_gui(sys.argv[1], ['runstrong']))"
)
LOCK_AND_DIE = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication
    from runstrong_gui.app.single_instance import SingleInstance
    app = QCoreApplication([])
    instance = SingleInstance(Path(sys.argv[1]))
    assert instance.acquire()
    os.kill(os.getpid(), 9)  # no clean-up: the lock file and the socket stay behind
""")


def _files(*folders: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p): (p.stat().st_size, p.stat().st_mtime_ns)
        for folder in folders
        if folder.exists()
        for p in folder.iterdir()
    }


def _main_window() -> MainWindow:
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))


def _quit_when(done: Callable[[], bool], then: Callable[[], None], deadline: float) -> None:
    def poll() -> None:
        if done() or time.monotonic() > deadline:
            then()
            QApplication.quit()
        else:
            QTimer.singleShot(50, poll)

    poll()


@pytest.mark.parametrize("by", ["the same path", "a hard link"])
def test_second_start_brings_the_first_forward_and_writes_nothing(
    app_kept_alive: QApplication, backed_up: Path, monkeypatch: pytest.MonkeyPatch, by: str
) -> None:
    monkeypatch.setattr(gui, "START_BACKUP_DELAY_MS", 600_000)  # keep the first one still
    seen: dict[str, object] = {}
    second_path = backed_up
    if by == "a hard link":
        second_path = backed_up.parent.parent / "elsewhere" / "linked.sqlite3"
        second_path.parent.mkdir()
        os.link(backed_up, second_path)

    def second_start() -> None:
        window = _main_window()
        if not window.has_store or window.writing.paused:  # the first one is still starting
            QTimer.singleShot(50, second_start)
            return
        window.statusBar().clearMessage()
        seen["before"] = _files(backed_up.parent, backup.backup_dir(backed_up), second_path.parent)
        proc = subprocess.Popen(
            [sys.executable, "-c", SECOND_START, sqlite_url(second_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        seen["started"] = time.monotonic()

        def finished() -> None:
            if proc.poll() is None:
                proc.kill()
            _out, err = proc.communicate(timeout=30)
            seen["code"] = proc.returncode
            seen["seconds"] = time.monotonic() - float(seen["started"])  # type: ignore[arg-type]
            seen["stderr"] = err.decode()
            seen["after"] = _files(
                backed_up.parent, backup.backup_dir(backed_up), second_path.parent
            )
            seen["message"] = window.statusBar().currentMessage()

        _quit_when(lambda: proc.poll() is not None, finished, time.monotonic() + 60)

    QTimer.singleShot(100, second_start)
    assert gui.run_gui(sqlite_url(backed_up), ["runstrong"]) == 0
    assert seen["code"] == 0, seen["stderr"]
    assert seen["message"] == "RunStrong was started again on this store: use this window."
    assert seen["after"] == seen["before"]  # the second start wrote nothing at all
    assert not lock_path_for(backed_up).exists()  # released when the first one quit


def test_a_lock_left_by_a_killed_runstrong_is_recovered(
    app_kept_alive: QApplication, backed_up: Path
) -> None:
    subprocess.run([sys.executable, "-c", LOCK_AND_DIE, str(backed_up)], check=False)
    assert lock_path_for(backed_up).exists()
    seen: dict[str, object] = {}

    def look() -> None:
        window = _main_window()
        checked = window.queries.store.checked
        seen["full"] = checked.full if checked else None
        seen["backups"] = len(backup.list_backups(backed_up))
        seen["status"] = window.findChild(object, "backupStatus").text()

    QTimer.singleShot(gui.START_BACKUP_DELAY_MS + 500, lambda: (look(), QApplication.quit()))
    assert gui.run_gui(sqlite_url(backed_up), ["runstrong"]) == 0
    assert seen["full"] is True  # an unclean end: the full integrity check ran
    assert seen["backups"] == 2  # the fixture's backup and the one taken at start
    assert str(seen["status"]).startswith("Backed up Today")
    assert not lock_path_for(backed_up).exists()


def test_the_lock_is_exclusive_while_held(qapp: QApplication, tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite3"
    first, second = SingleInstance(store), SingleInstance(store)
    assert first.acquire() and not first.recovered_stale
    assert not second.acquire()
    assert second.owner_pid() == os.getpid()
    first.release()
    assert second.acquire()
    second.release()


@pytest.mark.parametrize("how", ["hard link", "symbolic link"])
def test_every_path_to_the_same_store_is_refused_like_a_second_start(
    qapp: QApplication, tmp_path: Path, how: str
) -> None:
    """A hard link (or a bind mount) in another folder, or a link under another name:
    a lock keyed on the path let a second window write to the same store."""
    store = tmp_path / "clinic" / "clinic.sqlite3"
    store.parent.mkdir()
    store.write_bytes(b"a store")
    other = tmp_path / "elsewhere" / "same.sqlite3"
    other.parent.mkdir()
    if how == "hard link":
        os.link(store, other)
    else:
        other.symlink_to(store)
    first, second = SingleInstance(store), SingleInstance(other)
    assert first.acquire()
    try:
        assert not second.acquire()
        assert second.owner_pid() == os.getpid()
        assert second.server_name == first.server_name  # its "come forward" reaches the first
    finally:
        first.release()
    assert second.acquire()
    assert not SingleInstance(store).acquire()  # and the other way round
    second.release()


def test_a_store_made_after_the_lock_is_then_held_by_its_identity(
    qapp: QApplication, tmp_path: Path
) -> None:
    store = tmp_path / "new.sqlite3"
    first = SingleInstance(store)
    assert first.acquire()  # no file yet: held by its path
    store.write_bytes(b"a store")
    link = tmp_path / "sub" / "link.sqlite3"
    link.parent.mkdir()
    os.link(store, link)
    assert first.claim_identity()
    assert first.claim_identity()  # again: still held, no second lock
    assert not SingleInstance(link).acquire()
    first.release()
