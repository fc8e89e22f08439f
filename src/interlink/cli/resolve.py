"""`interlink resolve` and `interlink judge`: entity resolution from the command line.

    interlink resolve --input A.csv [--input B.csv ...] --output CLUSTERS.csv [--threshold T]
    interlink resolve --store [--threshold T]          # candidates for review in the store
    interlink judge A B same|different|unsure [--reason R] [--agency X]
    interlink judge --retract JUDGEMENT_ID
    interlink judgements [--record ID] [--all]

CLUSTERS.csv has `id,cluster_id` for every input row (singletons too); the cluster id is the
id of the cluster's first record. `--pairs PAIRS.csv` also writes the scored pairs at or above
the threshold with their explanations.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from interlink.cli import common
from interlink.core.csvfiles import write_csv
from interlink.core.messages import invalid

if TYPE_CHECKING:  # the engine (pandas, numpy, Splink's blocking) costs a second to import:
    # every `interlink` command would pay it at start-up, so it is imported when a
    # resolution actually runs
    from interlink.resolve.engine import Result


def _say(message: str) -> None:
    if common.err.is_terminal:
        common.err.print(f"[dim]{message}[/dim]")


def _check_threshold(threshold: float) -> None:
    if not 0.0 < threshold < 1.0:
        # the number as typed (Python's form, "1.5"), not the locale's
        raise invalid("cli.threshold", "threshold", value=str(threshold))


def resolve_command(
    inputs: list[Path] = typer.Option(None, "--input", "-i", help="CSV file (repeatable)"),
    output: Path = typer.Option(None, "--output", "-o", help="CLUSTERS.csv to write"),
    threshold: float | None = typer.Option(None, "--threshold", "-t",
                                    help="Match probability at or above which two records "
                                    "are joined (default: the engine's)"),
    from_store: bool = typer.Option(False, "--store", help="Resolve the store's records and "
                                    "write candidate matches for review"),
    link_only: bool = typer.Option(False, "--link-only", help="Only link records of "
                                   "different inputs (each input has no duplicates)"),
    pairs: Path = typer.Option(None, "--pairs", help="Also write scored pairs with their "
                               "explanations to this CSV"),
    agency: str = typer.Option(None, "--agency", help="Agency running a --store resolution "
                               "(for the audit log)"),
) -> None:
    """Find the records that describe the same entity, across files and scripts."""
    if threshold is None:
        from interlink.resolve.engine import DEFAULT_THRESHOLD

        threshold = DEFAULT_THRESHOLD
    _check_threshold(threshold)
    if from_store:
        if inputs or output:
            raise invalid("cli.store_no_inputs", "store")
        _resolve_store(threshold, agency)
        return
    if not inputs:
        raise invalid("cli.resolve_inputs", "input")
    if output is None:
        raise invalid("cli.resolve_output", "output")
    from interlink.resolve.csvinput import load_inputs, write_clusters
    from interlink.resolve.engine import resolve

    with common.progress_bar() as bar:
        task = bar.add_task("reading", total=None)
        frame, ids = load_inputs(inputs)

        def progress(message: str) -> None:
            bar.update(task, description=message)

        result = resolve(frame, threshold=threshold, link_only=link_only, progress=progress)
        progress("writing")
        write_clusters(output, ids, result.cluster_ids().tolist())
        if pairs is not None:
            _write_pairs(pairs, result)
    matched = len(result.matches())
    entities = len(set(result.clusters.tolist()))
    stages = ", ".join(f"{stage} {sec:.1f} s" for stage, sec in result.timings.items())
    common.err.print(f"{len(ids):,} records, {len(result.left):,} candidate pairs, "
                     f"{matched:,} matches, {entities:,} entities -> {output} ({stages})")


def _write_pairs(path: Path, result: Result) -> None:
    ids = result.frame.ids
    prob = result.probability
    write_csv(path, ["left_id", "right_id", "probability", "explanation"], (
        [ids[result.left[k]], ids[result.right[k]], f"{prob[k]:.6f}",
         json.dumps(result.explain(k), ensure_ascii=False)]
        for k in result.matches().tolist()))


def _resolve_store(threshold: float, agency: str | None) -> None:
    from interlink.resolve.run import resolve_store

    store = common.store()
    code = store.require_agency(agency).code if agency else None
    with common.progress_bar() as bar:
        task = bar.add_task("reading the store", total=None)
        found = resolve_store(store, common.actor(code), threshold,
                              progress=lambda m: bar.update(task, description=m))
    accepted = sum(1 for c in found if c.accepted)
    common.err.print(f"{len(found):,} candidate matches stored for review "
                     f"({accepted:,} at or above {threshold})")


def judge_command(
    left: str = typer.Argument(None, help="Record id"),
    right: str = typer.Argument(None, help="Record id"),
    verdict: str = typer.Argument(None, help="same | different | unsure"),
    reason: str = typer.Option("", "--reason", help="Why (kept with the judgement)"),
    agency: str = typer.Option(None, "--agency", help="Judge as an analyst of this agency "
                               "(through the policy gate); default: the local operator"),
    user: str = typer.Option(None, "--user", help="User name (default INTERLINK_ACTOR)"),
    purpose: str = typer.Option(None, "--purpose",
                                help="Declared purpose (required with --agency)"),
    retract_id: str = typer.Option(None, "--retract", help="Retract this judgement instead"),
) -> None:
    """Record that two records are the same entity, different ones, or unsure (audited)."""
    from interlink.core.viewer import Viewer
    from interlink.resolve.judgements import judge, retract
    from interlink.store import Actor

    store = common.store()
    name = user or common.actor().user
    who: Viewer | Actor
    if agency:
        if not purpose:
            raise invalid("cli.judge_purpose", "purpose")
        who = Viewer(name, store.require_agency(agency).code, purpose)
    else:
        who = Actor(user=name, agency=None)
    if retract_id:
        if left or right or verdict:
            raise invalid("cli.retract_args", "retract")
        done = retract(store, retract_id, who, reason)
        common.out.print(f"retracted {done.id} ({done.verdict}: {done.left_id} / "
                         f"{done.right_id})")
        return
    if not (left and right and verdict):
        raise invalid("cli.judge_usage")
    made = judge(store, left, right, verdict, who, reason)
    common.out.print(f"{made.id}: {made.left_id} {made.verdict} {made.right_id}")


def judgements_command(
    record: str = typer.Option(None, "--record", help="Only judgements on this record"),
    include_retracted: bool = typer.Option(False, "--all", help="Include retracted ones"),
) -> None:
    """List judgements, newest first, as JSON lines."""
    from interlink.resolve.judgements import list_judgements

    for j in list_judgements(common.store(), record_id=record,
                             include_retracted=include_retracted):
        typer.echo(json.dumps(j.to_dict(), ensure_ascii=False))


def register(app: typer.Typer) -> None:
    app.command("resolve")(resolve_command)
    app.command("judge")(judge_command)
    app.command("judgements")(judgements_command)
