"""Service messages: codes with parameters, rendered in the reader's language.

Capabilities never compose sentences for a reader. They raise (or return) a code such as
`request.not_bound` with parameters (`type="eio"`, `country="ma"`); the web, the API and the CLI
render it with `render(code, params, lang)` through one set of gettext catalogues (Babel `.po`
files in `core/locale/`, English is the source). So the three surfaces speak the same
languages and a translator edits one file per language.

Parameters render by their name: a parameter named after a code list (`type`, `state`,
`basis`, `clock`, `country`, `unit`, `commodity`, `purpose`, `field`...) is shown as that
list's label in the reader's language (`LABELS`, countries from CLDR via Babel); numbers
are formatted per locale; a list is joined the locale's way ("a, b ou c"); anything else
(ids, names, typed values) is shown as given, and the web isolates it for bidirectional text.

Labels (`label(kind, code, lang)`) are the code lists' words: request types, legal bases,
clocks and their rules, states, audit actions, units, genders, commodities, purposes,
key-actor reasons, resolution fields and levels.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("ar", "en", "es", "fr")
SOURCE = "en"


def N_(message: str) -> str:
    """Mark a string for extraction (pybabel -k N_); translated when rendered."""
    return message


def Np_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural pair for extraction (pybabel -k Np_:1,2)."""
    return singular, plural


#: message code -> English text (or a (singular, plural) pair counted by its `n` parameter)
MESSAGES: dict[str, str | tuple[str, str]] = {
    # generic, one per domain error class
    "invalid_input": N_("The input is not valid."),
    "not_found": N_("No such record, or not one you may know of."),
    "forbidden": N_("You may not do this."),
    "conflict": N_("This cannot be done in the present state."),
    "page_not_found": N_("There is no such page."),
    "bad_parameters": N_("The address of this page has a wrong or missing value: %(where)s."),
    "error": N_("Something went wrong."),
    # the audit log: a request's step named with the request's own type
    "audit.request_step": N_("%(type)s: %(action)s"),
    # forms
    "form.number": N_("%(input)s must be a number, not %(value)s"),
    "form.required": N_("%(input)s is required"),
    "form.too_large": N_("the file is larger than %(size)s MB"),
    # code lists
    "country.unknown": N_("unknown country %(value)s: use an ISO 3166 code such as MA, FR or "
                          "CO"),
    "commodity.unknown": N_("unknown commodity %(value)s (one of: %(allowed)s)"),
    "unit.unknown": N_("unknown unit %(value)s (one of: %(allowed)s)"),
    # the inbox (`cooperation.inbox`): what waits for the reader's agency
    "inbox.request_waiting": N_("%(agency)s sent a %(type)s (%(id)s) that waits for you: "
                                "%(state)s"),
    "inbox.rfi_waiting": N_("%(agency)s asks for information on your record %(record)s "
                            "(%(purpose)s)"),
    "inbox.rfi_answered": N_("%(agency)s answered your request for information about "
                             "%(record)s: %(state)s"),
    "inbox.invitation": N_("%(agency)s invites you to the operation %(name)s"),
    "inbox.notice": N_("%(agency)s published a %(notice_type)s on %(subject)s"),
    "inbox.alert": N_("New alert on %(record)s (score %(score)s)"),
    "inbox.notice_alert": N_("A notice matched your record %(record)s (score %(score)s)"),
    "inbox.notice_found": N_("Your notice found %(record)s, held by %(agency)s "
                             "(score %(score)s)"),
    "inbox.deadline_due": N_("%(type)s %(id)s: %(clock)s due on %(due)s"),
    "inbox.deadline_overdue": N_("%(type)s %(id)s: %(clock)s overdue since %(due)s"),
    # requests for information (`cooperation.rfi`)
    "rfi.duplicate": N_("your agency already asked %(agency)s about %(record)s (request "
                        "%(id)s); it waits for the answer"),
    "rfi.refusal_reason": N_("a refusal needs a reason: the asking agency reads it"),
    # judicial and police requests
    "request.by_agency": N_("a request is made by an agency"),
    "request.unknown_type": N_("unknown request type %(value)s (one of: %(allowed)s)"),
    "request.other_agency": N_("a request goes to another agency"),
    "request.unknown_basis": N_("unknown legal basis %(value)s (one of: %(allowed)s)"),
    "request.basis_required": N_("a %(type)s stands on %(required)s, not on %(basis)s"),
    "request.not_bound": N_("a %(type)s is only exchanged between member states bound by "
                            "%(required)s: %(country)s is not one"),
    "request.unknown_urgency": N_("unknown urgency %(value)s (one of: %(allowed)s)"),
    "request.no_subject": N_("a request names at least one subject (a record id)"),
    "request.unknown_subject": N_("no record %(id)s known to %(agency)s"),
    "request.unknown_subject_purpose": N_("no record %(id)s known to %(agency)s (declare a "
                                          "purpose to name a record another agency holds)"),
    "request.attachment_name": N_("attachment %(n)s has no name"),
    "request.attachment_language": N_("attachment %(id)s: language %(value)s is not an ISO "
                                      "639-1 code (ar, en, fr, es ...)"),
    "request.invalid_time": N_("invalid time %(value)s: use ISO 8601 (2026-11-23T10:00 or "
                               "2026-11-23)"),
    "request.precedes": N_("the step %(action)s on %(at)s would precede the request's last step "
                           "(%(last)s on %(last_at)s)"),
    "request.wrong_side": N_("only the %(side)s authority (%(agency)s) may take the step "
                             "%(action)s on request %(id)s"),
    "request.wrong_state": N_("request %(id)s is %(state)s: the step %(action)s is only taken "
                              "when it is %(states)s"),
    "request.changed": N_("request %(id)s changed meanwhile: reload it and try again"),
    "request.refusal_reason": N_("a refusal gives its reason"),
    "request.withdrawal_reason": N_("a withdrawal gives its reason"),
    "request.extension_reason": N_("an extension gives its reason"),
    "request.unknown_action": N_("unknown step %(value)s"),
    "request.event_side": N_("only the requested authority (%(agency)s) records %(action)s on "
                             "request %(id)s"),
    "request.clocks_stopped": N_("request %(id)s is %(state)s: its clocks have stopped"),
    "request.eaw_only": N_("%(action)s is recorded on a European Arrest Warrant, not on a "
                           "%(type)s"),
    "request.event_when_received": N_("request %(id)s is %(state)s: %(action)s is recorded once "
                                      "it is received and before the decision"),
    "request.event_already": N_("%(action)s is already recorded on request %(id)s"),
    "request.not_extendable": N_("the clock %(clock)s of a %(type)s cannot be extended"),
    "request.extended_once": N_("the clock %(clock)s of request %(id)s was already extended "
                                "(once only)"),
    "request.consent_no_extension": N_("the 10 days after consent cannot be extended"),
    "request.no_arrest": N_("no arrest recorded: the 60-day clock has not started"),
    "request.clock_not_running": N_("request %(id)s is %(state)s: the clock %(clock)s is not "
                                    "running"),
    # results of operations
    "result.by_agency": N_("results are recorded by an agency"),
    "result.not_member": N_("%(agency)s cannot record results in operation %(name)s "
                            "(%(state)s)"),
    "result.unknown_kind": N_("unknown result type %(value)s (one of: %(allowed)s)"),
    "result.missing": N_("a %(kind)s records %(fields)s"),
    "result.extra": N_("a %(kind)s has no %(fields)s"),
    "result.negative": N_("%(input)s cannot be negative"),
    "result.currency": N_("currency %(value)s is not an ISO 4217 code (EUR, MAD, USD ...)"),
    "result.asset_kind": N_("unknown asset kind %(value)s (one of: %(allowed)s)"),
    # ingest: text files and CSV dialects
    "file.missing": N_("%(file)s: no such file"),
    "file.directory": N_("%(file)s is a directory, not a file"),
    "file.empty": N_("%(file)s: the file is empty"),
    "file.not_utf8": N_("%(file)s: not UTF-8 text (byte offset %(offset)s); re-save the file as "
                        "UTF-8"),
    "file.truncated_utf8": N_("%(file)s: the file ends in the middle of a UTF-8 character "
                              "(truncated?)"),
    "file.encoding_unsure": N_("%(file)s: not UTF-8 text (byte offset %(offset)s) and the "
                               "encoding cannot be told (%(candidates)s); name it with "
                               "--encoding"),
    "file.encoding_invalid": N_("%(file)s: not %(encoding)s text (byte offset %(offset)s)"),
    "file.unknown_encoding": N_("unknown encoding %(value)s (one of: %(allowed)s)"),
    "file.unknown_delimiter": N_("unknown delimiter %(value)s (one of: %(allowed)s)"),
    "file.delimiter_unsure": N_("%(file)s: cannot tell the column separator from the header "
                                "(%(candidates)s); name it with --delimiter"),
    # key actors (network.actors gives each a reason code and parameters)
    "actor.broker": Np_("broker between %(n)s cell: %(cells)s",
                        "broker between %(n)s cells: %(cells)s"),
    "actor.leader": N_("centre of the cell %(cell)s (%(degree)s ties inside it), "
                       "#%(central)s central to the whole network"),
    "actor.financier": Np_("financier: %(n)s payment to or from the network",
                           "financier: %(n)s payments to or from the network"),
    "actor.high_betweenness": N_("on %(share)s of all shortest paths (rank %(rank)s)"),
    "actor.high_degree": Np_("tied to %(n)s actor", "tied to %(n)s actors"),
    "actor.central": N_("central on several counts: broker #%(broker)s, leader #%(leader)s, "
                        "ties #%(hub)s, in a %(core)s-core"),
    "actor.k_core": N_("in the network's dense core (%(k)s-core)"),
    "actor.cell_centre": N_("centre of the cell %(cell)s (%(degree)s ties inside it)"),
    "actor.path_share": N_("on %(share)s of the shortest paths between %(cell)s and %(other)s"),
    "actor.ties": Np_("tied to %(n)s actor: %(links)s", "tied to %(n)s actors: %(links)s"),
    "actor.pagerank": N_("PageRank rank %(rank)s"),
    "actor.periods": Np_("ranked over %(n)s period", "ranked over %(n)s periods"),
    # what a cell mainly does (network.communities)
    "cell.commodity": Np_("%(commodity)s (%(n)s member in seizures)",
                          "%(commodity)s (%(n)s members in seizures)"),
    "cell.topic": Np_("%(topic)s (%(n)s member)", "%(topic)s (%(n)s members)"),
    "cell.ties": N_("ties mostly %(link)s (%(count)s)"),
    "cell.isolated": N_("isolated"),
    "cell.unknown": N_("unknown"),
}

