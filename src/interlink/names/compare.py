"""Comparing two names: part-by-part similarity, alignment, a score and its explanation.

Parts are compared at decreasing levels of strictness (same spelling, same sound key, same key
without semivowels, same coarse key, close coarse keys), each level with a lower score, so the
explanation can say *how* "Youssef" met "يوسف". Parts are then aligned regardless of order
(family name first is common in official documents), and the score weighs matched parts
against unmatched ones:

- a part missing from one name while all of the other name's parts matched is a *dropped*
  part (a middle name, a link of a nasab chain) and costs little, more at either end of the
  name (a dropped first or family name) than in the middle;
- parts unmatched on both sides are a *conflict* (Mohamed Benali vs Youssef Benali) and cost
  their full weight;
- common parts (Mohamed, Ahmed, Ali) weigh half, generic company words less, and a screener
  can supply weights from its own watchlist's frequencies.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TypeVar

from rapidfuzz.distance import JaroWinkler, Levenshtein

from interlink.names.arabic import long_vowels, romanize, strip_article, vowel_slots
from interlink.names.common import default_weight
from interlink.names.keys import MIN_JOINED_KEY, join_key
from interlink.names.parse import parse_name
from interlink.names.parts import PARTICLE_WORDS, Part, glued_rest
from interlink.names.variants import known_name

#: Part similarity at each level.
IDENTICAL = 1.0
SAME_FULL = 0.95
SAME_REDUCED = 0.92
SAME_COARSE = 0.88
INITIAL = 0.75
VARIANT_PENALTY = 0.03  # matched through an alternative reading of a letter or an article
#: matched only once a particle is dropped (Abu Khalifa / Khalifa, Ould Nasra / Nasser): the
#: particle often names another person (the father, the son), so it costs more
DROPPED_PARTICLE = 0.12
#: ... when both spellings are Latin
LATIN_VARIANT_PENALTY = 0.1
_PARTICLE_NOTES = ("kunya", "patronymic", "particle")
#: Below this a pair of parts is not a match at all.
MIN_PART = 0.7
#: Cost of an unmatched part, as a fraction of its weight.
DROPPED_MIDDLE = 0.35
DROPPED_END = 1.0
CONFLICT = 1.0

WeightFn = Callable[[Part], float]


def default_part_weight(part: Part) -> float:
    """Weight of a part without watchlist statistics."""
    if part.generic:
        return 0.3
    if part.initial:
        return 0.5
    weight = default_weight(part.key.coarse)
    if len(part.key.reduced) <= 1:
        weight = min(weight, 0.6)
    return weight


@dataclass(frozen=True, slots=True)
class PartMatch:
    """Two aligned parts and how they met."""

    left: str
    right: str
    score: float
    how: str


@dataclass(frozen=True)
class NameMatch:
    """The result of comparing two names: `score` in [0, 1] and a readable `explanation`."""

    score: float
    left: str = ""
    right: str = ""
    matched: tuple[PartMatch, ...] = ()
    dropped_left: tuple[str, ...] = ()
    dropped_right: tuple[str, ...] = ()
    conflict: bool = False
    _note: str = field(default="", repr=False)

    @property
    def explanation(self) -> str:
        """E.g. "name 0.95: mohamed = محمد (same sound key MHMD); amra = عمره (...)"."""
        if self._note:
            return f"name {self.score:.2f}: {self._note}"
        if not self.matched:
            return f"name {self.score:.2f}: no part of {self.left!r} matches {self.right!r}"
        bits = [f"{m.left} = {m.right} ({m.how})" for m in self.matched]
        unmatched = list(self.dropped_left) + list(self.dropped_right)
        if unmatched:
            label = "different" if self.conflict else "not in the other name"
            bits.append(f"{label}: {', '.join(unmatched)}")
        return f"name {self.score:.2f}: " + "; ".join(bits)


#: Part similarities, one row per left part (`_SIM_CACHE[a][b]`): `align_score` reads a row
#: once per part of its left name and then one dict look-up per right part, keyed by the part
#: itself, where a memo keyed by pairs built and hashed a tuple per pair (nine or so a
#: candidate; a third of the alignment's CPU). `_SIM_SIZE` counts its pairs for the bound.
_SIM_CACHE: dict[Part, dict[Part, tuple[float, str]]] = {}
_SIM_SIZE = [0]
#: The module's memos (`_SIM_CACHE`, `_LONG_KEYS`, `_JOIN_KEYS`, `_IN_PART`) are emptied when
#: they grow past this many entries: they key on parts, which a long-running screening meets
#: without end.
CACHE_MAX = 500_000
K = TypeVar("K")
V = TypeVar("V")


def remember(cache: dict[K, V], key: K, value: V, bound: int = CACHE_MAX) -> V:
    """Keep `value` under `key` in a memo of at most about `bound` entries (emptied whole
    when full: cheaper than tracking use, and a memo refills from the working set in a few
    queries). Called on a miss only, so the hit path stays one dict look-up."""
    if len(cache) > bound:
        cache.clear()
    cache[key] = value
    return value


def _show(part: Part) -> str:
    return f"{part.text} [{romanize(part.text)}]" if part.arabic else part.text


def part_similarity(a: Part, b: Part) -> tuple[float, str]:
    """Similarity of two parts in [0, 1] and how it was found (for the explanation)."""
    row = _SIM_CACHE.get(a)
    hit = None if row is None else row.get(b)
    if hit is not None:
        return hit
    score, how = _part_similarity(a, b)
    if KNOWN_OTHER and IDENTICAL > score >= MIN_PART and _other_known_names(a, b):
        # weaker evidence, not a conflict: the dictionary's Latin side is one reading of
        # each name, and its Arabic side one spelling
        score = max(MIN_PART, score - KNOWN_OTHER)
        how += ", another known name"
    return _remember_similarity(a, b, (score, how))


def _remember_similarity(a: Part, b: Part, value: tuple[float, str]) -> tuple[float, str]:
    """Keep a part pair's similarity in its row, the memo emptied whole past `CACHE_MAX`
    pairs as `remember` empties the others (or emptied by a caller: its count starts again)."""
    if _SIM_SIZE[0] >= CACHE_MAX or not _SIM_CACHE:
        _SIM_CACHE.clear()
        _SIM_SIZE[0] = 0
    row = _SIM_CACHE.get(a)
    if row is None:
        row = _SIM_CACHE[a] = {}
    row[b] = value
    _SIM_SIZE[0] += 1
    return value


#: Two spellings the shipped name dictionary (`variants.known_name`) lists as two names
#: written differently in Arabic script (Salem سالم / Salama سلامه, Mona منى / Mana مانا,
#: عماره / عمر): a known name met by another known name is weaker evidence than an unknown
#: spelling met by a known name, which may be a respelling of it. One side at least must be in
#: Arabic script, which writes the name: a Latin spelling may be several Arabic names (Zahar is
#: زهار to the dictionary, and a Wikidata spelling of زاهر), so two Latin spellings are left
#: alone (dev seed 7 at 100k: they cost an other-spelling query and removed no false alert).
#: Small, and never below MIN_PART: the dictionary gives one reading of each Latin spelling
#: (Haya is هايا to it, and the حياة said without its t), so across scripts it is weak evidence
#: (on dev at 1M 0.1 cost latin_vs_arabic recall, 0.2 arabic_script and particles too; RESULTS).
KNOWN_OTHER = 0.05


def _other_known_names(a: Part, b: Part) -> bool:
    """Whether both parts are single words the dictionary knows, as two different names
    (behind a particle, the name after it: بن عماره / بن عمر)."""
    if a.initial or b.initial or not (a.arabic or b.arabic):
        return False
    ka = _known_bare(a)
    if not ka:
        return False
    kb = _known_bare(b)
    return bool(kb) and ka != kb


def _known_bare(part: Part) -> str:
    """The dictionary's Arabic-script word for a part, without its article: the article is
    written or left out at will (السيد = Sayed, elsayed = السيد)."""
    word = _name_word(part)
    known = known_name(word, part.arabic)
    if not known and part.arabic:
        known = known_name(strip_article(word)[0], True)
    return strip_article(known)[0]


def _name_word(part: Part) -> str:
    if " " not in part.text:
        return part.text
    if not part.note.startswith(_PARTICLE_NOTES):
        return ""
    return part.text.rpartition(" ")[2]


#: Different names that share their consonants: (key, name, Latin pattern, Arabic spellings).
#: محمود (Mahmoud) and محمد (Mohamed) are both M-H-M-D, سعد (Saad) and سعيد (Said) both S-D;
#: the written long vowel tells them apart in Arabic, the vowel spelling in Latin.
DISTINCT = (
    # ماهمود: the long a written, as Turkish Mahmut is in Arabic script
    # Somali writes it Mohamud, Mahamud (Mohamed is Muhammad there)
    ("MHMD", "mahmoud", re.compile(r"^m[aeo]h?a?m+(?:ou|oo|uu|u|o)d$"), "محمود", "ماهمود"),
    ("SD", "saad", re.compile(r"^sa+d$"), "سعد"),
    ("SD", "souad", re.compile(r"^s+(?:ou|o|u)a+d$"), "سعاد"),
    # Maghreb spellings write its s as c (Hocine, Houcine: two thirds of the Algerian ones)
    # and its first vowel as a (Hassine), but an a-vowel then e is Hasan (Hassen, Hacène)
    ("HSN", "hussein", re.compile(
        r"^h(?:[ou]+(?:s+|c)(?:ei|ie|ay|ai|y|i|ey|ee|e)|a(?:s+|c)(?:ei|ie|ay|ai|y|i|ee))n+e?$"),
     "حسين"),
)
_DISTINCT_KEYS = frozenset(d[0] for d in DISTINCT)
_DISTINCT_KEY = {d[1]: d[0] for d in DISTINCT}


def _distinct(part: Part) -> str:
    # the name itself, also behind a particle ("bin Mohammed" is not محمود either)
    if _DISTINCT_KEYS.isdisjoint(part.coarse_keys):  # nearly every part: test it in C
        return ""
    keys = [k for k in part.coarse_keys if k in _DISTINCT_KEYS]
    text = part.text.rsplit(" ", 1)[-1]
    if part.arabic:
        # with the article too: الحسين (Lahoucine, El Hocine) is حسين, not "other"
        text = strip_article(text)[0]
    for dkey, label, pattern, *arabic in DISTINCT:
        if dkey in keys and (text in arabic or pattern.match(text)):
            return label
    return "other"


#: How an Arabic-script spelling of an "X Allah" name ends: الله, or the glued لله, the
#: Egyptian لاه (عبد اللاه).
_ALLAH_ENDS = ("له", "لاه")


def _allah_in_one(a: str, b: str) -> bool:
    """Two Arabic-script parts of which one is an "X Allah" name (عاقب الله) and the other does
    not end in Allah's letters (اقبال): their keys may agree (AKBL), but an Arabic writer writes
    the word Allah, so they are two names. Latin writers may not (Attala), hence Arabic only."""
    for one, other in ((a, b), (b, a)):
        if one.endswith("الله") and len(one) > 4 and not other.endswith(_ALLAH_ENDS):
            return True
    return False


#: Letters the Arabic article assimilates to (as-Sabbar, ad-Din): the article is then spoken as
#: a vowel and the letter, and Latin writers keep the vowel but not always the doubled letter.
_SUN_LETTERS = frozenset("تثدذرزسشصضطظلن")


def _sun_article(a: Part, b: Part) -> str:
    """An Arabic name with the article before a sun letter, and a Latin spelling that writes
    the article as its bare vowel: الصبار = Esebar, الصيد = Essid (Es-Sid), الزهراء = Ezahra.
    The Latin key is then the stem's with an initial vowel (A + SBR), which no reading of
    either side yields: the Arabic side's keys are the stem (SBR) and the article kept
    (ALSBR), and the Latin "es" + one letter is no article `parts` can strip (Esam, Asad).
    The stem's key when they meet so, else ""."""
    arabic, roman = (a, b) if a.arabic else (b, a)
    text = arabic.text
    if len(text) < 4 or not text.startswith("ال") or text[2] not in _SUN_LETTERS:
        return ""
    if roman.text[:1] not in ("a", "e") or roman.text[1:2] in ("a", "e", "i", "o", "u", "l"):
        return ""
    stem = arabic.variants[0].full
    if not any(v.full == "AL" + stem for v in arabic.variants):
        return ""  # not a stripped article (a compound, an Abd name)
    return stem if any(v.full == "A" + stem for v in roman.variants) else ""


