"""GraphML for yEd, Gephi, Cytoscape and igraph, written by networkx.

Every attribute gets a typed ``<key>`` (``string``, ``int``/``long``, ``double``, ``boolean``),
because the projection holds only plain Python values. Key ids are networkx's ``d0``, ``d1``...
(node and edge keys share names such as ``label``, and ids must be unique). In yEd, map ``label``
to the node text with Edit > Properties Mapper.
"""

from __future__ import annotations

import io

import networkx as nx

from .common import xml_safe_graph


def render(graph: nx.MultiDiGraph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml_lxml(xml_safe_graph(graph), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()
