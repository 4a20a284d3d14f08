"""Component: titles a sentence gives people outside the ``NAME [ORG] TITLE`` pattern.

- appointments: ``A를 대표이사 회장으로 선임했다`` (the object), ``A는 명예회장으로 추대됐다`` and
  ``A 전무와 B 전무가 각각 사장에 올랐다`` (the subjects);
- holding: ``A 사장은 대표이사 사장을 계속 맡는다`` (the subject);
- careers: ``A 회장은 X 경영지원실장, Y 선박영업 대표를 역임했다`` (the subject, each item).

The organisation is the one the title is written with (``X 대표``, ``X의 대표이사``, a prefix
glued to the title), else for an appointment the organisation the sentence has as subject
(``하이닉스는 ... A를 의장으로 선임했다``), else one the person already holds a title at.

Reads: the sentence's words, the entities and position claims found so far (run it after the
title rules and the surname aliases). Adds: ``PositionClaim``s.
"""

from __future__ import annotations

import re

from ..model import Mention, Sentence
from .people import PositionClaim

__all__ = ["add_career_titles"]

_APPOINTED = re.compile(r"^\s*(?:\S+\s+)?(?:선임|임명|내정|발탁|승진|선출|영입|추대|낙점|선정|지명|올랐|오른|오르)")
_PASSIVE = re.compile(r"^\s*(?:\S+\s+)?(?:(?:선임|임명|내정|발탁|선출|영입|추대|낙점)(?:됐|되었|된|되|돼)|승진|올랐|오른|오르)")
_LATER_APPOINTMENT = re.compile(r"(?<=로)\s+(?:\S+\s+)?(?:선임|임명|내정|발탁|선출|추대|선정|지명)\S*")
_HOLDS = re.compile(r"^\s*(?:계속\s+|직을\s+|도\s+)?(?:맡|겸직|겸임|유지)")
_CAREER_VERB = re.compile(r"(?:역임|지냈|지낸|거쳤|거친|거쳐|맡았|맡고|맡아|맡은|맡으)")
_SUBJECT = re.compile(r"^\s*(?:\S+\s+){0,2}?\S*(?:은|는|이|가|과|와)(?:\s|$)")
_COORDINATED = re.compile(r"^\s*(?:\S+\s+){0,2}?\S*(?:와|과)\s+(?:\S+\s+){0,6}?$")
_OBJECT = re.compile(r"^\s*(?:\S+\s+){0,2}?\S*(?:을|를)(?:\s|$)")


