"""Clean stage: ``RawArticle`` -> ``Article``.

Removes forum/portal boilerplate, keeps a repeated body once, takes the headline and section tag,
recognises the dateline (``(서울=뉴스1) 정은지 이정후 기자 =``) and byline
(``정은지 기자 (ejjung@news1.kr)``), and finds the publication date and the outlet when the input
metadata does not give them. Input metadata always wins over what is found in the text.

Each step is a small function over lines; the patterns are data (``kg/data/boilerplate.yaml``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from .errors import InputError, warn
from .furniture import split_line
from .headline import find_headline
from .lexicon import Lexicon
from .model import Article, RawArticle, Reporter, Zone, ZoneKind

__all__ = ["clean", "normalize_text"]

# A news article is a few thousand characters; more than this is a page dump or an attack.
MAX_ARTICLE_CHARS = 1_000_000
_SPACE_RUN_RE = re.compile(r" {2,}")
_NAME = r"[가-힣]{2,4}"
# Reporter names: separated by spaces, commas or ·, at most six. Each name must end where a
# separator or the reporter word starts, so the engine never tries the ways of cutting one run of
# Hangul into names (the old ``(?:NAME[\s,·]*)+?`` did, and hung on one long line).
_NAMES = _NAME + r"(?:[\s,·]+" + _NAME + r"){0,5}"
_REPORTER_WORD = r"(?:기자|특파원|인턴기자|선임기자|객원기자)"
# Datelines live at the start of a line: patterns only ever see this many characters.
_DATELINE_WINDOW = 80
# A byline line of its own is short.
_BYLINE_WINDOW = 200
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
# 서울경제TV=김아무 기자 ... (outlet=reporter form without a place)
_DATELINE_EQ_RE = re.compile(
    r"^(?P<outlet>[가-힣A-Za-z0-9]{2,12})\s*=\s*(?P<names>" + _NAMES + r")\s*" + _REPORTER_WORD + r"\s*(?:=\s*)?"
)
# 김아무 기자 =   (a reporter-only dateline)
_DATELINE_NAMES_RE = re.compile(r"^(?P<names>" + _NAMES + r")\s*" + _REPORTER_WORD + r"\s*=\s*")

_EMAIL = r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}"
# one reporter credit: 정은지 기자 (ejjung@news1.kr)
_BYLINE_ITEM_RE = re.compile(
    r"(?P<name>" + _NAME + r")\s*" + _REPORTER_WORD + r"(?:\s*(?:[(\[<]\s*)?(?P<email>" + _EMAIL + r")(?:\s*[)\]>])?)?"
)
_BYLINE_DESK_RE = re.compile(r"^[/\s]*(?:[가-힣]{2,4}\s*=\s*)?")
# 머니투데이 이하은 기자 (outlet, names, 기자 on a line of their own)
_BYLINE_OUTLET_RE = re.compile(
    r"^(?P<outlet>[가-힣A-Za-z0-9]{2,12})\s+(?P<names>" + _NAMES + r")\s*" + _REPORTER_WORD + r"\s*$"
)
# a short last line that starts with a reporter credit (정소윤 기자 Soyoon Com: a mangled e-mail)
_BYLINE_LOOSE_RE = re.compile(r"^[/\s]*(?:[가-힣]{2,4}\s*=\s*)?(?:" + _NAME + r"\s*" + _REPORTER_WORD + r")(?:\s|$|[(\[<,/·]).{0,50}$")
_EMAIL_ONLY_RE = re.compile(r"^\s*(?:[(\[<]\s*)?(?P<email>" + _EMAIL + r")(?:\s*[)\]>])?\s*$")
_SECTION_RE = re.compile(r"^\[(?P<section>[^\]\s=]{1,10})\]\s*")
_URL_DATE_RE = re.compile(r"(20\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?!\d)")
_SENTENCE_END_RE = re.compile(r"(?:다|요|죠|니다|음|임)[.!?]?[\"'”’)]{0,4}$|[.!?][\"'”’)]{0,4}$")


# Every Unicode space becomes " " (so runs of them collapse like spaces), every line or paragraph
# separator a newline; zero-width characters, controls and lone surrogates go.
_SPACES = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_NORMALIZE = str.maketrans(
    {**{c: " " for c in _SPACES}, **{c: "\n" for c in "\u0085\u2028\u2029\x0b\x0c"},
     **{c: None for c in "\u200b\u200c\u200d\ufeff\u2060\u00ad"},
     **{chr(c): None for c in [*range(0x00, 0x09), *range(0x0e, 0x20), 0x7f, *range(0x80, 0x85), *range(0x86, 0xa0)]}})
_SURROGATES_RE = re.compile("[\ud800-\udfff]")


def normalize_text(text: str) -> str:
    """NFC; unify newlines and odd spaces; drop zero-width characters, control characters and
    lone surrogates (which no encoder can write)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SURROGATES_RE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return text.translate(_NORMALIZE)


