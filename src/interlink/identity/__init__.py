"""Users, roles, passwords and tokens of an agency server."""

from interlink.identity.accounts import (
    ROLES,
    User,
    add_user,
    authenticate,
    create_token,
    get_user,
    revoke_token,
    set_password,
    verify_token,
)

__all__ = [
    "ROLES",
    "User",
    "add_user",
    "authenticate",
    "create_token",
    "get_user",
    "revoke_token",
    "set_password",
    "verify_token",
]
