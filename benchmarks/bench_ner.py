"""Cost of the learned name tagger against Kiwi's own time, in one run.

    python benchmarks/bench_ner.py [--repeat 3] [--articles examples/dev examples/test]

Prints the CPU time of kiwipiepy's bare ``tokenize`` on the cleaned texts, of the tagger over the
same sentences (features + CRF), and of the whole extract stage with and without the tagger, with
their ratios. Budget (issue 7): tagging costs at most a third of Kiwi's own time.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--articles", nargs="*", default=[str(ROOT / "examples/dev"), str(ROOT / "examples/test")])
    args = parser.parse_args()

    from kg.clean import clean
    from kg.extract import extract
    from kg.ner import get_tagger
    from kg.pipeline import Pipeline
    from kg.read import FORMATS, read_path

    pipeline = Pipeline()
    files = sorted(p for d in args.articles for p in Path(d).iterdir() if p.suffix in FORMATS)
    articles = [clean(raw, pipeline.lexicon) for f in files for raw in read_path(f)]
    documents = [pipeline.analyzer.analyze(a) for a in articles]
    kiwi = pipeline.analyzer.kiwi
    tagger = get_tagger(pipeline.lexicon)
    for document in documents:  # warm up: the model and its word lists load on first use
        extract(document, pipeline.lexicon, tagger=True)
    chars = sum(len(a.text) for a in articles) * args.repeat

    def timed(work) -> float:
        t = time.process_time()
        for _ in range(args.repeat):
            work()
        return time.process_time() - t

    bare = timed(lambda: [kiwi.tokenize(a.text) for a in articles])
    tagging = timed(lambda: [tagger.tag(s.tokens, d.article.text) for d in documents for s in d.sentences if s.zone is None])
    rules = timed(lambda: [extract(d, pipeline.lexicon, tagger=False) for d in documents])
    both = timed(lambda: [extract(d, pipeline.lexicon, tagger=True) for d in documents])

    print(f"{len(articles)} articles x {args.repeat}, {chars:,} characters (cleaned)")
    print(f"{'':34}{'seconds':>9}{'chars/s':>12}{'ratio to Kiwi':>15}")
    for label, seconds in (("kiwipiepy tokenize (bare)", bare), ("tagger (features + CRF)", tagging),
                           ("extract, rules alone", rules), ("extract, rules + tagger", both)):
        print(f"{label:34}{seconds:9.2f}{chars / seconds:12,.0f}{seconds / bare:15.2f}")
    verdict = "meets" if tagging <= bare / 3 else "MISSES"
    print(f"budget: tagging <= 1/3 of Kiwi's time -> {tagging / bare:.2f} ({verdict})")


if __name__ == "__main__":
    main()
