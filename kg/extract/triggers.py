"""Trigger rules matched on Kiwi's morphemes, not on raw substrings.

A rule of ``kg/data/triggers.yaml`` gives a ``pattern`` over the surface text, a ``morphs`` pattern
over the sentence's morphemes (``form/TAG`` separated by spaces, so ``다치/VV`` matches 다쳐, 다쳤다
and 다친 alike), or both. Either way a match must start where a morpheme starts and must not start
on a particle or an ending, so a word inside another word never fires: ``조사`` in 제조사,
``부도`` in 여부도 and ``출시`` in 노출시켰다 are one morpheme each, and the match would begin
inside it. Senses that are not the event are the rule's ``not_before`` / ``not_after`` patterns
(``불만이 폭발``, ``유출 사고``), each with test sentences in the file (``example``, ``not``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from ..firstchars import guarded, match_prefixes
from ..lexicon import Lexicon, TriggerRule
from ..model import Sentence

__all__ = ["TriggerHit", "match_triggers"]

# morphemes a trigger never starts on: particles, endings, suffixes, punctuation
_NOT_A_START = ("J", "E", "XS", "VCP", "S")
_WINDOW = 16  # characters of context a sense rule looks at


@dataclass(frozen=True, slots=True)
class TriggerHit:
    start: int  # absolute offsets into the article text
    end: int
    rule: TriggerRule


def match_triggers(sentence: Sentence, lexicon: Lexicon) -> list[TriggerHit]:
    """Every trigger-rule match of the sentence that starts on a morpheme boundary and passes the
    rule's sense conditions (``context``, ``not_before``, ``not_after``); ``requires`` is left to
    the caller, which knows the sentence's entities."""
    text = sentence.text
    starts: dict | None = None
    chars, pairs = set(text), {text[i:i + 2] for i in range(len(text) - 1)}
    hits = []
    for pattern, rules, prefixes in _scanners(lexicon):
        if prefixes is not None and prefixes[0].isdisjoint(chars) and prefixes[1].isdisjoint(pairs):
            continue  # no string a match can start with is in the sentence
        for m in pattern.finditer(text):
            rule = rules.get("r") or next(rules[g] for g, v in m.groupdict().items() if v is not None)
            begin = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            if begin >= m.end():
                continue
            if starts is None:
                starts = {}
                for token in sentence.tokens:  # the first morpheme at an offset (내/VV, not the 어/EC of 내놨다)
                    starts.setdefault(token.start - sentence.start, token)
            token = starts.get(begin)
            if token is None or token.tag.startswith(_NOT_A_START):
                continue  # inside a word: 제조사, 여부도, 노출시켰다
            if _senses_fit(rule, text, begin, m.end()):
                hits.append(TriggerHit(sentence.start + begin, sentence.start + m.end(), rule))
    morph_rules = _morph_rules(lexicon)
    if morph_rules:
        line, offsets = _morpheme_line(sentence)
        for rule in morph_rules:
            for m in rule.morphs.finditer(line):
                if m.start() not in offsets or (m.end() < len(line) and line[m.end()] != " "):
                    continue
                first = offsets[m.start()]
                last = offsets[max(o for o in offsets if o < m.end())]
                if first.tag.startswith(_NOT_A_START):
                    continue
                begin, end = first.start - sentence.start, max(first.end, last.end) - sentence.start
                if _senses_fit(rule, text, begin, end):
                    hits.append(TriggerHit(sentence.start + begin, sentence.start + end, rule))
    return hits


def _senses_fit(rule: TriggerRule, text: str, begin: int, end: int) -> bool:
    if rule.context and not rule.context.search(text):
        return False
    if rule.not_before and _ending(rule.not_before).search(text[max(0, begin - _WINDOW):begin]):
        return False
    if rule.not_after and rule.not_after.match(text[end:end + _WINDOW]):
        return False
    return True


@lru_cache(maxsize=512)
def _ending(pattern: re.Pattern) -> re.Pattern:
    """``not_before`` anchored at the trigger: it must end right before it (spaces allowed)."""
    return re.compile(r"(?:" + pattern.pattern + r")\s*$")


_SCANNERS: dict[int, tuple[Lexicon, list[tuple[re.Pattern, dict, tuple | None]]]] = {}


def _scanners(lexicon: Lexicon) -> list[tuple[re.Pattern, dict, tuple | None]]:
    """The lexicon's trigger scanners, each with the strings a match of it can start with (None:
    any), so that a sentence is scanned only by the patterns that can match in it."""
    cached = _SCANNERS.get(id(lexicon))
    if cached is None or cached[0] is not lexicon:
        cached = _SCANNERS[id(lexicon)] = (
            lexicon, [(guarded(pattern.pattern, pattern.flags), rules, match_prefixes(pattern))
                      for pattern, rules in lexicon.trigger_scanners])
    return cached[1]


_MORPH_RULES: dict[int, tuple[Lexicon, list[TriggerRule]]] = {}


def _morph_rules(lexicon: Lexicon) -> list[TriggerRule]:
    cached = _MORPH_RULES.get(id(lexicon))
    if cached is None or cached[0] is not lexicon:
        cached = _MORPH_RULES[id(lexicon)] = (
            lexicon, [rule for rule in lexicon.triggers if rule.morphs is not None and rule.pattern is None])
    return cached[1]


def _morpheme_line(sentence: Sentence) -> tuple[str, dict]:
    """``form/TAG form/TAG ...`` and, per morpheme, its offset in that line -> the token."""
    tokens = sentence.tokens
    parts = [f"{token.form}/{token.tag}" for token in tokens]
    return " ".join(parts), dict(zip(accumulate([len(part) + 1 for part in parts], initial=0), tokens))
