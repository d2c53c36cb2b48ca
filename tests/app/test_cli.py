"""The command line a script or a clinic's batch job would use."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from runstrong_gui import __version__
from runstrong_gui.app.cli import main, store_url


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """What a bug report needs: the app's version and those of what it runs on."""
    import platform

    import PySide6
    import reportlab
    import sqlalchemy
    from PySide6.QtCore import qVersion

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"RunStrong {__version__}"
    assert f"Python {platform.python_version()} (CPython)" in lines
    assert f"Qt {qVersion()}" in lines
    assert f"PySide6 {PySide6.__version__}" in lines
    assert f"SQLAlchemy {sqlalchemy.__version__}" in lines
    assert f"ReportLab {reportlab.Version} (rl_accel on)" in lines


def test_version_says_when_reportlab_runs_without_its_accelerator() -> None:
    code = (
        "import sys; sys.modules['_rl_accel'] = None;"
        "from runstrong_gui.app.cli import main; main(['--version'])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "(rl_accel off)" in out.stdout


def _made(db: Path) -> Path:
    """A prepared store at ``db`` (the window makes them; commands only read them)."""
    from runstrong_gui.services.bootstrap import prepare_store
    from runstrong_gui.storage.store import Store

    store = Store.open(store_url(str(db)))
    prepare_store(store)
    store.close()
    return db


def test_athletes_lists_the_store_s_athletes(
    store: object, db_arg: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db_arg, "athletes"]) == 0
    assert capsys.readouterr().out == "1\tSample Runner\n"
    assert main(["athletes", "--db", db_arg]) == 0  # the option also works after the command
    assert capsys.readouterr().out == "1\tSample Runner\n"


@pytest.mark.sqlite_only(reason="file modes and folders are a store file's")
def test_athletes_on_a_store_file_in_a_new_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _made(tmp_path / "sub" / "clinic.sqlite3")
    assert main(["--db", str(db), "athletes"]) == 0
    assert capsys.readouterr().out == "1\tSample Runner\n"
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


READING = {
    "athletes": ["athletes"],
    "export": ["export", "week", "--athlete-id", "1", "--out", "{tmp}/x.pdf"],
    "check": ["check"],
    "backup": ["backup"],
}
NOT_STORES = {
    "missing folders": ("{tmp}/a/b/clinic.sqlite3", "there is no store at {db}."),
    "in /proc": ("/proc/x.sqlite3", "there is no store at /proc/x.sqlite3."),
    "/dev/null": ("/dev/null", "/dev/null is a device, not a store file."),
    "a folder": ("{tmp}", "{tmp} is a folder, not a store file."),
    "a named pipe": ("{tmp}/pipe", "{tmp}/pipe is a named pipe, not a store file."),
    "under a file": ("{tmp}/notes.txt/x.sqlite3", "{db} cannot be reached (Not a directory)."),
    "a long name": ("{tmp}/" + "n" * 300, "{db} cannot be reached (File name too long)."),
}


@pytest.mark.sqlite_only(reason="paths that are not store files")
@pytest.mark.timeout(60)
@pytest.mark.parametrize("where", list(NOT_STORES))
@pytest.mark.parametrize("command", list(READING))
def test_commands_that_read_never_make_a_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, where: str
) -> None:
    """Nothing is created (no folders, no file, no backups) and no traceback is shown."""
    (tmp_path / "notes.txt").write_text("shopping list")
    os.mkfifo(tmp_path / "pipe", 0o600)
    before = sorted(tmp_path.rglob("*"))
    given, message = NOT_STORES[where]
    db = given.format(tmp=tmp_path)
    args = [a.format(tmp=tmp_path) for a in READING[command]]
    assert main([*args, "--db", db]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("runstrong")
    assert message.format(tmp=tmp_path, db=db) in captured.err
    assert "Traceback" not in captured.err and len(captured.err.splitlines()) == 1
    assert sorted(tmp_path.rglob("*")) == before
    assert not Path("/proc/x.sqlite3").exists()


@pytest.mark.sqlite_only(reason="the default store is a file")
def test_env_url_and_default_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNSTRONG_DB_URL", f"sqlite+pysqlite:///{tmp_path}/env.sqlite3")
    assert store_url(None).endswith("env.sqlite3")
    assert store_url(str(tmp_path / "x.db")).endswith("x.db")  # --db wins
    monkeypatch.delenv("RUNSTRONG_DB_URL")
    assert store_url(None).endswith(os.path.join("RunStrong", "runstrong.sqlite3"))


@pytest.mark.sqlite_only(reason="a damaged store file")
def test_bad_store_gives_a_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "notes.txt"
    db.write_text("shopping list")
    assert main(["--db", str(db), "athletes"]) == 2
    err = capsys.readouterr().err
    assert "not a RunStrong store" in err and "Traceback" not in err
    assert db.read_text() == "shopping list"


@pytest.mark.sqlite_only(reason="a store file made by the entry point")
def test_module_entry_point(tmp_path: Path) -> None:
    db = _made(tmp_path / "m.sqlite3")
    out = subprocess.run(
        [sys.executable, "-m", "runstrong_gui", "--db", str(db), "athletes"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Sample Runner" in out.stdout
