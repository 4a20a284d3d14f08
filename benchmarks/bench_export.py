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


# -- measurements (each in a fresh process) ----------------------------------------------------------

EXPORT_CHILD = """
import json, sys, time
t0 = time.perf_counter()
from kg.export import export
imported = time.perf_counter()
graph = export(sys.argv[1], sys.argv[2], sys.argv[3])
done = time.perf_counter()
print(json.dumps({"seconds": done - imported, "imports": imported - t0,
                  "nodes": None if graph is None else graph.number_of_nodes(),
                  "edges": None if graph is None else graph.number_of_edges(),
                  "rss_mb": peak_rss_mb()}))
"""

BASELINE_CHILD = """
import json, sys, time
import rdflib
from rdflib.extras.external_graph_libs import rdflib_to_networkx_multidigraph
t0 = time.perf_counter()
dataset = rdflib.Dataset()
dataset.parse(sys.argv[1], format="nquads")
union = rdflib.Graph()
union += ((s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None)))
loaded = time.perf_counter()
graph = rdflib_to_networkx_multidigraph(union)
done = time.perf_counter()
literals = sum(1 for n in graph if isinstance(n, rdflib.Literal))
print(json.dumps({"seconds": done - loaded, "load": loaded - t0, "nodes": graph.number_of_nodes(),
                  "edges": graph.number_of_edges(), "literal_nodes": literals, "rss_mb": peak_rss_mb()}))
"""
# ru_maxrss survives fork+exec on Linux (a child would report this process's peak): read VmHWM.
PEAK_RSS = """
def peak_rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
"""


def run_child(code: str, *args: str) -> dict:
    wall = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", PEAK_RSS + code, *args], capture_output=True, text=True, cwd=ROOT)
    if result.returncode:
        raise SystemExit(f"child failed: {result.stderr[-2000:]}")
    data = json.loads(result.stdout.strip().splitlines()[-1])
    data["wall"] = time.perf_counter() - wall
    return data


def output_size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir())
    return path.stat().st_size


def bench_source(name: str, source: Path, workdir: Path, formats: tuple[str, ...]) -> list[dict]:
    rows = []
    for fmt in formats:
        out = workdir / f"{name}.{fmt}"
        data = run_child(EXPORT_CHILD, str(source), fmt, str(out))
        data.update(source=name, format=fmt, bytes=output_size(out))
        rows.append(data)
        print(f"  {name:8} {fmt:9} {data['seconds']:6.2f} s", file=sys.stderr, flush=True)
    return rows


def example_source(workdir: Path) -> Path:
    from kg.api import build, write

    path = workdir / "kakao.trig"
    write(build([EXAMPLE]), path)
    return path


def dump_nquads(source: Path, path: Path) -> None:
    """The same quads for the baseline, as N-Quads (rdflib's fastest parser)."""
    if source.is_dir():
        store = ox.Store.read_only(str(source))
    else:
        store = ox.Store()
        store.bulk_load(path=str(source), format=ox.RdfFormat.TRIG)
    store.dump(output=str(path), format=ox.RdfFormat.N_QUADS)


def print_table(rows: list[dict], baselines: dict[str, dict]) -> None:
    """One row per export; ratios against the naive baseline of the same source (its nodes, and
    its time to load the triples into rdflib and convert them, which is what a user would run)."""
    header = (f"{'source':8} {'format':9} {'export s':>8} {'process s':>9} {'nodes':>7} {'edges':>7} "
              f"{'MB out':>7} {'peak RSS MB':>11} {'nodes/naive':>11} {'time/naive':>10}")
    print(header)
    print("-" * len(header))
    for row in rows:
        base = baselines.get(row["source"])
        nodes = "-" if row["nodes"] is None else str(row["nodes"])
        edges = "-" if row["edges"] is None else str(row["edges"])
        node_ratio = f"{row['nodes'] / base['nodes']:.2f}" if base and row["nodes"] is not None else "-"
        time_ratio = f"{row['seconds'] / (base['load'] + base['seconds']):.2f}" if base else "-"
        print(f"{row['source']:8} {row['format']:9} {row['seconds']:8.2f} {row['wall']:9.2f} {nodes:>7} {edges:>7} "
              f"{row['bytes'] / 1e6:7.1f} {row['rss_mb']:11.0f} {node_ratio:>11} {time_ratio:>10}")
    for name, base in baselines.items():
        print(f"{name:8} {'naive':9} {base['load'] + base['seconds']:8.2f} {base['wall']:9.2f} {base['nodes']:>7} "
              f"{base['edges']:>7} {'':>7} {base['rss_mb']:11.0f}   rdflib load {base['load']:.1f} s + "
              f"networkx conversion {base['seconds']:.1f} s; {base['literal_nodes']} literal nodes")
    print("\nexport s: the export call in a fresh process (reading the source included); process s: the whole "
          "process with imports.\nnaive: rdflib Dataset of the same quads -> union Graph -> "
          "rdflib_to_networkx_multidigraph (every triple an edge, literals as nodes).\n"
          "RDF exports of a whole source skip the projection (nodes and edges '-').")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench-export-store",
                        help="benchmark store directory (made if missing, reused if its size matches)")
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--skip-baseline", action="store_true", help="skip the naive rdflib conversion (slow at 1 M)")
    args = parser.parse_args()
    formats = tuple(args.formats.split(","))

    started = time.perf_counter()
    size = build_store(args.store, args.triples)
    print(f"store {args.store}: {size} quads ({time.perf_counter() - started:.1f} s to make or reuse)", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="kg-bench-export-") as tmp:
        workdir = Path(tmp)
        example = example_source(workdir)
        rows = bench_source("example", example, workdir, formats)
        rows += bench_source("store", args.store, workdir, formats)
        baselines = {}
        if not args.skip_baseline:
            for name, source in (("example", example), ("store", args.store)):
                dump = workdir / f"{name}.nq"
                dump_nquads(source, dump)
                baselines[name] = run_child(BASELINE_CHILD, str(dump))
                print(f"  {name:8} naive     {baselines[name]['seconds']:6.2f} s", file=sys.stderr, flush=True)
    print()
    print_table(rows, baselines)
    slow = [f"{r['source']}/{r['format']}" for r in rows if r["seconds"] >= 10]
    print(f"budget: every format < 10 s at {size} quads ({os.cpu_count()} CPUs): "
          f"{'OK' if not slow else 'OVER: ' + ', '.join(slow)}")


if __name__ == "__main__":
    main()
