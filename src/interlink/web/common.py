"""What every page route gets: the store, the signed-in session, form checks, redirects."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse

from interlink.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from interlink.identity.accounts import agency_users
from interlink.identity.permissions import Permission, allows
from interlink.store import SQLStore
from interlink.web.session import WebSession, check_csrf, current


def get_store(request: Request) -> SQLStore:
    return request.app.state.store


def signed_in(request: Request, store: SQLStore = Depends(get_store)) -> WebSession:
    return current(request, store)


async def posted(request: Request, store: SQLStore = Depends(get_store)) -> WebSession:
    """A signed-in session whose form carries the right CSRF token."""
    session = current(request, store)
    form = await request.form()
    sent = form.get("csrf")
    check_csrf(session, sent if isinstance(sent, str) else None)
    return session


def back(path: str, **params: str) -> RedirectResponse:
    """Post/redirect/get: the page again, with what happened as query parameters."""
    query = "&".join(f"{k}={quote(str(v), safe='')}" for k, v in params.items() if v != "")
    return RedirectResponse(path + (f"?{query}" if query else ""), status_code=303)


#: what a form shows beside itself instead of an error page: input to fix, a step not allowed
#: to this user or in this state (a record one may not see answers 404, as everywhere)
REFUSALS = (InvalidInput, Forbidden, Conflict)


def refusal_status(exc: Exception) -> int:
    """The status of a page that shows a refusal beside its form: 403, 404, 409 or 400."""
    if isinstance(exc, NotFound):
        return 404
    return 403 if isinstance(exc, Forbidden) else 409 if isinstance(exc, Conflict) else 400


class Typed(dict[str, str]):
    """What a refused form held, to fill it again: nothing typed is lost to a refusal (the
    password and the CSRF token excepted). `all(name)` gives every value of a multiple field
    (ticked boxes)."""

    SECRET = ("csrf", "password")

    def __init__(self, form: Any = None, limit: int = 8000) -> None:
        super().__init__()
        self.multi: dict[str, list[str]] = {}
        if form is None:
            return
        for key in form:
            if key in self.SECRET:
                continue
            values = [str(v)[:limit] for v in form.getlist(key) if isinstance(v, str)]
            self.multi[key] = values
            if values:
                self[key] = values[0]

    def all(self, name: str) -> list[str]:
        return self.multi.get(name, [])


def coordinators(store: SQLStore, agency: str) -> list[str]:
    """Who in the agency may coordinate (create operations, invite, issue notices): named to
    an analyst, who asks one of them."""
    return [u.login for u in agency_users(store, agency)
            if not u.disabled and allows(u, Permission.COORDINATE_OPERATIONS)]
