"""Name parts: words grouped into the units that Arabic naming actually uses.

A word is not always a name part. "Abd al-Qadir" is one name (servant of the Capable) written as
one, two or three words (Abdelkader, Abdel Kader, Abd El Kader, عبد القادر, عبدالقادر);
"Nour ed-Din" likewise (Noureddine). "ben Ali" is a patronymic in a chain (Mohamed ben Ahmed
ben Ali) but also a family name written "Benali". The article al-/el- is part of many family
names and is dropped or kept at will (El Hassan, Hassan, الحسن). This module turns a name into
`Part`s with those rules applied, and records what it did so the explanation can say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from interlink.names.arabic import arabic_classes, strip_article
from interlink.names.arabic import readings as arabic_readings
from interlink.names.keys import SoundKey, classes, join_particle, sound_key
from interlink.names.latin import VOWELS, concat
from interlink.names.normalize import has_arabic, tokenize
from interlink.names.variants import learned_classes

#: Latin spellings of the article when written as a separate word (El Hassan, Al-Amin).
LATIN_ARTICLES = frozenset({"al", "el", "ul", "il", "ol"})
#: The article assimilated to a following "sun letter" (Ar-Rashid, Es-Sayed, Ash-Shami): only
#: an article when the next word starts with the same sound, else "As" or "Ed" may be a name.
SUN_ARTICLES = {
    "ad": "d", "ar": "r", "as": "s", "at": "t", "az": "z", "an": "n", "ash": "sh",
    "ath": "th", "ed": "d", "er": "r", "es": "s", "et": "t", "ez": "z", "en": "n",
    "ech": "ch", "ud": "d", "ur": "r", "us": "s", "un": "n",
}  # fmt: skip

#: Patronymic connectors ("son/daughter of"), Latin and Arabic.
CONNECTORS = frozenset(
    {"bin", "ben", "ibn", "bint", "bent", "ould", "ibnu", "bn", "بن", "ابن", "بنت", "ولد",
     # Mauritanian Hassaniya "mint" (daughter of), beside "ould": Mint El-Moctar = بنت المختار
     "mint", "منت"}
)
#: Kunya prefixes ("father/mother of"): Abu Bakr, Oum Kalthoum, and the Maghrebi "Bou" of
#: family names (Bou Zid, written بوزيد in one word in Arabic, hence its own key "B").
KUNYA = {
    "abu": "AB", "abou": "AB", "abo": "AB", "ابو": "AB", "umm": "AM", "oum": "AM", "um": "AM",
    "om": "AM", "ام": "AM", "bou": "B", "bu": "B", "boo": "B", "bo": "B", "بو": "B",
    # Berber "Aït" (sons of): Ait Benali = Aitbenali = آيت بنعلي
    "ait": "AT", "ايت": "AT",
}  # fmt: skip
#: Words that are a particle, never a name of their own: the connectors, the kunyas and the
#: genitive of Abu after Ibn (Ibn Abi Talib = ابن ابي طالب), which the parser may leave as the
#: last word of a patronymic when the name follows apart.
PARTICLE_WORDS = CONNECTORS | frozenset(KUNYA) | {"abi", "ابي"}
#: The "servant of" prefix written as its own word.
ABD_WORDS = frozenset(
    {"abd", "abdel", "abdul", "abdal", "abdoul", "abdil", "abde", "abdu", "عبد",
     # Persian Abdol-Hossein, South-Asian Abdur Rahman / Abdus Salam (the article assimilated)
     "abdol", "abdur", "abdus",
     # Abdul written letter by letter apart from its name: عبدال طلال, عبدل لبني
     "عبدال", "عبدل", "عبدول"}
)  # fmt: skip
#: The second half of "X ad-Din" names when written apart (Nour Eddine, Salah ud-Din).
DIN_WORDS = frozenset(
    {"din", "dine", "deen", "eddine", "eddin", "uddin", "uddine", "addin", "iddin", "دين", "الدين"}
)

#: "Allah" as the second half of a compound name (Atta Allah = Attallah = عطا الله = عطاالله,
#: Nasr Allah, Fath Allah): written apart, it is read with the word before it as one part,
#: keyed as the words written together, like the abd compounds. Not "Alla" nor "Ulla":
#: Alla is also علاء (Alaa) as a name of its own ("Allian Alla" is عليان علاء).
ALLAH_WORDS = frozenset({"الله", "allah", "ullah", "illah", "ollah", "llah"})

#: Particles of European family names (van der Berg, de la Cruz, di Maria, von Trotha): kept
#: with the name they introduce as one part keyed on the letters written together, so that
#: "de Matteotti" = "Dematteotti"; the name alone is a variant (the particle dropped).
EUROPEAN_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "di", "da", "du", "del", "della", "dei", "des", "dos",
     "das", "la", "le", "ter", "ten", "zu", "vom",
     # as Arabic-script writers write them (فان دن بوش, دي لا كروز, فون تروتا)
     "فان", "فن", "فون", "دي", "دو", "دا", "ديل", "ديلا", "دن", "دير", "لا", "لو"}
)  # fmt: skip
#: Arabic particles glued to the name in Latin writing (Ouldmostafa, Abubakr, Bouchiche,
#: Aitbenali): the compound key of the particle written apart, and the name alone.
_LATIN_GLUED = re.compile(r"^(ould|oulad|abou|abu|ibn|bin|ben|ait|abo(?=[ae]l))(?=[a-z]{3,}$)")
_GLUED_KEYS = {"ould": "BN", "oulad": "BN", "ibn": "BN", "bin": "BN", "ben": "BN",
               "abou": "AB", "abu": "AB", "abo": "AB", "ait": "AT"}  # fmt: skip
#: The article glued between a kunya and its name, before a consonant: Aboulfath = ابو
#: الفتح, Aboelmagd = ابو المجد, Abualhassan = ابو الحسن (Aboulela keeps its l: ابو العلا).
_KUNYA_ARTICLE = re.compile("^[ae]?l(?=[^aeiouy][a-z]{2,}$)")
_GLUED_BIN = frozenset(k for k, v in _GLUED_KEYS.items() if v == "BN")
#: the glued particles read over an Abd compound: a connector, or a kunya (Abouabdelnour)
_GLUED_OVER_ABD = _GLUED_BIN | {"abu", "abou"}


def _glued_over_compound(particle: str) -> tuple[str, str]:
    """A glued particle's key and kind over the compound after it (`_over_compound`)."""
    return _GLUED_KEYS[particle], "patronymic" if particle in _GLUED_BIN else "kunya"


