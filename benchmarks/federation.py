"""Federated hit/no-hit: recall and time per query, clear text against keyed pseudonyms.

    python benchmarks/federation.py [--scale 1] [--queries 500] [--dir DIR]
    python benchmarks/federation.py replication RECORDS CHANGES
    python benchmarks/federation.py three RECORDS_PER_NODE [QUERIES [KEEP_DIR [SEED]]]

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
from typing import Any

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


if __name__ == "__main__" and (len(sys.argv) < 2
                               or sys.argv[1] not in ("replication", "three")):
    main()


def replication(records: int, changes: int) -> None:
    """Replication throughput of one wholesale grant of `records` records (queue, sign, send,
    check, apply), then catch-up after the receiver was down while `changes` records changed."""
    from datetime import date, timedelta

    from interlink.policy.sharing import make_grant

    work = Path(tempfile.mkdtemp(prefix="fedrepl-"))
    os.environ.setdefault("INTERLINK_STATE_DIR", str(work / "state"))
    stores = {}
    for name, code, port in (("fr", "FR-OFAST", 1), ("ma", "MA-DGSN", 2)):
        store = open_store(str(work / f"{name}.db"), create=True)
        node.ensure(store)
        node.set_identity(store, ADMIN, name=name, url=f"http://127.0.0.1:{port}")
        store.add_agency(Agency.create(code, code[:2], name=code), ADMIN)
        stores[name] = store
    fr, ma = stores["fr"], stores["ma"]
    nodes = {"http://127.0.0.1:1": fr, "http://127.0.0.1:2": ma}
    wire = transport(nodes)
    for here, there, agency in ((fr, ma, "MA-DGSN"), (ma, fr, "FR-OFAST")):
        me = node.show(there)
        peers.add(here, ADMIN, me.name, me.url, me.public_key, [agency])
    owner = Actor("bench", "FR-OFAST", "supervisor")
    fr.write([Record(make_entity({"id": f"r{i}", "schema": "Person",
                                  "properties": {"name": [f"Person Number {i}"]}}),
                     Envelope(owner="FR-OFAST", purposes=[DT], review_by="2030-01-01"))
              for i in range(records)], owner)
    print(f"load {Path('/proc/loadavg').read_text().split()[:3]}")
    make_grant(fr, owner, record_id=None, recipient_agency="MA-DGSN", purposes=[DT])
    t, c = time.perf_counter(), time.process_time()
    outbox.refresh(fr)
    queued, queued_cpu = time.perf_counter() - t, time.process_time() - c
    [r] = outbox.sync(fr, transport=wire)
    total, cpu = time.perf_counter() - t, time.process_time() - c
    print(f"grant of {records} records: queued in {queued:.1f}s (CPU {queued_cpu:.1f}s), "
          f"delivered {r['delivered']} in {total:.1f}s (CPU {cpu:.1f}s) -> "
          f"{records / total:.0f} records/s wall, {records / cpu:.0f} records/s of CPU")
    t = time.perf_counter()
    until = date.today() + timedelta(days=4000)
    for i in range(changes):
        fr.extend_review(f"r{i}", until, owner, "bench")
    made = time.perf_counter() - t
    failed = outbox.sync(fr, transport=_down)
    assert failed[0]["error"]
    t, c = time.perf_counter(), time.process_time()
    [r] = outbox.sync(fr, transport=wire)
    print(f"{changes} changes made in {made:.1f}s while the peer was down; catch-up: "
          f"{r['delivered']} messages in {time.perf_counter() - t:.1f}s "
          f"(CPU {time.process_time() - c:.1f}s)")
    print(f"load {Path('/proc/loadavg').read_text().split()[:3]}")


def _down(url: str, path: str, payload: dict) -> dict:  # type: ignore[type-arg]
    raise ConnectionError("down")


if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == "replication":
    replication(int(sys.argv[2]), int(sys.argv[3]))


NODES = (("fr", "FR-OFAST", 1), ("ma", "MA-DGSN", 2), ("es", "ES-DAVA", 3))


def _build_node(work: Path, name: str, code: str, port: int, per_node: int,
                seed: int = 42) -> dict[str, float]:
    """One node's store written as a bulk load writes it (one transaction, the bulk page
    cache, `write_rows` with each row's search keys computed ahead, as ingest workers hand
    them over): run in a process of its own per node, so the three nodes are built side by
    side. "fr" holds the cross-script table (scale 1); every node is padded to `per_node` with
    people whose names recombine that table's given names and surnames (namesakes sharing
    name keys with the queries, so the padding costs what real data would). Seeded per node."""
    import random

    from interlink.core.record import RecordRow
    from interlink.search import record_keys

    t0, c0 = time.perf_counter(), time.process_time()
    rng = random.Random(f"{seed}-{name}")
    _, fr_table = generate(1.0, seed=seed)
    given = sorted({n.split()[0] for n in fr_table["name"] if " " in n})
    family = sorted({n.split()[-1] for n in fr_table["name"] if " " in n})
    store = open_store(str(work / f"{name}.db"), create=True)
    node.ensure(store)
    node.set_identity(store, ADMIN, name=name, url=f"http://127.0.0.1:{port}")
    store.add_agency(Agency.create(code, code[:2], name=code), ADMIN)
    envelope = Envelope(owner=code, tlp="AMBER", purposes=[DT], review_by="2030-01-01")

    def rows() -> Any:
        table = fr_table.itertuples() if name == "fr" else ()
        people = ((r.id, r.name, r.birth_date) for r in table)
        n = len(fr_table) if name == "fr" else 0
        while True:
            for rid, text, birth in people:
                props = {"name": [text]}
                if birth:
                    props["birthDate"] = [birth]
                entity = make_entity({"id": rid, "schema": "Person", "properties": props})
                yield RecordRow.of(Record(entity, envelope))._replace(
                    keys=tuple(record_keys("Person", entity.properties)))
            if n >= per_node:
                return
            people = iter([(f"{name}-pad{i}", f"{rng.choice(given)} {rng.choice(family)}",
                            f"{rng.randint(1950, 2005)}-{rng.randint(1, 12):02d}-"
                            f"{rng.randint(1, 28):02d}" if rng.random() < 0.75 else "")
                           for i in range(n, min(n + 10000, per_node))])
            n = min(n + 10000, per_node)

    with store.transaction() as conn, store.bulk_writing(conn):
        written = store.write_rows(rows(), Actor("bench", code), "bench", conn)
    store.close()
    return {"records": written.created, "wall": time.perf_counter() - t0,
            "cpu": time.process_time() - c0}


def three(per_node: int, queries: int, keep: Path | None = None, seed: int = 42) -> None:
    """Federated search across three nodes of `per_node` records each: "ma" asks "fr" and
    "es" (see `_build_node` for what they hold). Recall is measured on the table's people, as
    in `main`. With `keep`, the nodes are built there once and reused by later runs. `seed`:
    the cross-script table's and the padding's (42 unless said: another gives held-out data)."""
    import multiprocessing

    from interlink import settings

    # one asker putting hundreds of questions a minute to each peer: above the rate limit
    # a real peer keeps against dictionary attacks (600 a minute), so lifted for the timing
    settings.FEDERATION_QUERIES_PER_MINUTE = 10**9
    work = keep or Path(tempfile.mkdtemp(prefix="fed3-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("INTERLINK_STATE_DIR", str(work / "state"))
    ma_table, fr_table = generate(1.0, seed=seed)
    built = all((work / f"{n}.db").exists() for n, _, _ in NODES)
    if not built:
        print(f"building three nodes of {per_node} records, one process each, load "
              f"{Path('/proc/loadavg').read_text().split()[:3]}", flush=True)
        t0 = time.perf_counter()
        with multiprocessing.get_context("fork").Pool(len(NODES)) as pool:
            done = pool.starmap(_build_node, [(work, n, c, p, per_node, seed)
                                              for n, c, p in NODES])
        for (n, _, _), d in zip(NODES, done, strict=True):
            print(f"{n}: {d['records']} records written in {d['wall']:.0f}s wall, "
                  f"{d['cpu']:.0f}s CPU", flush=True)
        print(f"three nodes built in {time.perf_counter() - t0:.0f}s wall, "
              f"{sum(d['cpu'] for d in done):.0f}s CPU in all, load "
              f"{Path('/proc/loadavg').read_text().split()[:3]}", flush=True)
    stores = {n: (open_store(str(work / f"{n}.db")), c) for n, c, _ in NODES}
    nodes: dict[str, Any] = {f"http://127.0.0.1:{p}": stores[n][0] for n, _, p in NODES}
    wire = transport(nodes)
    if not built:
        for a in stores:
            for b in stores:
                if a != b:
                    me = node.show(stores[b][0])
                    peers.add(stores[a][0], ADMIN, me.name, me.url, me.public_key,
                              [stores[b][1]])
        for store, _ in stores.values():
            outbox.sync(store, transport=wire)
    ma = stores["ma"][0]
    truth = {e: rid for rid, e in zip(fr_table["id"], fr_table["entity"], strict=True)
             if e.startswith("s")}
    asks = [(r.name, truth[r.entity]) for r in ma_table.itertuples()
            if r.entity in truth][:queries]
    viewer = Viewer("bench", "MA-DGSN", DT)
    print(f"three nodes of {per_node} records, queries {len(asks)}, "
          f"load {Path('/proc/loadavg').read_text().split()[:3]}", flush=True)
    for mode in ("clear", "pseudo"):
        t, c = time.perf_counter(), time.process_time()
        access_federation.search(ma, viewer, asks[0][0], scope="federation", mode=mode,
                                 transport=wire)  # the peers' pseudonym tables, built once
        print(f"{mode:6s} first query (pseudonym tables) {time.perf_counter() - t:.1f}s wall, "
              f"{time.process_time() - c:.1f}s CPU", flush=True)
        found, sizes, times = 0, [], []
        c = time.process_time()
        for text, want in asks:
            t = time.perf_counter()
            answer = access_federation.search(ma, viewer, text, scope="federation", mode=mode,
                                              transport=wire)["peers"]
            times.append(time.perf_counter() - t)
            errors = {a["error"] for a in answer.values() if a.get("error")}
            assert not errors, errors
            ids = [h["id"] for a in answer.values() for h in a["hits"] + a["results"]]
            found += want in ids
            sizes.append(len(ids))
        times.sort()
        print(f"{mode:6s} recall {100 * found / len(asks):.1f}%  hits/query mean "
              f"{statistics.mean(sizes):.1f}  p50 {1000 * times[len(times) // 2]:.0f} ms  "
              f"p99 {1000 * times[int(len(times) * 0.99) - 1]:.0f} ms  CPU/query "
              f"{1000 * (time.process_time() - c) / len(asks):.0f} ms  load "
              f"{Path('/proc/loadavg').read_text().split()[:3]}", flush=True)
    for store, _ in stores.values():
        store.close()


if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == "three":
    three(int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 300,
          Path(sys.argv[4]) if len(sys.argv) > 4 else None,
          int(sys.argv[5]) if len(sys.argv) > 5 else 42)