def _part_similarity(a: Part, b: Part) -> tuple[float, str]:
    if a.text == b.text:
        return IDENTICAL, "same spelling"
    if a.initial or b.initial:
        full, other = (a, b) if a.initial else (b, a)
        if other.initial:
            return 0.0, ""
        if other.key.full[:1] == full.key.full[:1] or other.text[:1] == full.text[:1]:
            return INITIAL, f"initial {full.text.upper()}."
        return 0.0, ""
    da, db = _distinct(a), _distinct(b)
    if da and db and da != db:
        return 0.0, ""
    if a.arabic and b.arabic and _allah_in_one(a.text, b.text):
        return 0.0, ""
    if da == db and da not in ("", "other"):
        # both spell the one name the table tells apart (Souad = سعاد): the same name,
        # whatever the vowel checks below would say of its respelling (ou read as w)
        return SAME_FULL, f"same sound key {_DISTINCT_KEY[da]}"
    best, how = 0.0, ""
    ca, cb = a.coarse_keys, b.coarse_keys
    sun = ""
    if ca[0] not in cb and not any(k in cb for k in ca[1:]):
        sun = _sun_article(a, b) if a.arabic != b.arabic else ""
        if not sun:
            return _fuzzy_across_scripts(a, b)
    drop_a, drop_b = _drops_particle(a), _drops_particle(b)
    # Between two Latin spellings a letter read otherwise is weaker evidence: the other
    # readings are there for the other scripts' writers (Gill is not Gala)
    latin = not a.arabic and not b.arabic
    latin_variant = LATIN_VARIANT_PENALTY
    for ia, va in enumerate(a.variants):
        for ib, vb in enumerate(b.variants):
            penalty = (latin_variant if latin else VARIANT_PENALTY) if (ia or ib) else 0.0
            if (drop_a and ia >= (a.alone or 1)) or (drop_b and ib >= (b.alone or 1)):
                penalty = DROPPED_PARTICLE
            if va.full == vb.full:
                score, text = SAME_FULL, f"same sound key {va.full}"
            elif va.reduced == vb.reduced:
                score, text = SAME_REDUCED, f"same consonants {va.reduced}"
            elif va.coarse == vb.coarse:
                score, text = SAME_COARSE, f"same coarse key {va.coarse}"
            else:
                continue
            if score - penalty > best:
                best, how = score - penalty, text
                if ia or ib:
                    how += " without " + (_variant_note(a, ia) if ia else _variant_note(b, ib))
    if sun:
        # the explanation's existing codes: the stem's key, met without the article
        best, how = SAME_FULL - VARIANT_PENALTY, f"same sound key {sun} without article al-"
    if best:
        if _kunya_stems_differ(a, b):
            best, how = best - KUNYA_STEM_DIFFERS, how + ", vowels differ"
        if not a.arabic and not b.arabic:
            best, how = _vowel_evidence(a.text, b.text, best, how)
            if not _latin_semivowels_written(a, b):
                best, how = best - LONG_VOWELS_DIFFER, how + ", w/y not in the other"
        elif a.arabic != b.arabic and best < IDENTICAL:
            best, how = _vowels_across_scripts(a, b, best, how)
        elif a.arabic and b.arabic and _other_long_vowel(a.text, b.text):
            best, how = best - LONG_VOWELS_DIFFER, how + ", long vowels differ"
        elif a.arabic and b.arabic and best < SAME_FULL and _arabic_semivowel_differs(a, b):
            best, how = best - LONG_VOWELS_DIFFER, how + ", w/y not in the other"
        best, how = _endings(a, b, best, how)
        # the longer of the two keys, so that the score does not depend on which name comes
        # first: read as a long vowel, the و of داوود leaves DD where David writes DVD, and
        # the shorter side alone took 0.04 off one order only (David ~ داوود 0.72, the other
        # way 0.68, under MIN_PART: 214 of 18,085 pairs of the Maghreb names list scored
        # differently by order; the max chosen on dev over the min, RESULTS.md)
        consonants = max(len(a.key.reduced), len(b.key.reduced))
        if consonants <= 2:
            # one or two consonants in common say little (Taie / Yata, Jean / Khan)
            if best < SAME_FULL:
                best -= SHORT_KEY_PENALTY if consonants <= 1 else SHORT_KEY_PENALTY / 2
            else:
                best -= SHORT_KEY_PENALTY / 4
        return best, how
    return _fuzzy_across_scripts(a, b)


