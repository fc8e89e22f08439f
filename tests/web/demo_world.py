"""The demo case of the web tests: the scale-1 demo store with its agencies, a login per agency
and role, candidate matches from the resolver, and one wholesale grant (FR-OFAST shares its
records with MA-DGSN for drug trafficking), plus the facts the stories need, found in the
ground truth rather than hard-coded."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from interlink.access.search import search
from interlink.core.record import Record
from interlink.core.viewer import Viewer
from interlink.demo import build_case
from interlink.demo.users import add_demo_users, demo_login, demo_password
from interlink.names import compare
from interlink.policy.sharing import make_grant
from interlink.resolve.run import resolve_store
from interlink.store import Actor, SQLStore, open_store

DT = "drug_trafficking"
ADMIN = Actor("test-setup", None)


@dataclass
class World:
    path: Path
    arabic_name: str  # an MA-DGSN person's name in Arabic script
    arabic_id: str
    latin_id: str  # the same person in FR-OFAST's records (Latin script)
    latin_name: str
    es_person: str  # an ES-DAVA person MA-DGSN sees only as a hit
    screen_name: tuple[str, str, str]  # surname, given names, birth date of an FR-OFAST person
    chart_id: str  # an MA-DGSN person at the centre of the chart

    @staticmethod
    def login(agency: str, role: str = "analyst") -> tuple[str, str]:
        return demo_login(agency, role), demo_password(agency, role)


def _persons(store: SQLStore, owner: str) -> dict[str, Record]:
    return {r.id: r for r in store.iter_records(schema="Person", owner=owner)}


def build_world(directory: Path) -> World:
    path = directory / "web-demo.db"
    store = open_store(str(path), create=True)
    try:
        case = build_case(scale=1, seed=42)
        for agency in case.agencies:
            store.add_agency(agency, ADMIN)
        store.write(case.iter_records(), ADMIN, reason="web tests demo")
        add_demo_users(store, list(case.agencies), ADMIN)
        resolve_store(store, ADMIN)
        make_grant(store, Actor("test-setup", "FR-OFAST"), record_id=None,
                   recipient_agency="MA-DGSN", purposes=[DT], reason="joint investigation")
        truth = directory / "truth"
        case.write_truth(truth)
        ma, fr, es = (_persons(store, a) for a in ("MA-DGSN", "FR-OFAST", "ES-DAVA"))
        by_real: dict[str, list[str]] = {}
        with (truth / "entities.csv").open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                by_real.setdefault(row["real_id"], []).append(row["record_id"])
        pairs = []
        for ids in by_real.values():
            for a in (i for i in ids if i in ma):
                for b in (i for i in ids if i in fr):
                    ar_name, la_name = ma[a].entity.caption, fr[b].entity.caption
                    if any("\u0600" <= c <= "\u06ff" for c in ar_name):
                        pairs.append((compare(ar_name, la_name).score, a, b, ar_name, la_name))
        viewer = Viewer("test-setup", "MA-DGSN", DT)
        # the best pair whose Latin record the MA-DGSN search finds in full (not TLP:RED)
        best = next((p for p in sorted(pairs, reverse=True)
                     if p[2] in {r["id"] for r in search(store, viewer, p[3]).results}), None)
        assert best is not None, "no Arabic/Latin pair in the demo case"
        es_id = sorted(i for i, r in es.items() if r.envelope.tlp.value in ("GREEN", "AMBER")
                       and DT in {p.value for p in r.envelope.purposes})[0]
        fr_rec = next(r for r in sorted(fr.values(), key=lambda r: r.id)
                      if r.entity.get("lastName") and r.entity.get("firstName")
                      and len(r.entity.caption) >= 12
                      and len((r.entity.get("birthDate") or [""])[0]) == 10)
        return World(path, best[3], best[1], best[2], best[4], es_id,
                     (fr_rec.entity.get("lastName")[0], fr_rec.entity.get("firstName")[0],
                      fr_rec.entity.get("birthDate")[0]),
                     best[1])
    finally:
        store.close()
