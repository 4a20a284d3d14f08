"""Fuzz every stage with hostile inputs and print, per stage: inputs, crashes, hangs, outputs that
do not parse back (and SHACL failures).

    python benchmarks/fuzz.py                 # 10,000 inputs per stage (exporters: --export-every)
    python benchmarks/fuzz.py -n 500          # a quick run

The inputs and the checks are those of tests/test_fuzz.py (tests/fuzz_stages.py): arbitrary
Unicode, control characters, RTL, emoji, lone surrogates, very long tokens, unbalanced and nested
quotes of every kind, mixed encodings, truncated JSON Lines, HTML with scripts, page furniture.
A hang is an input that took longer than --hang seconds in one stage.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import warnings
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests import fuzz_stages as fz  # noqa: E402


def run(stage: str, strategy, check, n: int, hang: float, results: dict, failures: list) -> None:
    counts = results.setdefault(stage, Counter())

    @settings(max_examples=n, deadline=None, suppress_health_check=list(HealthCheck), database=None,
              phases=["generate"])
    @given(value=strategy)
    def body(value):
        counts["inputs"] += 1
        start = time.perf_counter()
        try:
            check(value)
        except fz.StageFailure as ex:
            kind = "unparseable" if "parse" in str(ex) or "well-formed" in str(ex) or "shacl" in str(ex) else "crashes"
            counts[kind] += 1
            if len(failures) < 20:
                failures.append((stage, str(ex)[:300], repr(value)[:200]))
        seconds = time.perf_counter() - start
        counts["max_ms"] = max(counts["max_ms"], int(seconds * 1000))
        if seconds > hang:
            counts["hangs"] += 1

    body()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="inputs per stage")
    parser.add_argument("--export-every", type=int, default=20,
                        help="also export (7 formats) and SHACL-validate every Nth RDF input")
    parser.add_argument("--hang", type=float, default=5.0, help="seconds after which an input counts as a hang")
    parser.add_argument("--stages", default="read,jsonl,clean,analyze,extract,rdf")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    results: dict[str, Counter] = {}
    failures: list = []
    workdir = Path(tempfile.mkdtemp(prefix="kg-fuzz-"))
    rdf_seen = [0]

    def rdf_and_exports(text):
        trig = fz.check_rdf(text, workdir)
        rdf_seen[0] += trig is not None
        if trig is not None and rdf_seen[0] % args.export_every == 0:
            exports = results.setdefault("export+shacl", Counter())
            exports["inputs"] += 1
            try:
                fz.check_shacl(trig)
                fz.check_exports(trig, workdir)
            except fz.StageFailure as ex:
                exports["unparseable"] += 1
                failures.append(("export+shacl", str(ex)[:300], repr(text)[:200]))

    jsonl = st.tuples(st.lists(st.fixed_dictionaries({"id": st.text(max_size=8), "text": fz.texts}), max_size=4),
                      st.integers(0, 3000)).map(
        lambda rc: "".join(json.dumps(r) + "\n" for r in rc[0]).encode("utf-8")[: rc[1] or None])
    stages = {
        "read": (st.tuples(st.one_of(st.binary(max_size=400), fz.texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
                                     fz.texts.map(lambda t: t.encode("utf-16", "surrogatepass")),
                                     fz.texts.map(lambda t: t.encode("cp949", "replace"))),
                           st.sampled_from([".txt", ".jsonl", ".html"])), lambda v: fz.check_read(*v)),
        "jsonl": (jsonl, lambda data: fz.check_read(data, ".jsonl")),
        "clean": (fz.texts, fz.check_clean),
        "analyze": (fz.texts, fz.check_analyze),
        "extract": (fz.texts, fz.check_extract),
        "rdf": (fz.texts, rdf_and_exports),
    }
    fz.check_extract("가나전자가 3일 새 공장을 열었다.")  # load Kiwi first: its start-up is no input's time
    started = time.perf_counter()
    for name in args.stages.split(","):
        strategy, check = stages[name]
        t0 = time.perf_counter()
        run(name, strategy, check, args.n, args.hang, results, failures)
        print(f"{name}: done in {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    print(f"{'stage':<14}{'inputs':>8}{'crashes':>9}{'hangs':>7}{'unparseable':>13}{'max ms':>8}")
    for name, counts in results.items():
        print(f"{name:<14}{counts['inputs']:>8}{counts['crashes']:>9}{counts['hangs']:>7}"
              f"{counts['unparseable']:>13}{counts['max_ms']:>8}")
    print(f"total {time.perf_counter() - started:.0f} s")
    for stage, message, value in failures:
        print(f"FAIL {stage}: {message}\n     input: {value}")


if __name__ == "__main__":
    main()
