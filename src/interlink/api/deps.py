"""What every route gets: the store, the signed-in user, the viewer they act as."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

import orjson
from fastapi import Depends, HTTPException, Request, Response, status
from fastapi.encoders import jsonable_encoder
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from interlink.access.settled import Judged, settle
from interlink.core.viewer import Viewer
from interlink.identity import User, verify_token
from interlink.identity.accounts import TokenCache
from interlink.store import Actor, SQLStore

bearer = HTTPBearer(auto_error=False, description="il_... token from login or `token create`")


async def get_store(request: Request) -> SQLStore:
    """The app's store. A coroutine: FastAPI runs a plain function in the thread pool, a hop
    that costs more than this look-up."""
    return request.app.state.store


def _unauthorised(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail,
                         headers={"WWW-Authenticate": "Bearer"})


@dataclass(frozen=True)
class Session:
    user: User
    #: for a token taken from the process's cache: the token and the account version it was
    #: verified at, to be confirmed before the answer leaves (`confirm`)
    token: str | None = field(default=None, repr=False)
    version: int | None = None

    @property
    def actor(self) -> Actor:
        return Actor(self.user.login, self.user.agency, self.user.role)

    def viewer(self, purpose: str | None) -> Viewer:
        """The viewer this user acts as; a bad purpose is an `InvalidInput` (400)."""
        return Viewer(self.user.login, self.user.agency, purpose or None)

    def current_at(self, account_version: int) -> bool:
        """Whether an audit entry committed at this account version confirms the token with
        no query (it was verified at that very version, or needs no confirmation)."""
        return self.token is None or self.version is None or self.version == account_version

    def confirm(self, store: SQLStore, cache: TokenCache, committed: bool = True) -> None:
        """For a session from `read_session`, called once the answer's audit entry is
        committed: 401 unless the token was still valid then (see TokenCache). `committed`
        False: the request failed with no entry of its own committed (a refused purpose), so
        the writer's account version is only some earlier commit's and cannot confirm the
        token: it is looked up again (one query, on an error path only)."""
        if self.token is None or self.version is None:
            return
        writer = store.audit_writer
        current = writer.account_version if writer is not None and committed else None
        if not cache.confirm(store, self.token, self.version, current):
            raise _unauthorised("invalid, expired or revoked token")


T = TypeVar("T")


@dataclass(frozen=True)
class Steps(Generic[T]):
    """An audited read (a record, a search) as the steps around its audit entry's commit:
    `begin` judges and makes the entry (queries), the commit confirms it (access/settled.py),
    the token is confirmed (`Session.confirm`), and `end` makes the response from the settled
    answer (`blocks`: it queries the store, so it may not run on an event loop). The route
    runs them in its thread (`settle_steps`); `api.fast` awaits the commit on the event loop.
    """

    begin: Callable[[], Judged[T]]
    end: Callable[[T], Response]
    blocks: bool


def settle_steps(store: SQLStore, session: Session, cache: TokenCache, steps: Steps[T]
                 ) -> Response:
    """The steps in the caller's thread. The token is confirmed after the entry's commit
    whatever the outcome, before anything is answered: a revoked token gets its 401 rather
    than a refusal or an answer."""
    try:
        result = settle(steps.begin())
    except Exception:
        session.confirm(store, cache, committed=False)
        raise
    session.confirm(store, cache)
    return steps.end(result)


def _token(credentials: HTTPAuthorizationCredentials | None) -> str:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise _unauthorised("bearer token required")
    return credentials.credentials


def current_session(
    credentials: HTTPAuthorizationCredentials | None = Depends(bearer),
    store: SQLStore = Depends(get_store),
) -> Session:
    user = verify_token(store, _token(credentials))
    if user is None:
        raise _unauthorised("invalid, expired or revoked token")
    return Session(user)


def token_cache(request: Request) -> TokenCache:
    cache: TokenCache = request.app.state.token_cache
    return cache


async def read_session(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None = Depends(bearer),
    store: SQLStore = Depends(get_store),
) -> Session:
    """The session for an audited read (a record, a search): the token from this process's
    cache of verified tokens when held (no query, no thread-pool hop), else looked up once.
    The route must call `Session.confirm` after the read's audit entry is committed and
    before it answers: that is what makes the cached token as good as a fresh look-up."""
    token = _token(credentials)
    cache = token_cache(request)
    held = cache.cached(token)
    if held is None:
        held = await run_in_threadpool(cache.verify, store, token)
    if held is None:
        raise _unauthorised("invalid, expired or revoked token")
    return Session(held[0], token, held[1])


def require_role(session: Session, *roles: str) -> None:
    if session.user.role not in roles:
        raise HTTPException(status.HTTP_403_FORBIDDEN,
                            f"needs one of the roles: {', '.join(roles)}")


def _fallback(value: object) -> object:
    """What orjson cannot encode itself (sets, enums' values, models) in FastAPI's way."""
    return jsonable_encoder(value)


def json_answer(content: object, status_code: int = 200) -> Response:
    """The answer serialised once, by orjson, into the response: returning a dict instead makes
    FastAPI walk it with `jsonable_encoder` and then encode it again with the json module,
    which costs more than the read itself for a page of search results."""
    return Response(orjson.dumps(content, default=_fallback), status_code=status_code,
                    media_type="application/json")
