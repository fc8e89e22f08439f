"""`interlink network ...`: key actors, communities, paths, money, routes, disruption, export.

    interlink network key-actors [--edges E.csv] --top K --output RANKING.csv
                                 [--periods month|quarter|half|year]
    interlink network communities [--edges E.csv] --output C.csv
    interlink network path A B [--k 3]
    interlink network money --from ID --hops N      (without --from: laundering patterns)
    interlink network routes
    interlink network disrupt --k K [--remove ID ...]
    interlink network export --format graphml|gexf|csv --output PATH [--ego ID --depth N]

With `--edges` a command works on a plain CSV (`source,target[,weight,type]`); without it, it
reads the store as the viewer given by `--agency`, `--purpose` and `--user` (the OS user by
default), and the graph holds only what the policy gate shows that viewer. `--clusters
CLUSTERS.csv` (the `id,cluster_id` output of `interlink resolve`) makes every command work on
resolved entities: one node per cluster, its member ids kept as evidence. `key-actors
--periods UNIT` ranks per month, quarter, half-year or year of the records' own dates (an
edges file's `date` column), as an edges file's `period` column does. Output CSVs are
written to a temporary file and renamed, so a failure never leaves half a file.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from interlink import settings
from interlink.cli import state
from interlink.core import csvfiles
from interlink.core.messages import invalid
from interlink.core.viewer import Viewer

if TYPE_CHECKING:
    from interlink.network import Network

network_app = typer.Typer(
    name="network",
    help="Network analysis: key actors, cells, paths, money, routes, disruption, exports.",
    no_args_is_help=True,
)

EDGES_HELP = "Edges CSV (source,target[,weight,type]); without it the store is read."
AGENCY_HELP = "Read the store as this agency (e.g. FR-OFAST)."
PURPOSE_HELP = "Declared purpose of this analysis (drug_trafficking, ...)."
USER_HELP = "User the analysis is run as (default: the OS user)."
PERIODS_HELP = ("Rank per period of the records' dates (month, quarter, half, year): who holds "
                "a cell period after period, not who one busy period makes central.")
CLUSTERS_HELP = ("CLUSTERS.csv (id,cluster_id, from `interlink resolve`): one node per resolved "
                 "entity, member ids kept as evidence.")


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user database (containers): fall back
        return settings.ACTOR


def load_network(edges: Path | None, agency: str | None, purpose: str | None,
                 user: str | None, clusters: Path | None = None,
                 periods: str | None = None) -> Network:
    """The network of a file, or of the store as seen by the viewer; with `clusters`, one node
    per resolved entity; with `periods` (a unit of `PERIOD_UNITS`), each tie in the period of
    its record's date. The unit is checked before the store is read, not after minutes of it."""
    from interlink.network.graph import PERIOD_UNITS

    if periods is not None and periods not in PERIOD_UNITS:
        raise invalid("network.period_unit", "periods", value=periods,
                      expected=", ".join(PERIOD_UNITS))
    from interlink.network import (
        merge_clusters,
        network_from_store,
        read_clusters_csv,
        read_edges_csv,
    )

    mapping = read_clusters_csv(clusters) if clusters is not None else None
    if edges is not None:
        net = read_edges_csv(edges)
        net = merge_clusters(net, mapping) if mapping else net
        return _cut_periods(net, periods)
    if not agency:
        raise invalid("cli.network_source", "agency")
    from interlink.cli import common

    viewer = Viewer(user=user or _os_user(), agency=agency, purpose=purpose)
    store = common.store()
    store.require_agency(viewer.agency)
    try:
        with common.progress_bar() as bar:
            task = bar.add_task("reading records", total=None)
            net = network_from_store(store, viewer, clusters=mapping,
                                     progress=lambda n: bar.update(task, completed=n))
    finally:
        store.close()
    return _cut_periods(net, periods)


