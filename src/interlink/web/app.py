"""Mount the interface on the API's FastAPI app: its pages, its static files, the installed
npm packages, and the answers to a missing session or a forged form."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from interlink.core.errors import (
    Conflict,
    DomainError,
    Forbidden,
    InvalidInput,
    NotFound,
    Unavailable,
)
from interlink.web import assets
from interlink.web.pages import (
    audit,
    auth,
    cooperation,
    data,
    home,
    network,
    notices,
    review,
    screening,
    search,
    sharing,
)
from interlink.web.render import page
from interlink.web.session import CsrfError, SignInRequired, WebSession, current

log = logging.getLogger(__name__)
PAGES = (auth, home, search, sharing, screening, network, review, audit, cooperation, notices,
         data)


def mount(app: FastAPI) -> None:
    for module in PAGES:
        app.include_router(module.router, include_in_schema=False)
    app.mount("/static/app", StaticFiles(directory=assets.STATIC), name="web-static")
    modules = assets.node_modules()
    if modules is None:
        log.warning("front-end packages not installed (run `npm ci`): the link chart is off")
    else:
        for package, sub in assets.VENDOR.items():
            app.mount(f"/static/vendor/{package}", StaticFiles(directory=modules / sub),
                      name=f"vendor-{package}")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:  # browsers ask for it on pages without a <link rel=icon>
        return FileResponse(assets.STATIC / "favicon.svg", media_type="image/svg+xml")

    @app.exception_handler(SignInRequired)
    async def sign_in(request: Request, _exc: SignInRequired) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    @app.exception_handler(CsrfError)
    async def forged(request: Request, _exc: CsrfError) -> Response:
        return page(request, "error.html", None, status_code=403,
                    message_key="forged")

    api_errors = app.exception_handlers.get(DomainError)

    @app.exception_handler(DomainError)
    async def domain_error(request: Request, exc: DomainError) -> Response:
        """The one mapping of domain errors for the pages (the API keeps its own JSON)."""
        if request.url.path.startswith("/api/") and api_errors is not None:
            return await api_errors(request, exc)  # type: ignore[misc,no-any-return]
        status, key = next((v for kind, v in _PAGE_ERRORS.items() if isinstance(exc, kind)),
                           (400, "refused"))
        return page(request, "error.html", _quiet_session(request), status_code=status,
                    headers=exc.headers or None, message_key=key,
                    detail=None if isinstance(exc, NotFound) else exc)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return await http_exception_handler(request, exc)
        code = "page_not_found" if exc.status_code == 404 else "error"
        return page(request, "error.html", _quiet_session(request), status_code=exc.status_code,
                    code=code, headers=dict(exc.headers) if exc.headers else None)

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError) -> Response:
        """A page address with a wrong value: a translated page naming the parameter, never
        the raw JSON (nor any server path) FastAPI gives an API client."""
        if request.url.path.startswith("/api/"):
            return await request_validation_exception_handler(request, exc)
        where = sorted({str(e.get("loc", ("",))[-1]) for e in exc.errors()})
        return page(request, "error.html", _quiet_session(request), status_code=422,
                    code="bad_parameters", params={"where": where})

    app.add_middleware(PageHeaders)


_PAGE_ERRORS: dict[type, tuple[int, str]] = {
    NotFound: (404, "not_found"), Forbidden: (403, "refused"), Conflict: (409, "refused"),
    InvalidInput: (400, "refused"), Unavailable: (503, "busy"),
}


def _quiet_session(request: Request) -> WebSession | None:
    """The signed-in session if there is one (for the menu on an error page), else None."""
    try:
        return current(request, request.app.state.store)
    except Exception:  # noqa: BLE001 - an error page must render whatever the session's state
        return None


# everything is served from here: no other origin may supply script, style or frames (the
# chart's canvas export is a data: URL; Cytoscape.js injects one <style> element of its own,
# hence inline styles, never inline scripts)
_PAGE_HEADERS = (
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
     b"script-src 'self'; frame-ancestors 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
)


class PageHeaders:
    """Security headers on every page (not on /api/), as plain ASGI: Starlette's
    `@app.middleware("http")` wrapper costs more per request than a record read's own work."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in _PAGE_HEADERS if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
