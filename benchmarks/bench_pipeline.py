"""Extraction throughput and memory, against the bare kiwipiepy tokenizer, in one run.

    python benchmarks/bench_pipeline.py [--repeat 5] [--articles examples/dev examples/test]

Prints characters per second (CPU time of this process, so other load on the machine matters
less) for: Kiwi's own ``tokenize`` on the cleaned texts (the ceiling), kg's whole pipeline from
raw text to RDF triples, and each stage, with the ratio kg / Kiwi. Budget (DESIGN.md): the
pipeline reaches at least half of Kiwi's throughput, >= 50 k chars/s per core where Kiwi does
100 k. Also prints peak RSS.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def cpu() -> float:
    return time.process_time()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--articles", nargs="*", default=[str(ROOT / "examples/dev"), str(ROOT / "examples/test")])
    args = parser.parse_args()

    from kg.clean import clean
    from kg.extract import extract
    from kg.pipeline import Pipeline
    from kg.rdf import article_triples
    from kg.read import FORMATS, read_path
    from kg.resolve import resolve

    pipeline = Pipeline()
    files = sorted(p for d in args.articles for p in Path(d).iterdir() if p.suffix in FORMATS)
    raws = [raw for f in files for raw in read_path(f)]
    articles = [clean(raw, pipeline.lexicon) for raw in raws]
    chars = sum(len(a.text) for a in articles) * args.repeat
    kiwi = pipeline.analyzer.kiwi
    for raw in raws:  # warm up: Kiwi loads more on first use, caches fill
        article_triples(pipeline.process(raw), pipeline.lexicon)

    t = cpu()
    for _ in range(args.repeat):
        for article in articles:
            kiwi.tokenize(article.text)
    bare = cpu() - t

    stages = {"read+clean": 0.0, "analyze": 0.0, "extract": 0.0, "resolve": 0.0, "rdf": 0.0}
    t0 = cpu()
    for _ in range(args.repeat):
        for raw in raws:
            t = cpu(); article = clean(raw, pipeline.lexicon); stages["read+clean"] += cpu() - t
            t = cpu(); document = pipeline.analyzer.analyze(article); stages["analyze"] += cpu() - t
            t = cpu(); extraction = extract(document, pipeline.lexicon); stages["extract"] += cpu() - t
            t = cpu(); extraction = resolve(extraction, pipeline.lexicon); stages["resolve"] += cpu() - t
            t = cpu(); article_triples(extraction, pipeline.lexicon); stages["rdf"] += cpu() - t
    total = cpu() - t0

    n = len(raws) * args.repeat
    print(f"{len(raws)} articles x {args.repeat} = {n} articles, {chars:,} characters (cleaned)")
    print(f"{'':28}{'chars/s':>12}{'articles/s':>12}{'ratio to Kiwi':>15}")
    print(f"{'kiwipiepy tokenize (bare)':28}{chars / bare:12,.0f}{n / bare:12,.1f}{1.0:15.2f}")
    print(f"{'kg pipeline (text -> RDF)':28}{chars / total:12,.0f}{n / total:12,.1f}{bare / total:15.2f}")
    for stage, seconds in stages.items():
        print(f"{'  ' + stage:28}{chars / seconds:12,.0f}{'':12}{'share ' + format(seconds / total, '.0%'):>15}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:,.0f} MB")
    verdict = "meets" if bare / total >= 0.5 else "MISSES"
    print(f"budget: kg >= 0.5 x Kiwi -> {bare / total:.2f} ({verdict})")


if __name__ == "__main__":
    main()
