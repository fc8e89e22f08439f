"""The resolver: blocking, comparison, an unsupervised model, scores, clusters.

    result = resolve(frame, threshold=0.5)
    result.clusters          # cluster label of every record
    result.explain(k)        # why pair k scored what it did, and which evidence decided
    result.timings           # seconds per stage: blocking, comparing, u, em, scoring, ...

An engine of our own rather than Splink, for three measured reasons (benchmarks/RESULTS.md):
at a million records Splink's DuckDB backend took 97 s of wall time, 187 s of CPU and 4.2 GiB
here, against 24-34 s and 1.5 GiB for this engine, mostly because it compares every candidate
pair's strings in SQL, where comparing codes of distinct values (frame.py, compare.py,
measures.py) does the work once per distinct pair; Splink's comparisons know nothing of Arabic
and Latin spellings of one name, which interlink.names does; and the same steps written over
numpy arrays run unchanged on Spark partitions (spark.py). The model is Splink's
(Fellegi-Sunter, u from random pairs, m by EM, term-frequency adjustments), so its weights read
the same way, except that u is refined by EM on the candidates (model.em says why).

Linking files that hold no duplicates (`link_only`) adds what the model cannot see pair by pair:
a first scoring gives every plausible pair a level of exclusivity (exclusivity.py), learnt by EM
like any comparison, and clusters hold at most one record per file (cluster.one_per_source). On
the cross-script benchmark this is what tells a namesake without birth date from the person it
shares a name with, when the other file also holds the person's dated record.

The default threshold, a match probability of 0.5 ("more likely than not"), is a property of
the model, not tuned on any ground truth.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from interlink.core.collector import collector_paused
from interlink.resolve import blocking, exclusivity, model
from interlink.resolve.cluster import components, one_per_source
from interlink.resolve.compare import NULL, Comparison, compare_pairs, comparisons, u_mask
from interlink.resolve.frame import Frame

DEFAULT_THRESHOLD = 0.5
U_SAMPLE = 1_000_000
#: Pairs are compared in chunks so that memory stays flat however many candidates there are.
#: 1,000,000: at a million records (3,000,000 candidates) chunks of 2,000,000 made comparing
#: the run's peak, 2,024-2,061 MiB over five runs (issue 18, the 2 GiB target); 1,959 with
#: these, for the same CPU.
CHUNK = 1_000_000

Progress = Callable[[str], None]


@dataclass
class Result:
    frame: Frame
    comps: list[Comparison]
    model: model.Model
    left: np.ndarray
    right: np.ndarray
    levels: np.ndarray
    weight: np.ndarray
    threshold: float
    clusters: np.ndarray
    tf_bits: np.ndarray
    #: Seconds spent in each stage (blocking, comparing, u: the random pairs' comparisons,
    #: em: fitting m, u and the prior, scoring, clustering).
    timings: dict[str, float] = field(default_factory=dict)
    #: CPU seconds of this process in each stage (threads of rapidfuzz included): on a shared
    #: machine the wall time says more about the other jobs than about the work.
    cpu_timings: dict[str, float] = field(default_factory=dict)

    @property
    def probability(self) -> np.ndarray:
        return model.probability(self.weight)

    def matches(self) -> np.ndarray:
        """Indices of the pairs the clustering joined: at or above the threshold and, when
        linking only, not displaced by a stronger match of one of the two records."""
        joined = self.clusters[self.left] == self.clusters[self.right]
        return np.flatnonzero((self.probability >= self.threshold) & joined)

    def explain(self, k: int) -> dict[str, Any]:
        """Score of pair k, the weight each comparison contributed, and which evidence
        decided: the fewest strongest contributions without which the pair would fall on the
        other side of the threshold (a missing value contributes nothing either way)."""
        bits = self.model.bits()
        parts = []
        for j, comp in enumerate(self.comps):
            level = int(self.levels[k, j])
            if level < 0:
                parts.append({"field": comp.name, "level": "missing", "bits": 0.0})
                continue
            b = float(bits[j][level])
            item = {"field": comp.name, "level": comp.levels[level], "bits": round(b, 2)}
            if comp.name == "name":
                slips = self.name_slips(k)
                if slips:
                    item["slips"] = [{"slip": s, "correction": c} for s, c in slips]
            parts.append(item)
        if self.tf_bits[k]:
            parts.append({"field": "name frequency",
                          "level": "rare name" if self.tf_bits[k] > 0 else "common name",
                          "bits": round(float(self.tf_bits[k]), 2)})
        weight = float(self.weight[k])
        prob = float(model.probability(np.array([weight]))[0])
        out = {"probability": round(prob, 6), "weight": round(weight, 2),
               "prior_bits": round(self.model.prior_bits, 2), "comparisons": parts}
        return out | deciding(parts, weight, self.threshold)

    def name_slips(self, k: int) -> list[tuple[str, str]]:
        """The Latin name parts of pair k read as typing slips (namesim.NameTable.slips_read:
        the part and its correction, "" when only the sound keys show it), so that the
        explanation says why two names that interlink.names calls different were scored
        alike. Empty without a whole-name column or when its table was not built."""
        col = self.frame.cols.get("name")
        table = col.cache.get(f"names:{self.frame.kind}") if col is not None else None
        if col is None or table is None:
            return []
        a, b = int(col.codes[self.left[k]]), int(col.codes[self.right[k]])
        if a < 0 or b < 0:
            return []
        return table.slips_read(a, b)

    def cluster_ids(self) -> np.ndarray:
        """A readable cluster id per record: the id of the cluster's first record."""
        first: dict[int, str] = {}
        out = np.empty(len(self.clusters), dtype=object)
        for i, label in enumerate(self.clusters.tolist()):
            out[i] = first.setdefault(label, str(self.frame.ids[i]))
        return out


