"""Federated hit/no-hit: recall and time per query, clear text against keyed pseudonyms.

    python benchmarks/federation.py [--scale 1] [--queries 500] [--dir DIR]

Two nodes in one process (the in-process transport: the same signed messages and the same
functions the HTTP routes call, without the HTTP): "fr" holds the Latin-script table of the
cross-script resolution set (`resolution_crossscript.generate`, seed 42: respelt names, a
quarter without birth date, namesakes), "ma" asks with the Arabic-script names of the people
both agencies hold. No grant is made, so every answer is a hit (owner and reference). Recall:
the share of queries whose own person's French record is among the hits the peer returns (50
at most). Also the number of hits returned per query (what an analyst has to look through) and
the time per query, asker's side, p50 and p99.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))
from resolution_crossscript import generate  # noqa: E402

from interlink.access import federation as access_federation  # noqa: E402
from interlink.core import Agency, Envelope, Record  # noqa: E402
from interlink.core.record import make_entity  # noqa: E402
from interlink.core.viewer import Viewer  # noqa: E402
from interlink.federation import inbox, node, outbox, peers, query  # noqa: E402
from interlink.federation.outbox import INBOX_PATH  # noqa: E402
from interlink.store import Actor, open_store  # noqa: E402

ADMIN = Actor("bench")
DT = "drug_trafficking"


def transport(nodes: dict):  # type: ignore[no-untyped-def]
    def send(url: str, path: str, payload: dict) -> dict:  # type: ignore[type-arg]
        store = nodes[url]
        if path == INBOX_PATH:
            return {"results": inbox.receive(store, payload["messages"])}
        code, body = query.answer(store, payload)
        return {"status_code": code, **body}
    return send


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    work = args.dir or Path(tempfile.mkdtemp(prefix="fedbench-"))
    os.environ.setdefault("INTERLINK_STATE_DIR", str(work / "state"))
    ma_table, fr_table = generate(args.scale)
    stores = {}
    for name, code, port in (("fr", "FR-OFAST", 1), ("ma", "MA-DGSN", 2)):
        store = open_store(str(work / f"{name}.db"), create=True)
        node.ensure(store)
        node.set_identity(store, ADMIN, name=name, url=f"http://127.0.0.1:{port}")
        store.add_agency(Agency.create(code, code[:2], name=code), ADMIN)
        stores[name] = store
    fr, ma = stores["fr"], stores["ma"]
    wire = transport({"http://127.0.0.1:1": fr, "http://127.0.0.1:2": ma})
    for here, there, agency in ((fr, ma, "MA-DGSN"), (ma, fr, "FR-OFAST")):
        me = node.show(there)
        peers.add(here, ADMIN, me.name, me.url, me.public_key, [agency])
    records = []
    for row in fr_table.itertuples():
        props = {"name": [row.name]}
        if row.birth_date:
            props["birthDate"] = [row.birth_date]
        entity = make_entity({"id": row.id, "schema": "Person", "properties": props})
        records.append(Record(entity, Envelope(owner="FR-OFAST", tlp="AMBER",
                                               purposes=[DT], review_by="2030-01-01")))
    t0 = time.perf_counter()
    fr.write(records, Actor("bench", "FR-OFAST"))
    load = time.perf_counter() - t0
    for s in (fr, ma):
        outbox.sync(s, transport=wire)
    truth = {e: rid for rid, e in zip(fr_table["id"], fr_table["entity"], strict=True)
             if e.startswith("s")}
    asks = [(r.name, truth[r.entity]) for r in ma_table.itertuples()
            if r.entity in truth][: args.queries]
    viewer = Viewer("bench", "MA-DGSN", DT)
    print(f"fr records {len(records)} (written in {load:.1f}s), queries {len(asks)}, "
          f"load {Path('/proc/loadavg').read_text().split()[:3]}")
    for mode in ("clear", "pseudo"):
        found, sizes, times = 0, [], []
        for text, want in asks:
            t = time.perf_counter()
            answer = access_federation.search(ma, viewer, text, scope="federation", mode=mode,
                                              transport=wire)["peers"]["fr"]
            times.append(time.perf_counter() - t)
            ids = [h["id"] for h in answer["hits"] + answer["results"]]
            found += want in ids
            sizes.append(len(ids))
        times.sort()
        print(f"{mode:6s} recall {100 * found / len(asks):.1f}%  hits/query mean "
              f"{statistics.mean(sizes):.1f}  p50 {1000 * times[len(times) // 2]:.0f} ms  "
              f"p99 {1000 * times[int(len(times) * 0.99) - 1]:.0f} ms")
    print(f"load {Path('/proc/loadavg').read_text().split()[:3]}")


if __name__ == "__main__":
    main()
