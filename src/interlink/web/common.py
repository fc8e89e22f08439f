"""What every page route gets: the store, the signed-in session, form checks, redirects."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse

from interlink.core.errors import Conflict, Forbidden, InvalidInput
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
    """The status of a page that shows a refusal beside its form: 403, 409 or 400."""
    return 403 if isinstance(exc, Forbidden) else 409 if isinstance(exc, Conflict) else 400
