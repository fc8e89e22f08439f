"""Sound keys of a name part, at three levels of tolerance, and the blocking keys of a name.

- **full**: the sound classes (arabic.py / latin.py), e.g. Marwan -> MRWN, مروان -> MRWN.
- **reduced**: without the semivowels W and Y (but an initial one) and without a final H.
  Whether a w/y is written as a consonant or a vowel (Marouane/Marwan, Aicha/Aisha,
  عائشة) and whether a final h is written (Salah/صلاح, Fatimah/فاطمة) are the most
  frequent cross-script differences.
- **coarse**: reduced, with X (kh) merged into J, G (gh) into K, Z into S and V into F.
  Spanish writes kh as j (Jalid), Egyptian usage writes ج as g (Gamal) and Maghrebi usage
  writes ق as g (Gaddafi); s between vowels is said z (Josef = جوزيف, Rosalie = روزالي) and
  Arabic script writes v as ف (Victor = فيكتور). The merges were checked on the 22,797 word
  pairs of arabnamer's dictionary (names/data/README.md): each one is a frequent confusion
  there.

The coarse key is what the watchlist index uses for blocking; the comparison starts from the
finest level and falls back, so each fallback is visible in the explanation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from interlink.names.arabic import arabic_classes
from interlink.names.latin import concat, latin_classes
from interlink.names.normalize import has_arabic

if TYPE_CHECKING:
    from interlink.names.parts import Part

_COARSE = str.maketrans({"X": "J", "G": "K", "Z": "S", "V": "F"})


@dataclass(frozen=True, slots=True)
class SoundKey:
    """The three keys of one spelling of a name part."""

    full: str
    reduced: str
    coarse: str


def classes(word: str) -> str:
    """Sound classes of one normalised word in either script."""
    return arabic_classes(word) if has_arabic(word) else latin_classes(word)


@lru_cache(maxsize=200_000)
def sound_key(full: str) -> SoundKey:
    """Derive reduced and coarse keys from full sound classes."""
    # an initial w/y is a consonant in both scripts (Yusuf, يوسف; Walid, Oualid, وليد): kept
    reduced = full[:1] + full[1:].replace("W", "").replace("Y", "")
    if len(reduced) > 1 and reduced.endswith("H"):
        reduced = reduced[:-1]
        if len(reduced) > 2 and reduced.endswith("H"):
            # نزهه (Nuzha: an h, then ta marbuta written ه) = Nezha
            reduced = reduced[:-1]
    if not reduced:
        reduced = full
    coarse = reduced.translate(_COARSE)
    return SoundKey(full=full, reduced=reduced, coarse=coarse)


def key_groups(parts: Sequence[Part]) -> list[tuple[str, ...]]:
    """The evidence a name gives the index, one group of alternative keys per unit.

    A unit is a part (its coarse keys: one per spelling variant), a pair of parts (their
    order-free pair keys), or two adjacent parts written as one word (Ali Asghar = علياصغر;
    the joined key alone, and paired with each other part). Variants widen recall, not rank:
    a unit counts once however many of its keys an entry shares.
    """
    usable = [p for p in parts if not p.initial and not p.generic]
    groups: list[tuple[str, ...]] = []
    for part in usable:
        groups.append(part.retrieval_keys)
    for i, a in enumerate(usable):
        for b in usable[i + 1 :]:
            # two parts of one sound (Essa Assi, Khalid Khaled) make a pair too: "AS|AS"
            keys = {pair_key(ka, kb) for ka in a.retrieval_keys for kb in b.retrieval_keys}
            if keys:
                groups.append(tuple(sorted(keys)))
    for i in range(len(usable) - 1):
        a, b = usable[i], usable[i + 1]
        joined = tuple(
            sorted(
                k
                for k in {join_key(ka, kb) for ka in a.retrieval_keys for kb in b.retrieval_keys}
                if len(k) >= MIN_JOINED_KEY
            )
        )
        if not joined:
            continue
        groups.append(joined)
        for k, other in enumerate(usable):
            if k in (i, i + 1):
                continue
            keys = {pair_key(j, ko) for j in joined for ko in other.retrieval_keys if j != ko}
            if keys:
                groups.append(tuple(sorted(keys)))
    if len(usable) == 1 and len(parts) > 1:
        # a company "X Trading": the name part and the generic word together
        for g in (p for p in parts if p.generic):
            groups.append(tuple(pair_key(ka, g.key.coarse) for ka in usable[0].retrieval_keys))
    return groups


def index_keys(parts: Sequence[Part]) -> set[str]:
    """Every key of every unit of `key_groups(parts)`, as one set: what an index posts a name
    under, without the groups.

    The same keys as the union of `key_groups` (a test holds them equal), written for the
    build of a million-name index, where `key_groups`' sorted tuples, built to be read unit
    by unit at query time, were a fifth of the build's CPU: the keys go straight into the
    set, and each joined key is built once for all the pairs it makes.
    """
    usable = [p.retrieval_keys for p in parts if not p.initial and not p.generic]
    keys: set[str] = set()
    add = keys.add
    for ck in usable:
        keys.update(ck)
    n = len(usable)
    for i in range(n):
        a = usable[i]
        for j in range(i + 1, n):
            for ka in a:
                for kb in usable[j]:
                    add(f"{ka}|{kb}" if ka < kb else f"{kb}|{ka}")
    for i in range(n - 1):
        joined: set[str] = set()
        for ka in usable[i]:
            for kb in usable[i + 1]:
                # join_key, inlined (a million-name build makes five a name)
                tail = kb[1:] if kb[:1] == "A" and len(kb) > 1 else kb
                key = ka + tail[1:] if ka and tail and ka[-1] == tail[0] else ka + tail
                if len(key) >= MIN_JOINED_KEY:
                    joined.add(key)
        if not joined:
            continue
        keys.update(joined)
        for k in range(n):
            if k == i or k == i + 1:
                continue
            for jk in joined:
                for ko in usable[k]:
                    if jk != ko:
                        add(f"{jk}|{ko}" if jk < ko else f"{ko}|{jk}")
    if n == 1 and len(parts) > 1:
        # a company "X Trading": the name part and the generic word together
        for g in (p for p in parts if p.generic):
            gk = g.key.coarse
            keys.update(pair_key(ka, gk) for ka in usable[0])
    return keys


def spelled_keys(parts: Sequence[Part]) -> set[str]:
    """Keys of a name's spelling, beside its sound keys: each pair of its parts as written
    (order-free), "=ali|saad". A query holding two parts of an entry as the entry writes
    them (the name reordered, a middle name dropped) finds it by them when the sound keys of
    those parts are shared by thousands of near-namesakes (Mahmoud Zaid at a million names:
    648 entries sharing more sound keys than Zaid Mahmoud). Initials and generic words are
    left out; the "=" keeps them apart from sound keys."""
    texts = sorted({p.text for p in parts if not p.initial and not p.generic})
    return {f"={a}|{b}" for i, a in enumerate(texts) for b in texts[i + 1 :]}


#: A joined key shorter than this is too easily made by chance (Somaya + Ammar = Samira).
MIN_JOINED_KEY = 5


def join_key(a: str, b: str) -> str:
    """Coarse key of two parts written as one word: "Ali Asghar" = علياصغر, "Hatami-kia" =
    حاتميكيا, "van den Heuvel" = "Vandenheuvel". The second part's initial-vowel marker goes,
    as it does inside a word."""
    tail = b[1:] if b.startswith("A") and len(b) > 1 else b
    return concat(a, tail)


def pair_key(a: str, b: str) -> str:
    """Order-free key of two parts."""
    return f"{a}|{b}" if a < b else f"{b}|{a}"


#: Particles that end in a vowel (Abu, Bou, ابو, بو): a consonant they are followed by is not
#: one consonant written twice (Abu Bakr = Aboubakr = ابوبكر, Bou Beghla = Boubeghla), while
#: after Ben or Ould it is (Ben Nasser = Bennasser).
_VOWEL_ENDED_PARTICLES = frozenset({"AB", "B"})


def join_particle(prefix: str, stem: str, vowel: bool = False) -> str:
    """Key of a particle (its key `prefix`) and its name written as one word: after a
    particle ending in a vowel, or a stem beginning with one (`vowel`), the classes are
    joined as they are; else as `concat` joins them (one consonant written twice is one)."""
    if vowel or prefix in _VOWEL_ENDED_PARTICLES:
        return prefix + stem
    return concat(prefix, stem)


#: The Arabic article, which glued compounds carry inside a word (ابوالقاسم, خادمالشريعه).
ARTICLE = "ال"
#: Particle words and the key their compound begins with (`names.parts`: connectors "BN",
#: abd "ABD", kunyas their own), filled on first use (parts imports this module).
_PARTICLE_KEYS: dict[str, str] = {}


def _particle_keys() -> dict[str, str]:
    if not _PARTICLE_KEYS:
        from interlink.names import parts

        _PARTICLE_KEYS.update(parts.KUNYA)
        _PARTICLE_KEYS.update(dict.fromkeys(parts.CONNECTORS, parts.CONNECTOR_KEY))
        _PARTICLE_KEYS.update(dict.fromkeys(parts.ABD_WORDS, parts.ABD_KEY))
    return _PARTICLE_KEYS


@lru_cache(maxsize=200_000)
def article_halves(word: str) -> tuple[str, ...]:
    """Coarse keys of an Arabic-script word glued over an article inside it (ابوالقاسم,
    خادمالشريعه, عزالدين): the word after the article, the word before it, and the word
    without it. Latin writers write such a name apart ("al-Qasim", "Hemat al-Sharieh",
    "Mofti-ol-shia") or without the article ("Ezaddin"), and share no key with the glued
    word; an abd compound (عبدالرحمن) is left to the parser's own readings."""
    if " " in word or not has_arabic(word) or word.startswith("عبد"):
        return ()
    at = word.find(ARTICLE, 2)
    if at < 0 or len(word) - at - 2 < 2:
        return ()
    before, after = word[:at], word[at + 2 :]
    keys = [sound_key(classes(w)).coarse for w in (after, before, before + after)]
    # the half before the article alone only when it says something (عز, ابو: too common)
    return tuple(k for i, k in enumerate(dict.fromkeys(keys)) if len(k) >= (3 if i == 1 else 2))


