"""Mount the interface on the API's FastAPI app: its pages, its static files, the installed
npm packages, and the answers to a missing session or a forged form."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from interlink.core.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound
from interlink.web import assets
from interlink.web.pages import (
    audit,
    auth,
    cooperation,
    home,
    network,
    review,
    screening,
    search,
    sharing,
)
from interlink.web.render import page
from interlink.web.session import CsrfError, SignInRequired

log = logging.getLogger(__name__)
PAGES = (auth, home, search, sharing, screening, network, review, audit, cooperation)


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
        return page(request, "error.html", None, status_code=status, message_key=key,
                    detail="" if isinstance(exc, NotFound) else str(exc))

    app.add_middleware(PageHeaders)


_PAGE_ERRORS: dict[type, tuple[int, str]] = {
    NotFound: (404, "not_found"), Forbidden: (403, "refused"), Conflict: (409, "refused"),
    InvalidInput: (400, "refused"),
}


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
