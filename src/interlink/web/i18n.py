"""Languages of the interface: Arabic (right to left), English (the source), French and Spanish.

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
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal, format_percent
from markupsafe import Markup, escape

from interlink.core import messages

LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("ar", "en", "es", "fr")
DEFAULT = "en"
RTL = frozenset({"ar"})
#: Each language named in itself, for the switcher.
NATIVE = {"ar": "العربية", "en": "English", "es": "Español", "fr": "Français"}


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of a language (English: the source strings themselves)."""
    if lang == DEFAULT:
        return gettext.NullTranslations()
    return messages.compile_po(LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po", lang)


@cache
def negotiate(accept_language: str | None) -> str:
    """The best of our languages for an Accept-Language header, else English."""
    return messages.negotiate(accept_language, LANGUAGES)


def isolate(value: object) -> Markup:
    """A value shown as typed (an id, a phone number, a Latin name) isolated from the text
    around it, so "+34662149033" stays "+34662149033" in an Arabic sentence: <bdi> takes
    the direction of its own first strong letter; digits and signs alone are set left to
    right, which is how numbers and ids are written in Arabic too."""
    text = str(value)
    if any(ch.isalpha() for ch in text):
        return Markup("<bdi>%s</bdi>") % text
    return Markup('<bdi dir="ltr">%s</bdi>') % text


@cache
def _countries(lang: str) -> list[tuple[str, str]]:
    from babel.core import Locale as _Locale

    from interlink.core.codes import countries

    names = _Locale.parse(lang).territories
    pairs = [(code.upper(), names.get(code.upper(), code.upper())) for code in countries()]
    return sorted(pairs, key=lambda p: p[1].casefold())


def _fill(text: str, values: dict[str, object]) -> str:
    """`text % values`; when a value is markup (an isolated id), the text is escaped and the
    result stays markup, so the template does not escape the <bdi> away."""
    if any(isinstance(v, Markup) for v in values.values()):
        return Markup(escape(text)) % values
    return text % values


@dataclass(frozen=True)
class Lang:
    """One request's language: translation and formatting in that language."""

    code: str

    @property
    def dir(self) -> str:
        return "rtl" if self.code in RTL else "ltr"

    def gettext(self, message: str, **values: object) -> str:
        text = translations(self.code).gettext(message)
        return _fill(text, values) if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        text = translations(self.code).ngettext(singular, plural, n)
        return _fill(text, {"num": self.number(n), **values})

    def message(self, code: str, **params: object) -> Markup:
        """A service message (`core.messages`) in this language, as HTML: values shown as
        typed are isolated (`isolate`), the rest escaped."""
        text = messages.template(code, params, self.code)
        if text is None:
            return Markup(escape(code))
        try:
            return Markup(escape(text)) % messages.render_params(params, self.code, isolate)
        except (KeyError, ValueError, TypeError):
            return Markup(escape(messages.render(code, params, self.code)))

    def error(self, error: object) -> Markup:
        """What a refusal says: a domain error's code through the catalogue; an error that
        has no code yet (or a plain string), its own words, marked as English."""
        code = getattr(error, "code", None)
        params = getattr(error, "params", None) or {}
        if code in messages.MESSAGES and (params or code not in messages.OWN_WORDS):
            return self.message(code, **params)
        return Markup('<span lang="en" dir="ltr">%s</span>') % str(error)

    def label(self, kind: str, code: object) -> str:
        """A code of a code list (request type, clock, unit, commodity...) in this language."""
        return messages.label(kind, code, self.code)

    def amount(self, value: float | int | None, currency: str | None) -> str:
        """Money the language's way: "373 925,00 €" in French, "€373,925.00" in English."""
        if value is None:
            return ""
        if not currency or len(currency) != 3:
            return self.number(value, 2)
        return format_currency(value, currency.upper(), locale=self.code)

    def plural_forms(self, singular: str, plural: str) -> dict[str, str]:
        """A plural message for the browser: the text per CLDR plural category ("zero", "one",
        "two", "few", "many", "other"), `%(num)s` left for the script, which picks one with
        `Intl.PluralRules` (the same CLDR rules Babel's catalogues follow)."""
        rule = Locale.parse(self.code).plural_form
        out: dict[str, str] = {}
        for n in range(0, 200):
            tag = rule(n)
            if tag not in out:
                out[tag] = translations(self.code).ngettext(singular, plural, n)
        return out

    def schema(self, name: str) -> str:
        """A FtM schema's label in this language ("Person": "شخص", "Personne")."""
        from interlink.core.model import model

        found = model.get(name)
        if found is None:
            return name
        return self._ftm_label(found._label)

    def prop(self, schema: str, name: str) -> str:
        from interlink.core.model import model

        found = model.get(schema)
        prop = found.get(name) if found is not None else None
        if prop is None:
            return name
        return self._ftm_label(prop._label)

    def _ftm_label(self, english: str) -> str:
        return messages.ftm_label(english, self.code)

    def prop_type(self, schema: str, name: str) -> str:
        """The FtM type of a property ("phone", "country", "name"...), to show its values."""
        from interlink.core.model import model

        found = model.get(schema)
        prop = found.get(name) if found is not None else None
        return prop.type.name if prop is not None else ""

    def country(self, code: str) -> str:
        """An ISO 3166 code as the country's name in this language (CLDR)."""
        return messages.country_name(code, self.code)

    def countries(self) -> list[tuple[str, str]]:
        """(code, name) of every ISO 3166 country, in this language's alphabetical order."""
        return _countries(self.code)

    def topic(self, code: str) -> str:
        """A FtM topic ("crime.fin") as its label, in this language where FtM translates it."""
        return messages.topic_name(code, self.code)

    def number(self, value: float | int | None, digits: int = 0) -> str:
        if value is None:
            return ""
        fmt = "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(value, format=fmt, locale=self.code)

    def decimal(self, value: float | int | None) -> str:
        """A measured quantity as the language writes it, with the decimals it has (1,5 kg)."""
        return "" if value is None else format_decimal(value, locale=self.code)

    def percent(self, value: float | None, digits: int = 1) -> str:
        """A share (0.987) as the language writes a percentage ("98,7 %" in French)."""
        if value is None:
            return ""
        pattern = Locale.parse(self.code).percent_formats[None].pattern  # "#,##0 %" in French
        if digits:
            head, tail = pattern.rsplit("0", 1)
            pattern = f"{head}0.{'0' * digits}{tail}"
        return format_percent(value, format=pattern, locale=self.code)

    def signed(self, value: float | None, digits: int = 1) -> str:
        """Evidence for (+) or against (-) in the language's digits: "+3,2", "-1,0"."""
        if value is None:
            return ""
        body = "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(value, format=f"+{body};-{body}", locale=self.code)

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
