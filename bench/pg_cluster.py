"""A private PostgreSQL server started for one run: the tests' throwaway clinic store
and the bench's PostgreSQL rows share it.

``initdb`` refuses to run as root, so as root the cluster belongs to ``nobody`` (run
through ``runuser``) in a folder that user can reach. The server listens on a unix
socket in a private folder only (``listen_addresses=''``), with ``fsync`` off: a test
cluster is thrown away at the end of the run, and the bench's cached one is rebuilt
from the SQLite store when anything about it looks wrong, so durability buys nothing.

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

SUPERUSER = "postgres"
RUN_AS = "nobody"  # as root: initdb refuses root
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
    """One cluster: started by :meth:`start`, stopped by :meth:`stop`.

    Without ``data`` the cluster lives in a temporary folder and is deleted when it
    stops; with ``data`` (the bench's cache) it is kept there and reused by the next
    start. The socket folder is always a fresh private one.
    """

    def __init__(self, data: Path | None = None) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="runstrong-pg-"))
        self.keep = data is not None
        self.data = data if data is not None else self.root / "data"
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

    def _initdb(self) -> None:
        initdb = find_bin("initdb")
        assert initdb, missing_reason()
        if self.keep:
            shutil.rmtree(self.data, ignore_errors=True)  # a half-made cluster: start over
            self.data.parent.mkdir(parents=True, exist_ok=True)
            self.data.mkdir(mode=0o700)
            if self._as_root:
                shutil.chown(self.data, RUN_AS)
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

    def start(self) -> None:
        pg_ctl = find_bin("pg_ctl")
        assert pg_ctl, missing_reason()
        self.socket_dir.mkdir()
        if self._as_root:
            for p in (self.root, self.socket_dir):
                shutil.chown(p, RUN_AS)
        if not (self.data / "PG_VERSION").is_file():
            self._initdb()
        elif self._run(pg_ctl, "-D", str(self.data), "status").returncode == 0:
            # a kept cluster still running after a run that was killed: stop it first
            self._run(pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop")
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
            # a kept cluster shuts down cleanly (no recovery at its next start)
            mode = "fast" if self.keep else "immediate"
            self._run(pg_ctl, "-D", str(self.data), "-m", mode, "-w", "stop")
            self._running = False
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres", user: str = SUPERUSER, password: str = "") -> str:
        """A SQLAlchemy address of a database on this server (psycopg 3)."""
        auth = f"{user}:{password}" if password else user
        return f"postgresql+psycopg://{auth}@/{database}?host={self.socket_dir}"

    def connect(self, database: str = "postgres", autocommit: bool = False) -> object:
        """A plain psycopg connection of the superuser."""
        import psycopg

        return psycopg.connect(
            host=str(self.socket_dir), dbname=database, user=SUPERUSER, autocommit=autocommit
        )

    def execute(self, *sql: str, database: str = "postgres") -> None:
        """Statements run as the superuser, outside a transaction (CREATE DATABASE)."""
        import psycopg

        with psycopg.connect(
            host=str(self.socket_dir), dbname=database, user=SUPERUSER, autocommit=True
        ) as con:
            for statement in sql:
                con.execute(statement)  # type: ignore[arg-type]

    def databases(self) -> list[str]:
        import psycopg

        with psycopg.connect(host=str(self.socket_dir), dbname="postgres", user=SUPERUSER) as con:
            rows = con.execute("SELECT datname FROM pg_database WHERE NOT datistemplate")
            return [r[0] for r in rows]

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
def running_server(data: Path | None = None) -> Iterator[PgServer]:
    server = PgServer(data)
    try:
        server.start()
        yield server
    finally:
        server.stop()
