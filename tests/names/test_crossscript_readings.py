"""Readings the cross-script resolution benchmark found missing (issue 18, dev seeds 7/11)."""

from __future__ import annotations

import pytest

from interlink.names import compare, parse_name
from interlink.names.keys import index_keys

SAME = 0.85
DIFFERENT = 0.7


def test_cedilla_stays_the_turkish_ch() -> None:
    # Read as s before a/o/u (French Fayçal = فيصل), ç lost Turkish names written in Arabic
    # script (Çolak, Koçak: 0.970 -> 0.930 on the names benchmark): reverted until both
    # readings can be kept (the text is folded before the parts see it)
    assert compare("Hançer", "هانتشر").score >= SAME


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [("Hayat", "حياة"), ("Najat", "نجاة"), ("Hayet", "حياة"), ("Hayat Tazi", "حياة تازي")],
)
def test_final_ta_marbuta_after_alef_is_read_at(latin: str, arabic: str) -> None:
    assert compare(latin, arabic).score >= SAME


def test_final_ta_marbuta_after_alef_still_meets_the_spelling_without_t() -> None:
    assert compare("Haya", "حياة").score >= 0.8  # a variant now, no longer the first reading
    assert compare("Hayat", "حياة").score > compare("Hayat", "حيا").score


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Attallah", "عطا الله"),
        ("Attallah", "عطاالله"),
        ("Atta Allah", "عطاالله"),
        ("Atta Allah", "Attallah"),
        ("Nasrallah", "نصر الله"),
        ("Nasr Allah", "نصرالله"),
        ("Fathallah", "فتح الله"),
        ("Attallah Tazi", "عطا الله تازي"),
        ("Tazi Attallah", "عطا الله تازي"),
        ("Dhifallah", "ضيف الله"),
        ("Benabdallah", "بنعبد الله"),
    ],
)
def test_allah_compounds_are_one_part_glued_or_apart(a: str, b: str) -> None:
    assert compare(a, b).score >= SAME


def test_allah_compound_is_read_as_one_part() -> None:
    parts = parse_name("عطا الله تازي")
    assert [p.text for p in parts] == ["عطا الله", "تازي"]
    assert [p.text for p in parse_name("Atta Allah Tazi")] == ["atta allah", "tazi"]
    # abd compounds keep their own reading
    assert [p.text for p in parse_name("عبد الله تازي")] == ["عبد الله", "تازي"]


def test_alla_alone_is_alaa_not_allah() -> None:
    # Alla is a spelling of علاء: "Allian Alla" is two names, not one compound
    assert [p.text for p in parse_name("Allian Alla")] == ["allian", "alla"]
    assert compare("Allian Alla", "علاء عليان").score >= SAME


def test_allah_compounds_with_different_first_halves_differ() -> None:
    assert compare("Nasrallah", "عطا الله").score < DIFFERENT


# French final consonants left unsaid, which Arabic script does not write (issue 13, 15th pass)
@pytest.mark.parametrize(
    ("latin", "arabic"),
    [
        ("Dupont", "دوبون"),
        ("Édouard", "ادوار"),
        ("Arnaud", "ارنو"),
        ("Renault", "رينو"),
        ("Robert", "روبير"),
        ("Laurent", "لوران"),
        ("Benoît", "بنوا"),
        ("Édouard Dupont", "ادوار دوبون"),
    ],
)
def test_french_silent_final_consonant_meets_arabic_script(latin: str, arabic: str) -> None:
    assert compare(latin, arabic).score >= SAME


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [("Robert", "روبرت"), ("Bernard", "برنارد"), ("Mouloud", "مولود"), ("Farid", "فريد")],
)
def test_written_final_consonant_still_meets(latin: str, arabic: str) -> None:
    # the consonant written is the first reading: the silent one is only a variant
    assert compare(latin, arabic).score >= 0.9


@pytest.mark.parametrize(
    ("latin", "other"),
    # an Arabic name's last letter is said in every script: no silent reading after ou, ai,
    # a lone vowel (Daoud is not داو, Said not ساي, Farid not فاري)
    [("Daoud", "داو"), ("Said", "ساي"), ("Farid", "فاري"), ("Mouloud", "مولو")],
)
def test_no_silent_ending_outside_french_patterns(latin: str, other: str) -> None:
    assert compare(latin, other).score < DIFFERENT


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [
        ("Jochen", "يوخين"),
        ("Joachim", "يواخيم"),
        ("Wijland", "فايلاند"),
        ("Schwartsbach", "سخفارتسباخ"),
        ("Lovro Nermin Wijland", "لوفرو نيرمين فايلاند"),
    ],
)
def test_german_and_dutch_letters_read_together(latin: str, arabic: str) -> None:
    # j = y with ch = kh (German), w = v with ij = ay (Dutch): two letters of one word
    assert compare(latin, arabic).score >= SAME


