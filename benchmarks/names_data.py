"""Multi-origin screening data for `benchmarks/names_bench.py` (issue 13), from name sources that
packages ship — never from `interlink.names`.

Sources (all installed by name from PyPI; see the `bench` extra of pyproject.toml):

- **Wikidata word pairs** shipped by `arabic-name-romanizer` (code MIT; its `names.sqlite3`
  is derived from Wikidata, CC0, and from the Algerian Name Transcription Corpus, CC0): for
  each Arabic-script name word, the Latin spellings real people of that name use, with the
  country (Arab states, Iran, Afghanistan, Pakistan, Somalia, Sudan, Mauritania...) and a
  role (given/surname). People of Arabic, Persian, South-Asian and East-African origin are
  composed from these words; their Arabic-script writing is the Wikidata label, and "another
  Latin spelling" is another real spelling of the same Arabic word.
- **Faker's person locales** (MIT): European (en, fr, de, es, it, nl, pt, hr, cs, hu),
  Turkish (tr, az), African (yo, zu, tw, ig, ha, sw, en_KE) and South-Asian (en_IN, en_PK)
  Latin names. Faker has no Arabic-script writing of them, so `to_arabic` below writes them
  as Arabic-script newspapers and passports write foreign names (Whittaker -> ويتاكر, Josef ->
  جوزيف, Goodluck -> غودلاك, Abramovich -> ابراموفيتش): a rule table per source language
  written for this benchmark from that usage, with its own randomness (vowels written or not,
  g as غ or ج, s as س or ز). It shares no code or table with `interlink.names`, and it writes
  (Latin -> Arabic) where the engine reads (Arabic -> sound classes).

The learned transliteration data of the engine comes from another package (`arabnamer`'s
dictionary, see `interlink/names/data/README.md`), so the benchmark does not test the engine on
its own training data.

Noise the source has is kept on purpose (a Wikidata word can carry an unrelated spelling such
as يوسف -> "France"); only spellings whose consonants are far from the word's most frequent
spelling are dropped, with rapidfuzz on plain letters (no interlink code).
"""

from __future__ import annotations

import importlib.util
import itertools
import random
import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz.fuzz import ratio

ORIGINS = ("arabic", "persian", "south_asian", "african", "european", "turkish")
ORIGIN_SHARE = {
    "arabic": 0.36, "persian": 0.12, "south_asian": 0.12, "african": 0.12, "european": 0.2,
    "turkish": 0.08,
}  # fmt: skip
COUNTRY_ORIGIN = {
    "IR": "persian", "AF": "persian", "PK": "south_asian", "SO": "african", "SD": "african",
    "DJ": "african", "KM": "african", "MR": "african",
}  # fmt: skip
FAKER_LOCALES = {
    "european": ["en_US", "en_GB", "fr_FR", "de_DE", "es_ES", "it_IT", "nl_NL", "pt_PT",
                 "hr_HR", "cs_CZ", "hu_HU"],
    "turkish": ["tr_TR", "az_AZ"],
    "african": ["yo_NG", "zu_ZA", "tw_GH", "ig_NG", "ha_NG", "sw", "en_KE"],
    "south_asian": ["en_IN", "en_PK"],
}  # fmt: skip
#: share of a origin's people drawn from Faker (the rest from the Wikidata words)
FAKER_SHARE = {"african": 0.6, "south_asian": 0.5}

KINDS = (
    "arabic_script", "latin_vs_arabic_entry", "other_spelling", "reordered", "dropped_middle",
    "particles", "unlisted",
)  # fmt: skip


# --- Latin -> Arabic script, as the Arabic-script press writes foreign names -----------------