#: A connector glued to "abd" with the name apart ("Ouldabdul Majid", "Benabdel Kader"): read
#: with the next word like a connector, so these are connectors too (resolve.frame parses
#: a name word by word unless it holds a connector).
CONNECTORS = CONNECTORS | frozenset(
    b + a for b in _GLUED_OVER_ABD for a in ABD_WORDS if a.isascii()
)
_LATIN_ABD = re.compile(r"^abd(?:ou|[aeiou])?l?(?=[a-z]{2,}$)")
#: What follows "abd" must be a name, with a consonant: Abdou, Abdoo and Abduh are the one
#: name عبده (ABD), not "Abd" + a vowel.
_VOWELS_ONLY = re.compile(r"^[aeiouyh]*$")
#: ... but after "abdel", "abdul" the article is written, and an h that follows begins the
#: divine name: Abdelhay, Abdulhai = عبد الحي (al-Hayy), not Abduh
_ABD_HAYY = re.compile(r"^h[aeiy]+$")


#: ... and a vowel and a final n may be one word: Abdin, Abdeen = عابدين, Abdoun = عبدون
#: (read as the word too, besides Abd + een, as a writer who splits it reads it)
_VOWELS_AND_N = re.compile(r"^[aeiouy]+n$")


def _only_vowels_after_abd(abd: str, rest: str) -> bool:
    """Whether what follows a Latin "abd" is no name (`_VOWELS_ONLY`, see `_plain`)."""
    if abd.endswith("l") and _ABD_HAYY.match(rest):
        return False
    return bool(_VOWELS_ONLY.match(rest))


#: The rest of "Abdull-" + an ending (-ayev, -azade, -aev), not Abdullah's own ending.
_ABDULLA_ENDING = re.compile("^la[yze][a-z]{2,}$")

_LATIN_SUN = re.compile(r"^[ae]([dtrsznl])\1(?=[a-z]{3,})")

#: Prefixes on canonical compound keys. Kept fixed so that "ibn", "ben" and "بن" agree.
ABD_KEY = "ABD"
CONNECTOR_KEY = "BN"


@dataclass(frozen=True, slots=True, eq=False)
class Part:
    """One name part: its text, its sound keys (primary spelling first), and how it was read.

    Compared and hashed by identity (`eq=False`): parts are cached and reused, and the
    part-similarity cache keys on them, which must be cheap on the screening hot path.
    """

    text: str
    variants: tuple[SoundKey, ...]
    arabic: bool
    initial: bool = False
    note: str = ""
    #: a generic word of a company name ("trading", "للتجارة") that weighs little
    generic: bool = False
    #: in a compound with a particle (ben Rezvan), the index of the first variant that is the
    #: name without its particle; the variants before it are the compound's other readings.
    #: 0: every variant after the first is the name without its particle.
    alone: int = 0
    #: how many of the first variants an index posts the part under (0: all of them); the
    #: variants after them are readings for scoring only (`_scoring_readings`): keys that
    #: would cost a million-name index build and postings without finding more names
    keyed: int = 0

    coarse_keys: tuple[str, ...] = ()
    #: the coarse keys of the keyed variants: what retrieval looks up (`names.keys`); given,
    #: keys of another reading of the word looked up too (`glued_rest`: درياقلي is also
    #: looked up as دريا, Darya), which scoring meets its own way (`compare._part_of_compound`)
    retrieval_keys: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        coarse = tuple(dict.fromkeys(v.coarse for v in self.variants))
        object.__setattr__(self, "coarse_keys", coarse)
        if self.keyed:
            coarse = tuple(dict.fromkeys(v.coarse for v in self.keyed_variants))
        if self.retrieval_keys:
            coarse = tuple(dict.fromkeys((*coarse, *self.retrieval_keys)))
        object.__setattr__(self, "retrieval_keys", coarse)

    @property
    def keyed_variants(self) -> tuple[SoundKey, ...]:
        """The variants an index posts the part under (`keyed`)."""
        return self.variants[: self.keyed] if self.keyed else self.variants

    @property
    def scoring_variants(self) -> tuple[SoundKey, ...]:
        """The variants after them: readings for scoring only."""
        return self.variants[self.keyed :] if self.keyed else ()

    @property
    def key(self) -> SoundKey:
        return self.variants[0]


def _stem_classes(word: str, keep_vowel: bool = False) -> str:
    """Classes of the second half of a compound, without its leading vowel marker, so that
    "ben Ali" (BN + L) equals "Benali" (BNL). After "abd" the marker stays: it is what tells
    Abd al-Ilah (ABDAL) from Abd Allah (ABDL), and "Abdelaziz" splits as abdel + aziz."""
    if has_arabic(word):
        word, _ = strip_article(word)
    elif word[:2] in _GLUED_ARTICLE and len(word) > 4:
        word = word[2:]
    cls = classes(word)
    return cls[1:] if cls.startswith("A") and not keep_vowel else cls


def _stem_readings(word: str) -> list[str]:
    """Classes of the other readings of a compound's stem word (بن رضوي is "bin Razavi" as
    رضوي is Razavi; "ben Rezvan" = بن رضوان), with the vowel marker as `classes` gives it."""
    if has_arabic(word):
        stem, _ = strip_article(word)
        readings = [arabic_classes(stem, r) for r in arabic_readings(stem)]
        if _DOUBLED.search(stem) or _DOUBLED_LAM.search(stem):
            # as `_plain` reads a word alone: a letter written twice across a glued compound
            # is met once in Latin (ابو پوررمضانعلي = Abu Pourramezanali), in each reading
            merged = [_DOUBLED_CLASS.sub(r"\1", c) for c in (classes(stem), *readings)]
            readings += [c for c in merged if c not in readings]
        return readings
    if word[:2] in _GLUED_ARTICLE and len(word) > 4:
        word = word[2:]
    return [classes(spelling) for spelling in _latin_readings(word)]


