"""Which inbox items are new for a destination, and their delivery (see the package's doc)."""

from __future__ import annotations

import hashlib
import hmac
import json
import smtplib
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from ipaddress import ip_address
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from interlink import settings
from interlink.audit import chain
from interlink.cooperation.inbox import KINDS, Item, inbox
from interlink.core.messages import invalid, label, language, render
from interlink.notify.tables import notify_sent
from interlink.store import SQLStore

CHANNELS = ("email", "webhook")
#: seconds a mail server or a webhook has to answer
TIMEOUT = 20.0


@dataclass(frozen=True)
class Destination:
    agency: str
    channel: str  # email | webhook
    targets: tuple[str, ...]  # addresses, or one URL
    lang: str


@dataclass(frozen=True)
class Outcome:
    """What one round did for one destination: items sent, or why none could be."""

    agency: str
    channel: str
    sent: int
    error: str = ""

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _pairs(value: str, setting: str) -> dict[str, str]:
    """`A=x;B=y` as {A: x, B: y} (agency codes upper-cased)."""
    out: dict[str, str] = {}
    for part in (p.strip() for p in value.split(";")):
        if not part:
            continue
        agency, sep, target = part.partition("=")
        if not sep or not agency.strip() or not target.strip():
            raise invalid("notify.bad_setting", setting, value=part, setting=setting)
        out[agency.strip().upper()] = target.strip()
    return out


def _lang_of(agency: str) -> str:
    value = settings.NOTIFY_LANG.strip()
    if "=" in value:
        return language(_pairs(value, "INTERLINK_NOTIFY_LANG").get(agency, "en"))
    return language(value or "en")


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


def _check_url(agency: str, url: str) -> str:
    """A webhook gets the agency's inbox: over https, or plain http to this machine only (a
    receiver beside the server); never another scheme (file:, ftp:)."""
    parts = urlsplit(url)
    ok = parts.scheme == "https" or (parts.scheme == "http" and _loopback(parts.hostname or ""))
    if not ok or not parts.hostname:
        raise invalid("notify.webhook_scheme", "INTERLINK_NOTIFY_WEBHOOK", url=url,
                      agency=agency)
    return url


def destinations(agency: str | None = None) -> list[Destination]:
    """The destinations the settings name (none: delivery is off), one agency's if given."""
    out = []
    for agency_code, value in _pairs(settings.NOTIFY_EMAIL, "INTERLINK_NOTIFY_EMAIL").items():
        addresses = tuple(a.strip() for a in value.split(",") if a.strip())
        for address in addresses:
            if "@" not in address or any(c in address for c in "\r\n<>"):
                raise invalid("notify.bad_address", "INTERLINK_NOTIFY_EMAIL", value=address,
                              agency=agency_code)
        out.append(Destination(agency_code, "email", addresses, _lang_of(agency_code)))
    for agency_code, url in _pairs(settings.NOTIFY_WEBHOOK, "INTERLINK_NOTIFY_WEBHOOK").items():
        out.append(Destination(agency_code, "webhook", (_check_url(agency_code, url),),
                               _lang_of(agency_code)))
    if agency is not None:
        out = [d for d in out if d.agency == agency.upper()]
    return out


def item_key(item: Item) -> str:
    """An item's identity across rounds: what it says and about what, not its passing state
    (a request's state, an alert's score), so it is told once; a deadline moved or now overdue
    is a new item."""
    p = item.params
    parts = [item.code, item.link, item.at.isoformat() if item.at else "",
             *(str(p.get(k, "")) for k in ("id", "record", "name", "subject", "clock", "due",
                                           "agency"))]
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


def pending(store: SQLStore, destination: Destination,
            now: datetime | None = None) -> list[Item]:
    """The items of the agency's inbox not yet delivered to this destination's channel."""
    items = inbox(store, destination.agency, now).items
    with store.engine.connect() as conn:
        done = set(conn.execute(select(notify_sent.c.key).where(
            notify_sent.c.agency == destination.agency,
            notify_sent.c.channel == destination.channel)).scalars())
    return [i for i in items if item_key(i) not in done]


def _link(path: str) -> str:
    base = settings.NOTIFY_BASE_URL.rstrip("/")
    return f"{base}{path}" if base else path


def _lines(items: list[Item], lang: str) -> list[dict[str, Any]]:
    return [{**i.to_dict(), "text": render(i.code, i.params, lang),
             "section": label("inbox_kind", i.kind, lang), "url": _link(i.link)}
            for i in items]