#: Letters before the generic rules, per source language (lang = Faker locale's language).
_PRE: dict[str, list[tuple[str, str]]] = {
    "tr": [("ç", "تش"), ("ş", "ش"), ("ğ", "غ"), ("ı", "ي"), ("ö", "و"), ("ü", "و"), ("c", "ج")],
    "az": [("ç", "تش"), ("ş", "ش"), ("ğ", "غ"), ("ı", "ي"), ("ö", "و"), ("ü", "و"), ("c", "ج"),
           ("ə", "ا"), ("x", "خ"), ("q", "ق")],
    "de": [("sch", "ش"), ("tsch", "تش"), ("ch", "خ"), ("ß", "س"), ("ä", "ي"), ("ö", "و"),
           ("ü", "و"), ("ei", "اي"), ("eu", "وي"), ("ie", "ي"), ("w", "ف"), ("v", "ف"),
           ("tz", "تس"), ("z", "تس"), ("j", "ي")],
    "nl": [("sch", "سخ"), ("ij", "اي"), ("oe", "و"), ("ui", "وي"), ("j", "ي"), ("g", "خ"),
           ("v", "ف"), ("w", "ف"), ("ch", "خ")],
    "it": [("gli", "لي"), ("gn", "ني"), ("sci", "ش"), ("sce", "شي"), ("cch", "ك"), ("ch", "ك"),
           ("ci", "تشي"), ("ce", "تشي"), ("ggi", "ج"), ("gi", "ج"), ("ge", "جي"), ("gh", "غ"),
           ("zz", "تس"), ("z", "تس")],
    "es": [("ll", "ي"), ("ñ", "ني"), ("j", "خ"), ("gue", "غي"), ("gui", "غي"), ("ge", "خي"),
           ("gi", "خي"), ("que", "كي"), ("qui", "كي"), ("ch", "تش"), ("z", "ث")],
    "pt": [("lh", "لي"), ("nh", "ني"), ("ão", "او"), ("ç", "س"), ("ch", "ش"), ("j", "ج")],
    "fr": [("eaux", "و"), ("eau", "و"), ("oi", "وا"), ("ou", "و"), ("au", "و"), ("ch", "ش"),
           ("gn", "ني"), ("qu", "ك"), ("ç", "س")],
    "hr": [("ć", "تش"), ("č", "تش"), ("š", "ش"), ("ž", "ج"), ("đ", "دج"), ("c", "تس"),
           ("j", "ي")],
    "cs": [("ch", "خ"), ("č", "تش"), ("š", "ش"), ("ž", "ج"), ("ř", "رج"), ("c", "تس"),
           ("j", "ي")],
    "hu": [("sz", "س"), ("cs", "تش"), ("zs", "ج"), ("gy", "ج"), ("ny", "ني"), ("s", "ش"),
           ("c", "تس"), ("j", "ي")],
    "yo": [("gb", "غب"), ("kp", "كب")],
    "zu": [("hl", "هل"), ("dl", "دل"), ("ph", "ب"), ("th", "ت"), ("kh", "ك")],
    "tw": [("ky", "تش"), ("gy", "ج")],
    "in": [("bh", "به"), ("th", "ت"), ("dh", "د"), ("aa", "ا"), ("ee", "ي")],
}
#: Generic digraphs (English-like reading), then single letters. A value with "|" is a choice.
_DIGRAPHS = [
    ("tch", "تش"), ("sch", "ش"), ("sh", "ش"), ("ch", "تش|ش"), ("th", "ث|ت"), ("ph", "ف"),
    ("kh", "خ"), ("gh", "غ"), ("dh", "ذ|د"), ("ck", "ك"), ("qu", "كو"), ("wh", "و"),
    ("ee", "ي"), ("ea", "ي"), ("ie", "ي"), ("oo", "و"), ("ou", "و"), ("au", "و"), ("ai", "اي"),
    ("ay", "اي"), ("ei", "اي"), ("ey", "اي"), ("oa", "و"), ("ng", "نغ"), ("x", "كس"),
]
_SINGLE = {
    "b": "ب", "d": "د", "f": "ف", "h": "ه", "k": "ك", "l": "ل", "m": "م", "n": "ن", "p": "ب",
    "q": "ك", "r": "ر", "t": "ت", "v": "ف", "w": "و", "y": "ي", "z": "ز", "j": "ج",
}  # fmt: skip
_ARABIC_LETTERS = re.compile("[\u0600-\u06ff]")


def _fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).lower()


