"""Exports for visualization tools: a readable property graph, not every literal as a node.

Example::

    from kg.export import export, project
    graph = project("kakao.trig", focus="카카오", hops=2)      # a networkx MultiDiGraph
    export("kakao.trig", "html", "kakao.html")                # the offline viewer

Formats (``to``): ``graphml`` (yEd, Gephi, Cytoscape), ``gexf`` (Gephi, 1.3 with time spells),
``cytoscape`` (Cytoscape.js JSON), ``json`` (D3 node-link), ``dot`` (Graphviz), ``csv`` (a
directory for ``neo4j-admin database import``), ``html`` (one self-contained viewer file), and
RDF: ``ttl``, ``trig``, ``nt``, ``nq``, ``jsonld``. See :mod:`kg.export.project` for the nodes,
edges and attributes, and each format's module for how it is written.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import networkx as nx

from ..errors import KgError
from ..store import Source
from .project import Selection, opened, project, project_all, select

__all__ = ["project", "export", "FORMATS"]

FORMATS = {  # --to name -> module
    "graphml": "graphml", "gexf": "gexf", "cytoscape": "cytoscape", "json": "d3", "dot": "dot",
    "csv": "neo4j_csv", "html": "html",
    "ttl": "rdf", "trig": "rdf", "nt": "rdf", "nq": "rdf", "jsonld": "rdf",
}


def _module(to: str):
    name = FORMATS.get((to or "").lower())
    if name is None:
        raise KgError(f"unknown export format '{to}' (use one of: {', '.join(FORMATS)})")
    return importlib.import_module(f"{__name__}.{name}")


def export(source: str | Path | Source, to: str, output: str | Path, **options) -> nx.MultiDiGraph | None:
    """Export ``source`` (RDF file, store directory or endpoint URL) as format ``to`` into ``output``
    (a file, ``-`` for standard output, or a directory for ``csv``). ``options`` are
    :func:`project`'s: ``focus``, ``hops``, ``types``, ``since``, ``until``, ``statements``.
    Returns the exported property graph, or None for an RDF export of the whole source."""
    from ..api import write_bytes

    module = _module(to)
    selection = Selection.parse(**options)
    _check_output(output, to)
    with opened(source) as src:
        if module.__name__.endswith(".rdf"):
            return _export_rdf(src, module, to.lower(), output, selection)
        graph = project_all(src)
    select(graph, selection)
    if hasattr(module, "write"):
        module.write(graph, output)
    else:
        write_bytes(module.render(graph), output)
    return graph


def _export_rdf(src: Source, module, fmt: str, output, selection: Selection) -> nx.MultiDiGraph | None:
    """RDF re-export: every quad (no projection needed: returns None), or what belongs to the
    selected nodes (returns their projection)."""
    from ..api import write_bytes

    if selection.everything:
        write_bytes(module.render(src, fmt), output)
        return None
    graph = project_all(src)
    all_nodes = set(graph)
    select(graph, selection)
    write_bytes(module.render(src, fmt, set(graph), all_nodes), output)
    return graph


def _check_output(output: str | Path, to: str) -> None:
    """Fail before the work when the output cannot be written."""
    path = Path(output)
    if to.lower() == "csv":
        if str(output) == "-" or path.is_file():
            raise KgError(f"{output}: --to csv writes a directory (nodes.csv, relationships.csv); give one with -o DIR")
    elif str(output) == "-":
        return
    elif path.is_dir():
        raise KgError(f"{output}: is a directory; give a file name for --to {to}")
    if not path.parent.exists():
        raise KgError(f"{output}: the directory {path.parent} does not exist")
