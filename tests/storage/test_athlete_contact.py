"""Contact fields and the demo flag on athletes (revision 0005): checked, stored, and an
older store upgrades with every athlete kept."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import Athlete
from runstrong_gui.storage.engine import MIGRATIONS_DIR, create_store_engine, sqlite_url
from runstrong_gui.storage.store import Store


def test_store_made_at_0001_opens_with_every_athlete(db_path: Path, tmp_path: Path) -> None:
    old = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, old, ignore=shutil.ignore_patterns("__pycache__"))
    for script in (old / "versions").glob("*.py"):
        if not script.name.startswith("0001_"):
            script.unlink()
    create_store_engine(sqlite_url(db_path), script_location=old).dispose()
    con = sqlite3.connect(db_path)
    con.execute(
        "INSERT INTO athletes (name, units, week_start, block_start, philosophy, notes,"
        " strength_days, equipment, avoid, plyometrics_ok, archived) VALUES"
        " ('Old Client', 'kg', 0, '2026-01-05', 'easy_days', '', 2, '[\"none\"]', '[]', 0, 0)"
    )
    con.commit()
    con.close()
    store = Store.open(sqlite_url(db_path))
    try:
        with store.transaction() as tx:
            (athlete,) = tx.athletes()
        assert (athlete.name, athlete.phone, athlete.email, athlete.demo) == (
            "Old Client",
            "",
            "",
            False,
        )
    finally:
        store.close()


def test_contact_fields_round_trip(store: Store) -> None:
    with store.transaction() as tx:
        a = tx.athletes()[0]
        tx.update_athlete(
            dataclasses.replace(a, phone=" +44 (20) 7946-0018 ", email="ana@example.org")
        )
    with store.transaction() as tx:
        b = tx.athlete(a.id)
    assert (b.phone, b.email, b.demo) == ("+44 (20) 7946-0018", "ana@example.org", False)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "call me", "Phone: 'call me' is not a phone number"),
        ("phone", "+-", "Phone: '+-' is not a phone number"),
        ("phone", "1" * 41, "Phone: must be at most 40 characters"),
        ("email", "ana.example.org", "Email: 'ana.example.org' is not an e-mail address"),
        ("email", "ana@localhost", "Email: 'ana@localhost' is not an e-mail address"),
        ("email", "a b@example.org", "is not an e-mail address"),
    ],
)
def test_bad_contact_is_refused_with_the_field_named(field: str, value: str, message: str) -> None:
    with pytest.raises(ValidationError) as info:
        Athlete(name="X", block_start=dt.date(2026, 1, 5), **{field: value})
    assert message in str(info.value)