#: code list -> code -> English label
LABELS: dict[str, dict[str, str]] = {
    "request_type": {
        "rfi": N_("request for information"),
        "mla": N_("mutual legal assistance / letter rogatory"),
        "eio": N_("European Investigation Order"), "eaw": N_("European Arrest Warrant"),
        "extradition": N_("extradition"), "freezing": N_("freezing or confiscation of assets"),
        "diffusion": N_("Interpol diffusion"),
    },
    "legal_basis": {
        "untoc-18": N_("UN Convention against Transnational Organized Crime (2000), art. 18"),
        "un1988-7": N_("UN Convention against Illicit Traffic in Narcotic Drugs and "
                       "Psychotropic Substances (1988), art. 7"),
        "bilateral": N_("bilateral treaty"),
        "dir-2014-41": N_("Directive 2014/41/EU (European Investigation Order)"),
        "fd-2002-584": N_("Framework Decision 2002/584/JHA (European Arrest Warrant)"),
        "national": N_("national law"),
    },
    "clock": {
        "recognition": N_("decision on recognition"), "execution": N_("execution"),
        "surrender_decision": N_("decision on surrender"), "deadline": N_("deadline"),
    },
    "clock_rule": {
        "eio.recognition": N_("Directive 2014/41/EU art. 12(3): 30 days from receipt"),
        "eio.recognition.extended": N_("Directive 2014/41/EU art. 12(3): 30 days from receipt, "
                                       "extended once by 30 days (art. 12(5))"),
        "eio.execution": N_("Directive 2014/41/EU art. 12(4): 90 days from recognition"),
        "eaw.consent": N_("Framework Decision 2002/584/JHA art. 17(2): 10 days from consent"),
        "eaw.arrest": N_("Framework Decision 2002/584/JHA art. 17(3): 60 days from arrest"),
        "eaw.arrest.extended": N_("Framework Decision 2002/584/JHA art. 17(3): 60 days from "
                                  "arrest, extended by 30 days (art. 17(4))"),
        "deadline": N_("deadline set by the requester"),
    },
    "clock_status": {
        "running": N_("running"), "overdue": N_("overdue"), "met": N_("met"),
        "missed": N_("missed"),
    },
    "state": {
        "draft": N_("draft"), "sent": N_("sent"), "received": N_("received"),
        "accepted": N_("accepted"), "in_execution": N_("in execution"),
        "executed": N_("executed"), "partly_executed": N_("partly executed"),
        "refused": N_("refused"), "withdrawn": N_("withdrawn"), "open": N_("open"),
        "closed": N_("closed"), "published": N_("published"), "cancelled": N_("cancelled"),
    },
    "alert_status": {
        "new": N_("new"), "confirmed": N_("confirmed"), "dismissed": N_("dismissed"),
        "closed": N_("closed"),
    },
    "step": {
        "create": N_("draft"), "send": N_("send"), "receive": N_("acknowledge receipt"),
        "accept": N_("accept"), "start": N_("start execution"), "execute": N_("execute"),
        "execute_partly": N_("execute in part"), "refuse": N_("refuse"),
        "withdraw": N_("withdraw"), "extend": N_("extension"), "arrest": N_("arrest"),
        "consent": N_("consent"),
    },
    "side": {"requesting": N_("requesting"), "requested": N_("requested")},
    "notice_type": {
        "red": N_("red notice"), "yellow": N_("yellow notice"), "blue": N_("blue notice"),
        "green": N_("green notice"), "orange": N_("orange notice"),
        "purple": N_("purple notice"), "black": N_("black notice"),
        "un": N_("INTERPOL-United Nations special notice"), "diffusion": N_("diffusion"),
    },
    "urgency": {"normal": N_("normal"), "urgent": N_("urgent"), "immediate": N_("immediate")},
    "audit_action": {
        "collection": N_("collection"), "alteration": N_("alteration"),
        "erasure": N_("erasure"), "consultation": N_("consultation"), "search": N_("search"),
        "grant": N_("grant"), "revocation": N_("revocation"), "refusal": N_("refusal"),
        "screening": N_("screening"), "alert": N_("alert"), "analysis": N_("analysis"),
        "request": N_("request"), "token": N_("session"), "user": N_("user"),
        "agency": N_("agency"), "group": N_("sharing group"), "judgement": N_("judgement"),
        "retraction": N_("retraction"), "resolution": N_("entity resolution"),
        "result": N_("operation result"), "operation": N_("operation"),
        "notice": N_("notice"), "disclosure": N_("disclosure"), "export": N_("export"),
    },
    "result_kind": {
        "arrest": N_("arrest"), "seizure": N_("seizure"), "asset_freeze": N_("asset freezing"),
        "organisation_identified": N_("organised crime group identified"),
        "organisation_dismantled": N_("organised crime group dismantled"),
        "investigation_opened": N_("investigation opened"),
    },
    "asset_kind": {
        "bank_account": N_("bank account"), "cash": N_("cash"), "real_estate": N_("real estate"),
        "vehicle": N_("vehicle"), "vessel": N_("vessel"), "company": N_("company"),
        "crypto": N_("crypto-assets"), "other": N_("other"),
    },
    "unit": {
        "kg": N_("kg"), "g": N_("g"), "t": N_("t"), "l": N_("l"), "ml": N_("ml"),
        "units": N_("units"), "tablets": N_("tablets"), "plants": N_("plants"),
        "doses": N_("doses"), "people": N_("people"),
    },
    "gender": {"male": N_("male"), "female": N_("female"), "other": N_("other")},
    "commodity": {
        "cocaine": N_("cocaine"), "cannabis_resin": N_("cannabis resin"),
        "cannabis_herb": N_("cannabis herb"), "heroin": N_("heroin"), "opium": N_("opium"),
        "captagon": N_("captagon"), "amphetamine": N_("amphetamine"),
        "methamphetamine": N_("methamphetamine"), "mdma": N_("MDMA (ecstasy)"),
        "ketamine": N_("ketamine"), "fentanyl": N_("fentanyl"), "tramadol": N_("tramadol"),
        "khat": N_("khat"), "precursors": N_("drug precursors"),
        "synthetic_cannabinoids": N_("synthetic cannabinoids"),
        "cigarettes": N_("cigarettes"), "firearms": N_("firearms"), "cash": N_("cash"),
        "people": N_("people"), "other": N_("other"),
    },
    "purpose": {
        "drug_trafficking": N_("drug trafficking"),
        "human_trafficking": N_("trafficking in human beings"),
        "migrant_smuggling": N_("migrant smuggling"),
        "money_laundering": N_("money laundering"), "terrorism": N_("terrorism"),
        "organised_crime": N_("organised crime"), "other": N_("other"),
    },
    "field": {
        "quantity": N_("the quantity"), "value": N_("the value"), "amount": N_("the amount"),
        "country": N_("the country"), "commodity": N_("the commodity"), "unit": N_("the unit"),
        "currency": N_("the currency"), "person": N_("the person"),
        "organisation": N_("the organised crime group"), "reference": N_("the reference"),
        "asset_kind": N_("the kind of asset"), "name": N_("the name"), "file": N_("the file"),
    },
    "link": {
        "family": N_("family"), "associate": N_("associate"), "membership": N_("membership"),
        "ownership": N_("ownership"), "directorship": N_("directorship"),
        "employment": N_("employment"), "link": N_("link"), "call": N_("call"),
        "payment": N_("payment"), "holds": N_("holds account"),
        "shared_id": N_("same identity document"), "shared_phone": N_("same phone"),
        "shared_address": N_("same address"), "co_involved": N_("involved together"),
    },
    "match_field": {
        "name": N_("name"), "first_name": N_("first name"), "last_name": N_("last name"),
        "birth_date": N_("date of birth"), "gender": N_("gender"),
        "nationality": N_("nationality"), "address": N_("address"), "city": N_("city"),
        "postcode": N_("postcode"), "country": N_("country"), "id_number": N_("id number"),
        "phone": N_("phone"), "email": N_("e-mail"), "iban": N_("IBAN"),
        "name frequency": N_("how rare the name is"),
    },
    "match_level": {
        "missing": N_("missing on one side"), "different": N_("different"),
        "similar (JW>=0.7)": N_("similar"), "similar (>=0.75)": N_("similar"),
        "similar (bigrams >= 0.6)": N_("similar"),
        "close (JW>=0.88 or same coarse key)": N_("close"), "close (>=0.88)": N_("close"),
        "close (bigrams >= 0.85)": N_("close"), "close (bigrams >= 0.7)": N_("close"),
        "very close (JW>=0.92 or same sound key)": N_("very close (same sound)"),
        "same spelling": N_("same spelling"), "same (>=0.95)": N_("same"), "same": N_("same"),
        "same year": N_("same year"),
        "one typo or day/month swapped": N_("one typo or day and month swapped"),
        "one typo": N_("one typo"), "rare or common name": N_("rare or common name"),
    },
}

#: parameter name -> the code list its value belongs to
PARAM_KINDS = {
    "type": "request_type", "instrument": "request_type", "basis": "legal_basis",
    "required": "legal_basis", "clock": "clock", "state": "state", "states": "state",
    "action": "step", "last": "step", "side": "side", "unit": "unit", "commodity": "commodity",
    "purpose": "purpose", "input": "field", "fields": "field", "kind": "result_kind",
    "country": "country", "gender": "gender", "link": "link", "links": "link",
    "topic": "topic", "notice_type": "notice_type",
}


