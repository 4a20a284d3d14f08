"""Time of events on sentences written for these tests: which clause's date dates an event, the
lede dated by the sentences after it, words that point back (이날, 같은 날, 같은 해), and what
the rest of a clause says about whether the event happened."""

from __future__ import annotations

import pytest

from .test_events import run  # noqa: F401  (the fixture: a body under a title line, published 2024-03-05)


def time_of(ex, etype) -> list[str | None]:
    return [e.time.value if e.time else None for e in ex.events if e.type == etype]


# -- the date of a report is not the date of the event it is about --------------------------------

@pytest.mark.parametrize("body, etype, value", [
    # the search is dated, the collapse it is about is not
    ("노동청은 4일 오전부터 물류센터 붕괴 사고와 관련해 한빛물산 본사를 압수수색했다.", "Investigation", "2024-03-04"),
    ("노동청은 4일 오전부터 물류센터 붕괴 사고와 관련해 한빛물산 본사를 압수수색했다.", "Accident", "2024-03-05"),
    # a relative clause of occurrence keeps its date with the event it describes
    ("지난달 발생한 결제 먹통 사태와 관련해 한빛페이는 보상안을 내놨다.", "ServiceOutage", "2024-02"),
    # ... and the plan made after it is not dated by the outage's month
    ("한빛톡 대표가 지난달 발생한 메신저 먹통 사태에 대해 사과하며 근본적인 대책을 세우겠다고 밝혔다.", "Plan", "2024-03-05"),
    # a report's own date after the trigger is no date of the event it is about
    ("금융위원회는 4일 누리카드 개인정보 유출 사고와 관련한 대책회의를 열었다.", "DataBreach", "2024-03-05"),
])
def test_event_time_referred_event_is_not_dated_by_the_report(run, body, etype, value):
    assert time_of(run(body), etype) == [value]


# -- the lede takes the date the next sentences give ----------------------------------------------

@pytest.mark.parametrize("body, etype, value", [
    # the date of the source's statement (4일 업계에 따르면) is not the date of the deal
    ("한빛전자가 누리반도체와 특허 분쟁을 끝내기로 합의했다. 4일 업계에 따르면 누리반도체는 지난 2일 "
     "한빛전자와 합의서를 썼다고 밝혔다.", "Settlement", "2024-03-02"),
    # a deck repeated in the body (no sentence ending) is not the lede; a timestamp line gives no date
    ("한빛은행 이사회, 행장 해임 의결\n2024.03.05. 오전 00:15\n한빛은행 이사회가 김한결 행장 해임을 의결했다.\n"
     "이사회는 어젯밤 본점에서 긴급 이사회를 열어 해임안을 통과시켰다.", "Dismissal", "2024-03-04"),
])
def test_event_time_lede_dated_by_the_next_sentences(run, body, etype, value):
    assert time_of(run(body), etype)[:1] == [value]


# -- words that point back -------------------------------------------------------------------------

@pytest.mark.parametrize("body, etype, value", [
    # 이날: the day the previous sentence named
    ("누리게임즈 창업자가 지난 2일 회사 역사에 새 장을 열었다. 누리게임즈는 이날 코스닥에 상장했다.", "IPO", "2024-03-02"),
    # ... but not a day still to come: then the day of the report
    ("합병기일은 오는 5월 1일이다. 한빛전자는 이날 오후 누리반도체를 인수했다.", "Acquisition", "2024-03-05"),
    # 같은 해 12월: the year last mentioned
    ("한빛디스플레이는 지난해 5월 누리패널에 경고장을 보냈다. 같은 해 12월 누리패널을 상대로 소송을 냈다.",
     "Lawsuit", "2023-12"),
    # 어젯밤: the day before the report
    ("한빛제철 포항공장에서 어젯밤 불이 났다.", "Fire", "2024-03-04"),
    # 4일 만기: a due date, not a duration (4일 만에)
    ("누리건설은 지난 4일 만기 도래한 어음을 막지 못해 1차 부도를 냈다.", "Bankruptcy", "2024-03-04"),
])
def test_event_time_words_that_point_back(run, body, etype, value):
    assert time_of(run(body), etype)[:1] == [value]


# -- times shared between triggers ----------------------------------------------------------------

@pytest.mark.parametrize("body, etype, value", [
    # a plan takes the time of the action it plans
    ("박 후보자는 내년 주주총회를 거쳐 대표로 선임될 예정이다.", "Plan", "2025"),
    # background coordinated with a dated clause takes its date (not the day of the report)
    ("누리메모리는 2015년 한빛전자로부터 투자를 받고 크로스라이선스를 체결한 바 있다.", "Partnership", "2015"),
])
def test_event_time_shared_with_the_neighbouring_trigger(run, body, etype, value):
    assert time_of(run(body), etype)[:1] == [value]


def test_event_time_call_on_the_results_takes_their_quarter(run):
    ex = run("재무책임자는 3분기 실적발표를 위한 컨퍼런스콜에서 투자 계획을 설명했다.")
    (call,) = [e for e in ex.events if e.type == "EarningsCall"]
    assert call.time is not None and call.time.fiscal_period == "2023-Q3"


# -- what the rest of the clause says -------------------------------------------------------------

@pytest.mark.parametrize("body, etype, factuality", [
    # the outage caused what was not done; it happened
    ("지난 2일 결제 먹통 사태로 물건이 배송되지 않은 고객은 포인트를 받는다.", "ServiceOutage", None),
    # 업계에 따르면: attribution, not a condition
    ("4일 업계에 따르면 한빛전자는 누리반도체와 업무협약을 맺었다.", "Partnership", None),
    # the clause closes at 등장해: the next clause's worry is not about the call
    ("재무책임자는 실적발표를 위한 컨퍼런스콜에 등장해 시장 우려를 달랬다.", "EarningsCall", None),
    # still negated, conditional: the trigger's own predicate
    ("노사 갈등이 파업으로 번지지는 않았다.", "Strike", "negated"),
    ("협상이 깨지면 노조는 파업에 들어간다.", "Strike", "conditional"),
])
def test_event_time_factuality_reads_the_triggers_own_clause(run, body, etype, factuality):
    found = [e for e in run(body).events if e.type == etype]
    assert found and found[0].factuality == factuality, [(e.type, e.factuality) for e in found]
