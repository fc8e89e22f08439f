"""POST /auth/login: a password for a short-lived session token, with a rate limit."""

from __future__ import annotations

import time
from collections import defaultdict, deque

from fastapi import APIRouter, Depends, HTTPException, Request, status
from pydantic import BaseModel, Field

from interlink.api.deps import get_store
from interlink.identity import authenticate, create_token
from interlink.identity.accounts import SESSION_HOURS
from interlink.store import Actor, SQLStore

router = APIRouter(tags=["auth"])

ATTEMPTS = 5  # per login, in WINDOW seconds
ATTEMPTS_PER_ADDRESS = 30  # per client address (an office behind one NAT has many users)
WINDOW = 60.0


class RateLimiter:
    """Failed and successful attempts alike count: guessing is slowed whatever it guesses."""

    def __init__(self, window: float = WINDOW) -> None:
        self.window = window
        self.seen: dict[str, deque[float]] = defaultdict(deque)

    def allow(self, *limits: tuple[str, int]) -> bool:
        """Record an attempt under each (key, limit); False if any limit is exceeded."""
        now = time.monotonic()
        ok = True
        for key, limit in limits:
            q = self.seen[key]
            while q and q[0] < now - self.window:
                q.popleft()
            if len(q) >= limit:
                ok = False
            q.append(now)
        return ok


class Login(BaseModel):
    login: str = Field(min_length=2, max_length=128)
    password: str = Field(min_length=1, max_length=1024)


class TokenOut(BaseModel):
    token: str
    token_type: str = "bearer"
    expires_in: int
    agency: str
    role: str


@router.post("/auth/login", response_model=TokenOut)
def login(body: Login, request: Request, store: SQLStore = Depends(get_store)) -> TokenOut:
    limiter: RateLimiter = getattr(request.app.state, "login_limiter", None) or RateLimiter()
    request.app.state.login_limiter = limiter
    client = request.client.host if request.client else "unknown"
    if not limiter.allow((f"login:{body.login.lower()}", ATTEMPTS),
                         (f"addr:{client}", ATTEMPTS_PER_ADDRESS)):
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "too many attempts; wait a minute")
    user = authenticate(store, body.login, body.password)
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "wrong login or password")
    _, token = create_token(store, user.login, Actor(user.login, user.agency), kind="session")
    return TokenOut(token=token, expires_in=SESSION_HOURS * 3600, agency=user.agency,
                    role=user.role)
