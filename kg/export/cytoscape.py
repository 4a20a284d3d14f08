"""Cytoscape.js JSON (``cy.json()`` elements; Cytoscape desktop: File > Import > Network from File).

Nodes carry ``name`` (the label, which Cytoscape desktop displays) and every projection attribute;
edges carry ``interaction`` (the edge type, Cytoscape's convention) and their attributes. The HTML
viewer embeds the same elements.
"""

from __future__ import annotations

import json

import networkx as nx

from .. import __version__


def elements(graph: nx.MultiDiGraph) -> dict[str, list[dict]]:
    nodes = [{"data": {"id": node, "name": data.get("label", node), **data}} for node, data in graph.nodes(data=True)]
    edges = [{"data": {"id": key, "source": u, "target": v, "interaction": data.get("type", ""), **data}}
             for u, v, key, data in graph.edges(keys=True, data=True)]
    return {"nodes": nodes, "edges": edges}


def render(graph: nx.MultiDiGraph) -> bytes:
    document = {
        "format_version": "1.0",
        "generated_by": f"kg {__version__}",
        "target_cytoscapejs_version": "~3.35",
        "data": {"name": graph.graph.get("name", ""), "articles": graph.graph.get("articles", {})},
        "elements": elements(graph),
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
