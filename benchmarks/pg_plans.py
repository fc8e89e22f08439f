"""The store's hot queries on a large PostgreSQL store: time and plan of each.

For each query the server, the screening and the lists run (the very statement objects the
store, the audit writer and the access layer execute, compiled by SQLAlchemy for PostgreSQL,
parameters drawn from the store itself), this runs it for `--samples` parameter values and
reports p50 / p99 / max in ms, then prints `EXPLAIN (ANALYZE, BUFFERS)` of the slowest
sample: the evidence of which indexes and plans hold at ten million records
(docs/scaling.md).

    .venv/bin/python benchmarks/pg_plans.py 'postgresql+psycopg://postgres@127.0.0.1/pg10m?options=-csearch_path%3Dpg10m'
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import create_engine, select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection
from sqlalchemy.sql import Select

from interlink.audit import chain
from interlink.audit.writer import _watched
from interlink.cooperation.deconfliction import _ANY_TARGET
from interlink.core.codes import Purpose
from interlink.core.viewer import Viewer
from interlink.policy.visible import PAGE, candidate_filter
from interlink.search.keys import query_keys
from interlink.store.sql import _BY_ID, _CANDIDATES
from interlink.store.tables import grants, records

DT = "drug_trafficking"


def compiled(stmt: Select[Any]) -> str:
    """The statement as PostgreSQL receives it, parameters inlined for EXPLAIN."""
    return str(stmt.compile(dialect=postgresql.dialect(),
                            compile_kwargs={"literal_binds": True}))


def iter_page(schema: str, owner: str | None, last: str, batch: int = 2000) -> Select[Any]:
    query = select(records).where(records.c.erased.is_(False), records.c.id > last,
                                  records.c.schema == schema)
    if owner:
        query = query.where(records.c.owner == owner)
    return query.order_by(records.c.id).limit(batch)


def visible_page(agency: str, schema: str | None, last: str) -> Select[Any]:
    viewer = Viewer("bench", agency, Purpose(DT))
    where = [records.c.erased.is_(False), candidate_filter(viewer, datetime.now(UTC).date())]
    if schema:
        where.append(records.c.schema == schema)
    return select(records).where(*where, records.c.id > last).order_by(records.c.id).limit(PAGE)


def timed(conn: Connection, sql: str) -> float:
    t = time.perf_counter()
    conn.execute(text(sql)).all()
    return (time.perf_counter() - t) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("url", nargs="?", default=os.environ.get("INTERLINK_STORE"))
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--only", help="comma-separated query names")
    parser.add_argument("--no-explain", action="store_true")
    args = parser.parse_args()
    rng = random.Random(17)
    engine = create_engine(args.url).execution_options(isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        n = conn.execute(text("SELECT reltuples::bigint FROM pg_class WHERE oid = "
                              "'records'::regclass")).scalar_one()
        print(f"records (planner's estimate): {n:,}; load average "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        # parameters, from the store: persons' ids and names as the API benchmark picks them
        pct = min(100.0, max(0.05, 3 * 2000 * 100 / max(n, 1)))  # about 2,000 Persons
        ids = [r[0] for r in conn.execute(text(
            f"SELECT id FROM records TABLESAMPLE SYSTEM ({pct}) WHERE schema = 'Person' "
            "LIMIT 2000"))]
        names = [r[0] for r in conn.execute(text(
            "SELECT caption FROM records WHERE schema = 'Person' AND caption <> '' "
            "ORDER BY id LIMIT 5000"))]
        owners = [r[0] for r in conn.execute(text(
            "SELECT code FROM agencies WHERE EXISTS (SELECT 1 FROM records "
            "WHERE owner = agencies.code)"))]
        common = conn.execute(text(
            f"SELECT key FROM (SELECT key FROM record_keys TABLESAMPLE SYSTEM ({pct}) "
            "WHERE key LIKE 'n:%') s GROUP BY key ORDER BY count(*) DESC LIMIT 20"
        )).scalars().all()
        today = datetime.now(UTC).date()

        def some(seq: list[Any]) -> Any:
            return rng.choice(seq)

        queries: dict[str, Callable[[], str]] = {
            "read: records by id (SQLStore.get, _BY_ID)": lambda: compiled(
                _BY_ID.params(id=some(ids))),
            "read: the audit batch's chain head and watched versions (audit writer, "
            "once per batch)": lambda: compiled(chain.head_query(_watched())),
            "grants snapshot: live grants (policy.snapshot.read_snapshot, once per "
            "sharing change)": lambda: compiled(
                select(grants).where(grants.c.revoked_at.is_(None))),
            "search: keys and candidates in one statement (SQLStore.find_candidates)":
                lambda: compiled(_CANDIDATES.params(
                    keys=sorted(set(query_keys(some(names)))), limit=200)),
            "search: the commonest name key (SQLStore.find_candidates, worst case)":
                lambda: compiled(_CANDIDATES.params(keys=[some(common)], limit=200)),
            "search: anyone targeting anything (deconfliction._active_targets)": lambda:
                compiled(_ANY_TARGET.params(other_than=some(owners))),
            "screen store:AGENCY, a page of Persons (SQLStore.iter_records)": lambda: compiled(
                iter_page("Person", some(owners), some(ids)[:8])),
            "screen store:all, a page of Vessels (SQLStore.iter_records)": lambda: compiled(
                iter_page("Vessel", None, some(ids)[:8])),
            "list: a page of what the viewer sees (policy.visible.visible_records)": lambda:
                compiled(visible_page(some(owners), None, some(ids)[:8])),
            "list: a page of Vessels the viewer sees (policy.visible.visible_records)": lambda:
                compiled(visible_page(some(owners), "Vessel", some(ids)[:8])),
            "review: an owner's records due (SQLStore.due_for_review)": lambda: compiled(
                select(records).where(records.c.owner == some(owners),
                                      records.c.erased.is_(False),
                                      records.c.review_by < today + timedelta(days=31))
                .order_by(records.c.review_by, records.c.id).limit(1000)),
            "ingest: does the agency hold records (SQLStore.holds_records)": lambda: compiled(
                select(records.c.id).where(records.c.owner == some(owners)).limit(1)),
        }
        wanted = set(args.only.split(",")) if args.only else None
        print("| query | samples | p50 (ms) | p99 (ms) | max (ms) |")
        print("|---|---:|---:|---:|---:|")
        plans = []
        for label, make in queries.items():
            if wanted and not any(w in label for w in wanted):
                continue
            runs = []
            for _ in range(args.samples):
                sql = make()
                runs.append((timed(conn, sql), sql))
            ms = sorted(r[0] for r in runs)
            p99 = ms[max(0, int(len(ms) * 0.99) - 1)]
            print(f"| {label} | {len(ms)} | {statistics.median(ms):.1f} | {p99:.1f} | "
                  f"{ms[-1]:.1f} |", flush=True)
            plans.append((label, max(runs)[1]))
        if not args.no_explain:
            for label, sql in plans:
                plan = conn.execute(text(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")).scalars().all()
                print(f"\n### {label} (the slowest sample)\n```\n" + "\n".join(plan) + "\n```")
    engine.dispose()


if __name__ == "__main__":
    main()
