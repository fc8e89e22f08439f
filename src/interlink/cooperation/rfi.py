"""Requests for information: the follow-up of a hit.

A searcher who learnt that another agency holds a record asks for it, with a purpose and a
message; the owner answers by granting access (a grant for that record, to that agency, for that
purpose) or by refusing with a reason. Both sides and every step are audited.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update

from interlink.audit import chain
from interlink.core.codes import Purpose
from interlink.core.errors import InvalidInput
from interlink.core.viewer import Viewer
from interlink.policy import Visibility
from interlink.policy.sharing import judge, make_grant
from interlink.store import Actor, SQLStore
from interlink.store.tables import info_requests


@dataclass(frozen=True)
class InfoRequest:
    id: str
    record_id: str
    owner: str
    requester: str
    requested_by: str
    purpose: str
    message: str
    status: str
    answer: str
    grant_id: str | None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _row(row: Any) -> InfoRequest:
    return InfoRequest(row.id, row.record_id, row.owner, row.requester, row.requested_by,
                       row.purpose, row.message, row.status, row.answer, row.grant_id)


def open_request(store: SQLStore, viewer: Viewer, record_id: str, message: str) -> InfoRequest:
    """Ask the owner of a record the viewer sees at least as a hit. Anything the viewer may not
    know of is answered exactly like a record that does not exist."""
    if viewer.purpose is None:
        raise InvalidInput("a request must declare a purpose")
    record = store.get(record_id)
    seen = judge(store, [record], viewer)[0] if record is not None else Visibility.NONE
    if record is None or seen is Visibility.NONE:
        raise LookupError(record_id)
    if seen is Visibility.FULL:
        raise InvalidInput(f"you already see record {record_id} in full")
    request = InfoRequest(
        id=secrets.token_hex(8), record_id=record_id, owner=record.owner,
        requester=viewer.agency, requested_by=viewer.user, purpose=viewer.purpose.value,
        message=message, status="open", answer="", grant_id=None,
    )
    with store.transaction() as conn:
        conn.execute(info_requests.insert().values(
            **request.to_dict(), created_at=datetime.now(UTC), answered_at=None,
            answered_by=None,
        ))
        chain.append(conn, "request", viewer.user, agency=viewer.agency,
                     recipient=record.owner, purpose=request.purpose, subjects=[record_id],
                     reason=message, details={"request": request.id})
    return request


def list_requests(store: SQLStore, agency: str, box: str) -> list[InfoRequest]:
    column = info_requests.c.owner if box == "incoming" else info_requests.c.requester
    with store.engine.connect() as conn:
        rows = conn.execute(select(info_requests).where(column == agency)
                            .order_by(info_requests.c.created_at)).all()
    return [_row(r) for r in rows]


def answer_request(
    store: SQLStore, actor: Actor, request_id: str, grant: bool, reason: str,
    valid_until: str | None = None,
) -> InfoRequest:
    """The owner grants (for the requested purpose) or refuses, with a reason either way."""
    with store.engine.connect() as conn:
        row = conn.execute(select(info_requests).where(info_requests.c.id == request_id)).first()
    if row is None or row.owner != actor.agency:
        raise InvalidInput(f"no request {request_id} addressed to your agency")
    if row.status != "open":
        raise InvalidInput(f"request {request_id} was already answered ({row.status})")
    if not reason.strip():
        raise InvalidInput("an answer needs a reason")
    grant_id = None
    if grant:
        made = make_grant(store, actor, record_id=row.record_id, recipient_agency=row.requester,
                          purposes=[Purpose.parse(row.purpose)], valid_until=valid_until,
                          reason=f"request {request_id}: {reason}")
        grant_id = made.id
    status = "granted" if grant else "refused"
    with store.transaction() as conn:
        conn.execute(update(info_requests).where(info_requests.c.id == request_id).values(
            status=status, answer=reason, grant_id=grant_id, answered_at=datetime.now(UTC),
            answered_by=actor.user,
        ))
        if not grant:
            chain.append(conn, "refusal", actor.user, agency=actor.agency,
                         recipient=row.requester, subjects=[row.record_id], reason=reason,
                         details={"request": request_id})
    return replace(_row(row), status=status, answer=reason, grant_id=grant_id)
