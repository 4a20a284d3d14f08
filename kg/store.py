"""Stores: where graphs live and how they are queried.

- an RDF file (Turtle, TriG, N-Triples, N-Quads, JSON-LD) loaded into an in-memory Oxigraph store;
- an embedded on-disk Oxigraph store (a directory) -- the default, no server to start;
- a SPARQL 1.1 endpoint (``http://...``), through the SPARQL 1.1 Protocol.

Queries always see the union of all article graphs as the default graph. SPARQL runs on
Oxigraph or on the remote server, never on rdflib's own engine (too slow past ~100 k triples).
"""

from __future__ import annotations

import os
import time
import urllib.error
from contextlib import contextmanager
import urllib.parse
import urllib.request
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from .errors import KgError, QueryError, StoreError
from .writer import to_ox  # noqa: F401  (re-exported: rdflib term -> pyoxigraph term)

__all__ = ["open_source", "Source", "OxigraphSource", "EndpointSource", "to_ox", "RDF_FILE_FORMATS"]

RDF_FILE_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE, ".turtle": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS, ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD, ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML,
}
_MARKER = "kg-store.txt"  # written into store directories made by kg
_TABLE_FILES = 96  # RocksDB table files an embedded store being written keeps open (see _open_files_limit)
_FLUSH_EVERY = 200_000  # quads written between flushes of the embedded store (keeps ingest RSS flat)


class Source:
    """Something SPARQL can be run against."""

    name: str

    def query(self, sparql: str):  # -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class OxigraphSource(Source):
    def __init__(self, store: ox.Store, name: str, writable: bool = False):
        self.store = store
        self.name = name
        self.writable = writable

    def query(self, sparql: str):
        try:
            return self.store.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as ex:
            raise QueryError(f"the SPARQL query does not parse: {ex}") from None
        except OSError as ex:
            raise StoreError(f"{self.name}: {ex}") from None

    # -- writing (embedded stores) ------------------------------------------------------

    def replace_graph(self, graph: str, quads: list[ox.Quad]) -> int:
        """Replace one named graph with the given quads; returns the number written."""
        return self.write_graphs([(graph, quads)])

    def write_graphs(self, graphs: Iterable[tuple[str, list[ox.Quad]]], batch: int = 20000,
                     seconds: float = 1.0) -> int:
        """Replace each article's named graph, several articles at a time (up to ``batch`` quads,
        or what came in ``seconds``): one transaction drops the graphs that exist, the bulk
        loader adds the new ones. A commit per article costs more than the article's extraction
        on a slow disk. Killed part way, a re-run puts every article back."""
        pending: list[tuple[ox.NamedNode, list[ox.Quad]]] = []
        size = written = unflushed = 0
        started = time.monotonic()

        def commit() -> None:
            nonlocal unflushed
            existing = [g for g, _ in pending if self.store.contains_named_graph(g)]
            if existing:
                self.store.update(" ;\n".join(f"DROP SILENT GRAPH <{g.value}>" for g in existing))
            # the bulk loader: ~5x faster than a transaction, and a kill part way leaves only
            # complete or partial article graphs that a re-run drops and writes again
            self.store.bulk_extend([q for _, quads in pending for q in quads])
            unflushed += sum(len(quads) for _, quads in pending)
            pending.clear()
            if unflushed >= _FLUSH_EVERY:  # RocksDB's write buffers would otherwise grow to ~2 GB
                self.store.flush()
                unflushed = 0

        for graph, quads in graphs:
            g = ox.NamedNode(str(graph))
            pending.append((g, [q if q.graph_name == g else ox.Quad(q.subject, q.predicate, q.object, g) for q in quads]))
            size += len(quads)
            written += len(quads)
            if size >= batch or time.monotonic() - started >= seconds:
                commit()
                size, started = 0, time.monotonic()
        if pending:
            commit()
        return written

    def flush(self) -> None:
        self.store.flush()

    def close(self) -> None:
        if self.writable:
            self.store.flush()


