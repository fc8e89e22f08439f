"""Key actors by role: brokers between cells first, leaders at the centre of cells, mirror
images equal, and each rank with a reason code and parameters."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from interlink.network import key_actors, network_from_arrays, read_edges_csv
from interlink.network.actors import Reason, describe
from tests.network.conftest import write_edges


def _net(edges: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    ids = sorted({x for e in edges for x in e})
    index = {x: i for i, x in enumerate(ids)}
    src = np.array([index[a] for a, _ in edges])
    dst = np.array([index[b] for _, b in edges])
    return network_from_arrays(len(ids), src, dst, ids=ids)


def two_8_cliques_and_a_broker() -> list[tuple[str, str]]:
    edges = [(f"{s}{i}", f"{s}{j}") for s in "ab" for i in range(1, 9) for j in range(i + 1, 9)]
    return edges + [("X", "a1"), ("X", "a2"), ("X", "b1"), ("X", "b2")]


def test_broker_between_two_8_cliques_first_and_mirror_images_equal() -> None:
    result = key_actors(_net(two_8_cliques_and_a_broker()), top=None)
    first = result.actors[0]
    assert first.id == "X"
    assert first.role == "broker"
    assert first.reason_code == "broker"
    assert first.reason_params["cells"] == 2
    assert first.reason_params["path_share"] == 1.0
    assert first.reason_params["betweenness_rank"] == 1
    assert abs(first.reason_params["betweenness"] - 64 / 120) < 1e-6  # 53% of all paths
    score = {a.id: a.score for a in result.actors}
    for i in range(1, 9):
        assert score[f"a{i}"] == score[f"b{i}"], i
    # the members the broker touches are mirror images of each other as well
    assert score["a1"] == score["a2"] and score["a3"] == score["a8"]
    assert all(score["X"] > s for k, s in score.items() if k != "X")
    # deterministic: the same order twice
    again = key_actors(_net(two_8_cliques_and_a_broker()), top=None)
    assert [a.id for a in again.actors] == [a.id for a in result.actors]


def cells_with_leaders(sizes: tuple[int, ...]) -> list[tuple[str, str]]:
    """Cells whose leader L<k> is tied to every member, members tied in a chain, and every two
    cells tied through one member of each (a different member for each other cell), so no
    single member carries the traffic between cells."""
    edges: list[tuple[str, str]] = []
    for k, size in enumerate(sizes):
        members = [f"m{k}_{i}" for i in range(size)]
        edges += [(f"L{k}", m) for m in members]
        edges += list(zip(members, members[1:], strict=False))
        edges += [(f"m{k}_{j}", f"m{j}_{k}") for j in range(k + 1, len(sizes))]
    return edges


def test_leaders_at_the_centre_of_cells() -> None:
    sizes = (9, 8, 7, 6)
    result = key_actors(_net(cells_with_leaders(sizes)), top=None)
    top = [a.id for a in result.actors[: len(sizes)]]
    assert sorted(top) == [f"L{k}" for k in range(len(sizes))]
    # the leader of the largest cell first
    assert top[0] == "L0"
    for actor in result.actors[: len(sizes)]:
        leader = next(r for r in actor.reasons if r.code == "leader")
        assert leader.params["cell_rank"] == 1
        assert leader.params["cell_size"] >= 7
        assert "leader: centre of cell" in actor.reason


def test_meetings_count_more_than_calls_for_a_leader() -> None:
    # two cells alike but for how the centre reaches its members: met, or only phoned
    rows = []
    for k, kind in ((0, "meeting"), (1, "call")):
        members = [f"m{k}_{i}" for i in range(6)]
        rows += [(f"L{k}", m, kind) for m in members]
        rows += [(a, b, "meeting") for a, b in zip(members, members[1:], strict=False)]
    rows.append(("m0_0", "m1_0", "meeting"))
    path = write_edges(Path(__file__).parent / "_layers.csv", rows, "source,target,type")
    try:
        result = key_actors(read_edges_csv(path), top=None)
    finally:
        path.unlink()
    by_id = {a.id: a for a in result.actors}
    assert by_id["L0"].roles["leader"] > by_id["L1"].roles["leader"] > 0
    leader = next(r for r in by_id["L1"].reasons if r.code == "leader")
    assert leader.params["call_ties"] == 6 and leader.params["meeting_ties"] == 0


def test_reasons_are_codes_with_parameters_and_english_text() -> None:
    result = key_actors(_net(cells_with_leaders((6, 6, 6))), top=None)
    codes = {"broker", "leader", "financier", "hub", "ties"}
    for actor in result.actors:
        assert actor.reasons, actor.id
        assert {r.code for r in actor.reasons} <= codes
        assert actor.reasons[-1].code == "ties"
        assert actor.reason == "; ".join(describe(r) for r in actor.reasons)
        assert actor.role in ("broker", "leader", "financier", "hub")
        assert actor.reason_code == actor.reasons[0].code
    text = describe(Reason("financier", {"payments": 3, "counterparties": 2, "amount": 1500.0}))
    assert text == "financier: 3 payment or account row(s) with 2 counterpart(ies), 1,500.00 in " \
                   "known amounts"


def test_financier_touches_the_money(tmp_path: Path) -> None:
    rows = [(f"m{i}", f"m{i + 1}", "associate", "") for i in range(5)]
    rows += [("F", f"m{i}", "payment", "1000") for i in range(5)]
    path = write_edges(tmp_path / "money.csv", rows, "source,target,type,amount")
    result = key_actors(read_edges_csv(path), top=None)
    first = result.actors[0]
    assert first.id == "F"
    financier = next(r for r in first.reasons if r.code == "financier")
    assert financier.params == {"payments": 5, "counterparties": 5, "amount": 5000.0}