def to_arabic(word: str, lang: str, rng: random.Random) -> str:
    """One Latin name word written in Arabic script the way the press writes a foreign name."""
    text = word.lower().replace("'", "").replace("-", " ")
    for src, dst in _PRE.get(lang, ()):
        if src[0] in "aeiouäöüıə":  # a word-initial vowel is carried by an alef (أو, أي)
            text = re.sub(rf"(^|\s){re.escape(src)}", rf"\1<أ{dst}>", text)
        text = text.replace(src, f"<{dst}>")
    text = re.sub(r"<([^>]*)>", lambda m: "\x00".join(m.group(1)), text)  # protect Arabic
    text = _fold(text).replace("\x00", "")
    out: list[str] = []
    i, n = 0, len(text)
    egyptian_g = rng.random() < 0.3  # Egyptian usage writes hard g as ج
    while i < n:
        c = text[i]
        if c == " ":
            out.append(" ")
            i += 1
            continue
        if _ARABIC_LETTERS.match(c):
            out.append(c)
            i += 1
            continue
        if i + 1 < n and text[i + 1] == c and c not in "aeiou":
            i += 1  # doubled consonants are written once
            continue
        start = i == 0 or text[i - 1] == " "
        end = i == n - 1 or text[i + 1] == " "
        hit = next(
            ((s, d) for s, d in _DIGRAPHS if len(s) > 1 and text.startswith(s, i)), None
        )
        if hit:
            src, dst = hit
            choice = rng.choice(dst.split("|"))
            if start and choice[0] in "يو":
                choice = ("إ" if choice[0] == "ي" else "أ") + choice
            out.append(choice)
            i += len(src)
            continue
        if c in "aeiou":
            out.append(_vowel(c, start, end, lang, rng))
        elif c == "c":
            out.append("س" if i + 1 < n and text[i + 1] in "eiy" else "ك")
        elif c == "g":
            soft = i + 1 < n and text[i + 1] in "eiy" and lang in ("en", "fr", "it", "pt")
            out.append("ج" if soft or egyptian_g else "غ")
        elif c == "s":
            between = 0 < i < n - 1 and text[i - 1] in "aeiou" and text[i + 1] in "aeiou"
            out.append("ز" if between and rng.random() < 0.6 else "س")
        elif c == "x":
            out.append("كس")
        elif c == "h" and (end or (i > 0 and text[i - 1] in "aeiou" and not start)):
            if not end:
                out.append("ه")
            # a final h after a vowel is not written (Sarah -> سارة/سارا is the vowel)
        elif c in _SINGLE:
            out.append(_SINGLE[c])
        i += 1
    return "".join(out)


def _vowel(c: str, start: bool, end: bool, lang: str, rng: random.Random) -> str:
    if start:
        return {"a": "أ", "e": rng.choice(["إ", "إي"]), "i": "إي", "o": "أو", "u": "أو"}[c]
    if end:
        if c == "e" and lang in ("en", "fr"):
            return ""  # silent final e (Mike, Claire)
        return {"a": rng.choice(["ا", "ا", "ة"]), "e": "ي", "i": "ي", "o": "و", "u": "و"}[c]
    # medial short vowels: a and e are often left unwritten, o/u/i written as long vowels
    if c == "a":
        return "ا" if rng.random() < 0.7 else ""
    if c == "e":
        return "ي" if rng.random() < 0.45 else ""
    return {"i": "ي", "o": "و", "u": "و"}[c]


# --- Latin respelling (another Latin writer), independent of interlink.names ------------------

_RESPELL = [
    (r"ph", "f"), (r"f", "ph"), (r"ck", "k"), (r"k", "ck"), (r"c(?=[aou])", "k"),
    (r"([bdfgklmnprst])\1", r"\1"), (r"(?<=[aeiou])([lmnrst])(?=[aeiou])", r"\1\1"),
    (r"y$", "i"), (r"i$", "y"), (r"ie$", "y"), (r"ou", "u"), (r"u", "ou"), (r"oo", "u"),
    (r"ee", "i"), (r"sh", "ch"), (r"ch", "sh"), (r"sch", "sh"), (r"dj", "j"), (r"j", "dj"),
    (r"th", "t"), (r"tz", "z"), (r"z", "s"), (r"x", "ks"), (r"ei", "ai"), (r"v", "w"),
    (r"w", "v"), (r"e(?=[^aeiou]+$)", "a"), (r"a(?=[^aeiou]+$)", "e"), (r"kh", "h"),
    (r"q", "k"), (r"ae", "ai"), (r"ah$", "a"), (r"a$", "ah"), (r"i", "ee"),
]  # fmt: skip