def slip_text(slip: str, correction: str) -> str:
    """A name part read as a typing slip, in the words of the names' explanation line
    (interlink.names.explanation reads it back as the code name.typing_slip)."""
    return (f"{slip} read as a typing slip of {correction}" if correction
            else f"{slip} read as a typing slip")


def _describe(p: dict[str, Any]) -> str:
    text = f"{p['field']} {p['level']} ({p['bits']:+.1f} bits)"
    if p.get("slips"):
        text += " (" + ", ".join(slip_text(x["slip"], x["correction"]) for x in p["slips"]) + ")"
    return text


def deciding(parts: list[dict[str, Any]], weight: float, threshold: float) -> dict[str, Any]:
    """Which evidence decided a pair: for a match, the strongest contributions in favour that
    the match needs (without them it would fall below the threshold); for a non-match, the
    strongest against that keep it apart. When even all of one side's evidence cannot explain
    the outcome, the other side was simply too weak ("too little in favour")."""
    cut = math.log2(threshold / (1 - threshold))
    matched = weight >= cut
    side = [p for p in parts if (p["bits"] > 0) == matched and p["bits"] != 0]
    side.sort(key=lambda p: -abs(p["bits"]))
    chosen: list[dict[str, Any]] = []
    rest = weight
    flipped = False
    for p in side:
        chosen.append(p)
        rest -= p["bits"]
        if (rest >= cut) != matched:
            flipped = True
            break
    names = ", ".join(_describe(p) for p in chosen)
    if matched:
        if not flipped:  # the candidates' prior alone is above the cut (a small, clean input)
            chosen = side[:2]
            names = ", ".join(_describe(p) for p in chosen)
            text = f"joined by {names} (the prior alone is above the cut)" if chosen else (
                "joined: the prior alone is above the cut")
        else:
            text = f"joined by {names}"
    elif flipped:
        text = f"kept apart by {names}"
    else:
        chosen = []
        text = "kept apart: too little in favour"
        if any(p["level"] == "missing" for p in parts):
            text += " (missing values count neither way)"
    return {"decided_by": text, "deciding": [p["field"] for p in chosen]}


