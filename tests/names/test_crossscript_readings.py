"""Readings the cross-script resolution benchmark found missing (issue 18, dev seeds 7/11)."""

from __future__ import annotations

import pytest

from interlink.names import compare, parse_name

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