@lru_cache(maxsize=200_000)
def _compound(prefix: str, stem_words: tuple[str, ...], text: str, note: str, alt: bool) -> Part:
    """A compound part; cached, so that one spelling is one `Part` object (see Part).

    A one-word stem's other readings (see `_plain`) give the compound's other keys, as they
    do the word's alone."""
    keep = prefix == ABD_KEY
    stem = ""
    for w in stem_words:
        stem = concat(stem, _stem_classes(w, keep_vowel=keep))
    # a stem that begins with a vowel keeps a class the particle ends with (Bou Abana =
    # Bouabana, BBN); only letters met across the join count once (Ben Nasser = Bennasser)
    vowel = not keep and _stem_classes(stem_words[0], keep_vowel=True).startswith("A")
    whole = [sound_key(join_particle(prefix, stem, vowel))]
    others = _stem_readings(stem_words[0]) if len(stem_words) == 1 else []
    for cls in others:
        cls = cls[1:] if cls.startswith("A") and not keep else cls
        whole.append(sound_key(join_particle(prefix, cls, vowel)))
    variants = list(dict.fromkeys(whole))
    first_alone = 0
    if alt:
        # "Mohamed ben Ahmed" must still meet "Mohamed Ahmed": the stem alone is a variant.
        alone = ""
        for w in stem_words:
            alone = concat(alone, classes(strip_article(w)[0]))
        if alone:
            alone_keys = [sound_key(alone)] + [sound_key(cls) for cls in others]
            alone_keys = [k for k in dict.fromkeys(alone_keys) if k not in variants]
            if alone_keys:
                first_alone = len(variants) if len(variants) > 1 else 0
                variants += alone_keys
    return Part(
        text=text,
        variants=tuple(variants),
        arabic=has_arabic(text),
        note=note,
        alone=first_alone,
    )


@lru_cache(maxsize=100_000)
def _abd_apart(stem_words: tuple[str, ...], text: str) -> Part:
    """"Abd" written apart from its name. In Latin script the words written together are a
    variant: "Abd Alla" / "Abd-Ollahi" are the Abdalla / Abdollahi that others glue (whose
    a-l after abd is read as the article), not only Abd al-Ilah."""
    part = _compound(ABD_KEY, stem_words, text, "abd compound", alt=False)
    if has_arabic(text):
        return part
    glued = _plain(text.replace(" ", ""))
    extra = [v for v in glued.variants if v not in part.variants]
    if glued.note != "abd compound" or not extra:
        return part
    return Part(text, (*part.variants, *extra), False, note=part.note)


#: An initial alef before two consonants (no long vowel between them), in a word long enough
#: that the rest still names someone (ابراهيم, ابتسام, اسماعيل; not اسما, احمد, اكرم).
_ELIDED_ALEF = re.compile("^ا[^اويء][^اويء].{3,}$")
_DOUBLED = re.compile(r"([بپتطثجچخدذضرزظسصشغگفڤقكمن])\1")
_DOUBLED_CLASS = re.compile(r"(.)\1+")
#: ... and a lam written twice for a doubled l, not the article's lam before a lam (اللطيف)
#: nor Allah's (عبدالله): موصللي = Moussally
_DOUBLED_LAM = re.compile("(?<=[^ا])لل(?!ه)")
_EL_DIN = re.compile(r"(?<=[a-z]{3})[aeiou]l(?=d(?:in|ine|een)$)")
_URDU_LETTERS = re.compile("[پچگژٹڈ]")
_ASPIRATE = re.compile("(?<=[بپتٹجچدڈكگو])ه(?=.)")
_SPLIT_H = re.compile(r"([sdtkcz])h")
_G = re.compile(r"g(?!h)")
_SOFT_C = re.compile(r"c(?=[ei])")
_S_VOICED = re.compile(r"(?<=[aeiouy])s(?=[aeiouy])|(?<=[a-z][a-rt-z])s$")
#: Latin letters whose value depends on the writer's language, and their other readings:
#: German, Dutch and Slavic j is y (Josef = يوزف, Jasminka = ياسمينكا), German and Polish w is
#: v (Werner = فيرنر), Somali x is kh (Xadija), Turkish c is j (Recep = رجب), Italian ce/ci
#: is ch (Ciampi = تشامبي).
_LETTER_READINGS = (("j", "y"), ("w", "v"), ("x", "kh"))
#: A Turkish c is said j (Cemal = جمال), but not as the first letter of "ch", which no Turkish
#: spelling writes: Chen read "jhen" met Johann (JHN).
_C_AS_J = re.compile("c(?!h)")


def _latin_readings(word: str) -> list[str]:
    """Other readings of a Latin word whose letters are ambiguous (see `_plain`)."""
    readings = [word]
    if "y" in word:
        readings += [w.replace("y", "j") for w in readings]
    if "g" in word:
        readings += [_G.sub(sub, w) for w in readings for sub in ("gh", "j")]
    for letter, other in _LETTER_READINGS:
        if letter in word:
            readings.append(word.replace(letter, other))
    if _C_AS_J.search(word):
        readings.append(_C_AS_J.sub("j", word))
    if len(word) >= 5 and word.endswith(("et", "at")):
        readings.append(word[:-1] + "d")  # Turkish final t: Ahmet = أحمد, Murat = مراد
    if "sch" in word:
        readings.append(word.replace("sch", "skh"))  # Dutch sch: Bosch = بوسخ
    if "ll" in word:
        readings.append(word.replace("ll", "y"))  # Spanish ll is y: Murillo = مورييو
    if "gn" in word:
        readings.append(word.replace("gn", "ny"))  # Italian, French gn: Nugnes = نونيس
    if _SOFT_C.search(word):
        readings.append(_SOFT_C.sub("ch", word))
    if _SPLIT_H.search(word):
        readings.append(_SPLIT_H.sub(r"\1'h", word))
    if _EL_DIN.search(word):
        # Egyptian and Sudanese writing keeps the article of ad-Din unassimilated:
        # Najmeldin = نجم الدين, Noureldin = نور الدين (Nagmeldin: with the other readings)
        din = _EL_DIN.sub("", word)
        readings += [din, *_latin_readings(din)]
    if word.startswith("l") and len(word) >= 4 and (
        word[1] not in "aeiouylw" or (word[1] == "y" and word[2] in VOWELS)
    ):
        # the Maghrebi article glued as a bare l: Lhadj = الحاج, Lmahdi = المهدي; before a
        # consonant y too, Lyes = الياس (Ilyas), Lyazid = اليزيد
        readings.append(word[1:])
    if word.startswith("ou") and len(word) > 3 and word[2] not in "aeiouy":
        # French writes an initial و as "ou" before a consonant too: Ouriachi = الورياشي
        readings.append("w" + word[2:])
    if _S_VOICED.search(word):
        # an s said z, which Arabic script writes ز: between vowels (Joseph = جوزف, Rosa =
        # روزا) and at the end of an English or Dutch name (Adams = آدامز, James = جيمز)
        readings.append(_S_VOICED.sub("z", word))
    french = _french_silent(word)
    if french:
        readings.append(french)
    if "kh" in word:
        readings.append(word.replace("kh", "k"))  # Nguni/Sotho aspirate: Khulu = كولو
    elif "ch" in word and "sch" not in word:
        # Italian ch is k (Michele = ميكيلي), German ch is kh (Christoph = خريستوف)
        readings += [word.replace("ch", "k"), word.replace("ch", "kh")]
    return readings[1:]


