"""Installed from a wheel (not editable), the app still finds its resources."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from runstrong_gui import __version__

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
    assert "runstrong_gui/resources/interchange/runstrong-1.schema.json" in names
    assert any(n.startswith("runstrong_gui/storage/migrations/versions/0001") for n in names)
    assert "runstrong_gui/storage/migrations/env.py" in names
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry).decode()
    # a console launcher for the commands, a GUI one for menus
    assert "[console_scripts]\nrunstrong = runstrong_gui.app.cli:main" in text
    assert "[gui_scripts]\nrunstrong-gui = runstrong_gui.app.cli:main" in text
    assert "runstrong_gui/resources/icons/runstrong-512.png" in names


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


# -- desktop integration ------------------------------------------------------------------
LINUX = ROOT / "packaging" / "linux"
APP_ID = "org.runstrong.RunStrong"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is missing (make system-deps installs it)")
    return found


def test_desktop_entry_is_valid() -> None:
    out = subprocess.run(
        [_tool("desktop-file-validate"), str(LINUX / f"{APP_ID}.desktop")],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0 and "error" not in out.stdout, out.stdout + out.stderr


def test_metainfo_is_valid_and_names_this_version() -> None:
    metainfo = LINUX / f"{APP_ID}.metainfo.xml"
    out = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", str(metainfo)],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    newest = ElementTree.parse(metainfo).find("releases/release")
    assert newest is not None and newest.get("version") == __version__


def test_changelog_starts_with_this_version() -> None:
    first = next(
        line
        for line in (ROOT / "CHANGELOG.md").read_text("utf-8").splitlines()
        if line[:3] == "## "
    )
    assert first.startswith(f"## {__version__} ")


def test_icons_are_drawn_at_every_size() -> None:
    for size in ICON_SIZES:
        data = (ROOT / "resources" / "icons" / f"runstrong-{size}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", data[16:24]) == (size, size)


def test_install_desktop_puts_entry_and_icons_in_the_users_folders(tmp_path: Path) -> None:
    _tool("make")
    launcher = tmp_path / "my apps" / "runstrong-gui"
    out = subprocess.run(
        ["make", "-s", "install-desktop", f"XDG_DATA_HOME={tmp_path}", f"RUNSTRONG_GUI={launcher}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    entry = tmp_path / "applications" / f"{APP_ID}.desktop"
    assert f'Exec="{launcher}"' in entry.read_text("utf-8").splitlines()
    for size in ICON_SIZES:
        assert (tmp_path / f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png").is_file()
    assert (tmp_path / f"icons/hicolor/scalable/apps/{APP_ID}.svg").is_file()
    assert (tmp_path / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(
            ["desktop-file-validate", str(entry)], capture_output=True, text=True
        )
        assert check.returncode == 0, check.stdout
