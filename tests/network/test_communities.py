"""Graphs at the edge of the algorithms' inputs."""

from __future__ import annotations

import numpy as np

from interlink.network import detect_communities, key_actors, network_from_arrays


def test_a_graph_without_links_has_singletons_and_ranks_every_node() -> None:
    """People with no link between them (a new case, a filtered view): no NetworKit error,
    every node its own community, every node ranked."""
    none = np.array([], dtype=np.int64)
    net = network_from_arrays(3, none, none)
    assert sorted(c.size for c in detect_communities(net).communities) == [1, 1, 1]
    assert sorted(a.id for a in key_actors(net, top=3).actors) == ["0", "1", "2"]
