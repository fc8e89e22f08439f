"""Users, roles, passwords and tokens of an agency server."""

from interlink.identity.accounts import (
    ROLES,
    User,
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
from interlink.identity.permissions import Permission, allows, permissions, require

__all__ = [
    "ROLES",
    "Permission",
    "User",
    "add_user",
    "allows",
    "authenticate",
    "create_token",
    "get_user",
    "permissions",
    "require",
    "revoke_token",
    "set_disabled",
    "set_password",
    "set_role",
    "verify_token",
]