def email_message(destination: Destination, items: list[Item]) -> EmailMessage:
    """One e-mail for a round: the items by section, each a sentence and its link."""
    lang = destination.lang
    msg = EmailMessage()
    msg["Subject"] = render("notify.subject", {"n": len(items), "agency": destination.agency},
                            lang)
    msg["From"] = settings.NOTIFY_FROM
    msg["To"] = ", ".join(destination.targets)
    body = [render("notify.intro", {"agency": destination.agency}, lang), ""]
    lines = _lines(items, lang)
    for kind in KINDS:
        of_kind = [line for line in lines if line["kind"] == kind]
        if not of_kind:
            continue
        body.append(label("inbox_kind", kind, lang))
        body.extend(f"- {line['text']}\n  {line['url']}" for line in of_kind)
        body.append("")
    body.append(render("notify.footer", {}, lang))
    msg.set_content("\n".join(body))
    msg["Content-Language"] = lang  # after the content: set_content drops Content-* headers
    return msg


def _send_email(destination: Destination, items: list[Item]) -> None:
    host, _, port = settings.NOTIFY_SMTP.rpartition(":")
    with smtplib.SMTP(host or settings.NOTIFY_SMTP, int(port or 25), timeout=TIMEOUT) as smtp:
        smtp.ehlo()
        if smtp.has_extn("starttls"):
            smtp.starttls()
            smtp.ehlo()
        if settings.NOTIFY_SMTP_USER:
            smtp.login(settings.NOTIFY_SMTP_USER, settings.NOTIFY_SMTP_PASSWORD)
        smtp.send_message(email_message(destination, items))


def webhook_body(destination: Destination, items: list[Item]) -> bytes:
    return json.dumps({"agency": destination.agency, "lang": destination.lang,
                       "items": _lines(items, destination.lang)},
                      ensure_ascii=False).encode("utf-8")


def signature(body: bytes, secret: str) -> str:
    """What the receiver recomputes to know the call came from this server."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A webhook that redirects is refused: the inbox goes to the URL named, nowhere else."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _send_webhook(destination: Destination, items: list[Item]) -> None:
    body = webhook_body(destination, items)
    request = urllib.request.Request(destination.targets[0], data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    if settings.NOTIFY_WEBHOOK_SECRET:
        request.add_header("X-Interlink-Signature",
                           signature(body, settings.NOTIFY_WEBHOOK_SECRET))
    opener = urllib.request.build_opener(_NoRedirect)
    with opener.open(request, timeout=TIMEOUT) as answer:
        if not 200 <= answer.status < 300:
            raise OSError(f"HTTP {answer.status}")


SENDERS: dict[str, Callable[[Destination, list[Item]], None]] = {
    "email": _send_email, "webhook": _send_webhook}


def _record(store: SQLStore, destination: Destination, items: list[Item], actor: str) -> None:
    """The items delivered, and an audit entry: what left the platform, to whom."""
    when = datetime.now(UTC)
    with store.transaction() as conn:
        for item in items:
            try:
                with conn.begin_nested():
                    conn.execute(notify_sent.insert().values(
                        agency=destination.agency, channel=destination.channel,
                        key=item_key(item), code=item.code, sent_at=when))
            except IntegrityError:  # another round sent it meanwhile
                continue
        chain.append(conn, "notification", actor, agency=destination.agency,
                     details={"channel": destination.channel, "items": len(items),
                              "to": list(destination.targets),
                              "codes": sorted({i.code for i in items})})


def send(store: SQLStore, agency: str | None = None, now: datetime | None = None,
         dry_run: bool = False, actor: str | None = None) -> list[Outcome]:
    """One round: each destination's new items, delivered and recorded. A destination that
    fails is reported and tried again next round (its items are not marked sent); the others
    go on. `dry_run` counts what would be sent and sends nothing."""
    out = []
    for destination in destinations(agency):
        store.require_agency(destination.agency)
        items = pending(store, destination, now)
        if not items or dry_run:
            out.append(Outcome(destination.agency, destination.channel, len(items)))
            continue
        try:
            SENDERS[destination.channel](destination, items)
        except (OSError, smtplib.SMTPException) as exc:
            out.append(Outcome(destination.agency, destination.channel, 0,
                               str(exc) or type(exc).__name__))
            continue
        _record(store, destination, items, actor or settings.ACTOR)
        out.append(Outcome(destination.agency, destination.channel, len(items)))
    return out


def watch(store: SQLStore, interval: float | None = None, rounds: int | None = None,
          report: Callable[[list[Outcome]], None] = lambda _: None,
          sleep: Callable[[float], None] = time.sleep) -> None:
    """Rounds of `send` every `interval` seconds (`rounds` of them, or until stopped)."""
    done = 0
    while rounds is None or done < rounds:
        report(send(store))
        done += 1
        if rounds is None or done < rounds:
            sleep(settings.NOTIFY_INTERVAL if interval is None else interval)
