"""Ingest rate: the embedded Oxigraph store against Virtuoso, for the same article graphs.

    python benchmarks/bench_ingest.py [--articles 500] [--skip-virtuoso]

The articles (../shared/data/real or examples/dev, replicated under new ids) are extracted once,
in this process; then only the store side is timed, with what ``kg ingest`` uses:
``OxigraphSource.write_graphs`` into a new on-disk store, and ``EndpointSource.write_graphs``
(SPARQL 1.1 Update over HTTP with Digest authentication, several articles per request of at most
1,000 triples) into a throwaway Virtuoso started on loopback (``tests/virtuoso.py``; needs the
Debian package ``virtuoso-opensource``). A second pass re-ingests every article (drop and insert
again), as re-running an ingest does. Extraction itself runs at the pipeline's rate
(``bench_pipeline.py``) whatever the store.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_pipeline import default_dirs, load_raws  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--skip-virtuoso", action="store_true")
    args = parser.parse_args()

    from kg.pipeline import Pipeline, graph_of
    from kg.store import EndpointSource, open_store

    raws, _ = load_raws(default_dirs(), args.articles)
    pipeline = Pipeline()
    start = time.perf_counter()
    graphs = [graph_of(pipeline.process(raw), pipeline.lexicon) for raw in raws]
    extract = time.perf_counter() - start
    triples = sum(len(quads) for _, quads in graphs)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; {len(graphs)} articles, "
          f"{triples:,} triples (extraction: {len(graphs) / extract:,.1f} articles/s)")
    print(f"{'store':36}{'first ingest':>22}{'re-ingest':>22}")

    def report(name: str, write) -> None:
        rates = []
        for _ in range(2):
            start = time.perf_counter()
            write(graphs)
            seconds = time.perf_counter() - start
            rates.append(f"{len(graphs) / seconds:8,.0f} art/s {triples / seconds / 1000:6,.0f} kt/s")
        print(f"{name:36}{rates[0]:>22}{rates[1]:>22}", flush=True)

    with tempfile.TemporaryDirectory(prefix="kg-bench-ingest-") as folder:
        store = open_store(Path(folder) / "store")
        try:
            report("embedded Oxigraph (on disk)", store.write_graphs)
        finally:
            store.close()
    if args.skip_virtuoso:
        return
    from tests.virtuoso import running_virtuoso

    with running_virtuoso() as (auth, _):
        report("Virtuoso 7 (SPARQL Update, Digest)", EndpointSource(auth, timeout=300).write_graphs)


if __name__ == "__main__":
    main()
