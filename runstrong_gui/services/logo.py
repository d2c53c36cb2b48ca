"""The clinic logo: what kind of picture it is and how big, read from its header only.

A logo is decoded whole for every handout, so a file that merely starts like a PNG but
is 1 GiB (or a 9000 × 9000 picture) cost each export a gigabyte of memory. The caps are
generous for a letterhead mark printed 45 mm wide (2000 px is already 1100 dpi there):
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 4000  # pixels a side: at most 16 megapixels
NAME_MAX_BYTES = 255  # the longest file name Linux, macOS and Windows file systems take

_PNG = b"\x89PNG\r\n\x1a\n"
# JPEG start-of-frame markers (the ones that carry the picture's size)
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def logo_kind(path: Path) -> str | None:
    """'PNG' or 'JPEG' from the file's first bytes (its name may lie), else None.

    Raises OSError when the file cannot be read.
    """
    with path.open("rb") as f:
        head = f.read(8)
    if head.startswith(_PNG):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    return None


def _jpeg_size(f: object) -> tuple[int, int] | None:
    read = f.read  # type: ignore[attr-defined]
    read(2)
    while True:
        byte = read(1)
        while byte == b"\xff":  # fill bytes before a marker
            byte = read(1)
        if not byte:
            return None
        marker = byte[0]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # markers without a length
            continue
        raw = read(2)
        if len(raw) < 2:
            return None
        length = struct.unpack(">H", raw)[0]
        if marker in _SOF:
            body = read(5)
            if len(body) < 5:
                return None
            height, width = struct.unpack(">HH", body[1:5])
            return width, height
        if length < 2:
            return None
        f.seek(length - 2, os.SEEK_CUR)  # type: ignore[attr-defined]
        if marker == 0xDA:  # the picture data began without a size: not a picture we take
            return None


def logo_size(path: Path) -> tuple[int, int] | None:
    """(width, height) in pixels from the header, without decoding the picture."""
    with path.open("rb") as f:
        head = f.read(24)
        if head.startswith(_PNG) and head[12:16] == b"IHDR":
            width, height = struct.unpack(">II", head[16:24])
            return width, height
        if head.startswith(b"\xff\xd8\xff"):
            f.seek(0)
            return _jpeg_size(f)
    return None


def logo_problem(path: Path) -> str | None:
    """Why this file cannot be the logo (a sentence), or None when it can."""
    if len(os.fsencode(path.name)) > NAME_MAX_BYTES:
        return f"the file name is longer than {NAME_MAX_BYTES} bytes"
    try:
        if not path.is_file():
            return f"no picture file at {path}"
        size = path.stat().st_size
        kind = logo_kind(path)
        if kind is None:
            return f"{path.name} is not a PNG or JPEG picture"
        if size > MAX_BYTES:
            return (
                f"{path.name} is {size / 1024 / 1024:.1f} MB; a logo may be at most "
                f"{MAX_BYTES // 1024 // 1024} MB"
            )
        dims = logo_size(path)
    except OSError as exc:
        return f"cannot read {path} ({exc.strerror or exc})"
    if dims is None:
        return f"{path.name} is a damaged {kind} picture (its size cannot be read)"
    width, height = dims
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE):
        return (
            f"{path.name} is {width} × {height} pixels; a logo may be at most "
            f"{MAX_SIDE} × {MAX_SIDE}: make it smaller in a picture editor"
        )
    return None
