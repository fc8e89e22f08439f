"""Fixtures for cooperation: a store with three agencies of three countries and a few people."""

from __future__ import annotations

import pytest

from interlink.core import Agency, Envelope, Record
from interlink.store import Actor, SQLStore
from tests.conftest import ACTOR

MA = Actor("ali", "MA-DGSN")
FR = Actor("marie", "FR-OFAST")
ES = Actor("juan", "ES-DAVA")
DT = "drug_trafficking"


def person(rid: str, name: str, birth: str = "1988-04-17", **props: list[str]) -> dict:
    return {"id": rid, "schema": "Person",
            "properties": {"name": [name], "birthDate": [birth], **props}}


def add(store: SQLStore, actor: Actor, *data: dict, tlp: str = "AMBER") -> None:
    env = Envelope(owner=actor.agency, tlp=tlp, purposes=[DT])
    store.write([Record.from_dict(d, env) for d in data], actor)


@pytest.fixture
def coop(store: SQLStore) -> SQLStore:
    store.add_agency(Agency.create("ES-DAVA", "ES", name="DAVA"), ACTOR)
    add(store, MA, person("ma-1", "Youssef El Hamdaoui"), person("ma-2", "Karim Bennani"))
    add(store, FR, person("fr-1", "Youssef Elhamdaoui"))
    add(store, ES, person("es-1", "Abdelilah Ouazzani", "1991-01-01"))
    return store
