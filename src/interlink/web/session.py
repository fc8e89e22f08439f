"""Who is signed in to the interface: the same session tokens and gate as the API.

The session token from `interlink.identity` travels in an HttpOnly, SameSite=Strict cookie, so
page scripts never see it and other sites cannot send it. Forms that change anything carry a
CSRF token derived from the session token (HMAC), checked on every POST: nothing to store, and
useless to anyone who does not already hold the session.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from fastapi import Request

from interlink.core.codes import Purpose
from interlink.core.errors import InvalidInput
from interlink.core.viewer import Viewer
from interlink.identity import User, verify_token
from interlink.identity.permissions import Permission, allows
from interlink.store import Actor, SQLStore

COOKIE = "il_session"
PURPOSE_COOKIE = "il_purpose"
LANG_COOKIE = "il_lang"


class SignInRequired(Exception):
    """Raised by a page whose visitor has no valid session: answered with a redirect."""


class CsrfError(Exception):
    """A state-changing form without the right CSRF token."""


def csrf_token(session_token: str) -> str:
    return hmac.new(session_token.encode(), b"interlink-web-csrf", hashlib.sha256).hexdigest()


def token_id(session_token: str) -> str | None:
    parts = session_token.split("_", 2)
    return parts[1] if len(parts) == 3 else None


@dataclass(frozen=True)
class WebSession:
    user: User
    token: str
    purpose: Purpose | None

    @property
    def actor(self) -> Actor:
        return Actor(self.user.login, self.user.agency, self.user.role)

    @property
    def csrf(self) -> str:
        return csrf_token(self.token)

    @property
    def supervisor(self) -> bool:
        """May read the agency's audit log (what the supervisor's pages show)."""
        return allows(self.user, Permission.READ_AUDIT)

    def viewer(self, purpose: str | Purpose | None = None) -> Viewer:
        """The viewer the gate judges: this user, their agency, the declared purpose."""
        return Viewer(self.user.login, self.user.agency, purpose or self.purpose)


def parse_purpose(value: str | None) -> Purpose | None:
    if not value:
        return None
    try:
        return Purpose.parse(value)
    except InvalidInput:
        return None


def current(request: Request, store: SQLStore) -> WebSession:
    """The signed-in session, or SignInRequired (an expired or revoked token counts as none)."""
    token = request.cookies.get(COOKIE)
    if not token:
        raise SignInRequired
    user = verify_token(store, token)
    if user is None:
        raise SignInRequired
    return WebSession(user, token, parse_purpose(request.cookies.get(PURPOSE_COOKIE)))


def check_csrf(session: WebSession, sent: str | None) -> None:
    if not sent or not hmac.compare_digest(sent, session.csrf):
        raise CsrfError
