"""The agency's inbox (`cooperation.inbox`): what waits for it, as the home page shows it.

Each item comes with its stable message `code` and `params` (for a client that renders messages
itself), the `message` in the client's language (Accept-Language: ar, en, es, fr) and the web
`link` where it is dealt with.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request

from interlink.api.deps import Session, current_session, get_store
from interlink.cooperation.inbox import DUE_DAYS, inbox
from interlink.core.messages import negotiate, render
from interlink.store import SQLStore

router = APIRouter(tags=["inbox"])


@router.get("/inbox")
def show(request: Request, due_days: int = Query(DUE_DAYS, ge=0, le=366),
         session: Session = Depends(current_session),
         store: SQLStore = Depends(get_store)) -> dict[str, Any]:
    lang = negotiate(request.headers.get("accept-language"))
    box = inbox(store, session.user.agency, due_days=due_days)
    return {"agency": box.agency, "at": box.now.isoformat(), "count": box.count,
            "new_alerts": box.new_alerts, "language": lang,
            "items": [{**i.to_dict(), "message": render(i.code, i.params, lang)}
                      for i in box.items]}
