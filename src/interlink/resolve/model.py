"""The Fellegi-Sunter model: how much each level of each comparison says for or against a match.

For comparison j at level l, m[j][l] is the chance of that level among true matches and
u[j][l] among non-matches; the pair's match weight is the log2 of the prior odds plus the sum
of log2(m/u) over its comparisons (a missing value adds nothing), and its probability is
2^w / (1 + 2^w). The model is learnt without any labels, the way Splink learns one:

- **u** from random pairs of records (almost all non-matches), counted over a sample;
- **m** and the prior by expectation-maximisation over the blocked candidate pairs, with u held
  fixed. EM runs on the distinct agreement patterns with their counts, not on the pairs, so an
  iteration over ten million pairs costs a few thousand rows.

Exact agreement on a name is worth more for a rare name than for a common one: the weight of
that level uses the value's own frequency among the records instead of the average u (Splink's
term-frequency adjustment), bounded so that a one-off misspelling cannot outweigh everything.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from interlink.resolve.compare import NULL, Comparison

#: Bounds of the term-frequency adjustment, in bits.
TF_MAX_UP = 3.0
TF_MAX_DOWN = -8.0
M_FLOOR = 1e-6


@dataclass
class Model:
    names: list[str]
    labels: list[list[str]]
    m: list[np.ndarray]
    u: list[np.ndarray]
    prior: float
    iterations: int = 0
    tf: list[str | None] = field(default_factory=list)

    @property
    def prior_bits(self) -> float:
        p = min(max(self.prior, 1e-12), 1 - 1e-12)
        return math.log2(p / (1 - p))

    def bits(self) -> list[np.ndarray]:
        """log2(m/u) of each level of each comparison."""
        return [np.log2(np.maximum(m, M_FLOOR) / np.maximum(u, M_FLOOR))
                for m, u in zip(self.m, self.u, strict=True)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "prior": self.prior, "iterations": self.iterations,
            "comparisons": [
                {"name": n, "levels": [
                    {"label": lab, "m": round(float(m), 6), "u": round(float(u), 8),
                     "bits": round(float(b), 3)}
                    for lab, m, u, b in zip(labels, ms, us, bs, strict=True)]}
                for n, labels, ms, us, bs in zip(self.names, self.labels, self.m, self.u,
                                                 self.bits(), strict=True)
            ],
        }


def _initial_m(size: int) -> np.ndarray:
    """Starting m (and its prior): true matches mostly agree at the top level, sometimes
    nearly, and rarely disagree outright."""
    if size == 2:
        return np.array([0.02, 0.98])
    m = np.full(size, 0.08 / (size - 2))
    m[0], m[-1] = 0.02, 0.90
    return m


#: Pseudo-pairs behind the generic u (Comparison.u_top): nothing against a million random
#: pairs, most of the estimate for a file of ten rows (whose few random pairs may well be
#: the duplicates themselves).
U_PRIOR_PAIRS = 200.0


def generic_u(comp: Comparison) -> np.ndarray:
    """A u without data: exact agreement at the comparison's u_top, each level between at a
    few times that (capped), the rest disagreement."""
    size = comp.top + 1
    u = np.zeros(size)
    u[-1] = comp.u_top
    if size > 2:
        u[1:-1] = min(comp.u_top * 5, 0.05)
    u[0] = 1.0 - u[1:].sum()
    return u


def estimate_u(levels: np.ndarray, comps: list[Comparison]) -> list[np.ndarray]:
    """u per level from the levels of random pairs, with a generic prior (U_PRIOR_PAIRS)."""
    out = []
    for j, comp in enumerate(comps):
        size = comp.top + 1
        col = levels[:, j]
        col = col[col != NULL]
        counts = np.bincount(col.astype(np.int64), minlength=size)[:size].astype(float)
        out.append((counts + U_PRIOR_PAIRS * generic_u(comp)) / (counts.sum() + U_PRIOR_PAIRS))
    return out


def patterns(levels: np.ndarray, comps: list[Comparison]) -> tuple[np.ndarray, np.ndarray,
                                                                    np.ndarray]:
    """Distinct rows of `levels` with their counts, and each pair's row index."""
    if len(levels) == 0:
        return np.zeros((0, len(comps)), np.int8), np.zeros(0, np.int64), np.zeros(0, np.int64)
    key = np.zeros(len(levels), dtype=np.int64)
    for j, comp in enumerate(comps):
        key = key * (comp.top + 2) + (levels[:, j].astype(np.int64) + 1)
    inverse, uniq = pd.factorize(key)
    counts = np.bincount(inverse, minlength=len(uniq))
    first = np.zeros(len(uniq), dtype=np.int64)
    first[inverse[::-1]] = np.arange(len(inverse) - 1, -1, -1)  # first pair of each pattern
    return levels[first], counts, inverse


