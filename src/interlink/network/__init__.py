"""Network analysis on the graph a viewer may see: key actors, cells, paths, money, routes,
disruption and exports.

    from interlink.network import network_from_store, key_actors, detect_communities
    net = network_from_store(store, Viewer("analyst", "FR-OFAST", "drug_trafficking"))
    net = merge_clusters(net, clusters)        # one node per resolved entity
    ranking = key_actors(net, top=20)          # each actor with score, role and reason
    cells = detect_communities(net)            # Leiden (NetworKit)
    paths = shortest_paths(net, net.find(a), net.find(b), k=3)   # hops with evidence
    findings = detect_patterns(net)            # round trips, layering, structuring, ...

Graphs are built only from records the policy gate shows the viewer in full (`build.py`), or
from plain edge files (`edgefile.py`). Algorithms run on NetworKit (MIT); python-igraph is GPL
and is not used.
"""

from interlink.network.actors import ROLES, ActorScore, KeyActors, Reason, key_actors
from interlink.network.actors import describe as describe_reason
from interlink.network.build import (
    GraphBuilder,
    build_network,
    builder_from_store,
    network_from_store,
    renew_from_store,
)
from interlink.network.communities import Communities, Community, detect_communities
from interlink.network.disrupt import (
    DisruptionPlan,
    Fragmentation,
    fragmentation,
    key_players,
    removal_effect,
)
from interlink.network.edgefile import network_from_arrays, read_edges_csv
from interlink.network.export import export
from interlink.network.graph import Network, PaymentFact, RouteFact
from interlink.network.merge import merge_clusters, read_clusters_csv
from interlink.network.money import country_flows, entity_flows, follow
from interlink.network.paths import Path, ego_network, shortest_paths
from interlink.network.patterns import Finding, Rules
from interlink.network.patterns import detect as detect_patterns
from interlink.network.routes import Route, legs, routes, transit_countries

__all__ = [
    "ActorScore",
    "Communities",
    "Community",
    "DisruptionPlan",
    "Finding",
    "Fragmentation",
    "GraphBuilder",
    "builder_from_store",
    "renew_from_store",
    "KeyActors",
    "Network",
    "Path",
    "PaymentFact",
    "ROLES",
    "Reason",
    "Route",
    "RouteFact",
    "Rules",
    "build_network",
    "country_flows",
    "describe_reason",
    "detect_communities",
    "detect_patterns",
    "ego_network",
    "entity_flows",
    "export",
    "follow",
    "fragmentation",
    "key_actors",
    "key_players",
    "legs",
    "merge_clusters",
    "network_from_arrays",
    "network_from_store",
    "read_clusters_csv",
    "read_edges_csv",
    "removal_effect",
    "routes",
    "shortest_paths",
    "transit_countries",
]