def respell(word: str, rng: random.Random) -> str:
    """Another plausible Latin spelling of a word (one rewrite rule that applies)."""
    low = word.lower()
    rules = [(p, r) for p, r in _RESPELL if re.search(p, low)]
    rng.shuffle(rules)
    for pattern, repl in rules:
        out = re.sub(pattern, repl, low, count=1)
        if out != low:
            return out.capitalize()
    return word


# --- name pools ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """One name word: its Latin spellings (most frequent first, with weights), Arabic script
    (Wikidata label) or None (Faker: written by `to_arabic`), and the source language."""

    latin: tuple[str, ...]
    weights: tuple[float, ...]
    arabic: str | None
    lang: str

    def spelling(self, rng: random.Random) -> str:
        if len(self.latin) == 1:
            return self.latin[0]
        return rng.choices(self.latin, weights=self.weights)[0]

    def other_spelling(self, than: str, rng: random.Random) -> str:
        others = [s for s in self.latin if s.lower() != than.lower()]
        if others:
            return rng.choice(others)
        return respell(than, rng)

    def script(self, rng: random.Random) -> str:
        if self.arabic is not None:
            return self.arabic
        return " ".join(to_arabic(w, self.lang, rng) for w in self.latin[0].split())


def _package_file(package: str, *parts: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{package} is not installed: pip install -e '.[bench]'")
    return Path(next(iter(spec.submodule_search_locations)), *parts)


def _consonants(text: str) -> str:
    return re.sub(r"[^bcdfghjklmnpqrstvwxz]", "", _fold(text))


def wikidata_words() -> dict[str, dict[str, list[Word]]]:
    """origin -> role (given/surname) -> words, from arabic-name-romanizer's Wikidata table."""
    db = sqlite3.connect(_package_file("arabic_name_romanizer", "resources", "names.sqlite3"))
    rows = db.execute(
        "select arabic_key, latin, country, role, count from units "
        "where role in ('given', 'surname')"
    ).fetchall()
    grouped: dict[tuple[str, str, str], dict[str, float]] = {}
    for arabic, latin, country, role, count in rows:
        origin = COUNTRY_ORIGIN.get(country, "arabic")
        if not latin or not re.fullmatch(r"[\w' -]+", latin) or len(arabic) < 2:
            continue
        if any(ord(c) > 0x24F for c in latin):  # Latin letters only
            continue
        key = (origin, role, arabic)
        spellings = grouped.setdefault(key, {})
        clean = latin.strip()
        if clean.isupper() or clean.islower():
            clean = clean.title()
        spellings[clean] = spellings.get(clean, 0) + count
    out: dict[str, dict[str, list[Word]]] = {}
    for (origin, role, arabic), spellings in grouped.items():
        ranked = sorted(spellings.items(), key=lambda kv: -kv[1])
        top = _consonants(ranked[0][0])
        kept = [(s, w) for s, w in ranked if ratio(_consonants(s), top) >= 60]
        word = Word(tuple(s for s, _ in kept), tuple(float(w) for _, w in kept), arabic, "ar")
        out.setdefault(origin, {}).setdefault(role, []).append(word)
    return out


def faker_words() -> dict[str, dict[str, list[Word]]]:
    """origin -> role -> words, from Faker's person locales (Latin only)."""
    import importlib

    out: dict[str, dict[str, list[Word]]] = {}
    for origin, locales in FAKER_LOCALES.items():
        for locale in locales:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
            lang = "in" if locale in ("en_IN", "en_PK") else locale.split("_")[0]
            for role, attr in (("given", "first_names"), ("surname", "last_names")):
                names = getattr(provider, attr, None) or ()
                weights = dict(names) if isinstance(names, dict) else dict.fromkeys(names, 1.0)
                for name, weight in weights.items():
                    if not name or not re.fullmatch(r"[^\W\d_]+(?:[ '-][^\W\d_]+)*", name):
                        continue
                    if len(weights) < 5 or name in ("Doe",):
                        continue
                    word = Word((name,), (float(weight),), None, lang)
                    out.setdefault(origin, {}).setdefault(role, []).append(word)
    return out