def test_dutch_ij_before_a_vowel_is_not_the_diphthong() -> None:
    # Khadija's ij is i + j: خديجة still met with its long vowel
    assert compare("Khadija", "خديجة").score >= SAME


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [
        ("Gerwin", "غيرفين"),  # German g = غ with w = v
        ("Wolfgang", "فولفغانغ"),
        ("Erzsébet", "إرجبيت"),  # Hungarian zs, cs, sz
        ("Szabó", "سابو"),
        ("Csaba", "تشابا"),
        ("Erzsébet Kovaček", "إرجبيت كوفتشك"),
    ],
)
def test_german_g_and_hungarian_digraphs(latin: str, arabic: str) -> None:
    assert compare(latin, arabic).score >= SAME


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [("Abdulsemet", "ابدولسمت"), ("Abdulsemet Erdoğan", "أبدولسمت إيردوغان"),
     ("Abdurrahman", "ابدولراهمان"), ("Abd al-Samad", "ابدولسمد")],
)
def test_abdul_written_letter_by_letter_in_arabic_script(latin: str, arabic: str) -> None:
    # a Turkish Abdul- transliterated letter by letter (ا ب د و ل, not عبد) is the compound
    assert compare(latin, arabic).score >= SAME
    assert parse_name(arabic)[0].note == "abd compound"


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [("El Hadji", "الحادجي"), ("Djuro", "دجورو"), ("Djoudja", "جودجا"), ("Djamel", "دجمال")],
)
def test_dj_written_letter_by_letter_is_one_sound(latin: str, arabic: str) -> None:
    assert compare(latin, arabic).score >= SAME


def test_somali_mohamud_is_mahmoud_not_muhammad() -> None:
    assert compare("Haji Mohamud Fazul", "حاجي محمود فاضل").score >= SAME
    assert compare("Mohamud", "Mahmoud").score >= SAME
    assert compare("Mohamud", "محمد").score < DIFFERENT
    assert compare("Mohamed", "محمد").score >= SAME


def test_somali_mohammud_is_mohamud() -> None:
    assert compare("Yousef Mohammud Umar", "Yusuf Mohamud Umar").score >= SAME


@pytest.mark.parametrize(
    ("latin", "arabic", "reading"),
    [("Wijland", "فايلاند", "FLND"), ("Jochen", "يوخين", "YJN"), ("Gerwin", "غيرفين", "KRFN")],
)
def test_scoring_readings_score_but_are_no_retrieval_keys(
    latin: str, arabic: str, reading: str
) -> None:
    # the German/Dutch readings are for scoring only (`Part.keyed`): the keyed readings
    # already retrieve what they meet (dev seed 7), so they add no index keys (16th pass)
    (part,) = parse_name(latin)
    assert reading in part.coarse_keys
    assert reading not in part.retrieval_keys
    assert reading not in index_keys(parse_name(latin))
    assert set(part.retrieval_keys) < set(part.coarse_keys)
    assert compare(latin, arabic).score >= SAME


def test_a_particle_keeps_its_names_scoring_readings_unkeyed() -> None:
    # van Wijk: the glued and the alone spellings' keyed readings first, then the Dutch ones
    (part,) = parse_name("van Wijk")
    assert "FK" in part.coarse_keys and "FK" not in part.retrieval_keys
    assert part.retrieval_keys == part.coarse_keys[: len(part.retrieval_keys)]
    assert compare("Pieter van Wijk", "بيتر فان فايك").score >= DIFFERENT


def test_french_silent_ending_is_a_retrieval_key() -> None:
    # Édouard = ادوار shares no key with its Arabic spelling but the French reading: without
    # it as a key the Arabic-script entry was never a candidate (dev seed 7, 16th pass)
    (part,) = parse_name("Édouard")
    assert "ADR" in part.retrieval_keys
    shared = index_keys(parse_name("Édouard Bin Kacemi")) & index_keys(
        parse_name("ادوار بن قاسمي")
    )
    assert "ADR|BNKSM" in shared


@pytest.mark.parametrize(("latin", "other"), [("Saud", "ساو"), ("Daud", "داو"), ("Kent", "كين")])
def test_no_french_silent_ending_in_a_short_word(latin: str, other: str) -> None:
    # Saud and Daud say their d: four letters at least must remain for the French reading
    assert compare(latin, other).score < DIFFERENT
    (part,) = parse_name(latin)
    assert len(part.coarse_keys) == 1  # no stem of two letters as a key


