"""One node per resolved entity: merge a network's nodes by a record -> cluster mapping.

Resolution (`interlink resolve`, or the store's judgements) says which records are one real
person, company or account. An analysis on raw records counts that person once per agency that
holds him, under each spelling: he ranks #3 and again #6, his ties are split between his copies.
`merge_clusters` folds every cluster into one node that keeps all its member ids as evidence
(`Network.records`), so the entity page, key actors, communities and paths all see one node and
every finding can still name the records it rests on.

The mapping is the one `interlink resolve` writes (`id,cluster_id`, `read_clusters_csv`) or any
record -> entity mapping (the access layer's resolved view). A node is looked up by its own id,
then by each of its source records; nodes the mapping does not name stay as they are.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from pathlib import Path

import numpy as np

from interlink.core.messages import invalid
from interlink.network.graph import EVIDENCE_SEP, Network, PaymentFact


def read_clusters_csv(path: Path | str) -> dict[str, str]:
    """CLUSTERS.csv (`id,cluster_id`, as `interlink resolve` writes it) as a mapping; a bad row
    refuses the file, naming the line."""
    path = Path(path)
    if not path.exists():
        raise invalid("file.missing", "clusters", file=path.name)
    clusters: dict[str, str] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = [h.strip().lower() for h in next(reader, [])]
        if "id" not in header or "cluster_id" not in header:
            raise invalid("file.cluster_columns", "clusters", file=path.name)
        id_col, cluster_col = header.index("id"), header.index("cluster_id")
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            line = reader.line_num
            if len(row) != len(header):
                raise invalid("file.line_fields", "clusters", file=path.name, line=line,
                              n=len(row), expected=len(header), columns=",".join(header))
            record, cluster = row[id_col].strip(), row[cluster_col].strip()
            if not record or not cluster:
                raise invalid("file.line_empty", "clusters", file=path.name, line=line,
                              column="id" if not record else "cluster_id")
            if clusters.get(record, cluster) != cluster:
                raise invalid("file.two_clusters", "clusters", file=path.name, line=line,
                              id=record, cluster=clusters[record], other=cluster)
            clusters[record] = cluster
    return clusters


def _cluster_of(net: Network, i: int, clusters: Mapping[str, str]) -> str:
    found = clusters.get(net.ids[i])
    if found is not None:
        return found
    for record in net.node_records(i):
        found = clusters.get(record)
        if found is not None:
            return found
    return net.ids[i]


def merge_clusters(net: Network, clusters: Mapping[str, str]) -> Network:
    """The network with one node per cluster. A merged node's id is the cluster id, its label
    the first non-empty member label, its `records` every member record (a file's node ids when
    the network has no records), its countries and topics the union of its members'. Evidence
    rows, payments and holdings are carried over to the merged nodes; a row between two members
    of one cluster becomes a self-loop, which the analyses ignore but the evidence keeps."""
    if not clusters or net.n == 0:
        return net
    keys = [_cluster_of(net, i, clusters) for i in range(net.n)]
    new_ids: list[str] = list(dict.fromkeys(keys))
    if len(new_ids) == net.n:
        return net  # nothing to merge
    position = {key: j for j, key in enumerate(new_ids)}
    remap = np.fromiter((position[k] for k in keys), dtype=np.int64, count=net.n)
    members: list[list[int]] = [[] for _ in new_ids]
    for i, j in enumerate(remap.tolist()):
        members[j].append(i)

    def pick(values: list[str] | None) -> list[str] | None:
        if values is None:
            return None
        return [next((values[i] for i in group if values[i]), "") for group in members]

    def union(values: list[str] | None) -> list[str] | None:
        if values is None:
            return None
        return [EVIDENCE_SEP.join(sorted({x for i in group if values[i]
                                          for x in values[i].split(EVIDENCE_SEP)}))
                for group in members]

    records = [tuple(dict.fromkeys(r for i in group for r in (net.node_records(i)
                                                               or (net.ids[i],))))
               for group in members]
    evidence = net.evidence if net.evidence is not None else [
        EVIDENCE_SEP.join(net.row_evidence(r)) for r in range(net.m)]
    payments = [PaymentFact(p.id, p.records, int(remap[p.source]), int(remap[p.target]),
                            p.amount, p.currency, p.date) for p in net.payments]
    holdings: dict[int, set[int]] = {}
    for holder, accounts in net.holdings.items():
        holdings.setdefault(int(remap[holder]), set()).update(int(remap[a]) for a in accounts)
    return Network(
        ids=new_ids, src=remap[net.src], dst=remap[net.dst], weight=net.weight.copy(),
        kind=net.kind.copy(), kinds=list(net.kinds), evidence=list(evidence),
        labels=pick(net.labels),
        schemata=pick(net.schemata), countries=union(net.countries), records=records,
        topics=union(net.topics), payments=payments, routes=list(net.routes),
        holdings=holdings, damped=net.damped,
        period=net.period.copy() if net.period is not None else None,
        periods=list(net.periods),
        dates=list(net.dates) if net.dates is not None else None,
    )
