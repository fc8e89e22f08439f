"""Code lists of the sharing terms: Europol handling codes, TLP 2.0, 4x4 grading, purposes.

They are `StrEnum`s so that they serialise as the exact codes partners exchange ("H2",
"AMBER+STRICT", "drug_trafficking") and parse from the same strings.
"""

from __future__ import annotations

from enum import StrEnum


class _Code(StrEnum):
    @classmethod
    def parse(cls, value: str | _Code) -> _Code:
        """Parse a code leniently on case and spacing, strictly on meaning."""
        if isinstance(value, cls):
            return value
        member = cls._value2member_map_.get(value)  # the exact code: no need to be lenient
        if member is not None:
            return member  # type: ignore[return-value]
        text = str(value).strip().upper().replace(" ", "")
        for member in cls:
            if member.value.upper() == text:
                return member
        allowed = ", ".join(m.value for m in cls)
        from interlink.core.messages import invalid

        name = cls.__doc_name__()
        raise invalid(_UNKNOWN.get(name, "code.unknown"), value=repr(value), allowed=allowed,
                      what=name)

    @classmethod
    def __doc_name__(cls) -> str:
        return cls.__name__


#: the refusal of an unknown code, per code list (by its `__doc_name__`), so it is translated
_UNKNOWN = {"handling code": "code.unknown_handling", "TLP level": "code.unknown_tlp",
            "source grade": "code.unknown_source_grade",
            "information grade": "code.unknown_information_grade"}


class HandlingCode(_Code):
    """Europol handling codes: conditions the owner attaches to a record."""

    H0 = "H0"  # purpose-bound: use only for the purposes it was given for
    H1 = "H1"  # not to be used in court without the owner's consent
    H2 = "H2"  # no onward dissemination without the owner's consent
    H3 = "H3"  # other conditions, stated in free text

    @classmethod
    def __doc_name__(cls) -> str:
        return "handling code"


class TLP(_Code):
    """Traffic Light Protocol 2.0 levels, from least to most restrictive."""

    CLEAR = "CLEAR"
    GREEN = "GREEN"
    AMBER = "AMBER"
    AMBER_STRICT = "AMBER+STRICT"
    RED = "RED"

    @property
    def rank(self) -> int:
        return list(TLP).index(self)

    @classmethod
    def __doc_name__(cls) -> str:
        return "TLP level"


class SourceGrade(_Code):
    """4x4 system: reliability of the source."""

    A = "A"  # no doubt about authenticity, trustworthiness, competence
    B = "B"  # source has in most instances proved reliable
    C = "C"  # source has in most instances proved unreliable
    X = "X"  # reliability cannot be assessed

    @classmethod
    def __doc_name__(cls) -> str:
        return "source grade"


class InformationGrade(_Code):
    """4x4 system: reliability of the information itself."""

    KNOWN = "1"  # known to be true without reservation
    PERSONALLY_KNOWN = "2"  # known personally to the source, not to the officer
    NOT_PERSONALLY_KNOWN = "3"  # not known personally to the source, corroborated
    UNVERIFIED = "4"  # cannot be judged

    @classmethod
    def __doc_name__(cls) -> str:
        return "information grade"


class Purpose(_Code):
    """Purposes a record may be used for; a search must declare one of these."""

    DRUG_TRAFFICKING = "drug_trafficking"
    HUMAN_TRAFFICKING = "human_trafficking"
    MIGRANT_SMUGGLING = "migrant_smuggling"
    MONEY_LAUNDERING = "money_laundering"
    TERRORISM = "terrorism"
    ORGANISED_CRIME = "organised_crime"
    OTHER = "other"

    @classmethod
    def parse(cls, value: str | _Code) -> Purpose:
        if isinstance(value, cls):
            return value
        member = cls._value2member_map_.get(value)
        if member is not None:
            return member  # type: ignore[return-value]
        text = str(value).strip().lower().replace("-", "_").replace(" ", "_")
        for member in cls:
            if member.value == text:
                return member
        allowed = ", ".join(m.value for m in cls)
        from interlink.core.messages import invalid

        raise invalid("purpose.unknown", "purpose", value=repr(value), allowed=allowed)


# -- countries ------------------------------------------------------------------------------

def country_code(value: str | None, field: str = "country") -> str:
    """An ISO 3166-1 alpha-2 code, lower case as FollowTheMoney keeps it, or `InvalidInput`.

    The list is rigour's (the territories FollowTheMoney ships): a two-letter code of a
    territory that exists today ("xk" Kosovo included, as partners use it). "XX", "ZZ" (global),
    "EU" and dissolved states ("SU", "DD") are refused. FtM's own `registry.country.clean` is
    lenient on names ("Morocco") but also accepts the "zz"/"eu" pseudo-territories, hence the
    check on `is_country`."""
    from rigour.territories import get_territory

    from interlink.core.messages import invalid

    text = str(value or "").strip().lower()
    territory = get_territory(text) if len(text) == 2 and text.isalpha() else None
    if territory is None or territory.code != text or territory.is_historical \
            or not territory.is_country:
        raise invalid("country.unknown", field, value=str(value or ""))
    return text


