"""Latin spellings to sound classes, the same alphabet as `arabic.py`.

The rules fold the ways French, English and Spanish write one Arabic sound:

- sh (English), ch (French) -> C;  dj (French), j (English), zh -> J
- kh (English/French) and Spanish j (Jalid) -> X / J: the coarse key merges J and X;
  x is k + s (Alexander = الكسندر); v is V (ف in Arabic writing: Victor = فيكتور), merged
  with F in the coarse key
- gh -> G; q, k, hard c, ck -> K; soft c (Youcef) and ç -> S; ph -> F; th -> T; dh -> D
- ou before a vowel is a w (Marouane = Marwan, Alaoui = Alawi); otherwise ou/u/oo/o are vowels
- y at the start before a vowel or between vowels is a consonant (Yasmine, Ayoub); otherwise
  a vowel (Hany, Sayd); ei/ay/ai are vowels
- doubled consonants count once (Mohammed = Mohamed, Hassan = Hasan)
- vowels are dropped, but a word starting with a vowel keeps the marker "A" (Omar, Ibrahim)

No phonetic algorithm in rigour (metaphone, soundex) does this: they are tuned for English
(metaphone reads "ch" as "X" and "j" as "J", soundex keeps the first letter as written), which
splits Chraibi/Shraibi and Youssef/Joussef rather than joining them.
"""

from __future__ import annotations

from functools import lru_cache

VOWELS = frozenset("aeiou")

_TRIGRAPHS = {"sch": "C", "tch": "C", "dsh": "J", "dzh": "J"}
#: ... of which "dsh" is one sound (a German writer's Russian dzh: Dshamil) only at the start:
#: inside a word it is d + sh, Badshah = بادشاه, Bradshaw = برادشو (arabnamer's one dsh word).
_INITIAL_ONLY = frozenset({"dsh"})
_DIGRAPHS = {
    "dj": "J",
    "kh": "X",
    "gh": "G",
    "sh": "C",
    "ch": "C",
    "ph": "F",
    "th": "T",
    "dh": "D",
    "zh": "J",
    "ck": "K",
    "wh": "W",
}
_SINGLE = {
    "b": "B",
    "p": "B",
    "t": "T",
    "d": "D",
    "j": "J",
    "h": "H",
    "r": "R",
    "z": "Z",
    "s": "S",
    "f": "F",
    "v": "V",
    "w": "W",
    "k": "K",
    "q": "K",
    "l": "L",
    "m": "M",
    "n": "N",
}


def _vowel_at(word: str, i: int) -> bool:
    return 0 <= i < len(word) and word[i] in VOWELS


@lru_cache(maxsize=200_000)
def latin_classes(word: str) -> str:
    """Sound classes of one normalised (lower-case ASCII) Latin word."""
    out: list[str] = []
    i = 0
    n = len(word)
    while i < n:
        tri = word[i : i + 3]
        if tri in _TRIGRAPHS and (i == 0 or tri not in _INITIAL_ONLY):
            out.append(_TRIGRAPHS[tri])
            i += 3
            continue
        di = word[i : i + 2]
        if di in _DIGRAPHS:
            out.append(_DIGRAPHS[di])
            i += 2
            continue
        char = word[i]
        if di == "ou":
            if _vowel_at(word, i + 2):
                out.append("W")
            else:
                out.append("A" if i == 0 else SEP)
            i += 2
            continue
        if char == "u" and i == 0 and _vowel_at(word, i + 1):
            out.append("W")  # Spanish/English initial u before a vowel: Uasi, Ualid (w)
        elif char in VOWELS:
            out.append("A" if i == 0 else SEP)
        elif char == "y":
            before = i == 0 or _vowel_at(word, i - 1)
            if before and _vowel_at(word, i + 1):
                out.append("Y")
            elif i == 0:
                out.append("A")
            else:
                out.append(SEP)
        elif char == "c":
            out.append("S" if i + 1 < n and word[i + 1] in "eiy" else "K")
        elif char == "g":
            if i + 1 < n and word[i + 1] == "u" and _vowel_at(word, i + 2):
                out.append("G")  # "gu" before e/i is a hard g (Guelmim)
                i += 2
                continue
            out.append("J" if i + 1 < n and word[i + 1] in "eiy" else "G")
        elif char == "x":
            out += ["K", "S"]  # Alexander = الكسندر, Maxim = ماكسيم
        elif char in _SINGLE:
            out.append(_SINGLE[char])
        elif char.isdigit():
            out.append(char)
        i += 1
    return collapse(out)


#: A vowel between two consonants: it keeps "Jalal" (J-L-L, جلال) apart from "Jalia" (J-L)
#: while a doubled consonant still counts once (Mohammed = Mohamed); dropped from the key.
SEP = "."


def collapse(classes: list[str]) -> str:
    """Join classes writing a repeated class once: "Mohammed" and "Mohamed" are one name.
    A vowel separator (`SEP`) between two equal classes keeps both, and is then dropped."""
    result: list[str] = []
    for cls in classes:
        if result and result[-1] == cls:
            continue
        result.append(cls)
    return "".join(result).replace(SEP, "")


def concat(a: str, b: str) -> str:
    """Join two keys written as one word: a class repeated across the join counts once
    ("Ben Nasser" = "Bennasser"), classes repeated inside either key stay."""
    if a and b and a[-1] == b[0]:
        return a + b[1:]
    return a + b
