"""What every route gets: the store, the signed-in user, the viewer they act as."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from interlink.core.viewer import Viewer
from interlink.identity import User, verify_token
from interlink.store import Actor, SQLStore

bearer = HTTPBearer(auto_error=False, description="il_... token from login or `token create`")


def get_store(request: Request) -> SQLStore:
    return request.app.state.store


@dataclass(frozen=True)
class Session:
    user: User

    @property
    def actor(self) -> Actor:
        return Actor(self.user.login, self.user.agency, self.user.role)

    def viewer(self, purpose: str | None) -> Viewer:
        """The viewer this user acts as; a bad purpose is an `InvalidInput` (400)."""
        return Viewer(self.user.login, self.user.agency, purpose or None)


def current_session(
    credentials: HTTPAuthorizationCredentials | None = Depends(bearer),
    store: SQLStore = Depends(get_store),
) -> Session:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bearer token required",
                            headers={"WWW-Authenticate": "Bearer"})
    user = verify_token(store, credentials.credentials)
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid, expired or revoked token",
                            headers={"WWW-Authenticate": "Bearer"})
    return Session(user)


def require_role(session: Session, *roles: str) -> None:
    if session.user.role not in roles:
        raise HTTPException(status.HTTP_403_FORBIDDEN,
                            f"needs one of the roles: {', '.join(roles)}")
