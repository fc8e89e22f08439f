"""`interlink user add|disable|enable|set-role` and `interlink token create|revoke`: accounts of
an agency server (each change audited, and seen by running servers from the next request)."""

from __future__ import annotations

import sys

import typer

from interlink.cli import common
from interlink.core.messages import invalid
from interlink.identity import (
    ROLES,
    add_user,
    create_token,
    revoke_token,
    set_disabled,
    set_role,
)

user_app = typer.Typer(help="Users of agencies.", no_args_is_help=True)
token_app = typer.Typer(help="Bearer tokens for systems.", no_args_is_help=True)


@user_app.command("add")
def user_add(
    login: str = typer.Argument(..., help="Login, e.g. a.benali"),
    agency: str = typer.Option(..., "--agency", help="The user's agency code"),
    role: str = typer.Option(..., "--role", help=f"One of: {', '.join(ROLES)}"),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from standard input (one line)"
    ),
) -> None:
    """Add a user. Without --password-stdin the user can only use tokens."""
    password = None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
        if not password:
            raise invalid("cli.no_password", "password")
    user = add_user(common.store(), login, agency, role, common.actor(), password)
    common.out.print(f"added user {user.login} ({user.role}, {user.agency})")


@user_app.command("disable")
def user_disable(login: str = typer.Argument(..., help="The user's login")) -> None:
    """Disable an account: its tokens and sessions are refused from the next request, on every
    running server; its records and audit trail stay."""
    user = set_disabled(common.store(), login, True, common.actor())
    common.out.print(f"disabled user {user.login} ({user.role}, {user.agency})")


@user_app.command("enable")
def user_enable(login: str = typer.Argument(..., help="The user's login")) -> None:
    """Enable a disabled account again (its unrevoked tokens work again)."""
    user = set_disabled(common.store(), login, False, common.actor())
    common.out.print(f"enabled user {user.login} ({user.role}, {user.agency})")


@user_app.command("set-role")
def user_set_role(
    login: str = typer.Argument(..., help="The user's login"),
    role: str = typer.Option(..., "--role", help=f"One of: {', '.join(ROLES)}"),
) -> None:
    """Give an account another role, from its next request."""
    user = set_role(common.store(), login, role, common.actor())
    common.out.print(f"user {user.login} is now {user.role} ({user.agency})")


@token_app.command("create")
def token_create(
    login: str = typer.Argument(..., help="The user the token acts as"),
    days: int = typer.Option(None, "--days", min=1, help="Expire after N days (default: never)"),
) -> None:
    """Create a long-lived API token. It is printed once, alone on the last line."""
    from datetime import timedelta

    lifetime = timedelta(days=days) if days else None
    token_id, token = create_token(common.store(), login, common.actor(), "api", lifetime)
    common.err.print(f"token {token_id} for {login}; store it now, it is not shown again:")
    typer.echo(token)


@token_app.command("revoke")
def token_revoke(token_id: str = typer.Argument(..., help="The token's id")) -> None:
    """Revoke a token at once."""
    revoke_token(common.store(), token_id, common.actor())
    common.out.print(f"revoked token {token_id}")


def register(app: typer.Typer) -> None:
    app.add_typer(user_app, name="user")
    app.add_typer(token_app, name="token")
