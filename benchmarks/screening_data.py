"""Synthetic screening data: listed persons, and queries that should or should not hit them.

Deterministic for a seed. Names are built the way real Arabic names are: a given name, often a
father's name (nasab), a family name; family names are drawn from a list of real Maghrebi and
Middle-Eastern family names and from synthetic ones built on Arabic root patterns (Haddad,
Mansouri, Makhlouf shapes), so that a million-name list has a realistic vocabulary.

Each name exists as *Arabic script* and as *sounds* (consonants with their vowels). Latin
spellings are produced from the sounds by a romaniser that picks, per name and at random, the
conventions of French (ou, ch, dj, kh, -a), English (u, sh, j, kh, -ah) or Spanish (u, ch, y,
j for kh), and sometimes doubles or undoubles consonants, writes the article or not, and so on.
This romaniser is written independently of `interlink.names` (it spells; it does not match),
but both encode the same knowledge of how Arabic is written in Latin, so real-world spellings
outside these conventions will do worse than these figures: read them as an upper bound.

Query kinds (see `QueryKind`): arabic_vs_latin (Arabic-script query, Latin list entry),
latin_vs_arabic (the reverse), other_spelling, family_first, dropped_middle, and unlisted:
people not on the list who share common parts with listed people (Mohamed, Ahmed, a frequent
family name) but not both their given and family names.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field

# Sounds: consonants are Arabic letters; "a", "i", "u" short vowels; "A", "I", "U" long vowels
# (written ا ي و in Arabic). "=" doubles the previous consonant (shadda, unwritten in Arabic).

#: (Arabic script, sounds) of given names.
MALE = [
    ("محمد", "muħam=ad"), ("أحمد", "ʔaħmad"), ("علي", "ʕalI"), ("حسن", "ħasan"),
    ("حسين", "ħusayn"), ("محمود", "maħmUd"), ("مصطفى", "muṣṭafA"), ("عمر", "ʕumar"),
    ("يوسف", "yUsuf"), ("خالد", "xAlid"), ("سعيد", "saʕId"), ("كريم", "karIm"),
    ("إبراهيم", "ʔibrAhIm"), ("إسماعيل", "ʔismAʕIl"), ("حمزة", "ħamzah"), ("ياسين", "yAsIn"),
    ("رشيد", "raʃId"), ("عادل", "ʕAdil"), ("نبيل", "nabIl"), ("سمير", "samIr"),
    ("عبد القادر", "ʕabd al-qAdir"), ("عبد الرحمن", "ʕabd ar-raħmAn"),
    ("عبد العزيز", "ʕabd al-ʕazIz"), ("عبد الله", "ʕabd al-lAh"), ("عبد الإله", "ʕabd al-ʔilAh"),
    ("عثمان", "ʕuθmAn"), ("موسى", "mUsA"), ("يونس", "yUnus"), ("أيوب", "ʔay=Ub"),
    ("أمين", "ʔamIn"), ("مهدي", "mahdI"), ("هشام", "hiʃAm"), ("فؤاد", "fuʔAd"),
    ("جمال", "jamAl"), ("طارق", "ṭAriq"), ("زكرياء", "zakariyA"), ("أنس", "ʔanas"),
    ("بلال", "bilAl"), ("مروان", "marwAn"), ("وليد", "walId"), ("زياد", "ziyAd"),
    ("سفيان", "sufyAn"), ("أسامة", "ʔusAmah"), ("نور الدين", "nUr ad-dIn"),
    ("صلاح الدين", "ṣalAħ ad-dIn"), ("جعفر", "jaʕfar"), ("منصور", "manṣUr"),
    ("قاسم", "qAsim"), ("شريف", "ʃarIf"), ("توفيق", "tawfIq"), ("عماد", "ʕimAd"),
    ("غسان", "ɣas=An"), ("رضا", "riḍA"), ("إدريس", "ʔidrIs"), ("حميد", "ħamId"),
    ("مراد", "murAd"), ("لطفي", "luṭfI"), ("بشير", "baʃIr"), ("ناصر", "nAṣir"),
]  # fmt: skip
FEMALE = [
    ("فاطمة", "fAṭimah"), ("عائشة", "ʕAʔiʃah"), ("خديجة", "xadIjah"), ("زينب", "zaynab"),
    ("مريم", "maryam"), ("أمينة", "ʔamInah"), ("نادية", "nAdiyah"), ("ليلى", "laylA"),
    ("سميرة", "samIrah"), ("سلمى", "salmA"), ("حنان", "ħanAn"), ("نعيمة", "naʕImah"),
    ("لطيفة", "laṭIfah"), ("مليكة", "malIkah"), ("رشيدة", "raʃIdah"), ("سعاد", "suʕAd"),
    ("كريمة", "karImah"), ("سارة", "sArah"), ("هاجر", "hAjar"), ("إيمان", "ʔImAn"),
    ("ياسمين", "yAsmIn"), ("نوال", "nawAl"), ("سناء", "sanAʔ"), ("هدى", "hudA"),
]  # fmt: skip
#: Real family names (Arabic script, sounds).
FAMILY = [
    ("العلوي", "al-ʕalawI"), ("الإدريسي", "al-ʔidrIsI"), ("بناني", "ban=AnI"),
    ("التازي", "at-tAzI"), ("الفاسي", "al-fAsI"), ("الحمداوي", "al-ħamdAwI"),
    ("بنعلي", "bin ʕalI"), ("المنصوري", "al-manṣUrI"), ("الشرايبي", "aʃ-ʃarAybI"),
    ("الوزاني", "al-waz=AnI"), ("القادري", "al-qAdirI"), ("الحداد", "al-ħad=Ad"),
    ("النجار", "an-naj=Ar"), ("الخياط", "al-xay=AṭI"), ("الصباغ", "aṣ-ṣab=Aɣ"),
    ("بوزيد", "bU zayd"), ("الرشيدي", "ar-raʃIdI"), ("السوسي", "as-sUsI"),
    ("المراكشي", "al-mar=AkʃI"), ("الطاهري", "aṭ-ṭAhirI"), ("الزين", "az-zayn"),
    ("عمرة", "ʕamrah"), ("الكتاني", "al-kat=AnI"), ("بنكيران", "bin kIrAn"),
    ("السلاوي", "as-salAwI"), ("الحسني", "al-ħasanI"), ("مخلوف", "maxlUf"),
    ("الشامي", "aʃ-ʃAmI"), ("البغدادي", "al-baɣdAdI"), ("المصري", "al-miṣrI"),
]  # fmt: skip

#: Consonants used to build synthetic family names on root patterns.
ROOT_LETTERS = "بتجحخدرزسشصطعغفقكلمنه"
PATTERNS = [  # C = root consonant in order; sounds otherwise
    "CaCCAC", "CaCCACI", "CACiC", "CaCICI", "maCCUC", "maCCUCI", "CaCCAwI", "CuCCAC",
    "al-CaCCACI", "al-CaCICI", "bin CaCIC", "bU CaCCAC", "CaCCUC", "al-CACiCI",
]

# Romanisation choices per sound, by convention. Each list: (french, english, spanish).
ROMAN = {
    "b": ("b", "b", "b"), "t": ("t", "t", "t"), "θ": ("th", "th", "z"), "j": ("dj", "j", "y"),
    "ħ": ("h", "h", "h"), "x": ("kh", "kh", "j"), "d": ("d", "d", "d"), "ð": ("dh", "dh", "d"),
    "r": ("r", "r", "r"), "z": ("z", "z", "z"), "s": ("s", "s", "s"), "ʃ": ("ch", "sh", "ch"),
    "ṣ": ("s", "s", "s"), "ḍ": ("d", "d", "d"), "ṭ": ("t", "t", "t"), "ẓ": ("z", "z", "z"),
    "ʕ": ("", "", ""), "ɣ": ("gh", "gh", "g"), "f": ("f", "f", "f"), "q": ("k", "q", "k"),
    "k": ("k", "k", "k"), "l": ("l", "l", "l"), "m": ("m", "m", "m"), "n": ("n", "n", "n"),
    "h": ("h", "h", "h"), "w": ("ou", "w", "u"), "y": ("y", "y", "y"), "ʔ": ("", "", ""),
    "a": ("a", "a", "a"), "i": ("i", "i", "i"), "u": ("ou", "u", "u"),
    "A": ("a", "a", "a"), "I": ("i", "ee", "i"), "U": ("ou", "oo", "u"),
}  # fmt: skip
#: Occasional alternatives (any convention): vowel colour, hard consonants.
ALT = {
    "a": ["e", "a"], "i": ["e", "i"], "u": ["o", "ou", "u"], "U": ["u", "ou", "o"],
    "I": ["i", "y", "ee"], "q": ["k", "q", "g"], "s": ["ss", "s"], "ṣ": ["ss", "s"],
    "j": ["j", "dj", "g"], "x": ["kh", "x"], "ʃ": ["ch", "sh"], "ʕ": ["", "a", "'"],
    "θ": ["th", "t"],
}
LETTERS_AR = {
    "b": "ب", "t": "ت", "θ": "ث", "j": "ج", "ħ": "ح", "x": "خ", "d": "د", "ð": "ذ", "r": "ر",
    "z": "ز", "s": "س", "ʃ": "ش", "ṣ": "ص", "ḍ": "ض", "ṭ": "ط", "ẓ": "ظ", "ʕ": "ع", "ɣ": "غ",
    "f": "ف", "q": "ق", "k": "ك", "l": "ل", "m": "م", "n": "ن", "h": "ه", "w": "و", "y": "ي",
    "ʔ": "ء",
}  # fmt: skip
ROOT_SOUNDS = {v: k for k, v in LETTERS_AR.items()}

VOWELS = set("aiuAIU")


@dataclass(frozen=True)
class NamePiece:
    """One name part: Arabic script and sounds."""

    arabic: str
    sounds: str


def romanize(sounds: str, rng: random.Random, convention: int, noise: float = 0.25) -> str:
    """A Latin spelling of the sounds under one convention, with some random variation."""
    words = []
    for word in sounds.split(" "):
        out: list[str] = []
        if word == "ʕabd":
            words.append(rng.choice(["abd", "abd", "'abd", "abd"]))
            continue
        article = word.startswith(("al-", "an-", "ar-", "as-", "at-", "aṣ-", "aʃ-", "az-", "aṭ-"))
        if article:
            art, word = word.split("-", 1)
            choice = rng.random()
            if choice < 0.35:
                art_text = None  # article dropped
            else:
                vowel = "e" if convention == 0 and rng.random() < 0.8 else "a"
                if art[1:] == "l" or rng.random() < 0.5:
                    art_text = vowel + "l"
                else:
                    art_text = vowel + ROMAN.get(art[1:], (art[1:],) * 3)[convention]
                art_text += rng.choice(["-", " ", ""]) if rng.random() < 0.7 else " "
        else:
            art_text = None
        for i, s in enumerate(word):
            if s == "=":
                if rng.random() < 0.7 and out:
                    out.append(out[-1][-1])
                continue
            options = ROMAN.get(s)
            if options is None:
                out.append(s)
                continue
            text = options[convention]
            if s in ALT and rng.random() < noise:
                text = rng.choice(ALT[s])
            if s == "ʕ" and i == 0:
                text = rng.choice(["", "'"])  # initial ain: Abd, 'Abd
            if s == "j" and convention == 2 and rng.random() < 0.5:
                text = "j"  # Spanish y for jim is one usage among others
            if s == "h" and i == len(word) - 1:  # ta marbuta: -a / -ah / -e
                text = rng.choice(["", "h", ""]) if convention != 1 else rng.choice(["h", ""])
            if s in "wy" and i == 0:
                text = {"w": rng.choice(["w", "ou"]), "y": "y"}[s] if convention == 0 else text
            out.append(text)
        spelt = "".join(out)
        if art_text:
            spelt = art_text + spelt
        words.append(spelt)
    return " ".join(w.capitalize() if " " not in w else w.title() for w in words if w)


def arabic_of(sounds: str) -> str:
    """Arabic script of a synthetic name's sounds (short vowels unwritten)."""
    words = []
    for word in sounds.split(" "):
        out = []
        if "-" in word:
            art, word = word.split("-", 1)
            out.append("ال")
        for i, s in enumerate(word):
            if s in "aiu=":
                continue
            if s == "A":
                out.append("ا")
            elif s == "I":
                out.append("ي")
            elif s == "U":
                out.append("و")
            elif s == "h" and i == len(word) - 1:
                out.append("ة")
            else:
                out.append(LETTERS_AR.get(s, s))
        words.append("".join(out))
    return " ".join(words)


