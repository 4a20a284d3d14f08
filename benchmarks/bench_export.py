"""Benchmark: every `kg export` format on the worked example and on a 1 M-triple store.

Usage::

    python benchmarks/bench_export.py                    # store cached in /tmp/kg-bench-export-store
    python benchmarks/bench_export.py --store DIR --triples 1000000 --skip-baseline

How the 1 M-triple store is made (it keeps the event-graph shape of real output):

1. The dev articles (``examples/dev``) are built with the normal pipeline (about 8 k quads,
   21 article graphs).
2. Their quads are replicated with renamed IRIs, through pyoxigraph, until the target size is
   reached. Copy ``r`` renames every article-scoped IRI (``graph/ID``, ``article/ID``,
   ``event/ID/..``, ``mention/ID/..``, ``sentence/ID/..``, ``membership/ID/..``, ``run/ID/..``)
   to ``ID-rNNNN`` and the ``schema:identifier`` with it, and moves its dates
   (``schema:datePublished``, day-precision event times) ``r`` days later. Entity IRIs
   (``company/..``, ``person/..``, ...) become ``..-gNNNN`` with ``g = r // 4``, and their labels
   get `` gNNNN``: each entity is shared by four copies (cross-article aggregation is exercised)
   and the store has many distinct entities, as a real corpus does. Titles are shared by all.
3. The quads go into an embedded on-disk Oxigraph store (``kg ingest``'s kind), reused on the next
   run when its size matches.

Each export then runs in a fresh subprocess (``kg.export.export(store, fmt, out)``) so its time
and peak RSS are its own. The baseline is the naive conversion the exports replace: the same
triples parsed into an rdflib ``Graph`` and turned into a networkx ``MultiDiGraph`` with every
triple an edge and every literal a node (``rdflib.extras.external_graph_libs``). Budget: each
format < 10 s at 1 M triples (DESIGN.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "dev" / "news1-kakao-2022-11-03.txt"
KGR = "https://w3id.org/kgnews/id/"
ARTICLE_SCOPED = {"article", "graph", "event", "mention", "sentence", "membership", "run"}
ENTITY_KINDS = {"company", "organization", "newsoutlet", "person", "facility", "location", "product"}
SCHEMA_IDENTIFIER = "https://schema.org/identifier"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
FORMATS = ("graphml", "gexf", "cytoscape", "json", "dot", "csv", "html", "ttl", "trig", "nt", "nq", "jsonld")


# -- the 1 M-triple store ------------------------------------------------------------------------

def dev_quads() -> list[ox.Quad]:
    from kg.api import build
    from kg.rdf import serialize

    inputs = sorted(p for p in (ROOT / "examples" / "dev").iterdir() if p.suffix in (".txt", ".html", ".jsonl"))
    data = serialize(build(inputs), "nquads", True)
    return list(ox.parse(data, format=ox.RdfFormat.N_QUADS))


class Renamer:
    """Renames the terms of one copy (see the module docstring)."""

    def __init__(self, copy: int):
        self.copy = copy
        self.suffix = f"-r{copy:04d}"
        self.group = f"-g{copy // 4:04d}"
        self.cache: dict[str, ox.NamedNode] = {}

    def iri(self, node: ox.NamedNode) -> ox.NamedNode:
        value = node.value
        if not value.startswith(KGR):
            return node
        renamed = self.cache.get(value)
        if renamed is None:
            kind, _, rest = value[len(KGR):].partition("/")
            if kind in ARTICLE_SCOPED:
                article, sep, tail = rest.partition("/")
                rest = article + self.suffix + sep + tail
            elif kind in ENTITY_KINDS:
                rest = rest + self.group
            renamed = self.cache[value] = ox.NamedNode(f"{KGR}{kind}/{rest}")
        return renamed

    def term(self, subject: ox.NamedNode, predicate: ox.NamedNode, term):
        if isinstance(term, ox.NamedNode):
            return self.iri(term)
        if not isinstance(term, ox.Literal):
            return term
        if predicate.value == SCHEMA_IDENTIFIER:
            return ox.Literal(term.value + self.suffix)
        if term.datatype.value == XSD_DATE and self.copy:
            day = dt.date.fromisoformat(term.value) + dt.timedelta(days=self.copy)
            return ox.Literal(day.isoformat(), datatype=term.datatype)
        if predicate.value == RDFS_LABEL and self.copy >= 4 and subject.value[len(KGR):].split("/", 1)[0] in ENTITY_KINDS:
            return ox.Literal(f"{term.value} {self.group[1:]}", language=term.language)
        return term

    def quad(self, q: ox.Quad) -> ox.Quad:
        return ox.Quad(self.iri(q.subject), q.predicate, self.term(q.subject, q.predicate, q.object), self.iri(q.graph_name))


def build_store(path: Path, triples: int) -> int:
    """Make (or reuse) the benchmark store; returns its number of quads."""
    marker = path / "bench-size.txt"
    if marker.exists() and int(marker.read_text()) >= triples * 0.95:
        return int(marker.read_text())
    import shutil

    if path.exists():
        shutil.rmtree(path)
    base = dev_quads()
    copies = max(1, round(triples / len(base)))
    store = ox.Store(str(path))
    for copy in range(copies):
        renamer = Renamer(copy)
        store.bulk_extend([renamer.quad(q) for q in base])
    store.flush()
    store.optimize()
    size = len(store)
    del store
    (path / "kg-store.txt").write_text("An embedded Oxigraph store written by kg.\n", encoding="utf-8")
    marker.write_text(str(size))
    return size