def _scoring_readings(word: str) -> list[str]:
    """Readings of a Latin word kept for scoring only (`Part.keyed`): German, Dutch or
    Hungarian letters read together (`_germanic_readings`). On the names benchmark (dev seed
    7) the keyed readings already retrieve every name these readings meet, so as index keys
    they would only add keys (1.4 % of a 100,000-name index) to a million-name build and its
    postings. The French silent ending (`_french_silent`) is keyed: Édouard = ادوار shares no
    key with its Arabic spelling otherwise."""
    return (_germanic_readings(word) + _maghrebi_article(word) + _said_otherwise(word)
            + _letters_elsewhere(word))


#: A Slavic c (not in ch, cz or ck) is ts: Dragica = دراجيتسا, Ljubica = ليوبيتسا.
_SLAVIC_C = re.compile("c(?![hzk])")
#: A th that may write ذ: inside the word (Monther = منذر, Shatha = شذى), or at its end after
#: two vowels (Muath = معاذ); not after one, where Latin names end in it (Ruth read Rudh met
#: Ridha, a dev false alert at 1M, seed 7; Judith, Elizabeth).
_TH_AS_DH = re.compile("th(?=.)|(?<=[aeiou]{2})th$")
#: A French ç written without its cedilla, between vowels: Faycal = Fayçal = فيصل.
_HARD_C = re.compile("(?<=[aeiouy])c(?=[aou])")


def _letters_elsewhere(word: str) -> list[str]:
    """Letters Slavic and Nguni writers give another value, kept for scoring only: a Slavic
    c is ts (`_SLAVIC_C`), an Nguni ph is an aspirated p, which Arabic script writes ب
    (Phakathi = باكتي, Phiri = بيري), and English-style romanisation writes ذ as th
    (Muath = معاذ); a French ç that lost its cedilla is s (`_HARD_C`). As index keys the
    first two cost 14 % more keys in a million-name index (benchmarks/RESULTS.md, 2026-12-08)."""
    out = []
    if _SLAVIC_C.search(word):
        out.append(_SLAVIC_C.sub("ts", word))
    if "ph" in word:
        out.append(word.replace("ph", "p"))
    if _TH_AS_DH.search(word):
        out.append(_TH_AS_DH.sub("dh", word))  # th for ذ: Muath = معاذ, Monther = منذر
    if _HARD_C.search(word):
        out.append(_HARD_C.sub("s", word))  # ç without its cedilla: Faycal = فيصل
    if len(word) >= 5 and word.startswith("kad"):
        # West African French k for خ: Kadidja = خديجه, Kadra = خضرا. Not any k: read kh,
        # Kamal met Jamal (one coarse key, a dev false alert, seed 19)
        out.append("kh" + word[1:])
    return out + _spanish(word) + _english_y(word)


def _spanish(word: str) -> list[str]:
    """Peninsular Spanish as Arabic script writes it: a final z is ث (Ruiz = رويث, Cruz =
    كروث), and in such a word j is خ (Juárez = خواريث). Only a final z: read anywhere, Zahaar
    met طاهر; and j alone is left as it is: read خ, Jamal met Kamal read Khamal (dev false
    alerts, seeds 11 and 19)."""
    if not (word.endswith("z") and len(word) >= 3):
        return []
    theta = word[:-1] + "th"
    return [theta, theta.replace("j", "kh")] if "j" in word else [theta]


def _english_y(word: str) -> list[str]:
    """An initial y before a consonant, which Arabic script writes ي (Yvonne = يفون,
    Yvette = يفتي) where the Latin rules read a vowel."""
    if len(word) >= 4 and word[0] == "y" and word[1] not in VOWELS:
        return ["yi" + word[1:]]
    return []


#: The Persian ending -ayi (رضايي Rezaei, طباطبايي Tabatabaei, قبايي Ghabaee; ئ is folded to
#: ي) that Latin writes without its y: -aee, -aei, -aie, -ai.
_PERSIAN_AYI = re.compile("a(?:ee|ei|ie|i)$")


def _said_otherwise(word: str) -> list[str]:
    """Letters that Arabic script writes as they are said, not as Latin spells them, kept for
    scoring (the names benchmark's dev misses met the entry by their other parts): an initial
    Eu- said yu in English and Greek names (Eugene = يوجين, Eustacio = يوستاكيو; French
    Eugène = اوجين meets as written), the silent h of English John and German -sohn (Johnny =
    جاني, John = جون, Wolfensohn = ولفنسون: all six words with -ohn in arabnamer's pairs,
    names/data/known_names.tsv), and the Persian -ayi (`_PERSIAN_AYI`: the six words of those
    pairs that end in ايي, Tabatabaei, Daei, Nasai; the 37 that end in اي meet it too, Kai =
    كاي)."""
    out = []
    if word.startswith("eu") and len(word) >= 4:
        out.append("yu" + word[2:])
    if "ohn" in word:
        out.append(word.replace("ohn", "on"))
    if len(word) >= 4 and _PERSIAN_AYI.search(word):
        out.append(_PERSIAN_AYI.sub("ayi", word))
    return out