def random_pairs(frame: Frame, size: int, seed: int = 0, link_only: bool = False
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Random distinct pairs of records (across sources when linking only)."""
    n = len(frame)
    if n < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    size = int(min(size, n * (n - 1) // 2))
    rng = np.random.default_rng(seed)
    a = rng.integers(0, n, size * 2)
    b = rng.integers(0, n, size * 2)
    keep = a != b
    if link_only:
        src = frame.source.codes
        keep &= src[a] != src[b]
    a, b = a[keep][:size], b[keep][:size]
    return np.minimum(a, b), np.maximum(a, b)


def compare_chunked(frame: Frame, comps: list[Comparison], left: np.ndarray,
                    right: np.ndarray) -> np.ndarray:
    out = np.empty((len(left), len(comps)), dtype=np.int8)
    for start in range(0, len(left), CHUNK):
        stop = start + CHUNK
        out[start:stop] = compare_pairs(frame, comps, left[start:stop], right[start:stop])
    return out


def value_frequencies(frame: Frame, comps: list[Comparison], left: np.ndarray,
                      right: np.ndarray) -> model.TermFrequencies:
    """For term-frequency adjusted features: per pair, same value on both sides, and the
    share of records holding the left value; and the average share sum(f^2)."""
    out = {}
    for comp in comps:
        if comp.tf and comp.tf in frame.cols:
            col = frame.cols[comp.tf]
            present = col.codes[col.codes >= 0]
            share = np.bincount(present, minlength=len(col.values)) / max(len(present), 1)
            a, b = col.codes[left], col.codes[right]
            out[comp.tf] = ((a == b) & (a >= 0), share[np.maximum(a, 0)],
                            float((share ** 2).sum()))
    return out


def random_u(frame: Frame, comps: list[Comparison], seed: int = 0, link_only: bool = False
             ) -> list[np.ndarray]:
    """u of each comparison from random pairs (almost all non-matches)."""
    ra, rb = random_pairs(frame, U_SAMPLE, seed, link_only)
    levels = np.full((len(ra), len(comps)), NULL, dtype=np.int8)
    for j, comp in enumerate(comps):
        sel = np.flatnonzero(u_mask(ra, rb, comp.u_pairs, len(ra)))
        levels[sel, j] = compare_chunked(frame, [comp], ra[sel], rb[sel])[:, 0]
    return model.estimate_u(levels, comps)


def fit(levels: np.ndarray, comps: list[Comparison], u: list[np.ndarray]) -> model.Model:
    """m, u and the prior by EM over the candidates' agreement patterns."""
    rows, counts, _ = model.patterns(levels, comps)
    return model.em(rows, counts, comps, u)


def train(frame: Frame, comps: list[Comparison], levels: np.ndarray, seed: int = 0,
          link_only: bool = False) -> model.Model:
    """u from random pairs, then m and the prior by EM over the candidates' patterns."""
    return fit(levels, comps, random_u(frame, comps, seed, link_only))


def _without(trained: model.Model, name: str) -> model.Model:
    keep = [j for j, n in enumerate(trained.names) if n != name]
    return model.Model([trained.names[j] for j in keep], [trained.labels[j] for j in keep],
                       [trained.m[j] for j in keep], [trained.u[j] for j in keep],
                       trained.prior, trained.iterations,
                       [trained.tf[j] for j in keep] if trained.tf else [])


def resolve(
    frame: Frame,
    threshold: float = DEFAULT_THRESHOLD,
    link_only: bool = False,
    seed: int = 0,
    max_block: int = blocking.DEFAULT_MAX_BLOCK,
    progress: Progress | None = None,
    trained: model.Model | None = None,
) -> Result:
    """Resolve the records of `frame`: every step, with progress messages, with the cyclic
    collector paused (core.collector: its full collections walked every parsed name
    part again, a sixth of the CPU of a cross-script run)."""
    if not 0.0 < threshold < 1.0:
        raise ValueError("threshold must be a probability strictly between 0 and 1")
    with collector_paused():
        return _resolve(frame, threshold, link_only, seed, max_block, progress, trained)


def _resolve(
    frame: Frame,
    threshold: float,
    link_only: bool,
    seed: int,
    max_block: int,
    progress: Progress | None,
    trained: model.Model | None,
) -> Result:
    say = progress or (lambda _msg: None)
    comps = comparisons(frame)
    timings: dict[str, float] = {}
    cpu_timings: dict[str, float] = {}
    clock, cpu_clock = time.perf_counter(), time.process_time()

    def lap(stage: str) -> None:
        nonlocal clock, cpu_clock
        now, cpu_now = time.perf_counter(), time.process_time()
        timings[stage] = timings.get(stage, 0.0) + now - clock
        cpu_timings[stage] = cpu_timings.get(stage, 0.0) + cpu_now - cpu_clock
        clock, cpu_clock = now, cpu_now

    say("blocking")
    pairs = blocking.block(frame, max_block=max_block, link_only=link_only)
    lap("blocking")
    say(f"comparing {len(pairs):,} candidate pairs")
    levels = compare_chunked(frame, comps, pairs.left, pairs.right)
    lap("comparing")
    given = trained
    u: list[np.ndarray] = []
    if given is None:
        say("training the model")
        u = random_u(frame, comps, seed, link_only)
        lap("u")
        trained = fit(levels, comps, u)
        lap("em")
    else:
        trained = _without(given, exclusivity.EXCLUSIVITY.name)
    say("scoring")
    tf = value_frequencies(frame, comps, pairs.left, pairs.right)
    tf_bits = model.tf_adjustment(trained, comps, levels, tf)
    weight = model.score(trained, levels, tf_bits)
    lap("scoring")
    if link_only and len(pairs):
        # each file has no duplicates: what the two records' other candidates say (exclusivity)
        say("scoring against the other candidates")
        against = exclusivity.against(levels, trained, weight)
        ex = exclusivity.levels(len(frame), pairs.left, pairs.right, model.probability(weight),
                                threshold, against=against)
        comps = [*comps, exclusivity.EXCLUSIVITY]
        levels = np.c_[levels, ex].astype(np.int8)
        lap("scoring")
        if given is None or exclusivity.EXCLUSIVITY.name not in given.names:
            known_u = u if u else given.u if given is not None else []
            trained = fit(levels, comps, [*known_u, model.generic_u(exclusivity.EXCLUSIVITY)])
            lap("em")
        else:
            trained = given
        tf_bits = model.tf_adjustment(trained, comps, levels, tf)
        weight = model.score(trained, levels, tf_bits)
        lap("scoring")
    prob = model.probability(weight)
    keep = prob >= threshold
    say("clustering")
    if link_only:
        labels = one_per_source(len(frame), pairs.left[keep], pairs.right[keep], weight[keep],
                                frame.source.codes)
    else:
        labels = components(len(frame), pairs.left[keep], pairs.right[keep])
    lap("clustering")
    return Result(frame, comps, trained, pairs.left, pairs.right, levels, weight, threshold,
                  labels, tf_bits, timings, cpu_timings)