@dataclass
class _Line:
    text: str
    zone: ZoneKind | None = None
    zone_end: int = 0  # for a dateline: where it ends within the line


def clean(raw: RawArticle, lexicon: Lexicon) -> Article:
    """Clean one raw article; see the module docstring."""
    patterns = lexicon.boilerplate
    text = _limit_size(raw)
    lines = [_SPACE_RUN_RE.sub(" ", line).strip() for line in normalize_text(text).split("\n")]

    published = raw.published
    found_date = None
    found_publisher = None
    furniture: dict[str, int] = {}  # what was removed, for the message when nothing is left
    kept: list[str] = []
    for piece in (p for line in lines if line for p in split_line(line, lexicon.segments)):
        line = piece.text
        if found_date is None:
            found_date = _match_date(line, patterns["date"])
        if found_publisher is None:
            for pattern in patterns["publisher"]:
                m = pattern.fullmatch(line)
                if m and lexicon.lookup(m.group("name"), ("NewsOutlet",)):
                    found_publisher = m.group("name")
                    break
        if kept and any(p.fullmatch(line) for p in patterns["tail"]):
            break
        if piece.furniture:
            furniture[piece.furniture] = furniture.get(piece.furniture, 0) + 1
            continue
        if any(p.fullmatch(line) for p in patterns["drop"]):
            furniture["boilerplate lines"] = furniture.get("boilerplate lines", 0) + 1
            continue
        kept.append(line)

    title = raw.title
    section = None
    if title is None:
        title, kept = find_headline(kept, patterns["header"], _is_dateline)
    if title:
        title = _SPACE_RUN_RE.sub(" ", normalize_text(title)).strip()
        m = _SECTION_RE.match(title)
        if m:  # [IR] 홍은택 ...: the section, and the title as written (with it)
            section = m.group("section")

    kept = _drop_repeats(kept)
    kept = _drop_header_matter(kept)

    reporters: list[tuple[str, int, int, str | None]] = []  # name, line index, offset in line, email
    lines_out: list[_Line] = []
    dateline_outlet = None
    dateline_place = None
    for index, line in enumerate(kept):
        entry = _Line(line)
        if not lines_out or (dateline_outlet is None and index < 3):
            parsed = _parse_dateline(line)
            if parsed:
                place, outlet, names, end = parsed
                dateline_place = dateline_place or place
                dateline_outlet = dateline_outlet or outlet
                entry.zone, entry.zone_end = ZoneKind.DATELINE, end
                for name, offset in names:
                    reporters.append((name, len(lines_out), offset, None))
        m = _BYLINE_OUTLET_RE.match(line) if len(line) <= _DATELINE_WINDOW else None
        if entry.zone is None and m and lexicon.lookup(m.group("outlet"), ("NewsOutlet",)):
            entry.zone, entry.zone_end = ZoneKind.BYLINE, len(line)
            dateline_outlet = dateline_outlet or m.group("outlet")
            base = m.start("names")
            for nm in re.finditer(_NAME, m.group("names")):
                reporters.append((nm.group(0), len(lines_out), base + nm.start(), None))
        loose = (_BYLINE_LOOSE_RE.match(line) and index >= len(kept) - 3 and not _SENTENCE_END_RE.search(line))
        if entry.zone is None and (_is_byline_line(line) or _EMAIL_ONLY_RE.match(line) or loose):
            entry.zone, entry.zone_end = ZoneKind.BYLINE, len(line)
            for m in _BYLINE_ITEM_RE.finditer(line):
                reporters.append((m.group("name"), len(lines_out), m.start("name"), m.group("email")))
            m = _EMAIL_ONLY_RE.match(line)
            if m:
                reporters.append(("", len(lines_out), 0, m.group("email")))
        lines_out.append(entry)

    text_parts, zones, starts = [], [], []
    offset = 0
    for entry in lines_out:
        starts.append(offset)
        text_parts.append(entry.text)
        if entry.zone is not None:
            zones.append(Zone(offset, offset + entry.zone_end, entry.zone))
        offset += len(entry.text) + 1
    text = "\n".join(text_parts)
    if not text.strip() and not title:
        found = ", ".join(f"{label} ({count}x)" if count > 1 else label for label, count in furniture.items())
        raise InputError(raw.source, "no article sentence left after removing page furniture"
                         + (f": found only {found}" if found else ""),
                         "check that the input holds a news article's text")

    emails = [email for *_, email in reporters if email]
    people: dict[str, Reporter] = {}
    for name, line_index, in_line, email in reporters:
        if not name:
            continue
        start = starts[line_index] + in_line
        if name in people:
            if email and not people[name].email:
                people[name] = Reporter(name, people[name].start, people[name].end, email)
            continue
        people[name] = Reporter(name, start, start + len(name), email)

    publisher = raw.publisher or dateline_outlet or found_publisher
    if publisher is None:
        for email in emails:
            entry = lexicon.outlet_for_domain(email.rpartition("@")[2])
            if entry:
                publisher = entry.ko
                break
    if publisher is None and raw.url:
        host = re.sub(r"^[a-z]+://", "", raw.url).split("/")[0]
        entry = lexicon.outlet_for_domain(host)
        if entry:
            publisher = entry.ko
    if published is None:
        published = found_date or _date_from_url(raw.url)

    return Article(
        id=raw.id,
        source=raw.source,
        text=text,
        title=title or None,
        section=section,
        published=published,
        publisher=publisher,
        url=raw.url,
        reporters=tuple(people.values()),
        zones=tuple(zones),
        dateline_place=dateline_place,
    )


