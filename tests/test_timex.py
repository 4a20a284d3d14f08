from __future__ import annotations

import datetime as dt

import pytest

from kg.timex import find_times

PUB = dt.date(2022, 11, 3)


@pytest.mark.parametrize("text,value,precision,fiscal", [
    ("지난달 발생한", "2022-10", "month", None),
    ("3일 열린", "2022-11-03", "day", None),
    ("지난 28일", "2022-10-28", "day", None),
    ("오는 15일", "2022-11-15", "day", None),
    ("오는 1일", "2022-12-01", "day", None),
    ("전날", "2022-11-02", "day", None),
    ("이날", "2022-11-03", "day", None),
    ("지난해", "2021", "year", None),
    ("올해 2분기", "2022", "year", "2022-Q2"),
    ("3분기 실적", "2022", "year", "2022-Q3"),
    ("지난해 4분기", "2021", "year", "2021-Q4"),
    ("상반기", "2022", "year", "2022-H1"),
    ("2022년 10월 15일", "2022-10-15", "day", None),
    ("2023년 5월", "2023-05", "month", None),
    ("2021년", "2021", "year", None),
    ("10월 중", "2022-10", "month", None),
    ("12월 1일", "2022-12-01", "day", None),
    # a range of days is dated by its first day
    ("지난달 7~14일 휴업했고", "2022-10-07", "day", None),
    ("6월 3∼5일 열린", "2022-06-03", "day", None),
    ("25~28일 파업을 예고했다", "2022-11-25", "day", None),   # an announced future: the coming days
    ("지난 연말 인사에서", "2021", "year", None),
])
def test_timex_resolves_against_publication_date(text, value, precision, fiscal):
    (found,) = list(find_times(text, PUB))
    assert (found.value.value, found.value.precision, found.value.fiscal_period) == (value, precision, fiscal)


@pytest.mark.parametrize("text", ["3일간", "사흘 만에", "제3일", "4500만명", "1~3분기"])
def test_timex_ignores_durations_and_counts(text):
    assert list(find_times(text, PUB)) == []


def test_timex_offsets_are_absolute():
    (found,) = list(find_times("그는 지난달 말했다", PUB, offset=100))
    assert (found.start, found.end) == (103, 106)


def test_timex_without_publication_date_keeps_absolute_only():
    values = [t.value.value for t in find_times("2022년 10월 15일과 지난달", None)]
    assert values == ["2022-10-15"]


def test_timex_same_day_is_left_to_the_caller():
    from kg.timex import SAME_DAY

    (found,) = list(find_times("같은 날 이사회를 열어", PUB))
    assert found.value.precision == SAME_DAY


@pytest.mark.parametrize("text,value", [
    ("연내 출시할 계획이다", "2022"),
    ("6일 합동감식을 벌일 계획이다", "2022-11-06"),   # a bare day in a sentence about the future
    ("6일 합동감식을 벌였다", "2022-10-06"),          # ... and in one about the past
])
def test_timex_year_words_and_future_days(text, value):
    assert next(find_times(text, PUB)).value.value == value


@pytest.mark.parametrize("text,value", [("지난달 11일", "2022-10-11"), ("다음 달 4일", "2022-12-04")])
def test_timex_day_of_a_relative_month(text, value):
    (found,) = list(find_times(text, PUB))
    assert found.value.value == value


def test_timex_coordinated_month_shares_the_year():
    values = [t.value.value for t in find_times("지난해 3월과 7월 두 차례", PUB)]
    assert values == ["2021-03", "2021-07"]
