"""Every regular expression of kg runs in linear time on hostile text.

Collects the patterns compiled at module or class level in every kg module, every literal pattern
passed to a ``re`` function in kg's code, and every pattern of the built-in lexicon (boilerplate,
triggers, cues, titles), then times each on adversarial strings of growing length - runs of Hangul
with spaces, commas and ``·`` and no terminator, U+2005 spaces, ``<a `` repeats, reporter names
without ``기자``, open quotes - and fails when the time grows faster than the input (a ratio, not an
absolute time: the machine may be busy). Backtracking that is quadratic or exponential hangs a
build on one line of web copy; a bounded window (``.{0,60}``) or a simpler pattern fixes it.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import math
import pkgutil
import re
import time
from pathlib import Path

import pytest

import kg
from kg.lexicon import default_lexicon

KG_DIR = Path(kg.__file__).parent

# Strings that make naive patterns backtrack: (name, unit); the input is the unit repeated.
ADVERSARIAL = [
    ("hangul-spaces", "가나다 "),
    ("sentence-then-word", "카카오는 ", "가"),
    ("dateline-then-names", "(서울=뉴스1) ", "가나다 "),
    ("bracket-then-names", "[이데일리 ", "가나다 "),
    ("outlet-then-names", "뉴스1 ", "김아무 "),
    ("closing-quotes", "\")"),
    ("copyright-runs", "무단전재 "),
    ("caption-credit", "(사진=가나 "),
    ("hangul-commas", "가나다, "),
    ("hangul-dots", "가나다·"),
    ("one-word", "가"),
    ("reporter-names", "홍길동 기자 "),
    ("names-no-title", "홍길동 김아무 "),
    ("u2005-spaces", "\u2005"),
    ("spaces", " "),
    ("html-anchors", "<a "),
    ("digits", "1"),
    ("digit-words", "3일 10월 "),
    ("dotted", "a."),
    ("email-ish", "a@b."),
    ("open-quotes", "\"가 "),
    ("open-brackets", "(가나=다라 "),
    ("equals", "가나="),
    ("eojeol-particles", "회사는 "),
    ("newsy", "카카오는 지난해 매출 3조원을 기록했으며 "),
]

SIZE_STEP = 1.25
MAX_SIZE = 6000
STOP_AFTER = 0.02  # seconds: stop growing once one call takes this long
NOISE = 0.0005  # seconds: below this a time is noise, not growth
MAX_EXPONENT = 1.6  # linear is 1.0, quadratic 2.0


def _literal(node: ast.AST) -> str | None:
    """The value of a string literal, or of a concatenation of literals."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal(node.left), _literal(node.right)
        if left is not None and right is not None:
            return left + right
    return None


def _call_site_patterns() -> list[tuple[str, re.Pattern, str]]:
    """Literal patterns given to re.search/match/sub/... anywhere in kg's code."""
    found = []
    for path in sorted(KG_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                    and node.func.attr in {"search", "match", "fullmatch", "sub", "subn", "finditer",
                                           "findall", "split", "compile"} and node.args):
                text = _literal(node.args[0])
                if text is None:
                    continue
                flags = 0
                for keyword in node.keywords:
                    if keyword.arg == "flags" and isinstance(keyword.value, ast.Attribute):
                        flags |= getattr(re, keyword.value.attr)
                method = {"match": "match", "fullmatch": "fullmatch"}.get(node.func.attr, "search")
                where = f"{path.relative_to(KG_DIR.parent)}:{node.lineno}"
                found.append((where, re.compile(text, flags), method))
    return found


def _method_in(source: str, name: str) -> str:
    """How the module applies the pattern called ``name``: ``match``/``fullmatch`` when every use
    is anchored that way, else ``search`` (also for patterns handed to other code)."""
    uses = set(re.findall(r"\b" + re.escape(name) + r"\.(\w+)\(", source))
    bare = len(re.findall(r"\b" + re.escape(name) + r"\b(?!\.(?:match|fullmatch)\()", source)) > 1
    if uses and not bare and uses <= {"match", "fullmatch"}:
        return "match" if "match" in uses else "fullmatch"
    return "search"


