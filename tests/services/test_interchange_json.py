"""RunStrong JSON: streamed export, schema, round trip, merge by uid, bad input."""

from __future__ import annotations

import io
import json
import stat
from pathlib import Path

import jsonschema
import msgspec
import pytest
from interchange_support import empty_store, full_store

from runstrong_gui.domain.interchange import Document
from runstrong_gui.paths import resources_dir
from runstrong_gui.services.interchange import data_export, json_import
from runstrong_gui.services.interchange.json_import import ImportRefused
from runstrong_gui.storage.store import Store

SCHEMA = resources_dir() / "interchange" / "runstrong-1.schema.json"


def _export(store: Store, athlete_id: int | None = None) -> bytes:
    out = io.BytesIO()
    data_export.write_json(store, out, athlete_id)
    return out.getvalue()


def _counts(store: Store) -> dict[str, int]:
    from sqlalchemy import text

    with store.engine.connect() as c:
        return {
            t: c.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
            for t in (
                "athletes",
                "exercises",
                "templates",
                "training_sessions",
                "planned_exercises",
                "set_logs",
            )
        }


@pytest.fixture
def full(tmp_path: Path) -> Store:
    return full_store(tmp_path / "full.sqlite3")


@pytest.fixture
def empty(tmp_path: Path) -> Store:
    return empty_store(tmp_path / "empty.sqlite3")


def test_export_follows_the_shipped_schema(full: Store) -> None:
    doc = json.loads(_export(full))
    jsonschema.validate(doc, json.loads(SCHEMA.read_text("utf-8")))
    assert doc["format"] == "runstrong" and doc["version"] == 1
    assert [a["name"] for a in doc["athletes"]] == ["Sample Runner", "Ånne Lbs"]
    assert [e["name"] for e in doc["exercises"]] == ["Hip thrust on bench"]
    gym = next(s for s in doc["sessions"] if s["done"])
    assert gym["exercises"][0]["exercise_uid"] == doc["exercises"][0]["uid"]
    assert [x["load_kg"] for x in gym["exercises"][0]["logs"]] == [42.5, 45.0, 47.5]
    assert gym["exercises"][1]["exercise_key"]  # a built-in, named by its key
    # the saved routine names the custom exercise by uid, not by this store's id
    (item,) = [i for i in doc["templates"][0]["payload"]["items"] if "exercise_uid" in i]
    assert item["exercise_uid"] == doc["exercises"][0]["uid"]


def test_shipped_schema_is_the_format(tmp_path: Path) -> None:
    """The schema file is generated from the typed records; regenerate it when they change."""
    from runstrong_gui.services.interchange.schema import json_schema

    assert json.loads(SCHEMA.read_text("utf-8")) == json_schema()


def test_round_trip_into_an_empty_store_gives_the_same_document(full: Store, empty: Store) -> None:
    first = _export(full)
    report = json_import.import_json(empty, first)
    assert report.added == {
        "athletes": 2,
        "custom exercises": 1,
        "templates": 1,
        "sessions": 10,
    }
    assert _export(empty) == first
    assert _counts(empty) == _counts(full)


def test_import_again_merges_by_uid_without_duplicates(full: Store, empty: Store) -> None:
    data = _export(full)
    json_import.import_json(empty, data)
    before = _counts(empty)
    report = json_import.import_json(empty, data)
    assert sum(report.added.values()) == 0
    assert report.kept == {"athletes": 2, "exercises": 1, "templates": 1, "sessions": 10}
    assert _counts(empty) == before
    # into the store it came from: nothing added, what was saved there kept
    assert sum(json_import.import_json(full, data).added.values()) == 0


def test_a_store_with_part_of_it_gets_only_the_rest(full: Store, empty: Store) -> None:
    whole = msgspec.json.decode(_export(full), type=Document)
    part = msgspec.structs.replace(whole, sessions=whole.sessions[:4])
    json_import.import_json(empty, msgspec.json.encode(part))
    report = json_import.import_json(empty, msgspec.json.encode(whole))
    assert report.added["sessions"] == 6 and report.added["athletes"] == 0
    assert _export(empty) == _export(full)


def test_one_athlete_export(full: Store) -> None:
    from runstrong_gui.domain.enums import ExerciseGroup
    from runstrong_gui.domain.models import Exercise

    with full.transaction() as tx:
        other = next(a for a in tx.athletes() if a.name == "Ånne Lbs")
        tx.add_exercise(Exercise("Nobody's drill", ExerciseGroup.CORE))
    doc = json.loads(_export(full, other.id))
    assert [a["name"] for a in doc["athletes"]] == ["Ånne Lbs"]
    assert [s["kind"] for s in doc["sessions"]] == ["long"]
    # the custom exercises its plans or the templates use; not the whole library
    assert [e["name"] for e in doc["exercises"]] == ["Hip thrust on bench"]
    every = json.loads(_export(full))
    assert [e["name"] for e in every["exercises"]] == ["Hip thrust on bench", "Nobody's drill"]


def test_export_file_is_user_only(full: Store, tmp_path: Path) -> None:
    out = tmp_path / "all.json"
    written = data_export.export_json(full, None, out)
    assert written.paths == (out,)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert json.loads(out.read_bytes())["format"] == "runstrong"


