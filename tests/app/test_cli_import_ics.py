"""``runstrong import ics``: a feed from a file or a local server; bad input writes nothing."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from runstrong_gui.app.cli import main, store_url
from runstrong_gui.services.bootstrap import SAMPLE_NAME
from runstrong_gui.services.interchange import fetch as fetching
from runstrong_gui.storage.store import Store
from tests.services.interchange.feeds import RUNNA, send, serving


@pytest.fixture
def db(tmp_path: Path) -> Path:
    from runstrong_gui.services.bootstrap import prepare_store

    path = tmp_path / "store.sqlite3"
    store = Store.open(store_url(str(path)))
    prepare_store(store)
    store.close()
    return path


def _state(db: Path) -> tuple[list[tuple[object, ...]], str | None]:
    store = Store.open(store_url(str(db)))
    try:
        with store.transaction() as tx:
            athlete = tx.athletes()[0]
            runs = [
                (s.date.isoformat(), s.kind.value, s.title, s.minutes, s.distance_km)
                for s in tx.imported_sessions(athlete.id or 0)
            ]
            return runs, athlete.feed_url
    finally:
        store.close()


def _import(db: Path, source: str, *more: str) -> int:
    return main(["--db", str(db), "import", "ics", source, "--athlete", SAMPLE_NAME, *more])


def test_file_import_prints_the_preview_and_reimport_changes_nothing(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _import(db, str(RUNNA), "--yes") == 0
    out = capsys.readouterr().out
    assert "9 to add, 0 to update, 0 unchanged" in out
    assert "15 Mar 2026  Long Run • 16km" in out
    runs, url = _state(db)
    assert len(runs) == 9 and url is None
    assert ("2026-03-15", "long", "Long Run • 16km", 100, 16.0) in runs

    assert _import(db, str(RUNNA), "--yes") == 0
    assert "0 to add, 0 to update, 9 unchanged" in capsys.readouterr().out
    assert _state(db) == (runs, None)


def test_without_yes_nothing_is_written(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _import(db, str(RUNNA)) == 1
    captured = capsys.readouterr()
    assert "9 to add" in captured.out
    assert "Nothing was imported (add --yes to import)" in captured.err
    assert _state(db) == ([], None)


def test_feed_url_is_fetched_and_remembered(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with serving(send(RUNNA.read_bytes())) as base:
        assert _import(db, f"{base}/plan.ics", "--yes") == 0
    runs, url = _state(db)
    assert len(runs) == 9 and url == f"{base}/plan.ics"
    assert f"Fetching {base}/plan.ics" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("png", "not an iCalendar file"),
        ("truncated", "cut short"),
        ("html", "web page (HTML)"),
        ("404", "answered 404"),
        ("timeout", "did not answer within"),
    ],
)
def test_bad_input_gets_a_message_and_writes_nothing(
    db: Path,
    tmp_path: Path,
    case: str,
    message: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fetching, "TIMEOUT_SECONDS", 0.3)
    png = tmp_path / "plan.ics"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    cut = tmp_path / "cut.ics"
    cut.write_bytes(RUNNA.read_bytes()[:2000])
    release = threading.Event()
    answers = {
        "html": send(b"<!doctype html><html><body>Log in</body></html>", kind="text/html"),
        "404": send(b"no", status=404, kind="text/plain"),
        "timeout": lambda h: release.wait(5),
    }
    try:
        if case in answers:
            with serving(answers[case]) as base:
                code = _import(db, f"{base}/plan.ics", "--yes")
        else:
            code = _import(db, str(png if case == "png" else cut), "--yes")
    finally:
        release.set()
    assert code == 2
    err = capsys.readouterr().err
    assert "runstrong import: " in err and message in err
    assert _state(db) == ([], None)


def test_unknown_athlete_is_refused(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db), "import", "ics", str(RUNNA), "--athlete", "Nobody"]) == 2
    assert "No athlete called 'Nobody'" in capsys.readouterr().err