@dataclass(frozen=True)
class Message:
    """A code and its parameters: what a service says, before anyone reads it."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self, lang: str = SOURCE) -> dict[str, Any]:
        """The JSON form the API returns: the code, the raw parameters and the text."""
        return {"code": self.code, "params": dict(self.params),
                "message": render(self.code, self.params, lang)}


class Said(str):
    """A service's sentence in English (what logs, the command line's default and scripts
    read) that keeps its `Message`, so a page or a `--lang` renders it in the reader's
    language. For reports that are lists of sentences (the audit log's problems), where
    callers and tests read plain strings."""

    message: Message


def said(code: str, **params: Any) -> Said:
    text = Said(render(code, params, SOURCE))
    text.message = Message(code, params)
    return text


def say(text: str, lang: str) -> str:
    """A sentence in `lang`: a `Said` through its code, anything else as written."""
    message = getattr(text, "message", None)
    return render(message.code, message.params, lang, fallback=text) if message else text


def compile_po(po: Path, lang: str, domain: str | None = None) -> gettext.NullTranslations:
    """A gettext catalogue compiled in memory from the `.po` a translator edits (Babel cannot
    load a .po as translations directly), so no `.mo` is built or committed; a missing file
    gives the source strings. The one way the services, the web and the reports load theirs."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    if not po.exists():
        return gettext.NullTranslations()
    with po.open("rb") as f:
        cat = read_po(f, locale=lang, domain=domain)
    buf = BytesIO()
    write_mo(buf, cat)  # fuzzy entries are left out, as msgfmt does
    buf.seek(0)
    return gettext.GNUTranslations(buf)


@cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of a language (English: the source strings themselves)."""
    if lang == SOURCE:
        return gettext.NullTranslations()
    return compile_po(LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po", lang)


def language(lang: str | None) -> str:
    """One of our languages for a tag ("fr-CA", "ar_MA", None: English)."""
    if not lang:
        return SOURCE
    code = lang.replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else SOURCE


def negotiate(accept_language: str | None, offered: Iterable[str] = LANGUAGES) -> str:
    """The best of our languages for an Accept-Language header (the API's, the web's)."""
    from babel import Locale

    if not accept_language:
        return SOURCE
    wanted = [p.split(";")[0].strip().replace("-", "_") for p in accept_language.split(",")]
    found = Locale.negotiate([w for w in wanted if w and w != "*"], list(offered), sep="_")
    return str(found.language) if found else SOURCE


def label(kind: str, code: Any, lang: str = SOURCE) -> str:
    """A code of a code list as its label in `lang`; an unknown code as it is."""
    text = "" if code is None else str(getattr(code, "value", code))
    if kind == "commodity" and text not in LABELS["commodity"]:
        from interlink.core.codes import commodity_code

        # a commodity as a partner wrote it ("cannabis resin", "hachís") read to its code
        text = commodity_code(text, strict=False)
    if kind == "country":
        return country_name(text, lang)
    if kind == "topic":
        return topic_name(text, lang)
    english = LABELS.get(kind, {}).get(text)
    if english is None:
        return text
    return catalogue(language(lang)).gettext(english)


def country_name(code: str, lang: str = SOURCE) -> str:
    """An ISO 3166 code as the country's name in `lang` (CLDR, through Babel)."""
    from babel import Locale

    if not code:
        return ""
    return Locale.parse(language(lang)).territories.get(code.upper(), code.upper())


def topic_name(code: str, lang: str = SOURCE) -> str:
    """A FtM topic ("crime.fin") as its label, in `lang` where FollowTheMoney translates it."""
    from followthemoney.types import registry

    found = registry.topic.names.get(code)
    return ftm_label(str(found), lang) if found else code


def ftm_label(english: str, lang: str = SOURCE) -> str:
    """A FollowTheMoney label (schema, property, topic) in `lang`: FtM's own catalogue first;
    where it leaves the label in English (its Arabic lacks "Bank account" and "Shell company",
    none of its languages knows our Seizure), ours (LABELS["ftm"])."""
    code = language(lang)
    text = _ftm_catalogue(code).gettext(english)
    if text == english and code != SOURCE:
        return label("ftm", english, code)
    return text


@cache
def _ftm_catalogue(lang: str) -> gettext.NullTranslations:
    """FollowTheMoney's own catalogue (its labels and topics), shipped with it."""
    import followthemoney

    directory = Path(str(followthemoney.__file__)).parent / "translations"
    return gettext.translation("followthemoney", directory, languages=[lang], fallback=True)


def number(value: float | int, lang: str = SOURCE, digits: int | None = None) -> str:
    from babel.numbers import format_decimal

    if digits is None:
        return format_decimal(value, locale=language(lang))
    fmt = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=fmt, locale=language(lang))


#: parameters that list alternatives ("one of: a, b or c"); other lists are joined with "and"
_ALTERNATIVES = frozenset({"allowed", "candidates", "states"})


def _join(items: list[str], lang: str, style: str = "standard") -> str:
    from babel.lists import format_list

    return format_list(items, style=style, locale=language(lang)) if items else ""  # type: ignore[arg-type]


def render_params(params: Mapping[str, Any], lang: str,
                  raw: Callable[[str], Any] = str) -> dict[str, Any]:
    """Each parameter as the reader should see it; `raw` wraps values shown as typed (the web
    isolates them in <bdi> so a "+34..." number or a Latin id keeps its order in Arabic)."""
    out: dict[str, Any] = {}
    for name, value in params.items():
        kind = PARAM_KINDS.get(name)  # "allowed", "candidates": codes to type, shown as is
        values = value if isinstance(value, list | tuple | set | frozenset) else None
        if isinstance(value, Mapping):  # {code: count}: "3 call, 2 payment" in the reader's words
            out[name] = _join([f"{number(c, lang)} {label(kind, k, lang) if kind else k}"
                               for k, c in value.items()], lang)
        elif values is not None:
            shown = [label(kind, v, lang) if kind else str(v) for v in values]
            joined = _join(shown, lang, "or" if name in _ALTERNATIVES else "standard")
            out[name] = joined if kind else raw(joined)
        elif kind:
            out[name] = label(kind, value, lang)
        elif isinstance(value, bool):
            out[name] = raw(str(value))
        elif isinstance(value, int | float):
            out[name] = number(value, lang)
        elif isinstance(value, datetime | date):
            from babel.dates import format_date, format_datetime

            out[name] = (format_datetime(value, "medium", locale=language(lang))
                         if isinstance(value, datetime)
                         else format_date(value, "medium", locale=language(lang)))
        else:
            out[name] = raw("" if value is None else str(value))
    return out


def template(code: str, params: Mapping[str, Any], lang: str) -> str | None:
    """The translated text of a code, before its parameters go in (None: unknown code)."""
    english = MESSAGES.get(code)
    if english is None:
        return None
    cat = catalogue(language(lang))
    if isinstance(english, tuple):
        count = params.get("n", 1)
        return cat.ngettext(english[0], english[1], int(count) if count is not None else 1)
    return cat.gettext(english)


def render(code: str, params: Mapping[str, Any] | None = None, lang: str = SOURCE,
           fallback: str | None = None) -> str:
    """The message `code` with `params`, in `lang`, as plain text (the CLI, the API).

    An unknown code gives `fallback` (the English text a service wrote, if it has one) or the
    code itself, never an exception: a reader always gets something to read."""
    params = params or {}
    text = template(code, params, lang)
    if text is None:
        return fallback if fallback is not None else code
    try:
        return text % render_params(params, lang)
    except (KeyError, ValueError, TypeError):
        return fallback if fallback is not None else text


def render_error(exc: BaseException, lang: str = SOURCE) -> str:
    """A domain error in `lang`: its code and parameters through the catalogue, else its own
    (English) message."""
    code = getattr(exc, "code", None)
    params = getattr(exc, "params", None) or {}
    own = str(exc)
    if code in MESSAGES and (params or code not in OWN_WORDS):
        return render(code, params, lang, fallback=own)
    return own  # not yet a code: the service's English words (see the report of issue 15)


#: generic codes whose error's own message says more than the generic sentence
OWN_WORDS = frozenset({"invalid_input", "error", "conflict", "forbidden"})


def error(cls: type[Exception], code: str, field: str | None = None, **params: Any
          ) -> Exception:
    """A domain error (`InvalidInput`, `Conflict`...) with its code, parameters and the English
    text as its message (what logs and older callers read)."""
    return cls(render(code, params, SOURCE), field, code=code, **params)  # type: ignore[call-arg]


def invalid(code: str, field: str | None = None, **params: Any) -> Exception:
    from interlink.core.errors import InvalidInput

    return error(InvalidInput, code, field, **params)


# -- the analyst's day (issue 15): editing drafts, clock events from the web, delivery of the
# inbox by e-mail or webhook (appended here; see the report of issue 15)
MESSAGES.update({
    "request.not_editable": N_("%(value)s cannot be changed on a draft (only: %(allowed)s)"),
    "request.future_time": N_("%(value)s is still to come: a step is recorded once it has "
                              "happened"),
    "notify.subject": Np_("Interlink: %(n)s new item for %(agency)s",
                          "Interlink: %(n)s new items for %(agency)s"),
    "notify.intro": N_("What waits for %(agency)s in Interlink since the last message:"),
    "notify.footer": N_("Sent by Interlink because your agency asked for it. The links open "
                        "once you are signed in; no record's content is in this message."),
    "notify.off": N_("delivery is off: no e-mail or webhook is named "
                     "(INTERLINK_NOTIFY_EMAIL, INTERLINK_NOTIFY_WEBHOOK)"),
    "notify.bad_setting": N_("%(value)s in %(setting)s: write AGENCY=VALUE;AGENCY=VALUE"),
    "notify.bad_address": N_("%(value)s is not an e-mail address (recipients of %(agency)s)"),
    "notify.webhook_scheme": N_("the webhook %(url)s of %(agency)s must use https (plain "
                                "http only to this machine)"),
    "notify.sent": Np_("%(agency)s, %(channel)s: %(n)s new item sent",
                       "%(agency)s, %(channel)s: %(n)s new items sent"),
    "notify.would_send": Np_("%(agency)s, %(channel)s: %(n)s new item to send",
                             "%(agency)s, %(channel)s: %(n)s new items to send"),
    "notify.failed": N_("%(agency)s, %(channel)s: not sent (%(reason)s); tried again next "
                        "round"),
})
LABELS["step"]["edit"] = N_("edit the draft")
LABELS["inbox_kind"] = {
    "overdue": N_("Overdue"), "request": N_("Requests waiting for you"),
    "answer": N_("Answers to your requests"), "invitation": N_("Invitations to operations"),
    "notice": N_("Notices published to you"), "alert": N_("New alerts"),
    "due": N_("Deadlines coming"),
}
LABELS["notify_channel"] = {"email": N_("e-mail"), "webhook": N_("webhook")}
LABELS["audit_action"]["notification"] = N_("notification sent")
PARAM_KINDS["section"] = "inbox_kind"
PARAM_KINDS["channel"] = "notify_channel"
# --- issue 15, language and form (helper `lang`): explanations as codes, and the refusals of
# operations, notices, watchlists, resolution inputs, edge and cluster files. Appended, as every
# helper appends here; `MESSAGES`, `PARAM_KINDS` and `render_params` are extended, not rewritten.

