"""Component: names the learned tagger finds and no rule did (``kg.ner``).

Reads: the sentences' tokens, the spans the rules already accepted, the lexicon.
Adds: entity mentions (rule ``tagger``), typed by the gazetteer first, then by a name cue of the
surface (``...위원회`` is an Organization, ``...전자`` a Company), then by the tagger's own label.

The rules run first and win every overlap: they type and normalise what they know; the tagger
finds the unknown names between them.
"""

from __future__ import annotations

import re

from ..lexicon import normalize_name
from ..model import Sentence
from ..ner.features import CODE_CLASSES

__all__ = ["add_tagged_names", "MIN_CONFIDENCE"]

# the lowest marginal probability of a span's labels that is accepted, per class (measured on
# ../shared/data/real: lower thresholds add more wrong spans than right ones)
MIN_CONFIDENCE = {"Person": 0.6, "Organization": 0.6, "Company": 0.6, "Location": 0.6,
                  "Facility": 0.7, "Product": 0.7, "NewsOutlet": 0.8}

_PUBLIC_BODY = re.compile(r"(?<=[가-힣]{2})(?:부|청|처|원|단)$")  # 미래창조과학부, 중부지방고용노동청
_PLACE = re.compile(r"[가-힣](?:동|리|시|도|주|읍|면|군|구|가)$")  # 사북리, 어진동: districts
_NAME = re.compile(r"[가-힣A-Za-z0-9][가-힣A-Za-z0-9&.·\- ]*[가-힣A-Za-z0-9]|[A-Z]")
_PERSON = re.compile(r"[가-힣]{2,4}|[가-힣]{2,5}(?: [가-힣]{1,6}){1,2}")


def add_tagged_names(finder, tagger, sentence: Sentence) -> None:
    """Accept the tagger's spans in one body sentence that no rule covers."""
    lex, text = finder.lex, finder.text
    words = finder.words[sentence.index]
    for span in tagger.tag(sentence.tokens, text):
        if span.confidence < MIN_CONFIDENCE[span.type]:
            continue
        start, end = span.start, span.end
        etype = span.type
        inside = [t for t in sentence.tokens[span.first:span.last + 1]]
        while inside and inside[-1].tag.startswith(("J", "E")):
            inside.pop()  # 나리타와: the particle is not part of the name
        if not inside:
            continue
        end = min(end, max(t.end for t in inside))
        if etype == "Person" and len(inside) == 1 and inside[0].tag == "NNG":
            continue  # one common noun (유선, 현대가) is not a person
        if (etype != "Person" and inside[-1].tag in ("NNG", "NNB") and not _named_by_cue(lex, text[start:end], inside)
                and not (etype == "Organization" and _PUBLIC_BODY.search(text[start:end]))
                and not (etype == "Location" and _PLACE.search(text[start:end]))
                and not (etype in ("Company", "Product") and _maker_of(finder, text[start:end]))):
            continue  # 정부차원, IT시스템, 기가와트시: a name glued to a common noun is no name
        if etype == "Person":
            bounds = _person_bounds(lex, words, start, end, span.confidence)
            if bounds is None:
                continue
            start, end = bounds
        else:
            bounds = _trim_known_head(finder, start, end, etype)
            if bounds is None:
                continue
            start, end = bounds
        name = text[start:end]
        if not _NAME.fullmatch(name) or len(name) < 2 or finder._in_dateline(start):
            continue
        seen_as = tagger.context.forms.get(name.replace(" ", "").casefold())
        if seen_as == "X":
            continue  # a word KLUE's annotators saw and did not call a name (한국어, 노조 위원장)
        if seen_as is not None and CODE_CLASSES[seen_as] != etype:
            etype = CODE_CLASSES[seen_as]  # the type annotators gave the form (이베이: a company)
        if name in lex.cue_words:
            continue  # a bare cue word (노조, 공장)
        if name in lex.not_names or name in lex.titles or lex.title_of(name.split()[-1]):
            continue
        if end < len(text) and re.match(r"[가-힣]", text[end]) and _inside_word(sentence, end):
            continue  # the span ends inside a longer word
        if etype == "Organization" and lex.lookup(name) is None and lex.cue_of("Organization", name):
            start = _with_place_before(finder, words, start)  # 미국 국제무역위원회, 미 특허심판원
            name = text[start:end]
        if finder._overlaps(start, end) and not finder._absorb_locations(start, end, spaced_names=True):
            continue
        if finder._overlaps(start, end):
            continue
        owner = _maker_of(finder, name) if etype in ("Company", "Product") else None
        if owner is not None:  # 카카오내비, 카카오택시: a product named with its maker
            found = finder._add(f"Product/{normalize_name(name)}", "Product", name, start, end, sentence.index,
                                "tagger+maker", 0.7)
            found.owner = owner
            continue
        entry = lex.lookup(name)
        if (etype == "NewsOutlet" or (entry is not None and entry.type == "NewsOutlet")) and (
                finder._credit(start, end) or name in lex.ambiguous):
            continue  # (사진=연합뉴스), 와이파이 AP: not an outlet the article names
        if entry is not None:
            finder._add(entry.key, entry.type, entry.ko, start, end, sentence.index, "tagger+gazetteer", 0.8, entry)
            continue
        for cue_type in ("Facility", "Organization", "Company"):
            cue = lex.cue_of(cue_type, name)
            if cue and cue != name and etype != "Person":
                etype = cue_type
                break
        if etype == "Product" and not re.search(r"[A-Za-z0-9]", name) and span.confidence < 0.9:
            continue  # Hangul-only product guesses are mostly common nouns (온오프라인)
        finder._add(f"{etype}/{normalize_name(name)}", etype, name, start, end, sentence.index, "tagger",
                    round(0.5 + span.confidence / 4, 2))