def _likelihoods(rows: np.ndarray, probs: list[np.ndarray]) -> np.ndarray:
    out = np.ones(len(rows))
    for j, p in enumerate(probs):
        col = rows[:, j].astype(np.int64)
        present = col != NULL
        out[present] *= p[col[present]]
    return out


def em(
    rows: np.ndarray, counts: np.ndarray, comps: list[Comparison], u: list[np.ndarray],
    prior: float = 0.1, max_iter: int = 100, tol: float = 1e-6, u_strength: float = 50.0,
    m_strength: float = 50.0, prior_strength: float = 20.0,
) -> Model:
    """Expectation-maximisation of m, u and the prior over the candidates' patterns.

    u starts from the random pairs and is re-estimated on the candidates, because non-matches
    that reached the candidates are not random: they agree on the key that blocked them (two
    people named Matthews born the same day), and a u learnt on random pairs would make that
    agreement look like strong evidence. The random-pair u stays in as a prior worth
    `u_strength` pairs, and the starting m and prior as priors worth `m_strength` and
    `prior_strength` pairs: with thousands of candidates they weigh nothing, with a few dozen
    (one kind of entity in a small store) they stop EM from calling every candidate a match."""
    m0 = [_initial_m(c.top + 1) for c in comps]
    m = [x.copy() for x in m0]
    prior0 = prior
    u0 = [x.copy() for x in u]
    u = [x.copy() for x in u]
    counts = counts.astype(float)
    iterations = 0
    for iterations in range(1, max_iter + 1):  # noqa: B007 - the count is reported
        lm = prior * _likelihoods(rows, m)
        lu = (1 - prior) * _likelihoods(rows, u)
        w = lm / np.maximum(lm + lu, 1e-300)
        weighted = w * counts
        unweighted = (1 - w) * counts
        new_prior = float((weighted.sum() + prior_strength * prior0)
                          / (counts.sum() + prior_strength))
        new_m, new_u = [], []
        for j, comp in enumerate(comps):
            col = rows[:, j].astype(np.int64)
            present = col != NULL
            size = comp.top + 1
            sums = np.bincount(col[present], weights=weighted[present], minlength=size)[:size]
            sums = sums + m_strength * m0[j]
            new_m.append(sums / sums.sum())
            non = np.bincount(col[present], weights=unweighted[present], minlength=size)[:size]
            non = non + u_strength * u0[j]
            new_u.append(non / non.sum())
        change = max(abs(new_prior - prior),
                     max(float(np.abs(a - b).max()) for a, b in zip(new_m, m, strict=True)),
                     max(float(np.abs(a - b).max()) for a, b in zip(new_u, u, strict=True)))
        m, u, prior = new_m, new_u, min(max(new_prior, 1e-9), 1 - 1e-9)
        if change < tol:
            break
    return Model([c.name for c in comps], [list(c.levels) for c in comps], m, u, prior,
                 iterations, [c.tf for c in comps])


def score(model: Model, levels: np.ndarray, tf_bits: np.ndarray | None = None) -> np.ndarray:
    """Match weight (bits) of each pair."""
    total = np.full(len(levels), model.prior_bits)
    for j, bits in enumerate(model.bits()):
        col = levels[:, j].astype(np.int64)
        present = col != NULL
        total[present] += bits[col[present]]
    if tf_bits is not None:
        total += tf_bits
    return total


def probability(weight: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp2(-np.clip(weight, -60, 60)))


TermFrequencies = dict[str, tuple[np.ndarray, np.ndarray, float]]


def tf_adjustment(model: Model, comps: list[Comparison], levels: np.ndarray,
                  tf: TermFrequencies) -> np.ndarray:
    """Extra bits for exact agreement on a value rarer (or commoner) than the average value.

    `tf[feature]` is, per pair, whether both records hold the very same value and that
    value's share among records, plus the average share sum(f^2) over values: the chance that
    two random records agree on some value. Agreement on value v is worth
    log2(sum(f^2) / f(v)) more (zero when all values are equally common): Splink's
    term-frequency adjustment, relative to the average rather than to the model's u, so that
    it stays meaningful however the exact level's u was learnt."""
    out = np.zeros(len(levels), dtype=np.float32)
    for j, comp in enumerate(comps):
        if comp.tf is None or comp.tf not in tf:
            continue
        same_value, freq, average = tf[comp.tf]
        exact = (levels[:, j] == comp.top) & same_value
        if not exact.any():
            continue
        f = freq[exact]
        out[exact] = np.clip(np.log2(average / np.maximum(f, 1e-12)), TF_MAX_DOWN, TF_MAX_UP)
    return out
