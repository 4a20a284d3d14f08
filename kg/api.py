"""The Python API, one function per CLI command (the CLI is a thin shell over these)."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from rdflib import Dataset

from .errors import InputError, KgError
from .pipeline import BuildReport, Pipeline, graph_of
from .store import EndpointSource, OxigraphSource, open_source, open_store
from .writer import check_output, dataset_graphs, write_graphs

__all__ = ["build", "build_file", "write", "query", "ingest", "stats", "validate", "ontology_path", "write_bytes",
           "RejectsFile"]


def build(inputs: Iterable[str | Path], pipeline: Pipeline | None = None, skip_errors: bool = False,
          report: BuildReport | None = None) -> Dataset:
    """Build the graph of the given input files (``-`` is standard input)."""
    return (pipeline or Pipeline()).build(inputs, skip_errors=skip_errors, report=report)


def write_bytes(data: bytes, output: str | Path) -> None:
    """Write to a file atomically (a failed run never leaves a half-written file), or ``-``."""
    if str(output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    path = Path(output)
    if path.parent and not path.parent.exists():
        raise KgError(f"{output}: the directory {path.parent} does not exist")
    fd, tmp = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; an output file is for others to read too
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write(dataset: Dataset, output: str | Path, fmt: str | None = None) -> None:
    """Serialize a dataset to ``output`` (format from the extension unless ``fmt`` is given)."""
    write_graphs(dataset_graphs(dataset), output, fmt)


class RejectsFile:
    """``--rejects FILE``: one JSON line per rejected file or record, written as it happens."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if self.path.is_dir():
            raise KgError(f"{path}: is a directory (give a file name for the rejects, e.g. rejects.jsonl)")
        if not self.path.parent.exists():
            raise KgError(f"{path}: the directory {self.path.parent} does not exist (create it first)")
        try:
            self.handle = open(self.path, "w", encoding="utf-8")
        except OSError as ex:
            raise KgError(f"{path}: cannot write the rejects file ({ex.strerror})") from None

    def __call__(self, error: InputError) -> None:
        record = {"source": error.source, "line": error.line, "problem": error.problem, "hint": error.hint}
        self.handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.handle.flush()

    def close(self) -> None:
        self.handle.close()


def build_file(inputs: Iterable[str | Path], output: str | Path, fmt: str | None = None,
               pipeline: Pipeline | None = None, strict: bool = False, report: BuildReport | None = None,
               progress: Callable[[object], None] | None = None, input_format: str | None = None,
               workers: int | None = None) -> BuildReport:
    """Build the graph of the inputs straight into a file, article by article (memory stays flat
    with corpus size). A bad file or record is reported in ``report`` and skipped, unless
    ``strict``; when no article at all could be built, nothing is written and the first error is
    raised. The output is checked before any work and replaced only at the end."""
    check_output(output, fmt)
    pipeline = pipeline or Pipeline()
    report = report if report is not None else BuildReport()

    def graphs():
        for result in pipeline.extractions(inputs, not strict, report, progress, input_format, workers):
            yield graph_of(result, pipeline.lexicon)[1]
        if report.articles == 0 and report.errors:
            raise report.errors[0]

    report.statements = write_graphs(graphs(), output, fmt)
    return report


def query(source: str, sparql: str):
    """Run SPARQL (text or a .rq path) on an RDF file, a store directory or an endpoint URL."""
    from .query import run_query

    return run_query(source, sparql)


def ingest(inputs: Iterable[str | Path], store: str | Path | None, pipeline: Pipeline | None = None,
           strict: bool = False, report: BuildReport | None = None,
           progress: Callable[[object], None] | None = None, workers: int | None = None, dask=None,
           shards: str | Path | None = None) -> BuildReport:
    """Extract articles into a persistent store (an embedded store directory or a SPARQL endpoint
    URL), replacing each article's named graph, and/or into N-Quads shard files (``shards``, a
    directory, for a server's bulk loader). Bad files or records are reported in ``report`` and
    skipped, unless ``strict``. ``workers`` local processes (see ``Pipeline.extractions``) or a
    Dask cluster (``dask``: a scheduler address or a ``distributed.Client``) do the extraction."""
    from .distributed import ShardWriter

    if store is None and shards is None:
        raise KgError("give a store (--store DIR or URL) or a shard directory (--shards DIR)")
    pipeline = pipeline or Pipeline()
    report = report if report is not None else BuildReport()
    writers = []
    if shards is not None:
        writers.append(ShardWriter(shards))
    if store is not None:
        target = str(store)
        writers.append(EndpointSource(target) if target.startswith(("http://", "https://")) else open_store(store))
    try:
        graphs = (graph_of(result, pipeline.lexicon)
                  for result in pipeline.extractions(inputs, not strict, report, progress, workers=workers, dask=dask))
        if len(writers) == 1:
            report.statements = writers[0].write_graphs(graphs)
        else:
            report.statements = writers[1].write_graphs(_tee(graphs, writers[0]))
    finally:
        for writer in writers:
            writer.close()
    return report


