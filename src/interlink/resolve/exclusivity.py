"""Exclusivity: when linking files without duplicates, what two records' other candidates say.

Linking only (`--link-only`) means each input holds no duplicates: a record has at most one
partner in each other file. A pair's own fields cannot see that, and some pairs are ambiguous
on their own fields: a Latin record without birth date whose name agrees with an Arabic one is
a true pair about half the time in the cross-script benchmark, as often a namesake. What
decides is the rest of the linkage: if the Arabic record already matches another Latin record
on name *and* date, it is taken; if neither record has any other plausible candidate, they are
very likely each other's (benchmarks/RESULTS.md gives the measured shares).

So a first scoring of the candidates on their fields gives each pair a level of exclusivity:

- 0 **taken**: one of the two records has another candidate scoring at or above the
  threshold, and higher than this pair;
- 1 **competing**: other plausible candidates (probability >= FLOOR) exist, none taken (a
  candidate pair that is itself taken by a better match competes with nobody);
- 2 **only candidate**: neither record has any other plausible candidate.

A pair that is itself implausible (probability below FLOOR on its fields) gets no level: for it
the question does not arise, and its level counts neither way (like a missing value). Nor does
a pair that one of its fields contradicts (`contradicted`: a birth date that no typing error
explains, another nationality): being each other's only candidate says the two records have
no better partner, not that they are one person, and a common name's bonus for standing alone
must not outweigh evidence of two people. On the cross-script benchmark these were most of the
false links (namesakes with another birth date whose twin is absent from the other file).

For the same reason a pair whose whole names disagree (the name comparison's lowest level) gets
no level when its fields, taken together, weigh against it (`against`, `weighs_against`: its
first-pass weight below the prior alone, a likelihood ratio under 1). Such a pair is
"plausible" only in that the other file holds nothing better for it; the issue-18 tenth pass
found these to be the bulk of the remaining false links on the dev seed: undated records whose
whole names score below 0.75 (sharing "Mohamed" and little else) joined by the bonus alone,
30 false beside 11 true. Different names that the same birth date outweighs keep their level.
Both halves of the test are needed (benchmarks/RESULTS.md, tenth pass): names alone as a
contradiction, or the weight alone, dropped the million-record F1 from 0.832 to 0.79-0.80,
because EM at that size learns a "similar" name as strong evidence against (about -11 bits),
and true pairs with a similar name and the same birth date lost their level.

It then enters the model as one more comparison, whose m and u are learnt by EM with the others
(no labels), so how much exclusivity is worth is measured on the data, not set by hand, and the
explanation names it when it decides ("each other's only plausible candidate").
"""

from __future__ import annotations

import numpy as np

from interlink.resolve.compare import NULL, Comparison
from interlink.resolve.model import Model

#: Probability from which another candidate counts as a plausible competitor.
FLOOR = 0.05
#: A field whose level weighs this many bits or fewer (log2 m/u, learnt) contradicts a pair:
#: a quarter the odds or less. Learnt, birth dates that no typing error explains weigh about
#: -5 bits and another nationality about -3; "same year" or a missing value weigh near 0.
CONTRADICTION = -2.0
#: The whole-name comparison (compare.comparisons_for).
NAME = "name"


def _not_computed(*_args: object) -> np.ndarray:
    raise TypeError("exclusivity is derived from a first scoring, not from record features")


EXCLUSIVITY = Comparison(
    "exclusivity",
    ("taken: one of them matches another record better", "other plausible candidates",
     "each other's only plausible candidate"),
    (), _not_computed, tf=None, u_top=0.05)


def contradicted(levels: np.ndarray, bits: list[np.ndarray], names: list[str] | None = None,
                 fields: tuple[str, ...] = ("birth_date", "nationality"),
                 cut: float = CONTRADICTION) -> np.ndarray:
    """Pairs (rows of `levels`, one column per comparison) that one of `fields` contradicts:
    its level weighs `cut` bits or fewer in the model (`bits`, as Model.bits()). Without
    `names`, every column counts. A missing value contradicts nothing."""
    out = np.zeros(len(levels), dtype=bool)
    for j, b in enumerate(bits):
        if names is not None and names[j] not in fields:
            continue
        col = levels[:, j]
        against = np.flatnonzero(np.asarray(b) <= cut)
        if len(against):
            out |= (col >= 0) & np.isin(col, against)
    return out


def weighs_against(weight: np.ndarray, prior_bits: float) -> np.ndarray:
    """Pairs whose own fields weigh against them: the first-pass match weight (prior plus every
    field's bits, term frequencies included) below the prior alone."""
    return np.asarray(weight) < prior_bits


def against(levels: np.ndarray, trained: Model, weight: np.ndarray) -> np.ndarray:
    """The pairs that get no exclusivity level although plausible (first-pass `levels`, model
    and weights): those a birth date or nationality contradicts (`contradicted`), and those
    whose whole names disagree (the name comparison's lowest level) while their fields taken
    together weigh against them (`weighs_against`): different names that the same birth date
    outweighs keep their level."""
    out = contradicted(levels, trained.bits(), trained.names)
    if NAME in trained.names:
        j = trained.names.index(NAME)
        out |= (levels[:, j] == 0) & weighs_against(weight, trained.prior_bits)
    return out


def levels(n: int, left: np.ndarray, right: np.ndarray, prob: np.ndarray, threshold: float,
           floor: float = FLOOR, against: np.ndarray | None = None) -> np.ndarray:
    """Exclusivity level of each candidate pair, from first-pass probabilities; pairs marked
    in `against` (contradicted) get none, like implausible ones."""
    pairs = len(left)
    if pairs == 0:
        return np.zeros(0, dtype=np.int8)
    # 32-bit indices and no copies kept beyond their use: at a million records these arrays
    # hold twice the candidates (millions) and made this step the peak of memory (issue 18)
    index = np.int32 if max(n, pairs) < 2**31 else np.int64
    ends = np.r_[left, right].astype(index)
    order = np.lexsort((-np.r_[prob, prob], ends))  # by record, strongest first
    e = ends[order]
    del ends
    k = (order % pairs).astype(index)  # the pair of each entry
    q = prob[k]
    del order
    first = np.r_[True, e[1:] != e[:-1]]
    second = np.r_[False, first[:-1]] & ~first  # the second entry of a record's group
    top1 = np.full(n, -1.0)
    top1_pair = np.full(n, -1, dtype=np.int64)
    top2 = np.full(n, -1.0)
    top1[e[first]] = q[first]
    top1_pair[e[first]] = k[first]
    top2[e[second]] = q[second]

    def other_best(x: np.ndarray) -> np.ndarray:
        mine = top1_pair[x] == np.arange(pairs)
        return np.where(mine, top2[x], top1[x])

    best_other = np.maximum(other_best(left), other_best(right))
    taken = (best_other >= threshold) & (best_other > prob)
    # competitors: plausible pairs not themselves taken by a better match of one of their records
    live = (prob >= floor) & ~taken
    plausible = np.bincount(np.r_[left[live], right[live]], minlength=n)
    others_a = plausible[left] - live
    others_b = plausible[right] - live
    out = np.ones(pairs, dtype=np.int8)
    out[(others_a == 0) & (others_b == 0)] = 2
    out[taken] = 0
    out[prob < floor] = NULL  # implausible on its own fields: the rest of the linkage is moot
    if against is not None:
        out[against] = NULL  # evidence of two people: having no rival does not make them one
    return out
