"""Accounts: users of agencies, their passwords (argon2) and their bearer tokens.

A token is `il_<id>_<secret>`: the id finds the row, the secret is compared by its SHA-256
(stored) in constant time, so the database never holds a usable token and a lookup never scans.
Session tokens (from a password login) expire after hours; API tokens for systems last until
revoked. Every account change is audited.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select, update

from interlink import settings
from interlink.audit import chain
from interlink.audit.writer import account_version
from interlink.core.messages import invalid
from interlink.store.base import Actor
from interlink.store.sql import SQLStore
from interlink.store.tables import tokens, users

ROLES = ("analyst", "supervisor", "liaison_officer", "agency_admin", "platform_admin")
LOGIN = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,127}$")
SESSION_HOURS = 8
MIN_PASSWORD = 12

@cache
def _hasher_of(time_cost: int, memory_kib: int) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_kib)


def _hasher() -> PasswordHasher:
    """The hasher of the configured cost (settings.PASSWORD_*, read when used)."""
    return _hasher_of(settings.PASSWORD_TIME_COST, settings.PASSWORD_MEMORY_KIB)


@dataclass(frozen=True)
class User:
    login: str
    agency: str
    role: str
    disabled: bool = False


def _now() -> datetime:
    return datetime.now(UTC)


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def normalise_login(login: str) -> str:
    """A login as stored and looked up: Unicode compatibility forms folded (full-width letters
    are the ASCII ones), surrounding whitespace dropped, case folded. Every look-up and the
    sign-in limiter use this one form, so no spelling of a login escapes either."""
    return unicodedata.normalize("NFKC", login).strip().casefold()


def parse_role(role: str) -> str:
    value = role.strip().lower().replace("-", "_").replace(" ", "_")
    if value not in ROLES:
        raise invalid("user.unknown_role", "role", value=role, allowed=", ".join(ROLES))
    return value


def add_user(
    store: SQLStore, login: str, agency: str, role: str, actor: Actor,
    password: str | None = None,
) -> User:
    login = normalise_login(login)
    if not LOGIN.match(login):
        raise invalid("user.invalid_login", "login", value=login)
    code = store.require_agency(agency).code
    role = parse_role(role)
    password_hash = _hash_password(password) if password is not None else None
    with store.transaction() as conn:
        if conn.execute(select(users.c.login).where(users.c.login == login)).first():
            raise invalid("user.exists", "login", login=login)
        conn.execute(users.insert().values(
            login=login, agency=code, role=role, password_hash=password_hash,
            disabled=False, created_at=_now(),
        ))
        chain.append(conn, "user", actor.user, agency=actor.agency,
                     details={"added": login, "agency": code, "role": role})
    return User(login, code, role)


def _hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise invalid("user.password_short", "password", min=MIN_PASSWORD)
    return _hasher().hash(password)


def set_password(store: SQLStore, login: str, password: str, actor: Actor) -> None:
    password_hash = _hash_password(password)
    with store.transaction() as conn:
        done = conn.execute(
            update(users).where(users.c.login == login).values(password_hash=password_hash)
        )
        if done.rowcount == 0:
            raise invalid("user.unknown", "login", login=login)
        chain.append(conn, "user", actor.user, agency=actor.agency,
                     details={"password_set": login})


def _update_user(store: SQLStore, login: str, actor: Actor, details: dict[str, object],
                 **values: object) -> User:
    """Change the account's row and append its "user" entry in one transaction. The entry is
    what makes a running server see the change: its token cache trusts a verified token only
    while no "token" or "user" entry has been committed since (`TokenCache`), so an account
    changed by any other means (the table edited by hand) is served as it was until then."""
    login = normalise_login(login)
    with store.transaction() as conn:
        done = conn.execute(update(users).where(users.c.login == login).values(**values))
        if done.rowcount == 0:
            raise invalid("user.unknown", "login", login=login)
        chain.append(conn, "user", actor.user, agency=actor.agency,
                     details={**details, "login": login})
        row = conn.execute(select(users).where(users.c.login == login)).one()
    return User(row.login, row.agency, row.role, row.disabled)


def set_disabled(store: SQLStore, login: str, disabled: bool, actor: Actor) -> User:
    """Disable an account (every token and session of it refused from the next request, on
    every server process; its records and its audit trail stay) or enable it again."""
    return _update_user(store, login, actor, {"disabled": disabled}, disabled=disabled)


def set_role(store: SQLStore, login: str, role: str, actor: Actor) -> User:
    """Give an account another role; its tokens act with the new role from the next
    request."""
    role = parse_role(role)
    return _update_user(store, login, actor, {"role": role}, role=role)


def get_user(store: SQLStore, login: str) -> User | None:
    with store.reading() as conn:
        row = conn.execute(select(users).where(users.c.login == normalise_login(login))).first()
    if row is None:
        return None
    return User(row.login, row.agency, row.role, row.disabled)


def agency_users(store: SQLStore, agency: str) -> list[User]:
    """The agency's accounts (an analyst is shown whom to ask for what their role may not do)."""
    with store.reading() as conn:
        rows = conn.execute(select(users).where(users.c.agency == agency)
                            .order_by(users.c.login)).all()
    return [User(r.login, r.agency, r.role, r.disabled) for r in rows]


