"""The operation report: HTML in each language (Arabic right to left) and a real PDF."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from io import BytesIO

import pytest
from pypdf import PdfReader

from interlink.cooperation import ledger
from interlink.cooperation import operations as ops
from interlink.cooperation.report import render_html, render_pdf
from interlink.core.errors import InvalidInput
from tests.cooperation.conftest import DT, FR, MA

NOW = datetime(2026, 7, 1, tzinfo=UTC)


@pytest.fixture
def andes(coop):  # type: ignore[no-untyped-def]
    op = ops.create_operation(coop, FR, "Andes", partners=["MA-DGSN"], purposes=[DT],
                              starts="2026-01-01", ends="2026-06-30")
    ops.join(coop, MA, op.id)
    ledger.add_result(coop, MA, op.id, "seizure", on="2026-01-11", place="Tanger Med",
                      commodity="cocaine", quantity=1200, unit="kg", value=36_000_000,
                      currency="EUR", concealment="banana containers")
    ledger.add_result(coop, FR, op.id, "arrest", on="2026-02-10", place="Marseille",
                      person="Y. El Hamdaoui")
    ledger.add_result(coop, FR, op.id, "asset_freeze", on="2026-02-12", amount=250_000,
                      currency="EUR", asset_kind="bank_account")
    ops.assign_task(coop, FR, op.id, "MA-DGSN", "controlled delivery", due="2026-03-01")
    return coop, op


def test_html_in_three_languages(andes) -> None:  # type: ignore[no-untyped-def]
    store, op = andes
    en = render_html(store, "FR-OFAST", op.id, "en", NOW)
    assert 'dir="ltr"' in en and "Joint operation report" in en and "Andes" in en
    assert "cocaine: 1,200 kg" in en and "€36,000,000.00" in en and "Marseille" in en
    fr = render_html(store, "MA-DGSN", op.id, "fr", NOW)
    assert "Rapport d'opération conjointe" in fr.replace("&#39;", "'")
    assert "Interpellations" in fr and "gel des avoirs" in fr and "1\u202f200" in fr
    ar = render_html(store, "MA-DGSN", op.id, "ar", NOW)
    assert 'dir="rtl"' in ar and 'lang="ar"' in ar
    for term in ("تقرير العملية المشتركة", "الاعتقالات", "تجميد الأصول", "الجهة القائدة"):
        assert term in ar, term
    with pytest.raises(LookupError):
        render_html(store, "ES-DAVA", op.id, "en", NOW)  # not on the operation
    with pytest.raises(InvalidInput, match="language"):
        render_html(store, "FR-OFAST", op.id, "de", NOW)


def _pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    reader = PdfReader(BytesIO(data))
    text = "".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_pdf_is_a_real_pdf_with_the_text(andes) -> None:  # type: ignore[no-untyped-def]
    store, op = andes
    text = _pdf_text(render_pdf(store, "FR-OFAST", op.id, "en", NOW))
    # (text extraction splits kerned pairs such as "T anger": compare words it keeps whole)
    assert "Joint operation report" in text and "Andes" in text and "Marseille" in text
    assert "Concealment method: banana containers" in text and "€36,000,000.00" in text
    ar = _pdf_text(render_pdf(store, "MA-DGSN", op.id, "ar", NOW))
    # Arabic comes out of the PDF shaped (presentation forms, folded back by NFKC) and in
    # visual order, which extractors may reverse: look for the words either way
    assert "Andes" in ar
    for word in ("الاعتقالات", "الحصيلة"):
        assert word in ar or word[::-1] in ar, word


def test_the_report_says_purposes_countries_commodities_and_plurals_in_words(coop) -> None:  # type: ignore[no-untyped-def]
    from interlink.cooperation import ledger
    from interlink.cooperation import operations as ops
    from interlink.cooperation.report import render_html
    from tests.cooperation.conftest import DT, MA

    op = ops.create_operation(coop, MA, "Atlas", purposes=[DT])
    ops.add_target(coop, MA, op.id, "ma-1")
    ledger.add_result(coop, MA, op.id, "seizure", on="2026-01-11", commodity="hashish",
                      quantity=1200, unit="kg")
    fr = render_html(coop, "MA-DGSN", op.id, "fr")
    assert "trafic de stupéfiants" in fr and "drug_trafficking" not in fr
    assert "1 personne ciblée" in fr and "résine de cannabis" in fr and "Maroc" in fr
    ar = render_html(coop, "MA-DGSN", op.id, "ar")
    assert "الاتجار بالمخدرات" in ar and "شخص واحد مستهدف" in ar and "راتنج القنب" in ar