MESSAGES.update({
    # a name comparison and the screening evidence (`names.explanation` reads them into codes)
    "name.score": N_("name %(score)s:"),
    "name.separator": N_("; "),
    "name.part": N_("%(left)s matches %(right)s: %(how)s"),
    "name.same_spelling": N_("same spelling"),
    "name.initial": N_("initial %(letter)s."),
    "name.same_sound_key": N_("same sound key %(key)s"),
    "name.same_consonants": N_("same consonants %(key)s"),
    "name.same_coarse_key": N_("same coarse key %(key)s"),
    "name.similar_consonants": N_("similar consonants %(key)s~%(other_key)s"),
    "name.similar_spelling": N_("similar spelling (%(similarity)s)"),
    "name.joined": N_("written as one word: %(words)s"),
    "name.in_part": N_("in part"),
    "name.long_vowels_differ": N_("the long vowels differ"),
    "name.semivowels_missing": N_("a w or y the Arabic does not write"),
    "name.semivowels_other": N_("a w or y the other spelling does not write"),
    "name.nisba_differs": N_("only one ends in -i"),
    "name.vowels_differ": N_("the vowels differ"),
    "name.other_known_name": N_("two names the name dictionary writes differently"),
    "name.without_article": N_("without the article %(word)s"),
    "name.without_particle": N_("without the particle %(word)s"),
    "name.without_patronymic": N_("without the patronymic %(word)s"),
    "name.without_kunya": N_("without the kunya %(word)s"),
    "name.without_prefix": N_("without the prefix"),
    "name.without_abd": N_("without the Abd- compound"),
    "name.without_din": N_("without the -ad-Din compound"),
    "name.different": N_("different: %(names)s"),
    "name.not_in_other": N_("not in the other name: %(names)s"),
    "name.no_part": N_("no part of %(left)s matches %(right)s"),
    "name.empty": N_("empty name"),
    "name.notice": N_("%(notice_type)s %(id)s"),
    "name.hit_held": N_("a hit: held by %(agency)s, reference %(id)s"),
    "evidence.same_document": N_("same document number %(number)s"),
    "evidence.same_imo": N_("same IMO number %(number)s"),
    "evidence.dob_one_year": N_("birth years one apart (%(date)s / %(other_date)s)"),
    "evidence.dob_other_year": N_("different birth years (%(date)s / %(other_date)s)"),
    "evidence.same_dob": N_("same date of birth %(date)s"),
    "evidence.dob_swapped": N_("dates of birth %(date)s / %(other_date)s: day and month "
                               "swapped"),
    "evidence.same_month_other_day": N_("same month of birth %(date)s, different day"),
    "evidence.same_year_other_date": N_("same year of birth, different date (%(date)s / "
                                        "%(other_date)s)"),
    "evidence.same_month": N_("same month of birth %(date)s"),
    "evidence.same_year_other_month": N_("same year of birth, different month (%(date)s / "
                                         "%(other_date)s)"),
    "evidence.same_year": N_("same year of birth %(date)s"),
    "evidence.same_nationality": N_("same nationality: %(countries)s"),
    "evidence.other_nationality": N_("different nationalities (%(countries)s / "
                                     "%(other_countries)s)"),
    "evidence.other_gender": N_("different genders (%(gender)s / %(other_gender)s)"),
    # files read by screening, resolution and network analysis (the file's name, never its path)
    "file.empty_expected": N_("%(file)s: empty file (expected a header with the columns "
                              "%(columns)s)"),
    "file.row_fields": N_("%(file)s: row %(row)s: expected %(expected)s fields, found "
                          "%(found)s"),
    "file.line_fields": Np_("%(file)s: line %(line)s: %(n)s field, expected %(expected)s "
                            "(%(columns)s)",
                            "%(file)s: line %(line)s: %(n)s fields, expected %(expected)s "
                            "(%(columns)s)"),
    "file.row_csv": N_("%(file)s: row %(row)s: not readable as CSV"),
    "file.row_empty": N_("%(file)s: row %(row)s [%(column)s]: empty %(column)s"),
    "file.line_empty": N_("%(file)s: line %(line)s: empty %(column)s"),
    "file.row_schema": N_("%(file)s: row %(row)s: unknown schema %(value)s (one of: "
                          "%(allowed)s)"),
    "file.row_cause": N_("%(file)s: row %(row)s [%(column)s]: %(cause)s"),
    "file.where_cause": N_("%(file)s: %(where)s: %(cause)s"),
    "file.invalid_json": N_("%(file)s: line %(line)s: invalid JSON (column %(column)s)"),
    "file.not_ftm": N_("%(file)s: line %(line)s: not an FtM entity (no schema)"),
    "file.json_unknown": N_("%(file)s: the JSON is neither Interpol notices nor one FtM "
                            "entity per line"),
    "file.unknown_format": N_("%(file)s: unknown watchlist format %(value)s (use .csv, FtM "
                              ".json/.jsonl, Interpol notices .json, or store:NAME)"),
    "file.not_csv": N_("%(file)s: not a readable CSV file"),
    "file.no_id_column": N_("%(file)s: no id column (columns: %(columns)s)"),
    "file.no_compare_column": N_("%(file)s: no column to compare; expected any of "
                                 "%(allowed)s"),
    "file.duplicate_id": N_("%(file)s: row %(row)s: duplicate id %(id)s"),
    "file.not_number": N_("%(file)s: line %(line)s: %(column)s %(value)s is not a number"),
    "file.not_positive": N_("%(file)s: line %(line)s: %(column)s must be a positive number, "
                            "not %(value)s"),
    "file.no_edges": N_("%(file)s: no edges"),
    "file.cluster_columns": N_("%(file)s: line 1: expected the columns id,cluster_id (the "
                               "output of `interlink resolve`)"),
    "file.two_clusters": N_("%(file)s: line %(line)s: %(id)s is in two clusters (%(cluster)s "
                            "and %(other)s)"),
    "resolve.no_input": N_("at least one --input file is needed"),
    "resolve.purpose_required": N_("resolution needs a declared purpose"),
    "screen.store_needed": N_("a store watchlist needs a store (--store or INTERLINK_STORE)"),
    "screen.list_needed": N_("a store watchlist needs a list name: store:all, store:AGENCY or "
                             "store:SOURCE"),
    "screen.list_empty": N_("store list %(value)s has no Person, Company or Vessel records: "
                            "use store:all, store:AGENCY (an agency code) or store:SOURCE (the "
                            "file an ingest read, e.g. store:notices.json)"),
    # operations (`cooperation.operations`)
    "operation.by_agency": N_("operations are run by agencies: act as one (--agency)"),
    "operation.name_required": N_("an operation has a name"),
    "operation.purpose_required": N_("an operation declares at least one purpose"),
    "operation.ends_before": N_("the operation ends (%(end)s) before it starts (%(start)s)"),
    "operation.closed": N_("operation %(name)s is closed"),
    "operation.lead_invites": N_("only the lead agency %(agency)s invites partners"),
    "operation.already_member": N_("%(agency)s is already a member of operation %(name)s"),
    "operation.left": N_("%(agency)s left operation %(name)s; the lead must invite it again"),
    "operation.lead_stays": N_("the lead agency does not leave its operation: close it"),
    "operation.not_member": N_("%(agency)s is not a member of operation %(name)s"),
    "operation.lead_closes": N_("only the lead agency %(agency)s closes operation %(name)s"),
    "operation.join_to_share": N_("%(agency)s must join operation %(name)s before sharing "
                                  "into it"),
    "operation.purposes_only": N_("operation %(name)s runs for %(purposes)s only"),
    "operation.join_to_target": N_("%(agency)s must join operation %(name)s before "
                                   "targeting"),
    "operation.already_target": N_("%(id)s is already a target of %(agency)s in %(name)s"),
    "operation.not_target": N_("%(id)s is not a target of %(agency)s in this operation"),
    "operation.task_description": N_("a task says what to do"),
    "operation.lead_assigns": N_("only the lead agency %(agency)s assigns tasks"),
    "operation.no_task": N_("no task %(id)s of %(agency)s in operation %(name)s"),
    # notices (`cooperation.notices`)
    "notice.by_agency": N_("a notice is issued by an agency (a national central bureau)"),
    "notice.unknown_type": N_("unknown notice type %(value)s (one of: %(allowed)s)"),
    "notice.not_own_record": N_("no record %(id)s of %(agency)s: a notice is issued on the "
                                "issuer's own record of the person"),
    "notice.purpose": N_("record %(id)s was not collected for %(purpose)s"),
    "notice.tlp_red": N_("record %(id)s is TLP:RED: it cannot be published to agencies"),
    "notice.no_name": N_("record %(id)s has no name to screen on"),
    "notice.already_ended": N_("notice %(id)s is already %(state)s"),
    "notice.import_by_agency": N_("notices are imported by an agency"),
})

PARAM_KINDS.update({
    "countries": "country", "other_countries": "country", "other_gender": "gender",
    "purposes": "purpose",
})


def join(items: list[str], lang: str = SOURCE) -> str:
    """Items joined the locale's way ("a, b et c"): explanations list how two names met."""
    return _join(items, lang)


def cause(exc: BaseException) -> dict[str, Any]:
    """A domain error as a `cause` parameter of another message (a row's refusal inside a
    file's: "f.csv: row 3 [name]: <cause>"), so the inner message is translated too."""
    return {"code": getattr(exc, "code", "error"),
            "params": dict(getattr(exc, "params", None) or {}),
            "message": str(getattr(exc, "message", exc))}


_render_params_flat = render_params


def render_params(params: Mapping[str, Any], lang: str,  # type: ignore[no-redef]
                  raw: Callable[[str], Any] = str) -> dict[str, Any]:
    """`render_params`, and a parameter that is itself a message (`cause`) rendered in `lang`
    (its own fallback: the English words of an error that has no code yet)."""
    nested = {k: v for k, v in params.items()
              if isinstance(v, Mapping) and "code" in v and "params" in v}
    out = _render_params_flat({k: v for k, v in params.items() if k not in nested}, lang, raw)
    for name, value in nested.items():
        code, inner = value["code"], value["params"]
        if code in OWN_WORDS and not inner:
            out[name] = raw(str(value.get("message", code)))
        else:
            out[name] = render(code, inner, lang, fallback=value.get("message"))
    return out

# comparison levels the resolver writes that had no label (the review page showed them in English)
LABELS["match_level"].update({
    "rare name": N_("rare name"), "common name": N_("common name"),
    "a typing error (one digit, day/month swapped, one day off)": N_(
        "a typing error (one digit, day and month swapped, one day off)"),
})

# the command line's summary lines of network analysis (`interlink network ...`, --lang)
MESSAGES.update({
    "cli.actor_line": N_("%(rank)s. %(label)s [%(id)s] %(role)s %(score)s: %(reasons)s"),
    "cli.communities": Np_("%(n)s community (%(shown)s of two or more) by %(algorithm)s, "
                           "modularity %(modularity)s",
                           "%(n)s communities (%(shown)s of two or more) by %(algorithm)s, "
                           "modularity %(modularity)s"),
    "cli.community_line": Np_("C%(cell)s: %(n)s member, key actor %(label)s [%(id)s], "
                              "activity: %(activity)s",
                              "C%(cell)s: %(n)s members, key actor %(label)s [%(id)s], "
                              "activity: %(activity)s"),
    "cli.more": N_("... and %(n)s more"),
})
LABELS["actor_role"] = {"broker": N_("broker"), "leader": N_("leader"),
                        "financier": N_("financier"), "hub": N_("hub"),
                        "central": N_("central figure")}
