"""Extraction on a Dask distributed cluster, and N-Quads shards for a server's bulk loader.

The client (where ``kg ingest --dask`` runs) reads the inputs and sends batches of raw articles
to the cluster; each worker process builds one :class:`~kg.pipeline.Pipeline` (one Kiwi, ~0.5 GB)
on its first task and keeps it for every later one, and sends back each article's graph as
N-Quads bytes (so RDF is built on the workers too). The client writes the graphs, in input order,
to a store or to shard files. At most ``window`` batches are in flight, so the client's memory
stays flat however big the corpus is.

Workers need kg installed (the same version) and the same ``--lexicon`` directories at the same
paths; nothing else is shared (the store lives with the client).
"""

from __future__ import annotations

import os
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError, KgError
from .model import RawArticle

__all__ = ["ArticleGraph", "dask_graphs", "ShardWriter", "connect"]

_PIPELINES: dict[tuple[str, ...], object] = {}  # one Pipeline per worker process and lexicon


@dataclass(frozen=True)
class ArticleGraph:
    """One article's graph as built on a worker."""

    id: str
    source: str
    graph: str
    nquads: bytes

    def quads(self) -> list[ox.Quad]:
        return list(ox.parse(self.nquads, format=ox.RdfFormat.N_QUADS))


def worker_pipeline(lexicon_dirs: tuple[str, ...]):
    """The worker's pipeline, created on its first task and kept (a cached global)."""
    pipeline = _PIPELINES.get(lexicon_dirs)
    if pipeline is None:
        from .pipeline import Pipeline

        pipeline = _PIPELINES[lexicon_dirs] = Pipeline(lexicon_dirs=lexicon_dirs)
    return pipeline


def extract_batch(raws: list[RawArticle], lexicon_dirs: tuple[str, ...]) -> list[ArticleGraph | InputError]:
    """The task run on a worker: articles -> graphs (or the error of each bad article)."""
    from .rdf import graph_iri
    from .writer import article_quads

    pipeline = worker_pipeline(lexicon_dirs)
    results: list[ArticleGraph | InputError] = []
    for result in pipeline.stream(raws):  # one result per article, in order; Kiwi works ahead
        if isinstance(result, InputError):
            results.append(result)
            continue
        quads = article_quads(result, pipeline.lexicon)
        results.append(ArticleGraph(result.article.id, result.article.source, str(graph_iri(result.article.id)),
                                    ox.serialize(quads, format=ox.RdfFormat.N_QUADS)))
    return results


def connect(address):
    """A ``distributed.Client`` for a scheduler address (``tcp://host:8786``), or the client given."""
    try:
        from distributed import Client
    except ImportError:
        raise KgError("Dask is not installed (pip install 'kg-news[dask]')") from None
    if isinstance(address, Client):
        return address, False
    try:
        return Client(address, timeout="20s"), True
    except OSError as ex:
        raise KgError(f"{address}: cannot reach the Dask scheduler ({ex})") from None


def dask_graphs(raws: Iterable[RawArticle], address, lexicon_dirs: tuple[str, ...] = (), batch: int = 16,
                window: int | None = None) -> Iterator[ArticleGraph | InputError]:
    """Graphs (or errors) of the articles, in input order, extracted on the cluster."""
    client, own = connect(address)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        window = window or 2 * workers
        pending: deque = deque()

        def batches():
            chunk: list[RawArticle] = []
            for raw in raws:
                chunk.append(raw)
                if len(chunk) == batch:
                    yield chunk
                    chunk = []
            if chunk:
                yield chunk

        for chunk in batches():
            pending.append(client.submit(extract_batch, chunk, lexicon_dirs, pure=False))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        if own:
            client.close()


class ShardWriter:
    """Article graphs as N-Quads shard files (``part-00000.nq``, ...) of about ``per_shard``
    articles each, for a server's bulk loader (Virtuoso ``ld_dir``, ``oxigraph load``, ...).
    Each shard is written to a temporary name and renamed when complete."""

    def __init__(self, directory: str | Path, per_shard: int = 1000):
        self.directory = Path(directory)
        if self.directory.exists() and not self.directory.is_dir():
            raise KgError(f"{directory}: is a file (give a directory for the shards)")
        self.directory.mkdir(parents=True, exist_ok=True)
        self.per_shard = per_shard
        self.number = len(list(self.directory.glob("part-*.nq")))
        self.handle = None
        self.in_shard = 0

    def write_graphs(self, graphs: Iterable[tuple[str, list[ox.Quad]] | ArticleGraph]) -> int:
        written = 0
        for item in graphs:
            data = item.nquads if isinstance(item, ArticleGraph) else ox.serialize(item[1], format=ox.RdfFormat.N_QUADS)
            written += data.count(b"\n")
            if self.handle is None:
                fd, self.tmp = tempfile.mkstemp(dir=self.directory, prefix=".part-", suffix=".tmp")
                self.handle = os.fdopen(fd, "wb")
            self.handle.write(data)
            self.in_shard += 1
            if self.in_shard >= self.per_shard:
                self._finish()
        return written

    def _finish(self) -> None:
        self.handle.close()
        os.chmod(self.tmp, 0o644)
        os.replace(self.tmp, self.directory / f"part-{self.number:05d}.nq")
        self.number += 1
        self.handle = None
        self.in_shard = 0

    def close(self) -> None:
        """Finish the last shard (every article in it is complete)."""
        if self.handle is not None:
            self._finish()
