"""Explanations as codes (`names.explanation`): every segment the matcher and the screening
evidence write is read into a code, and renders in Arabic, French and Spanish with no English
words left and the language's own numbers and lists."""

from __future__ import annotations

import json
import re

import pytest

from interlink.core import messages
from interlink.names import compare
from interlink.names import explanation as x
from interlink.screen import Entry, Screener, Watchlist

#: pairs that exercise every way two parts meet (spelling, sound key, consonants, coarse key,
#: initials, articles, particles, patronymics, kunyas, compounds, fuzzy spellings, nisba, vowels)
PAIRS = [
    ("Mohamed El Amrani", "محمد العمراني"), ("Youssef El Idrissi", "Yousef Idrissi"),
    ("Abdelkader Ben Ali", "Abd al-Qadir Ali"), ("J. Smith", "John Smith"),
    ("Ahmed Hassan", "Mahmoud Saad"), ("Brahim Ouali", "Ibrahim Walli"),
    ("Abu Bakr Nasser", "Nasser"), ("Mehdi", "Mahdi"), ("Hanoun", "حنان"),
    ("Idrissi", "Idriss"), ("Alaoui", "علي"), ("Rabbani", "Ruben"),
    ("Nour ad-Din Saleh", "Noureddine Salah"), ("Abou Hafs", "Hafs"),
    ("Karim Bennani", "Karim Ben Nani"), ("Jonathan", "Jonathon"), ("", "Ali"),
    ("Sidi Mohamed Ould Cheikh", "Mohamed Cheikh"), ("Fatima Zahra", "Fatimazahra"),
    ("Mustafa Al-Hashimi", "مصطفى الهاشمي"), ("Said", "سعيد"), ("Saad", "سعد"),
    ("Hussein", "Hassan"), ("Oussama", "Usama"), ("Ben Youssef", "Bin Yusuf"),
    ("Mohammad Rezaei", "محمدصادق رضايي"),  # one half of a one-word compound: "in part"
    ("Jamila Haddad", "جميل حداد"),  # a final -a on one side only
    ("Youssef Mesbou", "يوسف مصباح"),  # an Arabic final ح the Latin does not write
    ("Ismail Allawi", "Ismail Ali"),  # a Latin w the other Latin spelling does not write
]
ENGLISH_RUN = re.compile(r"\b[a-z]{2,}(?:[ ,]+[a-z]{2,}){2,}\b")
NAMES = ("left", "right", "names", "words", "text", "word")
ENGLISH_WORDS = re.compile(r"\b(?:same|name|different|without|vowels?|spelling|matches|birth|"
                           r"initial|key|consonants|nationality|gender)\b")


def _screened() -> list[str]:
    """Explanations of screening alerts, with every kind of evidence the scorer adds."""
    wl = Watchlist([
        Entry.create(id="w1", name=["Youssef El Hamdaoui"], birth_date="1988-04-17",
                     nationality="ma", gender="male", id_number="AB123456"),
        Entry.create(id="w2", name=["Karim Bennani"], birth_date="1975-03-02",
                     nationality="fr"),
        Entry.create(id="w3", name=["Samira Tazi"], birth_date="1990-06", gender="female"),
        Entry.create(id="w4", name=["Omar Haddad"], birth_date="1960"),
    ], name="list")
    screener = Screener(wl, threshold=0.5)
    queries = [
        Entry.create(id="q1", name=["يوسف الحمداوي"], birth_date="1988-04-17", nationality="ma",
                     id_number="AB123456"),
        Entry.create(id="q2", name=["Karim Benani"], birth_date="1975-02-03", nationality="es"),
        Entry.create(id="q3", name=["Samira Tazi"], birth_date="1990-06-11", gender="male"),
        Entry.create(id="q4", name=["Omar Hadad"], birth_date="1961-01-01"),
        Entry.create(id="q5", name=["Omar Haddad"], birth_date="1960-05"),
        Entry.create(id="q6", name=["Karim Bennani"], birth_date="1975-03-09"),
        Entry.create(id="q7", name=["Samira Tazi"], birth_date="1990-07"),
        Entry.create(id="q8", name=["Omar Haddad"], birth_date="1958-01-01"),
    ]
    return [a.explanation for q in queries for a in screener.match(q)]


def _lines() -> list[str]:
    return [compare(a, b).explanation for a, b in PAIRS] + _screened()


def test_every_segment_the_matcher_writes_has_a_code() -> None:
    lines = _lines()
    seen = set()
    for line in lines:
        explained = x.codes(line)
        assert explained["score"] is not None, line
        assert not x.unknown(explained), line
        json.dumps(explained)  # what alerts.explanation_codes stores
        for item in explained["items"]:
            seen.add(item["code"])
            seen.update(h["code"] for h in item["params"].get("how", []))
    # the corpus does reach the evidence and the alignment codes, not just one kind
    assert {"name.part", "name.same_sound_key", "name.same_spelling", "name.initial",
            "evidence.same_dob", "evidence.same_document", "evidence.same_nationality",
            "evidence.other_gender", "name.not_in_other", "name.in_part",
            "name.feminine_differs", "name.final_h_missing"} <= seen, seen
    assert all(code in messages.MESSAGES for code in seen)


@pytest.mark.parametrize("lang", ["ar", "fr", "es"])
def test_explanations_render_in_the_readers_language(lang: str) -> None:
    for line in _lines():
        explained = x.codes(line)
        shown = x.render(explained, lang)
        assert "%(" not in shown and shown != x.render(explained, "en"), (lang, shown)
        # the words around the names are the language's own: names put aside, no English left
        for item in explained["items"]:
            for name in NAMES:
                if name in item["params"]:
                    item["params"][name] = "X-1" if isinstance(item["params"][name], str) \
                        else ["X-1"]
        explained["query"] = explained["entry"] = ""
        words = x.render(explained, lang)
        assert not ENGLISH_WORDS.search(words), (lang, words)
        if lang == "ar":
            assert not ENGLISH_RUN.search(words), words


def test_numbers_lists_and_countries_the_languages_way() -> None:
    line = ("Q ~ E: name 0.90: karim = karim (same spelling); bennani = benani (similar "
            "spelling (0.93)); same nationality MA, FR; different nationality (MA vs FR/ES)")
    explained = x.codes(line)
    assert explained["query"] == "Q" and explained["entry"] == "E"
    fr = x.render(explained, "fr")
    assert fr.startswith("Q ~ E: nom 0,90 : karim correspond à karim : même orthographe")
    assert "graphie proche (0,93)" in fr
    assert "même nationalité : Maroc et France" in fr
    assert "nationalités différentes (Maroc / France et Espagne)" in fr
    ar = x.render(explained, "ar")
    assert "المغرب" in ar and "فرنسا" in ar and "؛ " in ar
    en = x.render(explained, "en")
    assert "name 0.90: karim matches karim: same spelling" in en


def test_a_line_no_code_fits_is_kept_not_lost() -> None:
    explained = x.codes("name 0.50: something new the matcher says")
    assert x.unknown(explained) == ["something new the matcher says"]
    assert x.render(explained, "fr") == "nom 0,50 : something new the matcher says"
    assert x.codes("") == {"query": "", "entry": "", "score": None, "items": []}
    assert x.render(None, "ar") == ""