def _vowels_across_scripts(a: Part, b: Part, best: float, how: str) -> tuple[float, str]:
    """The Arabic spelling's long vowels, w/y and final ح against a Latin spelling's letters."""
    arabic, roman = (a, b) if a.arabic else (b, a)
    if not _long_vowels_written(arabic.text, roman.text):
        return best - LONG_VOWELS_DIFFER, how + ", long vowels differ"
    if not _semivowels_written(arabic.text, roman):
        return best - LONG_VOWELS_DIFFER, how + ", w/y not in the Arabic"
    if _final_h_missing(arabic.text, roman):
        return best - LONG_VOWELS_DIFFER, how + ", final h not written"
    return best, how


def _other_long_vowel(a: str, b: str) -> bool:
    """Two Arabic-script spellings that write a long vowel after the same consonant, and not
    the same one (بوشار Bouchar / بشير Bashir, اميمه Umayma / امام Imam): two names. A long
    vowel one spelling writes and the other leaves out says nothing (عبد الرحمن / عبد الرحمان,
    اسمعيل / اسماعيل are one name: `tests/names/test_compare.py`)."""
    if " " in a or " " in b:
        return False
    sa, sb = vowel_slots(strip_article(a)[0]), vowel_slots(strip_article(b)[0])
    if not sa or len(sa) != len(sb):
        return False
    return any(x and y and x != y for x, y in zip(sa, sb, strict=True))


def _arabic_semivowel_differs(a: Part, b: Part) -> bool:
    """Two Arabic-script spellings one of which writes a consonant و or ي the other lacks
    (علوي Alawi / علي Ali): Arabic script writes its consonants, so two names. Met at the
    consonants only (the reduced key leaves w and y out)."""
    if " " in a.text or " " in b.text:
        return False
    fa, fb = a.key.full, b.key.full
    return fa != fb and _without_semivowels(fa) == _without_semivowels(fb)


def _without_semivowels(key: str) -> str:
    return key.replace("W", "").replace("Y", "")


def _endings(a: Part, b: Part, best: float, how: str) -> tuple[float, str]:
    if _nisba_differs(a, b):
        return best - NISBA_DIFFERS, how + ", one ends in -i"
    if _feminine_differs(a, b):
        return best - FEMININE_DIFFERS, how + ", one ends in -a"
    return best, how


def _fuzzy_across_scripts(a: Part, b: Part) -> tuple[float, str]:
    """`_fuzzy`, and across scripts the endings' evidence of a meeting by key: similar
    consonants (قدوري ~ Kardar, KDR ~ KRDR) are no reason to overlook an -i that only one
    spelling writes. (Not the long vowels: a Persian و read v made Saravi miss ساروي.) Not
    either when the Arabic word is a compound with a known glued half (محمدعلي ~ Mohammad):
    its ending is the last half's (علي), no -i of the name met."""
    best, how = _fuzzy(a, b)
    if best and a.arabic != b.arabic and glued_rest((a if a.arabic else b).text) is None:
        best, how = _endings(a, b, best, how)
    elif best and not a.arabic and not b.arabic and abs(len(a.text) - len(b.text)) <= 2:
        # two Latin spellings met by their letters alone (Yamina ~ Yasmin): the endings are
        # evidence as they are for a meeting by key; not between a compound and its half
        # (Hamidreza ~ Hamid ends in Reza's -a), whose lengths differ by more
        best, how = _endings(a, b, best, how)
    return best, how


#: A French "ou" before a vowel (`_semivowels_written`).
_OU_VOWEL = re.compile("ou[aeiy]")


#: Latin vowels, folded to three colours: the writer's convention moves a vowel within a colour
#: (e/i/y, o/u/ou), rarely across; two Latin spellings whose vowels share nothing are more
#: likely two names with one skeleton (Rabbani / Ruben, Sana / Sennoun) than one name respelt.
_VOWEL_COLOUR = str.maketrans("aeiouy", "aiiuui")
_NOT_VOWEL = re.compile(r"[^aeiouy]+")
#: Weak evidence: what the vowels take off a part's similarity when they disagree.
VOWELS_DISJOINT = 0.08
VOWELS_DIFFER = 0.04
SHORT_KEY_PENALTY = 0.08
#: An Arabic long vowel missing from a Latin spelling: rarer among true pairs (0.9 % of the
#: single-word pairs of arabnamer's dictionary) than among namesakes, so it counts more.
LONG_VOWELS_DIFFER = 0.2


def _vowel_pattern(text: str) -> str:
    colours = _NOT_VOWEL.sub("", text.replace("ou", "u").replace("ee", "i")).translate(
        _VOWEL_COLOUR
    )
    return "".join(c for i, c in enumerate(colours) if i == 0 or colours[i - 1] != c)


