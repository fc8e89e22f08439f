"""Records as columns of codes: the shape the resolver computes on.

Every feature is a categorical column: an int32 code per record (-1 for "missing") and the
array of distinct values. Features are computed once per distinct value (a name's sound key,
a normalised date), not once per record, and comparing two records on one feature starts with
comparing two integers. At a million FEBRL-style records there are a few hundred thousand
distinct surnames and far fewer distinct cities or dates, so this is what keeps the Python
part of the work proportional to the vocabulary, and memory to a few bytes per record and
feature instead of one Python string each.

Input columns (the CLI contract): `id` and any of `name` (or `first_name`, `last_name`),
`birth_date`, `gender`, `nationality`, `address`, `city`, `postcode`, `country`, `id_number`,
`phone`, `email`, plus `iban` and `schema` (the kind of entity, from the store).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from interlink.core.collector import collector_paused
from interlink.names.keys import SoundKey, pair_key, sound_key
from interlink.names.latin import latin_classes
from interlink.names.normalize import has_arabic, normalize
from interlink.names.parse import parse_name
from interlink.names.parts import (
    _LATIN_ABD,
    ABD_WORDS,
    ALLAH_WORDS,
    CONNECTORS,
    DIN_WORDS,
    EUROPEAN_PARTICLES,
    KUNYA,
    LATIN_ARTICLES,
    SUN_ARTICLES,
)

#: Separates the several names of one record (its name and its aliases) in the `name` column.
NAMES_SEP = "\u2016"

INPUT_COLUMNS = (
    "name", "first_name", "last_name", "birth_date", "gender", "nationality", "address",
    "city", "postcode", "country", "id_number", "phone", "email", "iban", "schema",
)


@dataclass
class Column:
    """A categorical feature: codes[i] indexes values, -1 when record i has no value."""

    codes: np.ndarray
    values: np.ndarray
    cache: dict = field(default_factory=dict, repr=False)  # per-value arrays (measures.py)

    def take(self, idx: np.ndarray) -> np.ndarray:
        return self.codes[idx]

    def text(self, i: int) -> str:
        c = int(self.codes[i])
        return "" if c < 0 else str(self.values[c])


@dataclass
class Frame:
    """The features of n records, plus their ids and where each came from."""

    ids: np.ndarray
    source: Column
    cols: dict[str, Column] = field(default_factory=dict)
    kind: str = "person"  # how names are parsed and compared: "person" or "company"

    def __len__(self) -> int:
        return len(self.ids)

    def has(self, name: str, min_share: float = 0.0) -> bool:
        col = self.cols.get(name)
        if col is None or len(col.values) == 0:
            return False
        return float((col.codes >= 0).mean()) > min_share


def _factorize(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    values = series.fillna("").astype(str)
    codes, uniques = pd.factorize(values, sort=False)
    uniques = np.asarray(uniques, dtype=object)
    codes = codes.astype(np.int32)
    empty = np.flatnonzero(uniques == "")
    if len(empty):
        codes[codes == empty[0]] = -1
    return codes, uniques


def derive(base: Column, fn: Callable[[str], str]) -> Column:
    """A new column from a function of each distinct value ('' means missing), refactorized
    so that equal results share one code."""
    return derive_values(base, [fn(v) if v != "" else "" for v in base.values])


def derive_values(base: Column, values: Sequence[str]) -> Column:
    """A new column from one value per distinct value of `base` (derive, when several columns
    come out of one computation per value)."""
    mapped = np.array(values, dtype=object)
    if len(mapped) == 0:
        return Column(base.codes.copy(), mapped)
    new_codes, uniques = pd.factorize(pd.Series(mapped, dtype=object), sort=False)
    uniques = np.asarray(uniques, dtype=object)
    remap = new_codes.astype(np.int32)
    empty = np.flatnonzero(uniques == "")
    if len(empty):
        remap[remap == empty[0]] = -1
    codes = np.where(base.codes >= 0, remap[np.maximum(base.codes, 0)], -1).astype(np.int32)
    return Column(codes, uniques)


def combine(*columns: Column) -> Column:
    """A key column of several (all present), e.g. first-name key + birth date for blocking."""
    n = len(columns[0].codes)
    key = np.zeros(n, dtype=np.int64)
    ok = np.ones(n, dtype=bool)
    for col in columns:
        ok &= col.codes >= 0
        key = key * (len(col.values) + 1) + (col.codes.astype(np.int64) + 1)
    codes, uniques = pd.factorize(np.where(ok, key, -1))
    codes = codes.astype(np.int32)
    miss = np.flatnonzero(uniques == -1)
    if len(miss):
        codes[codes == miss[0]] = -1
    return Column(codes, np.asarray(uniques))


# --- normalisers of one distinct value ------------------------------------------------------

_DIGITS = re.compile(r"\D+")
_ALNUM = re.compile(r"[^0-9A-Z]+")
_DATE = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?")
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


_ASCII_NON_WORD = re.compile(r"[^a-z0-9]+")


def norm_text(value: str) -> str:
    """interlink.names.normalize, with a fast path for plain ASCII (most addresses and
    numbers): the same result, without the per-character script test."""
    if value.isascii():
        text = value.replace("'", "").replace("`", "").lower()
        return _ASCII_NON_WORD.sub(" ", text).strip()
    return normalize(value)


@lru_cache(maxsize=500_000)
def _parts(value: str, kind: str = "person") -> tuple:
    return tuple(p for p in parse_words(value, kind) if not p.initial)


# --- parsing names once per distinct word ---------------------------------------------------

#: Words that make interlink.names.parts.parse_person read a word together with its
#: neighbours (articles, "son of", kunya, "servant of", "ad-Din", "X Allah", European
#: particles): a name holding none of them (nor a one-letter word, an initial) parses word by word.
_JOINING_WORDS = frozenset(
    LATIN_ARTICLES | set(SUN_ARTICLES) | CONNECTORS | set(KUNYA) | ABD_WORDS | DIN_WORDS
    | EUROPEAN_PARTICLES | ALLAH_WORDS | {"ال"})


@dataclass
class WordCache:
    """What one `build` learns per distinct word and pair of parts (parse_words,
    _name_features); dropped with the build, so a long-running server keeps nothing."""

    norm: dict[str, tuple[str, ...]] = field(default_factory=dict)
    parts: dict[str, tuple] = field(default_factory=dict)
    pair_keys: dict[tuple, tuple[str, ...]] = field(default_factory=dict)

    def words(self, name: str) -> list[str]:
        """The normalised words of a name (interlink.names.normalize), once per distinct
        written word: " ".join(words) is normalize(name), and norm_text(name)."""
        out: list[str] = []
        for raw in name.split():
            norm = self.norm.get(raw)
            if norm is None:
                norm = self.norm[raw] = tuple(normalize(raw).split())
            out.extend(norm)
        return out


def parse_words(name: str, kind: str = "person", cache: WordCache | None = None) -> tuple:
    """interlink.names.parse_name(name, kind), computed once per distinct word (with a
    `cache`) for a person's name whose words parse each on its own (most names).

    A million records hold hundreds of thousands of distinct names but only tens of thousands
    of distinct words, and normalising the whole name was most of the cost of parsing it
    (issue 18). Normalisation is word by word (each word's result is the same alone as in the
    name), and parse_person reads a word with its neighbours only around the words of
    _JOINING_WORDS and initials: any such name goes through parse_name whole. The parts are
    the same objects parse_name returns (parts are cached per spelling);
    tests/resolve/test_frame.py checks the equality on the names tests' and the benchmark's
    names."""
    if kind != "person" or cache is None:
        return parse_name(name, kind)
    words = cache.words(name)
    if any(len(w) < 2 or w in _JOINING_WORDS for w in words):
        return parse_name(name, kind)
    out: list = []
    for w in words:
        parts = cache.parts.get(w)
        if parts is None:
            parts = cache.parts[w] = parse_name(w, kind)
        out.extend(parts)
    return tuple(out)


_PLAIN_WORD = re.compile(r"^[a-z]+$")


def _plain_key(value: str) -> SoundKey | None:
    """The sound key of a plain one-word Latin name, as interlink.names.parts._plain gives
    it (its first variant), without the parsing a name of several words or scripts needs."""
    if not value.isascii():
        return None
    word = norm_text(value)
    if len(word) < 2 or not _PLAIN_WORD.match(word) or _LATIN_ABD.match(word):
        return None
    return sound_key(latin_classes(word))


def name_key(value: str) -> str:
    """Full sound key of a name (all its parts), the same for Arabic and Latin spellings;
    articles and compounds (al-, abd al-, ait) handled by interlink.names."""
    plain = _plain_key(value)
    if plain is not None:
        return plain.full
    return "".join(p.key.full for p in _parts(value))


def coarse_key(value: str) -> str:
    """Coarse sound key (semivowels, final h, kh/j and gh/k differences folded)."""
    plain = _plain_key(value)
    if plain is not None:
        return plain.coarse
    return "".join(p.key.coarse for p in _parts(value))


def latin_name(value: str) -> str:
    """The name for spelling similarity: Latin names normalised; Arabic ones by sound key
    (a Jaro-Winkler of two transliterations says less than their keys)."""
    text = norm_text(value)
    return name_key(text) if has_arabic(text) else text


def norm_date(value: str) -> str:
    """YYYYMMDD, or YYYY / YYYYMM when only that is known; '' when unreadable."""
    text = value.strip()
    if len(text) == 8 and text.isdigit():  # compact YYYYMMDD
        return text
    match = _DATE.match(text)
    if match:
        y, m, d = match.groups()
        return y + (f"{int(m):02d}" if m else "") + (f"{int(d):02d}" if d else "")
    match = _DMY.match(text)
    if match:
        d, m, y = match.groups()
        return f"{y}{int(m):02d}{int(d):02d}"
    digits = _DIGITS.sub("", text)
    return digits if len(digits) in (4, 8) else ""


def year_of(value: str) -> str:
    return value[:4]


def norm_code(value: str) -> str:
    """Documents, postcodes, IBANs: upper-case letters and digits only."""
    if value.isdigit() and value.isascii():
        return value
    if value.isascii():
        return _ALNUM.sub("", value.upper())
    return _ALNUM.sub("", norm_text(value).upper())


def norm_phone(value: str) -> str:
    """The last nine digits: national and international forms of one number agree."""
    digits = _DIGITS.sub("", value)
    return digits[-9:] if len(digits) >= 6 else ""


def norm_email(value: str) -> str:
    return value.strip().lower()


def norm_gender(value: str) -> str:
    v = value.strip().lower()[:1]
    return v if v in ("m", "f") else ""


def norm_country(value: str) -> str:
    if NAMES_SEP in value:  # several (a dual national): each, sorted
        return NAMES_SEP.join(sorted({norm_country(v) for v in value.split(NAMES_SEP)} - {""}))
    return value.strip().lower()[:3]


def norm_names(value: str) -> str:
    """norm_text of each of a record's names (NAMES_SEP between them)."""
    if NAMES_SEP not in value:
        return norm_text(value)
    return NAMES_SEP.join(dict.fromkeys(n for n in map(norm_text, value.split(NAMES_SEP)) if n))


