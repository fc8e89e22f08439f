"""What a reader sends the writing process (`ingest.units.pack` / `unpack`), and what the
writer keeps of an envelope across batches (`store.sql._envelope_row`)."""

from __future__ import annotations

import pickle

from sqlalchemy import create_engine

from interlink.core.record import RecordRow
from interlink.ingest.units import Unit, pack, unpack
from interlink.store import sql
from interlink.store.tables import records
from tests.ingest.conftest import envelope


def test_a_unit_crosses_whole_with_its_envelopes_json_computed() -> None:
    env = envelope()
    assert "json" not in env.__dict__
    rows = [RecordRow("ma-p1", "Person", '{"name":["Karim"]}', "Karim", env, "", ("n:krm",))]
    unit = Unit("f.jsonl", "3", rows, None, False, "ab" * 20, True)
    crossed = unpack(pickle.loads(pickle.dumps(pack(unit))))
    assert crossed == unit and isinstance(crossed, Unit)
    assert isinstance(crossed.rows[0], RecordRow)
    received = crossed.rows[0].envelope
    assert received is not env and received == env
    # computed by the reader, received with the object: the writer does not compute them
    assert received.__dict__["json"] == env.json
    assert received.__dict__["terms_json"] == env.terms_json


def test_an_envelopes_columns_are_kept_by_its_json() -> None:
    dialect = create_engine("sqlite://").dialect
    bind = sql._binder(dialect, records)
    one, same, other = envelope(), envelope(), envelope().with_changes(source_ref="x")
    first = sql._envelope_row(dialect, bind, one)
    assert sql._envelope_row(dialect, bind, same) is first  # an equal envelope: kept
    assert first[0] == sql._envelope_columns(one)
    assert first[2] == one.json and first[3] == "\x1f" + one.terms_json
    changed = sql._envelope_row(dialect, bind, other)
    assert changed is not first and changed[0]["source_ref"] == "x"
