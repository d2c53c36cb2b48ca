"""The store's errors; their messages are meant for the user."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from runstrong_gui.storage.health import Health


class StoreError(Exception):
    """A store cannot be opened or written; the message is meant for the user."""


class NewerSchemaError(StoreError):
    pass


class NotAStoreError(StoreError):
    """The file is not a store RunStrong can read (empty, not SQLite, damaged, foreign)."""

    def __init__(self, message: str, health: Health | None = None) -> None:
        super().__init__(message)
        self.health = health


class DamagedStoreError(NotAStoreError):
    """A RunStrong store that failed its checks: offer a backup, never overwrite it."""