def blocking_keys(value: str, kind: str = "person") -> str:
    """The order-free keys of every two parts of a name (interlink.names.keys), or of its one
    part, space-separated: "Giraldo Hernandez Albeiro" shares "ALBR|KRLD" with "Albeiro
    Giraldo", and محمد عمره shares "AMR|MHMD" with "Mohamed Amra"."""
    from interlink.names.blocking import keys

    found = keys(value, kind)
    pairs = sorted(k for k in found if "|" in k)
    return " ".join(pairs or sorted(found))


def split_full_name(value: str, kind: str = "person") -> tuple[str, str]:
    """First and last part of a full name (as interlink.names parses it: "Abd el Aziz" and
    "Ait Ali" are one part each), for blocking and the per-part keys; the whole name is still
    compared as a whole (names.compare)."""
    parts = _parts(value.split(NAMES_SEP)[0], kind)
    if not parts:
        return "", ""
    if len(parts) == 1:
        return "", parts[0].text
    return parts[0].text, parts[-1].text


def name_features(value: str, kind: str = "person") -> tuple[str, str, str, str, str]:
    return _name_features(value, kind, WordCache())[0]


def _pair_keys(a: Any, b: Any, cache: WordCache) -> tuple[str, ...]:
    """The order-free keys of two parts (every retrieval key of one with every one of the
    other), once per distinct pair of the parts' retrieval keys (spellings share them).

    `Part.retrieval_keys`, as the screening index posts them (`names.keys`): the keyed
    readings and the glued halves' keys, not the readings kept for scoring only."""
    ca, cb = a.retrieval_keys, b.retrieval_keys
    found = cache.pair_keys.get((ca, cb))
    if found is None:
        found = cache.pair_keys[(ca, cb)] = tuple({pair_key(ka, kb) for ka in ca for kb in cb
                                                   if ka != kb})
    return found


