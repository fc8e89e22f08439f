"""Domain errors: what went wrong in the terms of the domain, never of HTTP.

Capabilities raise these; each surface maps them once (the API to a status and a JSON body, the
web to a translated page, the CLI to one line on stderr and exit 1). No domain module knows an
HTTP status.

`NotFound` is also what a viewer gets for a record they may not know of: its message never
names the owner, the TLP, the handling code or the purposes, so a hidden record and an absent
one answer alike (no oracle).
"""

from __future__ import annotations


class DomainError(Exception):
    """Base of the errors a user can be told about. `code` is a stable identifier the surfaces
    translate; `params` fill its message; `field` names the input at fault, if any."""

    code = "error"

    def __init__(self, message: str, field: str | None = None, *, code: str | None = None,
                 **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        if code is not None:
            self.code = code
        self.params = params

    def __str__(self) -> str:
        return self.message

    @property
    def headers(self) -> dict[str, str]:
        """HTTP headers every surface sends with this error (the API's JSON and the pages)."""
        return {}


class InvalidInput(DomainError, ValueError):
    """Input a user can fix: a bad field, file, code or request.

    `field` names the property or column at fault, so a reader can report file, row and field.
    Subclasses ValueError because parsers in the ecosystem raise that for bad values.
    """

    code = "invalid_input"


class NotFound(DomainError, LookupError):
    """No such thing for this viewer: absent, or present but not theirs to know of. Both must
    read the same, so raise it with the generic message unless the thing is the viewer's own."""

    code = "not_found"

    def __init__(self, message: str = "not found", field: str | None = None, **kw: object
                 ) -> None:
        super().__init__(message, field, **kw)  # type: ignore[arg-type]


class Forbidden(DomainError, PermissionError):
    """The viewer knows the thing exists (it is theirs or was shown to them) but may not do
    this with it: a missing permission, the wrong side of a request."""

    code = "forbidden"


class Conflict(DomainError):
    """The request is valid but the state does not allow it now: a request already answered,
    a record changed meanwhile, an id already in use by the same owner."""

    code = "conflict"


class Unavailable(DomainError):
    """The store cannot serve this now, though nothing is wrong with the request: on SQLite,
    another writer (an ingest, an import) has held the write lock past the busy timeout, and a
    read's audit entry waits behind it. The surfaces say "try again" (the API with 503 and
    Retry-After) instead of a 500 that reads like a fault."""

    code = "unavailable"
    retry_after = 5  # seconds a client is told to wait before trying again

    @property
    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}
