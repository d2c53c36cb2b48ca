"""The desktop bundle runs without Python: ``make bundle-smoke`` builds it and runs these.

The build takes about a minute, so ``make test`` skips them (no ``RUNSTRONG_BUNDLE``);
CI (.ci/run) runs ``make bundle-smoke`` after ``make test``. Each test runs the bundled
executable as a user would, in a home of its own, and looks at what it printed, the
store it made, the PDF it wrote and the log it kept.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from runstrong_gui import __version__

ROOT = Path(__file__).resolve().parents[1]
WINDOW_SECONDS = 4  # the window stays up this long after its start-up backup


@pytest.fixture(scope="module")
def bundle() -> Path:
    given = os.environ.get("RUNSTRONG_BUNDLE")
    if not given:
        pytest.skip("no bundle given (make bundle-smoke builds one and sets RUNSTRONG_BUNDLE)")
    path = Path(given)
    if not path.is_absolute():
        path = ROOT / path
    assert path.is_file(), f"{path} is missing: run make bundle"
    return path


def _env(home: Path) -> dict[str, str]:
    """A user with nothing but a home: no Python on PATH, no virtual environment."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "RUNSTRONG_DATA_DIR": str(home / "data" / "RunStrong"),
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
    }


def _run(bundle: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bundle), *args], env=_env(home), cwd=home, capture_output=True, text=True, timeout=120
    )


def test_version_names_the_app_and_what_it_runs_on(bundle: Path, tmp_path: Path) -> None:
    out = _run(bundle, tmp_path, "--version")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == f"RunStrong {__version__} (bundle)"
    names = [line.split(" ", 1)[0] for line in lines]
    assert names[:6] == ["RunStrong", "Python", "Qt", "PySide6", "SQLAlchemy", "ReportLab"]
    # _rl_accel is imported through exec(): a bundle that lost it says "off"
    assert any(line.startswith("ReportLab ") and "(rl_accel on)" in line for line in lines)


def test_window_makes_a_store_and_export_prints_a_handout(bundle: Path, tmp_path: Path) -> None:
    log = tmp_path / "state" / "RunStrong" / "log" / "runstrong.log"
    window = subprocess.Popen(
        [str(bundle)],
        env=_env(tmp_path),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and window.poll() is None:
            if log.is_file() and "backup saved" in log.read_text("utf-8"):
                break
            time.sleep(0.2)
        time.sleep(WINDOW_SECONDS)
        assert window.poll() is None, "the window quit by itself"
        window.send_signal(signal.SIGTERM)  # quits as File > Quit does
        _out, err = window.communicate(timeout=30)
    finally:
        if window.poll() is None:
            window.kill()
            window.communicate()
    text = log.read_text("utf-8")
    assert window.returncode == 0, err
    assert "Traceback" not in err and "Traceback" not in text, text
    assert "store opened" in text and "backup saved" in text, text  # migrations ran

    athletes = _run(bundle, tmp_path, "athletes")
    assert athletes.returncode == 0, athletes.stderr
    assert athletes.stdout.splitlines() == ["2\tDemo — Alex Rivera", "1\tSample Runner"]

    pdf = tmp_path / "handout.pdf"
    export = _run(bundle, tmp_path, "export", "handout", "--athlete-id", "1", "--out", str(pdf))
    assert export.returncode == 0, export.stderr
    from pypdf import PdfReader

    page = PdfReader(pdf).pages[0]
    assert "Sample Runner" in page.extract_text()
    fonts = {str(f.get_object()["/BaseFont"]) for f in page["/Resources"]["/Font"].values()}
    assert any("DejaVuSans" in f for f in fonts), fonts  # the bundled fonts, embedded


def test_bundle_carries_what_is_loaded_by_name(bundle: Path) -> None:
    """What import analysis cannot see: modules imported by name and files read by path."""
    from PyInstaller.archive.readers import CArchiveReader

    modules = set(CArchiveReader(str(bundle)).open_embedded_archive("PYZ.pyz").toc)
    assert {"reportlab.graphics.barcode.code128", "reportlab.graphics.barcode.qr"} <= modules
    assert "runstrong_gui.ui.printing.feature" in modules
    internal = bundle.parent / "_internal"
    assert list(internal.glob("_rl_accel*"))
    assert (internal / "runstrong_gui/storage/migrations/env.py").is_file()
    assert list((internal / "runstrong_gui/storage/migrations/versions").glob("0001_*.py"))
    assert (internal / "runstrong_gui/resources/icons/runstrong-512.png").is_file()
    assert (internal / "runstrong_gui/resources/interchange/runstrong-1.schema.json").is_file()


def _quit_when_ready(command: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {**_env(home), "RUNSTRONG_QUIT_WHEN_READY": "1"}
    return subprocess.run(command, env=env, cwd=home, capture_output=True, text=True, timeout=120)


def test_quit_when_ready_stamps_the_week_on_screen(tmp_path: Path) -> None:
    """What packaging/start_time.py (make bench) times, from the venv: runs in make test."""
    env_path = {"PYTHONPATH": str(ROOT)}
    started = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-m", "runstrong_gui"],
        env={**_env(tmp_path), **env_path, "RUNSTRONG_QUIT_WHEN_READY": "1"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    [line] = [ln for ln in out.stdout.splitlines() if ln.startswith("ready ")]
    assert started < float(line.split()[1]) < time.monotonic()
    assert (tmp_path / "data" / "RunStrong" / "runstrong.sqlite3").is_file()


def test_bundle_quits_when_ready(bundle: Path, tmp_path: Path) -> None:
    out = _quit_when_ready([str(bundle)], tmp_path)
    assert out.returncode == 0, out.stderr
    assert any(ln.startswith("ready ") for ln in out.stdout.splitlines())