def _tee(graphs, shard_writer):
    """Write each graph to the shards as it passes on to the store."""
    for graph in graphs:
        shard_writer.write_graphs([graph])
        yield graph


STATS_QUERY = """
SELECT ?kind ?type (COUNT(DISTINCT ?x) AS ?n) WHERE {
  { ?x a schema:NewsArticle . BIND("article" AS ?kind) BIND("NewsArticle" AS ?type) }
  UNION { ?x a ?c . VALUES ?c { {entities} } BIND("entity" AS ?kind) BIND(STRAFTER(STR(?c), "#") AS ?type) }
  UNION { ?x a ?c . VALUES ?c { {events} } BIND("event" AS ?kind) BIND(STRAFTER(STR(?c), "#") AS ?type) }
  UNION { ?x a org:Membership . BIND("position" AS ?kind) BIND("Membership" AS ?type) }
} GROUP BY ?kind ?type ORDER BY ?kind DESC(?n) ?type
"""


def stats(source: str) -> list[tuple[str, str, int]]:
    """(kind, type, count) rows: articles, entities per class, events per class, positions."""
    from .model import ENTITY_TYPES, EVENT_TYPES
    from .query import read_query

    src = open_source(source)
    values_entities = " ".join(f"kg:{t}" for t in ENTITY_TYPES)
    values_events = " ".join(f"kg:{t}" for t in EVENT_TYPES)
    q = STATS_QUERY.replace("{entities}", values_entities).replace("{events}", values_events)
    result = []
    for solution in src.query(read_query(q)):
        result.append((solution["kind"].value, solution["type"].value, int(solution["n"].value)))
    src.close()
    triples = 0
    if isinstance(src, OxigraphSource):
        triples = len(src.store)
    result.append(("total", "quads", triples))
    return result


def ontology_path(name: str = "kg.ttl") -> Path:
    """Path of an ontology file, installed (kg/ontologies) or in a source checkout (ontologies/)."""
    here = Path(__file__).parent
    for candidate in (here / "ontologies" / name, here.parent / "ontologies" / name):
        if candidate.exists():
            return candidate
    raise KgError(f"ontology file {name} not found (reinstall kg)")


def validate(source: str):
    """SHACL-validate a graph file against ontologies/shapes.ttl: (conforms, report text)."""
    import pyshacl
    from rdflib import Graph

    from .store import RDF_FILE_FORMATS

    path = Path(source)
    if not path.is_file():
        raise KgError(f"{source}: validate takes an RDF file (export a store with kg export ... --to trig)")
    if path.suffix.lower() not in RDF_FILE_FORMATS:
        raise KgError(f"{source}: unknown RDF format '{path.suffix}'")
    fmt = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld", ".json": "json-ld"}.get(path.suffix.lower(), "xml")
    data = Dataset() if fmt in ("trig", "nquads", "json-ld") else Graph()
    try:
        data.parse(source, format=fmt)
    except Exception as ex:  # rdflib raises many parser exception types
        raise KgError(f"{source}: not valid {fmt}: {ex}") from None
    union = Graph()
    for s, p, o, *_ in (data.quads((None, None, None, None)) if isinstance(data, Dataset) else data):
        union.add((s, p, o))
    shapes = Graph().parse(ontology_path("shapes.ttl"), format="turtle")
    conforms, _, text = pyshacl.validate(union, shacl_graph=shapes, inference="none", allow_warnings=True)
    return conforms, text