def _maghrebi_article(word: str) -> list[str]:
    """The Maghrebi article written as a bare l before a short name, kept for scoring: "Lah"
    (Lahlali = الهلالي, Lahcen = الحسن; from eight letters any "La" + a consonant is keyed,
    see `_plain`: before other consonants a short word is more often al- + a vowel, Lakhdar =
    الاخضر) and "Lou" = ال + و (Lounifi = الونيفي, Louardi = الوردي, Louazzani)."""
    if word.startswith("lah") and 6 <= len(word) < 8:
        return [word[2:]]
    if word.startswith("lou") and len(word) >= 6:
        return ["w" + word[3:]]
    return []


def _keyed_then_scoring(keyed: list[SoundKey], scoring: list[SoundKey]) -> tuple[
        tuple[SoundKey, ...], int]:
    """The variants of a part, the keyed ones first, and how many are keyed (`Part.keyed`:
    0 when every one is)."""
    first = tuple(dict.fromkeys(keyed))
    rest = tuple(k for k in dict.fromkeys(scoring) if k not in first)
    return first + rest, len(first) if rest else 0


#: French final consonants that are not said, hence not written in Arabic script, after the
#: vowel patterns that mark a French name: -ois/-oit, -aud/-ault/-aux, -ard/-ert (a vowel and
#: r), -ont/-and/-ent (a nasal vowel), -ot. François = فرانسوا, Benoît = بنوا, Arnaud = ارنو,
#: Renault = رينو, Édouard = ادوار, Robert = روبير, Dupont = دوبون, Laurent = لوران. Not after
#: ou or a lone vowel: Daoud, Mouloud, Said, Farid write their last letter in every script.
_FRENCH_SILENT = re.compile(r"(?:(?<=oi)|(?<=au))(?:[stdx]|lt)$|(?<=[aeiou][rn])[td]s?$|(?<=o)ts?$")


def _french_silent(word: str) -> str:
    """The word without a final consonant French leaves unsaid (see `_FRENCH_SILENT`), or "".

    At least four letters must remain: a shorter word is not French (Saud = سعود and Daud =
    داود say their d; read "sau", Khaled Al-Saud lost its Arabic-script entry among a million
    names on dev seed 7), and its stem would be a key of two consonants (Kent, Bent)."""
    if len(word) < 5:
        return ""
    stem = _FRENCH_SILENT.sub("", word)
    return stem if stem != word and len(stem) >= 4 else ""


#: German and Dutch letters as Arabic script writes them, read together in one word (the
#: letter readings above read one letter at a time): j is y, w is v, ch after a vowel and
#: Dutch g are kh, sch is sh (German) or skh (Dutch), Dutch ij is ay. Jochen = يوخين,
#: Joachim = يواخيم, Wijland = فايلاند, van Wijk = فان فايك, Schwartsbach = سخفارتسباخ; German
#: g is غ (Gerwin = غيرفين, Wolfgang = فولفغانغ).
_GERMAN = (("sch", "sh"), ("j", "y"), ("w", "v"), ("ch", "kh"), ("g", "gh"))
_DUTCH = (("sch", "skh"), ("ij", "ay"), ("j", "y"), ("w", "v"), ("ch", "kh"), ("g", "kh"))
#: Hungarian digraphs (Erzsébet = إرجبيت, Szabó = سابو, Csaba = تشابا), one enough: no
#: other rule reads them.
_HUNGARIAN = (("zs", "zh"), ("cs", "ch"), ("sz", "s"))


def _germanic_readings(word: str) -> list[str]:
    """The Hungarian reading of a word with one of its digraphs (`_HUNGARIAN`), and the German
    and the Dutch reading of a word that has two or more of their letters (`_GERMAN`,
    `_DUTCH`); one letter alone is read by `_latin_readings`' own rules."""
    out = []
    if "zs" in word or "cs" in word or "sz" in word:
        reading = word
        for letters, said in _HUNGARIAN:
            reading = reading.replace(letters, said)
        out.append(reading)
    for table in (_GERMAN, _DUTCH):
        if table is _DUTCH and "ij" not in word and "sch" not in word:
            continue
        reading = word
        changed = 0
        for letters, said in table:
            if letters in reading:
                reading = reading.replace(letters, said)
                changed += 1
        if changed >= 2 and reading not in out:
            out.append(reading)
    return out


#: The article inside an Arabic-script word, between two halves of three letters or more
#: (صاحبالزماني); not the "Allah" of a compound (نصرالله: `ALLAH_WORDS`).
_INNER_ARTICLE = re.compile("(?<=...)ال(?=...)(?!له$)")

#: Glued Latin articles: Elhamdaoui, Alfasi, Ilnasser, Ulhaq.
_GLUED_ARTICLE = ("al", "el", "il", "ul")


