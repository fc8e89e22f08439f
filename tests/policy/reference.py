"""A plain, separately written statement of the sharing rules, for property tests.

Written as a reader of the rules would check them by hand, with no shared helpers from the gate,
so that a mistake in one is unlikely to be repeated in the other.
"""

from __future__ import annotations

from interlink.core.record import Record
from interlink.core.viewer import Viewer
from interlink.policy import Grant, PolicyContext


def reference(record: Record, viewer: Viewer, ctx: PolicyContext) -> str:
    env = record.envelope
    if viewer.agency == env.owner:
        return "full"
    if env.review_by is not None and env.review_by < ctx.today:
        return "none"
    if viewer.purpose is None:
        return "none"
    if viewer.purpose not in env.purposes:
        return "none"
    if env.tlp.value == "CLEAR":
        return "full"
    levels = set()
    for g in ctx.grants:
        if counts(g, record, viewer, ctx, depth=0):
            levels.add(g.level)
    if "full" in levels:
        return "full"
    if "hit" in levels:
        return "hit"
    if env.tlp.value == "RED":
        return "none"
    return "hit"


def members(g: Grant, ctx: PolicyContext) -> set[str]:
    if g.recipient_agency:
        return {g.recipient_agency}
    group = ctx.groups.get(g.recipient_group or "")
    if group is None:
        return set()
    return set(group.members)


def reached(g: Grant, viewer: Viewer, tlp: str, ctx: PolicyContext) -> bool:
    if len(g.users) > 0 and viewer.user not in g.users:
        return False
    direct = members(g, ctx)
    if tlp == "RED":
        return len(g.users) > 0 and viewer.agency in direct
    if tlp == "AMBER+STRICT":
        return viewer.agency in direct
    served = set()
    for agency in direct:
        served |= set(ctx.serves.get(agency, ()))
    if tlp == "AMBER":
        return viewer.agency in direct or viewer.agency in served
    community = set()
    for group in ctx.groups.values():
        if set(group.members) & direct:
            community |= set(group.members)
    return viewer.agency in direct or viewer.agency in served or viewer.agency in community


def counts(g: Grant, record: Record, viewer: Viewer, ctx: PolicyContext, depth: int) -> bool:
    env = record.envelope
    if depth > len(ctx.grants):  # a chain longer than the grants themselves is a cycle
        return False
    if g.revoked:
        return False
    if g.valid_until is not None and g.valid_until < ctx.today:
        return False
    if g.record_id is None:
        if g.grantor != env.owner:
            return False
    elif g.record_id != record.id:
        return False
    if viewer.purpose not in g.purposes:
        return False
    if not reached(g, viewer, env.tlp.value, ctx):
        return False
    if g.grantor == env.owner:
        return True
    if env.handling.value == "H2" or env.tlp.value == "AMBER+STRICT":
        return False  # no onward sharing: H2 without consent, AMBER+STRICT ever
    parents = [p for p in ctx.grants if p.id == g.parent]
    if not parents or parents[0].level != "full":
        return False
    as_grantor = Viewer("", g.grantor, viewer.purpose)
    return counts(parents[0], record, as_grantor, ctx, depth + 1)
