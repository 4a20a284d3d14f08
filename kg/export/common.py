"""Helpers the format writers share: XML-safe text, attribute types, type colours."""

from __future__ import annotations

import re
from collections.abc import Iterable

import networkx as nx

from ..registry import ENTITY_TYPES, EVENT_TYPES, color
from .project import plain_graph_attributes

__all__ = ["xml_text", "xml_safe_graph", "attribute_types", "color", "rgb", "LEGEND_ORDER"]

# XML 1.0 cannot hold C0 controls other than tab, newline and carriage return, lone surrogates or
# U+FFFE/U+FFFF, not even as character references. XML formats (GraphML, GEXF, DOT -> SVG) get
# U+FFFD in their place; JSON, CSV, HTML and RDF keep the text exactly.
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _XML_INVALID.sub("\ufffd", text)


def _xml_value(value):
    return xml_text(value) if isinstance(value, str) else value


def xml_safe_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with XML-safe strings and only plain graph attributes."""
    safe = nx.MultiDiGraph(**{k: _xml_value(v) for k, v in plain_graph_attributes(graph).items()})
    safe.add_nodes_from((n, {k: _xml_value(v) for k, v in d.items()}) for n, d in graph.nodes(data=True))
    safe.add_edges_from((u, v, k, {a: _xml_value(x) for a, x in d.items()})
                        for u, v, k, d in graph.edges(keys=True, data=True))
    return safe


def attribute_types(items: Iterable[dict]) -> dict[str, type]:
    """Attribute name -> Python type (``str``, ``int``, ``float``, ``bool``) over all items, in
    first-seen order; an attribute with both ints and floats is ``float``."""
    types: dict[str, type] = {}
    for data in items:
        for key, value in data.items():
            seen = types.get(key)
            kind = type(value)
            if seen is None:
                types[key] = kind
            elif seen is not kind:
                types[key] = float if {seen, kind} <= {int, float} else str
    return types


# -- colours (viewer, DOT, GEXF) ----------------------------------------------------------------------
# From the registry (kg:displayColor in the ontology): entities in distinct hues; events by family:
# incidents red/orange, people changes purple, money green, legal brown, labour and business
# teal/blue, words grey.
LEGEND_ORDER = ENTITY_TYPES + EVENT_TYPES


def rgb(node_type: str) -> tuple[int, int, int]:
    value = color(node_type)
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)
