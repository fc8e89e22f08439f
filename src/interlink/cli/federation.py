"""`interlink node ...`, `interlink peer ...` and `interlink search`: this node, its peers, and
searches that reach them (`--scope federation`)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from interlink.cli import common

node_app = typer.Typer(help="This node: its name, URL and public key.", no_args_is_help=True)
peer_app = typer.Typer(help="Other nodes this node exchanges with.", no_args_is_help=True)


@node_app.command("show")
def node_show(as_json: bool = typer.Option(False, "--json")) -> None:
    """Print this node's name, URL and public key (what a peer declares with `peer add`)."""
    from interlink.federation import node

    me = node.show(common.store())
    if as_json:
        typer.echo(json.dumps(me.to_dict()))
        return
    common.out.print(f"name\t{me.name}\nurl\t{me.url}\npublic key\t{me.public_key}")


@node_app.command("set")
def node_set(name: str = typer.Option(None, "--name"),
             url: str = typer.Option(None, "--url", help="https://host[:port] peers reach")
             ) -> None:
    """Set this node's name or URL."""
    from interlink.federation import node

    me = node.set_identity(common.store(), common.actor(), name=name, url=url)
    common.out.print(f"node {me.name} at {me.url or '(no URL)'}")


@peer_app.command("add")
def peer_add(
    name: str = typer.Argument(..., help="The peer's node name"),
    url: str = typer.Option(..., "--url", help="https://host[:port] of the peer"),
    key: str = typer.Option(..., "--key", help="The peer's public key (`node show` there)"),
    agency: list[str] = typer.Option(..., "--agency", help="An agency the peer serves"),
) -> None:
    """Declare a peer and the agencies it serves."""
    from interlink.federation import peers

    peer = peers.add(common.store(), common.actor(), name, url, key, agency)
    common.out.print(f"peer {peer.name} at {peer.url} serving {', '.join(peer.agencies)}")


@peer_app.command("list")
def peer_list(as_json: bool = typer.Option(False, "--json")) -> None:
    """List declared peers."""
    from interlink.federation import peers

    found = peers.list_peers(common.store())
    if as_json:
        typer.echo(json.dumps([p.to_dict() for p in found]))
        return
    for p in found:
        common.out.print(f"{p.name}\t{p.url}\t{','.join(p.agencies)}\t{p.public_key}")


@peer_app.command("remove")
def peer_remove(name: str = typer.Argument(...)) -> None:
    """Forget a peer: its key is refused from now on and nothing more is sent to it."""
    from interlink.federation import peers

    peers.remove(common.store(), common.actor(), name)
    common.out.print(f"peer {name} removed")


@peer_app.command("status")
def peer_status(as_json: bool = typer.Option(False, "--json")) -> None:
    """Per peer: backlog, last delivery, last error."""
    from interlink.federation import outbox, peers

    store = common.store()
    outbox.refresh(store)
    rows = peers.status(store)
    if as_json:
        typer.echo(json.dumps(rows))
        return
    for r in rows:
        common.out.print(f"{r['peer']}\tbacklog {r['backlog']}\tsent {r['sent_seq']}\t"
                         f"applied-from-it {r['applied_seq']}\tlast delivered "
                         f"{r['last_delivered_at'] or '-'}\tlast error "
                         f"{r['last_error'] or '-'} {r['last_error_at'] or ''}", markup=False)


@peer_app.command("sync")
def peer_sync(name: str = typer.Argument(None, help="One peer (default: all)")) -> None:
    """Queue what peers must hear (from the audit log) and deliver it now."""
    from interlink.federation import outbox

    failed = False
    for r in outbox.sync(common.store(), name):
        failed = failed or r["error"] is not None
        common.out.print(f"{r['peer']}\tdelivered {r['delivered']}\t{r['error'] or 'ok'}",
                         markup=False)
    if failed:
        raise typer.Exit(1)


