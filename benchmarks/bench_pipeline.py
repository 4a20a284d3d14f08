"""Extraction throughput against the bare kiwipiepy tokenizer, in one run; 1 vs 2 workers.

    python benchmarks/bench_pipeline.py [--articles DIR...] [--replicate 1000] [--workers-articles 400]

Articles: ../shared/data/real (the real set) when it is there, else examples/dev and
examples/test; replicated (under new ids) to ``--replicate`` articles.

1. One process: Kiwi's own ``tokenize`` on each cleaned article (the reference), then kg's whole
   pipeline from raw text to N-Quads bytes one article and one stage at a time (each stage's
   share), and streamed as ``kg build`` runs it (``Pipeline.stream``: Kiwi analyses the next
   articles in its worker threads while Python extracts; it pays where a core is free). Figures in wall time and in CPU time of this process (all its threads); wall figures
   mean little when other jobs share the machine. The streamed run's main thread is timed on its
   own too: with a core free for Kiwi's threads, the streamed wall time comes down to it.
   For reference also bare Kiwi batched
   (``tokenize`` over an iterable, its worker threads). Target: kg >= 0.6 x bare Kiwi.
2. Side by side: the speed-up of ``kg build --workers 2`` over ``--workers 1`` (one core each)
   on the same JSONL corpus, against the speed-up of two bare Kiwi processes over one (each
   process tokenizes its half; the machine's two cores give even bare Kiwi less than 2 x).
   Target: kg's speed-up >= 0.9 x Kiwi's. For reference, ``kg build`` without ``--workers`` (one
   process streaming, Kiwi's threads on the free cores) against ``--workers 1``. Every run here starts a process and loads Kiwi, kg and bare alike.

Prints the load average before and after: figures from a busy machine are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REAL = ROOT.parent / "shared" / "data" / "real"

BARE_KIWI = """
import json, sys
from kiwipiepy import Kiwi
kiwi = Kiwi()
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
for text in texts:
    kiwi.tokenize(text)