#: What each written Latin vowel group may stand for in Arabic script: a long a (ا), u (و) or
#: i (ي). Loose on purpose (e is a or i, o is u or a): only a clear disagreement counts.
_LATIN_VOWEL_GROUP = re.compile(r"[aeiou]+|[yw]")
_DUTCH_IJ = re.compile(r"ij(?![aeiou])")
_GROUP_SOUNDS = {"a": "a", "e": "ai", "i": "i", "o": "ua", "u": "ua", "y": "i", "w": "u"}


def _long_vowels_written(arabic: str, latin: str) -> bool:
    """Whether the long vowels an Arabic word writes appear, in order, among the vowels of a
    Latin spelling (حنون "Hanoun" yes, "Hanan" no; سيدي "Sidi" yes, سوداح no). A Latin
    spelling writes every vowel, short or long; Arabic only the long ones, so the Arabic
    vowels must be a subsequence of the Latin ones."""
    if " " in arabic or " " in latin:
        return True
    word = arabic.replace("ال", "", 1) if arabic.startswith("ال") else arabic
    if word.startswith("ابو") and len(word) >= 6 and not latin.startswith(_KUNYA_LATIN):
        # Abu glued to the name (ابوزرد) and met by the name alone (Zarad, a parts variant):
        # the و is the kunya's, no vowel of the name
        word = word[3:]
    wanted = long_vowels(_SILENT_WAW.get(word, word))
    if not wanted:
        return True
    if "ij" in latin:
        # Dutch ij (Wijland = فايلاند) is the diphthong Arabic script writes اي
        latin = _DUTCH_IJ.sub("ay", latin)
    groups = _vowel_groups(latin)
    if _in_order(wanted, groups):
        return True
    if _HIATUS.search(latin) and _in_order(wanted, _vowel_groups(_HIATUS.sub("a'", latin))):
        # a + o/u written together may be two long vowels Latin says without the w between
        # them: Daoud, Daud = داوود (Dawud), where the groups count "aou" as one vowel
        return True
    if _STOP.search(word[1:]) and _in_order(wanted, _vowel_letters(latin)):
        # an ع or a hamza between two long vowels is a stop Latin leaves unwritten, and the
        # two vowels meet in one group: Ismail = اسماعيل (Isma'il), Buainain = بوعينين; so is
        # the Persian ائي (folded to ايي): Moussaeian = موسائيان, Naeini = نائيني
        return True
    if _ENGLISH_LONG_A.search(latin) and _in_order(
        wanted, _vowel_groups(_ENGLISH_LONG_A.sub("ei", latin))
    ):
        # English a before a consonant and a said e is the diphthong of "day", which Arabic
        # script writes ي: Daniel = دينيل (Urdu), Abel = ايبل, Jason = جيسون
        return True
    # a Latin v may be the و that the Persian reading says v (فولادوند "Fuladvand")
    return "v" in latin and _in_order(long_vowels(word, persian_v=True), groups)


#: An English a said as in "day" (`_long_vowels_written`): before one consonant and an e or
#: i that is said (Daniel, Abel, Nathaniel) or a final silent e (Jane, Grace).
_ENGLISH_LONG_A = re.compile(r"(?<![aeiou])a(?=[bcdfgklmnprstvz](?:ie|e))")


#: The و that Arabic spelling adds to عمرو (ʿAmr) to tell it from عمر (ʿUmar), and that is
#: never said: Amr, Amro, Amrou all write عمرو (arabnamer's pair amr / عمرو); its long vowel
#: is none (`_long_vowels_written`).
_SILENT_WAW = {"عمرو": "عمر"}


#: The letters of a stop Latin writers leave unwritten inside a word (`_long_vowels_written`).
_GLOTTAL = re.compile("[عء]")
#: ... and the hamza on its ي seat after an alef (ائي, folded to ايي by `normalize`).
_STOP = re.compile("[عء]|ايي")
#: How a Latin spelling that writes the kunya Abu begins (Abouzeid, Bouzid, Obeid...).
_KUNYA_LATIN = ("ab", "ob", "bu", "bou", "ib")


def _vowel_letters(latin: str) -> list[set[str]]:
    """`_vowel_groups` with each vowel letter a group of its own."""
    return [set(_GROUP_SOUNDS[c]) for g in _LATIN_VOWEL_GROUP.findall(latin) for c in g]


#: An a before o/u in one Latin vowel group (see `_long_vowels_written`).
_HIATUS = re.compile("a(?=[ou])")


def _vowel_groups(latin: str) -> list[set[str]]:
    """The long vowels each group of a Latin word's vowels may stand for (`_GROUP_SOUNDS`)."""
    return [
        set("".join(_GROUP_SOUNDS[c] for c in g)) for g in _LATIN_VOWEL_GROUP.findall(latin)
    ]


def _in_order(wanted: str, groups: list[set[str]]) -> bool:
    """Whether the vowels `wanted` appear in order, one per group of Latin vowels."""
    k = 0
    for vowel in wanted:
        while k < len(groups) and vowel not in groups[k]:
            k += 1
        if k == len(groups):
            return False
        k += 1
    return True


_LATIN_I_END = ("i", "y", "ee", "ie")
#: A final -i (the nisba: Idrissi, Hassani, الإدريسي) on one side only: another name.
NISBA_DIFFERS = 0.15


def _nisba_differs(a: Part, b: Part) -> bool:
    """A final -i on one side only. The last word counts ("ould Hareb" is not Harbi); a Latin
    -a against -i is another name when both are Latin (Fadwa / Fadavi), while against Arabic
    script a final -a may be alef maqsura read -a (موسى)."""
    if a.initial or b.initial or not _last_words_compared(a, b):
        return False
    if _ends_in_i(a) == _ends_in_i(b):
        return False
    if not a.arabic and not b.arabic:
        return True
    latin = b if a.arabic else a
    if latin.text.endswith("ij"):
        # a Latin -ij is the Dutch vowel (Van de Kooij = فان دي كواي) or -i and a j (Bahij =
        # بهيج): no evidence either way
        return False
    if latin.text.endswith("e") and latin.text[-2:-1] not in "aeiou":
        # a final -e said aloud (Michele, Thembekile, Arike) is written ي
        return False
    arabic = a if a.arabic else b
    if arabic.text.endswith("يه") and latin.text.endswith(("ie", "ee")):
        # the French -ie, -ée written يه, the ه for the silent e: Marie = ماريه, Aimée =
        # ايميه (a bare -i is not: Fawzi is not فوزيه, Fawziya)
        return False
    if arabic.text.rpartition(" ")[2].startswith("ال") and arabic.text.endswith("يه"):
        # ... but a family's nisba with its article is: a woman of the Busaidi is
        # البوسعيديه (al-Busaidiyya) in Arabic and often plain "Al Busaidi" in Latin
        return False
    if arabic.text.endswith("الله") and latin.text.endswith("llahi"):
        # the -i of Abdullahi (West Africa, Somalia) is Arabic's case ending, not a nisba
        return False
    if latin.text.endswith(("ya", "ia")) and not arabic.text.endswith("يي"):
        # alef maqsura is a final -a after a consonant (Musa = موسى); a Latin y or i before
        # the -a is a ي the Arabic would write before it (Soumaya = سميه, Yahya = يحيى)
        return True
    return not (_ends_in_a(a) or _ends_in_a(b))


