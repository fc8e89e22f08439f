"""POST /auth/login: a password for a short-lived session token, with a rate limit."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request, status
from pydantic import BaseModel, Field

from interlink.api.deps import get_store
from interlink.identity import create_token
from interlink.identity.accounts import SESSION_HOURS
from interlink.identity.limiter import LoginLimiter, TooManyAttempts
from interlink.store import Actor, SQLStore

router = APIRouter(tags=["auth"])

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
    client = request.client.host if request.client else "unknown"
    try:
        user = LoginLimiter.of(request.app.state).authenticate(store, body.login, body.password,
                                                                client)
    except TooManyAttempts:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS,
                            "too many attempts; wait a minute") from None
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "wrong login or password")
    _, token = create_token(store, user.login, Actor(user.login, user.agency), kind="session")
    return TokenOut(token=token, expires_in=SESSION_HOURS * 3600, agency=user.agency,
                    role=user.role)
