"""Ten desktops saving into one PostgreSQL store at once: nothing is silently lost.

Each writer (concurrent_writer.py, a process of its own) reads a session or the
athlete as its screen would and saves one field through the services. Every save is
either acknowledged or reported as a conflict. An acknowledged save may be followed by
another one only if that one was made over the version it produced: no two saves of a
record are made over the same version (that would be a lost update), and what the
store holds at the end is, field by field, the last acknowledged save.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from runstrong_gui.storage.schema import AthleteRow, SessionRow
from runstrong_gui.storage.store import Store

WRITERS = 10
ROUNDS = 15
WRITER = Path(__file__).with_name("concurrent_writer.py")


@pytest.mark.timeout(240)
def test_ten_writers_lose_nothing(pg_server: Any, pg_prepared: str, tmp_path: Path) -> None:
    name = pg_server.new_database(pg_prepared)
    url = pg_server.url(name)
    start = time.time() + 6  # every process has loaded the app by then
    repo = Path(__file__).resolve().parents[2]
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                str(WRITER),
                url,
                str(w),
                str(ROUNDS),
                str(start),
                str(tmp_path / f"w{w}.jsonl"),
            ],
            cwd=repo,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(WRITERS)
    ]
    for p in procs:
        _out, err = p.communicate(timeout=200)
        assert p.returncode == 0, err
    records = [
        json.loads(line)
        for w in range(WRITERS)
        for line in (tmp_path / f"w{w}.jsonl").read_text().splitlines()
    ]
    assert len(records) == WRITERS * ROUNDS
    errors = [r for r in records if r["outcome"] == "error"]
    assert errors == []
    saved = [r for r in records if r["outcome"] == "saved"]
    conflicts = [r for r in records if r["outcome"] == "conflict"]
    assert saved and conflicts  # the writers did meet
    assert all("changed on another computer" in r["message"] for r in conflicts)

    by_record: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for r in saved:
        by_record[(r["record"], r["id"])].append(r)
    store = Store.open(url)
    try:
        with store.engine.connect() as con:
            for (kind, key), writes in by_record.items():
                overs = [w["over"] for w in writes]
                assert len(set(overs)) == len(overs), f"two saves over one version of {kind}"
                assert all(w["made"] == w["over"] + 1 for w in writes)
                table = AthleteRow if kind == "athlete" else SessionRow
                row = con.execute(select(table).where(table.id == key)).one()
                assert row.version == max(w["made"] for w in writes)
                for field in {w["field"] for w in writes}:
                    last = max((w for w in writes if w["field"] == field), key=lambda w: w["made"])
                    assert getattr(row, field) == last["value"], (kind, key, field)
    finally:
        store.close()
    print(f"{len(saved)} saved, {len(conflicts)} refused as conflicts, 0 lost")