@lru_cache(maxsize=200_000)
def _part_extras(part: Part) -> tuple[str, str, tuple[str, ...]] | None:
    """What `extra_index_keys` needs of one part, worked out once per part (one `Part` per
    spelling): its particle's key, the key of an abd compound's stem ("" for others), and
    `article_halves`; None for a part with neither (most of them)."""
    if part.initial or part.generic:
        return None
    text = part.text
    head, _, stem = text.partition(" ")
    prefix = _particle_keys().get(head, "") if stem else ""
    stem_key = ""
    if prefix == "ABD":
        word = stem.replace(" ", "")
        if word.startswith(ARTICLE) and len(word) > 3:
            word = word[2:]
        stem_key = sound_key(classes(word)).coarse
    halves = article_halves(text) if part.arabic else ()
    return (prefix, stem_key, halves) if prefix or halves else None


def may_have_extra_keys(parts: Sequence[Part]) -> bool:
    """Whether `extra_index_keys` may find anything in a name, told from its parts' texts
    alone (a part of several words: a particle's or abd's compound; an Arabic-script word
    with the article inside it): most names have neither, and a million-name build asks
    once a name, before the per-part look-ups of `_part_extras`."""
    return any(" " in p.text or (p.arabic and p.text.find(ARTICLE, 2) >= 0) for p in parts)


