"""Helpers the format writers share: XML-safe text, attribute types, type colours."""

from __future__ import annotations

import re
from collections.abc import Iterable

import networkx as nx

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
# Entities in distinct hues; events by family: incidents red/orange, people changes purple,
# money green, legal brown, labour and business teal/blue, words grey.
_COLORS = {
    "Company": "#1f77b4", "Organization": "#17becf", "NewsOutlet": "#7f7f7f", "Person": "#e6a700",
    "Facility": "#8c564b", "Location": "#2ca02c", "Product": "#e377c2",
    "Fire": "#d62728", "Accident": "#e8532b", "ServiceOutage": "#ff7f0e", "DataBreach": "#c2185b",
    "Recall": "#f06292", "ProductionHalt": "#ef8a62",
    "Appointment": "#9467bd", "Resignation": "#6a3d9a", "Dismissal": "#b15928",
    "EarningsCall": "#2e7d32", "EarningsAnnouncement": "#66bb6a", "Acquisition": "#00897b",
    "Merger": "#26a69a", "Investment": "#9ccc65", "IPO": "#7cb342", "Bankruptcy": "#5d4037",
    "Lawsuit": "#a1887f", "Settlement": "#bcaaa4", "Sanction": "#795548", "Investigation": "#8d6e63",
    "Layoff": "#00695c", "Strike": "#4db6ac", "ProductLaunch": "#3949ab", "Partnership": "#5c6bc0",
    "Apology": "#90a4ae", "Plan": "#546e7a", "Statement": "#b0bec5",
}
LEGEND_ORDER = tuple(_COLORS)


def color(node_type: str) -> str:
    return _COLORS.get(node_type, "#999999")


def rgb(node_type: str) -> tuple[int, int, int]:
    value = color(node_type)
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)
