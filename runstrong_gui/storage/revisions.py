"""The schema's revisions (read from the migration scripts, not through Alembic, whose
import would cost every start) and the migration of a store, in one transaction."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from runstrong_gui.storage.errors import NewerSchemaError, StoreError

if TYPE_CHECKING:
    from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _alembic_config(script_location: Path) -> Any:
    from alembic.config import Config  # Alembic is loaded only when a migration runs

    cfg = Config()
    cfg.set_main_option("script_location", str(script_location))
    return cfg


_REVISION = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision\s*=\s*(?:None|['\"]([^'\"]+)['\"])", re.M)


@functools.lru_cache(maxsize=8)
def _revisions(script_location: Path) -> tuple[str, frozenset[str]]:
    """(head, every revision) of a migrations folder, read once per process.

    Read from the scripts' own ``revision`` lines rather than through Alembic, whose
    import costs ~0.2 s of every start; a test checks both agree.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in sorted((script_location / "versions").glob("*.py")):
        text = path.read_text("utf-8")
        found = _REVISION.search(text)
        if found is None:
            continue
        revisions.add(found.group(1))
        down = _DOWN.search(text)
        if down is not None and down.group(1):
            parents.add(down.group(1))
    heads = revisions - parents
    if len(heads) != 1:
        raise StoreError(f"The migrations have {len(heads)} heads; expected one.")
    return heads.pop(), frozenset(revisions)


def _current_revision(conn: Any) -> str | None:
    """The store's schema revision, read with plain SQL (no Alembic needed)."""
    from sqlalchemy import inspect

    if not inspect(conn).has_table("alembic_version"):
        return None
    row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return None if row is None else str(row[0])


def known_revisions(script_location: Path = MIGRATIONS_DIR) -> set[str]:
    return set(_revisions(Path(script_location))[1])


def head_revision(script_location: Path = MIGRATIONS_DIR) -> str:
    return _revisions(Path(script_location))[0]


def _check_revision(found: str | None, script_location: Path, where: str) -> None:
    if found is not None and found not in known_revisions(script_location):
        raise NewerSchemaError(
            f"{where} was written by a newer version of RunStrong (schema {found}); this "
            f"version understands schema {head_revision(script_location)} and older. "
            "Nothing was changed: update RunStrong to open it."
        )


def migrate(
    engine: Engine, script_location: Path = MIGRATIONS_DIR, *, read_only: bool = False
) -> None:
    """Apply every pending migration inside one transaction.

    On SQLite, foreign keys are off while it runs: a batch migration rebuilds a table
    (copy, ``DROP``, rename), and with them on the ``DROP`` of ``athletes`` would cascade
    into every session, planned exercise and set log. The keys are checked before the
    commit instead, and a store whose rows no longer match is left as it was. A store
    already at the head is not scanned: nothing was rebuilt, and on a clinic's store the
    scan cost most of a second of every start-up (the deep check looks at the keys).
    """
    with engine.connect() as conn:
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:  # SQLite ignores this pragma inside a transaction: set it before BEGIN
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            with conn.begin():
                upgraded = _upgrade(conn, script_location, read_only)
                if sqlite and upgraded and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise StoreError(
                        "Updating the store would leave rows that point at nothing. "
                        "Nothing was changed."
                    )
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


def _upgrade(conn: Any, script_location: Path, read_only: bool) -> bool:
    """Bring the store to the head; False if it was there already."""
    current = _current_revision(conn)
    _check_revision(current, script_location, "The store")
    if current == head_revision(script_location):
        return False
    if read_only:
        raise StoreError(
            "The store was made by an older RunStrong and needs an update, but it is "
            "read-only. Nothing was changed: copy it to a folder you can write to."
        )
    from alembic import command

    cfg = _alembic_config(script_location)
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")
    return True
