"""Peak memory of ``kg build`` and ``kg ingest`` as the corpus grows: is it flat?

    python benchmarks/bench_scale.py [--sizes 1000 10000 100000] [--chars 0] [--commands build ingest]

A JSON Lines corpus of N articles (the real articles of ../shared/data/real, or examples/dev,
replicated under new ids) is built to N-Quads on standard output (thrown away) and ingested into a
new embedded store; each run is a separate process, whose peak RSS (``wait4``) and wall time are
printed. ``--chars 300`` cuts every article to its first 300 characters, so that 100 k articles
fit in a session (memory depends on the number of articles and distinct entities, not on their
length). Budget (issue 9): < 1.5 GB at 100 k articles, within 10 % of 10 k. Takes long: at
full length ~25 ms of CPU per article, 100 k articles ~45 min per command on one core.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--chars", type=int, default=0, help="cut each article to this many characters (0: whole)")
    parser.add_argument("--commands", nargs="+", default=["build", "ingest"], choices=["build", "ingest"])
    parser.add_argument("--articles", nargs="*", default=default_dirs())
    args = parser.parse_args()
    _, distinct = load_raws(args.articles, 1)
    base, _ = load_raws(args.articles, distinct)  # each distinct article once
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; {distinct} distinct articles from "
          f"{', '.join(args.articles)}; {'whole articles' if not args.chars else f'first {args.chars} characters of each'}")
    print(f"{'articles':>10}{'command':>9}{'peak RSS':>11}{'wall':>10}{'articles/s':>12}")
    results: dict[tuple[str, int], float] = {}
    for size in args.sizes:
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
