"""Small views over analysed sentences shared by the extractors: words (eojeol) and quote spans."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Sentence, Token

__all__ = ["Word", "words_of", "quote_spans", "QuoteSpan", "in_spans"]

# Tags that end the content part (stem) of a word: particles, endings, copula, suffix verbs.
_FUNCTION_TAG_PREFIXES = ("J", "E", "VCP", "XSV", "XSA", "SF", "SP", "SS", "SW", "SE", "SO")


@dataclass(frozen=True, slots=True)
class Word:
    """A whitespace-delimited word (eojeol) with its content part (``stem``) before particles."""

    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]
    stem_end: int  # absolute offset where particles/endings begin
    # the text before and from ``stem_end``, made once: extractors read them hundreds of thousands of times
    stem: str = field(init=False, compare=False, repr=False)
    particle: str = field(init=False, compare=False, repr=False)

    def __post_init__(self):
        cut = self.stem_end - self.start
        object.__setattr__(self, "stem", self.text[:cut])
        object.__setattr__(self, "particle", self.text[cut:])

    @property
    def first_tag(self) -> str:
        return self.tokens[0].tag if self.tokens else ""


def words_of(sentence: Sentence, text: str) -> list[Word]:
    """Group a sentence's tokens into words by whitespace in the underlying ``text``."""
    words: list[Word] = []
    group: list[Token] = []
    group_end = 0
    for token in sentence.tokens:
        if group and token.start > group_end and text[group_end:token.start].isspace():
            words.append(_make_word(group, text, group_end))
            group = [token]
            group_end = token.end
            continue
        group_end = token.end if not group or token.end > group_end else group_end
        group.append(token)
    if group:
        words.append(_make_word(group, text, group_end))
    return words


def _make_word(tokens: list[Token], text: str, end: int | None = None) -> Word:
    """The word of a group of tokens; ``end`` is the furthest end of its tokens, when known."""
    if end is None:
        end = max(t.end for t in tokens)
    while len(tokens) > 1 and tokens[0].tag in ("SSO", "SSC", "SW", "SP", "SO"):
        tokens = tokens[1:]  # opening punctuation glued to the word ('카카오, (주)...)
    start = tokens[0].start
    stem_end = end
    previous_end = tokens[0].end
    for token in tokens[1:]:
        if token.tag.startswith(_FUNCTION_TAG_PREFIXES):
            # a particle merged into the previous syllable (남궁훈 -> 남궁/후/ᆫ) belongs to the stem
            stem_end = token.start if token.start >= previous_end else token.end
            break
        previous_end = token.end
    return Word(start, end, text[start:end], tuple(tokens), max(stem_end, start))


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int  # absolute offset of the opening quote mark
    end: int  # absolute offset after the closing quote mark
    inner_start: int
    inner_end: int
    double: bool


_OPEN_CLOSE = {'"': '"', "“": "”", "'": "'", "‘": "’", "「": "」", "『": "』"}
_OPENING = re.compile("[" + re.escape("".join(_OPEN_CLOSE)) + "]")


def quote_spans(sentence: Sentence) -> list[QuoteSpan]:
    """Quoted stretches in a sentence (straight or curly, double or single quotes)."""
    spans = []
    text = sentence.text
    i = 0
    while i < len(text):
        m = _OPENING.search(text, i)  # the next opening mark: what lies between cannot start a quote
        if m is None:
            break
        i = m.start()
        ch = text[i]
        if ch in _OPEN_CLOSE:
            close = _OPEN_CLOSE[ch]
            j = text.find(close, i + 1)
            if j == -1 and ch == '"':
                j = text.find("”", i + 1)
            if j > i + 1:
                spans.append(QuoteSpan(
                    sentence.start + i, sentence.start + j + 1,
                    sentence.start + i + 1, sentence.start + j,
                    double=ch in '"“',
                ))
                i = j + 1
                continue
        i += 1
    return spans


def in_spans(start: int, end: int, spans) -> object | None:
    """The first span (with .start/.end) that contains [start, end), else None."""
    for span in spans:
        if span.start <= start and end <= span.end:
            return span
    return None

