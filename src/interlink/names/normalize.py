"""Normalisation of name text, before any comparison or key is computed.

Two agencies rarely write a name the same way even in one script: "EL-HAMDAOUI" and
"El Hamdaoui", "أحمد" and "احمد", "فاطمة" and "فاطمه". Normalisation removes the differences
that never distinguish two people (case, accents, punctuation; in Arabic the hamza seat, the
alef forms, ta marbuta, alef maqsura, tatweel, short-vowel marks and digit shapes) so that the
later stages only deal with real spelling variation.

`normality.ascii_text` is used for Latin accents but not for Arabic: it transliterates letter by
letter (محمد عمره -> "mhmd ?mrh"), loses ain as "?", keeps ta marbuta as "h" and knows nothing of
the article, so Arabic is normalised here in Arabic script and transliterated by `arabic.py`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from normality import ascii_text

# --- Arabic ---------------------------------------------------------------------------------

#: Tatweel (kashida) only stretches a word on the line.
TATWEEL = "\u0640"

#: Harakat, tanwin, shadda, sukun, superscript alef, Quranic annotation marks. They are optional
#: in Arabic writing, so two spellings of one name differ by them all the time.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u08d3-\u08ff]")

#: Letter forms that writers use interchangeably in names. Hamza seats and alef forms collapse to
#: the bare letter; ta marbuta to ha (it is often written so, and read as "a"); alef maqsura to
#: ya. Persian/Urdu letter forms found in South-Asian and Afghan names map to the Arabic letter
#: they stand for, so that "ی" and "ي" do not split one name in two.
_ARABIC_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ؤ": "و",
        "ئ": "ي",
        "ى": "ي",
        "ی": "ي",
        "ې": "ي",
        "ة": "ه",
        "ۀ": "ه",
        "ە": "ه",
        "ک": "ك",
        "ڪ": "ك",
        # Urdu and Pashto letters (South-Asian and Afghan names): retroflex t/d/r, noon
        # ghunna, the aspiration he (بھٹی "Bhatti"), yeh barree
        "ٹ": "ت",
        "ټ": "ت",
        "ڈ": "د",
        "ډ": "د",
        "ڑ": "ر",
        "ړ": "ر",
        "ں": "ن",
        "ڼ": "ن",
        "ھ": "ه",
        "ہ": "ه",
        "ے": "ي",
        "ۓ": "ي",
        "ۍ": "ي",
        "ګ": "گ",
        "ښ": "ش",
        "ځ": "ز",
        "ږ": "ژ",
        "ۆ": "و",
        "ۇ": "و",
        "ﻻ": "لا",
        "ﻷ": "لا",
        "ﻹ": "لا",
        "ﻵ": "لا",
        "،": " ",
        "؛": " ",
        "؟": " ",
    }
)

#: Arabic-Indic (U+0660) and Eastern Arabic-Indic (U+06F0) digits to ASCII digits.
_DIGITS = str.maketrans(
    {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
)


def is_arabic_char(char: str) -> bool:
    """Arabic script block, supplement and presentation forms."""
    code = ord(char)
    return (
        0x0600 <= code <= 0x06FF
        or 0x0750 <= code <= 0x077F
        or 0x08A0 <= code <= 0x08FF
        or 0xFB50 <= code <= 0xFDFF
        or 0xFE70 <= code <= 0xFEFF
    )


#: The ranges of `is_arabic_char` as one character class: `has_arabic` runs on every word of
#: every name parsed (half the CPU of cross-script resolution went to a per-character Python
#: loop), and a compiled class scans in C.
_ARABIC_RANGES = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_ARABIC_CHAR = re.compile(f"[{_ARABIC_RANGES}]")
#: A run of Arabic letters, or of anything else; spaces join the run they follow (see
#: `normalize`), so a run starts at its first non-space character.
_RUNS = re.compile(
    f"[{_ARABIC_RANGES}][{_ARABIC_RANGES}\\s]*|[^{_ARABIC_RANGES}\\s][^{_ARABIC_RANGES}]*"
)


#: Arabic-block characters that are neither letters nor digits (punctuation, signs) become
#: spaces in an Arabic run; a table rather than a per-character test, as for `has_arabic`.
_ARABIC_NOT_LETTER = {
    code: " "
    for start, end in ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF),
                       (0xFE70, 0xFEFF))
    for code in range(start, end + 1)
    if not (chr(code).isalpha() or chr(code).isdigit())
}


def has_arabic(text: str) -> bool:
    """Whether any character of the text is in the Arabic blocks (see `is_arabic_char`)."""
    return _ARABIC_CHAR.search(text) is not None


#: Kurdish (Sorani) ە inside a word: a vowel letter (e/a), not the h of ه, which Sorani writes
#: ھ (سەنكەر "Sangar", شەریف "Sharif"); read as the long vowel ا that Latin writes a or e. At
#: the end of a word it is the final -e/-a that Persian writes ه, and is folded to ه there.
_KURDISH_AE = re.compile("ە(?=\\w)")
_ALEFS = re.compile("ا{2,}")


def normalize_arabic(text: str) -> str:
    """Fold the variants of Arabic writing that never distinguish two names.

    Presentation forms (ligatures from old PDFs) are first decomposed with NFKC; then marks,
    tatweel, letter forms and digits are folded. Punctuation becomes space.
    """
    text = unicodedata.normalize("NFKC", text)
    text = text.replace(TATWEEL, "")
    text = _ARABIC_MARKS.sub("", text)
    if "ە" in text:
        text = _KURDISH_AE.sub("ا", text)
    text = text.translate(_ARABIC_FOLD).translate(_DIGITS)
    # A standalone hamza (ء) after a long vowel, as in "عطاء" / "Ataa", is often omitted.
    text = text.replace("ء", "")
    if "اا" in text:
        # an alef written twice (باا "Baa", اابدول for the Azeri Əbdül-, or left between two
        # alefs by a dropped hamza): no word spells a long a so, and the keys read one
        text = _ALEFS.sub("ا", text)
    return text


# --- Latin ----------------------------------------------------------------------------------

#: Apostrophes and the half-rings used for ain/hamza in scholarly transliteration: O'Brien,
#: Ja'far, Sa`id and Jaʿfar must all lose the mark rather than split the word.
_APOSTROPHES = re.compile("['`\u2018\u2019\u02bb\u02bc\u02be\u02bf\u00b4\u0060]")

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_SPACES = re.compile(r"\s+")


#: Letters whose ASCII fold loses their sound: Turkish, Slavic and Azeri ç/č/ć are ch (Hançer
#: = هانتشر), ş/š sh, ž zh; ğ is written غ by Arabic-script writers (Erdoğan = أردوغان,
#: -oğlu = أوغلو); ə is a (Həsənov = حسنوف).
#: normality.ascii_text would write c, s, z, g and e, which Arabic-script writers do not.
_SOUND_FOLD = str.maketrans(
    {"ç": "ch", "č": "ch", "ć": "ch", "ş": "sh", "š": "sh", "ž": "zh", "ğ": "gh", "ə": "a",
     "ı": "i", "đ": "dj", "Ç": "Ch", "Č": "Ch", "Ć": "Ch", "Ş": "Sh", "Š": "Sh", "Ž": "Zh",
     "Ə": "A", "İ": "I", "Đ": "Dj"}
)  # fmt: skip


def normalize_latin(text: str) -> str:
    """Casefold, drop accents and apostrophes, and turn other punctuation into spaces."""
    text = _APOSTROPHES.sub("", text).translate(_SOUND_FOLD)
    text = ascii_text(text) or ""
    text = text.casefold()
    text = _NON_WORD.sub(" ", text).replace("_", " ")
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=200_000)
def normalize(text: str) -> str:
    """Normalise a name in any mix of scripts: Arabic runs stay Arabic, the rest is ASCII.

    Words are split on punctuation and spaces; the result is lower case, single-spaced.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    if not has_arabic(text):
        return normalize_latin(text)
    text = normalize_arabic(text)
    # Split into runs of Arabic and non-Arabic text so that ASCII folding (which would
    # transliterate Arabic crudely) only sees the non-Arabic runs. Spaces belong to the run
    # before them (leading spaces are dropped by the final strip either way).
    out = [_finish_run(run, _ARABIC_CHAR.match(run) is not None) for run in _RUNS.findall(text)]
    return _SPACES.sub(" ", " ".join(out)).strip()


def _finish_run(run: str, arabic: bool) -> str:
    if not arabic:
        return normalize_latin(run)
    cleaned = run.translate(_ARABIC_NOT_LETTER)
    return _SPACES.sub(" ", cleaned).strip()


def tokenize(text: str) -> list[str]:
    """Normalised words of a name."""
    norm = normalize(text)
    return norm.split(" ") if norm else []
