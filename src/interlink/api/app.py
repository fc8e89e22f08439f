"""The FastAPI application. Routes live under /api/v1; OpenAPI at /openapi.json."""

from __future__ import annotations

import os
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from interlink import __version__
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
from interlink.core.errors import InvalidInput
from interlink.store import SQLStore, open_store

MAX_BODY = 16 * 1024 * 1024  # refuse larger request bodies before reading them


class Error(BaseModel):
    """Errors of ours: 400 for input a user can fix (with the field when known), 401/403/404
    as usual. 422 stays FastAPI's own, for requests that do not match the schema at all."""

    detail: Any
    field: str | None = None


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": Error, "description": text}
    for code, text in ((400, "Invalid input"), (401, "No valid bearer token"),
                       (403, "Not allowed for this role"), (404, "No such thing, or not yours"),
                       (413, "Body too large"), (429, "Too many attempts"))
}


def app_from_settings() -> FastAPI:
    """The app on the store named by INTERLINK_STORE (what `interlink serve` runs)."""
    from interlink import settings

    return create_app(os.environ.get("INTERLINK_STORE", settings.STORE))


def create_app(store: SQLStore | str) -> FastAPI:
    app = FastAPI(
        title="Interlink agency server",
        version=__version__,
        description="Share intelligence between agencies on the owner's terms.",
    )
    app.state.store = open_store(store) if isinstance(store, str) else store
    app.state.store.start_audit_writer()

    @app.exception_handler(InvalidInput)
    async def invalid_input(_request: Request, exc: InvalidInput) -> JSONResponse:
        body = {"detail": str(exc)}
        if exc.field:
            body["field"] = exc.field
        return JSONResponse(status_code=400, content=body)

    @app.middleware("http")
    async def limit_body(request: Request, call_next):  # type: ignore[no-untyped-def]
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            return JSONResponse(status_code=413, content={"detail": "request body too large"})
        # A NUL character is never meaningful in an id, a name or a reason, and PostgreSQL
        # refuses it in text: refuse it here, the same on every backend, instead of failing
        # deep inside a query.
        if "\x00" in request.url.path or "%00" in request.url.query or "\x00" in request.url.query:
            return JSONResponse(status_code=400, content={"detail": "NUL character in the URL"})
        kind = request.headers.get("content-type", "")
        nul = (b"\\u0000" if kind.startswith("application/json") else
               b"%00" if kind.startswith("application/x-www-form-urlencoded") else None)
        if nul is not None and request.method in ("POST", "PUT", "PATCH", "DELETE") and (
                nul in await request.body()):
            return JSONResponse(status_code=400,
                                content={"detail": "NUL character in the request body"})
        return await call_next(request)

    routers = (auth, records, search, screen, network, requests, grants, audit, legal_requests,
               operations, notices, resolution)
    for module in routers:
        app.include_router(module.router, prefix="/api/v1", responses=ERRORS)
    from interlink import web  # the interface: pages over the same services and gate

    web.mount(app)
    return app
