"""The viewer's graph after a change: brought up to date (only the changed records read and
judged again) against rebuilt from the store (issue 14, point 3).

A SQLite store of the demo case grown to `--records` records; the viewer's (MA-DGSN, drug
trafficking, one node per record) graph is built once, then `--changes` of its records are
written again with a new name, and the graph is fetched: `access.graph.graph_for` brings it up
to date; a full rebuild (`network_from_store`) of the same state is timed beside it and the
two graphs are checked to be the same. Wall and CPU seconds of this process.

    .venv/bin/python benchmarks/graph_update.py --records 50000 --changes 100
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

from demo_store import load_demo_store  # noqa: E402

from interlink.access import graph  # noqa: E402
from interlink.core import Record, Viewer  # noqa: E402
from interlink.network import network_from_store  # noqa: E402
from interlink.store import Actor  # noqa: E402


def _timed(f):  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    out = f()
    return out, round(time.perf_counter() - wall, 2), round(time.process_time() - cpu, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--changes", type=int, default=100)
    args = parser.parse_args()
    from tests.access.test_graph_update import canonical

    with tempfile.TemporaryDirectory() as tmp:
        store, _codes = load_demo_store(str(Path(tmp) / "bench.db"), args.records, seed=7)
        viewer = Viewer("bench", "MA-DGSN", "drug_trafficking")
        graph.clear()
        first, wall0, cpu0 = _timed(lambda: graph.graph_for(store, viewer, None, False))
        assert first is not None
        own = [r for r in store.iter_records(owner="MA-DGSN", schema="Person")]
        changed = []
        for r in own[: args.changes]:
            data = r.to_dict()
            data["properties"]["name"] = [*data["properties"].get("name", []), "X " + r.id]
            changed.append(Record.from_dict({k: data[k] for k in ("id", "schema",
                                                                   "properties")},
                                            r.envelope))
        store.write(changed, Actor("bench", "MA-DGSN"), "benchmark change")
        load = os.getloadavg()
        after, wall1, cpu1 = _timed(lambda: graph.graph_for(store, viewer, None, False))
        assert after is not None
        full, wall2, cpu2 = _timed(lambda: network_from_store(store, viewer))
        same = canonical(after.net) == canonical(full)
        print(json.dumps({
            "records": args.records, "nodes": first.net.n, "rows": first.net.m,
            "changed": len(changed), "first_build_s": [wall0, cpu0],
            "update": after.how, "update_s": [wall1, cpu1], "rebuild_s": [wall2, cpu2],
            "same_graph": same, "load": [round(x, 2) for x in load],
            "load_after": [round(x, 2) for x in os.getloadavg()]}))


if __name__ == "__main__":
    main()