@lru_cache(maxsize=500_000)
def _plain(word: str, note: str = "") -> Part:
    """A one-word part; cached, so that one spelling is one `Part` object (see Part)."""
    arabic = has_arabic(word)
    variants: list[SoundKey] = []
    if arabic:
        stem, had_article = strip_article(word)
        if stem.startswith("عبد") and len(stem) > 4:
            rest = stem[3:]
            return _compound(ABD_KEY, (rest,), word, "abd compound", alt=False)
        if stem.startswith("ابدول") and len(stem) >= 7:
            # a Turkish or Azeri Abdul- written letter by letter (ابدولسمت = Abdulsemet,
            # عبد الصمد): the abd compound, its name after the letters of "abdul"
            return _compound(ABD_KEY, (stem[5:],), word, "abd compound", alt=False)
        if had_article:
            note = note or "article al- dropped"
        variants.append(sound_key(classes(stem)))
        # letters read otherwise by Persian, Turkish, Egyptian or foreign-name writers
        for reading in arabic_readings(stem):
            variants.append(sound_key(arabic_classes(stem, reading)))
        if "دج" in stem:
            # the French dj written letter by letter (الحادجي = El Hadji, دجورو = Đuro =
            # Djuro, جودجا = Djoudja): one sound, ج
            variants.append(sound_key(classes(stem.replace("دج", "ج"))))
        if stem.endswith("اه") and len(stem) >= 3:
            # ة after alef is read -at (arabic_classes), but also left unsaid (Haya = حياة)
            variants.append(sound_key(classes(stem[:-1])))
        if stem.startswith("ابو") and len(stem) >= 6:
            # Abu glued to the name (ابوطالب, ابوبكر): the name alone is a variant, as for
            # the Latin Abutaya
            variants.append(sound_key(classes(stem[3:])))
        if stem.startswith("ذوال") and len(stem) >= 6:
            # Dhu al- glued to its name (ذوالفقار Zulfiqar, ذوالقرنين Zulqarnain, ذوالقدر
            # Zolghadr): the و is ذو's long vowel and the article's alef is silent, which the
            # consonant rules read as a w (before alef); Latin writes Zul-, Dhul-, Zol-
            dhul = "ذ" + stem[3:]
            variants.append(sound_key(classes(dhul)))
            for reading in arabic_readings(dhul):
                variants.append(sound_key(arabic_classes(dhul, reading)))
        if _ELIDED_ALEF.match(stem):
            # Maghrebi speech drops the initial vowel before two consonants, and Latin
            # writers follow it: ابراهيم = Brahim, ابتسام = Btissam, اسماعيل = Smail
            variants.append(sound_key(classes(stem[1:])))
        if _DOUBLED.search(stem) or _DOUBLED_LAM.search(stem):
            # the same letter twice is two consonants (arabic_classes), but a glued compound
            # may meet its Latin spelling only once they are one (ميررفيعي = Mir Rafiei),
            # in each reading of its letters (اميررضا = Amirreza: merged, and ض read z)
            for variant in list(variants):
                merged = sound_key(_DOUBLED_CLASS.sub(r"\1", variant.full))
                if merged not in variants:
                    variants.append(merged)
        if _URDU_LETTERS.search(stem) and _ASPIRATE.search(stem):
            # Urdu/Persian aspirates written with ه (چودهري Chaudhry, گهمن Ghumman): Latin
            # writers often drop the h or move it
            variants.append(sound_key(classes(_ASPIRATE.sub("", stem))))
        if had_article:
            # names that begin with the letters al without an article: الياس Elias,
            # الكسندر Alexander
            variants.append(sound_key(classes(word)))
        article_inside = _INNER_ARTICLE.search(stem)
        if article_inside:
            # two halves glued over the second one's article (صاحبالزماني = Saheb-Zamani,
            # زينالعابدين = Zainabidin): the halves keyed as written together without it,
            # the key Latin's two parts make joined (`keys.join_key`)
            head, tail = stem[: article_inside.start()], stem[article_inside.end() :]
            variants.append(sound_key(concat(classes(head), _stem_classes(tail))))
    else:
        match = _LATIN_ABD.match(word)
        if match and not _only_vowels_after_abd(match.group(), word[match.end() :]):
            part = _compound(ABD_KEY, (word[match.end() :],), word, "abd compound", alt=False)
            # the vowel after abd may begin the name (Abdinasab = Abd Inasab, Abdouni)
            other = sound_key(concat(ABD_KEY, classes(word[3:])))
            more: tuple[SoundKey, ...] = (
                () if match.group().endswith("l") or other in part.variants else (other,)
            )
            whole = sound_key(classes(word))
            if _VOWELS_AND_N.match(word[match.end() :]) and whole not in part.variants:
                more += (whole,)
            rest = word[match.end() :]
            if match.group().endswith("l") and _ABDULLA_ENDING.match(rest):
                # Abdullah's own l before a Turkish or Azeri ending: Abdullayeva =
                # ابدولايفا, Abdullazadə = ابدولازدا (not Abdul + Layeva)
                after = _compound(ABD_KEY, (rest[1:],), word, "abd compound", alt=False)
                more += tuple(v for v in after.variants if v not in part.variants)
            if not more:
                return part
            return Part(word, (*part.variants, *more), False, note=part.note)
        variants.append(sound_key(classes(word)))
        # Latin letters whose Arabic value is ambiguous: Spanish writes ج as y (Yamal,
        # Hayar), Egyptian usage writes ج as g (Gamal), Spanish and French g before e/i may
        # be غ (Gessan) or ج. The other readings are variants.
        # A consonant + h may be two letters rather than a digraph (Ishaq: s-h, not sh).
        for spelling in _latin_readings(word):
            variants.append(sound_key(classes(spelling)))
        # Attached article (Elhamdaoui, Alaoui?) or assimilated one (Errachidi, Essaidi):
        # keep the word as written first, the stripped form as a variant.
        if word[:2] in _GLUED_ARTICLE and len(word) >= 5:
            variants.append(sound_key(classes(word[2:])))
        elif word.startswith("la") and len(word) >= 6:
            # Maghrebi "La" = the article's l + the vowel of ع: Laaroussi = العروسي,
            # Lamrani = العمراني (the a kept: Amrani)
            variants.append(sound_key(classes(word[1:])))
            for spelling in _latin_readings(word[1:]):  # Lazhar = الازهر (z-h, not zh)
                variants.append(sound_key(classes(spelling)))
            if len(word) >= 8 and word[2] not in "aeiouy":
                # ... or the article's own vowel before a consonant: Lakhnifri = الخنيفري,
                # Lamyaghri = المياغري (Lahsaini = الحسايني)
                variants.append(sound_key(classes(word[2:])))
        glued = _LATIN_GLUED.match(word)
        inner = _plain(word[glued.end() :]) if glued and glued.group(1) in _GLUED_OVER_ABD else None
        if glued and inner is not None and inner.note == "abd compound":
            # Binabdelaziz = Bin Abdelaziz = بن عبد العزيز: the connector over the compound
            # (its readings first, then the compound's alone); a kunya too, as `parse_person`
            # reads Abou Abdelnour apart (Abouabdelnour)
            prefix, kind = _glued_over_compound(glued.group(1))
            return _over_compound(prefix, inner, word, f"{kind} {glued.group(1)}")
        if glued:
            stem = word[glued.end() :]
            if _GLUED_KEYS[glued.group(1)] == "AB":
                stem = _KUNYA_ARTICLE.sub("", stem)
            vowel = classes(stem).startswith("A")
            key = join_particle(_GLUED_KEYS[glued.group(1)], _stem_classes(stem), vowel)
            variants.append(sound_key(key))
            alone = classes(stem)
            if len(alone) >= 3:
                variants.append(sound_key(alone))
        sun = _LATIN_SUN.match(word)
        if sun:
            variants.append(sound_key(classes(word[2:])))
    for learned in learned_classes(word):
        variants.append(sound_key(learned))
    scoring = [] if arabic else [sound_key(classes(r)) for r in _scoring_readings(word)]
    every, keyed = _keyed_then_scoring(variants, scoring)
    glued_half = glued_rest(word) if arabic else None
    return Part(
        text=word,
        variants=every,
        arabic=arabic,
        note=note,
        keyed=keyed,
        retrieval_keys=glued_half.retrieval_keys if glued_half is not None else (),
    )


