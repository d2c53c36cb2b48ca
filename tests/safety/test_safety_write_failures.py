"""When the store cannot be written: a full disk, a read-only store, a file moved away.

Each failure gives a clear message, saves nothing of the failed action, and leaves what
was saved before intact.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from safety_support import AFTER, BEFORE, athlete_names, crash_after

from runstrong_gui.domain import Athlete
from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.domain.models import PlannedExercise, Session
from runstrong_gui.services import changes
from runstrong_gui.services.bootstrap import prepare_store
from runstrong_gui.storage.engine import StoreError, sqlite_url
from runstrong_gui.storage.store import Store, Tx

REPO = Path(__file__).resolve().parents[2]
DAY = dt.date(2026, 6, 1)


def add_session_action(title: str, notes: str = "") -> changes.Action:
    """One user action: a strength session with three planned exercises."""

    def action(tx: Tx) -> changes.Outcome:
        athlete_id = tx.athletes()[0].id
        assert athlete_id is not None
        s = tx.add_session(Session(athlete_id, DAY, SessionKind.STRENGTH, title=title, notes=notes))
        assert s.id is not None
        for i, e in enumerate(tx.exercises()[:3]):
            assert e.id is not None
            tx.add_planned(PlannedExercise(s.id, e.id, position=i, sets=3, amount=10))
        return changes.Outcome(created=(s.id,))

    return action


def saved_titles(path: Path) -> dict[str, int]:
    """Titles of the sessions on DAY with their number of planned exercises."""
    store = Store.open(sqlite_url(path))
    try:
        with store.transaction() as tx:
            athlete_id = tx.athletes()[0].id
            assert athlete_id is not None
            sessions = tx.day_sessions(athlete_id, DAY)
            planned = tx.planned_for([s.id for s in sessions if s.id is not None])
        with store.sqlite_connection() as con:
            assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        store.close()
    return {s.title: len(planned.get(s.id or -1, [])) for s in sessions}


# -- a full disk --------------------------------------------------------------------------
FILL_UNTIL_FULL = textwrap.dedent("""
    import json, resource, signal, sys
    from runstrong_gui.services import changes
    from runstrong_gui.storage.engine import StoreError, sqlite_url
    from runstrong_gui.storage.store import Store
    sys.path.insert(0, sys.argv[2])
    from test_safety_write_failures import DAY, add_session_action

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    store = Store.open(sqlite_url(sys.argv[1]))
    with store.transaction() as tx:
        athlete_id = tx.athletes()[0].id
    limit = 400_000
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    acked, errors = [], []
    for n in range(1000):
        title = f"full-{n}"
        try:
            changes.record(store, title, athlete_id, [DAY], add_session_action(title, "x" * 900))
        except StoreError as exc:
            errors.append([title, str(exc)])
            if len(errors) == 2:  # the next action fails just as cleanly
                break
            continue
        acked.append(title)
    print(json.dumps({"acked": acked, "errors": errors}))
""")


def test_file_size_limit_fails_cleanly_and_keeps_earlier_saves(store: Store, db_path: Path) -> None:
    store.close()
    done = subprocess.run(
        [sys.executable, "-c", FILL_UNTIL_FULL, str(db_path), str(Path(__file__).parent)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert len(result["acked"]) >= 3
    [(failed, message), (_again, message2)] = result["errors"]
    for text in (message, message2):
        assert "could not write to the disk" in text or "disk is full" in text
        assert "the change was not saved" in text and "saved before is intact" in text
    titles = saved_titles(db_path)
    assert failed not in titles and _again not in titles  # nothing of the failed actions
    assert all(titles.get(t) == 3 for t in result["acked"])  # every acknowledged save


def _can_mount_tmpfs() -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    probe = Path(tempfile.mkdtemp())
    ok = (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)], capture_output=True
        ).returncode
        == 0
    )
    if ok:
        subprocess.run(["umount", str(probe)], check=True)
    probe.rmdir()
    return ok


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 640 KB tmpfs: a disk that really fills up (ENOSPC) a few saves after the prepared
    store (library, templates, sample athlete) is written."""
    if not _can_mount_tmpfs():
        pytest.skip("mounting a tmpfs needs root; the RLIMIT_FSIZE test covers this")
    mount = tmp_path / "small"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=640k", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True)


def test_a_really_full_disk_says_so_and_keeps_earlier_saves(small_disk: Path) -> None:
    path = small_disk / "store.sqlite3"
    store = Store.open(sqlite_url(path))
    prepare_store(store, today=dt.date(2026, 3, 4))
    with store.transaction() as tx:
        athlete_id = tx.athletes()[0].id
    assert athlete_id is not None
    acked: list[str] = []
    with pytest.raises(StoreError) as full:
        for n in range(1000):
            title = f"full-{n}"
            changes.record(store, title, athlete_id, [DAY], add_session_action(title, "x" * 900))
            acked.append(title)
    assert str(full.value).startswith("The disk is full: the change was not saved")
    store.close()
    titles = saved_titles(path)
    assert f"full-{len(acked)}" not in titles
    assert all(titles.get(t) == 3 for t in acked) and len(acked) >= 3


