"""The two hot reads (GET /api/v1/records/{id} and GET /api/v1/search) answered without
FastAPI's routing, dependency solving and parameter validation.

Why: at a million records a read's own work (the record, the gate, its audit entry) costs the
server well under a millisecond of CPU, and the framework around it (the route table walked,
four dependencies solved, pydantic validating three query parameters, the answer wrapped in
FastAPI's response machinery) cost as much again (benchmarks/RESULTS.md, issue 17). This ASGI
layer recognises the plain form of these two requests and runs the very steps the routes run
(`routers.records.read_steps`, `routers.search.search_steps`, see `deps.Steps`): same gate,
same audit entry before the answer, same token confirmation, same errors through the app's
own exception handlers; only the wait for the audit entry's commit is awaited on the event
loop instead of holding a thread. Anything else - no or an unknown token, a parameter FastAPI
would refuse or coerce, a repeated parameter, HEAD, a path it does not know - goes on to
FastAPI untouched, which answers it as before (and caches a token it verifies, so the next
request is fast).

It runs first, before FastAPI's middleware (`app.InterlinkAPI`): a request with a NUL in its
path or query, or with a body, is left to the app, whose `RequestGuard` refuses it; an
exception the app has a handler for is answered by that handler, looked up here as
Starlette's exception middleware does; any other is raised to the server (a 500, as before).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from anyio import to_thread
from fastapi import FastAPI
from starlette._utils import is_async_callable
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from interlink.access.settled import finish
from interlink.api.deps import Session, Steps, settle_steps
from interlink.api.guard import ASGIApp, Receive, Scope, Send

RECORDS = "/api/v1/records/"
SEARCH = "/api/v1/search"
#: paths under /records/ that are routes of their own, not a record id
_NOT_IDS = frozenset({"due"})
#: what FastAPI takes as the search's `limit` without coercion (its own bounds: 1-500)
_LIMIT = re.compile(r"[0-9]{1,3}")


_BODY = frozenset({b"content-length", b"transfer-encoding"})


def _bearer(scope: Scope) -> str | None:
    """The bearer token as FastAPI's HTTPBearer reads it (the first Authorization header,
    scheme case-insensitive, credentials stripped), or None where the app should answer: no
    such token, or a request that says it has a body (the guard's to judge)."""
    token = None
    for name, value in scope["headers"]:
        if name in _BODY:
            return None
        if name == b"authorization" and token is None:
            scheme, _, given = value.decode("latin-1").partition(" ")
            given = given.strip()
            if scheme.lower() != "bearer" or not given:
                return None
            token = given
    return token


def _params(scope: Scope, allowed: frozenset[str]) -> dict[str, str] | None:
    """The query's parameters among `allowed` (others are ignored, as FastAPI does), or None
    when one is given twice (FastAPI would take the last: left to it, to stay the one place
    that decides)."""
    out: dict[str, str] = {}
    raw = scope.get("query_string", b"")
    for key, value in parse_qsl(raw.decode("latin-1"), keep_blank_values=True) if raw else ():
        if key in allowed:
            if key in out:
                return None
            out[key] = value
    return out


_READ_PARAMS = frozenset({"purpose"})
_SEARCH_PARAMS = frozenset({"q", "purpose", "limit"})


class FastReads:
    """See the module docstring. `api` is the FastAPI app whose state (store, token cache) and
    exception handlers are used."""

    def __init__(self, app: ASGIApp, api: FastAPI) -> None:
        self.app = app
        self.api = api

    def _work(self, scope: Scope) -> Callable[[Session], Steps[Any]] | None:
        """The steps of the answer to a request this layer takes, else None."""
        from interlink.api.routers.records import read_steps
        from interlink.api.routers.search import search_steps

        path: str = scope["path"]
        state = self.api.state
        if path.startswith(RECORDS):
            record_id = path[len(RECORDS):]
            if not record_id or "/" in record_id or record_id in _NOT_IDS:
                return None
            params = _params(scope, _READ_PARAMS)
            if params is None:
                return None
            purpose = params.get("purpose")
            return lambda session: read_steps(state.store, session, record_id, purpose)
        if path == SEARCH:
            params = _params(scope, _SEARCH_PARAMS)
            if params is None or "q" not in params or not 2 <= len(params["q"]) <= 200:
                return None
            limit = params.get("limit", "50")
            if not _LIMIT.fullmatch(limit) or not 1 <= int(limit) <= 500:
                return None
            q, purpose = params["q"], params.get("purpose", "")
            return lambda session: search_steps(state.store, session, q, purpose, int(limit))
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope["method"] != "GET" or scope.get("root_path")
                or not scope["path"].startswith("/api/v1/") or "\x00" in scope["path"]
                or b"%00" in scope["query_string"] or b"\x00" in scope["query_string"]):
            await self.app(scope, receive, send)
            return
        work = self._work(scope)
        token = _bearer(scope) if work is not None else None
        held = self.api.state.token_cache.cached(token) if token is not None else None
        if work is None or held is None:
            await self.app(scope, receive, send)
            return
        session = Session(held[0], token, held[1])
        scope["app"] = self.api  # as Starlette sets it, for a handler that reads it
        try:
            response = await self._answer(session, work(session))
        except Exception as exc:  # the app's own handler, as ExceptionMiddleware would
            handler = self._handler(exc)
            if handler is None:
                raise
            request = Request(scope, receive)
            response = (await handler(request, exc) if is_async_callable(handler)
                        else await run_in_threadpool(handler, request, exc))
            exc.__traceback__ = None
        await response(scope, receive, send)

    async def _answer(self, session: Session, steps: Steps[Any]) -> Response:
        """`deps.settle_steps` with the audit entry's commit awaited on the event loop: no
        thread waits for the disk. The judgement runs in a worker thread (it queries the
        store); a read whose commit confirms both its judgement and its token is answered
        from here, anything else (the grants or the accounts moved, or a last step that
        queries) finishes in a worker thread, as the route would."""
        store = self.api.state.store
        tokens = self.api.state.token_cache
        writer = store.audit_writer
        if writer is None:
            return await to_thread.run_sync(settle_steps, store, session, tokens, steps)
        try:
            judged = await to_thread.run_sync(steps.begin)
            committed = await writer.commit_async(judged.entry)
        except Exception:
            # a 401 comes first; no entry of this request confirms the token: looked up
            await to_thread.run_sync(session.confirm, store, tokens, False)
            raise
        if (not steps.blocks and judged.confirmed(committed)
                and session.current_at(committed.account_version)):
            return steps.end(judged.result)

        def rest() -> Response:
            try:
                result = finish(judged, committed)
            finally:
                session.confirm(store, tokens)
            return steps.end(result)

        return await to_thread.run_sync(rest)

    def _handler(self, exc: Exception) -> Any:
        handlers = self.api.exception_handlers
        if isinstance(exc, HTTPException) and exc.status_code in handlers:
            return handlers[exc.status_code]
        for kind in type(exc).__mro__:
            if kind in handlers:
                return handlers[kind]
        return None
