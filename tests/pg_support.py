"""A throwaway PostgreSQL server for the test run (the clinic store's engine).

``initdb`` refuses to run as root, so as root the cluster belongs to ``nobody`` (run
through ``runuser``) in a folder of its own under the system temp dir (pytest's own
temp dirs are root's, 0700, where that user cannot go). The server listens on a unix
socket in a private folder only (``listen_addresses=''``), with ``fsync`` off: its data
is thrown away at the end of the run, so durability buys nothing and costs time.

Local connections of the superuser ``postgres`` are trusted; every other role logs in
with a password (the tests of a wrong password and of a role without rights need it).
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

SUPERUSER = "postgres"
RUN_AS = "nobody"  # as root: initdb refuses root, and the cluster is thrown away anyway
SERVER_OPTIONS = (
    "-c listen_addresses='' -c fsync=off -c synchronous_commit=off "
    "-c full_page_writes=off -c max_connections=120 -c shared_buffers=32MB"
)
HBA = f"local all {SUPERUSER} trust\nlocal all all scram-sha-256\n"


def find_bin(name: str) -> str | None:
    """``name`` on PATH, else in Debian's versioned folder (the newest version)."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: int(Path(p).parts[4]) if Path(p).parts[4].isdigit() else 0,
    )
    return candidates[-1] if candidates else None


def missing_reason() -> str:
    """Why no server can be started here ("" when one can)."""
    missing = [n for n in ("initdb", "pg_ctl") if find_bin(n) is None]
    if missing:
        return (
            f"PostgreSQL is not installed ({', '.join(missing)} not found on PATH or in "
            "/usr/lib/postgresql/*/bin); `make system-deps` installs Debian's postgresql"
        )
    return ""


class PgServer:
    """One cluster: started by :meth:`start`, stopped (and deleted) by :meth:`stop`."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="runstrong-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root / "sock"
        self.log = self.root / "server.log"
        self._as_root = os.geteuid() == 0
        self._running = False
        self._made = 0

    def _run(self, *argv: str) -> subprocess.CompletedProcess[str]:
        cmd = list(argv)
        if self._as_root:
            cmd = ["runuser", "-u", RUN_AS, "--", *cmd]
        return subprocess.run(
            cmd, capture_output=True, text=True, check=False, cwd=self.root, timeout=120
        )

    def start(self) -> None:
        initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
        assert initdb and pg_ctl, missing_reason()
        self.socket_dir.mkdir()
        if self._as_root:
            for p in (self.root, self.socket_dir):
                shutil.chown(p, RUN_AS)
        done = self._run(
            initdb, "-D", str(self.data), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8",
            "--locale=C", "--no-sync", "--no-instructions",
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed: {done.stderr or done.stdout}")
        hba = self.data / "pg_hba.conf"
        hba.write_text(HBA)
        if self._as_root:
            shutil.chown(hba, RUN_AS)
        options = f"{SERVER_OPTIONS} -c unix_socket_directories='{self.socket_dir}'"
        done = self._run(pg_ctl, "-D", str(self.data), "-l", str(self.log), "-w", "-o", options,
                         "start")  # fmt: skip
        if done.returncode != 0:
            log = self.log.read_text() if self.log.exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {done.stderr or done.stdout}\n{log}")
        self._running = True
        atexit.register(self.stop)  # also when the run is interrupted

    def stop(self) -> None:
        if self._running:
            pg_ctl = find_bin("pg_ctl")
            assert pg_ctl
            self._run(pg_ctl, "-D", str(self.data), "-m", "immediate", "-w", "stop")
            self._running = False
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres", user: str = SUPERUSER, password: str = "") -> str:
        """A SQLAlchemy address of a database on this server (psycopg 3)."""
        auth = f"{user}:{password}" if password else user
        return f"postgresql+psycopg://{auth}@/{database}?host={self.socket_dir}"

    def execute(self, *sql: str, database: str = "postgres") -> None:
        """Statements run as the superuser, outside a transaction (CREATE DATABASE)."""
        import psycopg

        with psycopg.connect(
            host=str(self.socket_dir), dbname=database, user=SUPERUSER, autocommit=True
        ) as con:
            for statement in sql:
                con.execute(statement)  # type: ignore[arg-type]

    def new_database(self, template: str = "template0") -> str:
        """A fresh database copied from ``template``; its name."""
        self._made += 1
        name = f"t{os.getpid()}_{self._made}"
        self.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return name

    def drop_database(self, name: str) -> None:
        with contextlib.suppress(Exception):
            self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def running_server() -> Iterator[PgServer]:
    server = PgServer()
    try:
        server.start()
        yield server
    finally:
        server.stop()


def both_engines(request: pytest.FixtureRequest) -> str:
    """``engine_name`` for the folders whose tests run on both engines. A test marked
    ``sqlite_only(reason)`` skips its PostgreSQL run, saying why."""
    engine = str(request.param)
    mark = request.node.get_closest_marker("sqlite_only")
    if engine == "postgresql" and mark is not None:
        pytest.skip(f"SQLite only: {mark.kwargs.get('reason') or mark.args[0]}")
    return engine


BOTH_ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]
