"""Streaming RDF output: article graphs go from extraction straight to a file, one at a time.

No whole-corpus graph is ever held: each article's triples (``rdf.article_triples``) become
pyoxigraph quads, sorted within the article, and pyoxigraph's serializer writes them as they come.

- Named-graph formats (TriG, N-Quads, JSON-LD) write one graph per article, in input order.
- Turtle and N-Triples are the union of the article graphs: a triple that two articles share
  (an entity's type and labels, a title's labels) is written once. Only triples that can repeat
  across articles are remembered, as 12-byte digests -- triples about an article's own mentions,
  events, sentences and memberships (or pointing to them) cannot, so memory grows with the number
  of distinct entities, not with the number of articles.

Output goes to a temporary file beside the target and replaces it only when every article was
written, so a failed or interrupted build leaves the previous output untouched. The target is
checked before any extraction work (:func:`check_output`). The same input gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from .errors import KgError
from .gcpause import gc_paused
from .rdf import JSONLD_CONTEXT, PREFIXES, article_triples, format_for, graph_iri
from .terms import to_ox
from .namespace import KGR

__all__ = ["check_output", "article_quads", "write_graphs", "to_ox", "OX_FORMATS", "jsonld_compact",
           "serialize_quads"]

OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nt": ox.RdfFormat.N_TRIPLES,
              "nquads": ox.RdfFormat.N_QUADS, "json-ld": ox.RdfFormat.JSON_LD}
# IRIs that belong to one article: a triple with one of these as subject or object never repeats
# in another article's graph (article ids are unique within a build)
_ARTICLE_SCOPED = tuple(f"{KGR}{kind}/" for kind in
                        ("article", "mention", "event", "membership", "sentence", "run", "graph"))


# -- terms ---------------------------------------------------------------------------------------

@gc_paused
def article_quads(extraction, lexicon) -> list[ox.Quad]:
    """One article's graph as pyoxigraph quads: each once, sorted (as N-Quads lines sort)."""
    graph = ox.NamedNode(str(graph_iri(extraction.article.id)))  # one per article: not worth a cache
    quads = {ox.Quad(s, p, o, graph) for s, p, o in article_triples(extraction, lexicon)}
    return sorted(quads, key=str)


# -- output files ----------------------------------------------------------------------------------

def check_output(output: str | Path, fmt: str | None = None) -> tuple[str, bool]:
    """Fail early, before any extraction work, when ``output`` cannot be written: a directory, a
    missing parent directory, a place without write permission, an unknown format. Returns the
    (format, named graphs) pair of :func:`kg.rdf.format_for`."""
    name = str(output)
    if name == "-":
        return format_for("", fmt or "trig")
    path = Path(name)
    if path.is_dir():
        raise KgError(f"{name}: is a directory (give a file name such as {path / 'graph.trig'})")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        raise KgError(f"{name}: the directory {parent} does not exist (create it first)")
    if not parent.is_dir():
        raise KgError(f"{name}: {parent} is not a directory")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise KgError(f"{name}: cannot write in {parent} (permission denied; choose another place)")
    if path.exists() and not os.access(path, os.W_OK):
        raise KgError(f"{name}: the file is read-only (permission denied; choose another name)")
    return format_for(name, fmt)


class _AtomicFile:
    """A temporary file beside ``path`` that replaces it on :meth:`commit`."""

    def __init__(self, path: Path):
        self.path = path
        fd, self.tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        self.handle = os.fdopen(fd, "wb")

    def commit(self) -> None:
        self.handle.close()
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.tmp, 0o666 & ~umask)  # mkstemp makes 0600; an output file is for others too
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        self.handle.close()
        if os.path.exists(self.tmp):
            os.unlink(self.tmp)


def write_graphs(graphs: Iterable[list[ox.Quad]], output: str | Path, fmt: str | None = None) -> int:
    """Stream article graphs (lists of quads, one list per article) to ``output`` (``-`` is
    standard output) in the format of its extension or ``fmt``; returns the number of
    statements written (quads, or for Turtle/N-Triples distinct triples)."""
    rdf_format, named = check_output(output, fmt)
    if str(output) == "-":
        handle = sys.stdout.buffer
        count = serialize_quads(graphs, rdf_format, named, handle)
        handle.flush()
        return count
    target = _AtomicFile(Path(output))
    try:
        count = serialize_quads(graphs, rdf_format, named, target.handle)
    except BaseException:
        target.abort()
        raise
    target.commit()
    return count


def serialize_quads(graphs: Iterable[list[ox.Quad]], rdf_format: str, named: bool, handle) -> int:
    """Write article graphs to a binary file object (see :func:`write_graphs`)."""
    counter = [0]
    if rdf_format == "json-ld":
        _write_jsonld(graphs, handle, counter)
        return counter[0]
    statements = _counted(graphs, counter) if named else _union(graphs, counter)
    ox.serialize(statements, output=handle, format=OX_FORMATS[rdf_format], prefixes=PREFIXES)
    return counter[0]


def _counted(graphs: Iterable[list[ox.Quad]], counter: list[int]) -> Iterator[ox.Quad]:
    for quads in graphs:
        counter[0] += len(quads)
        yield from quads


def _union(graphs: Iterable[list[ox.Quad]], counter: list[int]) -> Iterator[ox.Triple]:
    """Triples of all graphs, each once (see the module docstring for what is remembered)."""
    shared: set[bytes] = set()
    for quads in graphs:
        for quad in quads:
            triple = quad.triple
            obj = triple.object
            if triple.subject.value.startswith(_ARTICLE_SCOPED) or (
                    isinstance(obj, ox.NamedNode) and obj.value.startswith(_ARTICLE_SCOPED)):
                counter[0] += 1
                yield triple
                continue
            digest = hashlib.blake2b(str(triple).encode("utf-8"), digest_size=12).digest()
            if digest in shared:
                continue
            shared.add(digest)
            counter[0] += 1
            yield triple


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


def jsonld_compact(data: bytes) -> bytes:
    """pyoxigraph's expanded JSON-LD (a list of graph objects) with kg prefixes, one node a line,
    without the enclosing brackets."""
    for expanded, compact in _COMPACTIONS:
        data = data.replace(expanded, compact)
    data = data.replace(b'},{"@id":', b'},\n{"@id":').replace(b'"@graph":[{', b'"@graph":[\n{')
    return data[1:-1] if data.startswith(b"[") and data.endswith(b"]") else data


def jsonld_header() -> bytes:
    context = json.dumps(_CONTEXT, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
    return b'{"@context": ' + context + b',\n"@graph": ['


def _write_jsonld(graphs: Iterable[list[ox.Quad]], handle, counter: list[int]) -> None:
    handle.write(jsonld_header())
    first = True
    for quads in graphs:
        if not quads:
            continue
        counter[0] += len(quads)
        handle.write((b"\n" if first else b",\n") + jsonld_compact(ox.serialize(quads, format=ox.RdfFormat.JSON_LD)))
        first = False
    handle.write(b"\n]}\n")


def dataset_graphs(dataset) -> Iterator[list[ox.Quad]]:
    """The graphs of an rdflib ``Dataset`` as sorted quad lists (the Python API's ``kg.write``)."""
    for context in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if not isinstance(context.identifier, URIRef) or not len(context):
            continue
        graph = ox.NamedNode(str(context.identifier))
        yield sorted({ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph) for s, p, o in context}, key=str)