def synthetic_family(rng: random.Random) -> NamePiece:
    pattern = rng.choice(PATTERNS)
    root = [ROOT_SOUNDS[c] for c in rng.sample(ROOT_LETTERS, 3)]
    sounds: list[str] = []
    k = 0
    for ch in pattern:
        if ch == "C":
            sounds.append(root[k % 3])
            k += 1
        else:
            sounds.append(ch)
    text = "".join(sounds)
    return NamePiece(arabic_of(text), text)


@dataclass
class Person:
    given: NamePiece
    middle: NamePiece | None
    family: NamePiece
    birth_date: str
    gender: str

    def pieces(self, with_middle: bool = True) -> list[NamePiece]:
        parts = [self.given]
        if self.middle is not None and with_middle:
            parts.append(self.middle)
        parts.append(self.family)
        return parts

    def arabic(self, with_middle: bool = True) -> str:
        return " ".join(p.arabic for p in self.pieces(with_middle))

    def latin(self, rng: random.Random, convention: int | None = None, with_middle=True) -> str:
        return " ".join(self.latin_pieces(rng, convention, with_middle))

    def latin_pieces(
        self, rng: random.Random, convention: int | None = None, with_middle: bool = True
    ) -> list[str]:
        conv = rng.randrange(3) if convention is None else convention
        return [romanize(p.sounds, rng, conv) for p in self.pieces(with_middle)]