def _broken(full: Store, change: object) -> bytes:
    doc = json.loads(_export(full))
    change(doc)  # type: ignore[operator]
    return json.dumps(doc).encode()


def _set(path: str, value: object) -> object:
    def change(doc: dict) -> None:  # type: ignore[type-arg]
        *parts, last = path.split(".")
        node = doc
        for p in parts:
            node = node[int(p)] if p.isdigit() else node[p]
        node[int(last) if last.isdigit() else last] = value

    return change


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda full: b"\x89PNG\r\n\x1a\n\x00\x00", "not a RunStrong JSON file"),
        (lambda full: _export(full)[:-40], "not a RunStrong JSON file"),
        (lambda full: b"[1, 2]", "not a RunStrong JSON file"),
        (lambda full: b'{"format": "strong", "version": 1}', "$.format is 'strong'"),
        (lambda full: b'{"format": "runstrong", "version": 2}', "version 2; this RunStrong reads"),
        (
            lambda full: _broken(full, _set("sessions.3.exercises.0.sets", "three")),
            "at $.sessions[3].exercises[0].sets",
        ),
        (
            lambda full: _broken(full, _set("sessions.3.exercises.0.logs", [{"x": 1}])),
            "$.sessions[3].exercises[0].logs[0]",
        ),
        (lambda full: _broken(full, _set("sessions.0.kind", "swim")), "At $.sessions[0]: Kind"),
        (lambda full: _broken(full, _set("sessions.0.athlete", "nobody")), "$.sessions[0].athlete"),
        (
            lambda full: _broken(full, _set("sessions.1.exercises.0.sets", 99)),
            "At $.sessions[1].exercises[0]: Sets",
        ),
        (
            lambda full: _broken(full, _set("sessions.1.exercises.0.exercise_key", "no-such")),
            "no built-in exercise 'no-such'",
        ),
        (lambda full: _broken(full, _set("athletes.1.uid", None)), "$.athletes[1].uid"),
        (
            lambda full: _broken(full, _set("templates.0.payload", "DEEP")).replace(
                b'"DEEP"', b"[" * 100_000 + b"]" * 100_000
            ),
            "nests lists or objects too deeply",
        ),
    ],
)
def test_bad_input_is_refused_by_path_and_writes_nothing(
    full: Store, empty: Store, make: object, message: str
) -> None:
    data = make(full)  # type: ignore[operator]
    before = _counts(empty)
    with pytest.raises(ImportRefused) as caught:
        json_import.import_json(empty, data)
    assert message in str(caught.value)
    assert "Nothing was imported" in str(caught.value)
    assert _counts(empty) == before


def test_negative_reps_in_a_log_are_refused(full: Store, empty: Store) -> None:
    doc = json.loads(_export(full))
    index = next(i for i, s in enumerate(doc["sessions"]) if s["done"])
    doc["sessions"][index]["exercises"][0]["logs"][1]["amount"] = -5
    with pytest.raises(ImportRefused, match=rf"\$\.sessions\[{index}\]\.exercises\[0\]\.logs\[1\]"):
        json_import.import_json(empty, json.dumps(doc).encode())
    assert _counts(empty)["training_sessions"] == 0


def test_a_failure_while_writing_rolls_back_everything(
    full: Store, empty: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One transaction: a write that fails half way leaves the store as it was."""
    from runstrong_gui.storage import interchange

    calls = []
    real = interchange.add_session

    def failing(*args: object, **kwargs: object) -> None:
        calls.append(1)
        if len(calls) == 5:
            raise RuntimeError("disk gone")
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(interchange, "add_session", failing)
    before = _counts(empty)
    with pytest.raises(RuntimeError):
        json_import.import_json(empty, _export(full))
    assert _counts(empty) == before


def test_oversized_file_is_refused_before_reading(tmp_path: Path, empty: Store) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as fh:
        fh.truncate(json_import.MAX_BYTES + 1)  # sparse: no disk used
    with pytest.raises(ImportRefused, match="at most 512 MB"):
        json_import.import_json_file(empty, big)


def test_a_run_from_a_feed_keeps_its_text_and_event_through_a_round_trip(
    full: Store, empty: Store
) -> None:
    """Without them the card loses the feed's description, and the next update of the
    feed in the new store adds the run a second time."""
    import datetime as dt

    from runstrong_gui.domain.enums import SessionKind
    from runstrong_gui.domain.models import Session

    with full.transaction() as tx:
        athlete = tx.athletes()[0]
        tx.add_session(
            Session(
                athlete_id=athlete.id or 0,
                date=dt.date(2026, 3, 15),
                kind=SessionKind.LONG,
                title="Long Run • 16km",
                minutes=100,
                description="Long Run • 16km • 1h 35m - 1h 45m\n\nEasy, conversational.",
                external_id="runna-plan-5f2a1c-workout-0005@runna.com",
                external_seq=3,
            )
        )
    json_import.import_json(empty, _export(full))
    with empty.transaction() as tx:
        (run,) = [
            s
            for a in tx.athletes()
            for s in tx.sessions_between(a.id or 0, dt.date(2026, 3, 15), dt.date(2026, 3, 15))
            if s.external_id
        ]
    assert (run.external_id, run.external_seq) == ("runna-plan-5f2a1c-workout-0005@runna.com", 3)
    assert run.description.endswith("Easy, conversational.")
