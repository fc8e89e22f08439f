"""Entity resolution: the same person, company, vessel or account across agencies.

    from interlink.resolve import resolve, build
    result = resolve(build(ids, table))            # batch: blocking, scoring, clustering
    resolve_store(store, actor)                    # candidates for review in the store
    judge(store, a, b, "different", viewer)        # an analyst's verdict, audited, reversible
    entity_members(store, ["rec-1"])               # the resolved entity of a record

Resolved entities are a view over source records (entity.py): nothing is merged, every record
keeps its owner and envelope.
"""

from interlink.resolve.engine import DEFAULT_THRESHOLD, Result, resolve
from interlink.resolve.entity import entity_members
from interlink.resolve.frame import Frame, build
from interlink.resolve.judgements import Judgement, judge, list_judgements, retract
from interlink.resolve.run import resolve_records, resolve_store

__all__ = [
    "DEFAULT_THRESHOLD",
    "Frame",
    "Judgement",
    "Result",
    "build",
    "entity_members",
    "judge",
    "list_judgements",
    "resolve",
    "resolve_records",
    "resolve_store",
    "retract",
]
