"""Small hand-made graphs whose right answers are known, and record helpers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from interlink.core import Envelope, Record

ENVELOPES: dict[str, Envelope] = {}


def rec(agency: str, id_: str, schema: str, **props: Any) -> Record:
    """A record of `agency` with FtM properties given as keywords (lists or single values)."""
    env = ENVELOPES.get(agency)
    if env is None:
        env = ENVELOPES[agency] = Envelope(owner=agency)
    properties = {k: v if isinstance(v, list) else [v] for k, v in props.items()}
    return Record.from_dict({"id": id_, "schema": schema, "properties": properties}, env)


def write_edges(path: Path, rows: list[tuple], header: str = "source,target") -> Path:
    lines = [header, *(",".join(str(x) for x in row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def planted_ties(rng: np.random.Generator, n: int, m: int, group: int, inside: float,
                 ) -> tuple[np.ndarray, np.ndarray]:
    """`m` random ties among `n` nodes in planted groups of `group` consecutive ids, a share
    `inside` of them within the tie's own group: cells exist and nodes tie into several."""
    src = rng.integers(0, n, m)
    dst = np.where(rng.random(m) < inside, (src // group) * group + rng.integers(0, group, m),
                   rng.integers(0, n, m))
    return src, dst


def two_cliques_with_broker() -> list[tuple[str, str]]:
    """Two 5-cliques (a1..a5, b1..b5) and a broker X tied to two members of each."""
    edges = []
    for side in "ab":
        names = [f"{side}{i}" for i in range(1, 6)]
        edges += [(x, y) for i, x in enumerate(names) for y in names[i + 1 :]]
    edges += [("X", "a1"), ("X", "a2"), ("X", "b1"), ("X", "b2")]
    return edges


@pytest.fixture
def broker_csv(tmp_path: Path) -> Path:
    return write_edges(tmp_path / "broker.csv", two_cliques_with_broker())


def planted_periods(seed: int = 5, n: int = 400) -> tuple[Any, np.random.Generator]:
    """A network of 10 x `n` planted ties in six periods drawn at random, and the generator,
    to draw more from: the periods network of the threads and determinism tests."""
    from interlink.network import network_from_arrays

    rng = np.random.default_rng(seed)
    src, dst = planted_ties(rng, n, 10 * n, 20, 0.8)
    net = network_from_arrays(n, src, dst)
    net.period = rng.integers(0, 6, len(src)).astype(np.int32)
    net.periods = [f"P{p}" for p in range(6)]
    return net, rng