# -- read-only ----------------------------------------------------------------------------
def test_read_only_open_reads_everything_and_refuses_every_write(backed_up: Path) -> None:
    before = backed_up.read_bytes()
    store = Store.open(sqlite_url(backed_up), read_only=True)
    try:
        assert store.read_only and store.read_only_reason == "it was opened read-only"
        assert set(athlete_names(store)) >= {BEFORE, AFTER}
        with (
            pytest.raises(StoreError, match="read-only: nothing was saved"),
            store.transaction() as tx,
        ):
            tx.add_athlete(Athlete(name="Never saved"))
        with pytest.raises(StoreError, match="read-only"):
            changes.record(store, "x", 1, [DAY], add_session_action("never"))
        assert store.generation == 0
    finally:
        store.close()
    assert backed_up.read_bytes() == before


AS_ANOTHER_USER = textwrap.dedent("""
    import json, os, sys
    from runstrong_gui.domain import Athlete
    from runstrong_gui.storage.engine import StoreError, sqlite_url
    from runstrong_gui.storage.store import Store

    def attempt(path):
        out = {}
        try:
            store = Store.open(sqlite_url(path))
        except StoreError as exc:
            out["open_error"] = str(exc)
            return out
        out["read_only"], out["reason"] = store.read_only, store.read_only_reason
        with store.transaction() as tx:
            out["names"] = [a.name for a in tx.athletes()]
        try:
            with store.transaction() as tx:
                tx.add_athlete(Athlete(name="Intruder"))
        except StoreError as exc:
            out["save_error"] = str(exc)
        store.close()
        return out

    path, warm_up = sys.argv[1], sys.argv[2]
    if os.geteuid() != 0:  # the file's modes already stop this user
        print(json.dumps(attempt(path)))
        sys.exit()
    # Root passes every permission check, so the attempt runs in a child that becomes
    # "nobody". The interpreter's files are out of that user's reach: load every module
    # the attempt needs first, on a private copy opened read-only.
    warm = Store.open(sqlite_url(warm_up), read_only=True)
    try:
        with warm.transaction() as tx:
            tx.add_athlete(Athlete(name="x"))
    except StoreError:
        pass
    warm.close()
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            data = json.dumps(attempt(path))
        except BaseException as exc:
            data = json.dumps({"crash": repr(exc)})
        os.write(w, data.encode())
        os._exit(0)
    os.close(w)
    os.waitpid(pid, 0)
    print(os.read(r, 1 << 20).decode())
""")


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder other users can read but not write (tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="runstrong-ro-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def _run_as_nobody(path: Path, private: Path) -> dict[str, object]:
    """Open ``path`` as a user who does not own it; ``private`` is a scratch copy."""
    warm_up = private / "warm-up.sqlite3"
    shutil.copy2(path, warm_up)
    done = subprocess.run(
        [sys.executable, "-c", AS_ANOTHER_USER, str(path), str(warm_up)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=path.parent,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert "crash" not in out, out
    return out  # type: ignore[no-any-return]


def test_a_store_the_user_cannot_write_opens_read_only(backed_up: Path, shared_dir: Path) -> None:
    path = shared_dir / "clinic.sqlite3"
    shutil.copy2(backed_up, path)
    path.chmod(0o444)
    before = path.read_bytes()
    out = _run_as_nobody(path, backed_up.parent)  # not the owner: root passes every chmod
    assert out["read_only"] is True
    assert out["reason"] in ("the file is read-only", "its folder is read-only")
    assert BEFORE in out["names"]  # type: ignore[operator]
    assert out["save_error"] == "The store is read-only: nothing was saved."
    assert path.read_bytes() == before
    assert sorted(p.name for p in shared_dir.iterdir()) == ["clinic.sqlite3"]


def test_unreadable_last_changes_in_a_read_only_folder_are_explained(
    backed_up: Path, shared_dir: Path
) -> None:
    path = shared_dir / "clinic.sqlite3"
    shutil.copy2(backed_up, path)
    crash_after(path, "UPDATE athletes SET notes = 'only in the wal'")
    (shared_dir / "clinic.sqlite3-shm").unlink()
    for f in shared_dir.iterdir():
        f.chmod(0o444)
    shared_dir.chmod(0o555)  # nobody may create the -shm SQLite needs (the owner neither)
    out = _run_as_nobody(path, backed_up.parent)
    assert "cannot be opened here" in str(out["open_error"])
    assert "clinic.sqlite3-wal" in str(out["open_error"])


# -- moved or deleted while open -----------------------------------------------------
@pytest.mark.parametrize("how", ["moved", "deleted", "replaced"])
def test_a_store_moved_or_deleted_while_open_is_caught_at_the_next_save(
    backed_up: Path, how: str
) -> None:
    store = Store.open(sqlite_url(backed_up))
    events: list[str] = []
    store.add_listener(events.append)
    with store.transaction() as tx:
        athlete_id = tx.athletes()[0].id
    moved = backed_up.with_name("moved.sqlite3")
    if how == "moved":
        backed_up.rename(moved)
    elif how == "deleted":
        backed_up.unlink()
    else:  # a restore by hand, or a sync tool, put another file in its place
        shutil.copy2(backed_up, moved)
        moved.replace(backed_up)
    with pytest.raises(StoreError, match="was moved or deleted while RunStrong was open"):
        changes.record(store, "late", athlete_id or 0, [DAY], add_session_action("late"))
    assert store.lost and events == ["lost"]
    with store.transaction() as tx:  # reading still works: what is shown stays shown
        assert {a.name for a in tx.athletes()} >= {BEFORE, AFTER}
    store.close()
    if how == "moved":
        assert "late" not in saved_titles(moved)
