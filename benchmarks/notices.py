"""Notice benchmark: from a red notice published to all alerts raised, on a large store.

Builds (or reuses, with --reuse) a store holding the demo case (`--records`, default
1,000,000) and 20 agencies (the demo's 8 and 12 more), each with a watchlist of `--watchlist`
Person records (source reference `watchlist-<agency>.csv`). Look-alikes of the notice's
subject are planted among the holdings and in the watchlists, written the way partners write
him (Latin spellings, Arabic script, with and without birth date), plus decoys (the same
family name, another man). Then one agency issues a red notice on its own record of the
subject, to every agency, and the figure is the wall time of `issue_notice`: publication
(a grant to each of the 19 others), screening of the store's holdings and watchlists, alerts
written for the owners and hits for the issuer, all committed. Recall of the planted
look-alikes and alerts on decoys are reported; so is the withdrawal (grants revoked, alerts
closed). Target: under 10 s at 1,000,000 records.

    .venv/bin/python benchmarks/notices.py --records 1000000 --store /tmp/coop-work/n1m.db
    .venv/bin/python benchmarks/notices.py --records 1000000 --store /tmp/coop-work/n1m.db --reuse
    .venv/bin/python benchmarks/notices.py --records 20000 --store /tmp/coop-work/n20k.db
    .venv/bin/python benchmarks/notices.py --records 1000000 --store postgresql+psycopg://...
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select

from interlink.cooperation.notices import end_notice, issue_notice
from interlink.core import Envelope, Record
from interlink.store import Actor, open_store
from interlink.store.tables import alerts, records

sys.path.insert(0, str(Path(__file__).parent))
from demo_store import load_demo_store  # noqa: E402

DT = "drug_trafficking"
SUBJECT = ("bench-subject", "Youssef El Hamdaoui", "1988-04-17")
#: how partners hold the same man (each must alert)
LOOKALIKES = ["Youssef El Hamdaoui", "Youssef Elhamdaoui", "Yousef El-Hamdaoui",
              "Youssef Al Hamdaoui", "يوسف الحمداوي", "Youssouf El Hamdaoui",
              "EL HAMDAOUI Youssef", "Yusuf El Hamdaoui"]
#: other men of the same family or first name (none should alert)
DECOYS = [("Karim El Hamdaoui", "1975-02-03"), ("Youssef Bennani", "1988-04-17"),
          ("Rachid El Hamdaoui", "1990-09-09"), ("Youssef El Idrissi", "1961-01-01")]


def person(rid: str, name: str, birth: str | None) -> dict:
    props: dict[str, list[str]] = {"name": [name]}
    if birth:
        props["birthDate"] = [birth]
    return {"id": rid, "schema": "Person", "properties": props}


def build(url: str, total: int, watchlist: int) -> tuple[set[str], set[str], str]:
    store, codes = load_demo_store(url, total, seed=11)
    # 20 agency watchlists, each with ordinary names from the case's people, and the plants
    names = []
    with store.engine.connect() as conn:
        for row in conn.execute(select(records.c.caption).where(
                records.c.schema == "Person", records.c.caption != "").limit(watchlist)):
            names.append(row.caption)
    planted: set[str] = set()
    decoys: set[str] = set()
    issuer = codes[0]
    for i, code in enumerate(codes):
        env = Envelope(owner=code, tlp="AMBER", purposes=[DT],
                       source_ref=f"watchlist-{code}.csv")
        rows = [person(f"wl-{code}-{n}", name, None) for n, name in enumerate(names)]
        if i % 2 == 0:  # every other agency lists him
            look = LOOKALIKES[i % len(LOOKALIKES)]
            rows.append(person(f"wl-{code}-plant", look, SUBJECT[2] if i % 4 else None))
            planted.add(f"wl-{code}-plant")
        store.write([Record.from_dict(r, env) for r in rows], Actor("bench", code),
                    "benchmark watchlist")
    # the same man in agencies' holdings, and decoys
    for i, look in enumerate(LOOKALIKES):
        code = codes[(i * 3 + 1) % len(codes)]
        env = Envelope(owner=code, tlp="AMBER", purposes=[DT])
        store.write([Record.from_dict(person(f"held-{i}", look, SUBJECT[2]), env)],
                    Actor("bench", code))
        planted.add(f"held-{i}")
    for i, (name, birth) in enumerate(DECOYS):
        code = codes[(i * 5 + 2) % len(codes)]
        env = Envelope(owner=code, tlp="AMBER", purposes=[DT])
        store.write([Record.from_dict(person(f"decoy-{i}", name, birth), env)],
                    Actor("bench", code))
        decoys.add(f"decoy-{i}")
    env = Envelope(owner=issuer, tlp="AMBER", purposes=[DT])
    store.write([Record.from_dict(person(*SUBJECT), env)], Actor("bench", issuer))
    store.close()
    return planted, decoys, issuer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--watchlist", type=int, default=1000, help="entries per agency")
    parser.add_argument("--store", required=True, help="SQLite path or PostgreSQL URL")
    parser.add_argument("--reuse", action="store_true", help="the store is already built")
    args = parser.parse_args()
    if args.reuse:
        planted = {f"held-{i}" for i in range(len(LOOKALIKES))}
        store = open_store(args.store)
        with store.engine.connect() as conn:
            planted |= {r.id for r in conn.execute(select(records.c.id).where(
                records.c.id.like("wl-%-plant")))}
            issuer = conn.execute(select(records.c.owner).where(
                records.c.id == SUBJECT[0])).scalar_one()
        decoys = {f"decoy-{i}" for i in range(len(DECOYS))}
    else:
        planted, decoys, issuer = build(args.store, args.records, args.watchlist)
        store = open_store(args.store)
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(records)).scalar_one()
    agencies = len(store.list_agencies())
    t = time.perf_counter()
    pub = issue_notice(store, Actor("ncb", issuer), "red", SUBJECT[0], purpose=DT,
                       reason="benchmark", reference="2024/31877")
    published = time.perf_counter() - t
    with store.engine.connect() as conn:
        rows = conn.execute(select(alerts.c.agency, alerts.c.record_id).where(
            alerts.c.list_name == f"notice:{pub.notice.id}")).all()
    owners = {r.record_id for r in rows}  # every record an alert was raised on
    found = planted & owners
    false = decoys & owners
    t = time.perf_counter()
    end_notice(store, Actor("ncb", issuer), pub.notice.id, "benchmark over")
    withdrawn = time.perf_counter() - t
    backend = "PostgreSQL" if store.url.startswith("postgresql") else "SQLite"
    print(f"| machine | {platform.node()} ({platform.processor() or platform.machine()}), "
          f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC |")
    print("| backend | records | agencies | candidates scored | alerts (owners) | hits to "
          "issuer | planted found | decoys alerted | publish + screen + alerts (s) | "
          "withdraw (s) |")
    print(f"| {backend} | {total:,} | {agencies} | {pub.screened:,} | {pub.owner_alerts} | "
          f"{len(pub.issuer_hits)} | {len(found)}/{len(planted)} | {len(false)}/{len(decoys)} | "
          f"{published:.2f} | {withdrawn:.2f} |")
    missed = sorted(planted - found)
    if missed:
        print("missed:", ", ".join(missed))


if __name__ == "__main__":
    main()
