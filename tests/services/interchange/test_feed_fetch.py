"""Fetching a pasted feed address: the local server stands in for Runna's."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest

from runstrong_gui.services.interchange.fetch import feed_url, fetch, read_source
from runstrong_gui.services.interchange.ics_import import MAX_BYTES, FeedError, parse_calendar
from tests.services.interchange.feeds import NOW, RUNNA, send, serving


def test_feed_is_fetched_from_the_address() -> None:
    with serving(send(RUNNA.read_bytes())) as base:
        data = fetch(f"{base}/plan.ics")
    assert len(parse_calendar(data, now=NOW)) == 9


@pytest.mark.parametrize(
    ("typed", "fetched"),
    [
        ("webcal://cal.runna.com/u/abc.ics", "https://cal.runna.com/u/abc.ics"),
        ("  https://x.example/a.ics ", "https://x.example/a.ics"),
    ],
)
def test_webcal_is_fetched_over_https(typed: str, fetched: str) -> None:
    assert feed_url(typed) == fetched


@pytest.mark.parametrize("typed", ["http://cal.example.com/a.ics", "ftp://x/a.ics", "https://"])
def test_other_addresses_are_refused(typed: str) -> None:
    with pytest.raises(FeedError):
        feed_url(typed)


def test_http_error_gets_a_message() -> None:
    with (
        serving(send(b"Not found", status=404, kind="text/plain")) as base,
        pytest.raises(FeedError, match="answered 404"),
    ):
        fetch(f"{base}/gone.ics")


def test_html_answer_gets_a_message() -> None:
    page = b"<!DOCTYPE html>\n<html><head><title>Log in</title></head></html>"
    with serving(send(page, kind="text/html")) as base:
        data = fetch(f"{base}/plan.ics")
    with pytest.raises(FeedError, match="web page"):
        parse_calendar(data)


def test_time_out_gets_a_message() -> None:
    release = threading.Event()

    def stall(handler: http.server.BaseHTTPRequestHandler) -> None:
        release.wait(5)

    with serving(stall) as base:
        try:
            with pytest.raises(FeedError, match="did not answer within"):
                fetch(f"{base}/slow.ics", timeout=0.3)
        finally:
            release.set()


def test_missing_file_gets_a_message(tmp_path: Path) -> None:
    with pytest.raises(FeedError, match="There is no file"):
        read_source(f"{tmp_path}/nope.ics")


def test_a_gigabyte_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "plan.ics"
    with huge.open("wb") as f:
        f.truncate(1024**3)  # sparse: no gigabyte is written
    with pytest.raises(FeedError, match="1024 MB; RunStrong reads calendars up to 20 MB"):
        read_source(str(huge))


def test_an_oversized_answer_is_refused() -> None:
    answer = send(b"BEGIN:VCALENDAR\r\n" + b" " * (MAX_BYTES + 10))
    with serving(answer) as base, pytest.raises(FeedError, match="more than 20 MB"):
        fetch(f"{base}/plan.ics")
