"""Money: following payments, flows, and laundering patterns on hand-made payment graphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from interlink.core import InvalidInput, Viewer
from interlink.network import (
    build_network,
    country_flows,
    detect_patterns,
    entity_flows,
    follow,
    read_edges_csv,
)
from tests.network.conftest import rec, write_edges

HEADER = "source,target,type,amount,currency,date,evidence"


def payments_csv(tmp_path: Path, rows: list[tuple]) -> Path:
    full = [(s, t, "payment", a, "EUR", d, ev) for s, t, a, d, ev in rows]
    return write_edges(tmp_path / "pay.csv", full, header=HEADER)


def test_cycle_of_payments_is_a_round_trip(tmp_path: Path) -> None:
    net = read_edges_csv(payments_csv(tmp_path, [
        ("FRONT", "NL", 100000, "2025-03-01", "pay-1"),
        ("NL", "AE", 98500, "2025-03-05", "pay-2"),
        ("AE", "FRONT", 97000, "2025-03-12", "pay-3"),
        ("FRONT", "SUPPLIER", 2500, "2025-03-20", "pay-4"),  # ordinary business
    ]))
    findings = detect_patterns(net)
    assert [f.kind for f in findings] == ["round_trip"]
    (trip,) = findings
    assert trip.records == ["pay-1", "pay-2", "pay-3"]
    assert [net.ids[i] for i in trip.nodes] == ["FRONT", "NL", "AE"]
    assert "round trip of 100,000.00 EUR in 3 payments over 11 days" in trip.summary


def test_slow_or_shrinking_cycle_is_not_a_round_trip(tmp_path: Path) -> None:
    net = read_edges_csv(payments_csv(tmp_path, [
        ("A", "B", 100000, "2025-03-01", "p1"),
        ("B", "C", 98000, "2025-06-01", "p2"),  # three months later
        ("C", "A", 30000, "2025-06-02", "p3"),  # a third of it
    ]))
    assert detect_patterns(net) == []


def test_star_of_deposits_is_fan_in_structuring(tmp_path: Path) -> None:
    rows = [(f"MULE{i}", "COLLECT", 9000 + 100 * i, f"2025-04-{i + 1:02d}", f"dep-{i}")
            for i in range(1, 8)]
    rows.append(("SHOP", "COLLECT", 4000, "2025-04-20", "dep-x"))  # not just under anything
    net = read_edges_csv(payments_csv(tmp_path, rows))
    (finding,) = detect_patterns(net)
    assert finding.kind == "fan_in"
    assert finding.records == [f"dep-{i}" for i in range(1, 8)]
    assert net.ids[finding.nodes[0]] == "COLLECT"
    assert "7 payments just under 10,000.00 EUR into COLLECT from 7 payers" in finding.summary


def test_fan_out(tmp_path: Path) -> None:
    rows = [("CONSULT", f"ACC{i}", 4800, "2025-05-02", f"out-{i}") for i in range(6)]
    (finding,) = detect_patterns(read_edges_csv(payments_csv(tmp_path, rows)))
    assert finding.kind == "fan_out"
    assert len(finding.payments) == 6


def test_pass_through_account(tmp_path: Path) -> None:
    net = read_edges_csv(payments_csv(tmp_path, [
        ("SHELL", "RELAY", 40000, "2025-01-10", "in-1"),
        ("RELAY", "DUBAI", 39700, "2025-01-11", "out-1"),
        ("SHELL", "RELAY", 25000, "2025-02-03", "in-2"),
        ("RELAY", "DUBAI", 24800, "2025-02-03", "out-2"),
    ]))
    kinds = [f.kind for f in detect_patterns(net)]
    assert kinds == ["pass_through"]  # the two-leg chains it covers are not repeated
    (finding,) = detect_patterns(net)
    assert finding.records == ["in-1", "out-1", "in-2", "out-2"]


def test_layering_chain(tmp_path: Path) -> None:
    net = read_edges_csv(payments_csv(tmp_path, [
        ("COLLECT", "NL", 200000, "2025-01-10", "l1"),
        ("NL", "AE", 196000, "2025-01-13", "l2"),
        ("AE", "HK", 193000, "2025-01-15", "l3"),
        ("HK", "EXPORTER", 190000, "2025-01-19", "l4"),
    ]))
    (finding,) = detect_patterns(net)
    assert finding.kind == "layering"
    assert finding.records == ["l1", "l2", "l3", "l4"]
    assert "through 3 intermediaries in 9 days" in finding.summary


def test_follow_forward_and_backward(tmp_path: Path) -> None:
    net = read_edges_csv(payments_csv(tmp_path, [
        ("A", "B", 100, "2025-01-01", "p1"),
        ("B", "C", 90, "2025-01-02", "p2"),
        ("C", "D", 80, "2025-01-03", "p3"),
        ("Z", "A", 50, "2024-12-01", "p0"),
    ]))
    start = net.find("A")
    forward = follow(net, start, hops=2, direction="forward")
    assert [(s.hop, s.payment.records) for s in forward] == [(1, ("p1",)), (2, ("p2",))]
    backward = follow(net, start, hops=3, direction="backward")
    assert [s.payment.records for s in backward] == [("p0",)]
    both = follow(net, net.find("B"), hops=1)
    assert {s.payment.records[0] for s in both} == {"p1", "p2"}
    with pytest.raises(InvalidInput):
        follow(net, start, hops=0)


def test_flows_per_entity_and_country() -> None:
    ma = "MA-DGSN"
    records = [
        rec(ma, "p1", "Person", name="A"),
        rec(ma, "p2", "Person", name="B"),
        rec(ma, "acc1", "BankAccount", accountNumber="1", country="ma"),
        rec(ma, "acc2", "BankAccount", accountNumber="2", country="es"),
        rec(ma, "o1", "Ownership", owner="p1", asset="acc1"),
        rec(ma, "o2", "Ownership", owner="p2", asset="acc2"),
        *(rec(ma, f"pay{i}", "Payment", payer="p1", payerAccount="acc1", beneficiary="p2",
              beneficiaryAccount="acc2",
              amount=str(1000 * i), currency="EUR", date=f"2025-01-0{i}") for i in (1, 2, 3)),
    ]
    net = build_network(records, Viewer("ali", ma))
    (flow,) = entity_flows(net)
    assert (net.ids[flow.source], net.ids[flow.target], flow.amount, flow.count) == (
        "p1", "p2", 6000.0, 3)
    assert (flow.first, flow.last) == ("2025-01-01", "2025-01-03")
    (cflow,) = country_flows(net)
    assert (cflow.source, cflow.target, cflow.amount) == ("ma", "es", 6000.0)
    # following the person starts from the accounts he holds
    steps = follow(net, net.index["p1"], hops=1, direction="forward")
    assert len(steps) == 3