PARAM_KINDS.update({"role": "actor_role"})

# refusals of the web pages and of the gate (`access`), said in the reader's language
MESSAGES.update({
    "form.verdict": N_("choose same, different or unsure"),
    "form.grant_or_refuse": N_("choose to grant or to refuse"),
    "form.name_or_file": N_("type a name or choose a file"),
    "form.too_many_names": N_("at most %(n)s names at a time"),
    "form.not_utf8": N_("the file is not UTF-8 text (byte %(offset)s)"),
    "access.purpose_search": N_("a search must declare a purpose"),
    "access.purpose_screening": N_("screening must declare a purpose"),
    "access.purpose_analysis": N_("an analysis must declare a purpose"),
    "access.nothing_to_screen": N_("nothing to screen"),
    "access.unknown_export": N_("unknown export format %(value)s (one of: %(allowed)s)"),
    "judgement.verdict": N_("the verdict is one of %(allowed)s, not %(value)s"),
    "judgement.two_records": N_("a judgement needs two record ids"),
    "judgement.itself": N_("a record cannot be judged against itself"),
    "judgement.unknown": N_("no judgement %(id)s of your agency"),
    "judgement.retracted": N_("judgement %(id)s was already retracted"),
})

# -- refusals: ingest, records, the store, screening, resolution and export (issue 15)
MESSAGES.update({
    "agency.code_country": N_("agency code %(agency)s does not start with its country "
                              "%(prefix)s"),
    "purpose.unknown": N_("unknown purpose %(value)s (allowed: %(allowed)s)"),
    "date.invalid_datetime": N_("invalid date-time %(value)s (use ISO 8601, years 1 to "
                                "9999)"),
    "date.bad_offset": N_("%(value)s: UTC offset %(offset)s is not a real one"),
    "date.past_9999": N_("%(value)s is past the year 9999 in UTC"),
    "date.invalid": N_("invalid date %(value)s (use ISO 8601, YYYY-MM-DD, years 1 to "
                       "9999)"),
    "envelope.no_purpose": N_("an envelope needs at least one purpose"),
    "envelope.h3_conditions": N_("handling code H3 needs its conditions in free text"),
    "envelope.unknown_fields": N_("unknown envelope field(s): %(names)s"),
    "envelope.no_owner": N_("envelope has no owner"),
    "envelope.purposes_list": N_("envelope purposes must be a list"),
    "record.no_id": N_("entity has no id"),
    "record.id_too_long": N_("id is %(length)s characters long; at most %(max)s"),
    "record.id_control": N_("id %(value)s holds the control character %(char)s"),
    "file.bad_name": N_("%(value)s is not a file name"),
    "quantity.not_number": N_("%(name)s must be a number, not %(value)s"),
    "quantity.not_finite": N_("%(name)s must be a finite number"),
    "quantity.negative": N_("%(name)s cannot be negative"),
    "quantity.too_large": N_("%(name)s %(value)s is larger than any real one (%(max)s)"),
    "record.unknown_schema": N_("unknown schema %(value)s"),
    "record.abstract_schema": N_("schema %(schema)s is abstract; use a concrete one"),
    "record.properties_object": N_("properties must be an object"),
    "record.unknown_property": N_("unknown property %(value)s for schema %(schema)s"),
    "record.property_list": N_("property %(value)s must be a list of values"),
    "record.invalid_value": N_("invalid %(datatype)s %(value)s for %(property)s"),
    "record.property_reason": N_("%(property)s: %(reason)s"),
    "record.missing_required": N_("missing required field %(value)s for %(schema)s"),
    "file.row_reason": N_("%(file)s: row %(row)s: %(reason)s"),
    "csv.empty": N_("%(file)s: empty file"),
    "csv.empty_expected": N_("%(file)s: empty file (expected %(expected)s)"),
    "csv.missing_columns": N_("%(file)s: row 1: missing column(s) %(columns)s, got "
                              "%(header)s"),
    "csv.missing_columns_expected": N_("%(file)s: row 1: missing column(s) %(columns)s "
                                       "(expected %(expected)s), got %(header)s"),
    "csv.unknown_columns": N_("%(file)s: row 1: unknown column(s) %(columns)s (known: "
                              "%(known)s)"),
    "csv.duplicate_columns": N_("%(file)s: row 1: duplicate column names"),
    "code.unknown": N_("unknown %(what)s %(value)s (allowed: %(allowed)s)"),
    "code.unknown_handling": N_("unknown handling code %(value)s (allowed: %(allowed)s)"),
    "code.unknown_tlp": N_("unknown TLP level %(value)s (allowed: %(allowed)s)"),
    "code.unknown_source_grade": N_("unknown source grade %(value)s (allowed: "
                                    "%(allowed)s)"),
    "code.unknown_information_grade": N_("unknown information grade %(value)s (allowed: "
                                         "%(allowed)s)"),
    "agency.invalid_code": N_("invalid agency code %(value)s: expected COUNTRY-UNIT such "
                              "as MA-DGSN or FR-OFAST"),
    "file.no_directory": N_("%(file)s: directory %(directory)s does not exist"),
    "date.years_past_9999": N_("%(value)s plus %(years)s years is past the year 9999"),
    "record.envelope_object": N_("envelope must be an object"),
    "record.no_envelope": N_("record has no envelope"),
    "store.missing": N_("no store at %(path)s: run `interlink init` first (or pass "
                        "--store)"),
    "store.cannot_open": N_("cannot open store %(url)s: %(reason)s"),
    "store.out_of_date": N_("store %(url)s is not initialised or is out of date (schema "
                            "%(current)s, expected %(head)s): run `interlink init`"),
    "store.concurrent_write": N_("someone else changed the same thing at the same moment;"
                                 " try again"),
    "store.busy": N_("the store is busy with another write (an ingest or an import holds "
                     "it); try again in a moment"),
    "agency.exists": N_("agency %(agency)s already exists"),
    "agency.unknown": N_("unknown agency %(value)s (known: %(known)s); add it first with "
                         "%(command)s"),
    "agency.unknown_none": N_("unknown agency %(value)s (known: none yet); add it first "
                              "with %(command)s"),
    "store.duplicate_in_batch": N_("a batch holds the same record id twice; merge "
                                   "fragments first"),
    "store.unknown_owner": N_("record %(id)s: unknown owner agency %(agency)s"),
    "store.id_taken": N_("record id %(id)s is already taken; nothing was written"),
    "store.extension_reason": N_("an extension needs a reason"),
    "store.not_yours": N_("no record %(id)s of yours"),
    "store.review_not_future": N_("review-by %(date)s is not in the future"),
    "store.erasure_reason": N_("an erasure needs a reason"),
    "store.nothing_to_erase": N_("no record %(id)s to erase"),
    "store.erase_owner": N_("record %(id)s is held by %(agency)s; only it may erase"),
    "judgement.joined": N_("%(left)s and %(right)s are joined by other 'same' judgements;"
                           " retract one of them first"),
    "judgement.kept_apart": N_("%(left)s and %(right)s are kept apart by a 'different' "
                               "judgement; retract it first"),
    "alert.decision": N_("decision must be one of %(allowed)s"),
    "alert.unknown": N_("no alert %(id)s of your agency"),
    "alert.already": N_("alert %(id)s was already %(alert_status)s"),
    "screen.bad_birth_date": N_("invalid birth date %(value)s (use YYYY-MM-DD, YYYY-MM or"
                                " YYYY)"),
    "screen.bad_birth_month": N_("invalid birth date %(value)s: month %(month)s"),
    "screen.bad_birth_day": N_("invalid birth date %(value)s: day %(day)s"),
    "screen.unknown_nationality": N_("unknown nationality %(value)s (use an ISO 3166 code"
                                     " such as MA)"),
    "screen.unknown_gender": N_("unknown gender %(value)s (use M or F)"),
    "ingest.unsupported_type": N_("%(file)s: unsupported file type %(suffix)s; expected "
                                  ".csv/.xlsx with --mapping, FtM .json/.jsonl, Interpol "
                                  "notice .json, or a PAXLST passenger manifest"),
    "ingest.mapping_needed": N_("%(file)s: a spreadsheet needs --mapping MAPPING.yml (FtM"
                                " mapping format) to say which columns are which "
                                "properties"),
    "ingest.unknown_format": N_("unknown format %(value)s (one of: %(allowed)s)"),
    "ingest.stix_not_json": N_("%(file)s: not a STIX bundle (not JSON: %(reason)s)"),
    "ingest.stix_not_bundle": N_("%(file)s: not a STIX 2.1 bundle (a JSON object of type "
                                 "\"bundle\" with a list of objects)"),
    "ingest.ftm_not_json": N_("%(file)s: not FtM JSON lines (line 1 is not JSON: "
                              "%(reason)s)"),
    "ingest.ftm_truncated": N_("%(file)s: truncated (line %(line)s is cut off)"),
    "ingest.ftm_no_schema": N_("%(file)s: not FtM JSON lines (line 1 has no schema)"),
    "ingest.mapping_missing": N_("%(file)s: no such mapping file"),
    "ingest.mapping_yaml": N_("%(file)s: not a valid YAML mapping (%(reason)s)"),
    "ingest.mapping_shape": N_("%(file)s: a mapping must be a YAML mapping of entities"),
    "ingest.no_input": N_("no input files given"),
    "ingest.strict": N_("%(count)s bad row(s), nothing written (--strict); first: "
                        "%(first)s; all listed in %(quarantine)s"),
    "ingest.records_header": N_("%(file)s: not an Interlink records CSV (header differs)"),
    "ingest.records_fields": N_("%(file)s: row %(row)s has %(found)s fields, expected "
                                "%(expected)s (truncated?)"),
    "ingest.twice_other_terms": N_("record %(id)s appears twice with different owner "
                                   "terms"),
    "ingest.twice_no_merge": N_("record %(id)s appears twice and cannot merge: %(reason)s"),
    "ingest.not_utf8_near": N_("%(file)s: not UTF-8 text near row %(row)s (byte "
                               "%(offset)s of a block); re-save the file as UTF-8"),
    "interpol.expected_texts": N_("expected text or a list of texts, got %(value)s"),
    "interpol.expected_text": N_("expected text, got %(value)s"),
    "interpol.bad_date": N_("invalid date %(value)s (expected YYYY/MM/DD, YYYY/MM or "
                            "YYYY)"),
    "interpol.bad_number": N_("invalid number %(value)s"),
    "interpol.not_object": N_("a notice must be a JSON object"),
    "interpol.unknown_type": N_("unknown notice type %(value)s (allowed: red, yellow, un)"),
    "interpol.missing_field": N_("missing required field %(value)s"),
    "interpol.unknown_sex": N_("unknown sex_id %(value)s (expected M, F or U)"),
    "interpol.expected_objects": N_("expected a list of objects"),
    "interpol.not_utf8": N_("%(file)s: not UTF-8 text (byte offset %(offset)s); re-save "
                            "as UTF-8"),
    "file.is_empty": N_("%(file)s is empty"),
    "interpol.bad_json": N_("%(file)s: invalid or truncated JSON (line %(line)s, column "
                            "%(column)s: %(reason)s)"),
    "interpol.bad_json_line": N_("%(file)s: invalid or truncated JSON on line %(line)s "
                                 "(%(reason)s)"),
    "interpol.holds_ftm": N_("%(file)s: not Interpol notices JSON: it holds "
                             "FollowTheMoney entities; read it as FtM JSON"),
    "interpol.not_notices": N_("%(file)s: not Interpol notices JSON: expected an Interpol"
                               " notices search answer (_embedded.notices), a notice with"
                               " entity_id, or a list of notices"),
    "interpol.embedded_list": N_("%(file)s: _embedded.notices must be a list"),
    "mapping.no_queries": N_("%(file)s: a mapping must be a YAML mapping with queries or "
                             "entities"),
    "mapping.queries_list": N_("%(file)s: 'queries' must be a non-empty list of queries"),
    "mapping.query_entities": N_("%(file)s: every query needs an 'entities:' section"),
    "mapping.not_found": N_("%(file)s: no mapping found (expected 'queries:', 'entities:'"
                            " or a dataset key holding them)"),
    "mapping.entities_map": N_("%(file)s: 'entities:' must map entity names to their "
                               "schema"),
    "mapping.entity_mapping": N_("%(file)s: entity %(entity)s must be a mapping"),
    "mapping.unknown_schema": N_("%(file)s: entity %(entity)s: unknown schema %(value)s"),
    "mapping.abstract_schema": N_("%(file)s: entity %(entity)s: schema %(schema)s is "
                                  "abstract"),
    "mapping.properties_map": N_("%(file)s: entity %(entity)s: 'properties' must be a "
                                 "mapping"),
    "mapping.unknown_property": N_("%(file)s: entity %(entity)s: unknown property "
                                   "%(value)s for schema %(schema)s"),
    "mapping.property_map": N_("%(file)s: entity %(entity)s: property %(value)s must be a"
                               " mapping such as {column: NAME}"),
    "mapping.sheet": N_("%(file)s: 'sheet' must be a worksheet name"),
    "mapping.invalid": N_("%(file)s: invalid mapping: %(reason)s"),
    "mapping.source": N_("%(file)s: unsupported mapping source"),
    "mapping.bad_literal": N_("%(file)s: entity %(entity)s: invalid %(datatype)s literal "
                              "%(value)s for %(property)s"),
    "tabular.mapping_needed": N_("tabular input (CSV, XLSX) needs a mapping file "
                                 "(--mapping)"),
    "tabular.columns_missing": N_("%(file)s: column(s) %(columns)s used by %(mapping)s "
                                  "not in the file (columns: %(present)s)"),
    "tabular.column_twice": N_("%(file)s: column %(value)s appears more than once in the "
                               "header"),
    "tabular.zip": N_("%(file)s: is a ZIP/XLSX file, not CSV text; name it .xlsx"),
    "tabular.xls": N_("%(file)s: is an old Excel .xls file; save it as .xlsx or CSV"),
    "tabular.bad_header": N_("%(file)s: unreadable header row: %(reason)s"),
    "tabular.bad_xlsx": N_("%(file)s: not a valid XLSX workbook (%(reason)s)"),
    "tabular.no_sheet": N_("%(file)s: no sheet %(value)s (sheets: %(sheets)s)"),
    "tabular.damaged_xlsx": N_("%(file)s: damaged XLSX workbook (%(reason)s)"),
    "paxlst.una_short": N_("segment 1 (UNA): service string advice too short"),
    "paxlst.una_separators": N_("segment 1 (UNA): separator characters must differ"),
    "paxlst.unterminated": N_("segment %(segment)s (%(tag)s): unterminated segment (no "
                              "%(terminator)s at the end of the file: truncated "
                              "manifest?)"),
    "paxlst.bad_tag": N_("segment %(segment)s (%(tag)s): invalid segment tag"),
    "paxlst.birth_date_format": N_("segment %(segment)s (%(tag)s): invalid birth date "
                                   "%(value)s (expected %(format)s)"),
    "paxlst.bad_birth_date": N_("segment %(segment)s (%(tag)s): invalid birth date "
                                "%(value)s (%(reason)s)"),
    "paxlst.date_format": N_("segment %(segment)s (%(tag)s): invalid date %(value)s "
                             "(expected %(format)s)"),
    "paxlst.bad_date": N_("segment %(segment)s (%(tag)s): invalid date %(value)s "
                          "(%(reason)s)"),
    "paxlst.unknown_country": N_("segment %(segment)s (%(tag)s): unknown country code "
                                 "%(value)s"),
    "paxlst.empty": N_("empty manifest: no segments"),
    "paxlst.expected_unh": N_("segment %(segment)s (%(tag)s): expected UNH message header"
                              " before %(before)s"),
    "paxlst.wrong_type": N_("segment %(segment)s (%(tag)s): wrong message type %(value)s,"
                            " expected PAXLST"),
    "paxlst.after_unt": N_("segment %(segment)s (%(tag)s): segment after the UNT message "
                           "trailer"),
    "paxlst.second_unh": N_("segment %(segment)s (%(tag)s): second UNH before UNT (one "
                            "message per file)"),
    "paxlst.no_flight": N_("segment %(segment)s (%(tag)s): flight number missing"),
    "paxlst.no_surname": N_("segment %(segment)s (%(tag)s): person without a surname"),
    "paxlst.count_not_number": N_("segment %(segment)s (%(tag)s): passenger count "
                                  "%(value)s is not a number"),
    "paxlst.dtm_outside": N_("segment %(segment)s (%(tag)s): DTM+%(qualifier)s outside a "
                             "passenger group"),
    "paxlst.outside_group": N_("segment %(segment)s (%(tag)s): %(tag)s outside a "
                               "passenger group (no NAD+FL)"),
    "paxlst.expiry_before_doc": N_("segment %(segment)s (%(tag)s): document expiry "
                                   "(DTM+36) before any DOC"),
    "paxlst.issuing_before_doc": N_("segment %(segment)s (%(tag)s): issuing country "
                                    "(LOC+91) before any DOC"),
    "paxlst.no_unh": N_("no UNH message header: not an EDIFACT message"),
    "paxlst.no_unt": N_("segment %(segment)s (UNT): message trailer missing"),
    "paxlst.count_mismatch": N_("CNT+42 declares %(declared)s passengers, the manifest "
                                "lists %(listed)s (truncated or corrupt manifest?)"),
    "paxlst.unknown_gender": N_("segment %(segment)s (%(tag)s): unknown gender code "
                                "%(value)s (M, F, U or X)"),
    "paxlst.date_no_qualifier": N_("segment %(segment)s (%(tag)s): date without qualifier"),
    "paxlst.doc_no_number": N_("segment %(segment)s (%(tag)s): document without a number"),
    "paxlst.cannot_read": N_("%(file)s: cannot read (%(reason)s)"),
    "file.cause": N_("%(file)s: %(cause)s"),
})
PARAM_KINDS["alert_status"] = "alert_status"  # an alert's status, by its label
# -- refusals: cooperation, sharing, federation, access, identity, command line, web, network
# (issue 15). Values quoted '...' are what the user typed, as the English always showed them;
# lists of codes to type (`allowed`, `codes`, `roles`) are passed joined, as typed.
MESSAGES.update({
    # reports, the results ledger, requests for information (`cooperation`)
    "report.unknown_language": N_("no report language '%(value)s' (one of: %(allowed)s)"),
    "ledger.unknown_grouping": N_("totals by operation, country, month or all, not "
                                  "'%(value)s'"),
    "rfi.purpose_required": N_("a request must declare a purpose"),
    "rfi.already_full": N_("you already see record %(record)s in full"),
    "rfi.not_addressed": N_("no request %(id)s addressed to your agency"),
    "rfi.already_answered": N_("request %(id)s was already answered (%(rfi_status)s)"),
    # sharing groups and grants (`policy.sharing`, `access.federation`)
    "group.exists": N_("sharing group %(id)s already exists"),
    "group.unknown": N_("no sharing group %(id)s"),
    "grant.by_agency": N_("a grant is made by an agency"),
    "grant.one_recipient": N_("name exactly one recipient: an agency or a sharing group"),
    "grant.unknown_level": N_("unknown level '%(value)s' (full or hit)"),
    "grant.purpose_required": N_("a grant needs at least one purpose"),
    "grant.past": N_("valid-until %(value)s is in the past"),
    "grant.own_records": N_("an agency does not need a grant to its own records"),
    "grant.regrant_one_record": N_("a re-grant names one record"),
    "grant.not_collected_for": N_("record %(id)s was not collected for: %(codes)s"),
    "grant.red_named": N_("a TLP:RED record is shared with named people only (--user)"),
    "grant.h2": N_("record %(id)s is H2: no onward sharing without %(agency)s's consent"),
    "grant.amber_strict": N_("record %(id)s is TLP:AMBER+STRICT: it does not leave the "
                             "organisation it was given to"),
    "grant.not_held": N_("%(agency)s does not hold record %(id)s in full through grant "
                         "%(grant)s for these purposes; only the owner %(owner)s can share it"),
    "grant.unknown": N_("no grant %(id)s of yours"),
    "grant.already_revoked": N_("grant %(id)s is already revoked"),
    # federation: search scope, received records, peers and this node's key
    "federation.scope": N_("scope is local or federation"),
    "federation.mode": N_("mode is pseudo or clear"),
    "federation.not_held": N_("%(agency)s does not hold %(id)s for these purposes"),
    "federation.unknown_kind": N_("unknown kind %(value)s"),
    "federation.owner_not_served": N_("record owner %(agency)s is not an agency %(peer)s "
                                      "serves"),
    "federation.owner_grant": N_("only the owner's grant crosses nodes"),
    "federation.no_local_recipient": N_("the grant names no agency of this node"),
    "federation.other_peer": N_("record %(id)s came from another peer"),
    "node.no_key": N_("no node key: run `interlink init` first"),
    "node.bad_key": N_("the node key is not an Ed25519 key"),
    "node.bad_public_key": N_("not an Ed25519 public key (32 bytes, base64)"),
    "node.name": N_("a node name is one word"),
    "peer.url": N_("a node URL is https://host[:port]"),
    "peer.http_loopback": N_("plain HTTP is allowed on loopback only: use https://"),
    "peer.unknown": N_("no peer %(name)s"),
    "peer.name": N_("a peer name is one word, not this node's own"),
    "peer.agencies": N_("name the agencies the peer serves (--agency)"),
    "peer.exists": N_("peer %(name)s is already declared"),
    "peer.agency_taken": N_("agency %(agency)s is already served by peer %(peer)s"),
    # the operator's reading of the store, saved charts (`access`)
    "operator.record": N_("no record %(id)s (absent, or erased)"),
    "operator.record_version": N_("no record %(id)s version %(version)s (absent, or erased)"),
    "chart.name": N_("a chart needs a name of at most 200 characters"),
    "chart.notes": N_("notes of at most 20,000 characters"),
    "chart.depth": N_("depth between 0 and 4"),
    "chart.too_many_centres": N_("at most 50 records to centre a chart on"),
    "chart.no_centre": N_("no record to centre the chart on"),
    "chart.too_many": N_("at most 500 saved charts: delete some first"),
    # users, tokens, permissions (`identity`)
    "user.unknown_role": N_("unknown role '%(value)s' (one of: %(allowed)s)"),
    "user.invalid_login": N_("invalid login '%(value)s': 2-128 characters, lower-case letters, "
                             "digits, . _ @ -"),
    "user.exists": N_("user %(login)s already exists"),
    "user.password_short": N_("a password needs at least %(min)s characters"),
    "user.unknown": N_("no user %(login)s"),
    "token.unknown_kind": N_("unknown token kind '%(value)s'"),
    "token.unknown": N_("no active token %(id)s"),
    "permission": N_("this needs the permission %(permission)s (roles: %(roles)s)"),
    # the command line's own checks of its options
    "cli.federation_scope": N_("--scope federation needs --agency and --purpose"),
    "serve.tls_pair": N_("HTTPS needs both --tls-cert and --tls-key"),
    "serve.tls_unreadable": N_("%(file)s: TLS cannot load it as a PEM certificate, key or "
                               "authority (%(cause)s)"),
    "cli.no_password": N_("no password on standard input"),
    "cli.no_request": N_("no request %(id)s for this agency"),
    "cli.attachment": N_("--attachment '%(value)s': use NAME:LANG[:TRANSLATIONS]"),
    "cli.unknown_event": N_("unknown event '%(value)s' (one of: %(allowed)s)"),
    "cli.network_source": N_("give --agency CODE to read the store as that agency, or --edges "
                             "FILE to analyse a file"),
    "cli.route_kind": N_("unknown route kind '%(value)s' (use seizure, trip or payment)"),
    "cli.no_notice": N_("no notice %(id)s issued by %(agency)s"),
    "cli.no_operation": N_("no operation %(id)s for this agency"),
    "cli.report_output": N_("--output %(file)s: use a .html or .pdf file"),
    "cli.no_record": N_("no record %(id)s"),
    "cli.threshold": N_("--threshold must be between 0 and 1 (exclusive), not %(value)s"),
    "cli.store_no_inputs": N_("--store resolves the store's records: no --input/--output"),
    "cli.resolve_inputs": N_("give --input files (and --output), or --store"),
    "cli.resolve_output": N_("--output CLUSTERS.csv is required with --input"),
    "cli.judge_purpose": N_("--agency needs a declared --purpose (e.g. drug_trafficking)"),
    "cli.retract_args": N_("--retract takes a judgement id and no records"),
    "cli.judge_usage": N_("usage: interlink judge A B same|different|unsure"),
    "cli.file_not_found": N_("%(file)s: file not found"),
    "cli.watchlist_empty": N_("watchlist %(value)s has no entries"),
    # web forms: steps, tasks, uploads
    "form.no_such_task": N_("no such task"),
    "form.no_such_step": N_("no such step"),
    "upload.gone": N_("this upload is no longer here: choose the file again"),
    "upload.empty": N_("%(file)s: empty file"),
    "upload.choose": N_("choose a file"),
    # network analysis (`network`)
    "network.betweenness_method": N_("unknown betweenness method '%(value)s' (auto, kadabra, "
                                     "pivots)"),
    "network.no_node_to_remove": N_("give at least one node to remove"),
    "network.k_min": N_("k must be at least 1"),
    "network.objective": N_("objective must be one of %(allowed)s"),
    "network.export_format": N_("unknown export format '%(value)s' (use %(allowed)s)"),
    "network.no_directory": N_("%(file)s: directory %(directory)s does not exist"),
    "network.ambiguous_node": Np_("'%(value)s' names %(n)s node (%(ids)s); give an id",
                                  "'%(value)s' names %(n)s nodes (%(ids)s); give an id"),
    "network.no_node": N_("no node '%(value)s' in the graph (give a node or record id)"),
    "network.hops_min": N_("hops must be at least 1"),
    "network.direction": N_("direction must be one of %(allowed)s"),
    "network.same_node": N_("source and target are the same node"),
    "network.depth_min": N_("depth must be 0 or more"),
    # erasure from the command line: absent and another agency's read alike
    "record.no_erase": N_("no record %(id)s of %(agency)s to erase"),
    # a chart's download (GraphML, GEXF) refused: one line of text
    "web.declare_purpose": N_("declare a purpose"),
    "web.graph_preparing": N_("graph being prepared"),
})
LABELS["rfi_status"] = {"granted": N_("granted"), "refused": N_("refused"),
                        "withdrawn": N_("withdrawn"), "open": N_("open")}
