"""Analyze stage: ``Article`` -> ``Document`` (sentences and tokens), with kiwipiepy.

This is the only module that imports kiwipiepy. The ``Kiwi`` instance is created lazily, once
per process (it costs about a second and ~0.5 GB), with the gazetteer loaded as user words so
that names such as ``판교 데이터센터`` or ``SK C&C`` come out as single proper-noun tokens that
carry their gazetteer key.
"""

from __future__ import annotations

import re
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from .gcpause import gc_paused
from .lexicon import Lexicon
from .model import Article, Document, Sentence, Token

__all__ = ["Analyzer", "get_analyzer"]

T = TypeVar("T")

_USER_WORD_SCORE = 5.0  # FINDINGS: score 0 does not beat built-in entries (남궁훈)
# Kiwi gets at most this many characters at once: a page dumped as one line is cut at sentence
# ends (else at a space) first, so that time and memory stay linear in the line's length.
MAX_CHUNK = 2000
_CHUNK_END_RE = re.compile(r"(?:[다요죠][.!?]|[.!?])[\"'”’)\]]{0,3}\s")
# No word of any language runs this long without a space: such a run (a pasted blob, a base64
# image, a fuzzer's string) is one unknown token, not sent to Kiwi, which spends ~10x its usual
# time per character on it.
MAX_WORD = 100
_LONG_RUN_RE = re.compile(r"\S{%d,}" % MAX_WORD)


def chunks(line: str, limit: int = MAX_CHUNK) -> list[tuple[int, str]]:
    """(offset, text) pieces of a line, each at most ``limit`` characters, cut after the last
    sentence end in the window, else at the last space, else hard."""
    if len(line) <= limit:
        return [(0, line)]
    pieces = []
    start = 0
    while len(line) - start > limit:
        window_end = start + limit
        cut = None
        for m in _CHUNK_END_RE.finditer(line, start + limit // 2, window_end):
            cut = m.end()
        if cut is None:
            space = line.rfind(" ", start + limit // 2, window_end)
            cut = space + 1 if space > 0 else window_end
        pieces.append((start, line[start:cut]))
        start = cut
    pieces.append((start, line[start:]))
    return pieces


class Analyzer:
    """Sentence splitting and morphological analysis over cleaned article text."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self._kiwi = None
        self._lock = threading.Lock()

    @property
    def kiwi(self):
        if self._kiwi is None:
            with self._lock:
                if self._kiwi is None:
                    from kiwipiepy import Kiwi

                    kiwi = Kiwi()
                    for surface, key in self.lexicon.user_words:
                        kiwi.add_user_word(surface, "NNP", _USER_WORD_SCORE, user_value=key)
                    self._kiwi = kiwi
        return self._kiwi

    def analyze(self, article: Article) -> Document:
        """Split each line into sentences (lines first: forum text glues lines otherwise)."""
        kiwi = self.kiwi
        return self._document(article, self._plan(article), lambda piece: kiwi.tokenize(piece, split_sents=True))

    def analyze_stream(self, items: Iterable[tuple[T, Article | None]]) -> Iterator[tuple[T, Document | None]]:
        """``analyze`` over a stream of (tag, article) pairs, in order; a pair without an article
        passes through. Kiwi's own batching (``tokenize`` over an iterable) analyses the coming
        articles in its worker threads while the caller works on this one: the same tokens, and
        the caller's Python work no longer waits for Kiwi. The iterable is read a few hundred
        lines ahead; an exception it raises comes out of this iterator."""
        plans: deque[tuple[T, Article | None, list]] = deque()

        def pieces() -> Iterator[str]:
            for tag, article in items:
                plan = self._plan(article) if article is not None else []
                plans.append((tag, article, plan))
                for piece in plan:
                    if isinstance(piece[0], str):
                        yield piece[0]

        results = self.kiwi.tokenize(pieces(), split_sents=True)
        early: deque = deque()  # results read while looking for the next article's plan

        def next_result(_piece):
            return early.popleft() if early else next(results)

        while True:
            if not plans:  # Kiwi has not read the next article yet: make it read on
                try:
                    early.append(next(results))
                except StopIteration:
                    if not plans:
                        return
                continue
            tag, article, plan = plans.popleft()
            yield tag, (None if article is None else self._document(article, plan, next_result))

    @staticmethod
    def _plan(article: Article) -> list:
        """What ``analyze`` does with an article's text, in order: (text, offset, zone) pieces for
        Kiwi and (None, start, end, zone) runs too long for a word, which stay one token."""
        plan: list = []
        offset = 0
        for line in article.text.split("\n"):
            if line.strip():
                zone = article.zone_at(offset)
                whole_line_zone = zone is not None and all(
                    z.start <= offset and z.end >= offset + len(line) for z in article.zones if z.kind == zone
                )
                zone = zone if whole_line_zone else None
                # tokenize(split_sents=True) gives the same sentences as split_into_sents, twice as fast
                for base, chunk in chunks(line):
                    position = 0
                    for m in _LONG_RUN_RE.finditer(chunk):
                        if chunk[position:m.start()].strip():
                            plan.append((chunk[position:m.start()], offset + base + position, zone))
                        plan.append((None, offset + base + m.start(), offset + base + m.end(), zone))
                        position = m.end()
                    if chunk[position:].strip():
                        plan.append((chunk[position:], offset + base + position, zone))
            offset += len(line) + 1
        return plan

    @staticmethod
    @gc_paused
    def _document(article: Article, plan: list, tokenize: Callable[[str], list]) -> Document:
        """The sentences of a planned article; ``tokenize`` gives a Kiwi piece's sentences."""
        sentences: list[Sentence] = []
        text = article.text
        for piece in plan:
            if piece[0] is None:
                _, start, end, zone = piece
                sentences.append(Sentence(len(sentences), start, end, text[start:end],
                                          (Token(text[start:end], "SW", start, end, None),), zone))
                continue
            chunk, offset, zone = piece
            for sent_tokens in tokenize(chunk):
                if not sent_tokens:
                    continue
                tokens = tuple([
                    Token(t.form, t.tag, offset + t.start, offset + t.start + t.len,
                          value if isinstance(value := t.user_value, str) else None)
                    for t in sent_tokens
                ])
                start, end = tokens[0].start, max([t.end for t in tokens])
                sentences.append(Sentence(
                    index=len(sentences),
                    start=start,
                    end=end,
                    text=text[start:end],
                    tokens=tokens,
                    zone=zone,
                ))
        return Document(article=article, sentences=tuple(sentences))


_ANALYZERS: dict[int, Analyzer] = {}


def get_analyzer(lexicon: Lexicon) -> Analyzer:
    """One analyzer (and so one Kiwi) per lexicon per process."""
    analyzer = _ANALYZERS.get(id(lexicon))
    if analyzer is None or analyzer.lexicon is not lexicon:
        analyzer = _ANALYZERS[id(lexicon)] = Analyzer(lexicon)
    return analyzer
