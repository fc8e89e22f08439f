"""Keys of records and of queries. A key is a short string with a kind prefix:
`n:` a name key from `interlink.names.keys` (shared by the Arabic and Latin spellings),
`b:` a birth date (full date and year alone), `d:` a document or account number."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from interlink.names import keys as name_keys

NAMED = {
    "Person": "person", "LegalEntity": "company", "Company": "company",
    "Organization": "company", "PublicBody": "company", "Vessel": "company",
    "Airplane": "company",
}
NAME_PROPS = ("name", "alias", "weakAlias", "previousName", "firstName", "lastName")
DOC_PROPS = ("number", "passportNumber", "idNumber", "imoNumber", "iban", "accountNumber",
             "registrationNumber", "taxNumber")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
DOC = re.compile(r"[^0-9A-Z]")


def _doc(value: str) -> str:
    return DOC.sub("", value.upper())


def _name_keys(names: Sequence[str], kind: str) -> set[str]:
    out: set[str] = set()
    for name in names:
        out |= _one_name(name, kind)
    return out


@lru_cache(maxsize=50_000)
def _one_name(name: str, kind: str) -> frozenset[str]:
    """A bulk load meets the same name many times (58 % of one agency's name values repeat:
    a person's name on his own record and on every link to him), and parsing it for its keys
    is a quarter of reading a file: each distinct name is parsed once per process."""
    found = name_keys(name, kind)
    pairs = {k for k in found if "|" in k}
    # single-part keys only for one-word names: "MHMD" is legion
    return frozenset(f"n:{k}" for k in (pairs or found))


#: property name -> what its values give: 0 name keys (named schemas only), 1 a birth date's
#: keys, 2 a document's; a record's properties are walked once against it (most records, a
#: call or a link, hold none of them: no look-up of each of the fifteen names per record)
_ROLES = {**{p: 0 for p in NAME_PROPS}, "birthDate": 1, **{p: 2 for p in DOC_PROPS}}


def record_keys(schema: str, properties: Mapping[str, Sequence[str]]) -> list[str]:
    keys: set[str] = set()
    kind = NAMED.get(schema)
    roles = _ROLES
    for prop, values in properties.items():
        role = roles.get(prop)
        if role is None:
            continue
        if role == 0:
            if kind is not None:
                keys |= _name_keys(values, kind)
        elif role == 1:
            for value in values:
                keys.add(f"b:{value}")
                keys.add(f"b:{value[:4]}")
        else:
            for value in values:
                doc = _doc(value)
                if len(doc) >= 4:
                    keys.add(f"d:{doc}")
    return sorted(keys)


def query_keys(query: str) -> list[str]:
    """Keys for a search box: a date, a document number, or a name in any script."""
    text = query.strip()
    if DATE.match(text):
        return [f"b:{text}"]
    doc = _doc(text)
    if len(doc) >= 4 and any(c.isdigit() for c in doc):  # names carry no digits
        return [f"d:{doc}"]
    return sorted(_name_keys([text], "person") | _name_keys([text], "company"))
