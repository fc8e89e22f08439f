"""A row sealed where it is made (`RecordRow.sealed`): its checksum computed and its id
checked ahead of the store's write, which then trusts both."""

from __future__ import annotations

from interlink.core.recordrow import RecordRow
from tests.ingest.conftest import envelope


def _row(id_: str = "ma-p1", props: str = '{"name":["Karim"]}') -> RecordRow:
    return RecordRow(id_, "Person", props, "Karim", envelope(), "", ("n:krm",))


def test_sealing_computes_the_checksum_the_row_would() -> None:
    row = _row()
    sealed = row.sealed()
    assert row.digest is None and sealed.digest == row.checksum()
    assert sealed.checksum() == row.checksum()
    assert sealed[:7] == row[:7]  # nothing else changes
    assert sealed.sealed() is sealed
    # another content, another checksum: the digest is the content's
    assert _row(props='{"name":["Karima"]}').sealed().digest != sealed.digest


def test_a_row_whose_id_would_be_refused_is_not_sealed() -> None:
    """Left to the store's write, which refuses it as it always did."""
    for bad in ("a\u202eb", " ", "x" * 1000):
        row = _row(bad)
        assert row.sealed() is row and row.digest is None
