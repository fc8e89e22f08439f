"""The results ledger of joint operations: arrests, seizures, assets frozen, organisations
identified and dismantled, investigations opened; and their totals per operation, country and
month.

Each kind says what it must record (a seizure without a quantity and unit is not a seizure);
quantities add up in one unit per dimension (mass in kg, volume in litres, counted units as
they are), and money per currency: there is no exchange rate in an offline store, so amounts in
different currencies are reported side by side, never converted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select

from interlink.audit import chain
from interlink.cooperation.operations import get_operation
from interlink.cooperation.tables import operation_members, operation_results, operations
from interlink.core import limits
from interlink.core.codes import commodity_code, country_code
from interlink.core.envelope import parse_date
from interlink.core.messages import invalid
from interlink.store import Actor, SQLStore

KINDS = ("arrest", "seizure", "asset_freeze", "organisation_identified",
         "organisation_dismantled", "investigation_opened")
#: unit -> (the unit totals use, factor)
UNITS = {
    "kg": ("kg", 1.0), "g": ("kg", 0.001), "t": ("kg", 1000.0),
    "l": ("l", 1.0), "ml": ("l", 0.001),
    "units": ("units", 1.0), "tablets": ("tablets", 1.0), "plants": ("plants", 1.0),
    "doses": ("doses", 1.0),
}
#: fields each kind requires (beyond agency, country and date) and accepts
REQUIRED = {
    "arrest": ("person",),
    "seizure": ("commodity", "quantity", "unit"),
    "asset_freeze": ("amount", "currency", "asset_kind"),
    "organisation_identified": ("organisation",),
    "organisation_dismantled": ("organisation",),
    "investigation_opened": ("reference",),
}
OPTIONAL = {
    "arrest": ("nationality", "record_id"),
    "seizure": ("value", "currency", "concealment"),
    "asset_freeze": ("record_id",),
    "organisation_identified": ("record_id",),
    "organisation_dismantled": ("record_id",),
    "investigation_opened": ("authority",),
}
ASSET_KINDS = ("bank_account", "cash", "real_estate", "vehicle", "vessel", "company",
               "crypto", "other")


@dataclass(frozen=True)
class Result:
    id: int
    operation_id: str
    kind: str
    agency: str
    country: str
    on: date
    place: str
    details: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "on": self.on.isoformat()}


@dataclass
class Totals:
    """What a group of results adds up to (one operation, country or month)."""

    key: str
    arrests: int = 0
    seizures: int = 0
    organisations_identified: int = 0
    organisations_dismantled: int = 0
    investigations_opened: int = 0
    assets_frozen: int = 0
    seized: dict[str, float] = field(default_factory=dict)  # "cocaine kg" -> 1250.0
    seized_value: dict[str, float] = field(default_factory=dict)  # currency -> amount
    frozen: dict[str, float] = field(default_factory=dict)  # currency -> amount

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _money(value: Any, name: str) -> float:
    return limits.quantity(value, name)


def _currency(value: Any) -> str:
    text = str(value or "").strip().upper()
    if len(text) != 3 or not text.isalpha():
        raise invalid("result.currency", "currency", value=str(value or ""))
    return text


def add_result(
    store: SQLStore,
    actor: Actor,
    operation_id: str,
    kind: str,
    *,
    on: str | date,
    place: str = "",
    country: str | None = None,
    **fields: Any,
) -> Result:
    """Record one result as `actor.agency` (a member of the open operation; once it is
    closed, its lead), checked for what its kind requires."""
    if actor.agency is None:
        raise invalid("result.by_agency")
    op = get_operation(store, actor.agency, operation_id)
    me = op.member(actor.agency)
    allowed = (op.state == "open" and me is not None and me.status == "member") or (
        op.state == "closed" and op.lead == actor.agency)
    if not allowed:
        raise invalid("result.not_member", agency=actor.agency, name=op.name, state=op.state)
    if kind not in KINDS:
        raise invalid("result.unknown_kind", "kind", value=kind, allowed=list(KINDS))
    fields = {k: v for k, v in fields.items() if v not in (None, "")}
    missing = [f for f in REQUIRED[kind] if f not in fields]
    if missing:
        raise invalid("result.missing", missing[0], kind=kind, fields=missing)
    unknown = set(fields) - set(REQUIRED[kind]) - set(OPTIONAL[kind])
    if unknown:
        raise invalid("result.extra", sorted(unknown)[0], kind=kind, fields=sorted(unknown))
    when = parse_date(on)
    agency = store.require_agency(actor.agency)
    where = country_code(country or agency.country).upper()
    quantity = unit = value = currency = None
    if kind == "seizure":
        quantity = _money(fields["quantity"], "quantity")
        unit = str(fields["unit"]).strip().lower()
        if unit not in UNITS:
            raise invalid("unit.unknown", "unit", value=unit, allowed=list(UNITS))
        # a code, whatever language it was written in, so that seizures add up
        fields["commodity"] = commodity_code(str(fields["commodity"]))
        if "value" in fields:
            value = _money(fields["value"], "value")
            currency = _currency(fields.get("currency"))
    elif kind == "asset_freeze":
        value = _money(fields["amount"], "amount")
        currency = _currency(fields["currency"])
        if fields["asset_kind"] not in ASSET_KINDS:
            raise invalid("result.asset_kind", "asset_kind", value=str(fields["asset_kind"]),
                          allowed=list(ASSET_KINDS))
    details = {k: v for k, v in fields.items()
               if k not in ("quantity", "unit", "value", "currency", "amount")}
    with store.transaction() as conn:
        result = conn.execute(operation_results.insert().values(
            operation_id=operation_id, kind=kind, agency=agency.code, country=where,
            happened_on=when, place=place, quantity=quantity, unit=unit, value=value,
            currency=currency, details=json.dumps(details, ensure_ascii=False),
            recorded_by=actor.user, recorded_at=datetime.now(UTC)))
        result_id = int(result.inserted_primary_key[0])
        chain.append(conn, "result", actor.user, agency=agency.code,
                     subjects=[str(details["record_id"])] if "record_id" in details else [],
                     details={"operation": operation_id, "result": result_id, "kind": kind})
    full = dict(details)
    if quantity is not None:
        full.update(quantity=quantity, unit=unit)
    if value is not None:
        full.update({"amount" if kind == "asset_freeze" else "value": value,
                     "currency": currency})
    return Result(result_id, operation_id, kind, agency.code, where, when, place, full)


def _result(row: Any) -> Result:
    details = json.loads(row.details)
    if row.quantity is not None:
        details.update(quantity=row.quantity, unit=row.unit)
    if row.value is not None:
        details.update({"amount" if row.kind == "asset_freeze" else "value": row.value,
                        "currency": row.currency})
    return Result(row.id, row.operation_id, row.kind, row.agency, row.country, row.happened_on,
                  row.place, details)


def _visible_operations(store: SQLStore, agency: str | None) -> list[str]:
    with store.engine.connect() as conn:
        if agency is None:
            return [r.id for r in conn.execute(select(operations.c.id))]
        return [r.operation_id for r in conn.execute(
            select(operation_members.c.operation_id)
            .where(operation_members.c.agency == agency))]


def list_results(store: SQLStore, agency: str | None,
                 operation_id: str | None = None) -> list[Result]:
    """Results of the operations `agency` is on (all of them for None: the platform's own
    figures), or of one of them."""
    ids = _visible_operations(store, agency)
    if operation_id is not None:
        if operation_id not in ids:
            raise LookupError(operation_id)
        ids = [operation_id]
    with store.engine.connect() as conn:
        rows = conn.execute(select(operation_results)
                            .where(operation_results.c.operation_id.in_(ids))
                            .order_by(operation_results.c.happened_on,
                                      operation_results.c.id)).all()
    return [_result(r) for r in rows]


def add_up(results: list[Result], by: str = "operation") -> list[Totals]:
    """Totals per operation, country or month (YYYY-MM), in key order."""
    if by not in ("operation", "country", "month", "all"):
        raise invalid("ledger.unknown_grouping", "by", value=by)
    groups: dict[str, Totals] = {}
    for r in results:
        key = {"operation": r.operation_id, "country": r.country,
               "month": r.on.strftime("%Y-%m"), "all": "all"}[by]
        t = groups.setdefault(key, Totals(key))
        if r.kind == "arrest":
            t.arrests += 1
        elif r.kind == "seizure":
            t.seizures += 1
            base, factor = UNITS[r.details["unit"]]
            # older results kept the commodity as typed: counted under its code where it has one
            label = f"{commodity_code(r.details['commodity'], strict=False)} {base}"
            t.seized[label] = round(t.seized.get(label, 0.0) + r.details["quantity"] * factor, 6)
            if "value" in r.details:
                cur = r.details["currency"]
                t.seized_value[cur] = round(t.seized_value.get(cur, 0.0) + r.details["value"], 2)
        elif r.kind == "asset_freeze":
            t.assets_frozen += 1
            cur = r.details["currency"]
            t.frozen[cur] = round(t.frozen.get(cur, 0.0) + r.details["amount"], 2)
        elif r.kind == "organisation_identified":
            t.organisations_identified += 1
        elif r.kind == "organisation_dismantled":
            t.organisations_dismantled += 1
        elif r.kind == "investigation_opened":
            t.investigations_opened += 1
    return [groups[k] for k in sorted(groups)]


def totals(store: SQLStore, agency: str | None, by: str = "operation",
           operation_id: str | None = None) -> list[Totals]:
    return add_up(list_results(store, agency, operation_id), by)
