"""Errors that mean "the input is wrong", as opposed to a bug.

The CLI and API turn an `InvalidInput` into a one-line message (exit 1 / HTTP 4xx) instead of a
traceback, so every layer raises this one type for bad data and lets everything else propagate.
"""

from __future__ import annotations


class InvalidInput(ValueError):
    """Raised for input a user can fix: a bad field, file, code or request.

    `field` names the property or column at fault, so a reader can report file, row and field.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message