class EndpointSource(Source):
    """A SPARQL 1.1 endpoint. Credentials come from the URL (``http://user:pw@host/sparql-auth``),
    sent with HTTP Basic or Digest authentication, whichever the server asks for."""

    def __init__(self, url: str, timeout: float = 60.0):
        parts = urllib.parse.urlsplit(url)
        handlers = []
        if parts.username:
            netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
            url = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, url, urllib.parse.unquote(parts.username), urllib.parse.unquote(parts.password or ""))
            handlers = [urllib.request.HTTPDigestAuthHandler(passwords), urllib.request.HTTPBasicAuthHandler(passwords)]
        self.opener = urllib.request.build_opener(*handlers)
        self.url = url
        self.name = url
        self.timeout = timeout

    def _post(self, body: dict, accept: str, endpoint: str | None = None) -> bytes:
        data = urllib.parse.urlencode(body).encode("utf-8")
        request = urllib.request.Request(endpoint or self.url, data=data, method="POST", headers={
            "Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as ex:
            detail = ex.read()[:300].decode("utf-8", "replace").strip()
            hint = " (check the user and password in the URL)" if ex.code in (401, 403) else ""
            raise StoreError(f"{self.url}: HTTP {ex.code} {ex.reason}{hint}: {detail}") from None
        except (urllib.error.URLError, OSError) as ex:
            raise StoreError(f"{self.url}: cannot reach the SPARQL endpoint ({getattr(ex, 'reason', ex)}; is the server running?)") from None

    def query(self, sparql: str):
        kind = _query_kind(sparql)
        if kind in ("CONSTRUCT", "DESCRIBE"):
            data = self._post({"query": sparql}, "application/n-triples")
            return ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
        data = self._post({"query": sparql}, "application/sparql-results+json")
        try:
            return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as ex:
            raise StoreError(f"{self.url}: the endpoint did not answer with SPARQL JSON results ({ex})") from None

    def update(self, sparql: str) -> None:
        self._post({"update": sparql}, "*/*")

    def replace_graph(self, graph: str, quads: list[ox.Quad]) -> int:
        return self.write_graphs([(graph, quads)])

    def write_graphs(self, graphs: Iterable[tuple[str, list[ox.Quad]]], batch: int = 1000) -> int:
        """SPARQL 1.1 Update: for each article, drop its graph and insert its triples; several
        articles go in one request of up to ``batch`` triples (FINDINGS: Virtuoso rejects
        ``INSERT DATA`` of 5,000 triples), a bigger article in several."""
        operations: list[str] = []
        size = written = 0

        def send() -> None:
            nonlocal size
            if operations:
                self.update(" ;\n".join(operations))
                operations.clear()
                size = 0

        for graph, quads in graphs:
            operations.append(f"DROP SILENT GRAPH <{graph}>")
            triples = [q.triple for q in quads]
            for i in range(0, len(triples), batch):
                chunk = triples[i:i + batch]
                if size + len(chunk) > batch:
                    send()
                body = ox.serialize(chunk, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
                operations.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}}} }}")
                size += len(chunk)
            written += len(triples)
        send()
        return written


def _query_kind(sparql: str) -> str:
    import re

    body = re.sub(r"(?im)^\s*(PREFIX|BASE)\s+[^\n]*$", "", re.sub(r"#[^\n]*", "", sparql))
    m = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", body, re.I)
    return m.group(1).upper() if m else "SELECT"


def is_store_dir(path: Path) -> bool:
    return path.is_dir() and ((path / _MARKER).exists() or (path / "CURRENT").exists())


@contextmanager
def _open_files_limit(limit: int):
    """Lower the soft limit of open files while a store opens: Oxigraph gives RocksDB that limit
    less 48 as its number of table files kept open, and each open table file keeps its index in
    memory -- with the limit of a typical shell (thousands), ingest memory grows with the store
    (+12 % from 10 k to 100 k articles). The limit is put back once the store is open."""
    try:
        import resource
    except ImportError:  # not on Unix: Oxigraph keeps 512 there
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft <= limit:
        yield
        return
    try:
        open_now = len(os.listdir("/proc/self/fd"))
    except OSError:
        open_now = 0
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(limit, open_now + 64), hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def open_store(path: str | Path, create: bool = True, read_only: bool = False) -> OxigraphSource:
    """Open (or create) an embedded Oxigraph store directory."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: is a file, not a store directory (give a directory for --store)")
    if path.is_dir() and any(path.iterdir()) and not is_store_dir(path):
        raise StoreError(f"{path}: this directory is not a kg store (it has other files); give a new or empty directory")
    if not path.exists():
        if not create:
            raise StoreError(f"{path}: no such store")
        path.mkdir(parents=True)
    try:
        if read_only:
            store = ox.Store.read_only(str(path))
        else:
            with _open_files_limit(_TABLE_FILES + 48):
                store = ox.Store(str(path))
    except OSError as ex:
        if "lock" in str(ex).lower():
            raise StoreError(f"{path}: the store is in use by another process (close it, or query it read-only)") from None
        raise StoreError(f"{path}: cannot open the store: {ex}") from None
    if not read_only and not (path / _MARKER).exists():
        (path / _MARKER).write_text("An embedded Oxigraph store written by kg.\n", encoding="utf-8")
    return OxigraphSource(store, str(path), writable=not read_only)


def open_source(source: str, write: bool = False) -> Source:
    """An RDF file, a store directory, or a SPARQL endpoint URL."""
    if source.startswith(("http://", "https://")):
        return EndpointSource(source)
    path = Path(source)
    if path.is_dir():
        if not is_store_dir(path):
            raise StoreError(f"{source}: this directory is not a kg store (make one with: kg ingest FILES --store {source})")
        return open_store(path, create=False, read_only=not write)
    if not path.exists():
        raise KgError(f"{source}: no such file, store directory or URL")
    fmt = RDF_FILE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise KgError(f"{source}: unknown RDF format '{path.suffix}' (use .ttl, .trig, .nt, .nq or .jsonld)")
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as ex:
        raise KgError(f"{source}: not valid {fmt.name}: {ex}") from None
    return OxigraphSource(store, source)

