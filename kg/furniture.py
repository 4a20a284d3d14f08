"""Page furniture inside a line: cut it out and keep the sentences around it.

Scrapers and APIs often hand over a whole page as one line: headline, dateline, body, reporter box,
reactions (``좋아요0 화나요0``), ``다른 기사 보기``, ``기사제보``, copyright notice, hashtags, share
buttons, a weather widget and a related-article list, all run together. Line-level boilerplate
rules cannot drop such a line without losing the article, so before them each line is cut into
pieces here: furniture segments (``segments:`` in ``kg/data/boilerplate.yaml``, each rule with an
id and an example it must match) are removed, and a line is also broken before a dateline found
inside it and before a reporter credit that follows a finished sentence, so that the line-level
dateline, byline and headline rules see them at the start of a line as usual.

Every pattern here is linear: literal-led, with bounded repeats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .firstchars import match_prefixes, required_strings

__all__ = ["SegmentRule", "Piece", "split_line"]

# where a dateline may start inside a line: (서울=뉴스1)  [서울=뉴시스]  [이데일리 김아무 기자]
_DATELINE_START_RE = re.compile(r"[(\[【]\s{0,3}(?!사진|그래픽|자료|영상|출처)[가-힣A-Za-z0-9]{1,12}(?:\s{0,3}=|\s[가-힣]{2,4}(?:[\s,·]{1,3}[가-힣]{2,4}){0,5}\s{0,3}기자\s{0,3}[\]】])")
_DATELINE_SEARCH_WINDOW = 300  # a dateline inside a line comes right after the headline
_SENTENCE_END_BEFORE_RE = re.compile(r"(?:[다요죠][.!?]|[.!?][\"'”’)]{0,3}|[”\"’'])\s{0,3}$")
_CREDIT_RE = re.compile(
    r"[가-힣]{2,4}\s{0,3}(?:기자|특파원)(?=\s{0,3}(?:[(\[<]\s{0,3})?[\w.+-]{1,64}@|\s{0,3}$)")


@dataclass(frozen=True, slots=True)
class SegmentRule:
    """One kind of page furniture: ``cut`` removes the match, ``tail`` the match and the rest of
    the line (a related-article list runs to the end of the page)."""

    id: str
    pattern: re.Pattern
    action: str  # cut | tail
    label: str  # what it is, for messages: "a copyright notice"
    # the strings every match starts with (kg.firstchars.match_prefixes): a line without any is skipped
    prefixes: tuple[frozenset[str], frozenset[str]] | None = field(init=False, compare=False, repr=False)
    # the longest string every match contains (kg.firstchars.required_strings), if any
    required: str = field(init=False, compare=False, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "prefixes", match_prefixes(self.pattern))
        object.__setattr__(self, "required", max(sorted(required_strings(self.pattern)), key=len, default=""))


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    furniture: str | None = None  # the rule's label when the piece is furniture


def split_line(line: str, rules: list[SegmentRule]) -> list[Piece]:
    """The line as pieces in order: text pieces, and the furniture cut from between them."""
    cuts: list[tuple[int, int, SegmentRule]] = []
    chars = pairs = None
    for rule in rules:
        if rule.required and rule.required not in line:
            continue  # a string every match contains is not in the line
        if rule.prefixes is not None:
            if chars is None:
                chars, pairs = set(line), {line[i:i + 2] for i in range(len(line) - 1)}
            if rule.prefixes[0].isdisjoint(chars) and rule.prefixes[1].isdisjoint(pairs):
                continue  # no string a match starts with is in the line
        for m in rule.pattern.finditer(line):
            if m.end() == m.start():
                continue
            if rule.action == "tail":
                # a list that runs to the end of the page starts where a sentence or furniture ended
                if m.start() and not _SENTENCE_END_BEFORE_RE.search(line, max(0, m.start() - 8), m.start()) \
                        and not any(end >= m.start() - 3 and end <= m.start() for _, end, _ in cuts):
                    continue
                cuts.append((m.start(), len(line), rule))
                break
            cuts.append((m.start(), m.end(), rule))
    cuts.sort(key=lambda c: (c[0], -c[1]))
    pieces: list[Piece] = []
    position = 0
    for start, end, rule in cuts:
        if end <= position:
            continue
        start = max(start, position)
        pieces.extend(_text_pieces(line[position:start]))
        pieces.append(Piece(line[start:end].strip(), rule.label))
        position = end
    pieces.extend(_text_pieces(line[position:]))
    return [p for p in pieces if p.text]


def _text_pieces(text: str) -> list[Piece]:
    """Break text before an inner dateline and before a reporter credit after a sentence."""
    text = text.strip()
    if not text:
        return []
    breaks = set()
    for m in _DATELINE_START_RE.finditer(text, 1, min(len(text), _DATELINE_SEARCH_WINDOW)):
        breaks.add(m.start())
        break
    credits = _CREDIT_RE.finditer(text) if "기자" in text or "특파원" in text else ()  # the words a credit needs
    for m in credits:
        if m.start() > 0 and _SENTENCE_END_BEFORE_RE.search(text, max(0, m.start() - 8), m.start()):
            breaks.add(m.start())
    if not breaks:
        return [Piece(text)]
    result, last = [], 0
    for cut in sorted(breaks):
        result.append(Piece(text[last:cut].strip()))
        last = cut
    result.append(Piece(text[last:].strip()))
    return result
