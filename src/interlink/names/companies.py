"""Company and vessel names: legal forms out, generic business words down-weighted.

"Atlas Trading SARL", "ATLAS TRADING S.A.R.L." and "شركة الأطلس للتجارة ش.م.م" are one company.
The legal form (SARL, LLC, ش.م.م) says little about identity and is written in many ways, so it
is removed before comparing (rigour's org-type database handles Latin forms; it has none of the
Arabic abbreviations, and misses Spanish "S.L.", so those are listed here). Generic words
("trading", "للتجارة", "transport") are mapped to a language-independent concept so that the
English and Arabic names can still meet on them, but they weigh little: two different companies
both called "X Trading" must not match on "Trading".
"""

from __future__ import annotations

from functools import lru_cache

from rigour.names.org_types import extract_org_types, remove_org_types

from interlink.names.keys import SoundKey
from interlink.names.normalize import tokenize
from interlink.names.parts import Part, parse_person

#: Legal forms as normalised word sequences (dots and hyphens become spaces in normalize()).
LEGAL_FORMS: tuple[tuple[str, ...], ...] = tuple(
    tuple(f.split(" "))
    for f in sorted(
        [
            # Arabic: ش.م.م (Maghreb SARL / LLC), ش.ذ.م.م and ذ.م.م (Gulf LLC), ش.م.ع (PJSC),
            # ش.م.ل (Lebanon SAL), ش.م (SA), and the spelled-out forms.
            "ش م م", "ش ذ م م", "ذ م م", "ش م ع", "ش م ل", "ش م خ", "ش م", "ش ش و",
            "ذات المسووليه المحدوده", "ذات مسووليه محدوده", "المحدوده", "محدوده",
            "شركه مساهمه", "مساهمه", "شركه", "موسسه",
            # Latin forms rigour misses once punctuation is gone
            "s a r l", "s a s", "s a", "s l", "s r l", "l l c", "s a de c v", "s de r l",
            "sarl", "sas", "sa", "sl", "srl", "llc", "ltd", "limited", "inc", "co", "corp",
            "company", "eurl", "snc", "gmbh", "plc", "fze", "fzco", "fzc", "sociedad", "societe",
            "ste", "cie", "compania", "cia",
        ],
        key=lambda f: -len(f.split(" ")),
    )
)  # fmt: skip

#: Generic business words, by concept. Arabic entries are normalised (ة -> ه, أ -> ا).
_CONCEPTS: dict[str, tuple[str, ...]] = {
    "trade": ("trading", "trade", "traders", "commerce", "commercial", "comercio", "comercial",
              "negoce", "تجاره", "للتجاره", "التجاره", "التجاريه", "تجاريه"),
    "transport": ("transport", "transports", "transportes", "logistics", "logistique",
                  "logistica", "نقل", "للنقل", "النقل"),
    "import": ("import", "importation", "importacion", "imports", "استيراد", "للاستيراد",
               "الاستيراد"),
    "export": ("export", "exportation", "exportacion", "exports", "تصدير", "والتصدير",
               "التصدير"),
    "international": ("international", "internationale", "internacional", "intl", "الدوليه",
                      "دوليه", "العالميه"),
    "general": ("general", "generale", "العامه", "عامه"),
    "group": ("group", "groupe", "grupo", "holding", "مجموعه", "مجموعة"),
    "services": ("services", "service", "servicios", "خدمات", "للخدمات", "الخدمات"),
    "shipping": ("shipping", "maritime", "maritima", "navigation", "marine", "البحري",
                 "البحريه", "للملاحه"),
    "industry": ("industries", "industry", "industrie", "industrial", "industriel",
                 "صناعه", "الصناعيه", "للصناعه"),
}  # fmt: skip
CONCEPTS: dict[str, str] = {w: c for c, words in _CONCEPTS.items() for w in words}

STOPWORDS = frozenset(
    {"and", "et", "y", "of", "the", "de", "du", "des", "la", "le", "les", "del", "و", "for"}
)
VESSEL_PREFIXES = frozenset({"mv", "mt", "ms", "mts", "ss", "fv", "m", "v", "t"})


def legal_forms(name: str) -> list[str]:
    """The legal forms found in a name, for explanations ("SARL", "ش م م")."""
    found = [form for _, form in extract_org_types(name.casefold())]
    words = tokenize(name)
    for form in LEGAL_FORMS:
        k = len(form)
        for i in range(len(words) - k + 1):
            if tuple(words[i : i + k]) == form:
                label = " ".join(form)
                if label not in found:
                    found.append(label)
    return found


def core_words(name: str, kind: str = "company") -> list[str]:
    """Words of a company or vessel name without legal forms, stopwords or vessel prefixes."""
    text = remove_org_types(name.casefold()) if kind != "vessel" else name
    words = tokenize(text) or tokenize(name)
    changed = True
    while changed and len(words) > 1:
        changed = False
        for form in LEGAL_FORMS:
            k = len(form)
            if len(words) > k and tuple(words[-k:]) == form:
                words = words[:-k]
                changed = True
                break
            if len(words) > k and tuple(words[:k]) == form:
                words = words[k:]
                changed = True
                break
    if kind == "vessel":
        while len(words) > 1 and words[0] in VESSEL_PREFIXES:
            words = words[1:]
    return [w for w in words if w not in STOPWORDS] or words


@lru_cache(maxsize=100_000)
def parse_company(name: str, kind: str = "company") -> tuple[Part, ...]:
    """Parts of a company or vessel name; generic words become concept parts ("#trade")."""
    words = core_words(name, kind)
    parts: list[Part] = []
    rest: list[str] = []
    for word in words:
        concept = CONCEPTS.get(word)
        if concept is None and word.startswith("ال"):
            concept = CONCEPTS.get(word[2:])
        if concept is not None:
            key = SoundKey(f"#{concept}", f"#{concept}", f"#{concept}")
            parts.append(Part(word, (key,), False, note=f"generic word ({concept})", generic=True))
        else:
            rest.append(word)
    if rest:
        parts = list(parse_person(" ".join(rest))) + parts
    return tuple(parts)