def add_career_titles(finder, sentence: Sentence, previous_subject=None):
    """Claims of one body sentence; returns the sentence's subject person (a career sentence
    without one continues the previous sentence's: ``박 후보자는 ... 출신이다. 이후 X 대표를
    역임했다``), to be passed with the next sentence."""
    words = finder.words[sentence.index]
    persons = [(m, f) for m, f in finder.mentions_in(sentence) if f.type == "Person"]
    text = finder.text
    career = bool(_CAREER_VERB.search(sentence.text))
    following = sentence.index + 1
    if not career and not re.search(r"[.!?다\"”']\s*$", sentence.text) and following < len(finder.doc.sentences):
        career = bool(_CAREER_VERB.search(finder.doc.sentences[following].text))  # a sentence broken by a line end
    subject = next(((m, f) for m, f in persons if _SUBJECT.match(text[m.end:m.end + 40])), None)
    if not persons:
        if not (career and previous_subject):
            return None
        mention, found = previous_subject
        persons = [(Mention(sentence.start, sentence.start, "", sentence.index, mention.confidence, mention.rule), found)]
    for i, word in enumerate(words):
        split = finder.lex.title_of(word.stem)
        if split is None or finder._in_dateline(word.start) or finder._overlaps(word.start, word.start + len(word.stem)):
            continue
        prefix, title = split
        after = text[word.end:word.end + 14]
        before = [(m, f) for m, f in persons if m.end <= word.start]
        if not before or _names_follow(finder, words, i):
            continue  # NAME [ORG] TITLE and TITLE NAME are the title rules' business
        holders: list = []
        appointment = False
        particle = word.particle.rstrip(",")
        if particle in ("로", "으로") and (after.startswith(",") or word.particle.endswith(",")):
            later = _LATER_APPOINTMENT.search(text[word.end:sentence.end])  # A를 X로, B를 Y로 선임했다
            after = later.group(0) if later else ""
        if particle in ("로", "으로") and _APPOINTED.match(after):
            appointment = True
            if _PASSIVE.match(after):
                holders = [(m, f) for m, f in before if _SUBJECT.match(text[m.end:word.start])]
            else:
                objects = [(m, f) for m, f in before if _OBJECT.match(text[m.end:word.start])][-1:]
                if objects:  # A 대표와 B씨를 공동관리인으로: the coordinated objects too
                    holders = [(m, f) for m, f in before if m.end <= objects[0][0].start
                               and _COORDINATED.match(text[m.end:objects[0][0].start])] + objects
        elif particle in ("을", "를", "도") and _HOLDS.match(after):
            holders = [(m, f) for m, f in before if m.start == m.end or _SUBJECT.match(text[m.end:word.start])][:1]
        elif career and word.particle in ("", ",", "을", "를", "와", "과", "도"):
            holders = [(m, f) for m, f in before
                       if m.start == m.end or _SUBJECT.match(text[m.end:m.end + 40])][:1]  # (carried-over subject)
        if not holders:
            continue
        org, unit_start = _written_org(finder, words, i, prefix)
        in_word = org is not None and bool(prefix) and finder.lex.lookup(prefix) is not None
        if org is None and appointment:
            org = _subject_organization(finder, sentence, word.start)
        title_end = word.start + len(word.stem)
        title_text = text[unit_start:title_end] if unit_start is not None else word.stem[len(prefix):] if in_word else word.stem
        seen = set()
        for mention, person in holders:
            if person.key in seen:
                continue
            seen.add(person.key)
            held = org or next((c.organization for c in finder.positions if c.person == person.key and c.organization), None)
            begin = mention.start if mention.sentence == sentence.index and mention.end > mention.start else word.start
            evidence = Mention(begin, title_end, text[begin:title_end], sentence.index, 0.7, "career-title")
            finder.positions.append(PositionClaim(person.key, held, title, title_text, evidence, 0.7))
    return subject or previous_subject


def _names_follow(finder, words, i: int) -> bool:
    """The title word is part of a name-title pattern: a person mention right before or after it."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(words):
            key = finder._overlaps(words[j].start, words[j].start + max(len(words[j].stem), 1))
            if key and key.startswith("Person/") and not (words[i].particle if j == i + 1 else words[j].particle):
                return True
    return False


def _written_org(finder, words, i: int, prefix: str) -> tuple[str | None, int | None]:
    """The organisation a title is written with, and where its unit words begin:
    HD현대 경영지원실장, HD현대중공업 선박영업 대표, HD한국조선해양의 대표이사, 대표이사 회장."""
    if prefix:
        entry = finder.lex.lookup(prefix, ("Company", "Organization", "NewsOutlet"))
        if entry is not None:
            return entry.key, None
    unit_start = None
    j = i - 1
    while j >= 0 and i - j <= 3:
        w = words[j]
        key = finder._overlaps(w.start, w.start + max(len(w.stem), 1))
        if key and key.split("/", 1)[0] in ("Company", "Organization") and (w.particle in ("", "의")
                                                                           or w.particle.startswith("(")):
            return key, unit_start  # X 대표, X의 대표이사, X(옛 이름) 대표
        if key or w.particle or not w.stem or (w.stem in finder.lex.not_names and w.stem not in ("공동", "각자")):
            break
        if not all(t.tag in ("NNG", "NNP", "SL") for t in w.tokens):
            break
        unit_start = w.start  # 대표이사 회장, 이사회 의장, 선박영업 대표
        j -= 1
    return None, unit_start


def _subject_organization(finder, sentence: Sentence, before: int) -> str | None:
    """The company or organisation the sentence is about (하이닉스는 ... 선임했다)."""
    for mention, found in finder.mentions_in(sentence):
        if mention.start >= before:
            break
        if found.type in ("Company", "Organization") and re.match(r"^(?:은|는|이|가|측은)(?:\s|$)", finder.text[mention.end:mention.end + 4]):
            return found.key
    return None
