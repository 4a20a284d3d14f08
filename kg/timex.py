"""Korean time expressions resolved against an article's publication date.

``find_times(text, published)`` yields every expression with its span and a ``TimeValue`` at the
precision the text gives: day (``3일``, ``지난 3일``, ``오는 15일``, ``전날``, ``이날``,
``2022년 10월 15일``; ``같은 날`` comes back with precision ``SAME_DAY`` for the caller to
resolve against the day last mentioned), month (``지난달``, ``10월``), year (``지난해``, ``올해``), and fiscal
periods (``3분기``, ``상반기``) which set ``fiscal_period`` instead of a timestamp.
Without a publication date only absolute expressions resolve.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .firstchars import guarded
from .model import TimeValue

__all__ = ["TimeMention", "find_times", "resolve", "SAME_DAY", "SAME_YEAR"]

SAME_DAY = "same-day"  # precision of 같은 날/당일 before the caller resolves it
SAME_YEAR = "same-year"  # precision of 같은 해 (12월)/그해: value "" or the month "MM"


@dataclass(frozen=True, slots=True)
class TimeMention:
    start: int
    end: int
    value: TimeValue


_YEAR_WORDS = {"재작년": -2, "지난해": -1, "작년": -1, "전년": -1, "올해": 0, "금년": 0, "올": 0, "내년": 1, "이듬해": 1,
               "연내": 0, "연말": 0, "연초": 0, "올해 안": 0, "올해 말": 0, "연말까지": 0}
_MONTH_WORDS = {"지난달": -1, "전월": -1, "이달": 0, "이번 달": 0, "이번달": 0, "다음 달": 1, "다음달": 1, "내달": 1}
_DAY_WORDS = {"그저께": -2, "그제": -2, "전날": -1, "전일": -1, "어제": -1, "어젯밤": -1, "간밤": -1, "지난밤": -1,
              "이날": 0, "오늘": 0, "금일": 0, "내일": 1, "다음 날": 1, "이튿날": 1}

# the end of a range of days (7~14일, 3∼5일): the range is dated by its first day
_RANGE_END = r"(?:[~∼-](?:3[01]|[12]\d|[1-9])(?!\d))?"
_NOT_AFTER_DAY = r"(?!\s*(?:간|동안|째|만에|만(?!기)|연속|이내|이상|넘게|치|분|새|사이|전부터|가량))"
_PATTERN = (
    r"(?P<ymd>(?P<y1>(?:19|20)\d{2})\s*년\s*(?P<m1>1[0-2]|0?[1-9])\s*월\s*(?P<d1>3[01]|[12]\d|0?[1-9])\s*일)"
    r"|(?P<isod>(?P<y4>(?:19|20)\d{2})[.-](?P<m4>1[0-2]|0?[1-9])[.-](?P<d4>3[01]|[12]\d|0?[1-9])(?!\d))"
    r"|(?P<yq>(?P<yqy>(?:19|20)\d{2}|지난해|작년|올해|올|금년|내년)\s*(?:년\s*)?(?P<yqq>[1-4])\s*분기)"
    r"|(?P<yh>(?P<yhy>(?:19|20)\d{2}|지난해|작년|올해|올|금년|내년)\s*(?:년\s*)?(?P<yhh>상|하)\s*반기)"
    r"|(?P<ym>(?P<y2>(?:19|20)\d{2})\s*년\s*(?P<m2>1[0-2]|0?[1-9])\s*월(?!\s*(?:\d|간)))"
    r"|(?P<relym>(?P<ry>지난해|작년|올해|올|금년|내년)\s*(?P<rm>1[0-2]|[1-9])\s*월(?:\s*(?P<rd>3[01]|[12]\d|[1-9])\s*일)?)"
    r"|(?P<relmd>(?P<rmw>지난달|이달|이번\s?달|다음\s?달|내달|전월)\s*(?P<rmd>3[01]|[12]\d|[1-9])" + _RANGE_END + r"\s*일" + _NOT_AFTER_DAY + r")"
    r"|(?P<md>(?P<mdp>지난|오는)?(?<!\s)\s*(?<!\d)(?P<m3>1[0-2]|[1-9])\s*월\s*(?P<d3>3[01]|[12]\d|[1-9])" + _RANGE_END + r"\s*일" + _NOT_AFTER_DAY + r")"
    r"|(?P<q>(?<![\d~-])(?P<qq>[1-4])\s*분기)"
    r"|(?P<h>(?P<hh>상|하)\s*반기)"
    r"|(?P<y>(?<!\d)(?P<y3>(?:19|20)\d{2})\s*년(?!\s*(?:간|대|\d|생)))"
    r"|(?P<mo>(?P<mop>지난|오는)?(?<!\s)\s*(?<!\d)(?P<m5>1[0-2]|[1-9])\s*월(?!\s*(?:간|\d)))"
    r"|(?P<d>(?P<dp>지난|오는)?(?<!\s)\s*(?<![\d.,~∼-])(?P<d2>3[01]|[12]\d|[1-9])" + _RANGE_END + r"\s*일" + _NOT_AFTER_DAY + r")"
    r"|(?P<yw>재작년|지난해|작년|전년|올해|금년|내년|이듬해|연내|(?:지난\s?)?연말|(?:지난\s?)?연초)"
    r"|(?P<mw>지난달|전월|이달|이번\s?달|다음\s?달|내달)"
    r"|(?P<same>같은\s?날|당일)"
    r"|(?P<samey>(?:같은\s?해|그해)(?=[\s에,.]|$)(?:\s*(?P<sym>1[0-2]|[1-9])\s*월(?!\s*(?:간|\d)))?)"
    r"|(?P<dw>그저께|그제|전날|전일|어젯밤|어제|간밤|지난밤|이날|오늘|금일|내일|다음\s날|이튿날)"
)
# each alternative behind a lookahead of its first characters (kg.firstchars): the same matches, 2 x faster
_RE = guarded(_PATTERN)


def _month_add(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _day(year: int, month: int, day: int, text: str) -> TimeValue | None:
    try:
        return TimeValue(dt.date(year, month, day).isoformat(), "day", text)
    except ValueError:
        return None


def _nearest_year_for_month(month: int, pub: dt.date, prefix: str | None) -> int:
    if prefix == "지난":
        return pub.year if month <= pub.month else pub.year - 1
    if prefix == "오는":
        return pub.year if month >= pub.month else pub.year + 1
    # closest to the publication date
    candidates = [pub.year - 1, pub.year, pub.year + 1]
    return min(candidates, key=lambda y: abs((y * 12 + month) - (pub.year * 12 + pub.month)))


def _quarter_year(quarter: int, pub: dt.date) -> int:
    start_month = 3 * (quarter - 1) + 1
    return pub.year if dt.date(pub.year, start_month, 1) <= pub else pub.year - 1


def _year_of(word: str, pub: dt.date | None) -> int | None:
    if word.isdigit():
        return int(word)
    if pub is None:
        return None
    return pub.year + _YEAR_WORDS[word]


def resolve(m: re.Match, pub: dt.date | None, future: bool = False) -> TimeValue | None:
    """Resolve one match of the time regex; None when it needs a publication date we lack."""
    text = m.group(0).strip()
    g = m.groupdict()
    if g["ymd"]:
        return _day(int(g["y1"]), int(g["m1"]), int(g["d1"]), text)
    if g["isod"]:
        return _day(int(g["y4"]), int(g["m4"]), int(g["d4"]), text)
    if g["yq"]:
        year = _year_of(g["yqy"], pub)
        return None if year is None else TimeValue(str(year), "year", text, f"{year}-Q{g['yqq']}")
    if g["yh"]:
        year = _year_of(g["yhy"], pub)
        half = 1 if g["yhh"] == "상" else 2
        return None if year is None else TimeValue(str(year), "year", text, f"{year}-H{half}")
    if g["ym"]:
        return TimeValue(f"{int(g['y2']):04d}-{int(g['m2']):02d}", "month", text)
    if g["y"]:
        return TimeValue(g["y3"], "year", text)
    if pub is None:
        return None
    if g["relym"]:
        year = _year_of(g["ry"], pub)
        if g["rd"]:
            return _day(year, int(g["rm"]), int(g["rd"]), text)
        return TimeValue(f"{year:04d}-{int(g['rm']):02d}", "month", text)
    if g["relmd"]:
        key = re.sub(r"\s+", "", g["rmw"])
        delta = {"지난달": -1, "전월": -1, "이달": 0, "이번달": 0, "다음달": 1, "내달": 1}[key]
        year, month = _month_add(pub.year, pub.month, delta)
        return _day(year, month, int(g["rmd"]), text)
    if g["md"]:
        month = int(g["m3"])
        return _day(_nearest_year_for_month(month, pub, g["mdp"]), month, int(g["d3"]), text)
    if g["q"]:
        quarter = int(g["qq"])
        year = _quarter_year(quarter, pub)
        return TimeValue(str(year), "year", text, f"{year}-Q{quarter}")
    if g["h"]:
        half = 1 if g["hh"] == "상" else 2
        year = pub.year if (half == 1 or pub.month >= 7) else pub.year - 1
        return TimeValue(str(year), "year", text, f"{year}-H{half}")
    if g["mo"]:
        month = int(g["m5"])
        year = _nearest_year_for_month(month, pub, g["mop"])
        return TimeValue(f"{year:04d}-{month:02d}", "month", text)
    if g["d"]:
        day = int(g["d2"])
        prefix = g["dp"]
        year, month = pub.year, pub.month
        if prefix == "오는" or (future and prefix is None):
            if day < pub.day:
                year, month = _month_add(year, month, 1)
        elif day > pub.day:
            year, month = _month_add(year, month, -1)
        return _day(year, month, day, text)
    if g["yw"]:
        word = g["yw"]
        if word.startswith("지난"):  # 지난 연말: the end of last year
            return TimeValue(str(pub.year - 1), "year", text)
        return TimeValue(str(pub.year + _YEAR_WORDS[word]), "year", text)
    if g["mw"]:
        key = g["mw"] if g["mw"] in _MONTH_WORDS else g["mw"].replace(" ", "")
        year, month = _month_add(pub.year, pub.month, _MONTH_WORDS.get(key, _MONTH_WORDS.get(g["mw"], 0)))
        return TimeValue(f"{year:04d}-{month:02d}", "month", text)
    if g["same"]:
        # "the same day": the day last mentioned, which only the caller knows (see SAME_DAY)
        return TimeValue("", SAME_DAY, text)
    if g["samey"]:
        # "the same year": the year last mentioned, which only the caller knows (see SAME_YEAR)
        return TimeValue(f"{int(g['sym']):02d}" if g["sym"] else "", SAME_YEAR, text)
    if g["dw"]:
        key = g["dw"] if g["dw"] in _DAY_WORDS else re.sub(r"\s+", " ", g["dw"])
        date = pub + dt.timedelta(days=_DAY_WORDS.get(key, 0))
        return TimeValue(date.isoformat(), "day", text)
    return None


_FUTURE = re.compile(r"(?:[할될일]\s*(?:계획|예정|방침|것)|계획이다|예정이다|방침이다|하겠다|겠다고|오는\s|예고|앞두)")


def find_times(text: str, published: dt.date | None, offset: int = 0) -> Iterator[TimeMention]:
    """Every time expression in ``text`` (offsets shifted by ``offset``), resolved. In a sentence
    about the future (할 계획이다, 하겠다) a bare day (6일) is the coming one."""
    future = bool(_FUTURE.search(text))
    previous: tuple[re.Match, TimeValue] | None = None
    for m in _RE.finditer(text):
        # a bare number glued to a preceding Hangul word is not a date (제3일, 2차4일)
        if m.start() > 0 and re.match(r"[가-힣A-Za-z]", text[m.start() - 1]) and m.group(0)[0].isdigit():
            continue
        value = resolve(m, published, future)
        if value is None:
            continue
        if previous is not None and _COORDINATED.fullmatch(text[previous[0].end():m.start()]):
            value = _continue(previous[1], value, m)  # 지난해 3월과 7월: July of last year too
        lead = len(m.group(0)) - len(m.group(0).lstrip())
        previous = (m, value)
        yield TimeMention(offset + m.start() + lead, offset + m.end(), value)


_COORDINATED = re.compile(r"\s*(?:과|와|및|,|·|~|-|부터|에서)?\s*")


def _continue(first: TimeValue, second: TimeValue, m: re.Match) -> TimeValue:
    """A bare month or day coordinated with a dated one shares its year (and month)."""
    g = m.groupdict()
    if g["mo"] and not g["mop"] and first.precision in ("month", "day"):
        return TimeValue(first.value[:4] + second.value[4:], second.precision, second.text)
    if g["d"] and not g["dp"] and first.precision == "day":
        return TimeValue(first.value[:8] + second.value[8:], "day", second.text)
    return second
