"""Writing conventions the twenty-third pass of issue 13 reads (branch nscore3), each against
the pair of a dev-seed miss of `benchmarks/names_bench.py` it was missing, and a pair it must
leave as it was."""

from __future__ import annotations

import pytest

from interlink.names import compare, parse_name
from interlink.names.arabic import arabic_classes, long_vowels
from interlink.names.compare import part_similarity


def _sim(a: str, b: str) -> tuple[float, str]:
    return part_similarity(parse_name(a)[0], parse_name(b)[0])


@pytest.mark.parametrize(
    ("latin", "arabic"), [("Roya", "رؤيا"), ("Goya", "غويا"), ("Montoya", "مونتويا")]
)
def test_a_waw_before_a_consonant_ya_is_a_vowel(latin: str, arabic: str) -> None:
    # the ي before alef is the consonant y; the و before it was read as a w too (RWY), so the
    # pair met at the consonants only, and Roya (one consonant) lost the short key's penalty
    score, how = _sim(latin, arabic)
    assert "same sound key" in how
    assert score >= 0.92


def test_the_readings_that_say_waw_v_keep_it_before_a_ya() -> None:
    # Persian -avian (Mousavian = موسويان): the و is v, which the Persian reading still says
    assert arabic_classes("رويا") == "RY"
    assert "V" in arabic_classes("موسويان", 8)
    assert long_vowels("موسويان", persian_v=True) == "ua"
    assert _sim("Mousavian", "موسويان")[0] >= 0.85
    assert compare("Sadegh Mousavian", "صادق موسويان").score >= 0.85


def test_a_waw_before_a_doubled_ya_stays_a_w() -> None:
    # صموييل Samuel: two ي for the Latin ue, the first a consonant; the rule is for ي + ا/و
    assert arabic_classes("صموييل") == "SMWYL"


@pytest.mark.parametrize(
    ("latin", "arabic"), [("Eugene", "يوجين"), ("Eustacio", "يوستاكيو")]
)
def test_an_initial_eu_is_said_yu(latin: str, arabic: str) -> None:
    assert _sim(latin, arabic)[0] >= 0.9


def test_french_eugene_still_meets_its_own_arabic_spelling() -> None:
    assert _sim("Eugène", "اوجين")[0] >= 0.9


@pytest.mark.parametrize(
    ("latin", "arabic"), [("Johnny", "جاني"), ("John", "جون"), ("Wolfensohn", "ولفنسون")]
)
def test_the_h_of_ohn_is_silent(latin: str, arabic: str) -> None:
    assert _sim(latin, arabic)[0] >= 0.9


def test_a_said_h_before_another_consonant_stays() -> None:
    # Mohsen = محسن writes its h; only -ohn is read without it
    assert _sim("Mohsen", "محسن")[0] >= 0.9
    assert _sim("Mosen", "محسن")[0] < _sim("Mohsen", "محسن")[0]


def test_the_persian_ayi_ending_without_its_y() -> None:
    # the y of -ayi is unwritten in Latin; met at the consonants only after a Persian q read
    # gh, Ghabaee took two penalties (a meeting by consonants alone already scores what a
    # reading's full key does: Tabatabaei = طباطبائي is unchanged)
    score, how = _sim("Ghabaee", "قبايي")
    assert "same sound key" in how
    assert score >= 0.87
    assert _sim("Tabatabaei", "طباطبائي")[0] >= 0.9


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [("Zulqarnain", "ذوالقرنين"), ("Zolghadr", "ذوالقدر"), ("Zulfiqar", "ذوالفقار")],
)
def test_dhu_al_glued_is_said_zul(latin: str, arabic: str) -> None:
    # the و of ذو before the article's silent alef was read as a w (v in the z reading)
    assert _sim(latin, arabic)[0] >= 0.9
    assert compare(f"Iman {latin}", f"ايمان {arabic}").score >= 0.85


def test_dhu_al_is_not_read_into_other_words() -> None:
    # ذوقان (Dhuqan) has no article: its keys are as before
    assert [v.full for v in parse_name("ذوقان")[0].variants][0] == "DKN"


@pytest.mark.parametrize(("latin", "arabic"), [("Lyes", "الياس"), ("Lyazid", "اليزيد")])
def test_the_maghrebi_bare_l_article_before_a_consonant_y(latin: str, arabic: str) -> None:
    # the bare-l reading (Lhadj = الحاج) left out a y, read as a vowel after a consonant
    assert _sim(latin, arabic)[0] >= 0.85
    assert compare("Hicham Lyes El Boukarai", "هشام الياس البوقرعي").score >= 0.85


def test_a_y_said_as_a_vowel_after_l_is_not_the_article() -> None:
    # Lydia: the y before a consonant is the vowel i, no article before it
    assert "YD" not in [v.full for v in parse_name("Lydia")[0].variants]


def test_south_asian_abbreviations_are_read_as_the_name() -> None:
    # "Ch" (Chaudhry) and "Md" (Muhammad) are how Pakistani and Bangladeshi registers write
    # the name; read as written they met nothing (Ch Allah Qadeer 0.47)
    assert compare("Ch Allah Qadeer", "چودھري الله قدير").score >= 0.85
    assert compare("Md Rahman", "محمد رحمن").score >= 0.9
    assert compare("Md Rahman", "Mohammed Rahman").score >= 0.9


def test_an_abbreviation_is_not_read_inside_a_word() -> None:
    assert compare("Chaudhry Qadeer", "چودھري قدير").score >= 0.9
    assert [p.text for p in parse_name("Chad Mdina")] == ["chad", "mdina"]