def _limit_size(raw: RawArticle) -> str:
    """The article's text, cut (with a warning) at a line or sentence end before MAX_ARTICLE_CHARS."""
    text = raw.text
    if len(text) <= MAX_ARTICLE_CHARS:
        return text
    cut = text.rfind("\n", MAX_ARTICLE_CHARS // 2, MAX_ARTICLE_CHARS)
    if cut < 0:
        cut = text.rfind(". ", MAX_ARTICLE_CHARS // 2, MAX_ARTICLE_CHARS) + 1 or MAX_ARTICLE_CHARS
    warn(raw.source, f"the article has {len(text):,} characters; only the first {cut:,} are read",
         f"split it, or raise kg.clean.MAX_ARTICLE_CHARS ({MAX_ARTICLE_CHARS:,})")
    return text[:cut]


def _match_date(line: str, patterns: list[re.Pattern]) -> dt.date | None:
    for pattern in patterns:
        m = pattern.fullmatch(line)
        if m:
            return _parse_loose_date(m.group("date"))
    return None


def _parse_loose_date(text: str) -> dt.date | None:
    parts = [int(p) for p in re.split(r"[-./]\s*", text.strip()) if p]
    if len(parts) != 3:
        return None
    year, month, day = parts
    if year < 100:
        year += 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _date_from_url(url: str | None) -> dt.date | None:
    if not url:
        return None
    m = _URL_DATE_RE.search(url)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _is_dateline(line: str) -> bool:
    return _parse_dateline(line) is not None


def _parse_dateline(line: str) -> tuple[str | None, str | None, list[tuple[str, int]], int] | None:
    """(place, outlet, [(reporter, offset)], end of the dateline in the line) or None."""
    for regex in (_DATELINE_OUTLET_EQ_RE, _DATELINE_PLACE_RE, _DATELINE_BRACKET_RE, _DATELINE_EQ_RE, _DATELINE_NAMES_RE):
        m = regex.match(line[:_DATELINE_WINDOW])
        if not m:
            continue
        groups = m.groupdict()
        names: list[tuple[str, int]] = []
        if groups.get("names"):
            base = m.start("names")
            for nm in re.finditer(_NAME, groups["names"]):
                names.append((nm.group(0), base + nm.start()))
        if regex is _DATELINE_PLACE_RE and not groups.get("names") and "=" not in m.group(0)[m.end("outlet"):]:
            # "(서울=뉴스1)" alone is still a dateline
            pass
        return groups.get("place"), (groups.get("outlet") or "").strip() or None, names, m.end()
    return None


def _is_byline_line(line: str) -> bool:
    """A line that is only reporter credits: ``정은지 기자 (ejjung@news1.kr), 이정후 기자``,
    ``/경제부=김아무 기자``."""
    if len(line) > _BYLINE_WINDOW:
        return False
    position = _BYLINE_DESK_RE.match(line).end()
    found = False
    for m in _BYLINE_ITEM_RE.finditer(line, position):
        if line[position:m.start()].strip(" ,/·"):
            return False
        found, position = True, m.end()
    return found and not line[position:].strip(" ,/·")


def _drop_repeats(lines: list[str]) -> list[str]:
    """Keep the first occurrence of any line of 10+ characters (a re-posted body appears twice)."""
    seen: set[str] = set()
    result = []
    for line in lines:
        key = re.sub(r"\s+", "", line)
        if len(key) >= 10 and key in seen:
            continue
        seen.add(key)
        result.append(line)
    return result


def _drop_header_matter(lines: list[str]) -> list[str]:
    """Drop subtitles and other lines before the dateline, when there is a dateline near the top."""
    for index, line in enumerate(lines[:6]):
        if _is_dateline(line):
            return lines[index:]
    return lines
