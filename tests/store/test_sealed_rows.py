"""A bulk write takes a sealed row's checksum as the reader computed it (`RecordRow.sealed`)
and checks the id of any other row itself, on both backends."""

from __future__ import annotations

import pytest

from interlink.core import Agency, Envelope
from interlink.core.errors import InvalidInput
from interlink.core.record import RecordRow
from tests.conftest import ACTOR

ENV = Envelope(owner="MA-DGSN", purposes=["drug_trafficking"],  # type: ignore[arg-type]
               collected_at="2026-01-15T10:00:00+00:00")  # type: ignore[arg-type]


def _row(n: int, id_: str | None = None) -> RecordRow:
    return RecordRow(id_ or f"ma-p{n}", "Person", f'{{"name":["Karim {n}"]}}', f"Karim {n}", ENV)


def _checksums(store, ids: list[str]) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with store.reading() as conn:
        return {i: conn.exec_driver_sql(
            "SELECT checksum FROM records WHERE id = ?" if store.is_sqlite else
            "SELECT checksum FROM records WHERE id = %s", (i,)).scalar_one() for i in ids}


@pytest.mark.parametrize("new", [True, False])
def test_sealed_and_unsealed_rows_store_the_same_checksum(make_store, new: bool) -> None:  # type: ignore[no-untyped-def]
    plain, sealed = make_store(fresh=True), make_store(fresh=True)
    for store in (plain, sealed):
        store.add_agency(Agency.create("MA-DGSN", "MA", name="x"), ACTOR)
    rows = [_row(n) for n in range(12)]
    plain.write_rows(rows, ACTOR, "test", new=new)
    sealed.write_rows([r.sealed() for r in rows], ACTOR, "test", new=new)
    ids = [r.id for r in rows]
    assert _checksums(sealed, ids) == _checksums(plain, ids) == {r.id: r.checksum()
                                                                 for r in rows}
    # written again unchanged: the sealed checksum matches the stored one
    again = sealed.write_rows([r.sealed() for r in rows], ACTOR, "test")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 12)


def test_the_writer_trusts_a_sealed_checksum(make_store) -> None:  # type: ignore[no-untyped-def]
    """What a sealed row says is what is stored: the writing process computes nothing."""
    store = make_store(fresh=True)
    store.add_agency(Agency.create("MA-DGSN", "MA", name="x"), ACTOR)
    store.write_rows([_row(1)._replace(digest="f" * 40)], ACTOR, "test", new=True)
    assert _checksums(store, ["ma-p1"]) == {"ma-p1": "f" * 40}


def test_an_unsealed_row_with_a_bad_id_is_refused(make_store) -> None:  # type: ignore[no-untyped-def]
    store = make_store(fresh=True)
    store.add_agency(Agency.create("MA-DGSN", "MA", name="x"), ACTOR)
    bad = _row(1, "ma\u202ep1")
    assert bad.sealed() is bad  # not sealed: left to the write
    with pytest.raises(InvalidInput):
        store.write_rows([_row(0), bad.sealed()], ACTOR, "test", new=True)
