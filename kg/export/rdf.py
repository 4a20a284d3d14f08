"""RDF re-export of the selected part of a source: Turtle, TriG, N-Triples, N-Quads, JSON-LD.

Named-graph formats (TriG, N-Quads, JSON-LD) keep one graph per article; Turtle and N-Triples
get the union of the graphs, each triple once. Written by pyoxigraph (streaming, fast at 1 M
triples), except JSON-LD, which this module writes compacted with the kg context
(``kg.rdf.JSONLD_CONTEXT``: the kg prefixes, and Korean as the default language, so a Korean label
is a plain JSON string).

What is exported: without a selection, every quad of the source. With one (``--focus``,
``--types``, ``--since``/``--until``, ``--no-statements``), the description of every selected
entity and event, and, in the same article graphs, what they point to through evidence and
provenance (mentions, sentences, articles, extraction runs), the positions between selected
nodes and their titles. Links to entities and events outside the selection are left out.

Order: an embedded Oxigraph store is read in its own index order (fixed for a given content);
quads from a SPARQL endpoint or a selection are sorted. Either way the same source gives the
same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from ..rdf import JSONLD_CONTEXT, PREFIXES
from ..store import OxigraphSource, Source

FORMATS = {"ttl": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nt": ox.RdfFormat.N_TRIPLES,
           "nq": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD}
NAMED_GRAPHS = {"trig", "nq", "jsonld"}
_KG, _PROV, _ORG = PREFIXES["kg"], PREFIXES["prov"], "http://www.w3.org/ns/org#"
_FOLLOW = {  # from a selected thing to what belongs to it
    _KG + "evidence", _KG + "sentence", _PROV + "wasDerivedFrom", _PROV + "wasGeneratedBy",
    _PROV + "wasAssociatedWith", _ORG + "role",
}
_CHUNK = 2000  # IRIs per VALUES block
_ALL_QUADS = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
_ALL_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
_MEMBERSHIPS = "SELECT ?m ?person ?organization WHERE { ?m <%sorganization> ?organization ; <%smember> ?person }" % (_ORG, _ORG)


def render(src: Source, fmt: str, selected: set[str] | None = None, all_nodes: set[str] | None = None) -> bytes:
    """Serialize the source, or only what belongs to the ``selected`` node IRIs (``all_nodes`` are
    every entity and event of the source, to leave out links that leave the selection)."""
    if fmt not in NAMED_GRAPHS:  # the union: each triple once
        if selected is None:
            triples: Iterable[ox.Triple] = _all_triples(src)
        else:
            triples = sorted({q.triple for q in _selected_quads(src, selected, all_nodes or set())}, key=str)
        return ox.serialize(triples, format=FORMATS[fmt], prefixes=PREFIXES)
    quads: Iterable[ox.Quad] = _all_quads(src) if selected is None else _selected_quads(src, selected, all_nodes or set())
    if fmt == "jsonld":
        return _jsonld(quads)
    return ox.serialize(quads, format=FORMATS[fmt], prefixes=PREFIXES)


def _sort_key(q: ox.Quad) -> tuple[str, str, str, str]:
    return str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)


def _all_quads(src: Source) -> Iterable[ox.Quad]:
    if isinstance(src, OxigraphSource):
        return src.store.quads_for_pattern(None, None, None, None)
    return sorted((ox.Quad(s, p, o, g) for g, s, p, o in src.query(_ALL_QUADS)), key=_sort_key)


def _all_triples(src: Source) -> Iterable[ox.Triple]:
    triples = src.query(_ALL_TRIPLES)
    if isinstance(src, OxigraphSource):
        return triples
    return sorted((t.triple if isinstance(t, ox.Quad) else t for t in triples), key=str)  # endpoints parse to quads


def _describe(src: Source, subjects: list[str]) -> Iterator[ox.Quad]:
    for i in range(0, len(subjects), _CHUNK):
        values = " ".join(f"<{s}>" for s in subjects[i:i + _CHUNK])
        for g, s, p, o in src.query(f"SELECT ?g ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"):
            yield ox.Quad(s, p, o, g)


def _selected_quads(src: Source, selected: set[str], all_nodes: set[str]) -> list[ox.Quad]:
    """Quads of the selected nodes and of what they point to (see the module docstring)."""
    memberships = {m.value for m, person, organization in src.query(_MEMBERSHIPS)
                   if person.value in selected and organization.value in selected}
    quads: list[ox.Quad] = []
    graphs: set[ox.NamedNode] | None = None  # the article graphs the selected nodes are described in
    seen = set(selected) | memberships
    frontier = sorted(seen)
    while frontier:
        found: set[str] = set()
        batch = [q for q in _describe(src, frontier) if graphs is None or q.graph_name in graphs]
        if graphs is None:
            graphs = {q.graph_name for q in batch if q.subject.value in selected}
            batch = [q for q in batch if q.graph_name in graphs]
        for q in batch:
            target = q.object.value if isinstance(q.object, ox.NamedNode) else None
            if target in all_nodes and target not in selected:
                continue
            quads.append(q)
            if q.predicate.value in _FOLLOW and target is not None and target not in seen:
                found.add(target)
        seen |= found
        frontier = sorted(found)
    return sorted(set(quads), key=_sort_key)


# -- JSON-LD ---------------------------------------------------------------------------------------
# pyoxigraph writes expanded JSON-LD fast; its IRIs are then compacted with the kg prefixes by
# plain byte replacement. That is exact because the output has no whitespace and JSON escapes
# every quote inside a string: `"@id":"NS`, `"@type":"NS`, `{"NS` and `,"NS` only occur where an
# IRI starts (a node or datatype IRI, or a property key), never inside a literal's text.

_CONTEXT = {**JSONLD_CONTEXT, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
_COMPACTIONS = [(before + namespace.encode(), before + prefix.encode() + b":")
                for prefix, namespace in sorted(_CONTEXT.items(), key=lambda item: -len(item[1]))
                if not prefix.startswith("@")
                for before in (b'"@id":"', b'"@type":"', b'{"', b',"')]


def _jsonld(quads: Iterable[ox.Quad]) -> bytes:
    """JSON-LD with the kg context and compact IRIs (``kgr:company/kakao``, ``kg:Fire``): one
    object per named graph, one line per node."""
    data = ox.serialize(quads, format=ox.RdfFormat.JSON_LD)
    for expanded, compact in _COMPACTIONS:
        data = data.replace(expanded, compact)
    data = data.replace(b'},{"@id":', b'},\n{"@id":').replace(b'"@graph":[{', b'"@graph":[\n{')
    context = json.dumps(_CONTEXT, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
    return b'{"@context": ' + context + b',\n"@graph": ' + data + b"}\n"
