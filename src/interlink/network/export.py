"""Exports: GraphML and GEXF (Gephi, yEd, Cytoscape) and CSV node and edge lists.

Edges are written one per pair of nodes (weights summed, kinds and evidence joined), so a
chart shows one line per tie with everything that supports it. The writers stream the XML
themselves: a networkx round trip would hold a million-node graph twice in memory. The edge
list is the `--edges` format of the command line, so an export can be analysed again.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from interlink.core import csvfiles
from interlink.core.messages import invalid
from interlink.network.graph import EVIDENCE_SEP, Network

FORMATS = ("graphml", "gexf", "csv")
NODE_FIELDS = ("id", "label", "schema", "countries", "records")
EDGE_FIELDS = ("source", "target", "weight", "type", "evidence")


def _edges(net: Network) -> Iterator[tuple[int, int, float, str, str]]:
    a, b, w = net.pairs
    many = len(a) > 200_000  # evidence lookups per pair would dominate on huge graphs
    for u, v, weight in zip(a.tolist(), b.tolist(), w.tolist(), strict=True):
        if many and net.evidence is None:
            kinds, evidence = [net.kinds[0]] if net.kinds else [], []
        else:
            kinds, evidence = net.edge_summary(u, v)
        yield u, v, weight, EVIDENCE_SEP.join(kinds), EVIDENCE_SEP.join(evidence)


def _node(net: Network, i: int) -> dict[str, str]:
    return {
        "id": net.ids[i],
        "label": net.label(i),
        "schema": net.schema(i),
        "countries": EVIDENCE_SEP.join(net.node_countries(i)),
        "records": EVIDENCE_SEP.join(net.node_records(i)),
    }


def write_csv(net: Network, nodes_path: Path, edges_path: Path) -> None:
    csvfiles.write_csv(nodes_path, NODE_FIELDS, (
        [row[f] for f in NODE_FIELDS] for row in (_node(net, i) for i in range(net.n))),
        lineterminator="\n")
    csvfiles.write_csv(edges_path, EDGE_FIELDS, (
        [net.ids[u], net.ids[v], f"{w:g}", kinds, evidence]
        for u, v, w, kinds, evidence in _edges(net)), lineterminator="\n")


def write_graphml(net: Network, out: TextIO) -> None:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    for name in NODE_FIELDS[1:]:
        out.write(f'  <key id="{name}" for="node" attr.name="{name}" attr.type="string"/>\n')
    out.write('  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>\n'
              '  <key id="type" for="edge" attr.name="type" attr.type="string"/>\n'
              '  <key id="evidence" for="edge" attr.name="evidence" attr.type="string"/>\n'
              '  <graph id="interlink" edgedefault="undirected">\n')
    for i in range(net.n):
        row = _node(net, i)
        out.write(f"    <node id={quoteattr(row['id'])}>")
        for name in NODE_FIELDS[1:]:
            if row[name]:
                out.write(f'<data key="{name}">{escape(row[name])}</data>')
        out.write("</node>\n")
    for u, v, w, kinds, evidence in _edges(net):
        out.write(f"    <edge source={quoteattr(net.ids[u])} target={quoteattr(net.ids[v])}>"
                  f'<data key="weight">{w:g}</data><data key="type">{escape(kinds)}</data>'
                  f'<data key="evidence">{escape(evidence)}</data></edge>\n')
    out.write("  </graph>\n</graphml>\n")


def write_gexf(net: Network, out: TextIO) -> None:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<gexf xmlns="http://gexf.net/1.3" version="1.3">\n'
              '  <graph defaultedgetype="undirected" mode="static">\n'
              '    <attributes class="node">\n')
    for k, name in enumerate(NODE_FIELDS[2:]):
        out.write(f'      <attribute id="{k}" title="{name}" type="string"/>\n')
    out.write('    </attributes>\n    <attributes class="edge">\n'
              '      <attribute id="0" title="evidence" type="string"/>\n'
              '    </attributes>\n    <nodes>\n')
    for i in range(net.n):
        row = _node(net, i)
        out.write(f"      <node id={quoteattr(row['id'])} label={quoteattr(row['label'])}>"
                  "<attvalues>")
        for k, name in enumerate(NODE_FIELDS[2:]):
            out.write(f'<attvalue for="{k}" value={quoteattr(row[name])}/>')
        out.write("</attvalues></node>\n")
    out.write("    </nodes>\n    <edges>\n")
    for e, (u, v, w, kinds, evidence) in enumerate(_edges(net)):
        out.write(f'      <edge id="{e}" source={quoteattr(net.ids[u])} '
                  f"target={quoteattr(net.ids[v])} weight=\"{w:g}\" label={quoteattr(kinds)}>"
                  f'<attvalues><attvalue for="0" value={quoteattr(evidence)}/></attvalues>'
                  "</edge>\n")
    out.write("    </edges>\n  </graph>\n</gexf>\n")


def export(net: Network, fmt: str, path: Path) -> list[Path]:
    """Write the network in `fmt` to `path` (for csv: PATH-nodes.csv and PATH-edges.csv, or
    the two files named by a directory). Returns the files written."""
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise invalid("network.export_format", "fmt", value=fmt, allowed=", ".join(FORMATS))
    path = Path(path)
    parent = path if fmt == "csv" and path.is_dir() else path.parent
    if not parent.exists():
        # the path the user gave on the command line, and its folder
        raise invalid("network.no_directory", "path", file=str(path), directory=str(parent))
    if fmt == "csv":
        if path.is_dir():
            nodes, edges = path / "nodes.csv", path / "edges.csv"
        else:
            stem = path.with_suffix("")
            nodes, edges = Path(f"{stem}-nodes.csv"), Path(f"{stem}-edges.csv")
        write_csv(net, nodes, edges)
        return [nodes, edges]
    with path.open("w", encoding="utf-8") as handle:
        (write_graphml if fmt == "graphml" else write_gexf)(net, handle)
    return [path]
