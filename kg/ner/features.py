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
        self.gazetteer_keys = {entry.key: CLASS_CODES[entry.type] for entry in lexicon.entries}
        self.titles = frozenset(lexicon.titles)
        self.surnames = frozenset(lexicon.surnames)
        cues = {}
        for etype, words in lexicon.cues.items():
            for word in words:
                cues.setdefault(word, CLASS_CODES[etype])
        self.cues = cues
        self.cache: dict[tuple, tuple[str, ...]] = {}  # per-token features by (form, tag, gazetteer key)


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


CACHE_SIZE = 50_000  # per-token feature tuples kept (~2 k new forms per 100 articles, ever fewer)
_CONTENT = ("NN", "SL", "SH", "SN", "XR", "XSN")  # tags a name's window may start and end with


def _token_features(form: str, tag: str, user_value: str | None, ctx: FeatureContext) -> tuple[str, ...]:
    """The features of a token on its own (cached per form, tag and gazetteer key)."""
    key = (form, tag, user_value)
    cached = ctx.cache.get(key)
    if cached is None:
        if len(ctx.cache) >= CACHE_SIZE:
            ctx.cache.clear()  # a corpus's vocabulary keeps growing: memory stays bounded
        f = ["b", "w=" + form, "t=" + tag, "t2=" + tag[:2], "p1=" + form[:1], "p2=" + form[:2],
             "s1=" + form[-1:], "s2=" + form[-2:], "sh=" + _shape(form), "ln=" + str(min(len(form), 5))]
        if form in ctx.titles:
            f.append("ti")
        cue = ctx.cues.get(form)
        if cue:
            f.append("cue=" + cue)
        if tag == "NNP" and 2 <= len(form) <= 4 and (form[:1] in ctx.surnames or form[:2] in ctx.surnames):
            f.append("sn")
        if user_value:
            f.append("uv=" + ctx.gazetteer_keys.get(user_value, "?"))
        cached = ctx.cache[key] = tuple(f)
    return cached


def sentence_features(tokens: Sequence[Token], text: str, ctx: FeatureContext) -> list[list[str]]:
    """One list of feature strings per token; ``text`` is what the token offsets index."""
    n = len(tokens)
    forms = [t.form for t in tokens]
    tags = [t.tag for t in tokens]
    titles, cues = ctx.titles, ctx.cues
    feats: list[list[str]] = []
    for i, token in enumerate(tokens):
        form, tag = forms[i], tags[i]
        f = list(_token_features(form, tag, token.user_value, ctx))
        space_before = i == 0 or token.start > tokens[i - 1].end
        space_after = i == n - 1 or tokens[i + 1].start > token.end
        f.append("sp=" + ("1" if space_before else "0") + ("1" if space_after else "0"))
        if i > 0:
            f += ["w-1=" + forms[i - 1], "t-1=" + tags[i - 1], "t-1t=" + tags[i - 1] + "|" + tag]
            if forms[i - 1] in titles:
                f.append("ti-1")
        else:
            f.append("BOS")
        if i > 1:
            f.append("t-2=" + tags[i - 2])
        if i < n - 1:
            f += ["w+1=" + forms[i + 1], "t+1=" + tags[i + 1], "tt+1=" + tag + "|" + tags[i + 1]]
            if forms[i + 1] in titles:
                f.append("ti+1")
            cue = cues.get(forms[i + 1])
            if cue:
                f.append("cue+1=" + cue)
        else:
            f.append("EOS")
        if i < n - 2:
            f.append("t+2=" + tags[i + 2])
            if forms[i + 2] in titles:
                f.append("ti+2")
        feats.append(f)
    # gazetteer membership over windows of 1-3 tokens that start and end with a content token
    content = [tag.startswith(_CONTENT) for tag in tags]
    forms_table, gazetteer = ctx.forms, ctx.gazetteer
    for j in range(n):
        if not content[j]:
            continue
        start = tokens[j].start
        end = tokens[j].end
        for size in (1, 2, 3):
            k = j + size - 1
            if k >= n:
                break
            end = max(end, tokens[k].end)
            if not content[k]:
                continue
            surface = text[start:end].replace(" ", "").casefold()
            for name, table in (("kl", forms_table), ("gz", gazetteer)):
                code = table.get(surface)
                if code is None:
                    continue
                if size == 1:
                    feats[j].append(f"{name}1={code}")
                else:
                    feats[j].append(f"{name}{size}B={code}")
                    for m in range(j + 1, k + 1):
                        feats[m].append(f"{name}{size}{'E' if m == k else 'I'}={code}")
    return feats
