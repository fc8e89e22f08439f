"""Online and batch screening: a query against a watchlist, returning explained alerts.

`Screener(watchlist).match(query)` is the library call the HTTP API exposes; `match_many`
streams a batch (a CSV of travellers, a manifest). Only entries of a compatible kind are
compared (a person query never alerts on a vessel), and every alert carries an explanation that
lists the name parts that met, how, and each other fact that moved the score.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from interlink.names.compare import Alignment, align_score, explain
from interlink.names.parse import parse_name
from interlink.screen.entry import Entry
from interlink.screen.index import TOP_K, Watchlist
from interlink.screen.scoring import MAX_BOOST, combine

#: The default alert threshold, chosen on benchmarks/screening.py (see RESULTS-screening.md):
#: the highest value keeping recall at or above 0.95 on every kind of spelling difference.
DEFAULT_THRESHOLD = 0.8

#: Which watchlist kinds a query kind may alert on.
COMPATIBLE = {
    "person": {"person"},
    "company": {"company"},
    "vessel": {"vessel"},
}


@dataclass(frozen=True)
class Alert:
    """A query that matched a watchlist entry: ids, score and why."""

    query_id: str
    watchlist_id: str
    score: float
    explanation: str
    query_name: str = ""
    watchlist_name: str = ""
    list_name: str = ""

    def to_row(self, explain: bool = True) -> dict[str, str]:
        """The HITS.csv row (`query_id,watchlist_id,score,explanation`)."""
        return {
            "query_id": self.query_id,
            "watchlist_id": self.watchlist_id,
            "score": f"{self.score:.3f}",
            "explanation": self.explanation if explain else "",
        }


class Screener:
    """Screens queries against one watchlist at one threshold."""

    def __init__(
        self, watchlist: Watchlist, threshold: float = DEFAULT_THRESHOLD, top_k: int = TOP_K
    ) -> None:
        if not 0.0 <= threshold <= 1.0:
            raise ValueError("threshold must be between 0 and 1")
        self.watchlist = watchlist
        self.threshold = threshold
        self.top_k = top_k

    def match(self, query: Entry | str) -> list[Alert]:
        """Alerts for one query (best first); a bare string is a person's name."""
        if isinstance(query, str):
            query = Entry(id="", names=[query])
        wl = self.watchlist
        kinds = COMPATIBLE.get(query.kind, {query.kind})
        q_names = [parse_name(n, query.kind) for n in query.names]
        q_names = [p for p in q_names if p]
        alerts: list[Alert] = []
        weight = wl.weight
        # namesakes kept past the cut-off (`Watchlist.candidates`) are scored once per name
        # written the same way: the name score depends on nothing but the two names
        aligned: dict[tuple[int, str], Alignment] = {}
        commons: dict[tuple[int, str], float] = {}
        explained: dict[tuple[int, str], str] = {}
        candidates = wl.candidates(q_names, query.id_numbers, self.top_k, query.birth_dates)
        # whether an entry's schema is of a kind the query may alert on, once per schema
        allowed: dict[str, bool] = {}
        for idx in candidates:
            entry = wl.entries[idx]
            ok = allowed.get(entry.schema)
            if ok is None:
                ok = allowed[entry.schema] = entry.kind in kinds
            if not ok:
                continue
            best = None
            best_pair = (0, 0)
            for qi, q_parts in enumerate(q_names):
                for ei, e_parts in enumerate(wl.parsed[idx]):
                    key = (qi, entry.names[ei])
                    result = aligned.get(key)
                    if result is None:
                        result = aligned[key] = align_score(q_parts, e_parts, weight)
                    if best is None or result[0] > best[0]:
                        best, best_pair = result, (qi, ei)
            if best is None:
                continue
            # frequency-aware: a match of parts common on this list is weaker evidence
            name_score = best[0]
            common = 0.0
            if name_score + MAX_BOOST >= self.threshold or query.id_numbers:
                key = (best_pair[0], entry.names[best_pair[1]])
                cached = commons.get(key)
                if cached is None:
                    cached = commons[key] = wl.commonness(
                        best[1], wl.parsed[idx][best_pair[1]], q_names[best_pair[0]]
                    )
                common = cached
                if common:
                    name_score = round(max(0.0, name_score - common), 4)
                    best = (name_score, *best[1:])
            has_id = bool(query.id_numbers) and any(
                n in entry.id_numbers for n in query.id_numbers
            )
            if not has_id and name_score + MAX_BOOST < self.threshold:
                continue
            evidence = combine(name_score, query, entry)
            if evidence.score < self.threshold:
                continue
            qi, ei = best_pair
            q_text, e_text = query.names[qi], entry.names[ei]
            text = explained.get((qi, e_text))
            if text is None:  # namesakes spelt alike: one explanation of their names
                match = explain(q_names[qi], wl.parsed[idx][ei], best, q_text, e_text)
                text = explained[(qi, e_text)] = match.explanation
            if round(common, 2):
                # said, not hidden: the reader sees why the score is below the parts' own
                text += f"; common on this list: name score lowered by {common:.2f}"
            if evidence.notes:
                text += "; " + "; ".join(evidence.notes)
            alerts.append(
                Alert(
                    query_id=query.id,
                    watchlist_id=entry.id,
                    score=evidence.score,
                    explanation=f"{q_text} ~ {e_text}: {text}",
                    query_name=q_text,
                    watchlist_name=e_text,
                    list_name=entry.list_name or wl.name,
                )
            )
        alerts.sort(key=lambda a: (-a.score, a.watchlist_id))
        return alerts

    def match_many(self, queries: Iterable[Entry]) -> Iterator[Alert]:
        """Alerts for a batch of queries, in input order."""
        for query in queries:
            yield from self.match(query)