#: Halves that Persian and South-Asian compounds glue in Arabic script and that Latin writers
#: often leave out or write apart: first halves (محمدرفيع "Rafi", ميرطاهر "Mir-Taher",
#: اميرحسن "Hassan", سيدكاظم "Kazem") and last ones (درياقلي "Darya", حسينخان "Hossein").
GLUED_HEADS = ("محمد", "امير", "مير", "سيد", "غلام")
GLUED_TAILS = ("قلي", "خان")


@lru_cache(maxsize=100_000)
def glued_rest(word: str) -> Part | None:
    """The part left of an Arabic-script word once a known glued half (`GLUED_HEADS`,
    `GLUED_TAILS`) is taken off, when at least two letters remain; None otherwise. Only that
    rest stands for the whole: the heads are the commonest names, which alone say little."""
    if " " in word or not has_arabic(word):
        return None
    for head in GLUED_HEADS:
        if word.startswith(head) and len(word) >= len(head) + 2:
            return _plain(word[len(head) :])
    for tail in GLUED_TAILS:
        if word.endswith(tail) and len(word) >= len(tail) + 2:
            return _plain(word[: -len(tail)])
    return None


#: A particle written glued to the article of the name after it, the name apart ("Ouldal-
#: Helbawi", "Benal Baiyati", "Aboual-Qatani", "Abuel Safi"): read as the particle and the
#: article written apart, which `parse_person` knows (Ould Al-Helbawi).
_GLUED_ARTICLE_PARTICLES = frozenset(
    {"ould", "oulad", "bin", "ben", "ibn", "abu", "abou", "abo", "bou", "ait"}
)
#: ... read with the next word, so connectors too (resolve.frame parses a name word by word
#: unless it holds one)
CONNECTORS = CONNECTORS | frozenset(p + a for p in _GLUED_ARTICLE_PARTICLES for a in ("al", "el"))


def _particle_with_article(word: str) -> bool:
    """Whether the word is a particle glued to the article of the name after it (Ouldal,
    Benel: `_GLUED_ARTICLE_PARTICLES`)."""
    return len(word) > 4 and word[-2:] in ("al", "el") and word[:-2] in _GLUED_ARTICLE_PARTICLES


def _split_particle_article(words: list[str]) -> list[str]:
    out: list[str] = []
    for k, word in enumerate(words):
        if k + 1 < len(words) and _particle_with_article(word):
            out += [word[:-2], word[-2:]]
        else:
            out.append(word)
    return out


#: Abbreviations South-Asian registers and passports write for a name, read as the name:
#: "Md" Muhammad (Bangladesh), "Ch" Chaudhry (Pakistan: Ch Allah Qadeer = چودھري الله قدير).
#: Not names of their own in any script, so read whole; Mohd and Muhd already meet محمد.
ABBREVIATIONS = {"md": "muhammad", "ch": "chaudhry"}


#: Particles Arabic script writes only after another one: فان در برغ = van der Berg (alone,
#: در is a Persian word, not a particle).
_SECOND_PARTICLES = frozenset({"در"})


def _article_apart(word: str) -> bool:
    """Whether the word is the article written apart after a particle: Latin (bin al-Hasan)
    or Arabic script (ايت ال سعدون = Ait Al-Saadun), dropped as the glued one is."""
    return word in LATIN_ARTICLES or word == "ال"


@lru_cache(maxsize=200_000)
def parse_person(name: str) -> tuple[Part, ...]:
    """Parse a person's name into parts (see module doc for the rules)."""
    words = [ABBREVIATIONS.get(w, w) for w in tokenize(name)]
    if any(map(_particle_with_article, words[:-1])):
        words = _split_particle_article(words)
    parts: list[Part] = []
    i = 0
    n = len(words)
    pending_note = ""
    while i < n:
        word = words[i]
        nxt = words[i + 1] if i + 1 < n else None
        # separate article: dropped, its note carried to the next part
        if nxt is not None and (
            word in LATIN_ARTICLES
            or word == "ال"
            or (word in SUN_ARTICLES and nxt.startswith(SUN_ARTICLES[word]))
        ):
            if nxt in DIN_WORDS and parts:
                # "Nur al-Din": the article belongs to the compound handled below
                i += 1
                continue
            pending_note = f"article {word}- dropped"
            i += 1
            continue
        if word in DIN_WORDS and parts and not parts[-1].initial:
            prev = parts.pop()
            base = prev.text
            stem = word if not word.startswith(("ed", "ud", "ad", "id")) else word[2:]
            stem = stem.removeprefix("ال")
            parts.append(_join(prev, base, stem, f"{base} {word}"))
            i += 1
            continue
        if word in ABD_WORDS and nxt is not None:
            j = i + 1
            article = words[j] in LATIN_ARTICLES or words[j] == "ال" or words[j] in SUN_ARTICLES
            if article and j + 1 < n:
                j += 1
            stem_words = (words[j],)
            text = " ".join(words[i : j + 1])
            parts.append(_abd_apart(stem_words, text))
            i = j + 1
            continue
        glued = _LATIN_GLUED.match(word) if nxt is not None and word in CONNECTORS else None
        if glued and word[glued.end() :] in ABD_WORDS:
            # "Ouldabdul Majid", "Benabdel Kader": connector and abd glued, the name apart;
            # a kunya too ("Abuabdul Qayyum" = Abu Abdul Qayyum)
            rest = [word[glued.end() :], *words[i + 1 :]]
            inner, k = _abd_at(rest, 0)
            if inner is not None:
                text = " ".join(words[i : i + k])
                prefix, kind = _glued_over_compound(glued.group(1))
                parts.append(_over_compound(prefix, inner, text, f"{kind} {word}"))
                i += k
                continue
        if word in CONNECTORS and nxt is not None:
            j = i + 1
            if _article_apart(words[j]) and j + 1 < n:
                j += 1
            inner, k = _abd_at(words, j)
            if inner is not None:
                # bin Abd al-Karim = Ben Abdelkarim = بن عبد الكريم: the connector over the
                # whole abd compound, not over "abd" alone (its name would be a part apart)
                text = " ".join(words[i:k])
                parts.append(_over_compound(CONNECTOR_KEY, inner, text, f"patronymic {word}"))
                i = k
                continue
            text = " ".join(words[i : j + 1])
            parts.append(_compound(CONNECTOR_KEY, (words[j],), text, f"patronymic {word}", True))
            i = j + 1
            continue
        if word in KUNYA and nxt is not None:
            j = i + 1
            if _article_apart(words[j]) and j + 1 < n:
                j += 1
            text = " ".join(words[i : j + 1])
            inner, k = _abd_at(words, j)
            if inner is not None:
                # Abu Abdallah = ابو عبد الله: the kunya over the whole compound
                text = " ".join(words[i:k])
                parts.append(_over_compound(KUNYA[word], inner, text, f"kunya {word}"))
                i = k
                continue
            parts.append(_compound(KUNYA[word], (words[j],), text, f"kunya {word}", True))
            i = j + 1
            continue
        if (
            word in EUROPEAN_PARTICLES
            and nxt is not None
            and nxt not in EUROPEAN_PARTICLES
            and len(nxt) > 2
            and has_arabic(nxt) == has_arabic(word)
        ):
            parts.append(_european(word, nxt))
            i += 2
            continue
        if (
            word in EUROPEAN_PARTICLES
            and i + 2 < n
            and (nxt in EUROPEAN_PARTICLES or (nxt in _SECOND_PARTICLES and has_arabic(word)))
            and words[i + 2] not in EUROPEAN_PARTICLES
            and has_arabic(words[i + 2]) == has_arabic(word)
        ):
            parts.append(_european(f"{word} {nxt}", words[i + 2]))
            i += 3
            continue
        if len(word) == 1 and word.isalpha() and not has_arabic(word):
            cls = classes(word)
            parts.append(Part(word, (sound_key(cls),), False, initial=True, note="initial"))
            i += 1
            continue
        if (
            nxt in ALLAH_WORDS
            and word not in ALLAH_WORDS
            and len(word) > 1
            and has_arabic(nxt) == has_arabic(word)
        ):
            parts.append(_allah(word, nxt, pending_note))
            pending_note = ""
            i += 2
            continue
        parts.append(_plain(word, pending_note))
        pending_note = ""
        i += 1
    return tuple(parts)