def _name_features(value: str, kind: str, cache: WordCache
                   ) -> tuple[tuple[str, str, str, str, str], list[tuple]]:
    """Everything the resolver derives from a full name (and its aliases), from one parse of
    each: the normalised names (norm_names), the blocking keys of every two parts
    (blocking_keys, over all aliases), the first and last part of the first name
    (split_full_name) and their order-free pair of coarse keys (name_pair). Parsing is most of
    the cost of a name, and a million records hold hundreds of thousands of distinct names."""
    alts = value.split(NAMES_SEP)
    found: set[str] = set()
    first = last = pair = ""
    parsed = []
    normed = []
    for n, alt in enumerate(alts):
        normed.append(" ".join(cache.words(alt)))
        parts = parse_words(alt, kind, cache)
        parsed.append(parts)
        plain = [p for p in parts if not p.initial]
        pairs: set[str] = set()
        for i, a in enumerate(plain):
            for b in plain[i + 1 :]:
                pairs.update(_pair_keys(a, b, cache))
        if pairs:
            found.update(pairs)
        else:
            for part in plain:
                found.update(part.retrieval_keys)
        if n == 0 and plain:
            first, last = ("", plain[0].text) if len(plain) == 1 else (plain[0].text,
                                                                        plain[-1].text)
            ends = [plain[0]] if len(plain) == 1 else [plain[0], plain[-1]]
            pair = "|".join(sorted(p.key.coarse for p in ends if p.key.coarse))
    # norm_names(value), from the words already normalised
    names = normed[0] if len(normed) == 1 else NAMES_SEP.join(dict.fromkeys(n for n in normed
                                                                             if n))
    return (names, " ".join(sorted(found)), first, last, pair), parsed


