"""Requests for information: the follow-up of a hit.

A searcher who learnt that another agency holds a record asks for it, with a purpose and a
message; the owner answers by granting access (a grant for that record, to that agency, for that
purpose) or by refusing with a reason. Both sides and every step are audited.

This is the `rfi` type of the general request machine (`legal_requests`): on the platform an
RFI reaches its owner at once, so opening one drafts, sends and receives it in one step, and
the answer is its execution (with the grant) or its refusal. The view here keeps the shape the
HTTP API has always returned (status open | granted | refused).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from interlink.cooperation import legal_requests as machine
from interlink.core import messages
from interlink.core.codes import Purpose
from interlink.core.errors import Conflict
from interlink.core.viewer import Viewer
from interlink.policy import Visibility
from interlink.policy.sharing import judge, make_grant
from interlink.store import Actor, SQLStore

_STATUS = {"executed": "granted", "partly_executed": "granted", "refused": "refused",
           "withdrawn": "withdrawn"}


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


def _view(r: machine.LegalRequest) -> InfoRequest:
    return InfoRequest(r.id, r.subjects[0], r.requested, r.requesting, r.created_by,
                       r.purpose or "", r.message, _STATUS.get(r.state, "open"), r.answer,
                       r.grant_id)


def open_request(store: SQLStore, viewer: Viewer, record_id: str, message: str) -> InfoRequest:
    """Ask the owner of a record the viewer sees at least as a hit. Anything the viewer may not
    know of is answered exactly like a record that does not exist."""
    if viewer.purpose is None:
        raise messages.invalid("rfi.purpose_required", "purpose")
    record = store.get(record_id)
    seen = judge(store, [record], viewer)[0] if record is not None else Visibility.NONE
    if record is None or seen is Visibility.NONE:
        raise LookupError(record_id)
    if seen is Visibility.FULL:
        raise messages.invalid("rfi.already_full", "record_id", record=record_id)
    pending = open_request_for(store, viewer.agency, record_id)
    if pending is not None:  # the owner has it already: asking twice adds nothing
        raise messages.error(Conflict, "rfi.duplicate", "record_id", record=record_id,
                             agency=record.owner, id=pending.id)
    asker = Actor(viewer.user, viewer.agency)
    with store.transaction() as conn:
        made = machine.create_request(
            store, asker, type="rfi", requested=record.owner, subjects=[record_id],
            purpose=viewer.purpose.value, message=message, conn=conn)
        machine.transition(store, asker, made.id, "send", conn=conn)
        # the platform delivers at once: the owner has it as soon as it is sent
        done = machine.transition(store, Actor("platform", record.owner), made.id, "receive",
                                  conn=conn)
    return _view(done)


def open_remote(store: SQLStore, viewer: Viewer, record_id: str, owner: str,
                message: str) -> InfoRequest:
    """Ask the owner of a record held on another node (a federated hit gives its owner and
    reference). The request is sent from here and travels signed to the owner's node, which
    receives it, judges as its gate sees the asking agency whether there is such a record to
    ask about (refusing alike when there is none and when the agency may not know of it),
    and sends back the answer and, with a grant, the record. Each side keeps its history."""
    if viewer.purpose is None:
        raise messages.invalid("rfi.purpose_required", "purpose")
    owner = owner.strip().upper()
    if machine.peer_of(store, owner) is None:
        raise messages.invalid("rfi.not_remote", "owner", agency=owner)
    pending = open_request_for(store, viewer.agency, record_id)
    if pending is not None:
        raise messages.error(Conflict, "rfi.duplicate", "record_id", record=record_id,
                             agency=owner, id=pending.id)
    asker = Actor(viewer.user, viewer.agency)
    with store.transaction() as conn:
        made = machine.create_request(
            store, asker, type="rfi", requested=owner, subjects=[record_id],
            purpose=viewer.purpose.value, message=message, conn=conn)
        done = machine.transition(store, asker, made.id, "send", conn=conn)
    return _view(done)


def open_request_for(store: SQLStore, agency: str, record_id: str) -> InfoRequest | None:
    """The agency's request for information about `record_id` still waiting for its answer."""
    for r in machine.list_legal_requests(store, agency, "outgoing", type="rfi"):
        if r.subjects[:1] == [record_id] and r.state in machine.OPEN_FOR_REFUSAL + ("sent",):
            return _view(r)
    return None


def list_requests(store: SQLStore, agency: str, box: str) -> list[InfoRequest]:
    return [_view(r) for r in machine.list_legal_requests(store, agency, box, type="rfi")]


def answer_request(
    store: SQLStore, actor: Actor, request_id: str, grant: bool, reason: str,
    valid_until: str | None = None,
) -> InfoRequest:
    """The owner grants (for the requested purpose) or refuses; a refusal gives its reason
    (the asker reads it), a grant may (it answers what was asked)."""
    try:
        current = machine.get_request(store, actor.agency or "", request_id)
    except LookupError:
        current = None
    if current is None or current.type != "rfi" or current.requested != actor.agency:
        raise messages.invalid("rfi.not_addressed", "request_id", id=request_id)
    if current.state not in machine.OPEN_FOR_REFUSAL:
        raise messages.error(Conflict, "rfi.already_answered", id=request_id,
                             rfi_status=_STATUS.get(current.state, current.state))
    if not grant and not reason.strip():
        raise messages.invalid("rfi.refusal_reason", "reason")
    reason = reason.strip() or f"request {request_id} granted"
    if not grant:
        return _view(machine.transition(store, actor, request_id, "refuse", reason=reason))
    # the grant is the execution of the accepted request: one transaction, the transition
    # first, so of two concurrent answers only one moves the request and only it grants
    with store.transaction() as conn:
        machine.transition(store, actor, request_id, "accept", conn=conn)
        made = make_grant(store, actor, record_id=current.subjects[0],
                          recipient_agency=current.requesting,
                          purposes=[Purpose.parse(current.purpose or "")],
                          valid_until=valid_until, reason=f"request {request_id}: {reason}",
                          conn=conn)
        done = machine.transition(store, actor, request_id, "execute", reason=reason,
                                  details={"grant_id": made.id}, conn=conn)
    return _view(done)
