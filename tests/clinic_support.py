"""A clinic store set up as its administrator does it (``runstrong clinic init``,
``add-therapist``, ``assign``), and raw connections as one of its logins: shared by the
row-security, rights and audit tests."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest

from runstrong_gui.app.cli import main


def new_clinic(pg_server: Any) -> tuple[str, str]:
    """A fresh database made a clinic store: (its name, its address)."""
    name = pg_server.new_database()
    url = pg_server.url(name)
    assert main(["clinic", "init", "--url", url]) == 0
    return name, url


def add_therapists(url: str, monkeypatch: pytest.MonkeyPatch, *names: str) -> None:
    """Each a therapist's login, with the password ``pw-NAME`` (read from stdin)."""
    for who in names:
        monkeypatch.setattr("sys.stdin", io.StringIO(f"pw-{who}\n"))
        assert main(["clinic", "add-therapist", who, "--url", url]) == 0


def assign(url: str, who: str, athlete_id: int) -> None:
    assert main(["clinic", "assign", who, "--athlete-id", str(athlete_id), "--url", url]) == 0


def drop_clinic(pg_server: Any, name: str, *therapists: str) -> None:
    pg_server.drop_database(name)
    pg_server.execute(*(f"DROP ROLE IF EXISTS {who}" for who in therapists))


@contextmanager
def clinic_with(pg_server: Any, monkeypatch: pytest.MonkeyPatch, *therapists: str) -> Iterator[str]:
    """A fresh clinic store (its database name) with these therapists' logins, dropped
    with them afterwards."""
    name, url = new_clinic(pg_server)
    add_therapists(url, monkeypatch, *therapists)
    try:
        yield name
    finally:
        drop_clinic(pg_server, name, *therapists)


def connect_as(pg_server: Any, database: str, who: str) -> psycopg.Connection[Any]:
    """A raw connection as ``who`` (the server's superuser for "postgres")."""
    password = None if who == "postgres" else f"pw-{who}"
    return psycopg.connect(
        host=str(pg_server.socket_dir), dbname=database, user=who, password=password,
        autocommit=True,
    )  # fmt: skip
