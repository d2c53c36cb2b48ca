"""The one error an export raises; its message is meant for the user, as is."""

from __future__ import annotations


class ExportError(Exception):
    """A document could not be laid out or written; ``str(error)`` says why, in plain words."""
