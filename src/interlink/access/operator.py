"""What the command line shows an operator: the person who runs the store and holds its file
or database, so no gate can keep a record from them, but every record they are shown is
audited like anyone else's reads (who, which ids, why), so a supervisor sees it.
"""

from __future__ import annotations

from collections.abc import Iterator

from interlink.core.errors import NotFound
from interlink.core.messages import error
from interlink.core.record import Record
from interlink.store import Actor, SQLStore

#: ids named per audit entry of a bulk export (one entry per batch, every id named)
EXPORT_BATCH = 5000


def _audit(store: SQLStore, actor: Actor, view: str, ids: list[str], **details: object) -> None:
    store.audit("consultation", actor.user, agency=actor.agency, subjects=ids,
                details={"view": view, "operator": True, **details})


def show(store: SQLStore, actor: Actor, record_id: str, version: int | None = None) -> Record:
    """One record (or an older version), audited."""
    record = store.get(record_id, version)
    _audit(store, actor, "record", [record_id], version=version,
           result="none" if record is None else "full")
    if record is None:
        # the operator holds the store: told plainly what is missing (its own words, no
        # catalogue code that would render as the generic answer viewers get)
        if version:
            raise error(NotFound, "operator.record_version", "id", id=record_id,
                        version=str(version))
        raise error(NotFound, "operator.record", "id", id=record_id)
    return record


def export(store: SQLStore, actor: Actor, *, schema: str | None = None,
           owner: str | None = None) -> Iterator[Record]:
    """Every current record (of a schema, of an owner) for an export file, audited in batches
    naming each id before the batch is handed out."""
    batch: list[Record] = []
    for record in store.iter_records(schema=schema, owner=owner):
        batch.append(record)
        if len(batch) >= EXPORT_BATCH:
            _audit(store, actor, "export", [r.id for r in batch], schema=schema, owner=owner)
            yield from batch
            batch = []
    if batch:
        _audit(store, actor, "export", [r.id for r in batch], schema=schema, owner=owner)
        yield from batch
