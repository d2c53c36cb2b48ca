"""The store's errors; their messages are meant for the user."""

from __future__ import annotations

import datetime as dt
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


class ConflictError(StoreError):
    """A save was overtaken by another computer's save of the same record (optimistic
    locking): nothing was written, and the window shows the record as it is now."""

    def __init__(
        self,
        what: str,
        changed_at: dt.datetime | None = None,
        outcome: str = "Your change was not saved; make it again if it still applies.",
    ) -> None:
        when = ""
        if changed_at is not None:  # stored in UTC, said in the user's local time
            when = " at " + changed_at.replace(tzinfo=dt.UTC).astimezone().strftime("%H:%M")
        super().__init__(
            f"This {what} was changed on another computer{when} — showing the current "
            f"version. {outcome}"
        )


UNDO_REFUSED = "Undo was refused: it would overwrite that change."
