"""Text that cannot be stored (a lone surrogate from a broken paste) is refused at the
boundary with a message naming the field, before anything is written."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import SetLog
from runstrong_gui.services import editing, set_logs, templates
from runstrong_gui.services.athletes import save_athlete
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.store import Store

THURSDAY = dt.date(2026, 3, 5)  # the sample week's strength session
BAD = "Left\ud800knee"


def _dump(store: Store) -> list[tuple[object, ...]]:
    """Every row of every table: nothing may change when a value is refused."""
    from sqlalchemy import inspect

    with store.engine.connect() as con:
        tables = sorted(inspect(con).get_table_names())
        return [
            (t, *row)
            for t in tables
            for row in con.exec_driver_sql(f"SELECT * FROM {t} ORDER BY 1")
        ]


def _strength(store: Store) -> editing.SessionView:
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        assert athlete.id is not None
        sid = next(
            s.id for s in tx.day_sessions(athlete.id, THURSDAY) if s.kind is SessionKind.STRENGTH
        )
    view = editing.read_session(store, sid or -1)
    assert view is not None
    return view


@pytest.mark.parametrize("field", ["name", "notes"])
def test_athlete_text_with_a_lone_surrogate_is_refused(store: Store, field: str) -> None:
    queries = Queries(store)
    athlete = queries.athletes()[0]
    before = _dump(store)
    with pytest.raises(ValidationError) as err:
        save_athlete(queries.store, dataclasses.replace(athlete, **{field: BAD}))
    assert err.value.field == field.capitalize()
    assert "invalid character (U+D800" in err.value.message
    assert _dump(store) == before


def test_tempo_title_note_and_template_name_refuse_a_lone_surrogate(store: Store) -> None:
    view = _strength(store)
    planned, exercise = view.items[0]
    before = _dump(store)
    refused = []
    for build in (
        lambda: editing.update_dose(view.session, planned, exercise, "tempo", "3\ud8001"),
        lambda: editing.update_session_field(view.session, "title", BAD),
        lambda: set_logs.set_log_note(
            view.session, planned, exercise, [SetLog(planned.id or 0, 1, 10)], BAD
        ),
        lambda: templates.save_template(store, BAD, "session", {"items": []}),
    ):
        with pytest.raises(ValidationError) as err:
            build()
        refused.append(err.value.field)
        assert "lone surrogate" in err.value.message
    assert refused == ["Tempo", "Title", "Note", "Name"]
    assert _dump(store) == before
