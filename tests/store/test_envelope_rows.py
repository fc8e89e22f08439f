"""A head row's envelope columns read back: the terms parsed once and shared, the dates read per
record, the same Envelope as the constructor builds (store/sql.py's `_envelope_of`)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from interlink.core.envelope import Envelope
from interlink.core.errors import InvalidInput
from interlink.store.sql import _envelope_of

PARIS = timezone(timedelta(hours=1))


@pytest.mark.parametrize(("collected", "review"), [
    (datetime(2024, 3, 1, 12, 30, tzinfo=UTC), date(2027, 3, 1)),
    (datetime(2024, 3, 1, 12, 30), date(2025, 1, 31)),  # naive, as SQLite gives it: UTC
    (datetime(2024, 3, 1, 0, 30, tzinfo=PARIS), date(2026, 6, 30)),  # an offset: to UTC
    (datetime(2024, 3, 1, 12, 30, tzinfo=UTC), None),  # review date from the collection's
])
def test_a_row_reads_as_the_constructor_builds(collected: datetime, review: date | None
                                               ) -> None:
    columns = dict(owner="MA-DGSN", handling="H2", conditions="", tlp="AMBER",
                   source_grade="B", info_grade="2", purposes="drug_trafficking,terrorism",
                   source_ref="case 7")
    read = _envelope_of(**columns, collected_at=collected, review_by=review)
    built = Envelope(**{**columns, "purposes": frozenset(columns["purposes"].split(","))},
                     collected_at=collected if collected.tzinfo else collected.replace(
                         tzinfo=UTC), review_by=review)
    assert read == built and read.to_dict() == built.to_dict()
    assert read.collected_at.tzinfo is not None and read.collected_at.utcoffset() == timedelta(0)
    # another record with the same terms shares their parsed values, not its own dates
    other = _envelope_of(**columns, collected_at=collected + timedelta(days=3),
                         review_by=date(2030, 1, 1))
    assert other.review_by == date(2030, 1, 1)
    if review is not None:  # (without one the constructor computes it: nothing shared)
        assert other.purposes is read.purposes
    assert other.collected_at == read.collected_at + timedelta(days=3)


def test_terms_the_constructor_refuses_are_refused_when_read() -> None:
    with pytest.raises(InvalidInput):  # H3 needs its conditions
        _envelope_of("MA-DGSN", "H3", "", "AMBER", "B", "2", "drug_trafficking",
                     datetime(2024, 3, 1, tzinfo=UTC), date(2027, 3, 1), "")


def test_a_record_with_its_own_source_reference_shares_the_terms_and_keeps_its_reference(
        ) -> None:
    """Source references are nearly one per record (the demo's million: 61,729 of them for
    23 sets of terms), so they are not part of the terms' cache: each envelope still
    says its own, in its fields and its serialised forms."""
    columns = dict(owner="MA-DGSN", handling="H2", conditions="", tlp="AMBER",
                   source_grade="B", info_grade="2", purposes="drug_trafficking")
    when, review = datetime(2024, 3, 1, tzinfo=UTC), date(2027, 3, 1)
    first = _envelope_of(**columns, collected_at=when, review_by=review, source_ref="ref A")
    assert first.json  # computed and cached on this envelope only
    second = _envelope_of(**columns, collected_at=when, review_by=review, source_ref="ref B")
    assert second.purposes is first.purposes
    built = Envelope(**{**columns, "purposes": frozenset({"drug_trafficking"})},
                     collected_at=when, review_by=review, source_ref="ref B")
    assert second == built and second.json == built.json
    assert second.terms_json == built.terms_json and "ref B" in second.terms_json
    assert first.source_ref == "ref A" and "ref A" in first.json
