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
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"RunStrong {__version__}"


def test_athletes_creates_the_store_and_lists_the_sample(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "sub" / "clinic.sqlite3"
    assert main(["--db", str(db), "athletes"]) == 0
    assert capsys.readouterr().out == "1\tSample Runner\n"
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert main(["athletes", "--db", str(db)]) == 0  # the option also works after the command
    assert capsys.readouterr().out == "1\tSample Runner\n"


def test_env_url_and_default_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNSTRONG_DB_URL", f"sqlite+pysqlite:///{tmp_path}/env.sqlite3")
    assert store_url(None).endswith("env.sqlite3")
    assert store_url(str(tmp_path / "x.db")).endswith("x.db")  # --db wins
    monkeypatch.delenv("RUNSTRONG_DB_URL")
    assert store_url(None).endswith(os.path.join("RunStrong", "runstrong.sqlite3"))


def test_bad_store_gives_a_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "notes.txt"
    db.write_text("shopping list")
    assert main(["--db", str(db), "athletes"]) == 2
    err = capsys.readouterr().err
    assert "not a RunStrong store" in err and "Traceback" not in err
    assert db.read_text() == "shopping list"


def test_module_entry_point(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "runstrong_gui", "--db", str(tmp_path / "m.sqlite3"), "athletes"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Sample Runner" in out.stdout
