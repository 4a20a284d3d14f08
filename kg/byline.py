"""Datelines and bylines: who wrote the article, for which outlet, from where.

Forms newsrooms use (each has a test row in tests/test_clean.py)::

    (서울=뉴스1) 정은지 이정후 기자 =          [서울=뉴시스]박아무 기자 =      【서울=뉴시스】
    [헤럴드경제=오세린 기자]                    [이데일리 김아무·박아무 기자]    [ 유재혁 기자 ]
    서울경제TV=김아무 기자                      김아무 기자 =                   [뉴스핌=대중문화부]
    정은지 기자 (ejjung@news1.kr), 이정후 기자  김현석/임원기 기자 realist@...  • 남정호 기자
    /경제부=김아무 기자                         2016-07-26 곽아무 기자          이교준 [kyojoon@ytn.co.kr]
    머니투데이 이하은 기자                      홍석우 기자입니다.              KBS 뉴스 홍석우입니다.
    ...홍길동 기자의 보도입니다.

Every pattern is linear: reporter names are separated names (a name must end where a separator
or the reporter word starts, so one run of Hangul is never cut into names in every possible way),
datelines are read in the first 80 characters of a line, byline lines are at most 200 characters.
"""

from __future__ import annotations

import re

__all__ = ["parse_dateline", "byline_credits", "DATELINE_WINDOW"]

_NAME = r"[가-힣]{2,4}"
_NAMES = _NAME + r"(?:(?:[\s,·]+|\s{0,2}/\s{0,2})" + _NAME + r"){0,5}"
_REPORTER_WORD = r"(?:기자|특파원|인턴기자|선임기자|객원기자)"
DATELINE_WINDOW = 80  # datelines live at the start of a line
_BYLINE_WINDOW = 200  # a byline line of its own is short
_EMAIL = r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}"

# (서울=뉴스1) 정은지 이정후 기자 =   [서울=뉴시스]박아무 기자 =   【서울=뉴시스】
_DATELINE_PLACE_RE = re.compile(
    r"^[(\[【]\s*(?P<place>[가-힣A-Za-z ]{1,12}?)\s*=\s*(?P<outlet>[^)\]】=]{1,20}?)\s*[)\]】]\s*"
    r"(?:(?P<names>" + _NAMES + r")\s*" + _REPORTER_WORD + r"\s*)?(?:=\s*)?"
)
# [헤럴드경제=오세린 기자]
_DATELINE_OUTLET_EQ_RE = re.compile(
    r"^[\[(【]\s*(?P<outlet>[가-힣A-Za-z0-9 ]{2,12}?)\s*=\s*(?P<names>" + _NAMES + r")\s*"
    + _REPORTER_WORD + r"\s*[\])】]\s*(?:=\s*)?"
)
# [이데일리 이아무 기자]   [아시아경제 김아무·박아무 기자]
_DATELINE_BRACKET_RE = re.compile(
    r"^[\[【]\s*(?P<outlet>[가-힣A-Za-z0-9]{2,12})\s+(?P<names>" + _NAMES + r")\s*"
    + _REPORTER_WORD + r"\s*[\]】]\s*(?:=\s*)?"
)
# [ 유재혁 기자 ]   (a bracketed reporter without the outlet)
_DATELINE_REPORTER_RE = re.compile(
    r"^[\[【]\s*(?P<names>" + _NAMES + r")\s*" + _REPORTER_WORD + r"\s*[\]】]\s*(?:=\s*)?"
)
# 서울경제TV=김아무 기자 ... (outlet=reporter form without a place)
_DATELINE_EQ_RE = re.compile(
    r"^(?P<outlet>[가-힣A-Za-z0-9]{2,12})\s*=\s*(?P<names>" + _NAMES + r")\s*" + _REPORTER_WORD + r"\s*(?:=\s*)?"
)
# 김아무 기자 =   (a reporter-only dateline)
_DATELINE_NAMES_RE = re.compile(r"^(?P<names>" + _NAMES + r")\s*" + _REPORTER_WORD + r"\s*=\s*")
_DATELINES = (_DATELINE_OUTLET_EQ_RE, _DATELINE_PLACE_RE, _DATELINE_BRACKET_RE, _DATELINE_REPORTER_RE,
              _DATELINE_EQ_RE, _DATELINE_NAMES_RE)

# one credit: 정은지 기자 (ejjung@news1.kr)   김현석/임원기 기자 realist@hankyung.com
_CREDIT_RE = re.compile(
    r"(?P<names>" + _NAME + r"(?:\s{0,2}[/·,]\s{0,2}" + _NAME + r"){0,5})\s*" + _REPORTER_WORD
    + r"(?:\s*(?:[(\[<]\s*)?(?P<email>" + _EMAIL + r")(?:\s*[)\]>])?)?"
)
_NAME_RE = re.compile(_NAME)
# what may come before the credits of a byline line: a bullet, a desk (/경제부=), a date stamp
_LEAD_RE = re.compile(r"^[/\s•·*▶■-]*(?:[가-힣]{2,6}\s*=\s*)?"
                      r"(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}\.?\s+(?:\d{1,2}:\d{2}(?::\d{2})?\s+)?)?")
# 머니투데이 이하은 기자 (outlet, names, 기자 on a line of their own)
_OUTLET_CREDIT_RE = re.compile(
    r"^(?P<outlet>[가-힣A-Za-z0-9]{2,12})\s+(?P<names>" + _NAMES + r")\s*" + _REPORTER_WORD + r"\s*$"
)
# a short last line that starts with a reporter credit (정소윤 기자 Soyoon Com: a mangled e-mail)
_LOOSE_RE = re.compile(r"^[/\s•·*-]*(?:[가-힣]{2,4}\s*=\s*)?(?P<names>" + _NAME + r")\s*" + _REPORTER_WORD
                       + r"(?:\s|$|[(\[<,/·]).{0,50}$")
