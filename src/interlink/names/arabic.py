"""Arabic script to sound classes: the consonant skeleton a Latin spelling can be compared with.

Arabic writes consonants and long vowels; short vowels are left out. A Latin spelling of the
same name writes vowels, and spells them by the conventions of French, English or Spanish
(Youssef, Yusuf, Yousef). What both share is the sequence of consonants, so both are reduced to
*sound classes*: one capital letter per consonant sound, with the letters Latin spellings
confuse folded together (ت/ط -> T, س/ص -> S, د/ض/ذ -> D, ق/ك -> K, ...). Vowels are dropped,
except that a word starting with a vowel sound (ا, ع, ء) gets the marker "A", because Latin
spellings keep that initial vowel (Omar, Ali, Ibrahim).

The class alphabet is shared with `latin.py`:

    A initial vowel/ain/hamza   B b p     T t th ط ث      J j dj ج     H h ح ه    X kh x خ
    D d dh ض ذ                  R r       Z z ظ           S s c ص      C sh ch ش  G gh g غ
    F f ph                      K k q c ق ك               L  M  N      W w و      Y y ي

Rigour and normality have no Arabic-specific handling for this (they transliterate letter by
letter, see normalize.py); this module is what makes "محمد عمره" meet "Mohamed Amra".
"""

from __future__ import annotations

import re
from functools import lru_cache

from interlink.names.latin import SEP, collapse

#: Consonant letters to their sound class.
CONSONANTS: dict[str, str] = {
    "ب": "B",
    "پ": "B",
    "ت": "T",
    "ط": "T",
    "ث": "T",
    "ج": "J",
    "چ": "C",
    "ژ": "J",
    "ح": "H",
    "خ": "X",
    "د": "D",
    "ذ": "D",
    "ض": "D",
    "ر": "R",
    "ز": "Z",
    "ظ": "Z",
    "س": "S",
    "ص": "S",
    "ش": "C",
    "غ": "G",
    "گ": "G",
    "ف": "F",
    "ڤ": "V",
    "ق": "K",
    "ك": "K",
    "ل": "L",
    "م": "M",
    "ن": "N",
}

#: Letters that are either a long vowel or a consonant (w, y) depending on position.
SEMIVOWELS = {"و": "W", "ي": "Y"}

#: Letters that are a vowel sound or a glottal stop Latin spellings do not write except
#: at the start of a word ("Ali" for علي, "Saad" for سعد).
VOWEL_LIKE = {"ا", "ع", "ء"}

#: The definite article, attached to the word it determines.
ARTICLE = "ال"


def strip_article(word: str) -> tuple[str, bool]:
    """Remove a leading article (الحسن -> حسن); report whether there was one.

    A word is never reduced below two letters, so "الله" (Allah) keeps enough to compare.
    """
    if word.startswith(ARTICLE) and len(word) > 3:
        return word[2:], True
    return word, False


#: Other readings of letters whose Latin value depends on the writer's language: Persian, Urdu
#: and Turkish (and Levantine speech) say ذ ض ظ as z and ث as s (رضا "Reza", حديث "Hadis");
#: Persian و is v (وحيد "Vahid"), and an Arabic-script writer renders a foreign v as ف or و.
#: Egyptian usage, and Arabic writing of foreign names, give ج for a hard g (جيفارا "Guevara",
#: جمال "Gamal"). Each reading is a bit of `reading` in `arabic_classes`.
SIBILANT_READING = 1
HARD_G_READING = 2
#: Maghrebi and Gulf usage write ظ as d/dh (حفيظ "Hafid", "Hafedh").
DAD_READING = 4
#: Persian names as Arabic script writes them (صادقي "Sadeghi", كاوه "Kaveh", ساقي "Saghi"):
#: ق is gh (Persian merges it with غ), و a consonant is v, and a final ه is the "-eh" Latin
#: writers keep (زاده "Zadeh", ستاره "Setareh"; "-e" meets the word's first reading).
PERSIAN_READING = 8
#: A foreign v written ف (فيكتور "Victor", ابراموفيتش "Abramovich"), read v.
FOREIGN_V_READING = 16
#: تش as the two letters it is in Arabic and Persian words (تشرين "Tishreen", محتشم
#: "Mohtasham", تشكل "Tashakul": ت + ش, a vowel between or not), where the first reading
#: takes it for the ch of a foreign name (ابراموفيتش): 1 word in 329 of arabnamer's pairs
#: with تش (names/data/known_names.tsv, mostly foreign names) is Muhtasham.
TSH_READING = 32
_SIBILANT = {"ذ": "Z", "ض": "Z", "ظ": "Z", "ث": "S"}
#: Where a Persian و between consonants is v, not u: the suffix -vand after a consonant
#: (فولادوند "Fuladvand", الوند "Alvand") and after an r that closes a syllable (مروزي
#: "Marvazi", سروش "Sarvosh"); matched from the letter before the و, which is not the first.
_PERSIAN_V = re.compile("[^اوي]وند$|روّ?[^اوي]")
_SIBILANT_LETTERS = frozenset(_SIBILANT) | {"و"}


