"""The store at 1 M triples: kg's embedded Oxigraph store against rdflib's in-memory graph.

    python benchmarks/bench_store.py [--triples 1000000] [--store DIR] [--skip-rdflib]

Uses the 1 M-triple store of ``bench_export.py`` (dev articles replicated with renamed IRIs; see
its docstring), then times, on the embedded on-disk Oxigraph store (what ``kg ingest`` writes) and
on rdflib's in-memory ``Graph`` loaded with the same triples:

- load (N-Quads into the store; parse into rdflib), RSS after;
- reopening the on-disk store;
- a label lookup, one company's event timeline, a 2-hop join (person -> membership -> company ->
  event), a count per event type -- each the median of 5 runs.

Budgets (DESIGN.md): load < 10 s and < 1 GB; label lookup < 5 ms; timeline < 10 ms; 2-hop join
< 1 s; count per type < 100 ms. rdflib's engine is given 60 s per query and reported as a timeout
past that (it did not finish the 2-hop join in 5 minutes when measured before).
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from kg.query import read_query  # noqa: E402
from kg.registry import EVENT_TYPES  # noqa: E402

QUERIES = {
    "label lookup": """SELECT ?e WHERE { ?e rdfs:label "카카오 g0001"@ko }""",
    "company timeline": """SELECT ?e ?type ?when WHERE {
        ?e kg:organization <https://w3id.org/kgnews/id/company/kakao-g0001> ; a ?type .
        OPTIONAL { ?e sem:hasTimeStamp ?when } } ORDER BY ?when""",
    "2-hop join": """SELECT ?person ?company (COUNT(?e) AS ?events) WHERE {
        ?m org:member ?person ; org:organization ?company .
        ?e kg:organization ?company ; kg:trigger ?t } GROUP BY ?person ?company""",
    "count per event type": """SELECT ?type (COUNT(?e) AS ?n) WHERE { VALUES ?type { %s } ?e a ?type } GROUP BY ?type"""
    % " ".join(f"kg:{t}" for t in EVENT_TYPES),
}
BUDGET = {"label lookup": 0.005, "company timeline": 0.010, "2-hop join": 1.0, "count per event type": 0.1}


def rss_mb() -> float:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def median_time(run, repeat: int = 5) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(repeat):
        t = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - t)
    return statistics.median(times), rows


def oxigraph_side(nquads: Path, store_dir: Path) -> dict:
    import pyoxigraph as ox

    result = {}
    t = time.perf_counter()
    store = ox.Store(str(store_dir))
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    store.flush()
    result["load"] = time.perf_counter() - t
    result["quads"] = len(store)
    result["rss"] = rss_mb()
    del store
    t = time.perf_counter()
    store = ox.Store.read_only(str(store_dir))
    result["reopen"] = time.perf_counter() - t
    for name, query in QUERIES.items():
        text = read_query(query)
        result[name] = median_time(lambda: sum(1 for _ in store.query(text, use_default_graph_as_union=True)))
    result["peak"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _rdflib_query(args):
    nquads, name = args
    from rdflib import Dataset

    data = Dataset(default_union=True)
    data.parse(str(nquads), format="nquads")
    text = read_query(QUERIES[name])
    t = time.perf_counter()
    rows = len(list(data.query(text)))
    return time.perf_counter() - t, rows


def rdflib_side(nquads: Path, timeout: float) -> dict:
    from rdflib import Dataset

    result = {}
    t = time.perf_counter()
    data = Dataset(default_union=True)
    data.parse(str(nquads), format="nquads")
    result["load"] = time.perf_counter() - t
    result["quads"] = len(data)
    result["rss"] = rss_mb()
    del data
    # each query in a child process so that a runaway query can be stopped at the timeout
    for name in QUERIES:
        with multiprocessing.get_context("fork").Pool(1) as pool:
            job = pool.apply_async(_rdflib_query, ((nquads, name),))
            try:
                result[name] = job.get(timeout=timeout + 120)  # + the child's own load time
            except multiprocessing.TimeoutError:
                result[name] = (None, 0)
                pool.terminate()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--store", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench-export-store")
    parser.add_argument("--skip-rdflib", action="store_true")
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()

    from bench_export import build_store, dump_nquads

    build_store(args.store, args.triples)
    work = Path(tempfile.mkdtemp(prefix="kg-bench-store-"))
    nquads = work / "all.nq"
    dump_nquads(args.store, nquads)

    ox_result = oxigraph_side(nquads, work / "oxigraph")
    rd_result = None if args.skip_rdflib else rdflib_side(nquads, args.timeout)

    print(f"{ox_result['quads']:,} quads")
    print(f"{'':34}{'Oxigraph (disk)':>18}{'rdflib (memory)':>18}{'ratio':>9}{'budget':>12}")

    def row(name, ox_value, rd_value, unit, budget=None):
        fmt = (lambda v: "timeout" if v is None else f"{v:.4f} {unit}") if unit == "s" else (lambda v: f"{v:,.0f} {unit}")
        ratio = f"{rd_value / ox_value:.0f}x" if rd_value and ox_value else ""
        budget_text = "" if budget is None else (f"< {budget:g} s" + (" ok" if ox_value < budget else " MISS"))
        print(f"{name:34}{fmt(ox_value):>18}{(fmt(rd_value) if rd_result else '-'):>18}{ratio:>9}{budget_text:>12}")

    row("load", ox_result["load"], rd_result and rd_result["load"], "s", 10)
    row("RSS after load", ox_result["rss"], rd_result and rd_result["rss"], "MB")
    print(f"{'reopen store':34}{ox_result['reopen']:>16.4f} s")
    for name in QUERIES:
        ox_t, ox_rows = ox_result[name]
        rd_t = rd_result[name][0] if rd_result else None
        row(f"{name} ({ox_rows} rows)", ox_t, rd_t, "s", BUDGET[name])
    print(f"peak RSS (Oxigraph process) {ox_result['peak']:,.0f} MB")


if __name__ == "__main__":
    main()
