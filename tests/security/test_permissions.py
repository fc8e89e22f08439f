"""Roles as permissions, enforced by the capability: a wholesale grant of all an agency's
records needs a supervisor, whichever surface asks.

Before: any analyst could share every record of the agency at once (POST /grants without a
record id), and the roles of each step were tuples copied into routers and pages."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from interlink.core.errors import Forbidden
from interlink.identity import ROLES, Permission, User, allows, require
from interlink.identity.permissions import ROLE_PERMISSIONS
from interlink.policy.sharing import make_grant
from interlink.store import Actor
from interlink.store.tables import grants
from tests.security.conftest import DT, Server

WHOLESALE = {"record_id": None, "recipient_agency": "FR-OFAST", "purposes": [DT]}


def test_every_role_has_its_permissions() -> None:
    assert set(ROLE_PERMISSIONS) == set(ROLES)
    assert allows(User("s", "MA-DGSN", "supervisor"), Permission.GRANT_WHOLESALE)
    assert allows(User("a", "MA-DGSN", "agency_admin"), Permission.MANAGE_USERS)
    assert not allows(User("a", "MA-DGSN", "analyst"), Permission.GRANT_WHOLESALE)
    assert not allows(User("a", "MA-DGSN", "analyst"), Permission.READ_AUDIT)
    assert not allows(User("x", "MA-DGSN", "no_such_role"), Permission.READ_RECORDS)
    with pytest.raises(Forbidden) as caught:
        require(Actor("ali", "MA-DGSN", "liaison_officer"), Permission.READ_AUDIT)
    # the code and its parameters render the refusal in the reader's language (issue 15)
    assert caught.value.code == "permission"
    assert caught.value.params == {"permission": "read_audit",
                                   "roles": "agency_admin, platform_admin, supervisor"}
    assert str(caught.value) == ("this needs the permission read_audit (roles: agency_admin, "
                                 "platform_admin, supervisor)")
    from interlink.core.messages import render_error
    assert "read_audit" in render_error(caught.value, "fr") != str(caught.value)
    require(Actor("cli-operator", "MA-DGSN"), Permission.GRANT_WHOLESALE)  # no role: the CLI


def test_a_wholesale_grant_needs_a_supervisor_in_the_capability(server: Server) -> None:
    with pytest.raises(Forbidden):
        make_grant(server.store, Actor("ali", "MA-DGSN", "analyst"), **WHOLESALE)
    grant = make_grant(server.store, Actor("sara", "MA-DGSN", "supervisor"), **WHOLESALE)
    assert grant.record_id is None


def test_a_wholesale_grant_needs_a_supervisor_on_every_surface(server: Server) -> None:
    r = server.client.post("/api/v1/grants", headers=server.headers("ali"), json=WHOLESALE)
    assert r.status_code == 403, r.text
    assert "grant_wholesale" in r.json()["detail"]
    # the web page: the same refusal, as a page
    login = server.client.post("/login", data={"login": "ali", "password": "a long enough "
                                               "password", "purpose": DT, "next": "/"},
                               follow_redirects=False)
    assert login.status_code == 303
    form = server.client.get("/sharing")
    token = form.text.split('name="csrf" value="')[1].split('"')[0]
    r = server.client.post("/sharing/grants", data={
        "csrf": token, "recipient": "FR-OFAST", "purposes": DT, "record_id": ""},
        follow_redirects=False)
    assert r.status_code == 403 and "grant_wholesale" in r.text, r.text[:500]
    server.client.cookies.clear()
    with server.store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(grants)).scalar_one() == 0
    r = server.client.post("/api/v1/grants", headers=server.headers("sara"), json=WHOLESALE)
    assert r.status_code == 201, r.text