#: A final -a (the feminine ta marbuta: Amina, Jamila) on one side only, the other ending in
#: a consonant: another name (Amin / Amina, Jamil / Jamila, Nasr / Nasra, Peškov / Pešková).
#: A Latin final -ah or -eh says nothing (Fatemeh = فاطمه, but Sabah = صباح), and a Latin
#: silent -e is a consonant ending (Amine = Amin).
FEMININE_DIFFERS = 0.15
_LATIN_A_END = re.compile(r"[aá]$")
_LATIN_CONSONANT_END = re.compile(r"[bcdfgjklmnpqrstvxzšžčćđ]e?$")
#: ... and a final ع, which Latin writers render as a vowel (الاكوع "al-Akwa'a", جمع "Jamaa")
_ARABIC_VOWEL_END = ("ه", "ا", "ي", "و", "ء", "ع")


def _feminine_differs(a: Part, b: Part) -> bool:
    """A final -a on one side only, the other ending in a consonant (see FEMININE_DIFFERS)."""
    if a.initial or b.initial or not _last_words_compared(a, b):
        return False
    if a.arabic and b.arabic:
        return _ta_marbuta_in_one(a, b)
    if _arabic_end(a, b) == "ه" and (a if a.arabic else b).text.endswith("اه"):
        return False  # ة after alef is said -at or left unsaid: Hayat and Haya are حياة
    ends = []
    for part in (a, b):
        text = part.text.rsplit(" ", 1)[-1]
        if part.arabic:
            ends.append("vowel" if text.endswith(_ARABIC_VOWEL_END) else "consonant")
        elif _LATIN_A_END.search(text):
            ends.append("a")
        elif not a.arabic and not b.arabic and text.endswith("o"):
            # the masculine -o of Spanish, Italian, Portuguese names (Prudencio / Prudencia)
            ends.append("o")
        elif _LATIN_CONSONANT_END.search(text):
            ends.append("consonant")
        else:
            return False
    if sorted(ends) == ["a", "o"]:
        return True
    if "a" not in ends:
        # a Latin consonant ending against an Arabic final ه (امينه / Amin)
        return "vowel" in ends and ends[0] != ends[1] and _arabic_end(a, b) == "ه"
    return "consonant" in ends


def _last_words_compared(a: Part, b: Part) -> bool:
    """Whether the endings of two parts say anything: of a single word, yes; of a name
    behind a particle ("Abu Idrissi", بن عماره), its last word, even when both sides are
    written so (ابو ادريس ~ Abu Idrissi is Idris against Idrissi, بن عماره ~ بن عمر Amara
    against Omar: the particle agrees, the names after it do not). Two other compounds
    (Zaman ud Din ~ Zamen Al-Din, عبد الله) end in a shared word: nothing to compare."""
    if " " not in a.text or " " not in b.text:
        return True
    if not (_drops_particle(a) and _drops_particle(b)):
        return False
    # a particle last is no name (بن ابي, "ibn Abu": the genitive of Abu before a name the
    # parser left apart, Ibn Abi al-Qasim)
    return not any(p.text.rpartition(" ")[2] in PARTICLE_WORDS for p in (a, b))


def _ta_marbuta_in_one(a: Part, b: Part) -> bool:
    """Two Arabic-script spellings, one ending in ه (the ta marbuta, ة normalised) and the
    other in a consonant letter: the feminine against the masculine (عماره Amara / عمر Omar,
    امينه / امين), which Arabic writes and never leaves out. Not after alef (حياه is said
    Haya or Hayat), nor against a vowel letter (ا, ي, و: another reading of the ending)."""
    ta, other = (a.text, b.text) if a.text.endswith("ه") else (b.text, a.text)
    if not ta.endswith("ه") or other.endswith("ه") or ta.endswith("اه"):
        return False
    return not other.endswith(_ARABIC_VOWEL_END)


def _arabic_end(a: Part, b: Part) -> str:
    arabic = a if a.arabic else b
    return arabic.text[-1:]


def _ends_in_i(part: Part) -> bool:
    text = part.text.rsplit(" ", 1)[-1]
    return text.endswith("ي") if part.arabic else text.endswith(_LATIN_I_END)


def _ends_in_a(part: Part) -> bool:
    """Alef maqsura is normalised to ي and reads -a (موسى Moussa, ليلى Leila)."""
    return not part.arabic and part.text.endswith("a")


#: The letters a Latin writer may write a w or a y as: its vowel (Fauzi = Fawzi, Zaid = Zayed)
#: or, for w, a v (Liwaa = Livaa, Bhardwaj = Bhardvaj).
_SAID_AS_W = re.compile(r"[ouwv]")
_SAID_AS_Y = re.compile(r"[iey]")


def _latin_semivowels_written(a: Part, b: Part) -> bool:
    """Between two Latin spellings, a consonant w or y after the first letter (Allawi,
    Sayed) that the other spelling writes neither as a letter nor as any vowel it is said as
    (Ali has no o or u; Sad no i, e or y): the other spelling is another name. The reduced
    key drops semivowels (Fawzi = Fauzi, Zayed = Zaid), so without this Allawi met Ali at the
    same consonants AL; the cross-script twin of this check is `_semivowels_written`."""
    if " " in a.text or " " in b.text:
        return True
    fa, fb = a.key.full[1:], b.key.full[1:]
    for full, other, text in ((fa, fb, b.text), (fb, fa, a.text)):
        if "W" in full and "W" not in other and not _SAID_AS_W.search(text):
            return False
        if "Y" in full and "Y" not in other and not _SAID_AS_Y.search(text[1:]):
            return False
    return True


def _semivowels_written(arabic: str, latin: Part) -> bool:
    """A Latin consonant w or y after the first letter (Alaoui = علوي, Ayoub = أيوب) is a
    letter the Arabic must write: Alaoui is not علي."""
    full = latin.key.full[1:]
    if "W" in full and "و" not in arabic and "ف" not in arabic:
        # French writes the u before an ain or a hamza "ou", which the next vowel makes a w:
        # Mouaz = معاذ (Mu'adh), Mouaziz = معزيز
        # (inside the word: an initial ain is the Latin initial vowel, Alaoui is not علي)
        stem = strip_article(arabic)[0]
        if not (_GLOTTAL.search(stem[1:]) and _OU_VOWEL.search(latin.text)):
            return False
    return not ("Y" in full and "ي" not in arabic)


def _final_h_missing(arabic: str, latin: Part) -> bool:
    """An Arabic final ح is a consonant every Latin spelling writes (Salah = صلاح, Mesbah,
    Fateh): a Latin word without a final h is another name (Mol is not ملاح). The reduced
    key drops a final h for the ta marbuta's sake (Fatimah = فاطمه), which is written ه."""
    if not arabic.rsplit(" ", 1)[-1].endswith("ح"):
        return False
    return not any(v.full.endswith("H") for v in latin.variants)


def _vowel_evidence(a: str, b: str, score: float, how: str) -> tuple[float, str]:
    """Latin vowel pattern as weak evidence when both sides are Latin (never across scripts:
    Arabic leaves short vowels unwritten)."""
    if " " in a or " " in b:
        return score, how
    va, vb = _vowel_pattern(a), _vowel_pattern(b)
    if not va or not vb or va == vb:
        return score, how
    similarity = Levenshtein.normalized_similarity(va, vb)
    if similarity == 0.0:
        return score - VOWELS_DISJOINT, how + ", vowels differ"
    if similarity < 0.5:
        return score - VOWELS_DIFFER, how + ", vowels differ"
    return score, how


