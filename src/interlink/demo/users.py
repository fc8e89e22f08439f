"""Demo logins: an analyst and a supervisor for each agency of the demo case, so that a person
trying Interlink (`make run`) can sign in as any agency and watch sharing change what the
others see. The passwords are printed and published: for the demo store only."""

from __future__ import annotations

from interlink.core.agency import Agency
from interlink.identity import add_user, get_user
from interlink.store import Actor, SQLStore

ROLES = ("analyst", "supervisor")


def demo_login(agency: str, role: str) -> str:
    return f"{role}@{agency.lower()}"


def demo_password(agency: str, role: str) -> str:
    """Deterministic and long enough for the password rule; not a secret."""
    return f"demo-{role}-{agency.lower()}"


def add_demo_users(store: SQLStore, agencies: list[Agency], actor: Actor,
                   ) -> list[tuple[str, str, str, str]]:
    """Create the missing demo users; returns (agency, role, login, password) for all."""
    out = []
    for agency in agencies:
        for role in ROLES:
            login, password = demo_login(agency.code, role), demo_password(agency.code, role)
            if get_user(store, login) is None:
                add_user(store, login, agency.code, role, actor, password=password)
            out.append((agency.code, role, login, password))
    return out