@dataclass
class Dataset:
    """A watchlist (rows) and labelled queries."""

    watchlist: list[dict[str, str]] = field(default_factory=list)
    queries: list[dict[str, str]] = field(default_factory=list)  # with "kind", "expected"


KINDS = (
    "arabic_vs_latin",
    "latin_vs_arabic",
    "other_spelling",
    "family_first",
    "dropped_middle",
    "unlisted",
)


def _pool(rng: random.Random, n_family: int) -> list[NamePiece]:
    family = [NamePiece(a, s) for a, s in FAMILY]
    seen = {p.sounds for p in family}
    while len(family) < n_family:
        piece = synthetic_family(rng)
        if piece.sounds not in seen:
            seen.add(piece.sounds)
            family.append(piece)
    return family


def _birth(rng: random.Random) -> str:
    return f"{rng.randint(1955, 2004)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def generate(size: int, per_kind: int, seed: int = 7, arabic_share: float = 0.2) -> Dataset:
    """A watchlist of `size` persons and `per_kind` queries of each kind."""
    rng = random.Random(seed)
    males = [NamePiece(a, s) for a, s in MALE]
    females = [NamePiece(a, s) for a, s in FEMALE]
    # common names are much more frequent: a Zipf-like draw over the given-name lists
    male_w = [1.0 / (i + 1) ** 0.8 for i in range(len(males))]
    female_w = [1.0 / (i + 1) ** 0.8 for i in range(len(females))]
    # root patterns give about 110,000 distinct synthetic names: stay well inside that space
    families = _pool(rng, min(60_000, max(400, size // 8)))
    family_w = [1.0 / (i + 1) ** 0.6 for i in range(len(families))]
    # cumulative weights once: rng.choices would otherwise re-add them on every draw
    male_cw = list(itertools.accumulate(male_w))
    female_cw = list(itertools.accumulate(female_w))
    family_cw = list(itertools.accumulate(family_w))

    def person() -> Person:
        female = rng.random() < 0.25
        given = rng.choices(
            females if female else males, cum_weights=female_cw if female else male_cw
        )[0]
        middle = rng.choices(males, cum_weights=male_cw)[0] if rng.random() < 0.55 else None
        family = rng.choices(families, cum_weights=family_cw)[0]
        return Person(given, middle, family, _birth(rng), "F" if female else "M")

    data = Dataset()
    listed: list[tuple[Person, bool, str]] = []  # person, stored in Arabic, list spelling
    pairs: set[tuple[str, str]] = set()
    for i in range(size):
        p = person()
        in_arabic = rng.random() < arabic_share
        name = p.arabic() if in_arabic else p.latin(rng)
        listed.append((p, in_arabic, name))
        pairs.add((p.given.sounds, p.family.sounds))
        data.watchlist.append(
            {
                "id": f"W{i}",
                "name": name,
                "birth_date": p.birth_date if rng.random() < 0.7 else "",
                "gender": p.gender if rng.random() < 0.5 else "",
            }
        )
    latin_ids = [i for i, (_, ar, _) in enumerate(listed) if not ar]
    arabic_ids = [i for i, (_, ar, _) in enumerate(listed) if ar]
    middle_ids = [i for i, (p, ar, _) in enumerate(listed) if p.middle is not None and not ar]

    def add(kind: str, idx: int | None, name: str, person_: Person) -> None:
        data.queries.append(
            {
                "id": f"Q{len(data.queries)}",
                "kind": kind,
                "expected": f"W{idx}" if idx is not None else "",
                "name": name,
                "birth_date": person_.birth_date,
                "gender": person_.gender,
            }
        )

    for _ in range(per_kind):
        i = rng.choice(latin_ids)
        add("arabic_vs_latin", i, listed[i][0].arabic(), listed[i][0])
        if arabic_ids:
            i = rng.choice(arabic_ids)
            add("latin_vs_arabic", i, listed[i][0].latin(rng), listed[i][0])
        i = rng.choice(latin_ids)
        add("other_spelling", i, _respell(listed[i], rng), listed[i][0])
        i = rng.choice(latin_ids)
        p = listed[i][0]
        pieces = p.latin_pieces(rng)
        add("family_first", i, " ".join(pieces[-1:] + pieces[:-1]), p)
        if middle_ids:
            i = rng.choice(middle_ids)
            add("dropped_middle", i, listed[i][0].latin(rng, with_middle=False), listed[i][0])
    made = 0
    while made < per_kind:
        p = person()
        if (p.given.sounds, p.family.sounds) in pairs:
            continue  # a namesake of a listed person is not "unlisted": skip
        add("unlisted", None, p.latin(rng) if rng.random() < 0.8 else p.arabic(), p)
        made += 1
    return data


def _respell(item: tuple[Person, bool, str], rng: random.Random) -> str:
    """Another Latin spelling of a listed Latin name (up to 5 tries to differ)."""
    person, _, listed_name = item
    name = listed_name
    for _ in range(5):
        name = person.latin(rng)
        if name.lower() != listed_name.lower():
            break
    return name
