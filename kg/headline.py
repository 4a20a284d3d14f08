"""The article's headline: its title as the page shows it, never page furniture or a caption.

Pages start with furniture (``On-Air``, ``본문 바로가기``, ``닫기``, ``print``, ``배너 배너``, a section
name, an ad code, ``관련종목▶``); a title follows it, or the page has no title in its text at all and
the body (or a photo caption) starts right away. ``find_headline`` skips the furniture at the top
(``header:`` rules in ``kg/data/boilerplate.yaml`` and lines with no words), takes the first line
that reads like a title, and gives up - no headline - at the first line that reads like body text,
a caption, a fragment or a dateline.

Layout facts it relies on (every outlet alike): the title stands above the byline and the time
stamp, so a line that comes after them is a deck (the page lost its title); a title is one line of
at most ~60 characters, so a longer line is several decks glued together; a title followed by a
time stamp of another day than the article's is an entry of a list of other articles; a status
tag (``[단독]``, ``(종합)``: ``title_tag:`` rules) marks the title among title-like lines.
"""

from __future__ import annotations

import datetime as _dt
import re

__all__ = ["find_headline", "looks_like_headline", "is_deck", "stamp_of_another_day"]

_TOP_LINES = 6  # a title comes within the first lines of a page
# Korean desks keep titles short (portals cut them near 60 characters; the longest of the 32 titles
# in the real set has 54): a longer top line is decks or a lede glued into one line
_MIN_CHARS, _MAX_CHARS, _MIN_WORDS = 10, 70, 3
_FINISHED_RE = re.compile(r"(?:[다요음임]\.|[.。])[\"'”’)\]]{0,3}$")  # a sentence, not a title
_CAPTION_RE = re.compile(r"^[▲△▶■◆]|[/(\[]\s{0,2}(?:사진|그래픽|자료|영상)\s{0,2}[=:제]|사진\s?=|\|$|ⓒ|©")
_WORDS_RE = re.compile(r"[가-힣A-Za-z]{2,}")
_QUOTE_PAIRS = (("“", "”"), ("‘", "’"))
# a byline or a time stamp among the furniture at the top: the title, if the page kept it, was above
_STAMP_RE = re.compile(r"(?:^|[\s\]|•·]|by)[가-힣]{2,4}\s?기자(?:$|[\s|])|(?:19|20)\d{2}\s?[./-]\s?\d{1,2}\s?[./-]\s?\d{1,2}")
# a bare time stamp line under a title: 2023-05-31, 2023.05.31 10:49
_BARE_DATE_RE = re.compile(r"\s*((?:19|20)\d{2})\s?[./-]\s?(\d{1,2})\s?[./-]\s?(\d{1,2})\.?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*")


def looks_like_headline(line: str) -> bool:
    """A title: a few words, not a finished sentence, not a caption, quotes balanced."""
    words = line.split()
    if not (_MIN_CHARS <= len(line) <= _MAX_CHARS) or len(words) < _MIN_WORDS:
        return False
    if len(set(words)) == 1 or len(_WORDS_RE.findall(line)) < 2:
        return False  # 배너 배너 배너 배너
    if _FINISHED_RE.search(line) or _CAPTION_RE.search(line):
        return False
    if line.count('"') % 2 or any(line.count(a) != line.count(b) for a, b in _QUOTE_PAIRS):
        return False  # a fragment cut out of a longer text: 조사과정서 진실 밝혀질 것"
    return True


def _is_furniture(line: str, header: list[re.Pattern]) -> bool:
    if any(p.fullmatch(line) for p in header):
        return True
    if _FINISHED_RE.search(line):
        return False  # a short sentence is text
    words = line.split()
    # a menu item, section name or code: one or two short words, or no words at all
    return (len(words) <= 2 and len(line) < _MIN_CHARS) or len(_WORDS_RE.findall(line)) < 2


def find_headline(lines: list[str], header: list[re.Pattern], is_dateline, tags: list[re.Pattern] = (),
                  stale: set[int] = frozenset()) -> tuple[str | None, list[str]]:
    """(headline or None, the lines without the headline and the furniture above it).

    ``tags``: ``title_tag:`` patterns; ``stale``: indexes of lines that the page follows with a time
    stamp of another day than the article's (``stamp_of_another_day``)."""
    for index, line in enumerate(lines[:_TOP_LINES]):
        if is_dateline(line):
            break
        if _is_furniture(line, header):
            if _STAMP_RE.search(line):
                break  # the byline or time stamp: what follows is decks and body, never the title
            continue
        if looks_like_headline(line) and index + 1 < len(lines):
            following = lines[index + 1]
            if index in stale:
                # another article's title with its date (a list entry left on top of the page)
                skipped = [kept for kept in lines[:index] if not _is_furniture(kept, header)]
                rest = skipped + lines[index + 1:]
                return None, rest if rest else lines
            if (index + 2 < len(lines) and not any(t.search(line) for t in tags)
                    and any(t.search(following) for t in tags) and looks_like_headline(following)):
                return following, lines[index + 2:]  # a deck above the tagged title
            return line, lines[index + 1:]
        break
    else:
        index = min(len(lines), _TOP_LINES)
    skipped = [line for line in lines[:index] if not _is_furniture(line, header)]
    rest = skipped + lines[index:]
    return None, rest if rest else lines  # never lose the only text there is


def stamp_of_another_day(line: str, published: _dt.date | None) -> bool:
    """``line`` is a bare time stamp (``2023-05-31``, ``2023.05.31 10:49``) of another day than
    ``published`` (the article's date as the input gives it)."""
    m = _BARE_DATE_RE.fullmatch(line)
    if not m or published is None:
        return False
    try:
        return _dt.date(*(int(g) for g in m.groups())) != published
    except ValueError:
        return False


def is_deck(title: str, names: list[str], subject: list[re.Pattern]) -> bool:
    """A line offered as the headline is a deck (the page lost its title) when it names none of
    ``names`` (what the article names: companies, people, organisations, ...) and has no subject
    of its own (``title_subject:`` rules: '가나전자, ...', '[종합] ...')."""
    squashed = re.sub(r"\s+", "", title)
    if any(p.search(title) for p in subject):
        return False
    return not any(len(n) >= 2 and re.sub(r"\s+", "", n) in squashed for n in names)
