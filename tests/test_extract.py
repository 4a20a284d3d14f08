"""Extraction rules on small articles written for these tests (general Korean news patterns)."""

from __future__ import annotations

import datetime as dt

import pytest

PUB = dt.date(2024, 3, 5)


@pytest.fixture(scope="module")
def run(pipeline):
    def run(body: str, published=PUB):
        text = "제목 줄입니다\n(서울=뉴스1) 김기자 기자 = " + body
        return pipeline.process_text(text, id="t", published=published)
    return run


def entities(ex, etype):
    return {e.name for e in ex.entities if e.type == etype}


def events(ex, etype):
    return [e for e in ex.events if e.type == etype]


@pytest.mark.parametrize("body,etype,name", [
    ("홍길동 삼성전자 사장은 3일 신제품을 공개했다.", "Person", "홍길동"),
    ("삼성전자 홍길동 사장은 3일 신제품을 공개했다.", "Person", "홍길동"),
    ("이종만 대표이사를 해임했다고 밝혔다.", "Person", "이종만"),          # Kiwi splits the name
    ("한재원 넥서스플레이 대표는 사내 공지를 올렸다.", "Company", "넥서스플레이"),  # org from the title pattern
    ("반도체 기업 메디브레인이 상장을 추진한다.", "Company", "메디브레인"),       # descriptor noun
    ("세영화학 울산공장에서 불이 났다.", "Facility", "세영화학 울산공장"),
    ("울산경찰청은 현장을 조사했다.", "Organization", "울산경찰청"),
    ("카카오모빌리티가 요금을 올렸다.", "Company", "카카오모빌리티"),
    ("다나카 히로시 도요케미칼 사장은 협약을 맺었다고 밝혔다.", "Person", "다나카 히로시"),
])
def test_extract_finds_entities(run, body, etype, name):
    assert name in entities(run(body), etype)


@pytest.mark.parametrize("body,absent", [
    ("신임 대표는 이날 취임했다.", "신임"),
    ("이번 대표 선임은 이사회에서 결정됐다.", "이번"),
    ("회사 주가는 3% 올랐다. 차장을 새로 뽑았다.", "주가는"),
])
def test_extract_common_words_are_not_people(run, body, absent):
    assert absent not in entities(run(body), "Person")


def test_extract_dateline_place_is_not_a_location(run):
    assert "서울" not in entities(run("부산에서 열린 행사에서 현대차가 신차를 공개했다."), "Location")


def test_extract_surname_alias_and_pronoun_speaker(run):
    ex = run('홍길동 카카오 대표는 "서비스를 바로 복구하겠다"고 말했다. 홍 대표는 "피해를 보상하겠다"고 말했다. '
             '그는 "재발을 막겠다"고 강조했다.')
    speakers = {a.entity for e in events(ex, "Statement") for a in e.arguments}
    assert speakers == {"Person/홍길동"}
    assert len(events(ex, "Statement")) == 3


def test_extract_scare_quotes_are_not_quotations(run):
    ex = run("홍길동 카카오 대표가 '카카오 먹통' 사태에 대해 사과했다.")
    assert events(ex, "Statement") == []
    assert events(ex, "ServiceOutage")


@pytest.mark.parametrize("body,etype", [
    ("한국GM 노조가 9일 부분파업에 돌입했다.", "Strike"),
    ("공정거래위원회는 쿠팡에 과징금 100억원을 부과했다.", "Sanction"),
    ("현대자동차가 아이오닉 5 1만대를 리콜한다.", "Recall"),
    ("SK하이닉스는 4일 이사회를 열고 김철수 부사장을 신임 대표로 선임했다.", "Appointment"),
    ("LG전자는 협력사와 업무협약을 체결했다고 5일 밝혔다.", "Partnership"),
    ("검찰은 4일 동보건설 본사를 압수수색했다.", "Investigation"),
    ("넥서스플레이는 전 직원을 대상으로 희망퇴직을 받는다.", "Layoff"),
    ("홍길동 대표는 \"안전 설비를 새로 구축할 것\"이라고 말했다.", "Plan"),
])
def test_extract_finds_event_types(run, body, etype):
    assert events(run(body), etype), body


