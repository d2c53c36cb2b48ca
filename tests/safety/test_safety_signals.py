"""SIGTERM (a logout, a service manager) and Ctrl+C quit RunStrong as File ▸ Quit does.

The real app runs in a process of its own (``life_driver.py``, which is ``runstrong
--db PATH`` plus a hand that acts as the user). After the signal: exit status 0, the
store closed and checkpointed (no ``-wal``, the data in the main file), the lock
released, the layout saved; and the next start shows the window as it was left.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from runstrong_gui.app.single_instance import lock_path_for

DRIVER = Path(__file__).with_name("life_driver.py")
ROOT = Path(__file__).resolve().parents[2]
ADDED = "Added before the signal"
START_SECONDS = 60


@pytest.fixture
def started() -> Iterator[list[subprocess.Popen[str]]]:
    """The apps a test started; any still running at its end (a failed test) are killed."""
    procs: list[subprocess.Popen[str]] = []
    yield procs
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


def _start(
    started: list[subprocess.Popen[str]], tmp_path: Path, mode: str, db: Path | None
) -> tuple[subprocess.Popen[str], dict[str, object]]:
    """The app, once its window is up with the store checked, and what the user sees."""
    screen = tmp_path / "screen.json"  # a desktop's screen: room for the window as arranged
    desk = {"name": "desk", "width": 1920, "height": 1200}
    screen.write_text(json.dumps({"windowFrameMargins": False, "screens": [desk]}))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={screen}",
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    log = (tmp_path / f"{mode}.stderr").open("w")
    args = [sys.executable, str(DRIVER), mode, *([str(db)] if db else [])]
    with log:
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=log, text=True, env=env)
    started.append(proc)
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], START_SECONDS)
    line = proc.stdout.readline() if ready else ""
    if not line:
        pytest.fail(f"the app did not come up: {(tmp_path / f'{mode}.stderr').read_text()}")
    return proc, json.loads(line)


def _ended(proc: subprocess.Popen[str]) -> int:
    try:
        return proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("the app did not quit on the signal")


def _athletes_in_main_file(db: Path, tmp_path: Path) -> list[str]:
    """The athletes in the main file alone, as a copy without its -wal would show."""
    alone = tmp_path / "alone" / db.name
    alone.parent.mkdir()
    shutil.copy2(db, alone)
    con = sqlite3.connect(f"file:{alone}?mode=ro", uri=True)
    try:
        return [row[0] for row in con.execute("SELECT name FROM athletes ORDER BY id")]
    finally:
        con.close()


def _settings_file() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"]) / "RunStrong" / "RunStrong.conf"


def _closed_cleanly(db: Path, code: int) -> None:
    assert code == 0
    wal = db.with_name(db.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert not lock_path_for(db).exists()  # released: the next start is not "unclean"


@pytest.mark.slow
def test_sigterm_then_ctrl_c_quit_as_file_quit_and_the_next_start_restores_the_layout(
    tmp_path: Path, started: list[subprocess.Popen[str]]
) -> None:
    db = tmp_path / "store.sqlite3"
    app, arranged = _start(started, tmp_path, "arrange", db)
    assert ADDED in arranged["athletes"] and arranged["week"] == 3
    app.send_signal(signal.SIGTERM)
    _closed_cleanly(db, _ended(app))
    assert ADDED in _athletes_in_main_file(db, tmp_path)
    settings = _settings_file().read_text()
    assert "geometry=" in settings and "state=" in settings

    app, seen = _start(started, tmp_path, "look", db)
    assert seen == arranged  # window size and place, the dock's side, athlete and week
    app.send_signal(signal.SIGINT)  # Ctrl+C in the terminal
    _closed_cleanly(db, _ended(app))

    log = next(Path(os.environ["XDG_STATE_HOME"]).rglob("runstrong.log")).read_text()
    assert "SIGTERM received" in log and "SIGINT received" in log
    assert log.count("store closed") == 2
    assert "the last run did not end cleanly" not in log  # no full check after either


def _modes(root: Path) -> dict[str, str]:
    found = {}
    for path in sorted(root.rglob("*")):
        mode = stat.S_IMODE(path.lstat().st_mode)
        found[str(path.relative_to(root))] = oct(mode)
    return found


@pytest.mark.slow
def test_every_file_the_app_writes_is_0600_in_folders_0700(
    tmp_path: Path, started: list[subprocess.Popen[str]]
) -> None:
    """Lock (PID, host name), settings, store, backups, log: this user's only."""
    home = Path(os.environ["HOME"])

    def wrong(modes: dict[str, str]) -> dict[str, str]:
        return {
            name: mode
            for name, mode in modes.items()
            if mode != ("0o700" if (home / name).is_dir() else "0o600")
            and (home / name).exists()  # a -shm that went meanwhile
        }

    app, _seen = _start(started, tmp_path, "look", None)  # the default store, in the data folder
    while_running = _modes(home)
    assert any(name.endswith(".lock") for name in while_running)
    assert wrong(while_running) == {}
    app.send_signal(signal.SIGTERM)
    code = _ended(app)
    after = _modes(home)
    assert any(name.endswith("RunStrong.conf") for name in after)
    assert any(name.endswith("runstrong.log") for name in after)
    assert wrong(after) == {}
    assert code == 0
