"""Peak memory of ``kg build`` and ``kg ingest`` as the corpus grows: is it flat?

    python benchmarks/bench_scale.py [--sizes 1000 10000 100000] [--chars 0] [--commands build ingest]

A JSON Lines corpus of N articles (the real articles of ../shared/data/real, or examples/dev,
replicated under new ids) is built to N-Quads on standard output (thrown away) and ingested into a
new embedded store; each run is a separate process, whose peak RSS (``wait4``) and wall time are
printed. ``--chars 300`` cuts every article to its first 300 characters, so that 100 k articles
fit in a session (memory depends on the number of articles and distinct entities, not on their
length). Budget (issue 9): < 1.5 GB at 100 k articles, within 10 % of 10 k. Takes long: at
full length ~25 ms of CPU per article, 100 k articles ~45 min per command on one core.

``--replay`` measures the writing side at sizes the full pipeline cannot reach in a session: one
process extracts each distinct article once (Kiwi and the pipeline loaded, as in ``kg ingest``),
then writes N article graphs -- copies with renamed article IRIs and every fourth copy's entities
renamed (``bench_export.Renamer``: the store keeps growing in articles and entities) -- through
the same writers as ``kg ingest`` (``OxigraphSource.write_graphs``) and ``kg build``
(``serialize_quads`` to N-Quads, thrown away).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_pipeline import default_dirs, load_raws  # noqa: E402


def write_corpus(path: Path, raws, size: int, chars: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(size):
            raw = raws[i % len(raws)]
            text = raw.text[:chars] if chars else raw.text
            handle.write(json.dumps({"id": f"{raw.id}-n{i}", "text": text, "title": raw.title, "url": raw.url,
                                     "published": raw.published.isoformat() if raw.published else None},
                                    ensure_ascii=False) + "\n")


def measure(command: list[str]) -> tuple[float, float, int]:
    """(peak RSS in MB, wall seconds, exit status) of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss / 1024, time.perf_counter() - start, process.returncode


REPLAY = """
import json, os, resource, sys, tempfile, dataclasses
sys.path[:0] = [{root!r}, {benchmarks!r}]
from bench_pipeline import default_dirs, load_raws
from bench_export import Renamer
from kg.pipeline import Pipeline, graph_of
size, mode, chars = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
_, distinct = load_raws({dirs!r}, 1)
raws, _ = load_raws({dirs!r}, distinct)
pipeline = Pipeline()
base = []
for raw in raws:
    try:
        base.append(graph_of(pipeline.process(dataclasses.replace(raw, text=raw.text[:chars] if chars else raw.text)),
                             pipeline.lexicon))
    except Exception:
        pass

def graphs():
    renamer = None
    for i in range(size):
        copy = i // len(base)
        if renamer is None or renamer.copy != copy:
            renamer = Renamer(copy)
        graph, quads = base[i % len(base)]
        renamed = [renamer.quad(q) for q in quads]
        yield renamed[0].graph_name.value, renamed

if mode == "ingest":
    import shutil
    from kg.store import open_store
    folder = tempfile.mkdtemp(prefix="kg-scale-replay-")
    store = open_store(folder)
    written = store.write_graphs(graphs())
    store.close()
    del store
    shutil.rmtree(folder, ignore_errors=True)  # ~6 GB at 100 k articles
else:
    from kg.writer import serialize_quads
    with open(os.devnull, "wb") as sink:
        written = serialize_quads((quads for _, quads in graphs()), "nquads", True, sink)
print(json.dumps({{"rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "quads": written}}))
"""


def replay(sizes: list[int], commands: list[str], chars: int, dirs: list[str]) -> dict:
    code = REPLAY.format(root=str(ROOT), benchmarks=str(ROOT / "benchmarks"), dirs=dirs)
    results = {}
    for size in sizes:
        for command in commands:
            start = time.perf_counter()
            out = subprocess.run([sys.executable, "-c", code, str(size), command, str(chars)], cwd=ROOT,
                                 capture_output=True, text=True)
            wall = time.perf_counter() - start
            if out.returncode != 0:
                print(f"{size:>10,}{command:>9}  failed: {out.stderr[-500:]}")
                continue
            data = json.loads(out.stdout.strip().splitlines()[-1])
            results[(command, size)] = data["rss"]
            print(f"{size:>10,}{command:>9}{data['rss']:>9,.0f} MB{wall:>9,.0f}s{size / wall:>12,.1f}"
                  f"  ({data['quads']:,} quads, writing side only)", flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--chars", type=int, default=0, help="cut each article to this many characters (0: whole)")
    parser.add_argument("--commands", nargs="+", default=["build", "ingest"], choices=["build", "ingest"])
    parser.add_argument("--articles", nargs="*", default=default_dirs())
    parser.add_argument("--replay", action="store_true", help="the writing side only, on renamed copies (see above)")
    args = parser.parse_args()
    _, distinct = load_raws(args.articles, 1)
    base, _ = load_raws(args.articles, distinct)  # each distinct article once
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; {distinct} distinct articles from "
          f"{', '.join(args.articles)}; {'whole articles' if not args.chars else f'first {args.chars} characters of each'}")
    print(f"{'articles':>10}{'command':>9}{'peak RSS':>11}{'wall':>10}{'articles/s':>12}")
    results: dict[tuple[str, int], float] = {}
    if args.replay:
        results = replay(args.sizes, args.commands, args.chars, args.articles)
    for size in ([] if args.replay else args.sizes):
        folder = Path(tempfile.mkdtemp(prefix="kg-scale-"))
        try:
            corpus = folder / "corpus.jsonl"
            write_corpus(corpus, base, size, args.chars)
            for command in args.commands:
                if command == "build":
                    argv = [sys.executable, "-m", "kg", "build", str(corpus), "-o", "-", "--format", "nquads"]
                else:
                    argv = [sys.executable, "-m", "kg", "ingest", str(corpus), "--store", str(folder / "store")]
                rss, wall, status = measure(argv)
                results[(command, size)] = rss
                note = "" if status == 0 else f"  (exit status {status})"
                print(f"{size:>10,}{command:>9}{rss:>9,.0f} MB{wall:>9,.0f}s{size / wall:>12,.1f}{note}", flush=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    sizes = sorted(args.sizes)
    if len(sizes) >= 2:
        for command in args.commands:
            small, big = results[(command, sizes[-2])], results[(command, sizes[-1])]
            verdict = "meets" if big < 1536 and big <= 1.1 * small else "MISSES"
            print(f"{command}: {big:,.0f} MB at {sizes[-1]:,} vs {small:,.0f} MB at {sizes[-2]:,} "
                  f"({big / small - 1:+.0%}); budget < 1.5 GB and within 10 % -> {verdict}")


if __name__ == "__main__":
    main()
