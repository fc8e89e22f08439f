"""The message catalogues: every string of the interface extracted and translated into Arabic
and French; formatting per language; names shown with their transliteration."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from interlink.web import i18n
from interlink.web.names import display_name

WEB = Path(i18n.__file__).parent
KEYWORDS = {"_": None, "gettext": None, "g": None, "ngettext": (1, 2), "plural_forms": (1, 2)}


def _source_ids() -> set[str]:
    method_map = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(WEB), method_map, keywords=KEYWORDS):
        found.add(message[0] if isinstance(message, tuple) else message)
    return {m for m in found if m}


def test_the_template_catalogue_holds_every_string_of_the_sources() -> None:
    with (i18n.LOCALE_DIR / "messages.pot").open("rb") as f:
        pot = {m.id[0] if isinstance(m.id, tuple) else m.id for m in read_po(f) if m.id}
    missing = _source_ids() - pot
    assert not missing, f"run pybabel extract (locale/README.md); missing: {sorted(missing)}"


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_every_string_is_translated(lang: str) -> None:
    po = i18n.LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as f:
        catalog = read_po(f, locale=lang)
    untranslated = [m.id for m in catalog if m.id and (
        m.fuzzy or not (all(m.string) if isinstance(m.string, tuple) else m.string))]
    assert not untranslated
    ids = {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalog if m.id}
    assert _source_ids() <= ids


def test_translation_plurals_and_formatting() -> None:
    ar, fr, en = i18n.Lang("ar"), i18n.Lang("fr"), i18n.Lang("en")
    assert ar.gettext("Search") == "البحث" and fr.gettext("Search") == "Recherche"
    assert ar.dir == "rtl" and fr.dir == "ltr"
    assert fr.ngettext("%(num)s alert.", "%(num)s alerts.", 2) == "2 alertes."
    assert ar.ngettext("%(num)s alert.", "%(num)s alerts.", 2) == "تنبيهان."
    assert fr.number(1234567.5, 2) == "1\u202f234\u202f567,50"
    assert en.number(1234567.5, 2) == "1,234,567.50"
    assert en.date("2026-11-23") == "Nov 23, 2026" and fr.date("2026-11-23") == "23 nov. 2026"
    assert en.date("1993") == "1993"  # a partial date stays as recorded
    assert ar.schema("Person") == "شخص" and fr.prop("Person", "birthDate")
    assert fr.country("ma") == "Maroc" and en.country("ae") == "United Arab Emirates"
    assert fr.topic("crime.fin") == "Criminalité financière" and en.topic("nope") == "nope"


def test_negotiation() -> None:
    assert i18n.negotiate("ar-MA,ar;q=0.9,fr;q=0.5") == "ar"
    assert i18n.negotiate("de-DE") == "en" and i18n.negotiate(None) == "en"


def test_names_keep_their_script_with_a_transliteration() -> None:
    shown = display_name("عبد القادر البخاري")
    assert shown.text == "عبد القادر البخاري" and shown.rtl
    assert shown.transliteration.startswith("ʿbd") and shown.transliteration.isascii() is False
    latin = display_name("Abdelkader BOUKHARI")
    assert latin.transliteration == "" and not latin.rtl


#: schemata an agency's records are written in (the demo's, the ingest formats', ours)
RECORD_SCHEMATA = ("Address", "Airplane", "Arrest", "Associate", "BankAccount", "Call", "Company",
                   "CryptoWallet", "Directorship", "Employment", "Family", "Identification",
                   "LegalEntity", "Membership", "Organization", "Ownership", "Passport",
                   "Payment", "Person", "Seizure", "Trip", "Vehicle", "Vessel")


@pytest.mark.parametrize("lang", ["ar", "fr", "es"])
def test_every_schema_and_property_label_is_in_the_readers_language(lang: str) -> None:
    """FtM's catalogues leave labels in English (its Arabic lacks "Bank account", none knows our
    Seizure): what a reader sees on an entity page is our fallback's, never the English."""
    from interlink.core.model import model

    reader = i18n.Lang(lang)
    left = set()
    for name in RECORD_SCHEMATA:
        schema = model.get(name)
        assert schema is not None, name
        labels = [(schema._label, reader.schema(name))] + [
            (p._label, reader.prop(name, p.name)) for p in schema.properties.values()
            if not p.hidden and not p.stub]
        # the same word in both languages ("Alias", "Capital" in French) is not English left
        # over; codes and identifiers' acronyms (IBAN, LEI) are not words to translate
        left |= {english for english, shown in labels
                 if shown == english and not english.replace(" ", "").isupper()
                 and (lang == "ar" or english not in SAME_WORD[lang])
                 and not any(c.isupper() for c in english[1:].replace(" ID", ""))}
    assert not left, sorted(left)


SAME_WORD = {"fr": {"Alias", "Capital", "Classification", "Date", "Description", "Important",
                    "Latitude", "Longitude", "Note", "Notes", "Profession", "Religion",
                    "Sanction", "Type", "Tonnage"},
             "es": {"Alias", "Capital", "Director", "Sector"}}


@pytest.mark.parametrize("lang", ["ar", "fr", "es"])
def test_every_topic_is_in_the_readers_language(lang: str) -> None:
    """Cells and key actors are told by their members' topics ("Shell company"): FtM's
    catalogues miss a third of them."""
    from followthemoney.types import registry

    from interlink.core import messages

    same = {"fr": {"Offshore", "Religion"}, "ar": set(), "es": {"Offshore"}}[lang]
    left = {str(name) for code, name in registry.topic.names.items()
            if messages.topic_name(code, lang) == str(name) and str(name) not in same}
    assert not left, sorted(left)