@lru_cache(maxsize=100_000)
def _allah(word: str, allah: str, note: str) -> Part:
    """A "X Allah" compound written apart (عطا الله, Atta Allah): one part keyed as the words
    written together (عطاالله, Attaallah), so that it meets Attallah and عطاالله; split, its
    halves met only in part (Attallah against عطا alone scored 0.64)."""
    glued = _plain(word + allah)
    return Part(
        text=f"{word} {allah}",
        variants=glued.variants,
        arabic=glued.arabic,
        note=note or glued.note,
        keyed=glued.keyed,
    )


def _abd_at(words: list[str], j: int) -> tuple[Part | None, int]:
    """The abd compound that begins at words[j] (apart: Abd al-Karim, عبد الكريم; or glued:
    Abdelkarim, عبدالكريم), or an X Allah compound written apart (دفع الله), and the index
    after it; (None, j) when there is none. A particle before it takes it whole."""
    n = len(words)
    word = words[j]
    if word in ABD_WORDS:
        if j + 1 >= n:
            return None, j
        k = j + 1
        article = words[k] in LATIN_ARTICLES or words[k] == "ال" or words[k] in SUN_ARTICLES
        if article and k + 1 < n:
            k += 1
        return _abd_apart((words[k],), " ".join(words[j : k + 1])), k + 1
    part = _plain(word)
    if part.note == "abd compound":
        return part, j + 1
    if (
        j + 1 < n
        and words[j + 1] in ALLAH_WORDS
        and word not in ALLAH_WORDS
        and len(word) > 1
        and has_arabic(words[j + 1]) == has_arabic(word)
    ):
        # an "X Allah" compound written apart (ولد دفع الله, bin Fadl Allah): whole, as
        # `parse_person` reads it without the particle
        return _allah(word, words[j + 1], ""), j + 2
    return None, j


@lru_cache(maxsize=100_000)
def _over_compound(prefix: str, inner: Part, text: str, note: str) -> Part:
    """A particle over a compound part (bin + Abd al-Karim): each reading of the compound
    with the particle glued before it (BN + ABDKRM = BNBDKRM, as "Benabdelkarim"), then its
    readings alone ("Samah Abdelkarim" still meets "Samah bin Abdelkarim")."""
    whole = []
    for variant in inner.variants:
        cls = variant.full
        vowel = cls.startswith("A")
        whole.append(sound_key(join_particle(prefix, cls[1:] if vowel else cls, vowel)))
    variants = list(dict.fromkeys(whole))
    alone = [v for v in inner.variants if v not in variants]
    first_alone = len(variants) if len(variants) > 1 and alone else 0
    return Part(
        text=text,
        variants=(*variants, *alone),
        arabic=has_arabic(text),
        note=note,
        alone=first_alone,
    )


@lru_cache(maxsize=100_000)
def _european(particle: str, name: str) -> Part:
    """A European particle and its name as one part (see EUROPEAN_PARTICLES)."""
    glued = _plain(particle.replace(" ", "") + name)
    alone = _plain(name)
    variants, keyed = _keyed_then_scoring(
        [*glued.keyed_variants, *alone.keyed_variants],
        [*glued.scoring_variants, *alone.scoring_variants],
    )
    return Part(
        text=f"{particle} {name}",
        variants=variants,
        arabic=has_arabic(name),
        note=f"particle {particle}",
        keyed=keyed,
    )


def _join(prev: Part, base: str, stem: str, text: str) -> Part:
    """Join "Nour" + "Eddine" into one part keyed like "Noureddine"."""
    if has_arabic(base):
        full = concat(classes(base), _stem_classes(stem))
    else:
        full = classes(base + "d" + stem.lstrip("d")) if stem else classes(base)
    return Part(text=text, variants=(sound_key(full),), arabic=prev.arabic, note="ad-din compound")