def name_pair(value: str, kind: str = "person") -> str:
    """The first and last part of a full name as an order-free pair of coarse sound keys, the
    same for محمد بن علي, "Mohamed Benali" and "BENALI Mohamed": how common a name is, across
    scripts, is counted on this (the term-frequency adjustment of the name comparison)."""
    first, last = split_full_name(value, kind)
    keys = sorted(k for k in (coarse_key(first) if first else "", coarse_key(last)) if k)
    return "|".join(keys)


def build(
    ids: Sequence[str] | np.ndarray,
    data: pd.DataFrame,
    source: Sequence[str] | np.ndarray | None = None,
    kind: str = "person",
) -> Frame:
    """Features of a table of records (columns named as in INPUT_COLUMNS, '' or NaN when
    missing), with the cyclic collector paused (collector_paused)."""
    with collector_paused():
        return _build(ids, data, source, kind)


def _build(
    ids: Sequence[str] | np.ndarray,
    data: pd.DataFrame,
    source: Sequence[str] | np.ndarray | None,
    kind: str,
) -> Frame:
    n = len(ids)
    src = pd.Series(source if source is not None else [""] * n, dtype=object)
    codes, uniques = _factorize(src)
    frame = Frame(np.asarray(ids, dtype=object), Column(codes, uniques), kind=kind)

    def raw(name: str) -> Column | None:
        if name not in data.columns:
            return None
        c, u = _factorize(data[name])
        return Column(c, u) if len(u) and (c >= 0).any() else None

    cols = frame.cols
    if "name" in data.columns and ("first_name" in data.columns or "last_name" in data.columns):
        # mixed inputs (one file with full names, one with split ones): each record gets both
        data = data.copy()
        given = (data.get("first_name", pd.Series("", index=data.index)).fillna("").astype(str)
                 + " " + data.get("last_name", pd.Series("", index=data.index)).fillna("")
                 .astype(str)).str.strip()
        whole = data["name"].fillna("").astype(str)
        data["name"] = whole.where(whole != "", given)
        data = data.drop(columns=[c for c in ("first_name", "last_name") if c in data.columns])
    first, last, full = raw("first_name"), raw("last_name"), raw("name")
    if full is not None:
        cache = WordCache()
        done = [_name_features(v, kind, cache) if v != "" else (("", "", "", "", ""), [])
                for v in full.values.tolist()]
        features = [d[0] for d in done]
        names, name_keys, firsts, lasts, pairs = (list(x) for x in zip(*features, strict=True)
                                                  ) if features else ([], [], [], [], [])
        cols["name"] = derive_values(full, names)
        # the parts of each normalised name, for namesim (which would otherwise parse again)
        parsed: dict[str, list[tuple]] = {}
        for name, (_, alts) in zip(names, done, strict=True):
            parsed.setdefault(name, alts)
        cols["name"].cache["parsed"] = [parsed.get(v, []) for v in cols["name"].values.tolist()]
        cols["name_keys"] = derive_values(full, name_keys)
        if first is None and last is None:
            first = derive_values(full, firsts)
            last = derive_values(full, lasts)
            cols["name_pair"] = derive_values(full, pairs)
    for label, col in (("first", first), ("last", last)):
        if col is None:
            continue
        cols[f"{label}_name"] = derive(col, latin_name)
        cols[f"{label}_key"] = derive(col, name_key)
        cols[f"{label}_coarse"] = derive(col, coarse_key)
    simple: dict[str, Callable[[str], str]] = {
        "birth_date": norm_date, "gender": norm_gender, "nationality": norm_country,
        "address": norm_text, "city": norm_text, "postcode": norm_code,
        "country": norm_country, "id_number": norm_code, "phone": norm_phone,
        "email": norm_email, "iban": norm_code, "schema": str.strip,
    }
    for name, fn in simple.items():
        col = raw(name)
        if col is not None:
            cols[name] = derive(col, fn)
    if "birth_date" in cols:
        cols["birth_year"] = derive(cols["birth_date"], year_of)
    return frame