def countries() -> list[str]:
    """Every code `country_code` accepts, for pickers (lower case, sorted)."""
    from rigour.territories import get_territories

    return sorted(t.code for t in get_territories()
                  if len(t.code) == 2 and t.is_country and not t.is_historical)


#: Member states bound by each EU instrument (ISO 3166 codes). The European Investigation Order
#: Directive 2014/41/EU binds every member state but Denmark and Ireland (recitals 44-45, their
#: opt-outs); the European Arrest Warrant Framework Decision 2002/584/JHA binds all 27.
#: Surrender agreements with Norway, Iceland and the United Kingdom are other instruments.
EU_MEMBERS = frozenset({
    "at", "be", "bg", "cy", "cz", "de", "dk", "ee", "es", "fi", "fr", "gr", "hr", "hu", "ie",
    "it", "lt", "lu", "lv", "mt", "nl", "pl", "pt", "ro", "se", "si", "sk",
})
BOUND_BY = {
    "eio": EU_MEMBERS - {"dk", "ie"},
    "eaw": EU_MEMBERS,
}


def bound_by(instrument: str, country: str) -> bool:
    """Whether `country` is bound by the instrument (`eio`, `eaw`); other types: always."""
    members = BOUND_BY.get(instrument)
    return members is None or country.lower() in members


# -- commodities ------------------------------------------------------------------------------

#: Other words partners write for a commodity, beyond its label in each catalogue language
#: (the labels come from `core.messages.LABELS["commodity"]` and its translations).
COMMODITY_SYNONYMS = {
    "cannabis_resin": ("hashish", "hash", "haschich", "hachich", "shit", "chira", "chocolate",
                       "resine de cannabis", "resina de cannabis", "حشيش", "شيرا", "الحشيش"),
    "cannabis_herb": ("marijuana", "marihuana", "herbe de cannabis", "cannabis", "kif", "bango",
                      "زطلة", "قنب", "القنب الهندي", "bhang", "grass"),
    "cocaine": ("coke", "cocaine hydrochloride", "cocaïne", "cocaína", "كوكايين", "الكوكايين"),
    "captagon": ("fenetylline", "fénétylline", "كبتاغون", "الكبتاغون"),
    "heroin": ("heroine", "héroïne", "heroína", "هيروين", "الهيروين"),
    "mdma": ("ecstasy", "ecstasy tablets", "ecstasy pills", "xtc"),
    "methamphetamine": ("meth", "crystal meth", "shabu", "ice", "الشبو"),
    "amphetamine": ("speed",),
    "khat": ("qat", "القات"),
    "tramadol": ("ترامادول",),
    "cash": ("currency", "banknotes", "especes", "efectivo"),
    "people": ("persons", "migrants", "personnes", "personas", "أشخاص", "مهاجرون"),
}


def _fold(text: str) -> str:
    """Case, accents and spacing folded; Arabic letters kept (normality's own rules)."""
    from normality import normalize

    return normalize(text, lowercase=True, ascii=False) or ""


def _commodity_words() -> dict[str, str]:
    from interlink.core.messages import LABELS, LANGUAGES, label

    words: dict[str, str] = {}
    for code in LABELS["commodity"]:
        words[_fold(code)] = code
        words[_fold(code.replace("_", " "))] = code
        for lang in LANGUAGES:
            words.setdefault(_fold(label("commodity", code, lang)), code)
    for code, synonyms in COMMODITY_SYNONYMS.items():
        for word in synonyms:
            words.setdefault(_fold(word), code)
    return words


_COMMODITY_WORDS: dict[str, str] = {}


def commodity_code(value: str | None, strict: bool = True, field: str = "commodity") -> str:
    """The code of a commodity written as its code or its name in any of our languages
    ("cannabis resin", "résine de cannabis", "راتنج القنب", "hashish": `cannabis_resin`), so
    seizures add up whoever recorded them. Unknown: `InvalidInput`, or with `strict=False`
    the folded text itself (older results recorded free text)."""
    from interlink.core.messages import LABELS, invalid

    if not _COMMODITY_WORDS:
        _COMMODITY_WORDS.update(_commodity_words())
    folded = _fold(str(value or ""))
    code = _COMMODITY_WORDS.get(folded)
    if code is None and folded.startswith(("ال",)):
        code = _COMMODITY_WORDS.get(folded[2:])  # the Arabic article
    if code is not None:
        return code
    if strict:
        raise invalid("commodity.unknown", field, value=str(value or ""),
                      allowed=sorted(LABELS["commodity"]))
    return folded
