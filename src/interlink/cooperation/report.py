"""The operation report, HTML and PDF, in the reader's language (Arabic right to left).

Jinja2 renders one template; its strings go through this package's gettext catalogues
(`locale/<lang>/LC_MESSAGES/reports.po`, the glossary's terms), read with Babel and compiled in
memory, so no build step is needed; numbers, amounts and dates are formatted by Babel for the
locale. WeasyPrint lays the same HTML out as PDF: it shapes Arabic through Pango (HarfBuzz) and
needs no browser. Fonts come from the system (fontconfig): DejaVu Sans covers Arabic, Latin
and the digits; Noto fonts are used where installed.
"""

from __future__ import annotations

import gettext
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from jinja2 import Environment, FileSystemLoader, select_autoescape

from interlink.cooperation import ledger
from interlink.cooperation.operations import get_operation
from interlink.core.messages import compile_po, invalid, label
from interlink.store import SQLStore

LANGUAGES = ("ar", "en", "es", "fr")
RTL = frozenset({"ar"})
HERE = Path(__file__).parent
KIND_LABELS = {
    "arrest": "arrest", "seizure": "seizure", "asset_freeze": "asset freezing",
    "organisation_identified": "organised crime group identified",
    "organisation_dismantled": "organised crime group dismantled",
    "investigation_opened": "investigation opened",
}


@lru_cache(maxsize=8)
def translations(lang: str) -> gettext.NullTranslations:
    """The report catalogue for `lang` (English is the source language: no catalogue)."""
    return compile_po(HERE / "locale" / lang / "LC_MESSAGES" / "reports.po", lang, "reports")


@lru_cache(maxsize=8)
def _environment(lang: str) -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"),
                      autoescape=select_autoescape(["html"]), extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    return env


def _check(lang: str) -> str:
    code = (lang or "en").strip().lower()
    if code not in LANGUAGES:
        raise invalid("report.unknown_language", "lang", value=lang,
                      allowed=", ".join(LANGUAGES))
    return code


def report_context(store: SQLStore, agency: str, operation_id: str, lang: str,
                   now: datetime | None = None) -> dict[str, Any]:
    """What the template shows, formatted for the locale (LookupError if not the agency's)."""
    op = get_operation(store, agency, operation_id)
    results = ledger.list_results(store, agency, operation_id)
    gettext = translations(lang).gettext

    def num(value: float) -> str:
        return format_decimal(value, locale=lang)

    def money(amounts: dict[str, float]) -> list[str]:
        return [format_currency(v, c, locale=lang) for c, v in sorted(amounts.items())]

    def day(value: date | None) -> str:
        return format_date(value, "medium", locale=lang) if value else "—"

    def quantity_text(key: str, quantity: float) -> str:
        commodity, unit = key.rsplit(" ", 1)  # "cocaine kg" -> cocaine: 1,200 kg
        return f"{label('commodity', commodity, lang)}: {num(quantity)} {label('unit', unit, lang)}"

    def totals_row(t: ledger.Totals) -> dict[str, Any]:
        return {"key": t.key, "arrests": num(t.arrests), "seizures": num(t.seizures),
                "seized": [quantity_text(key, q) for key, q in sorted(t.seized.items())],
                "seized_value": money(t.seized_value), "frozen": money(t.frozen),
                "identified": num(t.organisations_identified),
                "dismantled": num(t.organisations_dismantled),
                "investigations": num(t.investigations_opened)}

    (overall,) = ledger.add_up(results, "all") or [ledger.Totals("all")]
    def details(r: ledger.Result) -> list[str]:
        """The parts of a result's details, each shown in its own direction."""
        d = r.details
        parts: list[str] = []
        if r.kind == "seizure":
            parts.append(f"{label('commodity', d['commodity'], lang)}: {num(d['quantity'])} "
                         f"{label('unit', d['unit'], lang)}")
            if "value" in d:
                parts.append(format_currency(d["value"], d["currency"], locale=lang))
            if "concealment" in d:
                parts.append(f"{gettext('Concealment method')}: {d['concealment']}")
        elif r.kind == "asset_freeze":
            parts += [format_currency(d["amount"], d["currency"], locale=lang),
                      label("asset_kind", d["asset_kind"], lang)]
        else:
            parts += [str(d[k]) for k in ("person", "nationality", "organisation", "reference",
                                          "authority") if k in d]
        return parts

    ledger_rows = []
    for r in results:
        ledger_rows.append({"date": day(r.on), "kind": gettext(KIND_LABELS[r.kind]),
                            "agency": r.agency, "country": label("country", r.country, lang),
                            "place": r.place,
                            "details": details(r)})
    return {
        "lang": lang, "dir": "rtl" if lang in RTL else "ltr",
        "op": op, "state": gettext(op.state),
        "purposes": [label("purpose", p, lang) for p in op.purposes],
        "period": f"{day(op.starts)} – {day(op.ends)}",
        "partners": [m.agency for m in op.members if m.role == "partner"
                     and m.status != "invited"],
        "overall": totals_row(overall),
        "by_country": [{**totals_row(t), "key": label("country", t.key, lang)}
                       for t in ledger.add_up(results, "country")],
        "by_month": [totals_row(t) for t in ledger.add_up(results, "month")],
        "ledger": ledger_rows,
        "tasks": [{"agency": t.agency, "description": t.description, "due": day(t.due),
                   "status": gettext(t.status)} for t in op.tasks],
        "targets": len(op.targets),
        "comma": "، " if lang == "ar" else ", ",
        "generated": format_date((now or datetime.now(UTC)).date(), "long", locale=lang),
        "agency": agency,
    }


def render_html(store: SQLStore, agency: str, operation_id: str, lang: str = "en",
                now: datetime | None = None) -> str:
    code = _check(lang)
    template = _environment(code).get_template("operation_report.html")
    return template.render(**report_context(store, agency, operation_id, code, now))


def render_pdf(store: SQLStore, agency: str, operation_id: str, lang: str = "en",
               now: datetime | None = None) -> bytes:
    """The same report as PDF (WeasyPrint, imported here: only the PDF needs it)."""
    from weasyprint import HTML

    html = render_html(store, agency, operation_id, lang, now)
    return HTML(string=html, base_url=str(HERE / "templates")).write_pdf()
