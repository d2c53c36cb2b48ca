"""Fetching a calendar feed the user pasted: the only network connection RunStrong makes,
and only on the user's command.

``webcal://`` is the same feed over ``https://``. Plain ``http://`` is refused (a feed
carries the athlete's training and often a private token), except to 127.0.0.1, where
the tests serve their feeds.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from runstrong_gui.services.interchange.ics_import import MAX_BYTES, FeedError

TIMEOUT_SECONDS = 20.0
_AGENT = "RunStrong (calendar import)"


def is_url(text: str) -> bool:
    return text.strip().lower().startswith(("https://", "webcal://", "http://"))


def feed_url(text: str) -> str:
    """The address that will be fetched for what the user typed (webcal → https)."""
    url = text.strip()
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "webcal":
        parts = parts._replace(scheme="https")
    elif scheme == "http" and parts.hostname == "127.0.0.1":
        pass  # the tests' local server
    elif scheme != "https":
        raise FeedError(
            f"'{url}' is not a calendar address RunStrong can fetch: use an https:// or "
            "webcal:// link."
        )
    if not parts.hostname:
        raise FeedError(f"'{url}' names no server.")
    return urllib.parse.urlunsplit(parts)


def fetch(text: str, timeout: float | None = None) -> bytes:
    """The feed's bytes; time-outs, HTTP errors and oversized answers raise FeedError."""
    timeout = TIMEOUT_SECONDS if timeout is None else timeout
    url = feed_url(text)
    host = urllib.parse.urlsplit(url).hostname
    request = urllib.request.Request(url, headers={"User-Agent": _AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            data: bytes = answer.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise FeedError(
            f"{host} answered {exc.code} {exc.reason}: the calendar could not be fetched. "
            "Check the link (it may have been revoked). Nothing was imported."
        ) from None
    except TimeoutError:
        raise FeedError(
            f"{host} did not answer within {timeout:g} seconds. Try again later. "
            "Nothing was imported."
        ) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise FeedError(
                f"{host} did not answer within {timeout:g} seconds. Try again later. "
                "Nothing was imported."
            ) from None
        raise FeedError(
            f"Could not reach {host} ({reason}). Check the connection and the link. "
            "Nothing was imported."
        ) from None
    except (http.client.HTTPException, OSError) as exc:
        raise FeedError(
            f"The answer from {host} broke off ({exc}). Nothing was imported."
        ) from None
    if len(data) > MAX_BYTES:
        raise FeedError(
            f"{host} sent more than {MAX_BYTES // 1024 // 1024} MB: that is not a training "
            "plan. Nothing was imported."
        )
    return data


def read_source(text: str, timeout: float | None = None) -> bytes:
    """The calendar's bytes from a pasted address or a file path."""
    if is_url(text):
        return fetch(text, timeout)
    path = Path(text.strip()).expanduser()
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise FeedError(
                f"{path.name} is {size / 1024 / 1024:.0f} MB; RunStrong reads calendars up to "
                f"{MAX_BYTES // 1024 // 1024} MB. Nothing was imported."
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise FeedError(f"There is no file {path}.") from None
    except IsADirectoryError:
        raise FeedError(f"{path} is a folder, not a calendar file.") from None
    except OSError as exc:
        raise FeedError(f"{path} could not be read: {exc.strerror or exc}.") from None