def from_rows(rows: Iterable[dict[str, str]], source_key: str = "source") -> Frame:
    """A frame from dict rows with an `id` (and optionally a `source`) key."""
    table = pd.DataFrame(list(rows))
    if table.empty:
        return build([], pd.DataFrame())
    ids = table.pop("id").astype(str).to_numpy(dtype=object)
    source = table.pop(source_key).to_numpy(dtype=object) if source_key in table else None
    return build(ids, table, source)


#: Every feature `build` may derive, in a fixed order (the Spark backend's feature schema).
FEATURES = (
    "name", "first_name", "first_key", "first_coarse", "last_name", "last_key",
    "last_coarse", "birth_date", "gender", "nationality", "address", "city", "postcode",
    "country", "id_number", "phone", "email", "iban", "schema", "birth_year", "name_keys",
    "name_pair",
)


def feature_table(frame: Frame) -> pd.DataFrame:
    """The derived features of each record as strings ('' when missing), all of FEATURES."""
    out = {}
    for name in FEATURES:
        col = frame.cols.get(name)
        if col is None or len(col.values) == 0:
            out[name] = np.full(len(frame), "", dtype=object)
        else:
            out[name] = np.where(col.codes >= 0, col.values[np.maximum(col.codes, 0)], "")
    return pd.DataFrame(out)


def from_features(ids: np.ndarray, features: pd.DataFrame, source: np.ndarray,
                  kind: str = "person") -> Frame:
    """A frame from already derived features (feature_table's columns), derived again never:
    the same codes-and-values shape, for comparing pairs shipped between processes."""
    codes, uniques = _factorize(pd.Series(source, dtype=object))
    frame = Frame(np.asarray(ids, dtype=object), Column(codes, uniques), kind=kind)
    for name in FEATURES:
        if name in features.columns:
            c, u = _factorize(features[name])
            if len(u) and (c >= 0).any():
                frame.cols[name] = Column(c, u)
    return frame
