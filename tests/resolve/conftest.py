"""Fixtures for entity resolution: two agencies holding the same people in two scripts."""

from __future__ import annotations

import pytest

from interlink.core import Envelope, Record
from interlink.store import Actor, SQLStore

MA = Actor("ali", "MA-DGSN")
FR = Actor("marie", "FR-OFAST")
DT = "drug_trafficking"


def person(rid: str, name: str, birth: str, **props: list[str]) -> dict:
    return {"id": rid, "schema": "Person",
            "properties": {"name": [name], "birthDate": [birth], **props}}


def add(store: SQLStore, actor: Actor, *data: dict) -> None:
    env = Envelope(owner=actor.agency, tlp="AMBER", purposes=[DT])
    store.write([Record.from_dict(d, env) for d in data], actor)


@pytest.fixture
def people(store: SQLStore) -> SQLStore:
    """The same three men held by MA (Arabic script) and FR (Latin), and two others."""
    add(store, MA,
        person("ma-1", "محمد عمره", "1990-03-04", phone=["+212612345678"]),
        person("ma-2", "يوسف الحمداوي", "1985-07-21"),
        person("ma-3", "كريم بناني", "1979-11-02"),
        person("ma-4", "سعيد العلوي", "1962-01-15"))
    add(store, FR,
        person("fr-1", "Mohamed Amra", "1990-03-04", phone=["+33612345678"]),
        person("fr-2", "Youssef El Hamdaoui", "1985-07-21"),
        person("fr-3", "Karim Bennani", "1979-11-02"),
        person("fr-4", "Pierre Dubois", "1971-06-30"))
    return store