PARAM_KINDS["rfi_status"] = "rfi_status"

# -- refusals: rows set aside (issue 15). What `ingest.base.RowError` carries beside its
# English `reason`, so the data page and the API say why a row was set aside in the reader's
# language. Values quoted '...' are the row's own, as the English always showed them; column
# lists are passed joined as the file names them. A `cause` is a nested message (`cause()`).
MESSAGES.update({
    "row.other_owner": N_("owned by %(owner)s, but this ingest is for %(agency)s"),
    "row.not_json": N_("not JSON: %(reason)s"),
    "row.not_ftm": N_("not an FtM entity"),
    "row.missing_required": N_("missing required field '%(property)s' for %(schema)s"),
    "row.id_taken": N_("record id %(id)s is already taken"),
    "row.stix_bad_object": N_("not a STIX object (no type or no id)"),
    "row.stix_unsupported": N_("STIX objects of type %(value)s are not imported (people, "
                               "organisations, threat actors, accounts, their relationships "
                               "and Interlink's own objects are)"),
    "row.stix_link_end": N_("the relationship's end %(id)s is not an object imported from "
                            "this bundle"),
    # the TAXII 2.1 endpoint (`api.routers.taxii`): its error bodies' title
    "taxii.not_found": N_("No such collection or object, or not one you may see."),
    "taxii.not_acceptable": N_("This endpoint answers in %(media)s: ask for it in the "
                               "Accept header."),
    "taxii.discovery": N_("Records shared into your agency's sharing groups, one API root per "
                          "purpose."),
    "taxii.api_root": N_("Records read for the purpose: %(purpose)s"),
    "taxii.collection": N_("Records shared into the sharing group %(group)s"),
    "row.malformed_csv": N_("malformed CSV: %(reason)s"),
    "row.truncated": Np_("row has %(n)s field(s) where the header has %(width)s (truncated "
                         "row?)",
                         "row has %(n)s field(s) where the header has %(width)s (truncated "
                         "row?)"),
    "row.too_many_fields": N_("row has %(n)s fields where the header has %(width)s"),
    "row.values_right": N_("row has values right of the header"),
    "row.no_entity": N_("the row maps to no entity: the key columns are empty (values in "
                        "%(columns)s)"),
    "row.bad_country": N_("unknown country '%(value)s' for %(property)s (use an ISO 3166 code "
                          "such as MA, FR)"),
    "row.bad_date": N_("invalid date '%(value)s' for %(property)s (use ISO 8601 YYYY-MM-DD, "
                       "or give the mapping a format:)"),
    "row.bad_value": N_("invalid %(value_type)s '%(value)s' for %(property)s"),
    "row.link_absent": N_("'%(entity)s' (%(schema)s) has values in %(columns)s but its "
                          "%(property)s '%(ref)s' is absent (%(cause)s)"),
    "row.absent_link": N_("its %(property)s '%(ref)s' is absent"),
    "row.keys_empty": N_("key column(s) %(columns)s empty"),
    "row.property_empty": N_("%(property)s is empty"),
    "row.no_key": N_("no id for '%(entity)s' (%(schema)s): key column(s) %(columns)s empty "
                     "while %(filled)s hold values"),
    "row.bad_id": N_("invalid id '%(value)s' for '%(entity)s' (%(schema)s)"),
    "row.in_entity": N_("%(cause)s ('%(entity)s')"),
    "row.problems": N_("%(first)s; %(rest)s"),
})

