"""D3 node-link JSON (``d3.forceSimulation(nodes).force("link", d3.forceLink(links).id(d => d.id))``),
as networkx writes it: ``{"directed", "multigraph", "graph", "nodes": [{"id", ...}],
"links": [{"source", "target", "key", ...}]}``. ``graph.articles`` describes the source articles."""

from __future__ import annotations

import json

import networkx as nx


def render(graph: nx.MultiDiGraph) -> bytes:
    data = nx.node_link_data(graph, edges="links")
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
