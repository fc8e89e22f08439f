"""Demo sharing: a joint investigation team of three agencies, each sharing its records with
the others for drug trafficking, so that the demo shows what a partner sees once shared
(resolved entities across agencies, pairs to review) next to what stays a hit (the agencies
outside the team). Nothing is shared unless asked (`interlink demo --sharing`)."""

from __future__ import annotations

from sqlalchemy import select

from interlink.policy.sharing import add_group, make_grant
from interlink.store import Actor, SQLStore
from interlink.store.tables import grants, sharing_groups

GROUP = "demo-jit"
MEMBERS = ("MA-DGSN", "FR-OFAST", "ES-DAVA")
PURPOSE = "drug_trafficking"


def add_demo_sharing(store: SQLStore, actor: Actor) -> list[str]:
    """Create the team and its grants if missing; the grant ids made now."""
    with store.engine.connect() as conn:
        has_group = conn.execute(select(sharing_groups.c.id)
                                 .where(sharing_groups.c.id == GROUP)).first() is not None
        granted = {r.grantor for r in conn.execute(
            select(grants.c.grantor).where(grants.c.recipient_group == GROUP,
                                           grants.c.revoked_at.is_(None)))}
    if not has_group:
        add_group(store, GROUP, "Joint investigation team (demo)", MEMBERS, actor)
    made = []
    for code in MEMBERS:
        if code not in granted:
            made.append(make_grant(store, Actor(actor.user, code), record_id=None,
                                   recipient_group=GROUP, purposes=[PURPOSE],
                                   reason="demo joint investigation team").id)
    return made
