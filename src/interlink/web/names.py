"""Names as recorded, with a Latin transliteration beside those in another script.

An analyst must see a name exactly as its owner recorded it (the Arabic spelling is evidence),
and still be able to read it: the transliteration is shown next to it, never instead of it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from normality import latinize_text

from interlink.names.normalize import has_arabic


@dataclass(frozen=True)
class ShownName:
    text: str
    script: str  # "arabic" or "latin"
    transliteration: str  # empty when the name is already in Latin script

    @property
    def rtl(self) -> bool:
        return self.script == "arabic"


def transliterate(text: str) -> str:
    """ICU's transliteration (through normality) without its diacritics: readable by anyone."""
    latin = unicodedata.normalize("NFKD", latinize_text(text) or "")
    return "".join(c for c in latin if not unicodedata.combining(c)).strip()


def _latin(text: str) -> bool:
    return all(ord(c) < 0x250 or not c.isalpha() for c in text)


def display_name(text: str | None) -> ShownName:
    text = (text or "").strip()
    if has_arabic(text):
        return ShownName(text, "arabic", transliterate(text))
    if not _latin(text):
        return ShownName(text, "other", transliterate(text))
    return ShownName(text, "latin", "")
