"""Screening: a typed name, or an uploaded CSV list or PAXLST passenger manifest, against a
watchlist of what the viewer sees in full (`access.screening`, the API's path). The alerts are
kept for the agency, shown with their explanations, and confirmed or dismissed (audited)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from interlink.access.screening import screen_entries
from interlink.cooperation.notices import Notice, list_notices
from interlink.core.limits import file_name
from interlink.core.messages import invalid
from interlink.ingest.paxlst import parse_paxlst
from interlink.screen.decisions import KeptAlert, decide, keep, list_alerts
from interlink.screen.entry import Entry
from interlink.screen.loaders import iter_csv
from interlink.screen.manifest import passenger_entry
from interlink.store import SQLStore
from interlink.web.common import REFUSALS, back, get_store, posted, refusal_status, signed_in
from interlink.web.listing import Listing, Paged
from interlink.web.render import page
from interlink.web.session import WebSession

router = APIRouter()
MAX_UPLOAD = 5 * 1024 * 1024
MAX_QUERIES = 1000


#: alerts read for the lists of the page, which are then sorted, filtered and paged in memory
MAX_LISTED = 5000
#: the sorts of an alert list, and its types: from a notice, or from a screening
ALERT_SORTS = {"when": lambda a: a.created_at, "score": lambda a: a.score,
               "name": lambda a: a.query_name or a.query_ref}


def _alert_type(alert: KeptAlert) -> str:
    return "notice" if alert.list_name.startswith("notice:") else "screening"


def _arrange(request: Request, alerts: list[KeptAlert], prefix: str) -> Paged[KeptAlert]:
    listing = Listing.of(request, tuple(ALERT_SORTS), "when", prefix=prefix)
    return listing.arrange(alerts, ALERT_SORTS, type=_alert_type, when=lambda a: a.created_at)


def _page(request: Request, session: WebSession, store: SQLStore, **extra) -> Response:  # type: ignore[no-untyped-def]
    """The page with its two lists of alerts (new, decided), each sorted, filtered and paged
    by its own address parameters; an alert a notice raised names the notice (issuer, type,
    reason, link), told apart from an ordinary screening alert."""
    status_code = extra.pop("status_code", 200)
    agency = session.user.agency
    every = list_alerts(store, agency, None, MAX_LISTED)
    pending = _arrange(request, [a for a in every if a.status == "new"], "new_")
    decided = _arrange(request, [a for a in every if a.status != "new"], "done_")
    return page(request, "screen.html", session, status_code=status_code, pending=pending,
                decided=decided, notices=_notices_of(store, agency, every),
                **{"error": "", "shown": None, "typed": {}, **extra})


def _notices_of(store: SQLStore, agency: str, alerts: list[KeptAlert]) -> dict[str, Notice]:
    """The notices behind notice alerts, by alert list name (`notice:ID`)."""
    if not any(_alert_type(a) == "notice" for a in alerts):
        return {}
    return {f"notice:{n.id}": n for n in list_notices(store, agency, None)}


@router.get("/screen")
def screen_page(request: Request, session: WebSession = Depends(signed_in),
                store: SQLStore = Depends(get_store)) -> Response:
    shown = None
    ids = request.query_params.get("alerts")
    if ids is not None:
        wanted = [int(x) for x in ids.split(",") if x.isdigit()][:MAX_QUERIES]
        shown = list_alerts(store, session.user.agency, None, MAX_QUERIES, ids=wanted)
    return _page(request, session, store,
                 shown=_arrange(request, shown, "last_") if shown is not None else None,
                 screened=request.query_params.get("screened", ""))


def _queries(name: str, birth_date: str, upload: UploadFile | None, data: bytes) -> list[Entry]:
    if upload is not None and data:
        if len(data) > MAX_UPLOAD:
            raise invalid("form.too_large", "file", size=5)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise invalid("form.not_utf8", "file", offset=exc.start) from exc
        if text.lstrip().startswith(("UNA", "UNB")):
            manifest = parse_paxlst(text)
            return [passenger_entry(p) for p in manifest.passengers if p.name or p.surname]
        with tempfile.TemporaryDirectory(prefix="interlink-screen-") as tmp:
            path = Path(tmp) / file_name(upload.filename or "list.csv")
            path.write_text(text, encoding="utf-8")
            return list(iter_csv(path))[:MAX_QUERIES + 1]
    if name.strip():
        return [Entry.create("typed", name.strip()[:500], birth_date.strip() or None)]
    raise invalid("form.name_or_file", "name")


@router.post("/screen")
async def screen(request: Request, session: WebSession = Depends(posted),
                 store: SQLStore = Depends(get_store)) -> Response:
    form = await request.form()
    upload = form.get("file")
    upload = upload if isinstance(upload, UploadFile) and upload.filename else None
    data = await upload.read(MAX_UPLOAD + 1) if upload is not None else b""
    try:
        queries = _queries(str(form.get("name", "")), str(form.get("birth_date", "")), upload,
                           data)
        if len(queries) > MAX_QUERIES:
            raise invalid("form.too_many_names", "file", n=MAX_QUERIES)
        viewer = session.viewer()
        done = screen_entries(store, viewer, queries)
    except REFUSALS as exc:  # the form again, as typed, the error beside its field
        return _page(request, session, store, error=exc, status_code=refusal_status(exc),
                     typed={k: str(form.get(k, ""))[:500] for k in ("name", "birth_date")})
    ids = keep(store, session.actor, done.alerts, viewer.purpose.value if viewer.purpose else "")
    return back("/screen", screened=str(len(queries)), alerts=",".join(map(str, ids)))


@router.post("/screen/alerts/{alert_id}")
async def decide_alert(request: Request, alert_id: int, session: WebSession = Depends(posted),
                       store: SQLStore = Depends(get_store)) -> Response:
    form = await request.form()
    try:
        decide(store, session.actor, alert_id, str(form.get("decision", "")),
               str(form.get("reason", ""))[:4000])
    except REFUSALS as exc:
        return _page(request, session, store, error=exc, status_code=refusal_status(exc))
    return back("/screen", decided=str(alert_id))