_TWO_SYLLABLE_SURNAMES = ("남궁", "황보", "제갈", "선우", "독고", "사공", "서문")


def _person_bounds(lex, words, start: int, end: int, confidence: float) -> tuple[int, int] | None:
    """A person span cut to a name. A Korean name is one word: a surname and one or two syllables
    (extended to the word's stem when the tagger stopped inside it); a foreign name is two or
    three Hangul words with no title, cue or gazetteer name among them (저스틴 비버); one unknown
    word without a surname only when the tagger is sure (싸이)."""
    word = next((w for w in words if w.start <= start < w.end), None)
    if word is None or word.start != start:
        return None
    text = word.text
    stem_end = word.start + len(word.stem)
    if end < stem_end and " " not in text[: stem_end - word.start]:
        end = stem_end
    parts = []
    offset = start
    for part in text[: end - start].split(" ") if end - start <= len(text) else []:
        parts.append((offset, part))
        offset += len(part) + 1
    if end - start > len(text):  # the span runs over more words
        parts = [(w.start, w.stem) for w in words if start <= w.start < end for _ in [0]]
    first_start, first = parts[0] if parts else (start, "")
    surname = first[:2] if first[:2] in _TWO_SYLLABLE_SURNAMES else first[:1]
    first = re.sub(r"(?<=[가-힣]{2})씨$", "", first)  # 김유식씨
    if re.fullmatch(r"[가-힣]모?씨", first):
        return None  # 김씨, 김모씨: a surname only
    if re.fullmatch(r"[가-힣]{2,5}", first) and surname in lex.surnames and 1 <= len(first) - len(surname) <= 2:
        if len(first) - len(surname) == 1 and confidence < 0.9:
            return None  # 이주(의), 유선: a one-syllable given name only when the tagger is sure
        return first_start, first_start + len(first)
    names = []
    for part_start, part in parts[:3]:
        if (not re.fullmatch(r"[가-힣]{1,6}", part) or lex.lookup(part) is not None or lex.title_of(part)
                or any(lex.cue_of(t, part) for t in lex.cues)):
            break
        names.append((part_start, part))
    if len(names) >= 2:
        return names[0][0], names[-1][0] + len(names[-1][1])
    if len(names) == 1 and len(parts) == 1 and confidence >= 0.95 and 2 <= len(first) <= 4:
        return first_start, first_start + len(first)
    return None


def _trim_known_head(finder, start: int, end: int, etype: str) -> tuple[int, int] | None:
    """A spaced span that begins with a name the gazetteer knows is two things (고용노동부
    중부지방고용노동청, KAIST 경영대학원): organisations keep the rest, sites keep their owner
    and stop at the facility word (삼성전자 서초사옥), other classes are dropped."""
    text = finder.text
    name = text[start:end]
    if " " not in name:
        return start, end
    head = name.split(" ", 1)[0]
    entry = finder.lex.lookup(head)
    if etype in ("Company", "Organization") and (entry is None or entry.type == "Location"):
        # 미국 지주회사 포워드벤처스: the company is the last words, from the one with a cue
        parts = name.split(" ")
        for k in range(len(parts) - 1, 0, -1):
            before = " ".join(parts[:k])
            if finder.lex.lookup(parts[k - 1], ("Location",)) or finder.lex.descriptor_patterns["Company"].search(parts[k - 1]) \
                    or parts[k - 1] in finder.lex.generic_heads:
                return start + len(before) + 1, end
        return start, end
    if entry is None or entry.type == "Location":
        return start, end
    if etype == "Organization":
        rest = start + len(head) + 1
        return (rest, end) if finder.lex.cue_of("Organization", text[rest:end]) else None
    if etype == "Facility":
        cut = start
        for part in name.split(" "):
            cut += len(part) + 1
            if finder.lex.cue_of("Facility", part):
                return start, cut - 1
    return None


def _maker_of(finder, name: str) -> str | None:
    """The company a glued product name starts with (카카오내비 -> 카카오), if the rest is no
    company cue (카카오모빌리티 is a company of its own)."""
    if " " in name:
        return None
    for size in range(len(name) - 1, 1, -1):
        entry = finder.lex.lookup(name[:size], ("Company",))
        if entry is not None:
            rest = name[size:]
            if (len(rest) >= 2 and rest[0].isalnum() and not finder.lex.cue_of("Company", rest) and rest not in finder.lex.titles
                    and finder.lex.lookup(rest, ("Company",)) is None):  # 다음카카오: two companies merged
                return entry.key
            return None
    return None


def _with_place_before(finder, words, start: int) -> int:
    """Extend an organisation or site leftwards over a place named just before it, spaced and
    without a particle (미국 국제무역위원회, 미 특허심판원)."""
    index = next((i for i, w in enumerate(words) if w.start == start), None)
    if not index:
        return start
    prev = words[index - 1]
    if prev.particle or not prev.stem:
        return start
    entry = finder.lex.lookup(prev.stem, ("Location",))
    if (entry is not None and entry.kind == "country") or prev.stem in ("미", "중", "일", "영", "독", "불"):
        return prev.start
    return start


def _named_by_cue(lex, name: str, tokens) -> bool:
    """The span ends in a name cue that makes a name here: a strong cue, or a weak one after a
    proper noun (한빛항공; not 항공산업)."""
    for etype in ("Facility", "Organization", "Company", "Location"):
        cue = lex.cue_of(etype, name)
        if cue and cue != name:
            return cue not in lex.weak_cues or tokens[0].tag in ("NNP", "SL", "SH")
    return False


def _inside_word(sentence: Sentence, offset: int) -> bool:
    return any(t.start < offset < t.end for t in sentence.tokens)
