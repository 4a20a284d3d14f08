"""Token features for the named-entity tagger, shared by training (``kg.ner.train``) and tagging.

A sentence is a sequence of Kiwi tokens (``model.Token``) with offsets into a text. Each token gets
string features: its form, tag, affixes and shape, its neighbours, whether a space comes before or
after it, title and cue words around it, and gazetteer membership over 1-3 token windows, both in
kg's own gazetteers (``kg/data/gazetteer``) and in the entity forms seen in KLUE's training split
(``kg/models/entity-forms.tsv``).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from ..errors import KgError
from ..lexicon import Lexicon
from ..model import Token

__all__ = ["FeatureContext", "CLASS_CODES", "CODE_CLASSES", "load_nikl_classes", "sentence_features"]

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "ner"
MODELS_DIR = Path(__file__).resolve().parent.parent / "models"

# kg entity class -> the short label the tagger predicts (B-PS, I-CO, ...)
CLASS_CODES = {"Person": "PS", "Organization": "OG", "Company": "CO", "NewsOutlet": "NO",
               "Location": "LC", "Facility": "FC", "Product": "PR"}
CODE_CLASSES = {code: cls for cls, code in CLASS_CODES.items()}


def load_nikl_classes(path: Path = DATA_DIR / "nikl_classes.tsv") -> dict[str, str]:
    """NIKL fine type -> kg class, from the mapping table (unlisted types are not entities)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    mapping: dict[str, str] = {}
    for number, row in enumerate(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
        nikl, cls = (row.get("id") or "").strip(), (row.get("class") or "").strip()
        if not nikl or cls not in CLASS_CODES:
            raise KgError(f"{path}: rule {number} ({nikl or 'no id'}): class '{cls}' is not one of "
                          f"{', '.join(CLASS_CODES)} (fix the class column)")
        if nikl in mapping:
            raise KgError(f"{path}: rule {number} ({nikl}): listed twice (keep one row)")
        mapping[nikl] = cls
    return mapping


def _fold(surface: str) -> str:
    return surface.replace(" ", "").casefold()


class FeatureContext:
    """The word lists the features consult, built once per lexicon."""

    def __init__(self, lexicon: Lexicon, forms_path: Path = MODELS_DIR / "entity-forms.tsv"):
        nikl = load_nikl_classes()
        best: dict[str, tuple[int, str]] = {}
        with forms_path.open(encoding="utf-8") as handle:
            next(handle)
            for line in handle:
                form, label, count = line.rstrip("\n").split("\t")
                key = _fold(form)
                code = CLASS_CODES.get(nikl.get(label, ""), "X")
                if key not in best or int(count) > best[key][0]:
                    best[key] = (int(count), code)
        self.forms: dict[str, str] = {key: code for key, (_, code) in best.items()}
        self.gazetteer: dict[str, str] = {}
        for entry in sorted(lexicon.entries, key=lambda e: e.key):
            for surface in entry.surfaces:
                self.gazetteer.setdefault(_fold(surface), CLASS_CODES[entry.type])
        # folded surface -> (KLUE code, gazetteer code), one look-up per window
        self.tables = {key: (self.forms.get(key), self.gazetteer.get(key)) for key in (*self.forms, *self.gazetteer)}
        self.gazetteer_keys = {entry.key: CLASS_CODES[entry.type] for entry in lexicon.entries}
        self.titles = frozenset(lexicon.titles)
        self.surnames = frozenset(lexicon.surnames)
        cues = {}
        for etype, words in lexicon.cues.items():
            for word in words:
                cues.setdefault(word, CLASS_CODES[etype])
        self.cues = cues
        self.cache: dict[tuple, _Strings] = {}  # per-token features by (form, tag, gazetteer key)
        self.tag_pairs: dict[tuple[str, str], tuple[tuple[bytes, ...], tuple[bytes, ...]]] = {}
        # the features a tagging model has weights for (set by kg.ner.Tagger); None: keep every feature
        self.known: frozenset[bytes] | None = None


def _shape(form: str) -> str:
    if form.isdigit():
        return "D"
    kinds = set()
    for ch in form:
        if "가" <= ch <= "힣":
            kinds.add("H")
        elif ch.isascii() and ch.isalpha():
            kinds.add("U" if ch.isupper() else "L")
        elif ch.isdigit():
            kinds.add("D")
        elif "一" <= ch <= "鿿":
            kinds.add("C")
        else:
            kinds.add("P")
    return "".join(sorted(kinds))


CACHE_SIZE = 50_000  # per-token feature records kept (~2 k new forms per 100 articles, ever fewer)
_CONTENT = ("NN", "SL", "SH", "SN", "XR", "XSN")  # tags a name's window may start and end with
_SPACES = {(True, True): b"sp=11", (True, False): b"sp=10", (False, True): b"sp=01", (False, False): b"sp=00"}


class _Strings(NamedTuple):
    """A token's features, made once per (form, tag, gazetteer key): its own and the ones it gives
    its neighbours."""

    own: tuple[bytes, ...]
    as_prev: tuple[bytes, ...]  # w-1=, t-1= of the next token
    title_prev: tuple[bytes, ...]  # ti-1 of the next token (or nothing)
    as_prev2: tuple[bytes, ...]  # t-2= of the token after next
    as_next: tuple[bytes, ...]  # w+1=, t+1= of the token before
    after_next: tuple[bytes, ...]  # ti+1, cue+1= of the token before
    as_next2: tuple[bytes, ...]  # t+2=, ti+2 of the token two before
    content: bool  # a name's window may start or end here


def _encoded(ctx: FeatureContext, *features: str) -> tuple[bytes, ...]:
    """The features as UTF-8, without those the tagger's model has no weight for (``ctx.known``):
    the CRF library drops those itself, after looking each one up."""
    encoded = (f.encode("utf-8") for f in features)
    return tuple(encoded) if ctx.known is None else tuple(f for f in encoded if f in ctx.known)


def _token_strings(form: str, tag: str, user_value: str | None, ctx: FeatureContext) -> _Strings:
    """The features of a token (cached per form, tag and gazetteer key)."""
    key = (form, tag, user_value)
    cached = ctx.cache.get(key)
    if cached is None:
        if len(ctx.cache) >= CACHE_SIZE:
            ctx.cache.clear()  # a corpus's vocabulary keeps growing: memory stays bounded
        f = ["b", "w=" + form, "t=" + tag, "t2=" + tag[:2], "p1=" + form[:1], "p2=" + form[:2],
             "s1=" + form[-1:], "s2=" + form[-2:], "sh=" + _shape(form), "ln=" + str(min(len(form), 5))]
        title = form in ctx.titles
        if title:
            f.append("ti")
        cue = ctx.cues.get(form)
        if cue:
            f.append("cue=" + cue)
        if tag == "NNP" and 2 <= len(form) <= 4 and (form[:1] in ctx.surnames or form[:2] in ctx.surnames):
            f.append("sn")
        if user_value:
            f.append("uv=" + ctx.gazetteer_keys.get(user_value, "?"))
        after_next = ("ti+1",) if title else ()
        if cue:
            after_next += ("cue+1=" + cue,)
        cached = ctx.cache[key] = _Strings(
            own=_encoded(ctx, *f), as_prev=_encoded(ctx, "w-1=" + form, "t-1=" + tag),
            title_prev=_encoded(ctx, "ti-1") if title else (), as_prev2=_encoded(ctx, "t-2=" + tag),
            as_next=_encoded(ctx, "w+1=" + form, "t+1=" + tag), after_next=_encoded(ctx, *after_next),
            as_next2=_encoded(ctx, "t+2=" + tag, *(("ti+2",) if title else ())), content=tag.startswith(_CONTENT))
    return cached


def _tag_pair(ctx: FeatureContext, before: str, after: str) -> tuple[tuple[bytes, ...], tuple[bytes, ...]]:
    """(t-1t= of the second token, tt+1= of the first) for two neighbouring tags."""
    pair = ctx.tag_pairs.get((before, after))
    if pair is None:
        pair = ctx.tag_pairs[before, after] = (_encoded(ctx, f"t-1t={before}|{after}"),
                                               _encoded(ctx, f"tt+1={before}|{after}"))
    return pair


def sentence_features(tokens: Sequence[Token], text: str, ctx: FeatureContext) -> list[list[bytes]]:
    """One list of features per token; ``text`` is what the token offsets index. Features are
    UTF-8 bytes (``w=카카오``, ``t-1=NNP``): what the CRF library takes without encoding each
    string again."""
    n = len(tokens)
    cache, tag_pairs = ctx.cache, ctx.tag_pairs
    strings = [cache.get((t.form, t.tag, t.user_value)) or _token_strings(t.form, t.tag, t.user_value, ctx)
               for t in tokens]
    tags = [t.tag for t in tokens]
    pairs = [tag_pairs.get(pair) or _tag_pair(ctx, *pair) for pair in zip(tags, tags[1:])]
    # a space between token i and token i + 1; none before the first and after the last
    gaps = [True, *(tokens[i + 1].start > tokens[i].end for i in range(n - 1)), True]
    feats: list[list[bytes]] = []
    for i in range(n):
        s = strings[i]
        if 1 < i < n - 2:  # most tokens: two neighbours on each side
            before, after = strings[i - 1], strings[i + 1]
            feats.append([*s.own, _SPACES[gaps[i], gaps[i + 1]], *before.as_prev, *pairs[i - 1][0], *before.title_prev,
                          *strings[i - 2].as_prev2, *after.as_next, *pairs[i][1], *after.after_next,
                          *strings[i + 2].as_next2])
            continue
        f = [*s.own, _SPACES[gaps[i], gaps[i + 1]]]
        if i > 0:
            before = strings[i - 1]
            f += before.as_prev
            f += pairs[i - 1][0]
            f += before.title_prev
        else:
            f.append(b"BOS")
        if i > 1:
            f += strings[i - 2].as_prev2
        if i < n - 1:
            f += strings[i + 1].as_next
            f += pairs[i][1]
            f += strings[i + 1].after_next
        else:
            f.append(b"EOS")
        if i < n - 2:
            f += strings[i + 2].as_next2
        feats.append(f)
    # gazetteer membership over windows of 1-3 tokens that start and end with a content token
    tables = ctx.tables
    for j in range(n):
        if not strings[j].content:
            continue
        start = tokens[j].start
        end = tokens[j].end
        for size in (1, 2, 3):
            k = j + size - 1
            if k >= n:
                break
            end = max(end, tokens[k].end)
            if not strings[k].content:
                continue
            codes = tables.get(text[start:end].replace(" ", "").casefold())
            if codes is None:
                continue
            for name, code in zip(("kl", "gz"), codes):
                if code is None:
                    continue
                if size == 1:
                    feats[j].append(f"{name}1={code}".encode("utf-8"))
                else:
                    feats[j].append(f"{name}{size}B={code}".encode("utf-8"))
                    for m in range(j + 1, k + 1):
                        feats[m].append(f"{name}{size}{'E' if m == k else 'I'}={code}".encode("utf-8"))
    return feats
