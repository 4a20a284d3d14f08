"""Component: names in a list take the type of the list (reads a body sentence's words and the
entities found so far; adds mentions).

Korean news lists rivals, partners and products as ``A, B, C 등`` or ``A와 B``. When exactly one
type is known among the members (a company, a product), an unknown proper noun in the same list
is a name of that type: ``가나제약, 다라바이오, 마바텍 3자간 합의`` (다라바이오 and 마바텍 are
companies once 가나제약 is), ``티맵과 누리내비가`` (products). Common nouns (``협력``, ``신제품``)
and words with a case particle in the middle of the run (``가나전자가, 다라``) end a list.
"""

from __future__ import annotations

import re

from ..lexicon import normalize_name
from .names import PROPER_TAGS
from .text import Word

__all__ = ["add_listed_names"]

_LIST_TYPES = ("Company", "Product")
_JOINT_PARTICLES = ("와", "과")
_NAME = re.compile(r"[가-힣A-Za-z0-9][가-힣A-Za-z0-9&.\-]{1,24}")


def add_listed_names(finder, sentence) -> None:
    words = finder.words[sentence.index]
    run: list[Word] = []
    for word in words + [None]:
        if word is not None and (not run or _joins(run[-1])):
            run.append(word)
            continue
        if len(run) >= 2:
            _type_members(finder, run, sentence)
        run = [word] if word is not None else []


_CODE_JOINT = re.compile(r"\([A-Za-z0-9\-]{1,10}\),")  # 그랜저(HG), K7(VG),: a model code in brackets


def _joins(word: Word) -> bool:
    """The word is followed by another member of its list: ``A,``, ``A와``, ``A(code),``."""
    particle = word.particle
    return (particle in _JOINT_PARTICLES or (word.text.endswith(",") and particle in ("", ","))
            or bool(_CODE_JOINT.fullmatch(particle)))


def _type_members(finder, run: list[Word], sentence) -> None:
    known: list[str] = []
    unknown: list[Word] = []
    for word in run:
        stem = word.stem.rstrip(",")
        if not stem:
            return
        key = finder._overlaps(word.start, word.start + len(stem))
        if key:
            known.append(key.split("/", 1)[0])
        else:
            unknown.append(word)
    if not known or not unknown:
        return
    etype = max(set(known), key=lambda t: (known.count(t), t))
    if etype not in _LIST_TYPES or 3 * known.count(etype) < 2 * len(known):
        return  # the list's type: what at least two thirds of its known members are
    lex = finder.lex
    for word in unknown:
        stem = word.stem.rstrip(",")
        tokens = [t for t in word.tokens if t.end <= word.start + len(stem)]
        if not _NAME.fullmatch(stem) or stem[0].isdigit() or not tokens:
            continue
        entry = lex.lookup(stem)
        if entry is not None and entry.type == etype and stem in lex.ambiguous:
            # 다음과 카카오가: a name that is also a common word is the name in a list of its kind
            finder._add(entry.key, etype, entry.ko, word.start, word.start + len(stem), sentence.index, "list", 0.65, entry)
            continue
        if tokens[0].tag not in PROPER_TAGS or any(t.tag not in ("NNG", "NNP", "SL", "SN", "SH") for t in tokens):
            continue  # 협력, 신제품: a common noun is no member of a list of names
        if stem in lex.not_names or stem in lex.titles or lex.title_of(stem) or finder._in_dateline(word.start):
            continue
        if len(tokens) > 1 and any(lex.lookup(t.form, ("Location",)) for t in tokens):
            continue  # 중국법인, 미국공장: a place and a common noun
        if entry is not None and entry.type != etype:
            continue
        key = entry.key if entry is not None else f"{etype}/{normalize_name(stem)}"
        finder._add(key, etype, entry.ko if entry is not None else stem, word.start, word.start + len(stem),
                    sentence.index, "list", 0.65, entry)