#: Abu Omar and Abu Mir share the kunya's key (AB + MR: the key drops the name's initial vowel
#: so that the glued Abuomar meets it), but not the name: what a part loses when the names after
#: the two kunyas differ only by that initial vowel.
KUNYA_STEM_DIFFERS = 0.3


def _kunya_stems_differ(a: Part, b: Part) -> bool:
    """Two kunyas ("father of") whose names, alone, differ by an initial vowel only (Abou
    Omar = AMR, Abu Mir = MR; ابو عمر = AMR): another name after the same "Abu"."""
    if not (a.note.startswith("kunya") and b.note.startswith("kunya")):
        return False
    if len(a.variants) < 2 or len(b.variants) < 2:
        return False
    sa, sb = a.variants[1].full, b.variants[1].full
    return sa != sb and (sa == "A" + sb or sb == "A" + sa)


def _drops_particle(part: Part) -> bool:
    return part.note.startswith(_PARTICLE_NOTES)


#: One consonant more inside a name's skeleton (Farobuk / فاروق, Monunnir / منير, Truldi /
#: ترودي): a typing slip, which the Levenshtein ratio of three-consonant keys (0.75, so 0.675)
#: left just below `MIN_PART`. At the start the names differ (the first consonants are
#: compared), at the end it is often a suffix that makes another name (Salem / Slimane).
INSERTED_CONSONANT = 0.72


def _one_inserted_inside(ka: str, kb: str, a: Part, b: Part) -> bool:
    """Whether the longer key is the shorter one with one consonant added, neither first nor
    last, into a name of three consonants or more: behind a particle the name's own (بن نواري
    is NR behind BN, and Bennemra's NMR is not it with a slip)."""
    short, long = (ka, kb) if len(ka) < len(kb) else (kb, ka)
    if len(long) != len(short) + 1 or min(_name_consonants(a), _name_consonants(b)) < 3:
        return False
    if long[0] != short[0] or long[-1] != short[-1]:
        return False
    i = 1  # the first letter that differs is the inserted one
    while i < len(short) and short[i] == long[i]:
        i += 1
    return i < len(long) - 1 and long[i + 1 :] == short[i:]


#: Between two Latin spellings, how many letters a typing slip may leave apart.
SLIP_LETTERS = 2


def _a_slip(a: Part, b: Part) -> bool:
    """Whether one consonant more inside can be a typing slip: across scripts always (the
    letters are not comparable), between two Latin spellings only when the words are a
    letter or two apart (Monunnir / Mounir): Moradeke / Mark and Zaituni / Stephanie add
    whole syllables, which is another name sharing a skeleton, not a slip."""
    if a.arabic or b.arabic:
        return True
    if Levenshtein.distance(a.text, b.text, score_cutoff=SLIP_LETTERS) <= SLIP_LETTERS:
        return True
    # or the shorter is the longer's letters with some left out: a contraction (Mohd)
    short, long = sorted((a.text, b.text), key=len)
    letters = iter(long)
    return all(letter in letters for letter in short)


def _name_consonants(part: Part) -> int:
    """How many consonants the name itself has: its coarse key's, or behind a particle the
    shortest reading that ends its key (the particle dropped)."""
    key = part.key.coarse
    return min(len(k) for k in part.coarse_keys if key.endswith(k))


def _fuzzy(a: Part, b: Part) -> tuple[float, str]:
    best, how = 0.0, ""
    # close but not equal keys: one consonant off (Brahim/Ibrahim, Mehdi/Mahdi)
    ka, kb = a.key.coarse, b.key.coarse
    if ka.startswith("#") or kb.startswith("#"):
        return 0.0, ""
    if ka.startswith("ABD") and kb.startswith("ABD"):
        # "Abd" + a different divine name is a different name: compare what follows it
        ka, kb = ka[3:], kb[3:]
        if not ka or not kb:
            return 0.0, ""
    # Names that differ in their first consonant are different names (Ahmed/Mohamed,
    # Hamid/Ahmad), however close the rest: only an initial vowel may be missing (Brahim).
    sa, sb = ka.lstrip("A") or ka, kb.lstrip("A") or kb
    if min(len(ka), len(kb)) >= 3 and sa[0] == sb[0]:
        lev = Levenshtein.normalized_similarity(ka, kb)
        if lev >= 0.75:  # (one insertion into three consonants or more is 0.75 or more)
            best, how = 0.9 * lev, f"similar consonants {ka}~{kb}"
            if best < INSERTED_CONSONANT and _one_inserted_inside(ka, kb, a, b) and _a_slip(a, b):
                best = INSERTED_CONSONANT
    compound = "compound" in a.note or "compound" in b.note or " " in a.text + b.text
    if not a.arabic and not b.arabic and a.text[:1] == b.text[:1] and not compound:
        jw = JaroWinkler.similarity(a.text, b.text)
        if jw >= 0.9 and jw * 0.85 > best:
            best, how = jw * 0.85, f"similar spelling ({jw:.2f})"
    return best, how


def _variant_note(part: Part, index: int) -> str:
    if part.alone and index < part.alone:
        return "prefix"  # another reading of a compound's letters, its particle kept
    note = part.note or "prefix"
    return note.replace(" dropped", "")


#: The last left name `align_score` weighed, its weight function and its weights: a screener
#: aligns one query's name with each of its candidates in turn, so the query side's weights
#: are asked again and again (a third of the weight look-ups of a 100k query). Held by
#: reference, so an identity check is safe; names are sequences of immutable parts. One tuple
#: replaced whole, never edited, so that a thread reads a name with its own weights. The very
#: function object must come again: `Screener.match` binds `wl.weight` once per query, and a
#: `Watchlist.add` (which changes the weights) makes the next query bind a new one.
_LAST_LEFT: list[tuple[Sequence[Part] | None, WeightFn | None, list[float]]] = [(None, None, [])]

#: Raw alignment: score, matched (similarity, left index, right index, how), unmatched left
#: and right indices, and whether both sides have unmatched parts.
Alignment = tuple[float, list[tuple[float, int, int, str]], list[int], list[int], bool]


