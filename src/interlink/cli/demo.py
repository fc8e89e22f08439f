"""`interlink demo`: generate the synthetic multi-agency case into the store or a file."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from interlink.cli import common


def demo(
    scale: int = typer.Option(1, "--scale", min=1, help="Grow the case N-fold (benchmarks)"),
    seed: int = typer.Option(42, "--seed", help="Random seed; same seed, same case"),
    truth: Path = typer.Option(None, "--truth", help="Write the ground truth to this directory"),
    output: Path = typer.Option(
        None, "--output", help="Write one FtM JSON-lines file per agency (with envelopes) into "
        "this directory instead of loading the store",
    ),
    users: bool = typer.Option(
        False, "--users", help="Also create an analyst and a supervisor login per agency "
        "(demo passwords, printed)",
    ),
    sharing: bool = typer.Option(
        False, "--sharing", help="Also let MA-DGSN, FR-OFAST and ES-DAVA share their records "
        "as a joint investigation team (a sharing group, for drug trafficking)",
    ),
    activity: bool = typer.Option(
        False, "--activity", help="Also put a day's cooperation in the store: a red notice and "
        "its alerts, requests for information, judicial requests waiting (one overdue), an "
        "invitation to a joint operation (needs --users)",
    ),
) -> None:
    """Generate a deterministic cross-border trafficking case held by several agencies."""
    from interlink.demo import build_case
    from interlink.export import export_by_owner

    case = build_case(scale=scale, seed=seed)
    if output is not None:
        output.mkdir(parents=True, exist_ok=True)
        with common.progress_bar() as bar:
            task = bar.add_task("generating", total=None)
            counts = export_by_owner(
                case.iter_records(), "ftm", output, lambda n: bar.update(task, completed=n)
            )
        (output / "agencies.json").write_text(
            json.dumps([a.to_dict() for a in case.agencies], ensure_ascii=False, indent=2),
            encoding="utf-8",
        )
        common.out.print(
            f"wrote {sum(counts.values())} records to {output}: one FtM file per agency "
            f"(ingest each with --agency CODE) and agencies.json"
        )
    else:
        store = common.store()
        actor = common.actor()
        known = {a.code for a in store.list_agencies()}
        for agency in case.agencies:
            if agency.code not in known:
                store.add_agency(agency, actor)
        with common.progress_bar() as bar:
            task = bar.add_task("loading demo case", total=None)

            def counted():  # type: ignore[no-untyped-def]
                for n, record in enumerate(case.iter_records(), start=1):
                    if n % 1000 == 0:
                        bar.update(task, completed=n)
                    yield record

            result = store.write(counted(), actor, reason=f"demo case scale={scale} seed={seed}")
        common.out.print(
            f"demo case loaded: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged, {len(case.agencies)} agencies"
        )
        if users:
            from interlink.demo.users import add_demo_users

            common.out.print("demo logins (agency, role, login, password):")
            for code, role, login, password in add_demo_users(store, list(case.agencies),
                                                              actor):
                common.out.print(f"  {code:<11} {role:<10} {login:<28} {password}",
                                 highlight=False)
        if sharing:
            from interlink.demo.sharing import GROUP, MEMBERS, add_demo_sharing

            add_demo_sharing(store, actor)
            common.out.print(f"sharing group {GROUP}: {', '.join(MEMBERS)} share their "
                             "records for drug trafficking")
        if activity:
            from interlink.demo.activity import add_demo_activity

            done = add_demo_activity(store, case)
            common.out.print(
                f"demo activity: {len(done.notices)} notice, {len(done.info_requests)} requests "
                f"for information, {len(done.legal_requests)} judicial requests, "
                f"{len(done.operations)} operation" if done.count() else
                "demo activity: already in the store")
    if truth is not None:
        truth.mkdir(parents=True, exist_ok=True)
        case.write_truth(truth)
        common.out.print(f"ground truth written to {truth}")


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
