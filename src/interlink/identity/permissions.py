"""Roles as permissions: what each role may do, asked in one way by the capability itself.

A route or page does not carry its own tuple of roles: the capability function that does the
thing calls `require(who, Permission.X)`, so the API, the web and the command line refuse alike
(`Forbidden`, which each surface translates once).

Who asks is a signed-in `User`, or an `Actor` carrying the user's role (the API and web
sessions make theirs with it). An Actor without a role is the command line: whoever runs it
holds the store itself, so it is the operator and may do everything (the README's security
model says so); there is no signed-in role to check.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from interlink.core.errors import Forbidden
from interlink.core.messages import error


class Permission(StrEnum):
    READ_RECORDS = "read_records"
    WRITE_RECORDS = "write_records"
    SEARCH = "search"
    SCREEN = "screen"
    SHARE_RECORD = "share_record"  # grant one record
    GRANT_WHOLESALE = "grant_wholesale"  # grant all of the agency's records at once
    JUDGE_MATCHES = "judge_matches"
    REQUEST_INFORMATION = "request_information"
    COORDINATE_OPERATIONS = "coordinate_operations"  # operations, notices, legal requests
    READ_AUDIT = "read_audit"  # the agency's audit log and its verification
    MANAGE_USERS = "manage_users"


_EVERY_USER = frozenset({
    Permission.READ_RECORDS, Permission.WRITE_RECORDS, Permission.SEARCH, Permission.SCREEN,
    Permission.SHARE_RECORD, Permission.JUDGE_MATCHES, Permission.REQUEST_INFORMATION,
})
_SUPERVISING = frozenset({Permission.GRANT_WHOLESALE, Permission.READ_AUDIT,
                          Permission.COORDINATE_OPERATIONS})

#: the permissions of each role (identity.accounts.ROLES)
ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    "analyst": _EVERY_USER,
    "liaison_officer": _EVERY_USER | {Permission.COORDINATE_OPERATIONS},
    "supervisor": _EVERY_USER | _SUPERVISING,
    "agency_admin": _EVERY_USER | _SUPERVISING | {Permission.MANAGE_USERS},
    "platform_admin": _EVERY_USER | {Permission.READ_AUDIT, Permission.MANAGE_USERS},
}

#: what the command line may do (see the module's docstring)
OPERATOR = frozenset(Permission)


class HasRole(Protocol):
    @property
    def role(self) -> str | None: ...


def permissions(who: HasRole) -> frozenset[Permission]:
    """Everything `who` may do: a role's permissions; the operator's for no role at all."""
    if who.role is None:
        return OPERATOR
    return ROLE_PERMISSIONS.get(who.role, frozenset())


def allows(who: HasRole, permission: Permission) -> bool:
    return permission in permissions(who)


def require(who: HasRole, permission: Permission) -> None:
    """Raise Forbidden unless `who` has `permission`."""
    if not allows(who, permission):
        roles = sorted(r for r, granted in ROLE_PERMISSIONS.items() if permission in granted)
        raise error(Forbidden, "permission", permission=permission.value,
                    roles=", ".join(roles))
