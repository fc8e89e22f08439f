"""What a reader sends the writing process (`ingest.units.pack` / `unpack`), and what the
writer keeps of an envelope across batches (`store.sql._envelope_row`)."""

from __future__ import annotations

import pickle

from sqlalchemy import create_engine

from interlink.core.record import RecordRow
from interlink.ingest.base import RowError
from interlink.ingest.units import Unit, pack, pack_staged, staged, unpack
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


def test_a_unit_of_one_row_crosses_as_staging_takes_it() -> None:
    env = envelope()
    row = RecordRow("ma-p1", "Person", '{"name":["Karim"]}', "Karim", env, "", ("n:krm",))
    one = Unit("f.jsonl", "3", [row], None, False, "ab" * 20, True)
    packed = pack_staged(one)
    assert packed.__class__ is tuple and packed[0].__class__ is tuple  # plain, to pickle
    crossed = staged(pickle.loads(pickle.dumps(packed)))
    # (the row, its file and row, known, the line's hash, its own envelope): `_stage`'s tuple
    assert crossed == (row, "f.jsonl", "3", False, "ab" * 20, True)
    assert isinstance(crossed[0], RecordRow) and not isinstance(crossed, Unit)
    assert crossed[0].envelope.__dict__["terms_json"] == env.terms_json
    # anything else crosses as the unit it is
    error = RowError("f.jsonl", "4", "name", "bad", None, "row.not_json")
    others = [Unit("f.jsonl", "4", [], error), Unit("f.jsonl", "5", [row, row], None),
              Unit("f.jsonl", "6", [], None, True, lines=[("6", "ma-p1", "cd" * 20, False)])]
    for unit in others:
        back = staged(pickle.loads(pickle.dumps(pack_staged(unit))))
        assert back == unit and isinstance(back, Unit)
