"""`interlink ingest`, `interlink export` and `interlink stats`: data in and out of the store."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from interlink.cli import common
from interlink.core.envelope import Envelope
from interlink.ingest.pipeline import ingest as run_ingest


def ingest(
    files: list[Path] = typer.Argument(..., help="CSV/XLSX (with --mapping), FtM JSON lines, "
                                       "Interpol notice JSON, a STIX 2.1 bundle, or an "
                                       "Interlink records CSV"),
    agency: str = typer.Option(..., "--agency", help="Owner agency code (must exist)"),
    handling: str = typer.Option("H0", "--handling", help="Europol handling code H0..H3"),
    conditions: str = typer.Option("", "--conditions", help="Free-text conditions (H3)"),
    tlp: str = typer.Option("AMBER", "--tlp", help="CLEAR, GREEN, AMBER, AMBER+STRICT, RED"),
    source_grade: str = typer.Option("X", "--source-grade", help="Source reliability A/B/C/X"),
    info_grade: str = typer.Option("4", "--info-grade", help="Information reliability 1-4"),
    purpose: list[str] = typer.Option(
        ["other"], "--purpose", help="Purpose code, repeatable (drug_trafficking, ...)"
    ),
    review_by: str = typer.Option(None, "--review-by", help="Review date (default: +3 years)"),
    source_ref: str = typer.Option(None, "--source-ref", help="Source reference (default: "
                                   "the file name)"),
    mapping: Path = typer.Option(None, "--mapping", help="FtM mapping YAML for CSV/XLSX"),
    strict: bool = typer.Option(False, "--strict", help="Refuse the whole batch on any bad row"),
    quarantine: Path = typer.Option(None, "--quarantine", help="Where bad rows go (default: "
                                    "FILE.quarantine.csv beside the input)"),
    fmt: str = typer.Option(None, "--format", help="Force a reader: ftm, records-csv, tabular, "
                            "notices, paxlst, stix"),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON"),
    encoding: str = typer.Option(None, "--encoding", help="CSV encoding: utf-8, utf-16, "
                                 "windows-1252, iso-8859-1 ... (default: detected)"),
    delimiter: str = typer.Option(None, "--delimiter", help="CSV separator: comma, semicolon, "
                                  "tab, pipe (default: detected)"),
) -> None:
    """Ingest files for an agency, under that agency's terms. Lines that carry their own
    envelope (Interlink exports) keep it; others get the terms given here."""
    envelope = Envelope(
        owner=agency, handling=handling, conditions=conditions, tlp=tlp,
        source_grade=source_grade, info_grade=info_grade, purposes=frozenset(purpose),
        review_by=review_by,
    )
    store = common.store()
    with common.progress_bar() as bar:
        read_task = bar.add_task("reading", total=None)
        write_task = bar.add_task("writing", total=None, visible=False)

        def progress(phase: str, done: int, total: int | None) -> None:
            if phase == "read":
                bar.update(read_task, completed=done)
            else:
                bar.update(write_task, completed=done, total=total, visible=True)

        report = run_ingest(
            store, files, envelope, common.actor(envelope.owner), mapping=mapping,
            strict=strict, quarantine=quarantine, source_ref=source_ref, fmt=fmt,
            progress=progress, encoding=encoding, delimiter=delimiter,
        )
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2))
    else:
        r = report.result
        common.out.print(
            f"{report.items} row(s) read: {r.created} record(s) created, "
            f"{r.updated} updated, {r.unchanged} unchanged, "
            f"{len(report.errors)} quarantined"
        )
        if report.renamed:
            old, new = next(iter(report.renamed.items()))
            common.out.print(f"{len(report.renamed)} id(s) already used in this store got ids "
                             f"of your agency's own (e.g. {old} -> {new})", markup=False)
    if report.errors:
        for error in report.errors[:5]:
            common.err.print(f"refused {error}", markup=False)
        more = len(report.errors) - 5
        if more > 0:
            common.err.print(f"... and {more} more", markup=False)
        common.err.print(f"bad rows written to {report.quarantine}", markup=False)


def export(
    fmt: str = typer.Option("ftm", "--format", help="ftm (JSON lines), csv, or stix (a STIX "
                            "2.1 bundle for MISP and OpenCTI)"),
    output: Path = typer.Option(..., "--output", "--out", help="File to write"),
    agency: str = typer.Option(None, "--agency", help="Only records owned by this agency"),
    schema: str = typer.Option(None, "--schema", help="Only records of this schema"),
) -> None:
    """Export current records with their envelopes; `ingest` reads the file back."""
    # (here, not at the top: `ingest`, in this module too, needs neither)
    from interlink.access import operator
    from interlink.export import export_records

    store = common.store()
    if agency:
        agency = store.require_agency(agency).code
    total = store.count(schema=schema, owner=agency)
    with common.progress_bar() as bar:
        task = bar.add_task("exporting", total=total)
        count = export_records(
            operator.export(store, common.actor(), schema=schema, owner=agency), fmt, output,
            progress=lambda n: bar.update(task, completed=n),
        )
    common.out.print(f"exported {count} record(s) to {output}")


def stats(as_json: bool = typer.Option(False, "--json", help="Machine-readable output")) -> None:
    """Counts of current records per agency and schema."""
    counts = common.store().stats()
    if as_json:
        typer.echo(json.dumps(counts, indent=2, sort_keys=True))
        return
    if not counts:
        common.out.print("the store holds no records")
        return
    from rich.table import Table

    table = Table("agency", "schema", "records")
    for owner, schemata in counts.items():
        for schema, n in schemata.items():
            table.add_row(owner, schema, f"{n:,}")
    table.add_section()
    table.add_row("total", "", f"{sum(sum(s.values()) for s in counts.values()):,}")
    common.out.print(table)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("export")(export)
    app.command("stats")(stats)


