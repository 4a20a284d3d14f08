"""Build time per character as the input grows: 10 k, 100 k, 1 M and 10 M characters.

    python benchmarks/bench_scaling.py                      # all sizes (10 M takes minutes)
    python benchmarks/bench_scaling.py --sizes 10000 100000 # a quick run

Each size is built from raw text to RDF quads (read is skipped: the text is in memory) in two
shapes: ``lines`` - the dev articles' bodies repeated, one paragraph per line, as one article -
and ``one-line`` - the same text as a single line, the way scrapers hand over pages. An article
is cut at kg.clean.MAX_ARTICLE_CHARS (1 M characters, with a warning), so 10 M characters are
built as a corpus of ten 1 M-character articles. Prints CPU seconds, microseconds per character,
the ratio to the 10 k figure (flat = 1.0; the budget is <= 2 at 10 M) and the same ratio for bare
Kiwi on the same text, measured in the same run. Also times the one-line sentence of issue 6
that used to take minutes (budget: < 1 s).
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ISSUE_SENTENCE = ("국토부는 이날 오후 세종청사 대회의실에서 김아무 교통정책실장 주재로 한국화물자동차운송사업연합회, "
                  "전국개인택시운송사업조합연합회, 전국택시노동조합연맹, 전국버스운송사업조합연합회 등 운수단체 "
                  "대표들과 화물차 안전대책회의를 열고 이 같은 안전 강화대책을 논의했다.")


def corpus_text(pipeline) -> str:
    from kg.clean import clean
    from kg.read import FORMATS, read_path

    paragraphs = []
    for path in sorted((ROOT / "examples" / "dev").iterdir()):
        if path.suffix in FORMATS:
            for raw in read_path(path):
                paragraphs.extend(line for line in clean(raw, pipeline.lexicon).text.split("\n") if len(line) > 40)
    return "\n".join(paragraphs)


def make(base: str, size: int, one_line: bool) -> str:
    """``size`` characters of the paragraphs, each copy numbered (a repeated line would be dropped
    as a re-posted body)."""
    paragraphs = base.split("\n")
    parts, total, number = [], 0, 0
    while total < size:
        line = f"{number}. {paragraphs[number % len(paragraphs)]}"
        parts.append(line)
        total += len(line) + 1
        number += 1
    text = "\n".join(parts)[:size]
    return text.replace("\n", " ") if one_line else text


def build_seconds(pipeline, texts: list[str]) -> dict[str, float]:
    """CPU seconds per stage group: clean, analyze (Kiwi), extract (+ resolve and RDF quads)."""
    from kg.clean import clean
    from kg.extract import extract
    from kg.model import RawArticle
    from kg.resolve import resolve
    from kg.writer import article_quads

    seconds = {"clean": 0.0, "analyze": 0.0, "extract+rdf": 0.0}
    for number, text in enumerate(texts):
        t = time.process_time()
        article = clean(RawArticle(f"a{number}", f"a{number}.txt", text, "txt"), pipeline.lexicon)
        seconds["clean"] += time.process_time() - t
        t = time.process_time()
        document = pipeline.analyzer.analyze(article)
        seconds["analyze"] += time.process_time() - t
        t = time.process_time()
        article_quads(resolve(extract(document, pipeline.lexicon), pipeline.lexicon), pipeline.lexicon)
        seconds["extract+rdf"] += time.process_time() - t
    return seconds


def kiwi_seconds(pipeline, texts: list[str]) -> float:
    from kg.analyze import chunks

    kiwi = pipeline.analyzer.kiwi
    start = time.process_time()
    for text in texts:
        for line in text.split("\n"):
            for _, chunk in chunks(line):
                kiwi.tokenize(chunk)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", type=int, default=[10_000, 100_000, 1_000_000, 10_000_000])
    parser.add_argument("--shapes", nargs="*", default=["lines", "one-line"])
    args = parser.parse_args()
    warnings.simplefilter("ignore")

    from kg.clean import MAX_ARTICLE_CHARS
    from kg.pipeline import Pipeline

    pipeline = Pipeline()
    base = corpus_text(pipeline)
    pipeline.process_text(base[:2000])  # warm up Kiwi
    start = time.perf_counter()
    pipeline.process_text(ISSUE_SENTENCE)
    print(f"issue 6 sentence ({len(ISSUE_SENTENCE)} chars, one line): {time.perf_counter() - start:.3f} s (budget < 1 s)")

    print(f"{'shape':<10}{'chars':>12}{'articles':>9}{'cpu s':>9}{'us/char':>9}{'x 10k':>7}"
          f"{'clean':>7}{'analyze':>8}{'extract':>8}{'kiwi us/char':>13}{'kiwi x 10k':>11}   (stage columns: us/char)")
    for shape in args.shapes:
        first = first_kiwi = None
        for size in args.sizes:
            count = max(1, -(-size // MAX_ARTICLE_CHARS))
            texts = [make(base, size // count, shape == "one-line") for _ in range(count)]
            stages = build_seconds(pipeline, texts)
            seconds = sum(stages.values())
            kiwi = kiwi_seconds(pipeline, texts)
            per_char, kiwi_per_char = seconds / size * 1e6, kiwi / size * 1e6
            first = first or per_char
            first_kiwi = first_kiwi or kiwi_per_char
            split = "".join(f"{stages[k] / size * 1e6:>{w}.2f}" for k, w in (("clean", 7), ("analyze", 8), ("extract+rdf", 8)))
            print(f"{shape:<10}{size:>12,}{count:>9}{seconds:>9.2f}{per_char:>9.2f}{per_char / first:>7.2f}{split}"
                  f"{kiwi_per_char:>13.2f}{kiwi_per_char / first_kiwi:>11.2f}", flush=True)


if __name__ == "__main__":
    main()
