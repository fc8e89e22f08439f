"""Service messages and code lists (`core.messages`): every code and every label extracted,
translated into Arabic and French, and rendered in each language without a raw code, a
placeholder or an English sentence left; numbers, lists and plurals the language's way."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from interlink.core import messages
from interlink.core.codes import commodity_code, country_code
from interlink.core.errors import InvalidInput
from interlink.web.i18n import Lang

#: labels that are the same words in the target language (symbols, acronyms, names)
SAME = {"fr": {"IBAN", "MDMA (ecstasy)", "kg", "g", "t", "l", "ml", "captagon", "fentanyl",
               "tramadol", "opium", "khat", "cigarettes", "doses", "consultation", "notice",
               "export", "session", "diffusion", "extradition", "PageRank rank %(rank)s",
               "plants", "analysis", "alert", "operation", "agency", "grant",
               # FtM labels spelt the same in French (LABELS["ftm"])
               "Alias", "Capital", "Classification", "Date", "Description", "Important",
               "Latitude", "Longitude", "Note", "Notes", "Profession", "Religion", "Sanction",
               "Type", "Tonnage"},
        "ar": set()}
ENGLISH_RUN = re.compile(r"\b[a-z]{2,}(?:[ ,]+[a-z]{2,}){2,}\b")


def _ids(catalog) -> set:  # type: ignore[no-untyped-def]
    return {tuple(m.id) if isinstance(m.id, list | tuple) else m.id for m in catalog if m.id}


def _source_strings() -> set:  # type: ignore[no-untyped-def]
    found = set()
    for _line, _func, message, _comments in extract_from_file(
            "python", messages.__file__, keywords={"N_": None, "Np_": (1, 2)}):
        found.add(tuple(message) if isinstance(message, list | tuple) else message)
    return {m for m in found if m and (not isinstance(m, tuple) or all(m))}


def test_the_catalogue_holds_every_message_and_label() -> None:
    with (messages.LOCALE_DIR / "messages.pot").open("rb") as f:
        pot = _ids(read_po(f))
    missing = _source_strings() - pot
    assert not missing, f"run the extraction (src/interlink/core/locale/README.md): {missing}"
    for text in [*messages.MESSAGES.values(),
                 *(v for table in messages.LABELS.values() for v in table.values())]:
        assert text in pot


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_every_message_and_label_is_translated(lang: str) -> None:
    po = messages.LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as f:
        catalog = read_po(f, locale=lang)
    untranslated = [m.id for m in catalog if m.id and (
        m.fuzzy or not (all(m.string) if isinstance(m.string, tuple) else m.string))]
    assert not untranslated
    assert _source_strings() <= _ids(catalog)
    for kind, table in messages.LABELS.items():
        for code, english in table.items():
            shown = messages.label(kind, code, lang)
            assert shown, (kind, code)
            if lang == "ar":
                assert not re.search(r"[a-z]{3,}", shown) or english in (
                    "IBAN",), (kind, code, shown)  # Arabic words, not English ones
            elif english not in SAME[lang] and english.lower() not in {
                    s.lower() for s in SAME[lang]}:
                assert shown != english or english in messages.LABELS["legal_basis"].values(), (
                    kind, code, shown)


def _sample(name: str) -> object:
    """A plausible value for a parameter, by its name."""
    kind = messages.PARAM_KINDS.get(name)
    if kind and kind not in ("country", "topic"):
        return list(messages.LABELS[kind])[0]
    return {"country": "ma", "topic": "crime.fin", "n": 3, "count": 4, "offset": 1234,
            "size": 5, "degree": 7, "rank": 2, "k": 3, "share": "12 %", "cells": ["C1", "C2"],
            "allowed": ["a", "b", "c"], "candidates": ["cp1256", "cp932"],
            "states": ["received", "accepted"], "fields": ["quantity", "unit"],
            "links": {"call": 3, "payment": 2}, "at": datetime(2026, 1, 5, 10, tzinfo=UTC),
            "last_at": datetime(2026, 1, 6, 9, tzinfo=UTC)}.get(name, "X-42")


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_every_message_code_renders(lang: str) -> None:
    for code, english in messages.MESSAGES.items():
        text = english[1] if isinstance(english, tuple) else english
        params = {name: _sample(name) for name in re.findall(r"%\((\w+)\)s", text)}
        shown = messages.render(code, params, lang)
        assert "%(" not in shown and shown.strip(), code
        assert shown != messages.render(code, params, "en"), (code, shown)
        for value in params.values():
            if isinstance(value, str) and value in messages.LABELS.get("state", {}):
                assert value not in shown.split(), (code, shown)  # a code shown raw
        if lang == "ar":
            assert not ENGLISH_RUN.search(shown.replace("--encoding", "").replace(
                "--delimiter", "")), (code, shown)


def test_rendering_the_languages_way() -> None:
    fr, ar, en = Lang("fr"), Lang("ar"), Lang("en")
    assert fr.amount(373925, "EUR") == "373\u202f925,00\xa0€"
    assert en.amount(373925, "EUR") == "€373,925.00"
    assert "373,925" not in fr.amount(373925, "EUR")
    assert fr.percent(0.987) == "98,7\xa0%"
    # plurals: one, two and many in Arabic, one and many in French
    broker = {"cells": ["C1", "C2"]}
    assert messages.render("actor.broker", {"n": 1, **broker}, "fr").startswith(
        "intermédiaire entre 1 cellule ")
    assert messages.render("actor.broker", {"n": 2, **broker}, "ar") == "وسيط بين خليتين: C1 وC2"
    assert messages.render("actor.high_degree", {"n": 1}, "ar") == "مرتبط بجهة فاعلة واحدة"
    assert messages.render("actor.high_degree", {"n": 5}, "ar") == "مرتبط بـ5 جهات فاعلة"
    assert messages.render("actor.high_degree", {"n": 1}, "en") == "tied to 1 actor"
    # a code as a parameter is shown in words, a list joined the language's way
    shown = messages.render("request.wrong_state", {"id": "ab12", "state": "draft",
                                                     "action": "accept",
                                                     "states": ["received", "accepted"]}, "fr")
    assert shown == ("la demande ab12 est à l'état « brouillon » : l'étape « accepter » "
                     "n'est possible qu'à l'état reçue ou acceptée")
    # the web isolates values typed by someone: "+34662149033" keeps its order in Arabic
    html = ar.message("form.number", input="quantity", value="+34662149033")
    assert '<bdi dir="ltr">+34662149033</bdi>' in html and "الكمية" in html
    assert "<script>" not in ar.message("form.number", input="value", value="<script>")
    # an error with no code yet keeps its words, marked as English for the reader
    assert ar.error(InvalidInput("old words")) == '<span lang="en" dir="ltr">old words</span>'
    assert ar.error(InvalidInput("x", code="not_found")).startswith("لا يوجد")


def test_countries_from_iso_3166_and_commodities_by_code() -> None:
    assert country_code("MA") == "ma" and country_code(" fr ") == "fr"
    assert country_code("xk") == "xk"  # Kosovo, as partners write it
    for bad in ("XX", "ZZ", "EU", "SU", "FRA", "", "1A"):
        with pytest.raises(InvalidInput) as refused:
            country_code(bad)
        assert refused.value.code == "country.unknown"
    from interlink.core.agency import parse_country

    assert parse_country("Morocco") == "ma"  # FtM reads names; what it lets through that is
    for bad in ("ZZ", "EU", "XX"):  # no country is refused, as typed
        with pytest.raises(InvalidInput, match=f"unknown country {bad}"):
            parse_country(bad)
    refused_ar = messages.render_error(refused.value, "ar")
    assert "ISO 3166" in refused_ar and "بلد" in refused_ar
    for written in ("cannabis resin", "Résine de cannabis", "راتنج القنب", "hashish", "حشيش",
                    "cannabis_resin", "RESINA DE CANNABIS"):
        assert commodity_code(written) == "cannabis_resin", written
    assert commodity_code("Cocaïne") == commodity_code("الكوكايين") == "cocaine"
    with pytest.raises(InvalidInput) as unknown:
        commodity_code("moon dust")
    assert unknown.value.code == "commodity.unknown"
    assert commodity_code("moon dust", strict=False) == "moon dust"


def test_spanish_is_complete_too() -> None:
    """Spanish (welcome, not required): the service messages are all there for the CLI and API."""
    po = messages.LOCALE_DIR / "es" / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as f:
        catalog = read_po(f, locale="es")
    assert not [m.id for m in catalog if m.id and (
        m.fuzzy or not (all(m.string) if isinstance(m.string, tuple) else m.string))]
    shown = messages.render("request.unknown_type", {"value": "x", "allowed": ["eio", "eaw"]},
                            "es-CO")
    assert shown == "tipo de solicitud desconocido x (valores posibles: eio o eaw)"


def test_every_demo_agency_is_named_in_each_language() -> None:
    from interlink.demo.agencies import AGENCIES

    for agency in AGENCIES:
        for lang in ("ar", "en", "es", "fr"):
            assert lang in agency.names or (lang == "en" and agency.names), (agency.code, lang)