PARTICLES_AR = [("Ben", "بن"), ("Bin", "بن"), ("Ould", "ولد"), ("Abou", "ابو"), ("Abu", "ابو")]
PARTICLES_EU = {"nl": ["van", "van der", "van den", "de"], "de": ["von"],
                "es": ["de", "de la"], "it": ["di", "de"], "fr": ["de", "le"],
                "pt": ["da", "de"]}  # fmt: skip
_GLUE_PREFIX = re.compile(r"^(abd(?:el|ul|al|oul)?|abu|abou|ben|bin|el|al|ould|bou|ait)(?=\w{3,})")


@dataclass
class Person:
    origin: str
    words: list[Word]  # given, [middle], family
    latin: list[str]  # the list's spelling of each word
    particle: tuple[str, str, str] | None = None  # (latin, arabic, position) before family

    def family_first(self) -> list[str]:
        return self.latin[-1:] + self.latin[:-1]


@dataclass
class Dataset:
    watchlist: list[dict[str, str]] = field(default_factory=list)
    queries: list[dict[str, str]] = field(default_factory=list)


class Generator:
    """Draws people of every origin; common words are drawn more often (Wikidata counts,
    Faker's own weights), so a large list has the heavy heads real lists have."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        wiki = wikidata_words()
        fake = faker_words()
        self.pools: dict[tuple[str, str, str], tuple[list[Word], list[float]]] = {}
        for source, pools in (("wiki", wiki), ("faker", fake)):
            for origin, roles in pools.items():
                for role, words in roles.items():
                    cum = list(itertools.accumulate(sum(w.weights) ** 0.75 for w in words))
                    self.pools[(source, origin, role)] = (words, cum)

    def _draw(self, source: str, origin: str, role: str) -> Word:
        words, cum = self.pools[(source, origin, role)]
        return self.rng.choices(words, cum_weights=cum)[0]

    def person(self) -> Person:
        rng = self.rng
        origin = rng.choices(ORIGINS, weights=[ORIGIN_SHARE[o] for o in ORIGINS])[0]
        if origin in ("european", "turkish"):
            source = "faker"
        elif origin in FAKER_SHARE:
            source = "faker" if rng.random() < FAKER_SHARE[origin] else "wiki"
        else:
            source = "wiki"
        given = self._draw(source, origin, "given")
        family = self._draw(source, origin, "surname")
        words = [given]
        if rng.random() < 0.6:
            words.append(self._draw(source, origin, "given"))
        words.append(family)
        latin = [w.spelling(rng) for w in words]
        particle = None
        if rng.random() < 0.12:
            if source == "wiki":
                lat, ar = rng.choice(PARTICLES_AR)
                particle = (lat, ar, "family")
            elif words[-1].lang in PARTICLES_EU:
                lat = rng.choice(PARTICLES_EU[words[-1].lang])
                particle = (lat, None, "family")  # type: ignore[assignment]
        return Person(origin, words, latin, particle)

    def latin_name(self, p: Person, latin: list[str] | None = None, glue: bool = False) -> str:
        parts = list(latin or p.latin)
        if p.particle:
            lat = p.particle[0]
            parts[-1] = (lat.replace(" ", "") + parts[-1].lower()).capitalize() if glue \
                else f"{lat} {parts[-1]}"
        return " ".join(parts)

    def arabic_name(self, p: Person, with_middle: bool = True) -> str:
        words = p.words if with_middle or len(p.words) < 3 else [p.words[0], p.words[-1]]
        parts = [w.script(self.rng) for w in words]
        if p.particle:
            ar = p.particle[1] or to_arabic(p.particle[0], p.words[-1].lang, self.rng)
            parts[-1] = f"{ar} {parts[-1]}"
        return " ".join(parts)


def _identity(p: Person) -> tuple[str, str]:
    """Who a person is for the unlisted check: given and family word (script-independent)."""
    def ident(w: Word) -> str:
        return w.arabic.removeprefix("ال") if w.arabic else _fold(w.latin[0])

    return ident(p.words[0]), ident(p.words[-1])


def generate(size: int, per_kind: int, seed: int = 13, arabic_entries: float = 0.08) -> Dataset:
    """`size` listed people (Latin script, `arabic_entries` of the Wikidata ones in Arabic
    script) and `per_kind` queries of each kind in `KINDS`."""
    gen = Generator(seed)
    rng = gen.rng
    data = Dataset()
    listed: list[tuple[Person, bool]] = []
    identities: set[tuple[str, str]] = set()
    for i in range(size):
        p = gen.person()
        in_arabic = p.words[0].arabic is not None and rng.random() < arabic_entries
        name = gen.arabic_name(p) if in_arabic else gen.latin_name(p)
        listed.append((p, in_arabic))
        identities.add(_identity(p))
        data.watchlist.append({"id": f"W{i}", "name": name, "origin": p.origin})

    def add(kind: str, idx: int | None, name: str, origin: str) -> None:
        data.queries.append({"id": f"Q{len(data.queries)}", "kind": kind, "name": name,
                             "expected": f"W{idx}" if idx is not None else "",
                             "origin": origin})  # fmt: skip

    latin_ids = [i for i, (_, ar) in enumerate(listed) if not ar]
    by_origin: dict[str, list[int]] = {}
    for i in latin_ids:
        by_origin.setdefault(listed[i][0].origin, []).append(i)
    arabic_ids = [i for i, (_, ar) in enumerate(listed) if ar]
    middle_ids = [i for i in latin_ids if len(listed[i][0].words) == 3]
    particle_ids = [
        i for i in latin_ids
        if listed[i][0].particle or any(_GLUE_PREFIX.match(s.lower()) for s in listed[i][0].latin)
    ]  # fmt: skip
    per_origin = max(1, per_kind // len(ORIGINS))
    for origin in ORIGINS:
        for _ in range(per_origin):
            i = rng.choice(by_origin[origin])
            add("arabic_script", i, gen.arabic_name(listed[i][0]), origin)
    for _ in range(per_kind):
        if arabic_ids:
            i = rng.choice(arabic_ids)
            p = listed[i][0]
            add("latin_vs_arabic_entry", i, gen.latin_name(p, [w.spelling(rng) for w in p.words]),
                p.origin)
        i = rng.choice(latin_ids)
        p = listed[i][0]
        other = list(p.latin)
        for k in rng.sample(range(len(other)), k=min(len(other), rng.choice([1, 2]))):
            other[k] = p.words[k].other_spelling(other[k], rng)
        add("other_spelling", i, gen.latin_name(p, other), p.origin)
        i = rng.choice(latin_ids)
        p = listed[i][0]
        family = gen.latin_name(Person(p.origin, p.words[-1:], p.latin[-1:], p.particle))
        reordered = " ".join([family, *p.latin[:-1]])
        add("reordered", i, reordered.upper() if rng.random() < 0.3 else reordered, p.origin)
        i = rng.choice(middle_ids)
        p = listed[i][0]
        add("dropped_middle", i, gen.latin_name(p, [p.latin[0], p.latin[-1]]), p.origin)
        i = rng.choice(particle_ids)
        p = listed[i][0]
        add("particles", i, _particle_variant(gen, p), p.origin)
    made = 0
    while made < per_kind:
        p = gen.person()
        if _identity(p) in identities:
            continue  # a namesake of a listed person is not "unlisted"
        add("unlisted", None, gen.latin_name(p) if rng.random() < 0.5 else gen.arabic_name(p),
            p.origin)
        made += 1
    return data


def _particle_variant(gen: Generator, p: Person) -> str:
    """The listed name with its particles glued where they were apart and apart where glued."""
    if p.particle:
        if gen.rng.random() < 0.3 and p.particle[0] in ("Ben", "Bin"):
            swapped = Person(p.origin, p.words, p.latin, ("Ibn" if p.particle[0] == "Bin"
                                                           else "Bin", "", "family"))
            return gen.latin_name(swapped)
        return gen.latin_name(p, glue=True)
    parts = []
    for s in p.latin:
        m = _GLUE_PREFIX.match(s.lower())
        if m:
            prefix, rest = s[: m.end()], s[m.end():]
            sep = gen.rng.choice([" ", "-", " "])
            parts.append(f"{prefix}{sep}{rest.capitalize()}")
        elif " " in s or "-" in s:
            parts.append(s.replace(" ", "").replace("-", "").capitalize())
        else:
            parts.append(s)
    return " ".join(parts)