def _module_patterns() -> list[tuple[str, re.Pattern, str]]:
    """Patterns compiled at module or class level in every kg module, timed the way the module
    applies them."""
    found = []
    for info in pkgutil.walk_packages(kg.__path__, "kg."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        source = inspect.getsource(module)
        holders = [(info.name, vars(module))]
        holders += [(f"{info.name}.{name}", vars(cls)) for name, cls in vars(module).items()
                    if inspect.isclass(cls) and cls.__module__ == info.name]
        for owner, namespace in holders:
            for name, value in namespace.items():
                if isinstance(value, re.Pattern):
                    found.append((f"{owner}.{name}", value, _method_in(source, name)))
    return found


def _lexicon_patterns() -> list[tuple[str, re.Pattern, str]]:
    lexicon = default_lexicon()
    found = []
    for kind, patterns in lexicon.boilerplate.items():
        for number, pattern in enumerate(patterns):
            found.append((f"boilerplate.yaml {kind}[{number}]", pattern, "fullmatch"))
    for rule in lexicon.segments:
        found.append((f"boilerplate.yaml segments {rule.id}", rule.pattern, "search"))
    for number, rule in enumerate(lexicon.triggers):
        for field in ("pattern", "morphs", "not_after"):
            if getattr(rule, field) is not None:
                # not_after is matched at the trigger's end (kg/extract/triggers.py), the others searched
                method = "match" if field == "not_after" else "search"
                found.append((f"triggers.yaml {rule.event_type} {field} #{number}", getattr(rule, field), method))
        if rule.context is not None:
            found.append((f"triggers.yaml {rule.event_type} context #{number}", rule.context, "search"))
    for name in ("hedges", "anaphora", "plan_markers", "planned", "background", "joint", "referring", "attribution", "occurred", "cause", "done",
                 "causal", "detail", "plan_cause", "analysis", "prediction", "continuing", "received", "distributive", "rumour_report", "another", "anaphoric_topic"):
        found.append((f"triggers.yaml {name}", getattr(lexicon, name), "search"))
    for number, (pattern, _) in enumerate(lexicon.trigger_scanners):
        found.append((f"trigger scanner #{number}", pattern, "search"))
    for etype, pattern in lexicon.cue_patterns.items():
        found.append((f"name_cues.yaml {etype}", pattern, "search"))
    for etype, pattern in {**lexicon.descriptor_patterns, **lexicon.quoted_descriptor_patterns}.items():
        found.append((f"name_cues.yaml descriptors {etype}", pattern, "search"))
    for etype, pattern in lexicon.quoted_after_patterns.items():
        found.append((f"name_cues.yaml quoted_descriptors_after {etype}", pattern, "match"))
    found.append(("titles.tsv", lexicon.title_pattern, "search"))
    return found


def all_patterns() -> list[tuple[str, re.Pattern, str]]:
    """(where, pattern, how kg applies it) for every pattern of kg, deduplicated."""
    seen: set[tuple[str, int, str]] = set()
    result = []
    for where, pattern, method in _module_patterns() + _call_site_patterns() + _lexicon_patterns():
        key = (pattern.pattern, pattern.flags)
        if key not in seen:
            seen.add(key)
            result.append((where, pattern, method))
    return result


def _best_time(call, text: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        call(text)
        best = min(best, time.perf_counter() - start)
    return best


def growth(pattern: re.Pattern, method: str, prefix: str, unit: str) -> tuple[float, list[tuple[int, float]]]:
    """The growth exponent of the pattern's time on ``unit`` repeated (1.0 = linear), with the
    (size, seconds) points measured. Sizes grow slowly, so an exponential pattern is caught
    before one call takes long."""
    if method == "search":
        def call(text):
            for _ in pattern.finditer(text):
                pass
    else:
        call = getattr(pattern, method)
    points = []
    size = 32.0
    while size <= MAX_SIZE:
        text = prefix + (unit * (int(size) // len(unit) + 1))[: int(size)]
        seconds = _best_time(call, text)
        points.append((len(text), seconds))
        if seconds > STOP_AFTER:
            break
        size *= SIZE_STEP
    big_n, big_t = points[-1]
    if big_t < NOISE:
        return 1.0, points
    # compare with the point about 8x smaller (or the smallest above the noise)
    small = [(n, t) for n, t in points if n <= big_n / 6 and t >= NOISE / 10]
    if not small:
        small = [p for p in points if p[0] < big_n]
    small_n, small_t = small[-1] if small else points[0]
    if small_n >= big_n:
        return 1.0, points
    # measure the two points again, more carefully: a busy machine makes single times noisy
    texts = {n: prefix + (unit * (n // len(unit) + 1))[:n] for n in (small_n - len(prefix), big_n - len(prefix))}
    small_t, big_t = (_best_time(call, text, 7) for text in texts.values())
    if big_t < NOISE:
        return 1.0, points
    return math.log(big_t / max(small_t, 1e-7)) / math.log(big_n / small_n), points


PATTERNS = all_patterns()


def test_patterns_collects_every_kind():
    wheres = " ".join(where for where, _, _ in PATTERNS)
    for part in ("kg.clean", "kg.timex", "kg.extract.quotes", "boilerplate.yaml", "triggers.yaml", "titles.tsv"):
        assert part in wheres
    assert len(PATTERNS) > 150


@pytest.mark.parametrize("where,pattern,method", PATTERNS, ids=[p[0] for p in PATTERNS])
def test_patterns_run_in_linear_time(where, pattern, method):
    slow = []
    for name, *parts in ADVERSARIAL:
        prefix, unit = parts if len(parts) == 2 else ("", parts[0])
        exponent, points = growth(pattern, method, prefix, unit)
        for _ in range(2):
            if exponent <= MAX_EXPONENT:
                break
            # measured again before failing: a busy machine can stretch one large timing, a
            # backtracking pattern grows just as fast every time
            exponent, points = min((exponent, points), growth(pattern, method, prefix, unit))
        if exponent > MAX_EXPONENT:
            slow.append(f"{name}: time grows as n^{exponent:.1f} ({points[-1][0]} chars: {points[-1][1]:.3f} s)")
    assert not slow, f"{where} /{pattern.pattern[:80]}/ ({method}) backtracks: " + "; ".join(slow)
