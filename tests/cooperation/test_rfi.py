"""Requests for information as the owner and the asker live them, on both backends: granting
needs no reason (refusing does, field `reason`), and asking twice about the same record while
the first request waits says so (field `record_id`) instead of opening a second one."""

from __future__ import annotations

import pytest

from interlink.cooperation import rfi
from interlink.core import messages
from interlink.core.errors import Conflict, InvalidInput
from interlink.core.viewer import Viewer
from tests.cooperation.conftest import DT, FR

ALI = Viewer("ali", "MA-DGSN", DT)


def test_granting_needs_no_reason_refusing_does(coop) -> None:  # type: ignore[no-untyped-def]
    first = rfi.open_request(coop, ALI, "fr-1", "who is he?")
    with pytest.raises(InvalidInput) as refused:
        rfi.answer_request(coop, FR, first.id, grant=False, reason="  ")
    assert refused.value.field == "reason" and refused.value.code == "rfi.refusal_reason"
    assert "%(" not in messages.render_error(refused.value, "ar")
    granted = rfi.answer_request(coop, FR, first.id, grant=True, reason="")
    assert granted.status == "granted" and granted.grant_id


def test_a_duplicate_request_says_so(coop) -> None:  # type: ignore[no-untyped-def]
    first = rfi.open_request(coop, ALI, "fr-1", "who is he?")
    with pytest.raises(Conflict) as twice:
        rfi.open_request(coop, Viewer("omar", "MA-DGSN", DT), "fr-1", "again")
    assert twice.value.field == "record_id" and twice.value.code == "rfi.duplicate"
    assert twice.value.params == {"record": "fr-1", "agency": "FR-OFAST", "id": first.id}
    fr = messages.render_error(twice.value, "fr")
    assert first.id in fr and "FR-OFAST" in fr and "déjà" in fr
    assert len(rfi.list_requests(coop, "FR-OFAST", "incoming")) == 1
    # once answered, the agency may ask again
    rfi.answer_request(coop, FR, first.id, grant=False, reason="ongoing case")
    again = rfi.open_request(coop, ALI, "fr-1", "new facts")
    assert again.id != first.id and again.status == "open"
