"""Accounts on both backends: argon2 passwords, tokens hashed at rest, expiry and revocation."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from interlink import settings
from interlink.core import InvalidInput
from interlink.identity import (
    add_user,
    authenticate,
    create_token,
    get_user,
    revoke_token,
    set_disabled,
    set_password,
    set_role,
    verify_token,
)
from interlink.store.tables import tokens, users
from tests.conftest import ACTOR

PASSWORD = "correct horse battery"


def test_password_is_hashed_with_argon2_and_checked(store) -> None:  # type: ignore[no-untyped-def]
    add_user(store, "A.Benali", "MA-DGSN", "analyst", ACTOR, password=PASSWORD)
    with store.engine.connect() as conn:
        stored = conn.execute(select(users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert authenticate(store, "a.benali", PASSWORD).agency == "MA-DGSN"
    assert authenticate(store, "a.benali", "wrong password!!") is None
    assert authenticate(store, "nobody", PASSWORD) is None
    set_password(store, "a.benali", "another long secret", ACTOR)
    assert authenticate(store, "a.benali", PASSWORD) is None


def test_production_password_cost(store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The suite hashes at argon2id's cheapest cost (tests/conftest.py); unset, the settings
    are argon2-cffi's defaults (3 passes over 64 MiB), and a hash is made and checked at them."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("INTERLINK_PASSWORD_")}
    shown = subprocess.run(
        [sys.executable, "-c", "from interlink import settings as s; "
         "print(s.PASSWORD_TIME_COST, s.PASSWORD_MEMORY_KIB)"],
        env=env, capture_output=True, text=True, check=True).stdout.split()
    assert shown == ["3", "65536"]
    monkeypatch.setattr(settings, "PASSWORD_TIME_COST", 3)
    monkeypatch.setattr(settings, "PASSWORD_MEMORY_KIB", 65536)
    add_user(store, "strong", "MA-DGSN", "analyst", ACTOR, password=PASSWORD)
    with store.engine.connect() as conn:
        stored = conn.execute(select(users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert authenticate(store, "strong", PASSWORD).login == "strong"
    assert authenticate(store, "strong", "wrong password!!") is None
    # a hash made at another cost is still checked with its own parameters
    monkeypatch.setattr(settings, "PASSWORD_TIME_COST", 1)
    monkeypatch.setattr(settings, "PASSWORD_MEMORY_KIB", 64)
    assert authenticate(store, "strong", PASSWORD).login == "strong"


def test_user_validation(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput, match="unknown role"):
        add_user(store, "x1", "MA-DGSN", "king", ACTOR)
    with pytest.raises(InvalidInput, match="agency add"):
        add_user(store, "x1", "MA-DGSX", "analyst", ACTOR)
    with pytest.raises(InvalidInput, match="invalid login"):
        add_user(store, "x y'; drop table users;--", "MA-DGSN", "analyst", ACTOR)
    with pytest.raises(InvalidInput, match="at least 12"):
        add_user(store, "x1", "MA-DGSN", "analyst", ACTOR, password="short")
    add_user(store, "x1", "MA-DGSN", "Liaison-Officer", ACTOR)
    assert get_user(store, "x1").role == "liaison_officer"
    with pytest.raises(InvalidInput, match="already exists"):
        add_user(store, "x1", "FR-OFAST", "analyst", ACTOR)


def test_tokens_hashed_at_rest_and_revocable(store) -> None:  # type: ignore[no-untyped-def]
    add_user(store, "svc", "FR-OFAST", "analyst", ACTOR)
    token_id, token = create_token(store, "svc", ACTOR)
    with store.engine.connect() as conn:
        row = conn.execute(select(tokens)).one()
    assert token_id in token and token.split("_", 2)[2] not in row.secret_hash
    assert verify_token(store, token).login == "svc"
    for forged in (token[:-1] + ("A" if token[-1] != "A" else "B"), "il_" + "0" * 16 + "_x",
                   "garbage", "", f"il_{token_id}"):
        assert verify_token(store, forged) is None
    revoke_token(store, token_id, ACTOR)
    assert verify_token(store, token) is None
    with pytest.raises(InvalidInput):
        revoke_token(store, token_id, ACTOR)


def test_expired_tokens_and_disabled_users_are_refused(store) -> None:  # type: ignore[no-untyped-def]
    add_user(store, "svc", "FR-OFAST", "analyst", ACTOR)
    _, session = create_token(store, "svc", ACTOR, kind="session", lifetime=timedelta(seconds=-1))
    assert verify_token(store, session) is None
    _, api = create_token(store, "svc", ACTOR)
    with store.engine.begin() as conn:
        conn.execute(update(users).values(disabled=True))
    assert verify_token(store, api) is None


def test_account_changes_are_audited(store) -> None:  # type: ignore[no-untyped-def]
    from interlink.audit import chain

    add_user(store, "svc", "FR-OFAST", "analyst", ACTOR)
    token_id, _ = create_token(store, "svc", ACTOR)
    revoke_token(store, token_id, ACTOR)
    with store.engine.connect() as conn:
        actions = [(e.action, sorted(e.details)) for e in chain.entries(conn)][-3:]
        assert chain.verify(conn).ok
    assert actions == [("user", ["added", "agency", "role"]),
                       ("token", ["created", "for", "kind"]), ("token", ["revoked"])]


def test_disable_enable_and_role_are_audited_and_take_effect(store) -> None:  # type: ignore[no-untyped-def]
    from interlink.audit import chain

    add_user(store, "svc", "FR-OFAST", "analyst", ACTOR, password=PASSWORD)
    _, token = create_token(store, "svc", ACTOR)
    assert set_disabled(store, "SVC", True, ACTOR).disabled  # the login as typed
    assert verify_token(store, token) is None and authenticate(store, "svc", PASSWORD) is None
    assert not set_disabled(store, "svc", False, ACTOR).disabled
    assert verify_token(store, token).role == "analyst"
    assert set_role(store, "svc", "Supervisor", ACTOR).role == "supervisor"
    assert verify_token(store, token).role == "supervisor"
    with pytest.raises(InvalidInput, match="unknown role"):
        set_role(store, "svc", "king", ACTOR)
    for change in (lambda: set_disabled(store, "nobody", True, ACTOR),
                   lambda: set_role(store, "nobody", "analyst", ACTOR)):
        with pytest.raises(InvalidInput):
            change()
    with store.engine.connect() as conn:
        entries = [(e.action, e.details) for e in chain.entries(conn)][-3:]
        assert chain.verify(conn).ok
    assert entries == [("user", {"disabled": True, "login": "svc"}),
                       ("user", {"disabled": False, "login": "svc"}),
                       ("user", {"role": "supervisor", "login": "svc"})]
