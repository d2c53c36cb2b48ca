"""The history-import tables: a store made before them opens and gains them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from runstrong_gui.services.bootstrap import prepare_store
from runstrong_gui.services.interchange import history_import as hi
from runstrong_gui.services.interchange.history_csv import read_history_file
from runstrong_gui.storage.engine import sqlite_url
from runstrong_gui.storage.revisions import head_revision
from runstrong_gui.storage.store import Store
from tests.storage.old_stores import store_at_0001

DATA = Path(__file__).resolve().parents[1] / "data" / "history"


def test_a_store_made_at_0001_opens_and_can_import(db_path: Path, tmp_path: Path) -> None:
    store_at_0001(db_path, tmp_path)
    store = Store.open(sqlite_url(db_path))
    try:
        with store.transaction() as tx:
            athletes = [(a.id, a.name) for a in tx.athletes()]
        assert [name for _, name in athletes] == ["Old Client"]
        prepare_store(store)  # the library the imported names are matched against
        preview = hi.preview_import(
            store, athletes[0][0], read_history_file(DATA / "hevy_kg.csv", "hevy")
        )
        receipt = hi.import_history(store, preview, {n: hi.SKIP for n in preview.unmatched})
        assert receipt.workouts == 2
    finally:
        store.close()
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (head_revision(),)
    assert con.execute("SELECT count(*) FROM imported_workouts").fetchone() == (2,)
    con.close()
