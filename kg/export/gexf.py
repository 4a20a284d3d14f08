"""GEXF 1.3 for Gephi, with dynamic spells so the timeline plays the story.

Written here rather than by ``nx.write_gexf(version="1.3")``, which stamps today's date in
``<meta lastmodifieddate>`` (the same graph would give different bytes tomorrow), misspells the
XML Schema instance namespace in its 1.3 header, and wants spells as list-valued node attributes
(the projection keeps attributes plain). networkx reads the result back
(``nx.read_gexf(path, version="1.3")``).

Time: the graph is ``mode="dynamic"`` with ``timeformat="date"``. An event lives during its time
span (``start``..``end``: a day, or every day of a month or year); an entity appears with its first
event or article and stays (a spell with a start and no end). Nodes without any date have no spell
and are always shown; edges have none, so they show while both their ends do.
"""

from __future__ import annotations

import networkx as nx

from .. import __version__
from .common import attribute_types, rgb, xml_text

_GEXF_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}
_NODE_ELEMENT_ATTRIBUTES = ("label",)  # written on <node>, not as attvalues
_EDGE_ELEMENT_ATTRIBUTES = ("label",)


def _escape(value) -> str:
    """Text for XML: markup escaped, tab/newline/CR as references (attribute values keep them)."""
    if isinstance(value, bool):
        value = "true" if value else "false"
    text = xml_text(str(value))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return text.replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")


def _attr(value) -> str:
    return f'"{_escape(value)}"'


def _declarations(cls: str, types: dict[str, type], skip: tuple[str, ...]) -> list[str]:
    lines = [f'    <attributes class="{cls}" mode="static">']
    for name, kind in types.items():
        if name not in skip:
            lines.append(f"      <attribute id={_attr(name)} title={_attr(name)} type=\"{_GEXF_TYPES[kind]}\"/>")
    lines.append("    </attributes>")
    return lines


def _attvalues(data: dict, skip: tuple[str, ...], indent: str) -> list[str]:
    values = [f"{indent}  <attvalue for={_attr(k)} value={_attr(v)}/>" for k, v in data.items() if k not in skip]
    return [f"{indent}<attvalues>", *values, f"{indent}</attvalues>"] if values else []


def _spell(graph: nx.MultiDiGraph, node: str, data: dict) -> tuple[str | None, str | None]:
    if data["kind"] == "event":
        return data.get("start"), data.get("end")
    starts = [graph.nodes[m].get("start") for m in nx.all_neighbors(graph, node) if graph.nodes[m]["kind"] == "event"]
    return min(filter(None, [data.get("start"), *starts]), default=None), None


def render(graph: nx.MultiDiGraph) -> bytes:
    node_types = attribute_types(d for _, d in graph.nodes(data=True))
    edge_types = attribute_types(d for _, _, d in graph.edges(data=True))
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
        "  <meta>",
        f"    <creator>kg {__version__}</creator>",
        f"    <description>{_escape(graph.graph.get('name', ''))}</description>",
        "  </meta>",
        '  <graph defaultedgetype="directed" mode="dynamic" timeformat="date" timerepresentation="interval">',
        *_declarations("node", node_types, _NODE_ELEMENT_ATTRIBUTES),
        *_declarations("edge", edge_types, _EDGE_ELEMENT_ATTRIBUTES),
        "    <nodes>",
    ]
    for node, data in graph.nodes(data=True):
        out.append(f"      <node id={_attr(node)} label={_attr(data.get('label', node))}>")
        out.extend(_attvalues(data, _NODE_ELEMENT_ATTRIBUTES, "        "))
        start, end = _spell(graph, node, data)
        if start:
            bounds = f"start={_attr(start)}" + (f" end={_attr(end)}" if end else "")
            out.extend(["        <spells>", f"          <spell {bounds}/>", "        </spells>"])
        r, g, b = rgb(data.get("type", ""))
        out.append(f'        <viz:color r="{r}" g="{g}" b="{b}"/>')
        out.append("      </node>")
    out.append("    </nodes>")
    out.append("    <edges>")
    for u, v, key, data in graph.edges(keys=True, data=True):
        label = data.get("label", data.get("type", ""))
        out.append(f"      <edge id={_attr(key)} source={_attr(u)} target={_attr(v)} "
                   f"label={_attr(label)} kind={_attr(data.get('type', ''))}>")
        out.extend(_attvalues(data, _EDGE_ELEMENT_ATTRIBUTES, "        "))
        out.append("      </edge>")
    out.extend(["    </edges>", "  </graph>", "</gexf>", ""])
    return "\n".join(out).encode("utf-8")