# --- issue 13, names (helper `names3`): a final -a (the feminine ending) on one side only.
# Appended; `MESSAGES` is extended, not rewritten.
MESSAGES.update({
    "name.feminine_differs": N_("only one ends in -a"),
    "name.final_h_missing": N_("the final h is not written"),
})

# --- issue 13, names (helper `names`, sixth pass): the name score of a screening alert lowered
# because the parts that met are common on the list (`Watchlist.commonness`). Appended.
MESSAGES.update({
    "name.common_on_list": N_("parts common on this list: the name score is lowered by "
                              "%(lowered)s"),
})

# -- the audit log's problems and notes (issue 15): a broken chain is told in the reader's
# language on the audit page and with `--lang`; files are named, never their server path
MESSAGES.update({
    "audit.entries_missing": N_("entries %(first)s..%(last)s are missing (removed from the "
                                "log)"),
    "audit.link_broken": N_("entry %(seq)s does not link to entry %(previous)s: an entry "
                            "before it was edited or removed"),
    "audit.altered": N_("entry %(seq)s (%(audit_action)s) was altered after writing"),
    "audit.too_many": N_("... stopped after too many problems"),
    "audit.unaccounted": N_("the store holds %(held)s %(rows)s but the log accounts for "
                            "%(logged)s: audit entries were removed (or %(rows)s written "
                            "around the log)"),
    "audit.not_an_anchor": N_("line %(line)s of %(file)s is not an anchor"),
    "audit.anchors_unchecked": N_("the anchors cannot be checked: no key at %(file)s"),
    "audit.no_key": N_("no audit key at %(file)s: entries cut from the end of the log cannot "
                       "be detected (`interlink init` creates the key)"),
    "audit.anchors_removed": N_("the key exists but %(file)s holds no anchor: the anchors "
                                "were removed"),
    "audit.anchors_missing": N_("anchors %(first)s..%(last)s are missing from %(file)s"),
    "audit.anchor_forged": N_("anchor %(n)s (entry %(seq)s) is not signed by the audit key: "
                              "the anchors file was forged"),
    "audit.cut": N_("entries %(first)s..%(last)s were cut from the log: entry %(last)s was "
                    "signed at %(at)s"),
    "audit.rewritten": N_("entry %(seq)s is not the one signed at %(at)s: the log was "
                          "rewritten up to it (entries removed or changed and re-hashed)"),
    "audit.newest_anchor": N_("newest anchor: entry %(seq)s, signed %(at)s"),
})
LABELS["audit_rows"] = {
    "record_versions": N_("record versions"), "grants": N_("grants"), "users": N_("users"),
    "tokens": N_("tokens"), "legal_request_events": N_("request transitions"),
}
PARAM_KINDS["audit_action"] = "audit_action"
PARAM_KINDS["rows"] = "audit_rows"
#: FollowTheMoney labels its own catalogue leaves untranslated in one of our languages (our
#: Seizure and Arrest schemata, Arabic "Bank account", topics such as "Shell company"): the
#: web and the services fall back to these (messages.ftm_label).
LABELS["ftm"] = {
    "Abbreviation": N_("Abbreviation"),
    "Account ID": N_("Account ID"),
    "Account number": N_("Account number"),
    "Account type": N_("Account type"),
    "Alias": N_("Alias"),
    "Arrest": N_("Arrest"),
    "Arresting agency": N_("Arresting agency"),
    "Authority-issued identifier": N_("Authority-issued identifier"),
    "Balance date": N_("Balance date"),
    "Bank account": N_("Bank account"),
    "Bank address": N_("Bank address"),
    "Bank name": N_("Bank name"),
    "Biography": N_("Biography"),
    "Blockchain": N_("Blockchain"),
    "Capital": N_("Capital"),
    "Charges": N_("Charges"),
    "Citizenship": N_("Citizenship"),
    "City": N_("City"),
    "Classification": N_("Classification"),
    "Closing date": N_("Closing date"),
    "Commodity": N_("Commodity"),
    "Concealment method": N_("Concealment method"),
    "Conveyance": N_("Conveyance"),
    "Country of birth": N_("Country of birth"),
    "Created at": N_("Created at"),
    "Creation date": N_("Creation date"),
    "Crypto address": N_("Crypto address"),
    "Cryptocurrency wallet": N_("Cryptocurrency wallet"),
    "Currency short code": N_("Currency short code"),
    "Custody type": N_("Custody type"),
    "Date": N_("Date"),
    "De-registration Date": N_("De-registration Date"),
    "Deadweight Tonnage": N_("Deadweight Tonnage"),
    "Description": N_("Description"),
    "Destination country": N_("Destination country"),
    "Director": N_("Director"),
    "Education": N_("Education"),
    "Email": N_("Email"),
    "Employee": N_("Employee"),
    "Employer": N_("Employer"),
    "Employment": N_("Employment"),
    "End location": N_("End location"),
    "Estimated value": N_("Estimated value"),
    "Ethnicity": N_("Ethnicity"),
    "Eye color": N_("Eye color"),
    "Full address": N_("Full address"),
    "Hair color": N_("Hair color"),
    "Height": N_("Height"),
    "Identification": N_("Identification"),
    "Identification holder": N_("Identification holder"),
    "Important": N_("Important"),
    "Latitude": N_("Latitude"),
    "License Number": N_("License Number"),
    "Listing date": N_("Listing date"),
    "Longitude": N_("Longitude"),
    "Managing exchange": N_("Managing exchange"),
    "Maximum balance": N_("Maximum balance"),
    "Maximum balance date": N_("Maximum balance date"),
    "Name suffix": N_("Name suffix"),
    "Note": N_("Note"),
    "Notes": N_("Notes"),
    "Opening date": N_("Opening date"),
    "Origin country": N_("Origin country"),
    "PO Box": N_("PO Box"),
    "Person arrested": N_("Person arrested"),
    "Physical appearance": N_("Physical appearance"),
    "Political association": N_("Political association"),
    "Postal code": N_("Postal code"),
    "Private key": N_("Private key"),
    "Profession": N_("Profession"),
    "Project": N_("Project"),
    "Quantity": N_("Quantity"),
    "Region": N_("Region"),
    "Religion": N_("Religion"),
    "Remarks": N_("Remarks"),
    "Risk source": N_("Risk source"),
    "Sanction": N_("Sanction"),
    "Scope of sanctions": N_("Scope of sanctions"),
    "Sector": N_("Sector"),
    "Seizing agency": N_("Seizing agency"),
    "Seizure": N_("Seizure"),
    "Social security number": N_("Social security number"),
    "Spoken language": N_("Spoken language"),
    "Start location": N_("Start location"),
    "State": N_("State"),
    "Stock ticker symbol": N_("Stock ticker symbol"),
    "Street address": N_("Street address"),
    "Street address (ctd.)": N_("Street address (ctd.)"),
    "Tonnage": N_("Tonnage"),
    "Trip": N_("Trip"),
    "Type": N_("Type"),
    "Unit": N_("Unit"),
    "Wallet holder": N_("Wallet holder"),
    "Warrant reference": N_("Warrant reference"),
    "Weak alias": N_("Weak alias"),
    "Weight": N_("Weight"),
    "Environmental violations": N_("Environmental violations"),
    "Forced labor": N_("Forced labor"),
    "Wanted": N_("Wanted"),
    "Shell company": N_("Shell company"),
    "Offshore": N_("Offshore"),
    "Public listed company": N_("Public listed company"),
    "Disqualified": N_("Disqualified"),
    "Clone of real entity": N_("Clone of real entity"),
    "Head of government or state": N_("Head of government or state"),
    "Civil service": N_("Civil service"),
    "Executive branch of government": N_("Executive branch of government"),
    "Legislative branch of government": N_("Legislative branch of government"),
    "Judicial branch of government": N_("Judicial branch of government"),
    "Security services": N_("Security services"),
    "Central banking and financial integrity": N_("Central banking and financial integrity"),
    "Religious leadership": N_("Religious leadership"),
    "Maritime detention": N_("Maritime detention"),
    "Shadow fleet": N_("Shadow fleet"),
    "Ship-to-ship transfer": N_("Ship-to-ship transfer"),
    "Regulator action": N_("Regulator action"),
    "Regulator warning": N_("Regulator warning"),
    "PEP": N_("PEP"),
    "Former PEP": N_("Former PEP"),
    "International PEP": N_("International PEP"),
    "National PEP": N_("National PEP"),
    "Politician": N_("Politician"),
    "Close Associate": N_("Close Associate"),
    "Oligarch": N_("Oligarch"),
    "Lobbyist": N_("Lobbyist"),
    "Sanctioned": N_("Sanctioned"),
    "Sanction-linked": N_("Sanction-linked"),
    "Sanction ownership or control": N_("Sanction ownership or control"),
    "Counter-sanctioned": N_("Counter-sanctioned"),
    "Export controlled": N_("Export controlled"),
    "Export control-linked": N_("Export control-linked"),
    "Trade risk": N_("Trade risk"),
    "Investment risk": N_("Investment risk"),
    "Investment ban": N_("Investment ban"),
    "High-risk area": N_("High-risk area"),
    "Debarred": N_("Debarred"),
}
#: the formats `interlink ingest` and the data page read (ingest.formats.FORMATS)
LABELS["ingest_format"] = {
    "ftm": N_("FtM JSON (entities, one per line)"),
    "records-csv": N_("Records CSV (id, schema, properties)"),
    "tabular": N_("Table (CSV or XLSX) with a mapping"),
    "notices": N_("Interpol notices (JSON)"),
    "paxlst": N_("Passenger list (PAXLST)"),
    "stix": N_("STIX 2.1 bundle"),
}


