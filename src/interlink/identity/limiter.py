"""The sign-in rate limit: failed attempts per login and per client address, in a sliding
window, shared by every surface that takes a password (the API's /auth/login, the web's
/login).

A login is counted as it is authenticated (`normalise_login`: case, surrounding whitespace,
Unicode compatibility forms), so "Ali", " ali " and the full-width "ａｌｉ" draw on one allowance
instead of one each. Only failures count: a user who signs in many times a minute (scripts,
several tabs) is never locked out by their own successes, while guessing is slowed whatever it
guesses. A success clears that login's failures; the address's stay.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from typing import Any

from interlink.identity.accounts import User, authenticate, normalise_login
from interlink.store.sql import SQLStore

ATTEMPTS = 5  # failures per login in WINDOW seconds
ATTEMPTS_PER_ADDRESS = 30  # failures per client address (an office behind one NAT has many)
WINDOW = 60.0


class TooManyAttempts(Exception):
    """Too many failed sign-ins for this login or address: wait for the window to pass."""


class LoginLimiter:
    def __init__(self, window: float = WINDOW, per_login: int = ATTEMPTS,
                 per_address: int = ATTEMPTS_PER_ADDRESS) -> None:
        self.window = window
        self.per_login = per_login
        self.per_address = per_address
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    @classmethod
    def of(cls, state: Any) -> LoginLimiter:
        """The one limiter of an application (kept on its `state`), made on first use."""
        limiter = getattr(state, "login_limiter", None)
        if not isinstance(limiter, LoginLimiter):
            limiter = state.login_limiter = cls()
        return limiter

    def _keys(self, login: str, address: str) -> tuple[tuple[str, int], tuple[str, int]]:
        return ((f"login:{normalise_login(login)}", self.per_login),
                (f"addr:{address}", self.per_address))

    def _recent(self, key: str, now: float) -> deque[float]:
        seen = self._failures[key]
        while seen and seen[0] <= now - self.window:
            seen.popleft()
        return seen

    def blocked(self, login: str, address: str) -> bool:
        now = time.monotonic()
        with self._lock:
            return any(len(self._recent(key, now)) >= limit
                       for key, limit in self._keys(login, address))

    def failed(self, login: str, address: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key, _ in self._keys(login, address):
                self._recent(key, now).append(now)

    def succeeded(self, login: str) -> None:
        with self._lock:
            self._failures.pop(f"login:{normalise_login(login)}", None)

    def authenticate(self, store: SQLStore, login: str, password: str,
                     address: str) -> User | None:
        """`identity.authenticate` under the limit: TooManyAttempts while blocked (the
        password is not even checked), else the user or None, a None counted as a failure."""
        if self.blocked(login, address):
            raise TooManyAttempts(login)
        user = authenticate(store, login, password)
        if user is None:
            self.failed(login, address)
        else:
            self.succeeded(login)
        return user