def readings(word: str) -> tuple[int, ...]:
    """The alternative readings (bit sets) that change something in this word."""
    bits = 0
    if any(c in _SIBILANT_LETTERS for c in word) or "تس" in word:
        bits |= SIBILANT_READING
    if "ج" in word:
        bits |= HARD_G_READING
    if "ظ" in word:
        bits |= DAD_READING
    if "ق" in word or "و" in word or (len(word) > 1 and word.endswith("ه")):
        bits |= PERSIAN_READING
    if "ف" in word:
        bits |= FOREIGN_V_READING
    if "تش" in word:
        bits |= TSH_READING
    return tuple(r for r in range(1, 64) if r & bits == r)


@lru_cache(maxsize=200_000)
def arabic_classes(word: str, reading: int = 0) -> str:
    """Sound classes of one normalised Arabic word (article already removed by the caller).

    Rules: و and ي are consonants at the start of a word, after alef, or before alef/waw/ya
    (مروان "Marwan", زياد "Ziad", حمداوي "Hamdaoui"), otherwise long vowels (يوسف "Yusuf",
    حسين "Hussein"); but a و before a consonant ي is a vowel (رويا "Roya": `_waw_before_y`).
    A final ه is ta marbuta or a silent ha (فاطمه "Fatima") and is dropped, except after
    alef, where the ta marbuta is said t (حياة "Hayat").
    تش is how Arabic writes the ch of foreign names (ابراموفيتش "Abramovich"): one class C.
    `reading` selects the alternative letter values above.
    """
    out: list[str] = []
    n = len(word)
    sibilant = reading & SIBILANT_READING
    hard_g = reading & HARD_G_READING
    persian = reading & PERSIAN_READING
    i = 0
    while i < n:
        char = word[i]
        prev = word[i - 1] if i > 0 else ""
        nxt = word[i + 1] if i + 1 < n else ""
        if char == "ت" and nxt == "ش" and not reading & TSH_READING:
            out.append("C")
            i += 2
            continue
        if sibilant and char == "ت" and nxt == "س":
            out.append("Z")  # German and Italian z written تس (Schulz = شولتس)
            i += 2
            continue
        if char == prev and char in CONSONANTS and not (char == "ل" and word[i - 2 : i] == "ال"):
            # Arabic writes a doubled consonant once (shadda); the same letter twice is two
            # consonants with a short vowel between (محقق "Mohaqeq", مردد "Moraddid"), but
            # for the article's l before a word's l (الله "Allah", ماشاالله "Mashallah")
            out.append(SEP)
        if reading & DAD_READING and char == "ظ":
            out.append("D")
        elif sibilant and char in _SIBILANT:
            out.append(_SIBILANT[char])
        elif reading & FOREIGN_V_READING and char == "ف":
            out.append("V")
        elif (hard_g and char == "ج") or (persian and char == "ق"):
            out.append("G")  # Egyptian ج, Persian ق
        elif char in CONSONANTS:
            out.append(CONSONANTS[char])
        elif char == "ه":
            # a name of two letters says its ه (طه "Taha"); Allah's (له after the article)
            # is often left unwritten in Latin (Abdalla, Attalla)
            if persian or not (i == n - 1 and i > 0) or (n == 2 and word != "له"):
                out.append("H")
            elif prev == "ا" and n >= 3:
                # a ta marbuta after alef is said -at (حياة "Hayat", نجاة "Najat"); the
                # spelling without it (Haya) is a variant (parts._plain)
                out.append("T")
        elif char in SEMIVOWELS:
            # (the readings that say a consonant و v keep it so before a ي: موسويان Mousavian)
            vowel_waw = not (sibilant or persian) and _waw_before_y(word, i)
            if i == 0 or prev == "ا" or (nxt in ("ا", "و", "ي") and not vowel_waw):
                out.append("V" if (sibilant or persian) and char == "و" else SEMIVOWELS[char])
            elif persian and char == "و" and i >= 2 and _PERSIAN_V.match(word, i - 1):
                out.append("V")  # the -vand suffix and an r before v (Fuladvand, Marvazi)
            else:
                out.append(SEP)
        elif char in VOWEL_LIKE:
            out.append("A" if i == 0 else SEP)
        elif char.isdigit():
            out.append(char)
        # anything else (unknown letters) carries no sound class
        i += 1
    return collapse(out)


