"""DOT for Graphviz: ``dot -Tsvg graph.dot -o graph.svg`` (or ``sfdp`` for large graphs).

Labels are the Korean labels; the graph asks for the Nanum Gothic font (Debian ``fonts-nanum``),
which fontconfig replaces by another font with Hangul glyphs if it is missing. Entities are
ellipses, events rounded boxes, both filled with their type's colour.
"""

from __future__ import annotations

import networkx as nx

from .common import color, xml_text

FONT = "NanumGothic"
_MAX_LABEL = 40  # characters shown on a node; the full label is in the tooltip


def quote(text: str) -> str:
    """A DOT double-quoted string whose text Graphviz shows as is: backslashes and quotes escaped,
    ``&`` written as ``&amp;`` (Graphviz reads ``&name;`` entities in labels), newlines as ``\\n``,
    and characters SVG cannot hold replaced by U+FFFD."""
    text = xml_text(text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;").replace("\n", "\\n")
    return f'"{text}"'


def _short(text: str) -> str:
    return text if len(text) <= _MAX_LABEL else text[:_MAX_LABEL - 1] + "…"


def _node_line(node: str, data: dict) -> str:
    shape = "ellipse" if data.get("kind") == "entity" else "box"
    style = "filled" if shape == "ellipse" else "filled,rounded"
    attributes = {
        "label": _short(data.get("label", node)), "tooltip": f"{data.get('type', '')}: {data.get('label', node)}",
        "shape": shape, "style": style, "fillcolor": color(data.get("type", "")),
    }
    return f"  {quote(node)} [{', '.join(f'{k}={quote(v)}' for k, v in attributes.items())}];"


def render(graph: nx.MultiDiGraph) -> bytes:
    lines = [
        "digraph kg {",
        f"  graph [charset=\"UTF-8\", rankdir=\"LR\", fontname=\"{FONT}\", label={quote(graph.graph.get('name', ''))}];",
        f"  node [fontname=\"{FONT}\", fontsize=\"11\", fontcolor=\"#111111\", color=\"#555555\"];",
        f"  edge [fontname=\"{FONT}\", fontsize=\"9\", color=\"#888888\", fontcolor=\"#555555\"];",
    ]
    lines.extend(_node_line(node, data) for node, data in graph.nodes(data=True))
    for u, v, data in graph.edges(data=True):
        lines.append(f"  {quote(u)} -> {quote(v)} [label={quote(data.get('label', data.get('type', '')))}];")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")
