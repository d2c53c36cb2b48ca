"""``runstrong generate``: the block the dialog would make, written from a script."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from runstrong_gui.app.cli import main
from runstrong_gui.domain.enums import Equipment, Philosophy, SessionKind
from runstrong_gui.domain.generator import GeneratorOptions
from runstrong_gui.services import generate as gen
from runstrong_gui.storage.store import Store


def _strength(store: Store) -> list[tuple[dt.date, str, bool, tuple[tuple[int, int, int], ...]]]:
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        dates = gen.block_dates(athlete, 16)
        sessions = tx.sessions_between(athlete.id or 0, dates[0], dates[-1])
        details = tx.session_details([s for s in sessions if s.kind is SessionKind.STRENGTH])
    return [
        (
            d.session.date,
            d.session.source,
            d.session.done,
            tuple((p.exercise_id, p.sets, p.amount) for p, _e in d.items),
        )
        for d in details
    ]


def test_generate_writes_what_the_dialog_previews_and_keeps_done_sessions(
    store: Store, store_url: str, db_arg: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        first = next(
            s
            for s in tx.sessions_between(athlete.id or 0, athlete.block_start, dt.date.max)
            if s.kind is SessionKind.STRENGTH
        )
        tx.update_session(dataclasses.replace(first, done=True))
    done = [row for row in _strength(store) if row[2]]
    assert len(done) == 1
    options = GeneratorOptions(
        2, frozenset({Equipment.STEP, Equipment.BAND}), Philosophy.EASY_DAYS, False, 12, True
    )
    expected = gen.preview(store, athlete.id or 0, options)
    store.close()

    argv = ["generate", "--db", db_arg, "--athlete", athlete.name, "--days", "2"]
    argv += ["--equipment", "step,band", "--philosophy", "easy_days", "--weeks", "12"]
    assert main([*argv, "--no-plyometrics", "--replace", "--include-past"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{athlete.name}: ") and "over 12 weeks generated" in out

    store = Store.open(store_url)
    rows = _strength(store)
    store.close()
    assert [r for r in rows if r[2]] == done  # history untouched
    written = [r for r in rows if r[1] == "generator"]
    done_week = {gen.week_number(athlete, done[0][0])}
    wanted = [
        (g.date, tuple((i.exercise_key_or_id, i.sets, i.amount) for i in g.items))
        for g in expected
        if g.week not in done_week or g.date != done[0][0]
    ]
    assert [(r[0], r[3]) for r in written] == [w for w in wanted if w[0] in {r[0] for r in written}]
    assert len(written) >= 22


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--days", "5"], "must be from 1 to 3 (got 5)"),
        (["--equipment", "rowing_machine"], "'rowing_machine' is not a valid choice"),
        (["--plyometrics"], "has not opted in to jumps"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(
    store: Store, db_arg: str, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    before = _strength(store)
    assert main(["generate", "--db", db_arg, "--athlete-id", "1", *extra]) == 2
    err = capsys.readouterr().err
    assert err.startswith("runstrong generate: ") and message in err, err
    assert _strength(store) == before
