"""Languages of the interface: Arabic (right to left), English (the source) and French.

Every string goes through the gettext catalogues in `locale/` (Babel `.po` files, English is the
source). The catalogues are compiled in memory when the server starts, so the repository keeps
only the `.po` text a translator edits and no build step can be forgotten. Dates and numbers are
formatted by Babel with the CLDR data of the language.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("ar", "en", "fr")
DEFAULT = "en"
RTL = frozenset({"ar"})
#: Each language named in itself, for the switcher.
NATIVE = {"ar": "العربية", "en": "English", "fr": "Français"}


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of a language (English: the source strings themselves)."""
    po = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
    if lang == DEFAULT or not po.exists():
        return gettext.NullTranslations()
    with po.open("rb") as f:
        catalog = read_po(f, locale=lang)
    buf = BytesIO()
    write_mo(buf, catalog)  # fuzzy entries are left out, as msgfmt does
    buf.seek(0)
    return gettext.GNUTranslations(buf)


@cache
def ftm_translations(lang: str) -> gettext.NullTranslations:
    """FollowTheMoney's own catalogue (schema and property labels), shipped with it."""
    import followthemoney

    directory = Path(followthemoney.__file__).parent / "translations"
    return gettext.translation("followthemoney", directory, languages=[lang], fallback=True)


def negotiate(accept_language: str | None) -> str:
    """The best of our languages for an Accept-Language header, else English."""
    if not accept_language:
        return DEFAULT
    wanted = []
    for part in accept_language.split(","):
        tag = part.split(";")[0].strip().replace("-", "_")
        if tag:
            wanted.append(tag)
    found = Locale.negotiate(wanted, list(LANGUAGES), sep="_")
    return str(found.language) if found else DEFAULT


@dataclass(frozen=True)
class Lang:
    """One request's language: translation and formatting in that language."""

    code: str

    @property
    def dir(self) -> str:
        return "rtl" if self.code in RTL else "ltr"

    def gettext(self, message: str, **values: object) -> str:
        text = translations(self.code).gettext(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        text = translations(self.code).ngettext(singular, plural, n)
        return text % {"num": self.number(n), **values}

    def schema(self, name: str) -> str:
        """A FtM schema's label in this language ("Person": "شخص", "Personne")."""
        from interlink.core.model import model

        found = model.get(name)
        if found is None:
            return name
        return ftm_translations(self.code).gettext(found._label)

    def prop(self, schema: str, name: str) -> str:
        from interlink.core.model import model

        found = model.get(schema)
        prop = found.get(name) if found is not None else None
        if prop is None:
            return name
        return ftm_translations(self.code).gettext(prop._label)

    def country(self, code: str) -> str:
        """An ISO 3166 code as the country's name in this language (CLDR)."""
        return Locale(self.code).territories.get(code.upper(), code) if code else ""

    def topic(self, code: str) -> str:
        """A FtM topic ("crime.fin") as its label, in this language where FtM translates it."""
        from followthemoney.types import registry

        label = registry.topic.names.get(code)
        return ftm_translations(self.code).gettext(str(label)) if label else code

    def number(self, value: float | int | None, digits: int = 0) -> str:
        if value is None:
            return ""
        fmt = "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(value, format=fmt, locale=self.code)

    def date(self, value: date | datetime | str | None) -> str:
        """A date in the language's medium format; partial ISO dates (1993, 1993-04) as is."""
        if value is None or value == "":
            return ""
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value[:10])
            except ValueError:
                return value
        if isinstance(value, datetime):
            return format_datetime(value, format="medium", locale=self.code)
        return format_date(value, format="medium", locale=self.code)
