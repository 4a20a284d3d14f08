"""kg.firstchars: the first characters of a pattern's matches, and patterns guarded by them, which
must find exactly the matches (spans and groups) of the plain pattern."""

from __future__ import annotations

import random
import re

import pytest

from kg import timex
from kg.firstchars import first_class, guarded, required_strings
from kg.lexicon import default_lexicon


@pytest.mark.parametrize("pattern, expected", [
    (r"(?P<y>(?:19|20)\d{2})년", "[12]"),
    (r"(?P<d>(?P<p>지난|오는)?(?<!\s)\s*(?<!\d)(?P<n>[1-9])일)", r"[1-9\s오지]"),  # optional prefix, then space or digit
    (r"(?:흡수|소규모)?\s*합병", r"[\s소합흡]"),
    (r"(?<!비)상장(?!사)", "[상]"),  # lookarounds are zero width
    (r"(?:\d+)?%", r"[%\d]"),
    (r"(?:임금)?", None),  # can match the empty string
    (r".+사고", None),  # any character
    (r"[^가-힣]사고", None),  # a negated class
    (r"(?i)ipo", None),  # case folding
])
def test_firstchars_first_class(pattern, expected):
    assert first_class(pattern) == expected


@pytest.mark.parametrize("pattern, guards", [
    (r"(?P<a>\d+일)|(?P<b>지난달)|(?P<c>같은\s?날)", 3),
    (r"(?P<a>.+기)|(?P<b>올해)", 1),  # the alternative that starts anywhere stays as it is
    (r"사고|사건", 0),  # alternatives that start with a character: the engine checks those itself
    (r"(?:사고|사건)", 0),  # one group: one alternative
    (r"(?i)(?P<a>ipo)|(?P<b>m&a)", 0),
])
def test_firstchars_guarded_alternatives(pattern, guards):
    compiled = guarded(pattern)
    assert compiled.pattern.count("(?=[") == guards
    assert compiled.groupindex == re.compile(pattern).groupindex


def _same_matches(plain: re.Pattern, fast: re.Pattern, text: str) -> bool:
    return [(m.span(), m.groups()) for m in plain.finditer(text)] == [(m.span(), m.groups()) for m in fast.finditer(text)]


# sentences written for this test: dates, spans of days, fiscal periods, words that look like dates
TIME_SENTENCES = [
    "가나전자는 지난 3일 2024년 3분기 실적을 발표했고, 오는 15일 주주총회를 연다.",
    "회사는 2023.7.14 공시에서 올해 상반기 매출이 지난해 같은 기간보다 늘었다고 밝혔다.",
    "이날 발표는 전날 이사회 결의에 따른 것으로, 다음 달 7~9일 설명회가 열린다.",
    "같은 날 오후 회장은 그해 12월 취임했다고 말했다. 3년간 제3일 2차4일 5일째 10일간",
    "  지난달 25일과 27일, 이번 달 2일에 각각 회의를 열었다.내년 1분기 출시 예정이다",
]


def test_firstchars_time_pattern_guarded_finds_the_same():
    plain = re.compile(timex._PATTERN)
    assert timex._RE.pattern.count("(?=[") >= 10
    for text in TIME_SENTENCES:
        assert _same_matches(plain, timex._RE, text), text


def test_firstchars_guarded_same_on_random_text():
    """Random strings over the characters the time and trigger patterns are made of."""
    alphabet = list("0123456789 .,~-년월일분기상하반지난오는해작올금내재전이듬연말초달번다음같은날당그저께제어젯밤간늘튿"
                    "사고인수합병파업출시계약조정화재폭발") + ["\u3000", "\xa0", "\n"]
    rng = random.Random(7)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60))) for _ in range(3000)]
    plain = re.compile(timex._PATTERN)
    scanners = [(re.compile(p.pattern, p.flags), guarded(p.pattern, p.flags))
                for p, _ in default_lexicon().trigger_scanners]
    for text in texts:
        assert _same_matches(plain, timex._RE, text), text
        for slow, fast in scanners:
            assert _same_matches(slow, fast, text), (slow.pattern, text)


@pytest.mark.parametrize("pattern, expected", [
    (r"\*?\s{0,2}재판매\s{0,2}및\s{0,2}DB", {"재판매", "및", "DB"}),
    (r"(?:\d{4}\.)?사진\s?제공|사진=", {"사진"}),  # what every alternative contains
    (r"(?:사진|영상)\s?제공|사진=", set()),
    (r"(?:무단)?전재", {"전재"}),  # an optional part requires nothing
    (r"(?:ab|cd)", set()),
    (r"(?:\s?기사){1,3}", {"기사"}),  # repeated at least once
    (r"(?i)copyright", set()),
])
def test_firstchars_required_strings(pattern, expected):
    assert required_strings(re.compile(pattern)) == expected


def test_firstchars_furniture_skips_change_nothing():
    """split_line with each rule's quick skips (a required string, first characters) cuts random
    lines exactly as the rules without them do."""
    import dataclasses

    from kg.furniture import split_line

    rules = default_lexicon().segments
    plain = []
    for rule in rules:
        copy = dataclasses.replace(rule)
        object.__setattr__(copy, "required", "")
        object.__setattr__(copy, "prefixes", None)
        plain.append(copy)
    assert any(rule.required for rule in rules) and any(rule.prefixes for rule in rules)
    pieces = ["재판매 및 DB 금지", "photo@example.com", "2024.01.02.", "ⓒ 가나일보 무단 전재 및 재배포 금지",
              "▶ 관련기사", "좋아요 0", "#해시태그 #둘", "기자 프로필", "사진=가나전자 제공", "(사진 가나DB)",
              "입력 2024.03.05 09:00", "서울 맑음 12도", "/ 가나일보", "회사가 공장을 지었다.", " ", "다.", "기사제보"]
    rng = random.Random(11)
    for _ in range(1500):
        line = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        assert split_line(line, rules) == split_line(line, plain), line
