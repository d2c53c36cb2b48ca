"""Installed from a wheel (not editable), the app still finds its resources."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    [whl] = out.glob("runstrong-*.whl")
    return whl


def test_wheel_carries_resources_and_migrations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "runstrong_gui/resources/library/exercises.json" in names
    assert "runstrong_gui/resources/library/templates.json" in names
    assert any(n.startswith("runstrong_gui/storage/migrations/versions/0001") for n in names)
    assert "runstrong_gui/storage/migrations/env.py" in names
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry).decode()
    assert "[gui_scripts]" in text and "runstrong = runstrong_gui.app.cli:main" in text


def test_installed_wheel_runs_from_elsewhere(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    code = (
        "import runstrong_gui, runstrong_gui.paths as p, sys;"
        "assert str(p.resources_dir()).startswith(sys.argv[1]), p.resources_dir();"
        "from runstrong_gui.app.cli import main, store_url;"
        "from runstrong_gui.services.bootstrap import prepare_store;"
        "from runstrong_gui.storage.store import Store;"
        "s = Store.open(store_url(sys.argv[2])); prepare_store(s); s.close();"  # as the window does
        "sys.exit(main(['--db', sys.argv[2], 'athletes']))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(target), str(tmp_path / "s.sqlite3")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert out.returncode == 0, out.stderr
    assert "Sample Runner" in out.stdout