_EMAIL_ONLY_RE = re.compile(r"^\s*(?:[(\[<]\s*)?(?P<email>" + _EMAIL + r")(?:\s*[)\]>])?\s*$")
# 이교준 [kyojoon@ytn.co.kr]   (a broadcaster's credit: name and e-mail, no 기자)
_NAME_EMAIL_RE = re.compile(r"^[•·*-]?\s*(?P<names>" + _NAME + r")\s*(?:[(\[<]\s*)?(?P<email>" + _EMAIL
                            + r")(?:\s*[)\]>])?\s*$")
# 홍석우 기자입니다.   ...홍길동 기자의 보도입니다.   KBS 뉴스 홍석우입니다.
_SIGN_OFF_RE = re.compile(r"(?P<names>" + _NAME + r")\s{0,2}" + _REPORTER_WORD
                          + r"(?:입니다|의\s?보도입니다|가\s?보도합니다)\.?$")
_PLAIN_SIGN_OFF_RE = re.compile(r"^(?P<outlet>[가-힣A-Za-z0-9]{2,12})\s{0,2}뉴스\s{0,2}(?P<names>" + _NAME
                                + r")(?:입니다|의\s?보도입니다)\.?$")
# • 신승영   (a bare name in the page's header list, next to 승인/입력)
_BULLET_NAME_RE = re.compile(r"^[•·*▶-]\s*(?P<names>" + _NAME + r")$")
_SENTENCE_END_RE = re.compile(r"(?:다|요|죠|니다|음|임)[.!?]?[\"'”’)]{0,4}$|[.!?][\"'”’)]{0,4}$")

Credit = tuple[str, int, "str | None"]  # name, offset in the line, e-mail


def parse_dateline(line: str) -> tuple[str | None, str | None, list[tuple[str, int]], int] | None:
    """(place, outlet, [(reporter, offset)], end of the dateline in the line) or None."""
    window = line[:DATELINE_WINDOW]
    for regex in _DATELINES:
        m = regex.match(window)
        if not m:
            continue
        groups = m.groupdict()
        names = _names(m) if groups.get("names") else []
        return groups.get("place"), (groups.get("outlet") or "").strip() or None, names, m.end()
    return None


# words before 기자 that are a kind of reporter, not a name (수습기자 김아무 기자, 사진기자)
_NOT_NAMES = frozenset({"수습", "인턴", "선임", "객원", "전문", "사진", "영상", "취재", "편집", "기자", "특파원", "전임"})


def _names(m: re.Match, group: str = "names") -> list[tuple[str, int]]:
    base = m.start(group)
    return [(nm.group(0), base + nm.start()) for nm in _NAME_RE.finditer(m.group(group))
            if nm.group(0) not in _NOT_NAMES]


def byline_credits(line: str, is_outlet, is_surname, near_end: bool, near_top: bool
                   ) -> tuple[list[tuple[str, int, str | None]], str | None, int] | None:
    """When ``line`` is a byline: ([(name, offset, email)], the outlet it names or None, where the
    byline ends in the line); else None. ``is_outlet``/``is_surname`` look names up in the lexicon;
    ``near_end``/``near_top`` say where the line is (loose forms are only trusted there)."""
    if len(line) > _BYLINE_WINDOW:
        return None
    m = _OUTLET_CREDIT_RE.match(line) if len(line) <= DATELINE_WINDOW else None
    if m and is_outlet(m.group("outlet")):
        return [(name, offset, None) for name, offset in _names(m)], m.group("outlet"), len(line)
    credits = _credit_line(line)
    if credits:
        return credits, None, len(line)
    m = _EMAIL_ONLY_RE.match(line)
    if m:
        return [("", 0, m.group("email"))], None, len(line)
    m = _NAME_EMAIL_RE.match(line)
    if m and is_surname(m.group("names")):
        return [(m.group("names"), m.start("names"), m.group("email"))], None, len(line)
    m = _SIGN_OFF_RE.search(line)
    if m and is_surname(m.group("names")):
        return [(name, offset, None) for name, offset in _names(m)], None, len(line)
    m = _PLAIN_SIGN_OFF_RE.match(line)
    if m and is_outlet(m.group("outlet")) and is_surname(m.group("names")):
        return [(name, offset, None) for name, offset in _names(m)], m.group("outlet"), len(line)
    if near_top:
        m = _BULLET_NAME_RE.match(line)
        if m and is_surname(m.group("names")):
            return [(m.group("names"), m.start("names"), None)], None, len(line)
        m = _CREDIT_RE.match(line, _LEAD_RE.match(line).end())
        if m and m.group("email"):  # 이아무 기자 kim@x.com 뉴스 뷰 페이지 검색 버튼
            return _credits(m), None, m.end()
    if near_end and not _SENTENCE_END_RE.search(line):
        m = _LOOSE_RE.match(line)
        if m:
            return [(m.group("names"), m.start("names"), None)], None, len(line)
    return None


def _credits(m: re.Match) -> list[tuple[str, int, str | None]]:
    return [(name, offset, m.group("email")) for name, offset in _names(m)]


def _credit_line(line: str) -> list[tuple[str, int, str | None]]:
    """The credits of a line that is only credits (and the bullets, desk, date and separators
    around them), else []."""
    position = _LEAD_RE.match(line).end()
    found: list[tuple[str, int, str | None]] = []
    for m in _CREDIT_RE.finditer(line, position):
        if line[position:m.start()].strip(" ,/·"):
            return []
        found.extend(_credits(m))
        position = m.end()
    return found if not line[position:].strip(" ,/·") else []