@peer_app.command("rotate-key")
def peer_rotate(name: str = typer.Argument(...)) -> None:
    """A new pair key for the pseudonyms of queries to this peer (sent at the next sync)."""
    from interlink.federation import peers

    key_id = peers.rotate_key(common.store(), common.actor(), name)
    common.out.print(f"new pair key {key_id} for {name} (sent at the next `peer sync`)")


@peer_app.command("request")
def peer_request(
    record_id: str = typer.Argument(..., help="The reference a federated hit gave"),
    owner: str = typer.Option(..., "--owner", help="The owner the hit named (an agency a "
                              "peer node serves)"),
    agency: str = typer.Option(..., "--agency", help="The agency you ask as"),
    purpose: str = typer.Option(..., "--purpose", help="Declared purpose"),
    user: str = typer.Option(None, "--user", help="Your login (default INTERLINK_ACTOR)"),
    message: str = typer.Option("", "--message", help="Message to the owner"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Ask the owner of a record held on another node for it (after a federated hit): the
    request for information is kept here and travels signed to the owner's node at the next
    `peer sync`; its answer comes back the same way (as the API's POST /federation/requests)."""
    from interlink.cooperation import rfi
    from interlink.core.codes import Purpose
    from interlink.core.viewer import Viewer

    viewer = Viewer(user or common.settings.ACTOR, agency, Purpose.parse(purpose))
    made = rfi.open_remote(common.store(), viewer, record_id, owner, message)
    if as_json:
        typer.echo(json.dumps(made.to_dict(), ensure_ascii=False))
        return
    common.out.print(f"{made.id}\t{made.status}\tto {made.owner}\tabout {made.record_id}",
                     markup=False)


def search(
    query: str = typer.Argument(..., help="Name (any script), birth date or document number"),
    agency: str = typer.Option(..., "--agency", help="The agency you search as"),
    purpose: str = typer.Option(..., "--purpose", help="Declared purpose"),
    user: str = typer.Option(None, "--user", help="Your login (default INTERLINK_ACTOR)"),
    scope: str = typer.Option("local", "--scope", help="local or federation"),
    clear: bool = typer.Option(False, "--clear", help="Send the query in clear text to peers "
                               "(default: keyed pseudonyms)"),
    output: Path = typer.Option(None, "--output", help="Write the JSON answer here"),
) -> None:
    """Search as an agency, here or here and on every peer (`--scope federation`)."""
    from interlink.access import federation
    from interlink.core.codes import Purpose
    from interlink.core.viewer import Viewer

    viewer = Viewer(user or common.settings.ACTOR, agency, Purpose.parse(purpose))
    answer = federation.search(common.store(), viewer, query, scope=scope,
                               mode="clear" if clear else "pseudo")
    text = json.dumps(answer, ensure_ascii=False, indent=2, default=str)
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        typer.echo(text)


def screen_federation(queries: list, agency: str | None, purpose: str | None,  # type: ignore[type-arg]
                      ) -> list[dict[str, str]]:
    """`interlink screen --scope federation`: every query asked of every peer as `agency` for
    `purpose`; rows for HITS.csv (`watchlist_id` is `node:record`)."""
    from interlink.access import federation
    from interlink.core.codes import Purpose
    from interlink.core.messages import invalid
    from interlink.core.viewer import Viewer

    if not agency or not purpose:
        raise invalid("cli.federation_scope", "agency")
    viewer = Viewer(common.settings.ACTOR, agency, Purpose.parse(purpose))
    alerts = federation.screen(common.store(), viewer, queries)
    return [{"query_id": a["query_id"], "watchlist_id": f"{a['node']}:{a['id']}",
             "score": f"{a['score']:.3f}", "explanation": f"owner {a['owner']}"
             + (" (hit only)" if a["hit_only"] else "")} for a in alerts]


def register(app: typer.Typer) -> None:
    app.add_typer(node_app, name="node")
    app.add_typer(peer_app, name="peer")
    app.command("search")(search)
