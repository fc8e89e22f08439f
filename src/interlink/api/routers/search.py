"""GET /search: one box, any script; full results and, distinctly, hit-only results.

A hit tells the searcher only that a record exists, which agency holds it and its reference,
so that they can ask the owner (POST /requests). Every search is audited with its declared
purpose, the query and the ids returned.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Response

from interlink.access.search import SearchResult, searched, searching
from interlink.api.deps import (
    Session,
    Steps,
    get_store,
    json_answer,
    read_session,
    settle_steps,
    token_cache,
)
from interlink.identity.accounts import TokenCache
from interlink.store import SQLStore

router = APIRouter(tags=["search"])


@router.get("/search", response_model=dict[str, Any])
def search(
    q: str = Query(..., min_length=2, max_length=200, description="Name, date or document"),
    purpose: str = Query("", description="Declared purpose of the search (required)"),
    limit: int = Query(50, ge=1, le=500),
    session: Session = Depends(read_session),
    store: SQLStore = Depends(get_store),
    tokens: TokenCache = Depends(token_cache),
) -> Response:
    """Results and hits, audited; answered only once the token is confirmed still valid
    after that audit entry (a token from the process's cache, see `read_session`)."""
    return answer_search(store, session, tokens, q, purpose, limit)


def answer_search(store: SQLStore, session: Session, tokens: TokenCache, q: str, purpose: str,
                  limit: int) -> Response:
    """The route's answer: `search_steps` run in the request's thread."""
    return settle_steps(store, session, tokens, search_steps(store, session, q, purpose, limit))


def search_steps(store: SQLStore, session: Session, q: str, purpose: str, limit: int
                 ) -> Steps[SearchResult]:
    """A search in the steps `api.fast` runs past FastAPI and the route runs in one thread;
    its last step (deconfliction) queries the store."""
    return Steps(lambda: searching(store, session.viewer(purpose), q, limit),
                 lambda out: json_answer(searched(store, session.viewer(purpose), out)
                                         .to_dict()),
                 blocks=True)
