"""Sign-in and sign-out; the language switcher.

Sign-in is the API's password login (same rate limit, same session token), the token kept in
an HttpOnly, SameSite=Strict cookie. The declared purpose is asked for at sign-in: every search
and read of others' records is made, and audited, under it; it can be changed in the header.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from interlink.identity import create_token, revoke_token
from interlink.identity.accounts import SESSION_HOURS
from interlink.identity.limiter import LoginLimiter, TooManyAttempts
from interlink.store import Actor, SQLStore
from interlink.web import i18n
from interlink.web.common import get_store, posted
from interlink.web.render import page
from interlink.web.session import (
    COOKIE,
    LANG_COOKIE,
    PURPOSE_COOKIE,
    WebSession,
    parse_purpose,
    token_id,
)

router = APIRouter()


def _safe_next(target: str | None) -> str:
    """Only a path on this server: never a redirect to another site."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    return page(request, "login.html", None, next=_safe_next(next), error="")


@router.post("/login")
def login(
    request: Request,
    login: Annotated[str, Form(max_length=128)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    purpose: Annotated[str, Form(max_length=64)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
    store: SQLStore = Depends(get_store),
) -> Response:
    client = request.client.host if request.client else "unknown"
    target = _safe_next(next)
    declared = parse_purpose(purpose)
    if declared is None:
        return page(request, "login.html", None, status_code=400, next=target,
                    error="purpose", login=login)
    try:
        user = LoginLimiter.of(request.app.state).authenticate(store, login, password, client)
    except TooManyAttempts:
        return page(request, "login.html", None, status_code=429, next=target,
                    error="too_many")
    if user is None:
        return page(request, "login.html", None, status_code=401, next=target,
                    error="wrong", login=login)
    _, token = create_token(store, user.login, Actor(user.login, user.agency), kind="session")
    response = RedirectResponse(target, status_code=303)
    secure = request.url.scheme == "https"
    response.set_cookie(COOKIE, token, max_age=SESSION_HOURS * 3600, httponly=True,
                        samesite="strict", secure=secure, path="/")
    response.set_cookie(PURPOSE_COOKIE, declared.value, max_age=SESSION_HOURS * 3600,
                        httponly=True, samesite="strict", secure=secure, path="/")
    return response


@router.post("/logout")
def logout(session: WebSession = Depends(posted), store: SQLStore = Depends(get_store),
           ) -> Response:
    tid = token_id(session.token)
    if tid:
        revoke_token(store, tid, session.actor)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    response.delete_cookie(PURPOSE_COOKIE, path="/")
    return response


@router.post("/purpose")
async def change_purpose(request: Request, session: WebSession = Depends(posted)) -> Response:
    form = await request.form()
    declared = parse_purpose(str(form.get("purpose", "")))
    response = RedirectResponse(_safe_next(str(form.get("next", "/"))), status_code=303)
    if declared is not None:
        response.set_cookie(PURPOSE_COOKIE, declared.value, max_age=SESSION_HOURS * 3600,
                            httponly=True, samesite="strict", path="/")
    return response


@router.get("/lang/{code}")
def switch_language(code: str, next: str = "/") -> Response:
    response = RedirectResponse(_safe_next(next), status_code=303)
    if code in i18n.LANGUAGES:
        response.set_cookie(LANG_COOKIE, code, max_age=365 * 86400, httponly=True,
                            samesite="strict", path="/")
    return response
