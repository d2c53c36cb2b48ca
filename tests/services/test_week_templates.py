"""Week plans are laid on the days they name (Monday … Sunday), whatever day the
athlete's week starts on."""

from __future__ import annotations

import datetime as dt

from runstrong_gui.domain.models import Athlete, SessionDetail
from runstrong_gui.services import changes
from runstrong_gui.services.bootstrap import apply_week_template
from runstrong_gui.services.templates import apply_week_to_days, week_payload
from runstrong_gui.storage.store import Store

SUNDAY = dt.date(2026, 3, 8)


def _by_weekday(store: Store, athlete_id: int) -> dict[str, list[str]]:
    with store.transaction() as tx:
        sessions = tx.sessions_between(athlete_id, SUNDAY, SUNDAY + dt.timedelta(days=6))
    out: dict[str, list[str]] = {}
    for s in sessions:
        out.setdefault(s.date.strftime("%a"), []).append(s.kind.value)
    return out


def _sunday_athlete(store: Store, name: str) -> Athlete:
    with store.transaction() as tx:
        return tx.add_athlete(Athlete(name=name, week_start=6, block_start=SUNDAY))


def test_the_sample_week_keeps_its_weekdays_for_a_sunday_start_athlete(store: Store) -> None:
    athlete = _sunday_athlete(store, "Sunday starter")
    with store.transaction() as tx:
        sample = next(t for t in tx.templates("week") if t.key == "sample-week").payload
    changes.record(
        store, "Apply", athlete.id or 0, [SUNDAY], apply_week_to_days(athlete, sample, SUNDAY)
    )
    expected = {
        "Mon": ["easy", "strength"],
        "Tue": ["walk"],
        "Wed": ["moderate"],
        "Thu": ["strength"],
        "Fri": ["rest"],
        "Sat": ["long"],
        "Sun": ["walk"],
    }
    assert _by_weekday(store, athlete.id or 0) == expected
    other = _sunday_athlete(store, "Sunday starter two")
    with store.transaction() as tx:  # the first-run path lays it out the same way
        apply_week_template(tx, other, sample, SUNDAY)
    assert _by_weekday(store, other.id or 0) == expected


def test_a_saved_week_is_named_by_weekday_and_old_offsets_still_apply(store: Store) -> None:
    athlete = _sunday_athlete(store, "Sunday starter")
    with store.transaction() as tx:
        sample = next(t for t in tx.templates("week") if t.key == "sample-week").payload
        apply_week_template(tx, athlete, sample, SUNDAY)
        sessions = tx.sessions_between(athlete.id or 0, SUNDAY, SUNDAY + dt.timedelta(days=6))
    saved = week_payload("Mine", SUNDAY, [SessionDetail(s) for s in sessions])
    assert [d["weekday"] for d in saved["days"]] == [6, 0, 1, 2, 3, 4, 5]
    old = {"days": [{"offset": 1, "sessions": [{"kind": "long", "title": "Long"}]}]}
    second = _sunday_athlete(store, "Old template")
    changes.record(
        store, "Apply", second.id or 0, [SUNDAY], apply_week_to_days(second, old, SUNDAY)
    )
    assert _by_weekday(store, second.id or 0) == {"Mon": ["long"]}
