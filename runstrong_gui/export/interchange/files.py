"""Writing an export file: user-only (0600), complete or not at all."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from runstrong_gui.export.errors import ExportError


@contextmanager
def private_file(path: Path, what: str) -> Iterator[BinaryIO]:
    """A binary stream that becomes ``path`` when the block ends without error.

    Written beside the target under a fresh name (mkstemp: exclusive, 0600, no symlink
    followed) and renamed over it, so a failed export leaves the old file as it was and a
    reader never sees half a document.
    """
    path = Path(path).expanduser().absolute()
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise ExportError(f"Could not save the {what} to {path}: {exc.strerror or exc}.") from exc
    if mode is not None and not stat.S_ISREG(mode):
        raise ExportError(f"{path} is not a regular file: nothing was written.")
    if not path.parent.is_dir():
        raise ExportError(f"Could not save the {what}: the folder {path.parent} does not exist.")
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".runstrong-", suffix=".part", dir=path.parent)
        with os.fdopen(fd, "wb") as file:
            yield file
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise ExportError(f"Could not save the {what} to {path}: {exc.strerror or exc}.") from exc
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
