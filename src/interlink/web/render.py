"""Rendering pages: one Jinja2 environment (autoescaped), the language and session in every
page, and the small formatting helpers templates need."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from interlink.cooperation.inbox import inbox_count
from interlink.core import messages
from interlink.core.codes import Purpose
from interlink.names.explanation import render as explain_line
from interlink.web import i18n
from interlink.web.listing import SIZES
from interlink.web.names import display_name
from interlink.web.session import LANG_COOKIE, WebSession

TEMPLATES = Path(__file__).parent / "templates"

env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def request_lang(request: Request) -> i18n.Lang:
    """?lang= (from the switcher), else the cookie, else Accept-Language."""
    code = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
    if code not in i18n.LANGUAGES:
        code = i18n.negotiate(request.headers.get("accept-language"))
    return i18n.Lang(code)


def purpose_label(lang: i18n.Lang, purpose: Purpose | str | None) -> str:
    """A purpose code in the reader's words (the code list of `core.messages`)."""
    return lang.label("purpose", purpose) if purpose else ""


def kind_labels(lang: i18n.Lang) -> dict[str, str]:
    """Names of the link types of the network (network/kinds.py), for tables and the chart."""
    return {code: lang.label("link", code) for code in messages.LABELS["link"]}


def cooperation_labels(lang: i18n.Lang) -> dict[str, str]:
    """Request types, states and steps, operation states and result kinds, in one table."""
    g = lang.gettext
    return {
        # request types (cooperation.legal_requests.TYPES)
        "rfi": g("request for information"), "mla": g("mutual legal assistance"),
        "eio": g("European Investigation Order"), "eaw": g("European Arrest Warrant"),
        "extradition": g("extradition"), "freezing": g("asset freezing"),
        "diffusion": g("diffusion"),
        # states
        "draft": g("draft"), "sent": g("sent"), "received": g("received"),
        "accepted": g("accepted"), "in_execution": g("in execution"),
        "executed": g("executed"), "partly_executed": g("partly executed"),
        "refused": g("refused"), "withdrawn": g("withdrawn"), "open": g("open"),
        "closed": g("closed"), "invited": g("invited"), "member": g("member"),
        "left": g("left"), "lead": g("lead"), "partner": g("partner"), "done": g("done"),
        # steps
        "send": g("Send"), "receive": g("Acknowledge receipt"), "accept": g("Accept"),
        "start": g("Start execution"), "execute": g("Executed"),
        "execute_partly": g("Partly executed"), "refuse": g("Refuse"), "withdraw": g("Withdraw"),
        # results
        "arrest": g("arrest"), "seizure": g("seizure"), "asset_freeze": g("asset freezing"),
        "organisation_identified": g("organised crime group identified"),
        "organisation_dismantled": g("organised crime group dismantled"),
        "investigation_opened": g("investigation opened"),
        # urgency
        "normal": g("normal"), "urgent": g("urgent"), "immediate": g("immediate"),
    }


def role_label(lang: i18n.Lang, role: str) -> str:
    g = lang.gettext
    return {"analyst": g("analyst"), "supervisor": g("supervisor"),
            "liaison_officer": g("liaison officer"), "agency_admin": g("agency administrator"),
            "platform_admin": g("platform administrator")}.get(role, role)


def page(
    request: Request, template: str, session: WebSession | None, status_code: int = 200,
    headers: dict[str, str] | None = None, **context: Any,
) -> HTMLResponse:
    lang = request_lang(request)
    if session is not None and "inbox_count" not in context:  # the header's count, every page
        context["inbox_count"] = inbox_count(request.app.state.store, session.user.agency)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    body = env.get_template(template).render(
        request=request, lang=lang, _=lang.gettext, ngettext=lang.ngettext,
        session=session, csrf=session.csrf if session else "", here=here,
        here_q=quote(here, safe=""), purposes=list(Purpose),
        purpose_label=lambda p: purpose_label(lang, p), name=display_name,
        languages=i18n.NATIVE, kind_labels=kind_labels(lang), coop=cooperation_labels(lang),
        role_label=lambda r: role_label(lang, r), message=lang.message, label=lang.label,
        plural_forms=lang.plural_forms,
        explain=lambda x: Markup(explain_line(x, lang.code, i18n.isolate)),
        bdi=i18n.isolate, commodity_codes=list(messages.LABELS["commodity"]),
        country_choices=lang.countries(), sizes=SIZES, **context,
    )
    response = HTMLResponse(body, status_code=status_code, headers=headers)
    if request.query_params.get("lang") in i18n.LANGUAGES:
        response.set_cookie(LANG_COOKIE, lang.code, max_age=365 * 86400, samesite="strict",
                            httponly=True)
    return response