# Seventeenth pass: glued Arabic-script halves, one reading for scoring and retrieval


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("اميرحسن علي صاحبالزماني", "Hassan Ali Saheb-Zamani"),
        ("صاحبالزماني", "Saheb Zamani"),
        ("زينالعابدين كريمي", "Zain Abidin Karimi"),
    ],
)
def test_halves_glued_over_the_article_meet_the_halves_apart(arabic: str, latin: str) -> None:
    # صاحبالزماني keyed SHBLSMN only met Saheb "in part" (0.68 for the whole name); read
    # without the article it is the key Saheb and Zamani make joined
    assert compare(arabic, latin).score >= 0.8


def test_the_article_inside_a_word_is_a_keyed_reading() -> None:
    part = parse_name("صاحبالزماني")[0]
    assert "SHBSMN" in part.retrieval_keys
    assert "SHBSMN" in index_keys(parse_name("Saheb Zamani"))


@pytest.mark.parametrize("word", ["نصرالله", "خالد", "كمال", "جلال"])
def test_no_inner_article_in_allah_compounds_nor_short_halves(word: str) -> None:
    # the "Allah" of نصرالله is no article, and ال after one or two letters is a word's own
    assert all("L" in v.coarse for v in parse_name(word)[0].variants)


@pytest.mark.parametrize(
    ("arabic", "latin", "shared"),
    [
        ("درياقلي داوود", "Darya Daud", "DD|DR"),
        ("اميرحسن علي", "Hassan Ali", "AL|HSN"),
        ("حسينخان بسيم", "Hossein Bassim", "BSM|HSN"),
    ],
)
def test_a_glued_word_is_looked_up_by_what_remains_beside_its_known_half(
    arabic: str, latin: str, shared: str
) -> None:
    # scoring already met درياقلي with Darya ("in part"); the index never offered the entry
    keys = index_keys(parse_name(arabic))
    assert shared in keys
    assert shared in index_keys(parse_name(latin))


def test_the_rest_of_a_glued_word_is_a_retrieval_key_not_a_variant() -> None:
    # as a variant it would meet Darya alone at full strength: محمدعلي with Ali alone would
    # leave Mohammad unmatched in "Mohammad Ali" (the join is tried after single parts)
    part = parse_name("درياقلي")[0]
    assert "DR" in part.retrieval_keys
    assert "DR" not in part.coarse_keys
    assert compare("Khan Karimi", "حسينخان كريمي").score < DIFFERENT


@pytest.mark.parametrize("latin", ["Daud", "Daoud"])
def test_a_and_u_written_together_may_be_two_long_vowels(latin: str) -> None:
    # داوود (Dawud) writes a long a and a long u; "Daoud" and "Daud" write them as one group
    # of vowels, which the long-vowel check counted as one: 0.68, no match
    assert compare(latin, "داوود").score >= SAME


def test_a_glued_persian_name_met_by_its_rest_and_the_name_beside_it() -> None:
    assert compare("درياقلي داوود", "Darya Daud").score >= 0.8
    assert compare("David", "داوود").score < 0.8  # no alert: David is not Dawud


def test_a_particle_over_a_glued_word_meets_the_particle_over_its_rest() -> None:
    # بن محمدپرست: the connector over a glued Persian compound, whose Latin writing keeps
    # only the half beside the known head (Ben Parast); 0.475 with the compound unmatched
    match = compare("ارشاد بن محمدپرست", "Ershad Ben Parast")
    assert match.score >= 0.8
    assert "in part" in match.explanation
    # not another particle's compound, nor the known half alone
    assert compare("ارشاد بن محمدپرست", "Ershad Abu Parast").score < 0.8
    assert compare("ارشاد بن محمدپرست", "Ershad Ben Mohammad").score < 0.8


def test_the_rest_beside_a_known_head_meets_more_than_any_half() -> None:
    # محمدحسن written "Hassan" is the common Latin writing of a Persian compound: its rest
    # meets at 0.85, above a half met without a known head (علياصغر ~ Asghar, 0.8)
    rest = compare("محمدحسن", "Hassan")
    assert rest.score >= 0.85
    assert rest.score > compare("علياصغر", "Asghar").score


def test_a_letter_written_twice_in_a_compounds_glued_name_is_met_once() -> None:
    # the stem of ابو پوررمضانعلي read as its word alone is: رر once (Pourramezanali)
    assert compare("ابو پوررمضانعلي", "Abu Pourramezanali").score >= SAME
    shared = index_keys(parse_name("ابو پوررمضانعلي")) & index_keys(
        parse_name("Abu Pourramezanali")
    )
    assert "ABBRMSNL" in shared