def align_score(
    left: Sequence[Part], right: Sequence[Part], weight: WeightFn = default_part_weight
) -> Alignment:
    """Align two parsed names and score them, without building an explanation (hot path)."""
    if not left or not right:
        return 0.0, [], [], [], False
    # the part-pair memo read here, a row per left part, rather than through
    # `part_similarity` (one call less per pair: nine or so pairs a candidate, thirteen
    # candidates a query); a miss goes through it and fills the row
    sims = _SIM_CACHE
    floor = MIN_PART
    nothing: dict[Part, tuple[float, str]] = {}
    candidates: list[tuple[float, int, int, str]] = []
    for i, a in enumerate(left):
        row = sims.get(a, nothing)
        for j, b in enumerate(right):
            hit = row.get(b)
            if hit is None:
                hit = part_similarity(a, b)
            if hit[0] >= floor:
                candidates.append((hit[0], i, j, hit[1]))
    used_l: set[int] = set()
    used_r: set[int] = set()
    pairs: list[tuple[float, int, int, str]] = []
    if len(candidates) == 1:  # the common case: one part met, nothing to sort or pick
        pairs = candidates
        used_l.add(candidates[0][1])
        used_r.add(candidates[0][2])
    elif candidates:
        # best first, ties in (left, right) order: the order they were appended in, which a
        # stable sort on the score alone keeps (no key tuple built per candidate)
        candidates.sort(key=itemgetter(0), reverse=True)
        for cand in candidates:
            _, i, j, _ = cand
            if i in used_l or j in used_r:
                continue
            used_l.add(i)
            used_r.add(j)
            pairs.append(cand)
    n_left, n_right = len(left), len(right)
    if len(used_l) < n_left and len(used_r) < n_right:
        _join_compounds(left, right, used_l, used_r, pairs)
        if len(used_l) < n_left and len(used_r) < n_right:  # (a join only uses parts up)
            _part_of_compound(left, right, used_l, used_r, pairs)
    if not pairs:
        # no part met alone nor as a compound (a name whose every part is written as one
        # word on the other side, Mir-Taher = ميرطاهر, reaches here with no single match)
        return 0.0, [], list(range(n_left)), list(range(n_right)), True
    last = _LAST_LEFT[0]  # one read of one tuple: threads may align beside each other
    if left is last[0] and weight is last[1]:
        wl = last[2]
    else:
        wl = [weight(p) for p in left]
        _LAST_LEFT[0] = (left, weight, wl)
    wr = [weight(p) for p in right]
    num = 0.0
    den = 0.0
    for score, i, j, _ in pairs:
        both = wl[i] + wr[j]
        num += score * both
        den += both
    rest_l = [i for i in range(n_left) if i not in used_l]
    rest_r = [j for j in range(n_right) if j not in used_r]
    conflict = bool(rest_l and rest_r)
    den += _cost(rest_l, wl, n_left, conflict) + _cost(rest_r, wr, n_right, conflict)
    # Parts met in another order (family name first) is common and cheap; it costs a little
    # so that a namesake met only by moving parts about stays below an exact-order match.
    if len(pairs) > 1:
        if not _same_order(pairs):
            num -= REORDERED * den
        elif not conflict and (_shifted(rest_l, n_left) or _shifted(rest_r, n_right)):
            num -= SHIFTED * den
    # Only initials in common is never enough to call two names alike.
    for _, i, j, _ in pairs:
        if not (left[i].initial or right[j].initial):
            break
    else:
        num *= 0.5
    return (round(num / den, 4) if den else 0.0), pairs, rest_l, rest_r, conflict


#: Similarity of a part with two parts of the other name written apart (Mohammad-Reza =
#: محمدرضا): the keys agree only once joined, so a little less than a same-key match.
JOINED = 0.86
MIN_JOINED = MIN_JOINED_KEY
#: ... or this long when one of the two parts has three consonants (اميرعلي = Amir Ali)
MIN_JOINED_SHORT = 4


#: Per part, its coarse keys long enough to be two parts joined (`_join_compounds`): all
#: those of MIN_JOINED_SHORT consonants or more, and those of MIN_JOINED or more; () for a
#: part that is never tried (an initial, a part of several words, a part too short).
_LONG_KEYS: dict[Part, tuple[frozenset[str], frozenset[str]] | tuple[()]] = {}
#: Per pair of adjacent parts, the keys of the two written as one word (`join_key`) and,
#: when both are short, their letters joined (`_join_compounds` asks them to be the very
#: letters of the part then); () for a pair with an initial, which is never joined.
JoinKeys = tuple[frozenset[str], str | None] | tuple[()]
_JOIN_KEYS: dict[tuple[Part, Part], JoinKeys] = {}
#: Per pair of parts, whether one is a half of the other written as one word
#: (`_part_of_compound`).
_IN_PART: dict[tuple[Part, Part], float] = {}


def _long_keys(part: Part) -> tuple[frozenset[str], frozenset[str]] | tuple[()]:
    hit = _LONG_KEYS.get(part)
    if hit is None:
        keys = frozenset(k for k in part.coarse_keys if len(k) >= MIN_JOINED_SHORT)
        if part.initial or " " in part.text or not keys:
            hit = ()
        else:
            hit = (keys, frozenset(k for k in keys if len(k) >= MIN_JOINED))
        remember(_LONG_KEYS, part, hit)
    return hit


def _join_keys(a: Part, b: Part) -> JoinKeys:
    """What `_join_compounds` needs of a pair of adjacent parts, built on a memo miss."""
    if a.initial or b.initial:
        return remember(_JOIN_KEYS, (a, b), ())
    keys = frozenset(join_key(ka, kb) for ka in a.coarse_keys for kb in b.coarse_keys)
    short = len(a.key.coarse) < 3 and len(b.key.coarse) < 3
    return remember(_JOIN_KEYS, (a, b), (keys, a.text + b.text if short else None))


def _join_compounds(
    left: Sequence[Part],
    right: Sequence[Part],
    used_l: set[int],
    used_r: set[int],
    pairs: list[tuple[float, int, int, str]],
) -> None:
    """Match a part left unmatched with two adjacent unmatched parts of the other name that
    make it once joined ("Ali Asghar" / علياصغر, "Ben Ali" / "Benali", "Abu Taya" /
    "Abutaya"). The pair is recorded on the first of the two parts; the second is used up.

    Nearly every pair of names scored has parts left over on both sides and nearly none is a
    join: the keys each check needs are built once per part and per pair of parts, and kept
    (`_long_keys`, `_join_keys`)."""
    long_keys = _LONG_KEYS
    join_keys = _JOIN_KEYS
    for one, two, used_one, used_two, flip in (
        (left, right, used_l, used_r, False),
        (right, left, used_r, used_l, True),
    ):
        last = len(two) - 1
        if last - len(used_two) < 1:
            continue  # fewer than two parts of `two` unmatched: no pair of them to join
        for i, part in enumerate(one):
            if i in used_one:
                continue
            long = long_keys.get(part)
            if long is None:
                long = _long_keys(part)
            if not long:
                continue  # too short to be two parts joined: no join key to build
            for j in range(last):
                if j in used_two or j + 1 in used_two:
                    continue
                joined = join_keys.get((two[j], two[j + 1]))
                if joined is None:
                    joined = _join_keys(two[j], two[j + 1])
                if not joined:
                    continue  # an initial
                keys, letters = joined
                # two short parts joined are made by chance too easily, unless the very
                # letters are the same (Ali Reza = Alireza, علي رضا = عليرضا)
                short = long[1] if letters is not None and letters != part.text else long[0]
                if short and not short.isdisjoint(keys):
                    used_one.add(i)
                    used_two.update((j, j + 1))
                    how = f"written as one word: {two[j].text} {two[j + 1].text}"
                    pairs.append((JOINED, j, i, how) if flip else (JOINED, i, j, how))
                    break


