"""CSV for ``neo4j-admin database import``: a directory with ``nodes.csv`` and ``relationships.csv``.

Headers follow the import tool: ``id:ID`` (the IRI), ``:LABEL`` (``Entity;Company``,
``Event;Fire``), ``:START_ID``, ``:END_ID``, ``:TYPE`` (``SPEAKER``, ``CAUSES``, ``OWNED_BY``,
``POSITION``), typed columns (``articles:long``, ``confidence:double``, ``first_seen:date``).
Evidence sentences hold newlines, so import with ``--multiline-fields=true``::

    neo4j-admin database import full --nodes=DIR/nodes.csv \\
        --relationships=DIR/relationships.csv --multiline-fields=true neo4j
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import networkx as nx

from ..api import write_bytes
from .common import attribute_types

DATE_COLUMNS = {"start", "end", "first_seen", "last_seen"}
_NEO4J_TYPES = {str: "", int: ":long", float: ":double", bool: ":boolean"}
_SPECIAL = {"kind", "type"}  # become :LABEL / :TYPE


def relationship_type(name: str) -> str:
    """``ownedBy`` -> ``OWNED_BY``."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).upper()


def _header(types: dict[str, type]) -> list[str]:
    return [f"{name}{':date' if name in DATE_COLUMNS else _NEO4J_TYPES[kind]}" for name, kind in types.items()]


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _table(header: list[str], rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def nodes_csv(graph: nx.MultiDiGraph) -> bytes:
    types = {k: t for k, t in attribute_types(d for _, d in graph.nodes(data=True)).items() if k not in _SPECIAL}
    rows = ([node, f"{data['kind'].capitalize()};{data['type']}", *(_value(data.get(k, "")) for k in types)]
            for node, data in graph.nodes(data=True))
    return _table(["id:ID", ":LABEL", *_header(types)], rows)


def relationships_csv(graph: nx.MultiDiGraph) -> bytes:
    types = {k: t for k, t in attribute_types(d for _, _, d in graph.edges(data=True)).items() if k not in _SPECIAL}
    rows = ([u, v, relationship_type(data["type"]), *(_value(data.get(k, "")) for k in types)]
            for u, v, data in graph.edges(data=True))
    return _table([":START_ID", ":END_ID", ":TYPE", *_header(types)], rows)


def write(graph: nx.MultiDiGraph, output: str | Path) -> None:
    """Write ``nodes.csv`` and ``relationships.csv`` into the directory ``output`` (made if missing;
    its parent must exist)."""
    directory = Path(output)
    directory.mkdir(exist_ok=True)
    write_bytes(nodes_csv(graph), directory / "nodes.csv")
    write_bytes(relationships_csv(graph), directory / "relationships.csv")