"""


def default_dirs() -> list[str]:
    if REAL.is_dir() and any(REAL.glob("*.jsonl")):
        return [str(REAL)]
    return [str(ROOT / "examples/dev"), str(ROOT / "examples/test")]


def load_raws(dirs: list[str], count: int):
    import dataclasses

    from kg.read import FORMATS, read_path

    files = sorted(p for d in dirs for p in Path(d).iterdir() if p.suffix in FORMATS and not p.name.endswith(".gold.yaml"))
    base = []
    for f in files:
        try:
            base.extend(read_path(f))
        except Exception as ex:  # noqa: BLE001  an unreadable file is left out of the benchmark
            print(f"  (left out {f.name}: {ex})")
    return [dataclasses.replace(base[i % len(base)], id=f"{base[i % len(base)].id}-r{i}") for i in range(count)], len(base)


def timed(fn) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def one_process(raws) -> None:
    import pyoxigraph as ox

    from kg.analyze import get_analyzer
    from kg.clean import clean
    from kg.extract import extract
    from kg.pipeline import Pipeline
    from kg.resolve import resolve
    from kg.writer import article_quads

    pipeline = Pipeline()
    analyzer = get_analyzer(pipeline.lexicon)
    articles = [clean(raw, pipeline.lexicon) for raw in raws]
    chars = sum(len(a.text) for a in articles)
    kiwi = analyzer.kiwi
    for raw in raws[:60]:  # warm up: Kiwi loads more on first use, caches fill
        article_quads(pipeline.process(raw), pipeline.lexicon)

    bare_wall, bare_cpu = timed(lambda: [kiwi.tokenize(a.text) for a in articles])
    stages = dict.fromkeys(("clean", "analyze", "extract", "resolve", "rdf (quads + N-Quads)"), 0.0)

    def run_pipeline():
        for raw in raws:
            t = time.process_time(); article = clean(raw, pipeline.lexicon); stages["clean"] += time.process_time() - t
            t = time.process_time(); document = analyzer.analyze(article); stages["analyze"] += time.process_time() - t
            t = time.process_time(); extraction = extract(document, pipeline.lexicon); stages["extract"] += time.process_time() - t
            t = time.process_time(); extraction = resolve(extraction, pipeline.lexicon); stages["resolve"] += time.process_time() - t
            t = time.process_time()
            ox.serialize(article_quads(extraction, pipeline.lexicon), format=ox.RdfFormat.N_QUADS)
            stages["rdf (quads + N-Quads)"] += time.process_time() - t

    kg_wall, kg_cpu = timed(run_pipeline)

    main_thread = [0.0]

    def run_stream():  # Pipeline.stream: Kiwi analyses ahead in its worker threads
        start = time.thread_time()
        for extraction in pipeline.stream(raws):
            ox.serialize(article_quads(extraction, pipeline.lexicon), format=ox.RdfFormat.N_QUADS)
        main_thread[0] = time.thread_time() - start

    stream_wall, stream_cpu = timed(run_stream)
    batch_wall, batch_cpu = timed(lambda: list(kiwi.tokenize(a.text for a in articles)))
    n = len(raws)
    print(f"\n1. One process: {n} articles, {chars:,} characters (cleaned)")
    print(f"{'':38}{'chars/s wall':>14}{'chars/s CPU':>14}{'ratio wall':>12}{'ratio CPU':>11}")

    def row(name, wall, cpu):
        print(f"{name:38}{chars / wall:14,.0f}{chars / cpu:14,.0f}{bare_wall / wall:12.2f}{bare_cpu / cpu:11.2f}")

    row("kiwipiepy tokenize (bare)", bare_wall, bare_cpu)
    row("  (bare, batched: its worker threads)", batch_wall, batch_cpu)
    row("kg pipeline, one article at a time", kg_wall, kg_cpu)
    for stage, seconds in stages.items():
        print(f"{'  ' + stage:38}{'':14}{chars / seconds:14,.0f}{'':12}{'share ' + format(seconds / kg_cpu, '.0%'):>11}")
    row("kg pipeline, streamed (kg build)", stream_wall, stream_cpu)
    # what the main thread itself spent (Python: cleaning, Kiwi's tokens, extraction, RDF): with a
    # core free for Kiwi's threads the streamed wall time comes down to it, not below
    print(f"{'  its main thread alone':38}{'':14}{chars / main_thread[0]:14,.0f}{'':12}{bare_cpu / main_thread[0]:11.2f}")
    wall_ratio, cpu_ratio = bare_wall / stream_wall, bare_cpu / stream_cpu
    print(f"target kg >= 0.6 x bare Kiwi: wall {wall_ratio:.2f} ({'meets' if wall_ratio >= 0.6 else 'MISSES'}), "
          f"CPU {cpu_ratio:.2f} ({'meets' if cpu_ratio >= 0.6 else 'MISSES'})")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


def run(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def side_by_side(raws, folder: Path) -> None:
    corpus = folder / "corpus.jsonl"
    halves = [folder / "half-0.jsonl", folder / "half-1.jsonl"]
    records = [json.dumps({"id": r.id, "text": r.text, "title": r.title, "url": r.url,
                           "published": r.published.isoformat() if r.published else None}, ensure_ascii=False)
               for r in raws]
    corpus.write_text("\n".join(records) + "\n", encoding="utf-8")
    for i, half in enumerate(halves):
        half.write_text("\n".join(records[i::2]) + "\n", encoding="utf-8")
    script = folder / "bare_kiwi.py"
    script.write_text(BARE_KIWI, encoding="utf-8")
    python = sys.executable

    kiwi_one = run([python, str(script), str(corpus)])
    start = time.perf_counter()
    procs = [subprocess.Popen([python, str(script), str(half)], cwd=ROOT) for half in halves]
    for p in procs:
        p.wait()
    kiwi_two = time.perf_counter() - start
    kg_one = run([python, "-m", "kg", "build", str(corpus), "-o", str(folder / "one.nq"), "--workers", "1"])
    kg_two = run([python, "-m", "kg", "build", str(corpus), "-o", str(folder / "two.nq"), "--workers", "2"])
    kg_default = run([python, "-m", "kg", "build", str(corpus), "-o", str(folder / "default.nq")])
    same = (folder / "one.nq").read_bytes() == (folder / "two.nq").read_bytes() == (folder / "default.nq").read_bytes()
    kiwi_speedup, kg_speedup = kiwi_one / kiwi_two, kg_one / kg_two
    print(f"\n2. Side by side: {len(raws)} articles, wall time of whole processes")
    print(f"{'':40}{'1 process':>11}{'2 processes':>13}{'speed-up':>10}")
    print(f"{'bare Kiwi (two halves side by side)':40}{kiwi_one:10.1f}s{kiwi_two:12.1f}s{kiwi_speedup:10.2f}")
    print(f"{'kg build --workers 1 / --workers 2':40}{kg_one:10.1f}s{kg_two:12.1f}s{kg_speedup:10.2f}")
    print(f"{'kg build (default: one process, streamed)':40}{kg_default:10.1f}s{'':12} {kg_one / kg_default:10.2f}")
    ratio = kg_speedup / kiwi_speedup
    print(f"target kg speed-up >= 0.9 x Kiwi's: {ratio:.2f} ({'meets' if ratio >= 0.9 else 'MISSES'}); "
          f"same output with 1 worker, 2 workers and the default: {same}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", nargs="*", default=default_dirs())
    parser.add_argument("--replicate", type=int, default=1000, help="articles in the one-process run")
    parser.add_argument("--workers-articles", type=int, default=400, help="articles in the side-by-side run (0: skip)")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f} (on {os.cpu_count()} cores)")
    raws, distinct = load_raws(args.articles, args.replicate)
    print(f"articles from {', '.join(args.articles)}: {distinct} distinct")
    one_process(raws)
    if args.workers_articles:
        with tempfile.TemporaryDirectory() as folder:
            side_by_side(raws[:args.workers_articles], Path(folder))
    print(f"\nload average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
