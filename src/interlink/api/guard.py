"""Checks every request passes before any route sees it: body size, NUL characters, and
numbers JSON has no place for (NaN, Infinity, 1e400).

Written as plain ASGI rather than Starlette's `@app.middleware("http")`: that wrapper runs each
request through extra tasks and streams, which cost more than a whole record read's own work
under load.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.responses import JSONResponse

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY = 16 * 1024 * 1024  # refuse larger request bodies before reading them
_BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class RequestGuard:
    """413 for bodies over MAX_BODY (declared or streamed); 400 for a NUL character in the
    path, the query or a JSON or form body. A NUL is never meaningful in an id, a name or a
    reason, and PostgreSQL refuses it in text: refused here, the same on every backend, instead
    of failing deep inside a query."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or ())
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            await _refuse(413, "request body too large", scope, receive, send)
            return
        query: bytes = scope.get("query_string", b"")
        if "\x00" in scope["path"] or b"%00" in query or b"\x00" in query:
            await _refuse(400, "NUL character in the URL", scope, receive, send)
            return
        kind = headers.get(b"content-type", b"").strip().lower()  # media types ignore case
        is_json = kind.startswith(b"application/json")
        nul = (b"\\u0000" if is_json else
               b"%00" if kind.startswith(b"application/x-www-form-urlencoded") else None)
        if nul is None or scope["method"] not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        messages: list[Message] = []
        body = b""
        while True:
            message = await receive()
            messages.append(message)
            body += message.get("body", b"")
            if len(body) > MAX_BODY:
                await _refuse(413, "request body too large", scope, receive, send)
                return
            if message["type"] != "http.request" or not message.get("more_body"):
                break
        if nul in body:
            await _refuse(400, "NUL character in the request body", scope, receive, send)
            return
        if is_json and not _finite(body):
            await _refuse(400, "non-finite number (NaN, Infinity or past 1e308) in the JSON "
                          "body", scope, receive, send)
            return

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)


_MAYBE_NON_FINITE = re.compile(rb"NaN|Infinity|[eE][+]?\d{3}")


class _NonFinite(ValueError):
    pass


def _number(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NonFinite(text)
    return value


def _constant(text: str) -> float:
    raise _NonFinite(text)


def _finite(body: bytes) -> bool:
    """False if the JSON holds NaN, Infinity or a number too large for a float: Python's
    parser (Starlette's) takes all three as floats, which no column, sum or JSON answer can
    hold. The body is parsed again only when one of them may be in it."""
    if not _MAYBE_NON_FINITE.search(body):
        return True
    try:
        json.loads(body, parse_float=_number, parse_constant=_constant)
    except _NonFinite:
        return False
    except (ValueError, RecursionError):
        return True  # not JSON at all: the route's own parser answers that
    return True


async def _refuse(status: int, detail: str, scope: Scope, receive: Receive, send: Send) -> None:
    await JSONResponse(status_code=status, content={"detail": detail})(scope, receive, send)