#: Similarity of a part with one half of a compound the other name writes as one word, the
#: other half missing (محمدصادق / Mohammad, سيدكاظم / Kazem, Labbafinejad / لبافي): Persian
#: and South-Asian compounds are often written in part; the missing half costs as a dropped
#: part would.
IN_PART = 0.8
#: ... and of the rest of a glued word beside a known half (`parts.GLUED_HEADS`): محمدحسن =
#: Hassan is how Persian compounds are commonly written in Latin, the head left out
GLUED_REST = 0.85
#: The half met must have this many consonants, the whole at least two more.
MIN_HALF = 3


def _part_of_compound(
    left: Sequence[Part],
    right: Sequence[Part],
    used_l: set[int],
    used_r: set[int],
    pairs: list[tuple[float, int, int, str]],
) -> None:
    """Match a part left unmatched with an unmatched one-word part of the other name whose
    key begins or ends with its key. Only parts unmatched on both sides (a conflict
    otherwise) are tried."""
    in_part = _IN_PART
    for i, a in enumerate(left):
        if i in used_l or a.initial:
            continue
        for j, b in enumerate(right):
            if j in used_r or b.initial or not (a.arabic or b.arabic):
                continue
            met = in_part.get((a, b))
            if met is None:
                met = remember(in_part, (a, b), _in_part(a, b))
            if met:
                whole = a if len(a.key.coarse) >= len(b.key.coarse) else b
                used_l.add(i)
                used_r.add(j)
                pairs.append((met, i, j, f"written as one word: {whole.text}, in part"))
                break


def _in_part(a: Part, b: Part) -> float:
    """The similarity of the shorter of two parts with the other when it is a half of it
    written as one word (`GLUED_REST`, `IN_PART`); 0 when it is not."""
    short, whole = (a, b) if len(a.key.coarse) < len(b.key.coarse) else (b, a)
    if _rest_of_glued(whole, short):
        return GLUED_REST
    if " " in whole.text or len(whole.key.coarse) < len(short.key.coarse.lstrip("A")) + 2:
        return 0.0
    keys = [k for k in short.coarse_keys if len(k.lstrip("A")) >= MIN_HALF]
    wholes = whole.coarse_keys
    if any(w.startswith(k) for k in keys for w in wholes) or any(
        _ends_with(whole, k) for k in keys
    ):
        return IN_PART
    return 0.0


#: Letters an Arabic-script half that Latin writes with an initial vowel begins with.
_VOWEL_LETTERS = frozenset("اع")


def _ends_with(whole: Part, key: str) -> bool:
    """Whether a one-word compound ends with the half keyed `key`. Inside a word a half loses
    the vowel marker of its first letter (علياصغر = AL + SKR, Asghar = ASKR); in Arabic script
    that letter must then be there, at a vowel letter that begins the half: عليمحمد ends with
    the consonants of Ahmad (ALMHMD, HMD) but holds محمد, not احمد."""
    stem = key.removeprefix("A") or key
    if not any(w.endswith(stem) for w in whole.coarse_keys):
        return False
    if stem == key or not whole.arabic:
        return True
    text = whole.text
    return any(
        text[i] in _VOWEL_LETTERS and key in parse_name(text[i:])[0].coarse_keys
        for i in range(1, len(text) - 1)
    )


def _rest_of_glued(whole: Part, short: Part) -> bool:
    """Whether `short` is what an Arabic-script compound holds beside a known glued half
    (محمدرفيع = Rafi, درياقلي = Darya: `parts.GLUED_HEADS`), however few its consonants."""
    if not whole.arabic:
        return False
    if " " not in whole.text:
        # the rest met as a part of its own would be, not by its coarse key alone: جواد
        # (Javad) of محمدجواد shares the coarse key KD with Qadi, and is not that name
        rest = glued_rest(whole.text)
        return (
            rest is not None
            and not rest.coarse_keys[0].startswith("#")
            and any(k in rest.coarse_keys for k in short.coarse_keys)
            and part_similarity(rest, short)[0] >= MIN_PART
        )
    # a particle over the glued word (its note says which: patronymic, kunya), against a
    # compound of the same particle whose name is the rest (Ben Parast: Parast alone)
    rest = glued_rest(whole.text.rpartition(" ")[2])
    kind = whole.note.partition(" ")[0]
    if rest is None or not kind or short.note.partition(" ")[0] != kind:
        return False
    return not rest.coarse_keys[0].startswith("#") and any(
        k in rest.coarse_keys for k in short.coarse_keys[1:]
    )


#: What meeting the parts in another order takes off a name's score.
REORDERED = 0.02


#: What meeting the parts in order but one place over takes off a name's score: the first
#: or last part of one name is not in the other, so the other's given name met a middle
#: name (Jalees Hari ~ Ayush Jalees Hari: a father in a nasab chain, Kashangaki Dinangwe ~
#: Ama Kashangaki Dinangwe). Beside what the missing part costs: the parts left met at
#: other places in the name, as a reordering does.
SHIFTED = REORDERED


def _shifted(rest: list[int], size: int) -> bool:
    """Whether a name's unmatched parts (`rest`, no conflict) include its first or last."""
    return bool(rest) and (rest[0] == 0 or rest[-1] == size - 1)


def _same_order(pairs: list[tuple[float, int, int, str]]) -> bool:
    ordered = sorted(pairs, key=itemgetter(1))
    return all(a[2] < b[2] for a, b in zip(ordered, ordered[1:], strict=False))


def explain(
    left: Sequence[Part],
    right: Sequence[Part],
    alignment: Alignment,
    left_text: str = "",
    right_text: str = "",
) -> NameMatch:
    """Turn a raw alignment into a `NameMatch` with its explanation."""
    score, pairs, rest_l, rest_r, conflict = alignment
    if not left or not right:
        return NameMatch(0.0, left_text, right_text, _note="empty name")
    return NameMatch(
        score=score,
        left=left_text,
        right=right_text,
        matched=tuple(
            PartMatch(_show(left[i]), _show(right[j]), round(s, 2), how)
            for s, i, j, how in sorted(pairs, key=lambda p: p[1])
        ),
        dropped_left=tuple(_show(left[i]) for i in rest_l),
        dropped_right=tuple(_show(right[j]) for j in rest_r),
        conflict=conflict,
    )


def align(
    left: Sequence[Part],
    right: Sequence[Part],
    weight: WeightFn = default_part_weight,
    left_text: str = "",
    right_text: str = "",
) -> NameMatch:
    """Align two parsed names, score them and explain the result."""
    return explain(left, right, align_score(left, right, weight), left_text, right_text)


def _cost(rest: list[int], weights: list[float], size: int, conflict: bool) -> float:
    # (plain loops, summed left to right as `sum` would: called twice for every pair scored)
    total = 0.0
    if conflict:
        for i in rest:
            total += weights[i] * CONFLICT
        return total
    # A dropped first or family name costs at least 0.8 even when common: "Ahmed Tazi" is
    # not "Youssef Ahmed Tazi" just because Youssef is a frequent name.
    last = size - 1
    for i in rest:
        if 0 < i < last:
            total += weights[i] * DROPPED_MIDDLE
        else:
            total += max(weights[i], 0.8) * DROPPED_END
    return total


def compare(a: str, b: str, kind: str = "person") -> NameMatch:
    """Compare two names of the same kind ("person", "company", "vessel")."""
    kind = kind.lower()
    if kind in ("organization", "legalentity"):
        kind = "company"
    return align(parse_name(a, kind), parse_name(b, kind), left_text=a, right_text=b)
