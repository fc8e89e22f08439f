"""Combining a name score with the other facts: document numbers, birth date, nationality, gender.

The name decides whether two records *could* be one person; the other facts confirm or refute.
The adjustments are deliberately asymmetric:

- a shared document number (passport, identity card, IMO number) is strong evidence: it lifts
  even a weak name match close to certain, because a forged or re-spelt name on a genuine
  document is exactly what screening must catch;
- a different birth year weakens a match a lot (two Mohamed Benalis born ten years apart are
  two people), a one-year difference less (birth years are often estimated), and a matching
  date helps only a little (many people share a birthday);
- a different gender weakens; nationalities help or weaken a little (dual nationality and
  naturalisation are common among the people screened).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from interlink.screen.entry import Entry

ID_MATCH_KEEP = 0.3  # a shared document leaves 30 % of the remaining doubt
IMO_MATCH_KEEP = 0.1  # an IMO number is unique to one hull for its whole life
DOB_FULL = 0.05
DOB_MONTH = 0.03
DOB_YEAR = 0.02
DOB_ONE_YEAR = -0.08
DOB_OTHER_YEAR = -0.25
DOB_SAME_YEAR_OTHER_DAY = -0.05
NAT_OVERLAP = 0.02
NAT_DISJOINT = -0.05
GENDER_DIFFERS = -0.2

#: The most any fact but a document number can add: below threshold minus this, a name match
#: cannot become an alert, so the screener skips the rest (a hot-path shortcut).
MAX_BOOST = DOB_FULL + NAT_OVERLAP


@dataclass
class Evidence:
    """The final score and one note per fact that moved it."""

    score: float
    notes: list[str] = field(default_factory=list)
    id_match: bool = False


def _dob_adjustment(query: list[str], entry: list[str]) -> tuple[float, str]:
    best: tuple[float, str] | None = None
    for a in query:
        for b in entry:
            adj, note = _compare_dates(a, b)
            if best is None or adj > best[0]:
                best = (adj, note)
    return best if best is not None else (0.0, "")


def _compare_dates(a: str, b: str) -> tuple[float, str]:
    ya, yb = int(a[:4]), int(b[:4])
    if ya != yb:
        if abs(ya - yb) == 1:
            return DOB_ONE_YEAR, f"birth year differs by one ({a} / {b})"
        return DOB_OTHER_YEAR, f"birth year differs ({a} / {b})"
    if len(a) == 10 and len(b) == 10:
        if a == b:
            return DOB_FULL, f"same birth date {a}"
        if a[5:7] == b[8:10] and a[8:10] == b[5:7]:
            return DOB_YEAR, f"birth date {a} / {b}: day and month swapped"
        if a[5:7] == b[5:7]:
            return DOB_MONTH, f"same birth month {a[:7]}, different day"
        return DOB_SAME_YEAR_OTHER_DAY, f"same birth year, different date ({a} / {b})"
    if len(a) >= 7 and len(b) >= 7:
        if a[:7] == b[:7]:
            return DOB_MONTH, f"same birth month {a[:7]}"
        return DOB_SAME_YEAR_OTHER_DAY, f"same birth year, different month ({a} / {b})"
    return DOB_YEAR, f"same birth year {a[:4]}"


def combine(name_score: float, query: Entry, entry: Entry) -> Evidence:
    """Adjust a name score with the other facts of a query and a watchlist entry."""
    score = name_score
    notes: list[str] = []
    shared = [n for n in query.id_numbers if n in entry.id_numbers]
    if shared:
        vessel = entry.schema == "Vessel"
        score = 1.0 - (1.0 - score) * (IMO_MATCH_KEEP if vessel else ID_MATCH_KEEP)
        label = "IMO number" if vessel else "document number"
        notes.append(f"same {label} {shared[0]}")
    if query.birth_dates and entry.birth_dates:
        adj, note = _dob_adjustment(query.birth_dates, entry.birth_dates)
        score += adj
        notes.append(note)
    if query.nationalities and entry.nationalities:
        common = sorted(set(query.nationalities) & set(entry.nationalities))
        if common:
            score += NAT_OVERLAP
            notes.append(f"same nationality {', '.join(c.upper() for c in common)}")
        else:
            score += NAT_DISJOINT
            notes.append(
                "different nationality "
                f"({'/'.join(c.upper() for c in query.nationalities)} vs "
                f"{'/'.join(c.upper() for c in entry.nationalities)})"
            )
    if query.gender and entry.gender and query.gender != entry.gender:
        score += GENDER_DIFFERS
        notes.append(f"different gender ({query.gender} / {entry.gender})")
    return Evidence(score=round(min(1.0, max(0.0, score)), 4), notes=notes, id_match=bool(shared))
