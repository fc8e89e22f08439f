"""Resolution review: candidate pairs side by side with the resolver's explanation; the analyst
says same, different or unsure (`resolve.review` and `resolve.judgements`, audited there).
Only pairs whose two records the viewer sees in full are offered."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from interlink.core.messages import invalid
from interlink.store import SQLStore
from interlink.web.common import REFUSALS, back, get_store, posted, signed_in
from interlink.web.render import page
from interlink.web.session import WebSession

router = APIRouter()
PAGE = 10
VERDICTS = ("same", "different", "unsure")


@router.get("/review")
def review_page(request: Request, offset: int = Query(0, ge=0, le=10**6),
                session: WebSession = Depends(signed_in),
                store: SQLStore = Depends(get_store)) -> Response:
    from interlink.resolve.review import candidates

    pairs = candidates(store, session.viewer(), limit=PAGE, offset=offset)
    return page(request, "review.html", session, pairs=pairs, offset=offset, page_size=PAGE,
                error=request.query_params.get("error", ""))


@router.post("/review")
async def judge_pair(request: Request, session: WebSession = Depends(posted),
                     store: SQLStore = Depends(get_store)) -> Response:
    from interlink.resolve.judgements import judge

    form = await request.form()
    verdict = str(form.get("verdict", ""))
    offset = str(form.get("offset", "0"))
    try:
        if verdict not in VERDICTS:
            raise invalid("form.verdict", "verdict")
        judge(store, str(form.get("left_id", ""))[:255], str(form.get("right_id", ""))[:255],
              verdict, session.viewer(), str(form.get("reason", ""))[:4000])
    except REFUSALS as exc:
        return back("/review", offset=offset, error=str(exc))
    return back("/review", offset=offset, judged=verdict)
