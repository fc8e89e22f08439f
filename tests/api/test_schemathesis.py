"""schemathesis against the server's own OpenAPI: generated requests to every route, signed
in as a real user, must never produce a server error or a response its schema does not allow."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from interlink.core import Agency
from interlink.identity import add_user, create_token
from interlink.server import create_app
from interlink.store import Actor, open_store

_dir = Path(tempfile.mkdtemp(prefix="interlink-schemathesis-"))
_store = open_store(str(_dir / "s.db"), create=True)
_store.add_agency(Agency.create("MA-DGSN", "MA", name="DGSN"), Actor("t"))
_store.add_agency(Agency.create("FR-OFAST", "FR", name="OFAST"), Actor("t"))
add_user(_store, "sara", "MA-DGSN", "supervisor", Actor("t"), password="a long enough password")
_, TOKEN = create_token(_store, "sara", Actor("t"))

app = create_app(_store)
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
# derandomize: the same cases on every run, so CI is repeatable; raise max_examples locally
# to look further (that is how the unbounded `after` of /audit was found)
@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_api_never_errors(case) -> None:  # type: ignore[no-untyped-def]
    case.call_and_validate(
        headers={"Authorization": f"Bearer {TOKEN}"},
        checks=[not_a_server_error, response_schema_conformance, status_code_conformance],
    )
