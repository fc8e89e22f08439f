import pytest

from interlink.core import Envelope, InvalidInput, Record
from interlink.core.record import make_entity
from interlink.core.viewer import Viewer
from interlink.policy import Visibility, visibility


def test_nothing_is_shared_by_default() -> None:
    entity = make_entity({"id": "p", "schema": "Person", "properties": {"name": ["A"]}})
    for tlp in ("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"):
        record = Record(entity, Envelope(owner="MA-DGSN", tlp=tlp))
        assert visibility(record, Viewer("ali", "MA-DGSN")) is Visibility.FULL
        assert visibility(record, Viewer("marie", "FR-OFAST")) is Visibility.NONE


def test_viewer_codes_are_validated() -> None:
    assert Viewer("ali", "ma-dgsn", "drug_trafficking").agency == "MA-DGSN"
    with pytest.raises(InvalidInput):
        Viewer("ali", "DGSN")
    with pytest.raises(InvalidInput):
        Viewer("ali", "MA-DGSN", "curiosity")