def long_vowels(word: str, persian_v: bool = False) -> str:
    """The long vowels an Arabic word writes, in order: "a" (ا), "u" (و), "i" (ي), with the
    same consonant/vowel rules for و and ي as `arabic_classes`. A hamza seat at the start and
    a final ه (ta marbuta or -eh) or ي (also alef maqsura, normalised) say nothing and are
    skipped. With `persian_v`, a و the Persian reading says v (`_PERSIAN_V`) is no vowel."""
    out: list[str] = []
    n = len(word)
    for i, char in enumerate(word):
        if i == 0 or (i == n - 1 and char == "ي"):
            continue
        if persian_v and char == "و" and (
            (i >= 2 and _PERSIAN_V.match(word, i - 1)) or _waw_before_y(word, i)
        ):
            continue  # read as the Persian v (سرور Sarvar, not Sorour; موسويان Mousavian)
        out.append(_long_vowel_at(word, i))
    return "".join(out)


def _long_vowel_at(word: str, i: int) -> str:
    """The long vowel the letter at `i` (not the first) writes: "a" (ا), "u" (و), "i" (ي),
    or "" (a consonant: و and ي after an alef or before a long vowel, as `arabic_classes`)."""
    char = word[i]
    if char == "ا":
        return "a"
    if char in SEMIVOWELS and not (
        word[i - 1] == "ا"
        or (word[i + 1 : i + 2] in ("ا", "و", "ي") and not _waw_before_y(word, i))
    ):
        return "u" if char == "و" else "i"
    return ""


def _waw_before_y(word: str, i: int) -> bool:
    """Whether the و at `i` is the vowel before a consonant ي (one before ا or و): رويا
    "Roya", غويا "Goya", فوكوياما "Fukuyama", درويان "Druyan" — the ي is the consonant, so
    the و before it is not one too (a rule of `arabic_classes` otherwise reads a و before a
    ي as w). The 45 words of arabnamer's pairs (names/data/known_names.tsv) with a و (not
    the first letter) + ي + ا or و all write a vowel there (o, u), none a w. Not before ي + ي:
    صموييل "Samuel" writes two ي for the Latin ue (its و read w, its first ي y, as before)."""
    return word[i] == "و" and word[i + 1 : i + 2] == "ي" and word[i + 2 : i + 3] in ("ا", "و")


def vowel_slots(word: str) -> tuple[str, ...]:
    """The long vowel an Arabic word writes after each of its consonants ("" for none), with
    the rules of `long_vowels`; a final ي, ا or ه says nothing (ي is also alef maqsura, ا its
    other spelling, ه the ta marbuta) and is left out: اميمه = ("", "i", ""), امام =
    ("", "a", "")."""
    slots: list[str] = []
    n = len(word)
    if n and word[-1] in "ايه":
        n -= 1
    for i in range(n):
        if i == 0:
            slots.append("")
            continue
        vowel = _long_vowel_at(word, i)
        if not vowel:
            slots.append("")
            continue
        if slots[-1]:
            return ()  # two long vowels in a row: a hamza seat or a diphthong, no slots
        slots[-1] = vowel
    return tuple(slots)


#: A readable romanisation for explanations only (never compared): consonants with the long
#: vowels written, so a reader sees "mhmd" for محمد and "yusf" for يوسف.
_READABLE = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d",
    "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t",
    "ظ": "z", "ع": "'", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m",
    "ن": "n", "ه": "h", "و": "w", "ي": "y", "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g",
}  # fmt: skip


def romanize(word: str) -> str:
    """A rough Latin rendering of an Arabic word, for people reading an explanation."""
    return "".join(_READABLE.get(c, c) for c in word)