@pytest.mark.parametrize("body,etype", [
    ("노조가 전면파업에 나설 가능성은 낮다.", "Strike"),
    ("회사는 매각설을 부인했다. 인수 가능성은 없다고 밝혔다.", "Acquisition"),
    ("실적이 개선될 것으로 보인다.", "Plan"),
    ("행정소송 등 불복 절차는 밟지 않겠다는 입장이다.", "Plan"),
    ("화재 예방 교육을 실시했다.", "Fire"),
    ("위반이 드러나면 쿠팡은 과징금을 물 수 있다.", "Sanction"),
    ("태성케미칼은 2026년까지 여수공장에 5000억원을 투자할 계획이다.", "Investment"),  # a Plan instead
])
def test_extract_hedged_or_negated_events_are_not_reported_as_facts(run, body, etype):
    # left out, or kept with a factuality (hedged, negated, ...) -- never as something that happened
    assert not [e for e in events(run(body), etype) if e.factuality is None], body


def test_extract_event_time_participants_and_cause(run):
    ex = run("지난달 판교 데이터센터에서 발생한 화재로 카카오 서비스가 먹통이 됐다.")
    (fire,) = events(ex, "Fire")
    (outage,) = events(ex, "ServiceOutage")
    assert fire.time.value == "2024-02"
    assert outage.id in fire.causes
    assert any(a.role == "facility" for a in fire.arguments)


def test_extract_time_after_trigger_dates_the_report(run):
    ex = run("LG전자는 협력사와 업무협약을 체결했다고 4일 밝혔다.")
    (event,) = events(ex, "Partnership")
    assert event.time.value == "2024-03-04"


def test_extract_same_event_mentioned_twice_is_one_event(run):
    ex = run("공장에서 화재가 발생했다. 이번 화재로 2명이 다쳤다. 화재 원인은 조사 중이다.")
    assert len(events(ex, "Fire")) == 1


def test_extract_positions_with_organisation(run):
    ex = run("홍길동 삼성전자 사장과 김영희 LG전자 부사장이 만났다.")
    positions = {(p.person, p.organization, p.title) for p in ex.positions}
    assert ("Person/홍길동", "Company/samsung-electronics", "사장") in positions
    assert ("Person/김영희", "Company/lg-electronics", "부사장") in positions


def test_extract_planned_investment_is_a_plan(run):
    ex = run("태성케미칼은 2026년까지 여수공장에 5000억원을 투자할 계획이다.")
    assert events(ex, "Plan") and not events(ex, "Investment")


def test_extract_analyst_quote_does_not_involve_the_analysts_firm(run):
    ex = run("현대자동차가 리콜을 시작했다. 이서윤 하나증권 연구원은 \"이번 리콜 비용은 크지 않을 것\"이라고 내다봤다.")
    keys = {a.entity for e in events(ex, "Recall") for a in e.arguments}
    assert "Company/hyundai-motor" in keys
    assert not any("hana" in k for k in keys)


def test_extract_union_named_by_company_and_bare_word(run):
    ex = run("전국금속노동조합 현대중공업지부는 20일 파업에 돌입했다. HD현대중공업 노조는 임금 인상을 요구했다. "
             "노조는 다음 주에도 파업을 이어간다.")
    (union,) = [e for e in ex.entities if e.type == "Organization" and e.name.endswith("지부")]
    assert len(union.mentions) == 3


def test_extract_left_out_subject_is_the_previous_one(run):
    ex = run("대한항공이 자회사 아시아나항공을 흡수합병한다. 지난해 12월 아시아나항공 지분 63.88%를 인수해 자회사로 편입했다.")
    (acquisition,) = events(ex, "Acquisition")
    assert ("acquirer", "Company/korean-air") in {(a.role, a.entity) for a in acquisition.arguments}
