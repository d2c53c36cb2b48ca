"""Fetching a pasted feed address: the local server stands in for Runna's."""

from __future__ import annotations

import http.server
import threading

import pytest

from runstrong_gui.services.interchange.fetch import feed_url, fetch, read_source
from runstrong_gui.services.interchange.ics_import import FeedError, parse_calendar
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


def test_missing_file_gets_a_message(tmp_path: object) -> None:
    with pytest.raises(FeedError, match="There is no file"):
        read_source(f"{tmp_path}/nope.ics")