def extra_index_keys(parts: Sequence[Part]) -> set[str]:
    """Keys an index posts a name under beside `index_keys`, for the forms a query writes
    apart or drops that the entry writes as one part (issue 13, candidate recall at 1M):

    - a particle's compound met by the particle with a later part, the compound's own name
      dropped: "Mint Mohamed Farah" is also posted under BNFR, the key of "Mint Farah"
      (a one-part query: its one key is all it has), and "Abdu Thandeka Kolade" under
      ABDKLD ("Abdu Kolade"); an abd compound's stem is also paired with the other parts
      ("Mansoura Abdel Fahad" under FHD|MNSR, what "Mansoura Fahad" looks up);
    - a word glued over an article (`article_halves`), each half alone and paired with the
      other parts ("ابوالقاسم رسا" under KSM|RS, what "al-Qasim Rasa" looks up).

    Entry side only: the query's own keys already are these forms, so no query looks up
    more keys than before. Most names have neither, and cost one cached look-up a part (a
    million-name build calls this once a name)."""
    extras = list(map(_part_extras, parts))
    if len(parts) < 2 or not any(extras):
        return set()
    usable = [(p, x) for p, x in zip(parts, extras, strict=True) if not p.initial and not p.generic]
    keys: set[str] = set()
    for i, (_, extra) in enumerate(usable):
        if extra is None:
            continue
        prefix, stem_key, halves = extra
        others = [k for j, (p, _) in enumerate(usable) if j != i for k in p.retrieval_keys]
        if prefix:
            for later, _ in usable[i + 1 :]:
                for k in later.retrieval_keys:
                    tail = k[1:] if k[:1] == "A" and len(k) > 1 and prefix != "ABD" else k
                    keys.add(join_particle(prefix, tail))
        if stem_key:
            keys.update(pair_key(stem_key, k) for k in others if k != stem_key)
        for half in halves:
            keys.add(half)
            keys.update(pair_key(half, k) for k in others if k != half)
    return keys
