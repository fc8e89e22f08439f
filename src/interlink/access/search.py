"""Search as a viewer: the one path the API, the web interface and the command line share, so
the gate and the audit can never be skipped by one of them.

A search is a key look-up (names in any script, birth dates, document numbers), then the gate
decides each candidate: full results, hit-only results (owner and reference, no content), or
nothing. Every search is audited with its declared purpose, the query and the ids returned.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from interlink.access.audit import disclosure
from interlink.access.settled import Judged, judge, settle
from interlink.audit.chain import Pending
from interlink.cooperation.deconfliction import check_interest
from interlink.core.messages import invalid
from interlink.core.viewer import Viewer
from interlink.names.compare import align_score
from interlink.names.parse import parse_name
from interlink.names.parts import Part
from interlink.policy import Visibility
from interlink.search.keys import query_keys
from interlink.store import SQLStore
from interlink.store.sql import Candidate

MIN_SCORE = 0.6
# Candidates compared per search, best key overlap first: enough to fill a page with good
# matches; comparing every record that shares one name key costs seconds on common names.
CANDIDATES = 200


@dataclass
class SearchResult:
    query: str
    purpose: str
    results: list[dict[str, Any]] = field(default_factory=list)  # seen in full
    hits: list[dict[str, Any]] = field(default_factory=list)  # hit only
    #: the full ones, by id: their envelopes (and `record()` where a surface wants one)
    records: dict[str, Candidate] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "purpose": self.purpose, "results": self.results,
                "hits": self.hits}


@lru_cache(maxsize=32_768)
def _parsed(name: str, kind: str) -> tuple[Part, ...]:
    """A candidate's name parsed, kept across searches: the same names come back in search
    after search (a common name is in hundreds of records), and parsing was half of scoring
    a search's 200 candidates (py-spy, benchmarks/RESULTS.md issue 17). The parts are frozen,
    so searches may share them."""
    return parse_name(name, kind)


class Scorer:
    """The best score of a query against a record's names: `names.compare`'s score, without
    building the explanation a search does not show, the query parsed once per kind, and each
    distinct name scored once per search (candidates share names: a common one is met in
    dozens of records)."""

    def __init__(self, query: str) -> None:
        self.query = query
        self._parsed: dict[str, tuple[Part, ...]] = {}
        self._memo: dict[tuple[str, str], float] = {}

    def __call__(self, names: list[str], kind: str) -> float:
        left = self._parsed.get(kind)
        if left is None:
            left = self._parsed[kind] = parse_name(self.query, kind)
        best = 0.0
        for name in names:
            score = self._memo.get((name, kind))
            if score is None:
                score = self._memo[(name, kind)] = align_score(left, _parsed(name, kind))[0]
            best = max(best, score)
        return best


def refuse(store: SQLStore, viewer: Viewer, reason: str, details: dict[str, Any]) -> None:
    """Record a refused attempt (the Law Enforcement Directive wants those logged too)."""
    store.audit("refusal", viewer.user, agency=viewer.agency, reason=reason, details=details)


#: what a surface may do to the results and hits before they are disclosed: sort, filter and
#: keep one page of each (the audit entry then names only what is shown)
Arrange = Callable[[list[dict[str, Any]], list[dict[str, Any]]],
                   tuple[list[dict[str, Any]], list[dict[str, Any]]]]


def search(store: SQLStore, viewer: Viewer, query: str, limit: int = 50,
           arrange: Arrange | None = None) -> SearchResult:
    """The best `limit` results and hits for the viewer; with `arrange`, those are narrowed
    (a page of a sorted, filtered list) before they are disclosed and audited."""
    return searched(store, viewer, settle(searching(store, viewer, query, limit, arrange)))


def searching(store: SQLStore, viewer: Viewer, query: str, limit: int = 50,
              arrange: Arrange | None = None) -> Judged[SearchResult]:
    """A search's first half: the candidates, the gate's verdicts and the entry that audits
    what will be shown, not yet committed (access/settled.py); `searched` completes it."""
    if viewer.purpose is None:
        refuse(store, viewer, "search without a declared purpose", {"query": query})
        raise invalid("access.purpose_search", "purpose")
    keys = query_keys(query)
    # key look-up and candidates in one statement; a candidate's content is parsed only once
    # the gate lets it through (`Candidate.record`)
    candidates = store.find_candidates(keys, limit=max(4 * limit, CANDIDATES))
    by_name = any(k.startswith("n:") for k in keys)
    scores: dict[str, float] = {}  # a candidate's score, computed once whatever the attempts
    scorer = Scorer(query)

    def score(candidate: Candidate) -> float:
        if not by_name:
            return 1.0
        if candidate.id not in scores:
            kind = "person" if candidate.schema == "Person" else "company"
            scores[candidate.id] = scorer(candidate.names(), kind)
        return scores[candidate.id]

    def answer(verdicts: list[Visibility]) -> tuple[SearchResult, Pending]:
        full: list[tuple[float, Candidate]] = []
        hit: list[tuple[float, Candidate]] = []
        for candidate, seen in zip(candidates, verdicts, strict=True):
            if seen is Visibility.NONE:
                continue
            s = score(candidate)
            if s >= MIN_SCORE:
                (full if seen is Visibility.FULL else hit).append((s, candidate))
        # best first; ties by id, so that the same search gives the same page every time
        full.sort(key=lambda sc: (-sc[0], sc[1].id))
        hit.sort(key=lambda sc: (-sc[0], sc[1].id))
        out = SearchResult(query, viewer.purpose.value if viewer.purpose else "")
        for s, candidate in full[:limit]:  # the stored JSON, no FtM entity built
            out.results.append({"id": candidate.id, "schema": candidate.schema,
                                "caption": candidate.caption,
                                "owner": candidate.envelope.owner, "score": round(s, 3),
                                "properties": candidate.properties(),
                                "envelope": candidate.envelope.to_dict()})
            out.records[candidate.id] = candidate
        out.hits = [{"id": c.id, "owner": c.envelope.owner, "reference": c.id,
                     "hit_only": True, "score": round(s, 3)} for s, c in hit[:limit]]
        if arrange is not None:
            out.results, out.hits = arrange(out.results, out.hits)
        kept = {r["id"] for r in out.results}
        out.records = {k: v for k, v in out.records.items() if k in kept}
        return out, disclosure(viewer, "search", [r["id"] for r in out.results + out.hits],
                               action="search", query=query, full=len(out.results),
                               hits=len(out.hits))

    return judge(store, viewer, candidates, answer)


def searched(store: SQLStore, viewer: Viewer, out: SearchResult) -> SearchResult:
    """A settled search's last step, once its entry is committed: deconfliction."""
    # another agency targeting one of these people in an operation: both are told whom to call
    check_interest(store, viewer.agency, viewer.user,
                   [r["id"] for r in out.results] + [r["id"] for r in out.hits], "search")
    return out
