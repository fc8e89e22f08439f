"""A bulk write's checksums are `RecordRow.checksum`'s, whatever envelopes a batch mixes: the
write computes them from each envelope's terms once per batch (`SQLStore._write_batch`)."""

from __future__ import annotations

from sqlalchemy import text

from interlink.core import Agency, Envelope
from interlink.core.record import RecordRow
from tests.conftest import ACTOR


def _envelope(n: int) -> Envelope:
    return Envelope(owner="MA-DGSN", purposes=["drug_trafficking"],  # type: ignore[arg-type]
                    source_grade="ABC"[n % 3], info_grade="123"[n % 3],  # type: ignore[arg-type]
                    collected_at="2026-01-15T10:00:00+00:00",  # type: ignore[arg-type]
                    source_ref=f"ref-{n % 2}")


def test_a_bulk_writes_checksums_are_the_rows(make_store) -> None:  # type: ignore[no-untyped-def]
    store = make_store(fresh=True)
    store.add_agency(Agency.create("MA-DGSN", "MA", name="x"), ACTOR)
    envelopes = [_envelope(n) for n in range(4)]
    rows = [RecordRow(f"ma-p{n}", "Person", f'{{"name":["Karim {n}","كريم"]}}', f"Karim {n}",
                      envelopes[n % 4]) for n in range(40)]
    result = store.write_rows(rows, ACTOR, "test")
    assert result.created == 40
    with store.engine.connect() as conn:
        heads = dict(conn.execute(text("SELECT id, checksum FROM records")).all())
        versions = dict(conn.execute(text("SELECT record_id, checksum FROM record_versions")).all())
    assert heads == versions == {row.id: row.checksum() for row in rows}
    assert len(set(heads.values())) == 40
    # the same rows again: every checksum matches, nothing is written
    again = store.write_rows(rows, ACTOR, "test")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 40)
