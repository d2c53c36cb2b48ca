"""The history-import tables: a store made before them opens and gains them."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from runstrong_gui.services.bootstrap import prepare_store
from runstrong_gui.services.interchange import history_import as hi
from runstrong_gui.services.interchange.history_csv import read_history_file
from runstrong_gui.storage.engine import MIGRATIONS_DIR, create_store_engine, sqlite_url
from runstrong_gui.storage.store import Store

DATA = Path(__file__).resolve().parents[1] / "data" / "history"


def test_a_store_made_at_0001_opens_and_can_import(db_path: Path, tmp_path: Path) -> None:
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    for script in (scripts / "versions").glob("*.py"):
        if not script.name.startswith("0001"):
            script.unlink()
    old = Store(create_store_engine(sqlite_url(db_path), script_location=scripts))
    prepare_store(old)
    old.close()
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    athletes = con.execute("SELECT id, name FROM athletes").fetchall()
    con.close()

    store = Store.open(sqlite_url(db_path))
    try:
        with store.transaction() as tx:
            assert [(a.id, a.name) for a in tx.athletes()] == athletes
        preview = hi.preview_import(
            store, athletes[0][0], read_history_file(DATA / "hevy_kg.csv", "hevy")
        )
        receipt = hi.import_history(store, preview, {n: hi.SKIP for n in preview.unmatched})
        assert receipt.workouts == 2
    finally:
        store.close()
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0003",)
    assert con.execute("SELECT count(*) FROM imported_workouts").fetchone() == (2,)
    con.close()