def _cut_periods(net: Network, periods: str | None) -> Network:
    """The network cut into periods of its rows' dates. When no row is dated the network is
    left as it is (an edges file's `period` column still holds) and the analyst is told: a
    silent fallback would pass a ranking of the whole network for one per period."""
    if periods is None:
        return net
    before = net.period, net.periods
    net.periods_from_dates(periods)
    if not net.periods:
        from interlink.core.messages import render

        net.period, net.periods = before
        _say(render("cli.periods_undated", {"unit": periods}, state.LANG))
    return net


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Write a result CSV atomically."""
    csvfiles.write_csv(path, header, rows, lineterminator="\n")


def _say(text: str) -> None:
    typer.echo(text, err=True)


@network_app.command("key-actors")
def key_actors_cmd(
    edges: Path = typer.Option(None, "--edges", help=EDGES_HELP),
    top: int = typer.Option(20, "--top", min=1, help="How many actors to rank."),
    output: Path = typer.Option(None, "--output", help="RANKING.csv (rank,node,score,reason,"
                                "role,reason_code,reason_params); printed when not given."),
    schema: str = typer.Option(None, "--schema", help="Rank only this kind (e.g. Person)."),
    agency: str = typer.Option(None, "--agency", help=AGENCY_HELP),
    purpose: str = typer.Option(None, "--purpose", help=PURPOSE_HELP),
    user: str = typer.Option(None, "--user", help=USER_HELP),
    clusters: Path = typer.Option(None, "--clusters", help=CLUSTERS_HELP),
    periods: str = typer.Option(None, "--periods", help=PERIODS_HELP),
) -> None:
    """Rank the key actors by role (broker, leader, financier, hub, central) with a reason each."""
    import json

    from interlink.network import key_actors

    net = load_network(edges, agency, purpose, user, clusters, periods)
    result = key_actors(net, top=top, schema=schema)
    rows = [(a.rank, a.id, f"{a.score:.4f}", a.reason, a.role, a.reason_code,
             json.dumps(a.reason_params, ensure_ascii=False, sort_keys=True))
            for a in result.actors]
    if output is not None:
        write_csv(output, ("rank", "node", "score", "reason", "role", "reason_code",
                           "reason_params"), rows)
        _say(f"{len(rows)} key actor(s) of {net.n} nodes -> {output} "
             f"(betweenness {result.betweenness_method}; {result.communities.algorithm})")
    else:
        from interlink.core.messages import number, render

        say = render("name.separator", {}, state.LANG).join
        for a in result.actors:
            reasons = say(render(code, params, state.LANG) for code, params in a.messages)
            typer.echo(render("cli.actor_line", {
                "rank": a.rank, "label": a.label, "id": a.id, "role": a.role,
                "score": number(a.score, state.LANG, 3), "reasons": reasons}, state.LANG))


@network_app.command("communities")
def communities_cmd(
    edges: Path = typer.Option(None, "--edges", help=EDGES_HELP),
    output: Path = typer.Option(None, "--output", help="C.csv (node,community); "
                                "a summary is printed either way."),
    resolution: float = typer.Option(1.0, "--resolution", min=0.0,
                                     help="Leiden resolution: higher gives smaller cells."),
    agency: str = typer.Option(None, "--agency", help=AGENCY_HELP),
    purpose: str = typer.Option(None, "--purpose", help=PURPOSE_HELP),
    user: str = typer.Option(None, "--user", help=USER_HELP),
    clusters: Path = typer.Option(None, "--clusters", help=CLUSTERS_HELP),
) -> None:
    """Find the communities (cells): members, size, main activity and key actor of each."""
    from interlink.network import detect_communities

    net = load_network(edges, agency, purpose, user, clusters)
    found = detect_communities(net, resolution=resolution)
    if output is not None:
        write_csv(output, ("node", "community"),
                  ((net.ids[i], int(c)) for i, c in enumerate(found.membership)))
    shown = [c for c in found.communities if c.size >= 2]
    from interlink.core.messages import number, render

    lang = state.LANG
    typer.echo(render("cli.communities", {
        "n": len(found.communities), "shown": len(shown), "algorithm": found.algorithm,
        "modularity": number(found.modularity, lang, 3)}, lang))
    for c in shown[:50]:
        activity = (render(c.activity_code, c.activity_params, lang) if c.activity_code
                    else c.activity)
        typer.echo(render("cli.community_line", {
            "cell": str(c.id), "n": c.size, "label": net.label(c.key_actor),
            "id": net.ids[c.key_actor], "activity": activity}, lang))
    if len(shown) > 50:
        typer.echo(render("cli.more", {"n": len(shown) - 50}, lang))


@network_app.command("path")
def path_cmd(
    source: str = typer.Argument(..., help="Node id, record id or exact name."),
    target: str = typer.Argument(..., help="Node id, record id or exact name."),
    k: int = typer.Option(1, "--k", min=1, max=50, help="How many shortest paths."),
    edges: Path = typer.Option(None, "--edges", help=EDGES_HELP),
    agency: str = typer.Option(None, "--agency", help=AGENCY_HELP),
    purpose: str = typer.Option(None, "--purpose", help=PURPOSE_HELP),
    user: str = typer.Option(None, "--user", help=USER_HELP),
    clusters: Path = typer.Option(None, "--clusters", help=CLUSTERS_HELP),
) -> None:
    """The shortest path(s) between two entities, each hop with its evidence records."""
    from interlink.network import shortest_paths

    net = load_network(edges, agency, purpose, user, clusters)
    a, b = net.find(source), net.find(target)
    paths = shortest_paths(net, a, b, k=k)
    if not paths:
        typer.echo(f"no path between {net.label(a)} and {net.label(b)}")
        raise typer.Exit(0)
    for n, path in enumerate(paths, 1):
        typer.echo(f"path {n}: {path.length} hop(s)")
        for hop in path.hops:
            typer.echo(f"  {net.label(hop.source)} [{net.ids[hop.source]}] -> "
                       f"{net.label(hop.target)} [{net.ids[hop.target]}]: "
                       f"{', '.join(hop.kinds)}; evidence {', '.join(hop.evidence)}")


@network_app.command("money")
def money_cmd(
    start: str = typer.Option(None, "--from", help="Account or entity to follow; without "
                              "it, laundering patterns in all payments are listed."),
    hops: int = typer.Option(2, "--hops", min=1, max=20, help="How many payments deep."),
    direction: str = typer.Option("both", "--direction",
                                  help="forward (where money went), backward, or both."),
    output: Path = typer.Option(None, "--output", help="Write the payments or findings as "
                                "CSV."),
    edges: Path = typer.Option(None, "--edges", help=EDGES_HELP + " Rows with amount "
                               "(and currency, date) are payments."),
    agency: str = typer.Option(None, "--agency", help=AGENCY_HELP),
    purpose: str = typer.Option(None, "--purpose", help=PURPOSE_HELP),
    user: str = typer.Option(None, "--user", help=USER_HELP),
    clusters: Path = typer.Option(None, "--clusters", help=CLUSTERS_HELP),
) -> None:
    """Follow the money from an entity, or list round trips, layering, pass-through and
    structuring, each with its payment records."""
    from interlink.network import detect_patterns, follow
    from interlink.network.patterns import who

    net = load_network(edges, agency, purpose, user, clusters)
    if not net.payments:
        typer.echo("no payments in this graph")
        return
    if start is None:
        findings = detect_patterns(net)
        for f in findings:
            typer.echo(f.summary)
            typer.echo(f"  payments: {', '.join(f.records)}")
        if not findings:
            typer.echo(f"no pattern found in {len(net.payments)} payments")
        if output is not None:
            write_csv(output, ("finding", "kind", "summary", "payments"),
                      ((i, f.kind, f.summary, ";".join(f.records))
                       for i, f in enumerate(findings, 1)))
        return
    node = net.find(start)
    steps = follow(net, node, hops=hops, direction=direction.lower())
    typer.echo(f"{len(steps)} payment(s) within {hops} hop(s) of {who(net, node)}")
    rows = []
    for s in steps:
        p = s.payment
        amount = f"{p.amount:,.2f}" if p.amount is not None else "?"
        typer.echo(f"  {s.direction[:4]} {s.hop}: {p.date or '?'} {amount} {p.currency} "
                   f"{who(net, p.source)} -> {who(net, p.target)} [{', '.join(p.records)}]")
        rows.append((s.direction, s.hop, p.date, p.amount if p.amount is not None else "",
                     p.currency, net.ids[p.source], net.ids[p.target], ";".join(p.records)))
    if output is not None:
        write_csv(output, ("direction", "hop", "date", "amount", "currency", "source",
                           "target", "records"), rows)


@network_app.command("routes")
def routes_cmd(
    kind: str = typer.Option(None, "--kind", help="Only seizure, trip or payment routes."),
    output: Path = typer.Option(None, "--output", help="Write the routes as CSV."),
    edges: Path = typer.Option(None, "--edges", help=EDGES_HELP),
    agency: str = typer.Option(None, "--agency", help=AGENCY_HELP),
    purpose: str = typer.Option(None, "--purpose", help=PURPOSE_HELP),
    user: str = typer.Option(None, "--user", help=USER_HELP),
    clusters: Path = typer.Option(None, "--clusters", help=CLUSTERS_HELP),
) -> None:
    """Country-to-country routes by commodity (seizures, trips, payments), transit countries."""
    from interlink.network import routes, transit_countries

    if kind is not None and kind not in ("seizure", "trip", "payment"):
        raise invalid("cli.route_kind", "kind", value=kind)
    net = load_network(edges, agency, purpose, user, clusters)
    found = routes(net, kind)
    if not found:
        typer.echo("no routes: the graph holds no seizures, trips or cross-border payments")
    for r in found:
        qty = f", {r.quantity_text()}" if r.quantity and r.kind == "seizure" else ""
        typer.echo(f"{r.kind} {r.commodity}: {r.path} x{r.count}{qty} "
                   f"({r.first or '?'} to {r.last or '?'})")
    transit = transit_countries(found)
    if transit:
        typer.echo("transit countries: " + ", ".join(
            f"{t.country.upper()} ({t.count}: {'/'.join(t.commodities)})" for t in transit))
    if output is not None:
        write_csv(output, ("kind", "commodity", "route", "count", "quantity", "first", "last",
                           "records"),
                  ((r.kind, r.commodity, r.path, r.count, r.quantity_text(), r.first, r.last,
                    ";".join(r.records)) for r in found))


@network_app.command("disrupt")
def disrupt_cmd(
    k: int = typer.Option(5, "--k", min=1, max=1000, help="How many actors to remove."),
    remove: list[str] = typer.Option(None, "--remove", help="Instead of searching: the "
                                     "effect of removing these (repeatable)."),
    objective: str = typer.Option("reachability", "--objective",
                                  help="reachability (pairs still connected) or lcc."),
    schema: str = typer.Option(None, "--schema", help="Only remove this kind (e.g. Person)."),
    edges: Path = typer.Option(None, "--edges", help=EDGES_HELP),
    agency: str = typer.Option(None, "--agency", help=AGENCY_HELP),
    purpose: str = typer.Option(None, "--purpose", help=PURPOSE_HELP),
    user: str = typer.Option(None, "--user", help=USER_HELP),
    clusters: Path = typer.Option(None, "--clusters", help=CLUSTERS_HELP),
) -> None:
    """Which k actors to remove to fragment the network most, or the effect of removing a
    chosen set ("what if these five are arrested")."""
    from interlink.network import key_players, removal_effect

    net = load_network(edges, agency, purpose, user, clusters)
    if remove:
        plan = removal_effect(net, [net.find(r) for r in remove])
    else:
        candidates = None
        if schema is not None:
            candidates = [i for i in range(net.n) if net.schema(i) == schema]
        plan = key_players(net, k, objective=objective, candidates=candidates)
    b = plan.before
    typer.echo(f"before: {b.nodes} nodes, largest component {b.largest}, "
               f"{b.components} component(s), {b.reachable_pairs} connected pairs")
    for n, step in enumerate(plan.steps, 1):
        a = step.after
        share = a.reachable_pairs / b.reachable_pairs if b.reachable_pairs else 0.0
        typer.echo(f"{n}. remove {net.label(step.node)} [{net.ids[step.node]}]: largest "
                   f"component {a.largest}, {a.components} component(s), "
                   f"{a.reachable_pairs} connected pairs ({share:.0%} of before)")


@network_app.command("export")
def export_cmd(
    fmt: str = typer.Option(..., "--format", help="graphml, gexf or csv."),
    output: Path = typer.Option(..., "--output", help="File (csv: PATH-nodes.csv and "
                                "PATH-edges.csv, or nodes.csv/edges.csv in a directory)."),
    ego: str = typer.Option(None, "--ego", help="Only the ego network of this entity."),
    depth: int = typer.Option(1, "--depth", min=0, max=10, help="Ego network depth."),
    edges: Path = typer.Option(None, "--edges", help=EDGES_HELP),
    agency: str = typer.Option(None, "--agency", help=AGENCY_HELP),
    purpose: str = typer.Option(None, "--purpose", help=PURPOSE_HELP),
    user: str = typer.Option(None, "--user", help=USER_HELP),
    clusters: Path = typer.Option(None, "--clusters", help=CLUSTERS_HELP),
) -> None:
    """Export the graph (or an ego network) for Gephi, yEd or a spreadsheet."""
    from interlink.network import ego_network, export

    net = load_network(edges, agency, purpose, user, clusters)
    if ego is not None:
        net = ego_network(net, net.find(ego), depth)
    written = export(net, fmt, output)
    _say(f"{net.n} nodes, {net.summary()['edges']} edges -> "
         + ", ".join(str(p) for p in written))


def register(app: typer.Typer) -> None:
    app.add_typer(network_app, name="network")
