"""`interlink screen`: batch screening of a CSV of people or a PAXLST manifest against a watchlist.

    interlink screen --watchlist W --input Q --output HITS.csv [--threshold T] [--explain]
                     [--format csv|paxlst]

W is a CSV (`id,name[,birth_date,nationality,gender,id_number]`), an FtM JSON-lines file, an
Interpol notices JSON file, or the store: `store:all`, `store:AGENCY` (the records an agency
owns) or `store:SOURCE` (the records ingested from the file SOURCE).
HITS.csv always has the header `query_id,watchlist_id,score,explanation`, one row per
alert; the explanation column is filled with --explain and left empty otherwise (it can carry
personal data the recipient of a hit list may not need). All input is read and checked before
the output is written, and the output is written to a temporary file then renamed, so a bad row
never leaves a half-written hit list behind.
"""

from __future__ import annotations

from pathlib import Path

import typer

from interlink.cli import state
from interlink.core.csvfiles import write_csv
from interlink.core.messages import invalid
from interlink.screen.entry import Entry
from interlink.screen.loaders import iter_csv, load_watchlist
from interlink.screen.manifest import passenger_entry
from interlink.screen.screener import DEFAULT_THRESHOLD, Screener

HEADER = ["query_id", "watchlist_id", "score", "explanation"]
FORMATS = ("csv", "paxlst")


def load_queries(path: Path, fmt: str) -> list[Entry]:
    """The queries of an input file: CSV rows or the people of a PAXLST manifest."""
    if fmt == "paxlst":
        from interlink.ingest.paxlst import read_paxlst

        if not path.exists():
            # the path as the user typed it on the command line
            raise invalid("cli.file_not_found", "input", file=str(path))
        manifest = read_paxlst(path)
        return [passenger_entry(p) for p in manifest.passengers]
    return list(iter_csv(path))


def write_hits(path: Path, rows: list[dict[str, str]]) -> None:
    """Write HITS.csv atomically."""
    write_csv(path, HEADER, ([row.get(h, "") for h in HEADER] for row in rows))


def screen(
    watchlist: str = typer.Option(
        ..., "--watchlist", help="CSV, FtM JSON lines, Interpol notices JSON, or store:all, "
        "store:AGENCY, store:SOURCE."
    ),
    input: Path = typer.Option(  # noqa: A002 - the option is called --input
        ..., "--input", help="People to screen: CSV with id,name[,...] or a PAXLST manifest."
    ),
    output: Path = typer.Option(..., "--output", help="Where to write HITS.csv."),
    threshold: float = typer.Option(
        DEFAULT_THRESHOLD, "--threshold", min=0.0, max=1.0, help="Alert at or above this score."
    ),
    explain: bool = typer.Option(False, "--explain", help="Fill the explanation column."),
    fmt: str = typer.Option("csv", "--format", help="Input format: csv or paxlst."),
    scope: str = typer.Option("local", "--scope", help="local, or federation: ask every peer "
                              "node (needs --agency and --purpose; --watchlist is ignored)"),
    agency: str = typer.Option(None, "--agency", help="With --scope federation: screen as"),
    purpose: str = typer.Option(None, "--purpose", help="With --scope federation: why"),
) -> None:
    """Screen people against a watchlist and write one row per alert."""
    from interlink.cli.common import err, progress_bar

    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of csv, paxlst", param_hint="--format")
    queries = load_queries(input, fmt)
    if scope == "federation":  # docs/federation.md: hits as node:record, pseudonymised
        from interlink.cli.federation import screen_federation

        write_hits(output, screen_federation(queries, agency, purpose))
        err.print(f"screened {len(queries)} against the peer nodes -> {output}")
        return
    index = load_watchlist(watchlist, state.STORE_URL)
    if not len(index):
        raise invalid("cli.watchlist_empty", "watchlist", value=watchlist)
    screener = Screener(index, threshold=threshold)
    rows: list[dict[str, str]] = []
    with progress_bar() as bar:
        task = bar.add_task("screening", total=len(queries))
        for query in queries:
            rows.extend(alert.to_row(explain) for alert in screener.match(query))
            bar.advance(task)
    write_hits(output, rows)
    err.print(
        f"screened {len(queries)} against {len(index)} watchlist entries: "
        f"{len(rows)} alert(s) -> {output}"
    )


def register(app: typer.Typer) -> None:
    app.command("screen")(screen)
