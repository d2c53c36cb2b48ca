"""Errors the domain raises; the UI shows their message next to the field named."""

from __future__ import annotations


class ValidationError(ValueError):
    """A value a user (or a file) gave is out of bounds.

    ``field`` names the input so a dialog can put the message beside it.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
