"""The FastAPI application. Routes live under /api/v1; OpenAPI at /openapi.json."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from interlink import __version__
from interlink.api.guard import RequestGuard
from interlink.api.routers import (
    audit,
    auth,
    grants,
    legal_requests,
    network,
    notices,
    operations,
    records,
    requests,
    resolution,
    screen,
    search,
)
from interlink.core.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound
from interlink.store import SQLStore, open_store


class Error(BaseModel):
    """Errors of ours: 400 for input a user can fix (with the field when known), 401/403/404
    as usual. 422 stays FastAPI's own, for requests that do not match the schema at all."""

    detail: Any
    field: str | None = None


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": Error, "description": text}
    for code, text in ((400, "Invalid input"), (401, "No valid bearer token"),
                       (403, "Not allowed for this role"), (404, "No such thing, or not yours"),
                       (409, "Changed meanwhile"), (413, "Body too large"),
                       (429, "Too many attempts"))
}


# the one translation of domain errors to HTTP for the API (subclasses answer as their base)
_STATUS: dict[type[DomainError], int] = {InvalidInput: 400, Forbidden: 403, NotFound: 404,
                                         Conflict: 409}


def app_from_settings() -> FastAPI:
    """The app on the store named by INTERLINK_STORE (what `interlink serve` runs)."""
    from interlink import settings

    return create_app(settings.store_location())


def create_app(store: SQLStore | str) -> FastAPI:
    app = FastAPI(
        title="Interlink agency server",
        version=__version__,
        description="Share intelligence between agencies on the owner's terms.",
    )
    app.state.store = open_store(store) if isinstance(store, str) else store
    app.state.store.start_audit_writer()

    @app.exception_handler(DomainError)
    async def domain_error(request: Request, exc: DomainError) -> Response:
        code = next((code for kind, code in _STATUS.items() if isinstance(exc, kind)), 400)
        render_page = getattr(request.app.state, "page_error", None)
        if render_page is not None and not request.url.path.startswith("/api/"):
            return render_page(request, exc, code)  # the web's pages answer with a page
        body = {"detail": str(exc)}
        if exc.field:
            body["field"] = exc.field
        return JSONResponse(status_code=code, content=body)

    app.add_middleware(RequestGuard)

    routers = (auth, records, search, screen, network, requests, grants, audit, legal_requests,
               operations, notices, resolution)
    for module in routers:
        app.include_router(module.router, prefix="/api/v1", responses=ERRORS)
    from interlink import web  # the interface: pages over the same services and gate

    web.mount(app)
    return app
