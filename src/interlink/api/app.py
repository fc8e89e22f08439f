"""The FastAPI application. Routes live under /api/v1; OpenAPI at /openapi.json."""

from __future__ import annotations

import os
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
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
from interlink.core.errors import InvalidInput
from interlink.store import SQLStore, open_store


class Error(BaseModel):
    """Errors of ours: 400 for input a user can fix (with the field when known), 401/403/404
    as usual. 422 stays FastAPI's own, for requests that do not match the schema at all."""

    detail: Any
    field: str | None = None
    code: str | None = None  # a stable message code (`core.messages`), for 400
    params: dict[str, Any] | None = None  # its parameters


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
    async def invalid_input(request: Request, exc: InvalidInput) -> JSONResponse:
        """`detail` in the client's language (Accept-Language: ar, en, es, fr), with the
        stable `code` and its `params` for a client that renders messages itself."""
        from fastapi.encoders import jsonable_encoder

        from interlink.core.messages import negotiate, render_error

        lang = negotiate(request.headers.get("accept-language"))
        body = {"detail": render_error(exc, lang), "code": exc.code,
                "params": jsonable_encoder(exc.params)}
        if exc.field:
            body["field"] = exc.field
        return JSONResponse(status_code=400, content=body,
                            headers={"Content-Language": lang})

    app.add_middleware(RequestGuard)

    routers = (auth, records, search, screen, network, requests, grants, audit, legal_requests,
               operations, notices, resolution)
    for module in routers:
        app.include_router(module.router, prefix="/api/v1", responses=ERRORS)
    from interlink import web  # the interface: pages over the same services and gate

    web.mount(app)
    return app
