"""The hand-written feeds of tests/data/feeds, and a local HTTP server to serve them."""

from __future__ import annotations

import datetime as dt
import http.server
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from zoneinfo import ZoneInfo

FEEDS = Path(__file__).resolve().parents[2] / "data" / "feeds"
RUNNA = FEEDS / "runna_half_marathon.ics"
TRAININGPEAKS = FEEDS / "trainingpeaks_plan.ics"
NOW = dt.datetime(2026, 3, 12, 12, 0)
NEW_YORK = ZoneInfo("America/New_York")

Answer = Callable[[http.server.BaseHTTPRequestHandler], None]


@contextmanager
def serving(answer: Answer) -> Iterator[str]:
    """A server on 127.0.0.1 in a thread, answering every GET with ``answer``; yields
    its base URL."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            answer(self)

        def log_message(self, *_args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def send(body: bytes, status: int = 200, kind: str = "text/calendar") -> Answer:
    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", kind)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return answer
