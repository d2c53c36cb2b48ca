"""Where the app finds its resources and keeps its data. No Qt, no SQL.

The store lives in platformdirs' user data dir (``~/.local/share/RunStrong`` on Linux);
backups sit beside it so both are found in one place.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

APP_NAME = "RunStrong"
DB_ENV = "RUNSTRONG_DB_URL"
DATA_ENV = "RUNSTRONG_DATA_DIR"


def resources_dir() -> Path:
    """``resources/`` in a wheel (``runstrong_gui/resources``) or in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "resources", here.parent / "resources"):
        if (candidate / "library").is_dir():
            return candidate
    raise FileNotFoundError("RunStrong's resources are missing; reinstall the application.")


def data_dir() -> Path:
    """The user's data folder; ``RUNSTRONG_DATA_DIR`` overrides it (tests, portable use)."""
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    return data_dir() / "runstrong.sqlite3"


def private_folder(path: Path, *, tighten: bool = True) -> Path:
    """``path`` as a folder only this user may enter: each level made here is 0700.

    ``mkdir(parents=True, mode=…)`` gives the mode to the last level only; the XDG rules
    want every folder an app creates (``~/.local/state`` on a new account) made 0700.
    With ``tighten`` the last level is RunStrong's own, so an older 0755 one is made
    0700 too (not for a folder the user chose, such as the one of ``--db``).
    """
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for level in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made meanwhile by another process
            level.mkdir(mode=0o700)
    if tighten:
        os.chmod(path, 0o700)
    return path


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def file_kind(mode: int) -> str:
    """What a path is, for a message: 'a folder', 'a device', … ('a file' for a regular one)."""
    return next((name for test, name in _KINDS if test(mode)), "a file")