def authenticate(store: SQLStore, login: str, password: str) -> User | None:
    """The user if the password is right, else None (the same None for an unknown login, and
    the hash is still computed, so timing does not tell which logins exist)."""
    with store.reading() as conn:
        row = conn.execute(select(users).where(users.c.login == normalise_login(login))).first()
    if row is None or not row.password_hash:
        _hasher().hash(password)  # same cost as a real check
        return None
    try:
        _hasher().verify(row.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if row.disabled:
        return None
    return User(row.login, row.agency, row.role, row.disabled)


def _secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(
    store: SQLStore, login: str, actor: Actor, kind: str = "api",
    lifetime: timedelta | None = None,
) -> tuple[str, str]:
    """Create a token; returns (token id, the token). The token is shown once, never stored."""
    user = get_user(store, login)
    if user is None:
        raise invalid("user.unknown", "login", login=login)
    if kind not in ("api", "session"):
        raise invalid("token.unknown_kind", "kind", value=kind)
    if kind == "session" and lifetime is None:
        lifetime = timedelta(hours=SESSION_HOURS)
    token_id = secrets.token_hex(8)
    secret = secrets.token_urlsafe(32)
    now = _now()
    with store.transaction() as conn:
        conn.execute(tokens.insert().values(
            id=token_id, login=user.login, kind=kind, secret_hash=_secret_hash(secret),
            created_at=now, expires_at=now + lifetime if lifetime else None, revoked_at=None,
        ))
        chain.append(conn, "token", actor.user, agency=actor.agency,
                     details={"created": token_id, "for": user.login, "kind": kind})
    return token_id, f"il_{token_id}_{secret}"


def verify_token(store: SQLStore, token: str) -> User | None:
    """The user a bearer token belongs to, or None if it is malformed, unknown, expired,
    revoked, or its user is disabled."""
    checked = _verify(store, token)
    return checked[0] if checked is not None else None


_TOKEN_FORM = re.compile(r"[0-9a-f]{16}")


def _verify(store: SQLStore, token: str) -> tuple[User, datetime | None, int] | None:
    """The token's user, its expiry and the account version read in the same statement (one
    snapshot), or None if the token is not valid now."""
    parts = token.split("_", 2)
    if len(parts) != 3 or parts[0] != "il" or not _TOKEN_FORM.fullmatch(parts[1]):
        return None
    with store.reading() as conn:
        row = conn.execute(
            select(tokens, users.c.agency, users.c.role, users.c.disabled,
                   account_version().label("account_version"))
            .join(users, users.c.login == tokens.c.login)
            .where(tokens.c.id == parts[1])
        ).first()
    if row is None or not hmac.compare_digest(row.secret_hash, _secret_hash(parts[2])):
        return None
    if row.revoked_at is not None or row.disabled:
        return None
    expires = _utc(row.expires_at)
    if expires is not None and expires <= _now():
        return None
    return User(row.login, row.agency, row.role, row.disabled), expires, int(row.account_version)


class TokenCache:
    """Verified tokens of one server process, so that a read does not look its token up again.

    A cached token is used at once, but the answer it earns is released only after
    `confirm`: the audit writer reads the account version in the very transaction that
    commits the read's entry (audit/writer.py), after the read; if no token or user changed
    between the token's verification and that commit, the token was valid throughout, as
    valid as a fresh look-up would have found it. If something changed, the token is looked
    up again before anything is answered. Nothing is trusted for a time: a revocation made by
    another process is seen by the first read that commits after it.
    """

    MAX = 10_000  # tokens kept; past that the cache starts over (a few hundred are normal)

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # sha256 of the whole token -> its user, expiry, account version when verified
        self._entries: dict[bytes, tuple[User, datetime | None, int]] = {}

    @staticmethod
    def _key(token: str) -> bytes:
        return hashlib.sha256(token.encode("utf-8")).digest()

    def cached(self, token: str) -> tuple[User, int] | None:
        """The user and the version it was verified at, if held and not expired (no query)."""
        entry = self._entries.get(self._key(token))
        if entry is None:
            return None
        user, expires, version = entry
        if expires is not None and expires <= _now():
            return None
        return user, version

    def verify(self, store: SQLStore, token: str) -> tuple[User, int] | None:
        """Look the token up in the store (one query) and keep it if valid."""
        checked = _verify(store, token)
        key = self._key(token)
        with self._lock:
            if checked is None:
                self._entries.pop(key, None)
                return None
            if len(self._entries) >= self.MAX:
                self._entries.clear()
            self._entries[key] = checked
        return checked[0], checked[2]

    def confirm(self, store: SQLStore, token: str, version: int, current: int | None
                ) -> bool:
        """Whether the token, verified at `version`, is still valid given the account version
        `current` read after the answer's audit entry was committed (None: not known, so
        look it up again)."""
        if current is not None and current == version:
            return True
        return self.verify(store, token) is not None


def revoke_token(store: SQLStore, token_id: str, actor: Actor) -> None:
    with store.transaction() as conn:
        done = conn.execute(
            update(tokens).where(tokens.c.id == token_id, tokens.c.revoked_at.is_(None))
            .values(revoked_at=_now())
        )
        if done.rowcount == 0:
            raise invalid("token.unknown", "token_id", id=token_id)
        chain.append(conn, "token", actor.user, agency=actor.agency,
                     details={"revoked": token_id})
