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
from .byline import byline_credits, parse_dateline
from .furniture import split_line
from .headline import find_headline, stamp_of_another_day
from .lexicon import Lexicon
from .model import Article, RawArticle, Reporter, Zone, ZoneKind

__all__ = ["clean", "normalize_text"]

# A news article is a few thousand characters; more than this is a page dump or an attack.
MAX_ARTICLE_CHARS = 1_000_000
_SPACE_RUN_RE = re.compile(r" {2,}")
# a comma typed without its space between two words (한빛관광 대표이사,누리호텔 대표이사): a word
# boundary the tokenizer and the title rules need; numbers (1,000) are not touched
_GLUED_COMMA_RE = re.compile(r"(?<=[가-힣]),(?=[가-힣])")
_BODY_LINE_RE = re.compile(r"(?:[다요]|니다)\.(?:\s|$)")  # a finished sentence: the body has begun
_TOP_LINES = 8  # the page's header: title, subtitles, reporter, time stamps
_DATELINE_LINES = 6  # a dateline comes after the subtitles and photo captions at the top
_SECTION_RE = re.compile(r"^\[(?P<section>[^\]\s=]{1,10})\]\s*")
_URL_DATE_RE = re.compile(r"(20\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?!\d)")


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
    lines = [_GLUED_COMMA_RE.sub(", ", _SPACE_RUN_RE.sub(" ", line)).strip() for line in normalize_text(text).split("\n")]

    published = raw.published
    found_date = None
    found_publisher = None
    furniture: dict[str, int] = {}  # what was removed, for the message when nothing is left
    kept: list[str] = []
    stale: set[int] = set()  # kept lines followed by a time stamp of another day than the article's
    body_started = False

    def is_outlet(name: str) -> bool:
        return lexicon.lookup(name, ("NewsOutlet",)) is not None

    def is_surname(name: str) -> bool:
        return name[:1] in lexicon.surnames or name[:2] in lexicon.surnames
    pieces = [p for line in lines if line for p in split_line(_image_text(line, patterns), lexicon.segments)]
    skip_to = 0
    for index, piece in enumerate(pieces):
        if index < skip_to:
            continue
        line = piece.text
        if found_date is None:
            found_date = _match_date(line, patterns["date"])
        if found_publisher is None:
            for pattern in patterns["publisher"]:
                m = pattern.fullmatch(line)
                if m and lexicon.lookup(m.group("name"), ("NewsOutlet",)):
                    found_publisher = m.group("name")
                    break
        # the page's tail (comments, related articles) ends the article - once its body has begun:
        # a header's "댓글 0" or "이 기사를 공유합니다" above the body is only a button
        if body_started and any(p.fullmatch(line) for p in patterns["tail"]):
            resume = _after_list_box(pieces, index, patterns) if any(p.search(line) for p in patterns["box"]) else None
            if resume is None:
                break
            furniture["a related-article list"] = furniture.get("a related-article list", 0) + 1
            skip_to = resume  # a box in the middle of the page: the article goes on after it
            continue
        if piece.furniture:
            furniture[piece.furniture] = furniture.get(piece.furniture, 0) + 1
            continue
        if any(p.fullmatch(line) for p in patterns["drop"]):
            dateline = parse_dateline(line)
            if dateline and dateline[2]:  # (서울=뉴스1) 김아무 기자 | 2017-07-14 10:37 송고: keep the dateline
                kept.append(line[:dateline[3]].rstrip(" |="))
                continue
            if not body_started and byline_credits(line, is_outlet, is_surname, False, True):
                kept.append(line)  # • 김아무 기자 in the header is the byline, not a list item
                continue
            if kept and stamp_of_another_day(line, published):
                stale.add(len(kept) - 1)  # the line above is dated otherwise: another article's title
            furniture["boilerplate lines"] = furniture.get("boilerplate lines", 0) + 1
            continue
        kept.append(line)
        body_started = body_started or bool(_BODY_LINE_RE.search(line))

    title = raw.title
    section = None
    if title is None:
        title, kept = find_headline(kept, patterns["header"], _is_dateline, patterns["title_tag"], stale)
    if title:
        title = _SPACE_RUN_RE.sub(" ", normalize_text(title)).strip()
        m = _SECTION_RE.match(title)
        if m:  # [IR] 홍은택 ...: the section, and the title as written (with it)
            section = m.group("section")

    kept = _drop_repeats(kept)
    kept = _drop_header_matter(kept, patterns["caption"])

    reporters: list[tuple[str, int, int, str | None]] = []  # name, line index, offset in line, email

    lines_out: list[_Line] = []
    dateline_outlet = None
    dateline_place = None
    for index, line in enumerate(kept):
        entry = _Line(line)
        if dateline_outlet is None and index < _DATELINE_LINES:
            parsed = parse_dateline(line)
            if parsed:
                place, outlet, names, end = parsed
                if place and outlet and lexicon.lookup(place, ("NewsOutlet",)) and not lexicon.lookup(outlet, ("NewsOutlet",)):
                    place, outlet = None, place  # [뉴스핌=대중문화부]: the outlet, then its desk
                dateline_place = dateline_place or place
                dateline_outlet = dateline_outlet or outlet
                entry.zone, entry.zone_end = ZoneKind.DATELINE, end
                for name, offset in names:
                    reporters.append((name, len(lines_out), offset, None))
        if entry.zone is None:
            found = byline_credits(line, is_outlet, is_surname, near_end=index >= len(kept) - 3,
                                   near_top=index < _TOP_LINES)
            if found:
                credits, outlet, end = found
                entry.zone, entry.zone_end = ZoneKind.BYLINE, end
                dateline_outlet = dateline_outlet or outlet
                reporters.extend((name, len(lines_out), offset, email) for name, offset, email in credits)
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
        if not name or name in lexicon.titles:  # 수습기자 나아무 기자: 기자 is no one's name
            continue
        start = starts[line_index] + in_line
        if name in people:
            if email and not people[name].email:
                people[name] = Reporter(name, people[name].start, people[name].end, email)
            continue
        people[name] = Reporter(name, start, start + len(name), email)

    # the outlet the text names, else the page's own address, else the reporters' e-mail domain
    publisher = raw.publisher or dateline_outlet or found_publisher
    if publisher is None and raw.url:
        host = re.sub(r"^[a-z]+://", "", raw.url).split("/")[0]
        entry = lexicon.outlet_for_domain(host)
        if entry:
            publisher = entry.ko
    if publisher is None:
        for email in emails:
            entry = lexicon.outlet_for_domain(email.rpartition("@")[2])
            if entry:
                publisher = entry.ko
                break
    if published is None:
        published = found_date or _date_from_url(raw.url)
    credit = _publisher_credit(publisher, text, pieces, lexicon) if publisher else None
    if credit:  # the page names its outlet only in its furniture: that line is the evidence
        text += "\n" if text else ""
        zones.append(Zone(len(text), len(text) + len(credit), ZoneKind.CREDIT))
        text += credit

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
    return parse_dateline(line) is not None


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


