"""The API's FastAPI application. Routes live under /api/v1; OpenAPI at /openapi.json."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from interlink import __version__
from interlink.api.fast import FastReads
from interlink.api.guard import RequestGuard
from interlink.api.routers import (
    audit,
    auth,
    grants,
    inbox,
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
from interlink.api.routers import charts as saved_charts
from interlink.core.errors import (
    Conflict,
    DomainError,
    Forbidden,
    InvalidInput,
    NotFound,
    Unavailable,
)
from interlink.core.messages import negotiate, render_error
from interlink.identity.accounts import TokenCache
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
                       (409, "Changed meanwhile"), (413, "Body too large"),
                       (429, "Too many attempts"),
                       (503, "Store busy with another write: try again after Retry-After"))
}


#: the one translation of domain errors to HTTP for the API (most specific first)
_STATUS: dict[type, int] = {NotFound: 404, Forbidden: 403, Conflict: 409, InvalidInput: 400,
                           Unavailable: 503}


class InterlinkAPI(FastAPI):
    """FastAPI with the two hot reads taken before anything else (api/fast.py): ahead of the
    framework's own middleware layers too (error pages, telemetry, body limit, the web's
    headers), which cost a read as much as its audit entry's share of a batch."""

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        fast = self.__dict__.get("_fast")
        if fast is None:
            fast = self.__dict__["_fast"] = FastReads(self._framework, self)
        await fast(scope, receive, send)

    async def _framework(self, scope: Any, receive: Any, send: Any) -> None:
        await super().__call__(scope, receive, send)


def create_api(store: SQLStore | str) -> FastAPI:
    """The HTTP API alone (the web interface is mounted on it by `interlink.server`)."""
    app = InterlinkAPI(
        title="Interlink agency server",
        version=__version__,
        description="Share intelligence between agencies on the owner's terms.",
    )
    app.state.store = open_store(store) if isinstance(store, str) else store
    app.state.store.start_audit_writer()
    app.state.token_cache = TokenCache()  # verified tokens, confirmed by the audit writer

    @app.exception_handler(DomainError)
    async def domain_error(request: Request, exc: DomainError) -> JSONResponse:
        """The one mapping of domain errors to HTTP for the API: `detail` in the client's
        language (Accept-Language: ar, en, es, fr), with the stable `code` and its `params`
        for a client that renders messages itself."""
        lang = negotiate(request.headers.get("accept-language"))
        body: dict[str, Any] = {"detail": render_error(exc, lang), "code": exc.code,
                                "params": jsonable_encoder(exc.params)}
        if exc.field:
            body["field"] = exc.field
        status = next((code for kind, code in _STATUS.items() if isinstance(exc, kind)), 400)
        return JSONResponse(status_code=status, content=body,
                            headers={"Content-Language": lang, **exc.headers})

    app.add_middleware(RequestGuard)

    routers = (auth, records, search, screen, network, requests, grants, audit, legal_requests,
               operations, notices, resolution, inbox)
    for module in routers:
        app.include_router(module.router, prefix="/api/v1", responses=ERRORS)
    from interlink.api.routers import federation  # node-to-node and federated search
    app.include_router(federation.router, prefix="/api/v1", responses=ERRORS)
    app.include_router(saved_charts.router, prefix="/api/v1", responses=ERRORS)
    from interlink.api.routers import taxii  # TAXII 2.1 for MISP and OpenCTI, at /taxii2/
    app.include_router(taxii.router, responses=ERRORS)
    return app
