"""Passengers of a manifest (UN/EDIFACT PAXLST, read by `interlink.ingest.paxlst`) as
screening queries. Screening depends on the readers, never the other way round."""

from __future__ import annotations

from interlink.ingest.paxlst import Passenger
from interlink.screen.entry import Entry


def passenger_entry(passenger: Passenger) -> Entry:
    """A passenger as a screening query: name, birth date, nationality, gender and document
    numbers."""
    p = passenger
    entry = Entry(id=p.id, names=[p.name] if p.name else [p.surname])
    if p.birth_date:
        entry.birth_dates.append(p.birth_date)
    if p.nationality:
        entry.nationalities.append(p.nationality)
    entry.gender = p.gender
    entry.add_ids(d.number for d in p.documents)
    return entry