def _drop_header_matter(lines: list[str], caption: list[re.Pattern]) -> list[str]:
    """Drop subtitles (decks) before the dateline, when there is a dateline near the top; photo
    captions there are content and stay."""
    for index, line in enumerate(lines[:6]):
        if _is_dateline(line):
            return [line for line in lines[:index] if any(p.search(line) for p in caption)] + lines[index:]
    return lines


def _after_list_box(pieces, index: int, patterns: dict[str, list[re.Pattern]]) -> int | None:
    """Where the article goes on after the related-article heading at ``index``: past its list
    entries, at an article sentence that follows them; None when the heading ends the page."""
    end = index + 1
    while end < len(pieces):
        line = pieces[end].text
        if any(p.fullmatch(line) for p in patterns["tail"]):
            return None  # another tail heading: the page's tail has begun
        if not (pieces[end].furniture or any(p.search(line) for p in patterns["list_item"])):
            break
        end += 1
    if end == index + 1 or end >= len(pieces) or not _BODY_LINE_RE.search(pieces[end].text):
        return None
    return end


def _image_text(line: str, patterns: dict[str, list[re.Pattern]]) -> str:
    """An image link's text when it is a caption (its credit is cut later, like any credit);
    an image link without one becomes empty; any other line stays as it is."""
    for pattern in patterns["image"]:
        m = pattern.fullmatch(line)
        if m:
            alt = m.group("alt").strip()
            return alt if any(p.search(alt) for p in patterns["caption"]) else ""
    return line


_CREDIT_CHARS = 200  # a credit line is short; from a longer piece only the name is kept


def _publisher_credit(publisher: str, text: str, pieces, lexicon: Lexicon) -> str | None:
    """The furniture naming the publisher (ⓒ 가나일보 무단전재 금지, 사진=가나일보DB), when the
    article's kept text never names it; None when the text names it or the page does not."""
    entry = lexicon.lookup(publisher, ("NewsOutlet",))
    surfaces = sorted({publisher, *(entry.surfaces if entry else ())}, key=lambda s: (-len(s), s))
    name_re = re.compile("|".join(_as_word(s) for s in surfaces))
    if name_re.search(text):
        return None
    for piece in pieces:
        m = name_re.search(piece.text)
        if m:
            return piece.text if len(piece.text) <= _CREDIT_CHARS else m.group()
    return None


def _as_word(name: str) -> str:
    """A pattern for the name where a Latin or digit edge is not inside a longer word (AP, not APEC)."""
    ascii_edge = re.compile(r"[A-Za-z0-9]")
    return ((r"(?<![A-Za-z0-9])" if ascii_edge.match(name[:1]) else "") + re.escape(name)
            + (r"(?![A-Za-z0-9])" if ascii_edge.match(name[-1:]) else ""))
