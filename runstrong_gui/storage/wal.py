"""Reading a store's ``-wal`` file by its documented format, before SQLite does.

SQLite trusts a write-ahead log up to its first frame whose checksum fails and ignores
the rest, so one damaged frame in the middle silently drops every later commit, and the
next writer's checkpoint makes the loss permanent. A ``-wal`` left beside the store by
another database is read as the store's own. This module tells those cases apart
(https://www.sqlite.org/fileformat2.html#walformat):

- a 32-byte header: magic (``0x377f0682`` little-endian checksums, ``0x377f0683``
  big-endian), format version, page size, checkpoint sequence, salt-1, salt-2 and a
  checksum of the first 24 bytes;
- frames of a 24-byte header (page number, the database size in pages for the frame that
  commits a transaction, else 0, the two salts, a cumulative checksum over the frame
  header's first 8 bytes and the page) followed by the page.

A frame is valid when its salts are the header's and its checksum continues the chain.
Frames after the first invalid one that still carry the header's salts were written in
this generation of the log; if one of them commits a transaction, committed work lies
beyond the break: that is damage. A log whose header is invalid, whose page size is not
the store's, or whose first frame is invalid (with nothing committed behind it) carries
nothing SQLite would read: it is stray, and setting it aside loses nothing.

Stdlib only; the checksums run in Python, about 0.05 s per MB (0.2 s for the 4 MB
log SQLite lets grow before a checkpoint), and only after an unclean shutdown.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import shutil
import struct
from dataclasses import dataclass
from pathlib import Path

MAGIC_LE, MAGIC_BE = 0x377F0682, 0x377F0683
HEADER = 32
FRAME_HEADER = 24
_MASK = 0xFFFFFFFF


class Verdict(enum.Enum):
    NONE = "no -wal"  # missing or empty
    OWN = "the store's own"
    DAMAGED = "damaged"
    STRAY = "stray"


@dataclass(frozen=True)
class WalReport:
    """What reading the ``-wal`` found; ``reason`` is a short line for the user."""

    verdict: Verdict
    reason: str = ""
    frames: int = 0  # whole frames in the file
    valid: int = 0  # frames SQLite would read (the valid chain, up to its last commit)
    lost_commits: int = 0  # commits beyond the break (DAMAGED)


def _checksum(data: bytes, big_endian: bool, s0: int, s1: int) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    it = iter(words)
    for a, b in zip(it, it, strict=True):
        s0 = (s0 + a + s1) & _MASK
        s1 = (s1 + b + s0) & _MASK
    return s0, s1


def db_page_size(path: Path) -> int | None:
    """The page size in the store file's header (None when it cannot be read)."""
    try:
        with Path(path).open("rb") as fh:
            header = fh.read(18)
    except OSError:
        return None
    if len(header) < 18:
        return None
    size = int.from_bytes(header[16:18], "big")
    return 65536 if size == 1 else size


def analyse(wal: bytes, page_size: int | None) -> WalReport:
    """Judge the bytes of a ``-wal`` against the store's page size (see the module doc)."""
    if not wal:
        return WalReport(Verdict.NONE)
    if len(wal) < HEADER:
        return WalReport(Verdict.STRAY, f"its header is cut short ({len(wal)} bytes)")
    magic, _version, size, _seq, salt1, salt2, c1, c2 = struct.unpack(">8I", wal[:HEADER])
    if magic not in (MAGIC_LE, MAGIC_BE):
        return WalReport(Verdict.STRAY, "it is not an SQLite write-ahead log")
    big = magic == MAGIC_BE
    if _checksum(wal[:24], big, 0, 0) != (c1, c2):
        return WalReport(Verdict.STRAY, "its header is invalid")
    if size < 512 or size > 65536 or size & (size - 1):
        return WalReport(Verdict.STRAY, f"its header is invalid (page size {size})")
    if page_size is not None and size != page_size:
        return WalReport(
            Verdict.STRAY, f"its pages ({size} bytes) are not the store's ({page_size} bytes)"
        )
    step = FRAME_HEADER + size
    frames = (len(wal) - HEADER) // step
    s0, s1 = c1, c2
    valid = 0  # frames up to the last valid commit
    first_bad = frames
    for i in range(frames):
        at = HEADER + i * step
        head = wal[at : at + FRAME_HEADER]
        _page, commit, f1, f2, k1, k2 = struct.unpack(">6I", head)
        if (f1, f2) != (salt1, salt2):
            first_bad = i
            break
        t0, t1 = _checksum(head[:8], big, s0, s1)
        t0, t1 = _checksum(wal[at + FRAME_HEADER : at + step], big, t0, t1)
        if (t0, t1) != (k1, k2):
            first_bad = i
            break
        s0, s1 = t0, t1
        if commit:
            valid = i + 1
    lost = 0
    for i in range(first_bad + 1, frames):
        at = HEADER + i * step
        _page, commit, f1, f2 = struct.unpack(">4I", wal[at : at + 16])
        if (f1, f2) == (salt1, salt2) and commit:
            lost += 1
    if lost:
        return WalReport(
            Verdict.DAMAGED,
            f"its -wal file is damaged at frame {first_bad + 1} of {frames}: "
            f"{lost} later commit{'s' if lost != 1 else ''} cannot be read",
            frames,
            valid,
            lost,
        )
    if valid == 0:
        return WalReport(Verdict.STRAY, "it holds no committed change", frames)
    return WalReport(Verdict.OWN, "", frames, valid)


def wal_file(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def read(path: Path) -> WalReport:
    """Judge the ``-wal`` beside the store at ``path`` (read in one go, never written)."""
    try:
        data = wal_file(path).read_bytes()
    except FileNotFoundError:
        return WalReport(Verdict.NONE)
    return analyse(data, db_page_size(path))


UNCLEAN = "unclean"  # the -wal of a store not closed cleanly, copied before it is opened
STRAY = "stray"  # a -wal that was not the store's, moved out of its way
KEEP_UNCLEAN = 10  # copies of unclean -wal files kept per store


def _kept_name(store: Path, kind: str) -> Path:
    folder = store.parent / "backups"
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H%M%SZ")
    base = f"{store.stem}-{kind}-{stamp}"
    candidate, n = folder / f"{base}.sqlite3-wal", 2
    while candidate.exists():
        candidate, n = folder / f"{base}-{n}.sqlite3-wal", n + 1
    return candidate


def _private_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)


def keep_copy(store: Path) -> Path:
    """Copy the store's ``-wal`` (0600) into its backups folder before anything opens it.

    Whatever the open then does (a checkpoint moves the log into the store), the log as
    it was left stays recoverable. Only the newest :data:`KEEP_UNCLEAN` are kept.
    """
    store = Path(store)
    final = _kept_name(store, UNCLEAN)
    _private_folder(final.parent)
    data = wal_file(store).read_bytes()
    fd = os.open(final, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        os.fchmod(fd, 0o600)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    old = sorted(final.parent.glob(f"{store.stem}-{UNCLEAN}-*.sqlite3-wal"), reverse=True)
    for extra in old[KEEP_UNCLEAN:]:
        extra.unlink(missing_ok=True)
    return final


def set_aside(store: Path) -> Path:
    """Move a stray ``-wal`` (and the ``-shm`` indexing it) into the backups folder."""
    store = Path(store)
    final = _kept_name(store, STRAY)
    _private_folder(final.parent)
    shutil.move(wal_file(store), final)  # a rename, unless the folder is on another disk
    os.chmod(final, 0o600)
    store.with_name(store.name + "-shm").unlink(missing_ok=True)
    return final
