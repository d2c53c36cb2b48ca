"""Contact fields and the demo flag on athletes (revision 0003): checked, stored, and an
older store upgrades with every athlete kept."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import Athlete
from runstrong_gui.storage.engine import sqlite_url
from runstrong_gui.storage.store import Store
from tests.storage.old_stores import store_at_0001


def test_store_made_at_0001_opens_with_every_athlete(db_path: Path, tmp_path: Path) -> None:
    store_at_0001(db_path, tmp_path)
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