# -- federation: onward grants, requests and notices across nodes (issue 16)
MESSAGES.update({
    "federation.regrant_other_node": N_("record %(id)s came from another node: %(agency)s is "
                                        "served by node %(peer)s, only the owner may share it "
                                        "there"),
    "federation.request_known": N_("request %(id)s is already known here"),
    "federation.request_not_sent": N_("request %(id)s arrived without its sending"),
    "federation.agency_not_served": N_("%(agency)s is not an agency %(peer)s serves"),
    "federation.not_local_agency": N_("%(agency)s is not an agency of this node"),
    "federation.request_subject_unknown": N_("%(agency)s holds no record %(id)s you may ask "
                                             "about"),
    "federation.notice_subject": N_("notice %(notice)s: its subject %(id)s was not received "
                                    "from %(peer)s"),
    "federation.notice_known": N_("notice %(id)s is already known here"),
    "federation.notice_unknown": N_("no published notice %(id)s here"),
    "federation.regrant_red": N_("record %(id)s is TLP:RED: only the people %(agency)s named "
                                 "may see it, it is not passed on"),
    "federation.operation_no_local": N_("operation %(id)s names no agency of this node"),
    "federation.operation_other": N_("operation %(id)s is not led by that node's agency here"),
    "rfi.not_remote": N_("%(agency)s is not served by a peer node: ask it on this node"),
})

# a resolution pair's name explanation: a Latin part read as a typing slip of a spelling many
# records hold (interlink.resolve.slips), and the exclusivity comparison's field and levels
MESSAGES.update({
    "name.typing_slip": N_("%(left)s read as a typing slip of %(right)s"),
    "name.typing_slip_keys": N_("%(left)s read as a typing slip (its sound key one letter off)"),
})
LABELS["match_field"]["exclusivity"] = N_("other candidates")
LABELS["match_level"].update({
    "taken: one of them matches another record better": N_(
        "taken: one of them matches another record better"),
    "other plausible candidates": N_("other plausible candidates"),
    "each other's only plausible candidate": N_("each other's only plausible candidate"),
})

# -- key actors per period from the records' own dates (issue 14, seventh pass; appended)
MESSAGES.update({
    "network.period_unit": N_("unknown period unit '%(value)s' (use %(expected)s)"),
    "cli.periods_undated": N_("--periods %(unit)s: no link carries a date; key actors are "
                              "ranked without periods of dates"),
})
