"""From the store's FtM records to the resolver's columns, one kind of entity at a time.

People are compared with people, companies with organisations, vessels with vessels, accounts
with accounts: each kind is resolved on its own (its own blocking and its own model), because
what agreement on a number or a country is worth differs between a passport and an IMO number.
Relations, events and documents (calls, payments, memberships, passports) are not resolved:
they are evidence about entities, not entities.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from interlink.core.record import Record
from interlink.resolve.frame import NAMES_SEP, Frame, build

#: Resolver kind of each FtM schema resolved.
KINDS = {
    "Person": "person",
    "Company": "organization", "Organization": "organization", "LegalEntity": "organization",
    "PublicBody": "organization",
    "Vessel": "vessel",
    "BankAccount": "account",
    "Vehicle": "vehicle", "Airplane": "vehicle",
}

#: Our column <- FtM properties, first present wins.
PROPERTIES: dict[str, dict[str, tuple[str, ...]]] = {
    "person": {
        "name": ("name",), "first_name": (), "last_name": (),
        "birth_date": ("birthDate",), "gender": ("gender",), "nationality": ("nationality",),
        "address": ("address",), "country": ("country",),
        "id_number": ("idNumber", "passportNumber", "taxNumber"), "phone": ("phone",),
        "email": ("email",),
    },
    "organization": {
        "name": ("name",), "country": ("jurisdiction", "country"), "address": ("address",),
        "id_number": ("registrationNumber", "taxNumber", "leiCode", "vatCode"),
        "phone": ("phone",), "email": ("email",),
    },
    "vessel": {
        "name": ("name",), "country": ("flag", "country"),
        "id_number": ("imoNumber", "registrationNumber", "mmsi", "callSign"),
    },
    "account": {
        "iban": ("iban", "accountNumber"), "country": ("country",),
    },
    "vehicle": {
        "name": ("name", "model"), "id_number": ("registrationNumber", "serialNumber"),
        "country": ("country",),
    },
}


def kind_of(record: Record) -> str | None:
    return KINDS.get(record.schema)


def _first(record: Record, props: tuple[str, ...]) -> str:
    for prop in props:
        if record.entity.schema.get(prop) is None:
            continue
        values = record.entity.get(prop, quiet=True)
        if values:
            return str(values[0])
    return ""


#: Names compared besides the main one (a company's Latin brand beside its Arabic trade name).
ALIASES = ("alias", "previousName")
MAX_NAMES = 4


def _names(record: Record) -> str:
    found: list[str] = []
    for prop in ("name", *ALIASES):
        if record.entity.schema.get(prop) is None:
            continue
        found.extend(str(v) for v in record.entity.get(prop, quiet=True))
    return NAMES_SEP.join(list(dict.fromkeys(n.replace(NAMES_SEP, " ") for n in found))
                          [:MAX_NAMES])


#: Columns where a record may hold several values, any of which may agree (dual nationals).
SETS = ("nationality",)


def _all(record: Record, props: tuple[str, ...]) -> str:
    for prop in props:
        if record.entity.schema.get(prop) is None:
            continue
        values = sorted({str(v) for v in record.entity.get(prop, quiet=True)})
        if values:
            return NAMES_SEP.join(values)
    return ""


def row_of(record: Record, kind: str) -> dict[str, str]:
    row = {col: (_all if col in SETS else _first)(record, props)
           for col, props in PROPERTIES[kind].items()}
    if "name" in row and kind != "account":
        row["name"] = _names(record)
    return row


def frames_by_kind(records: Iterable[Record]) -> dict[str, tuple[Frame, list[Record]]]:
    """One frame per kind of entity, with the records in frame order; sources are owners."""
    grouped: dict[str, list[Record]] = {}
    for record in records:
        kind = kind_of(record)
        if kind is not None:
            grouped.setdefault(kind, []).append(record)
    out: dict[str, tuple[Frame, list[Record]]] = {}
    for kind, recs in grouped.items():
        table = pd.DataFrame([row_of(r, kind) for r in recs])
        table = table.loc[:, [c for c in table.columns if (table[c] != "").any()]]
        frame = build([r.id for r in recs], table, [r.owner for r in recs],
                      kind="person" if kind == "person" else "company")
        out[kind] = (frame, recs)
    return out
