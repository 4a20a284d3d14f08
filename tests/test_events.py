"""Events on articles written for these tests: one node per real event within an article,
participants and roles, time of the event's own clause."""

from __future__ import annotations

import datetime as dt

import pytest

PUB = dt.date(2024, 3, 5)


@pytest.fixture(scope="module")
def run(pipeline):
    def run(body: str, published=PUB):
        return pipeline.process_text("제목 줄입니다\n" + body, id="t", published=published)
    return run


def of_type(ex, etype):
    return [e for e in ex.events if e.type == etype]


def participants(event):
    return {a.entity for a in event.arguments}


# -- one event per real event --------------------------------------------------------------------

def test_events_repeated_mentions_are_one_event(run):
    ex = run("세영화학 울산공장에서 4일 화재가 발생했다. 이번 화재로 공장 가동이 멈췄다. 소방당국은 화재 원인을 조사하고 있다.")
    (fire,) = of_type(ex, "Fire")
    assert len(fire.mentions) >= 1


def test_events_different_subjects_are_different_events(run):
    ex = run("한빛건설이 4일 법원에 회생절차를 신청했다. 한빛건설의 모회사인 한빛홀딩스도 같은 날 회생절차를 신청했다.")
    filings = of_type(ex, "Bankruptcy")
    assert len(filings) == 2
    assert {"Company/한빛건설", "Company/한빛홀딩스"} <= set().union(*map(participants, filings))


def test_events_different_days_are_different_events(run):
    ex = run("한빛건설은 지난달 7일 법원에 회생절차 개시를 신청했다. 서울회생법원은 4일 한빛건설에 대해 회생절차 개시를 결정했다.")
    assert len(of_type(ex, "Bankruptcy")) == 2


def test_events_steps_of_a_case_are_different_events(run):
    ex = run("검찰은 4일 동보건설 본사를 압수수색했다. 검찰은 앞서 지난달 동보건설 대표를 입건했다.")
    assert len(of_type(ex, "Investigation")) == 2


def test_events_launches_of_different_products_are_two_events(run):
    ex = run("삼성전자는 2010년 갤럭시S를 출시한 지 2년 만에 갤럭시S3를 출시했다.")
    assert len(of_type(ex, "ProductLaunch")) >= 1
    launch_of = {frozenset(a.entity for a in e.arguments if a.role == "product") for e in of_type(ex, "ProductLaunch")}
    assert all(len(products) <= 1 for products in launch_of)


# -- participants and roles ----------------------------------------------------------------------

def test_events_facility_brings_its_company(run):
    ex = run("쿠팡 덕평물류센터에서 4일 불이 났다.")  # a plant of the gazetteer, with its owner
    (fire,) = of_type(ex, "Fire")
    assert any(a.entity.startswith("Company/") for a in fire.arguments), fire.arguments


def test_events_authorities_investigate_the_company_of_the_story(run):
    ex = run("한빛케미칼 울산공장에서 4일 폭발 사고가 났다. 한빛케미칼은 공장 가동을 멈췄다. "
             "경찰과 소방당국은 사고 원인을 조사하고 있다.")
    (probe,) = of_type(ex, "Investigation")
    roles = {(a.role, a.entity.split("/")[0]) for a in probe.arguments}
    assert ("authority", "Organization") in roles and ("affected", "Company") in roles


@pytest.mark.parametrize("body, etype, subject_role, object_role", [
    ("한빛전자는 4일 누리반도체를 인수했다고 밝혔다.", "Acquisition", "acquirer", "target"),
    ("한빛전자는 4일 누리반도체에 500억원을 투자했다.", "Investment", "investor", "investee"),
    ("한빛전자는 4일 누리반도체를 상대로 특허 침해 소송을 냈다.", "Lawsuit", "plaintiff", "defendant"),
])
def test_events_counterparts_take_their_roles(run, body, etype, subject_role, object_role):
    (event,) = of_type(run(body), etype)
    roles = {a.role: a.entity for a in event.arguments}
    assert roles.get(subject_role) == "Company/한빛전자" and roles.get(object_role) == "Company/누리반도체", roles


# -- time ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("body, etype, value", [
    # the time of the event's own clause, not of another clause
    ("한빛전자는 지난달 15일 공장을 증설했고 4일 신제품을 출시했다.", "ProductLaunch", "2024-03-04"),
    # news with no time of its own takes the publication date
    ("한빛전자가 누리반도체를 인수했다.", "Acquisition", "2024-03-05"),
    # an earnings figure is dated by the year it reports
    ("한빛건설은 지난해 영업손실 120억원을 냈다.", "EarningsAnnouncement", "2023"),
    # 지난 연말: the end of last year
    ("그는 지난 연말 인사에서 재무책임자에 임명됐다.", "Appointment", "2023"),
    # a time set before a relative clause's own subject dates the main clause
    ("한빛게임즈는 지난 2일 누리소프트가 출시한 '바다 워'가 자사 게임을 베꼈다며 소송을 냈다.", "Lawsuit", "2024-03-02"),
])
def test_events_time_of_own_clause(run, body, etype, value):
    (event,) = of_type(run(body), etype)
    assert event.time is not None and event.time.value == value, event.time


def test_events_background_keeps_no_time(run):
    ex = run("한빛전자는 과거 누리반도체를 인수한 바 있다.")
    (event,) = of_type(ex, "Acquisition")
    assert event.time is None


# -- factuality ----------------------------------------------------------------------------------

@pytest.mark.parametrize("body, etype, factuality", [
    ("노조는 파업을 하지 않았다.", "Strike", "negated"),
    ("임금 협상이 결렬되면 노조는 파업에 들어간다.", "Strike", "conditional"),
    ("업계에서는 한빛전자의 누리반도체 인수설이 돈다.", "Acquisition", "rumoured"),
    # a report that embeds the whole clause chain
    ("지난주 가온펀드가 5000억원을 투자해 한빛전자 지분 20%를 가져가기로 했다는 보도가 나왔다.", "Investment", "rumoured"),
    ("위원회는 한빛전자에 과징금을 부과하는 방안을 검토하고 있다.", "Sanction", "hedged"),
])
def test_events_factuality_kept_not_dropped(run, body, etype, factuality):
    found = of_type(run(body), etype)
    assert found and found[0].factuality == factuality, [(e.type, e.factuality) for e in found]


def test_events_prevention_is_no_event(run):
    assert not of_type(run("한빛전자는 4일 직원들에게 화재 예방 교육을 했다."), "Fire")


def test_events_factual_and_hedged_mentions_stay_apart(run):
    ex = run("한빛케미칼 공장에서 4일 폭발이 일어나 불이 났다. 소방당국은 추가 화재 가능성에 대비하고 있다.")
    assert [e.factuality for e in of_type(ex, "Fire")].count(None) == 1


# -- one event across articles -------------------------------------------------------------------

def test_events_same_fire_in_two_articles_is_one_occurrence(pipeline):
    first = pipeline.process_text("제목\n쿠팡 덕평물류센터에서 4일 큰 불이 났다.", id="a", published=dt.date(2024, 3, 5))
    second = pipeline.process_text("제목\n지난 4일 불이 난 쿠팡 덕평물류센터는 7일에도 문을 열지 못했다.", id="b",
                                   published=dt.date(2024, 3, 7))
    (fire_a,), (fire_b,) = of_type(first, "Fire"), of_type(second, "Fire")
    assert fire_a.occurrence is not None and fire_a.occurrence == fire_b.occurrence


def test_events_occurrences_of_different_companies_or_weeks_differ(pipeline):
    a = pipeline.process_text("제목\n쿠팡 덕평물류센터에서 4일 불이 났다.", id="a", published=dt.date(2024, 3, 5))
    b = pipeline.process_text("제목\n쿠팡 덕평물류센터에서 20일 불이 났다.", id="b", published=dt.date(2024, 3, 21))
    assert of_type(a, "Fire")[0].occurrence != of_type(b, "Fire")[0].occurrence


def test_events_occurrence_in_rdf_has_both_sources(pipeline, tmp_path):
    from kg.api import build

    import json

    articles = tmp_path / "two-reports.jsonl"
    articles.write_text("\n".join(json.dumps(record, ensure_ascii=False) for record in (
        {"id": "one", "published": "2024-03-05", "text": "쿠팡 덕평물류센터에서 4일 큰 불이 났다."},
        {"id": "two", "published": "2024-03-07", "text": "지난 4일 불이 난 쿠팡 덕평물류센터는 문을 열지 못했다."},
    )), encoding="utf-8")
    dataset = build([articles], pipeline)
    rows = list(dataset.query("""PREFIX kg: <https://w3id.org/kgnews/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?occ (COUNT(DISTINCT ?article) AS ?sources) WHERE { GRAPH ?g { ?ev kg:occurrence ?occ } GRAPH ?h {
        ?occ a kg:Occurrence ; prov:wasDerivedFrom ?article } } GROUP BY ?occ"""))
    assert rows and max(int(r[1]) for r in rows) == 2


def test_events_both_partners_and_the_incident_company(run):
    ex = run("한빛게임즈는 2015년 누리소프트와 전략적 제휴를 맺었다. 한빛게임즈는 올해 신작 세 편을 낸다.")
    (partnership,) = of_type(ex, "Partnership")
    assert {a.entity for a in partnership.arguments if a.role == "partner"} >= {"Company/누리소프트", "Company/한빛게임즈"}
    ex = run("쿠팡은 4일 물류센터에서 불이 났다고 밝혔다. 회사와 소방 당국에 따르면 직원 1명이 고립돼 다쳤다.")
    (injury,) = of_type(ex, "Accident")
    assert "Company/coupang" in participants(injury)


@pytest.mark.parametrize("body, etype", [
    ("한빛전자와 누리모터스는 4일 합작법인을 세웠다. 한빛전자는 배터리를, 누리모터스는 차체를 맡는다. "
     "양사는 2026년까지 합작공장의 생산량을 두 배로 늘릴 계획이다.", "Plan"),
    ("한빛전자는 누리모터스와 4일 업무협약을 맺었다. 한빛전자는 전장 부품을 공급한다. "
     "두 회사가 자율주행 분야에서 손잡기로 했다.", "Partnership"),
])
def test_events_joint_subject_brings_both_companies(run, body, etype):
    events = of_type(run(body), etype)
    assert any({"Company/한빛전자", "Company/누리모터스"} <= participants(e) for e in events), events


@pytest.mark.parametrize("body", [
    "SK텔레콤과 KT, LG유플러스 등 통신3사의 인터넷망에서 4일 장애가 났다. 통신3사는 고객에게 사과했다.",
    "SK텔레콤과 KT, LG유플러스 등 통신3사의 인터넷망에서 4일 장애가 났다. 각 통신사들은 홈페이지에 사과문을 올렸다.",
])
def test_events_joint_subject_brings_every_company_of_the_group(run, body):
    (apology,) = of_type(run(body), "Apology")
    assert {"Company/sk-telecom", "Company/kt", "Company/lg-uplus"} <= participants(apology), apology


@pytest.mark.parametrize("body", [
    # 영양사는 is a dietitian, not "both companies"
    "한빛전자는 4일 누리모터스와 업무협약을 맺었다. 한빛전자 구내식당 영양사는 식단을 바꿀 계획이다.",
    # two companies never named together are not a pair
    "한빛전자는 4일 신제품을 내놨다. 누리모터스는 지난달 공장을 늘렸다. 양사는 모두 투자를 늘릴 계획이다.",
])
def test_events_joint_subject_needs_a_named_pair(run, body):
    plans = of_type(run(body), "Plan")
    assert not any({"Company/한빛전자", "Company/누리모터스"} <= participants(e) for e in plans), plans


# -- the subject left out: the previous sentence's ----------------------------------------------

@pytest.mark.parametrize("body, etype, expected", [
    # a company subject carries over; 도 after the shares marks the object, not a subject
    ("한빛전자는 4일 누리반도체 보통주 10만주를 사들였다. 누리모터스 보통주 5만주도 200억원에 사들였다.",
     "Investment", {"Company/한빛전자", "Company/누리모터스"}),
    # a person subject carries over to a plan, with the organisation they lead
    ("한빛전자 김하늘 대표는 4일 주주총회에 처음 나섰다. 유럽 시장 진출을 늘려나가겠다는 포부를 밝혔다.",
     "Plan", {"Person/김하늘", "Company/한빛전자"}),
])
def test_events_omitted_subject_is_the_previous_sentences(run, body, etype, expected):
    events = of_type(run(body), etype)
    assert any(expected <= participants(e) for e in events), events


def test_events_own_subject_is_not_replaced(run):
    ex = run("한빛전자는 4일 누리반도체 지분을 사들였다. 누리모터스는 같은 날 다온소재에 300억원을 투자했다.")
    second = [e for e in of_type(ex, "Investment") if "Company/다온소재" in participants(e)]
    assert second and all("Company/한빛전자" not in participants(e) for e in second), second


def test_events_adnominal_trigger_and_its_noun_are_one_event(run):
    ex = run("한빛유통은 4일 누리마켓 지분 70%를 1조원에 인수하는 주식 양수도 계약을 맺었다고 밝혔다.")
    assert len(of_type(ex, "Acquisition")) == 1


@pytest.mark.parametrize("body, count", [
    # one person's appointment told twice (선임 ... 신임 대표), two people's appointments
    ("한빛전자는 4일 이사회를 열고 김하늘 부사장을 대표로 선임했다. 김하늘 신임 대표는 반도체 설계 전문가로 꼽힌다.", 1),
    ("한빛전자는 4일 김하늘 부사장을 대표로 선임했다. 누리모터스도 이날 박바다 전무를 신임 대표로 발탁했다.", 2),
])
def test_events_appointment_of_one_person_is_one_event(run, body, count):
    assert len(of_type(run(body), "Appointment")) == count


def test_events_launch_without_a_product_takes_the_story_product(run):
    ex = run("엔씨소프트의 신작 아이온2가 사전 예약 100만명을 모았다. 엔씨소프트는 4일 신작을 국내에 정식 출시했다.")
    (launch,) = of_type(ex, "ProductLaunch")
    assert any(a.role == "product" for a in launch.arguments), launch.arguments


@pytest.mark.parametrize("body, planned", [
    # a prediction about a thing, said in a quotation, is no plan
    ('엔씨소프트 김하늘 본부장은 "아이온2는 이용자에게 새로운 재미를 선사할 것"이라고 말했다.', False),
    ('김하늘 노조위원장은 "오늘의 집회가 우리를 더 단단하게 만들 것"이라고 말했다.', False),
    # the speaker's or the company's own undertaking is
    ('한빛게임즈 김하늘 대표는 "회사는 내년까지 북미 지사를 설립할 것"이라고 말했다.', True),
    ('한빛게임즈 김하늘 대표는 "같은 장애가 다시 생기지 않도록 할 것"이라고 말했다.', True),
    # a thing as the topic is what the undertaking is about
    ('한빛물류 김하늘 대표는 "새로 짓는 물류센터는 자동 소화 설비를 구축할 것"이라고 말했다.', True),
])
def test_events_quoted_prediction_about_a_thing_is_no_plan(run, body, planned):
    assert bool(of_type(run(body), "Plan")) is planned


def test_events_anaphoric_topic_names_the_event_already_told(run):
    ex = run("한빛전자는 4일 누리캐피탈에서 500억원의 투자를 유치했다고 밝혔다. "
             "이번 투자는 누리캐피탈이 한빛전자가 새로 찍는 주식을 받는 형태로 이뤄진다.")
    assert len(of_type(ex, "Investment")) == 1


def test_events_stakes_in_different_companies_are_different_investments(run):
    ex = run("네이버는 4일 CJ대한통운 보통주 10만주를 300억원에 취득했다. 스튜디오드래곤 보통주 5만주도 200억원에 사들였다.")
    investees = [{a.entity for a in e.arguments if a.role == "investee"} for e in of_type(ex, "Investment")]
    assert len(investees) == 2 and all(len(i) == 1 for i in investees), investees


@pytest.mark.parametrize("body, count", [
    # two undertakings, each in a clause of its own
    ("한빛쇼핑은 이날부터 피해 조회 창을 열 예정이며, 피해가 확인되면 보상을 진행할 계획이라고 밝혔다.", 2),
    # one undertaking told with two endings
    ("한빛쇼핑은 물류센터를 증설할 것이라며 내년까지 마무리할 계획이라고 밝혔다.", 1),
])
def test_events_plans_of_one_sentence_by_clause(run, body, count):
    assert len(of_type(run(body), "Plan")) == count


@pytest.mark.parametrize("body, action", [
    # the action nearest the commitment names the plan
    ("한빛모터스는 4일 신차를 출시했다. 한빛모터스는 이날 출시를 시작으로 내년에 신차 5만대를 판매할 계획이다.", "판매"),
    # an action word that modifies a noun (생산되는 배터리) is not what is planned
    ("한빛배터리는 4일 미국 공장을 세웠다. 한빛배터리는 이곳에서 생산되는 배터리를 내년부터 북미 완성차 업체에 공급할 계획이다.", "공급"),
])
def test_events_plan_action_is_the_planned_verb(run, body, action):
    assert [e.trigger.text for e in of_type(run(body), "Plan")] == [action]


def test_events_places_do_not_crowd_out_the_subject(run):
    ex = run("LG디스플레이는 4일 독일 뮌헨과 미국 델라웨어주, 일본 오사카 등 세 나라 법원에 "
             "경쟁 패널 업체 두 곳을 상대로 특허 소송을 제기했다.")
    (suit,) = of_type(ex, "Lawsuit")
    assert "Company/lg-display" in participants(suit), suit.arguments


@pytest.mark.parametrize("body", [
    # one decision told with its parts (과징금, 시정명령) and from either side
    "한빛모빌리티가 4일 공정거래위원회로부터 제재를 받았다. 공정위는 한빛모빌리티에 시정명령을 내리고 과징금 120억원을 물렸다.",
])
def test_events_one_sanction_told_from_either_side(run, body):
    sanctions = of_type(run(body), "Sanction")
    assert len(sanctions) == 1, [(s.trigger.text, s.arguments) for s in sanctions]


def test_events_incident_is_the_companys_not_the_authoritys(run):
    ex = run("고용노동부는 4일 한빛화학 울산공장 폭발 사고와 관련해 한빛화학 본사를 압수수색했다. "
             "앞서 지난달 29일 한빛화학이 운영하는 울산공장에서 반응기 폭발 사고가 나 작업자 2명이 다쳤다.")
    assert len(of_type(ex, "Accident")) == 1, [(e.trigger.text, e.time) for e in of_type(ex, "Accident")]


def test_events_speakers_own_appointment_in_a_quotation(run):
    ex = run('한빛전자는 4일 주주총회를 열고 김하늘 부사장을 대표이사로 선임했다. '
             '김하늘 대표는 "대표이사 취임 후 가장 먼저 울산 공장을 찾겠다"고 말했다.')
    appointments = of_type(ex, "Appointment")
    assert len(appointments) == 1 and "Person/김하늘" in participants(appointments[0]), appointments


def test_events_detail_of_a_deal_is_the_deal(run):
    ex = run('이마트는 4일 공시를 통해 "자회사 SSG닷컴이 G마켓 지분 100%를 인수한다"고 밝혔다. 인수 금액은 3조원이다.')
    assert len(of_type(ex, "Acquisition")) == 1



@pytest.mark.parametrize("body", [
    '김하늘 사장은 "회사를 떠나지만 앞으로도 한빛전자를 늘 응원하겠다"고 말했다.',
    '김하늘 대표는 "그동안 보내주신 성원에 깊이 감사하겠다"고 말했다.',
])
def test_events_a_feeling_is_no_plan(run, body):
    assert not of_type(run(body), "Plan")


# -- participants by clause, one event per person or plant, collective authorities ----------------

def test_events_name_after_a_trigger_belongs_to_the_next_one(run):
    ex = run("가온기계는 지난달 3일 창원2공장을 휴업했고, 구미공장도 사흘간 휴업한 바 있다.")
    halts = of_type(ex, "ProductionHalt")
    facilities = [{a.entity for a in e.arguments if a.role == "facility"} for e in halts]
    assert len(halts) == 2, facilities
    assert all(len(f) == 1 for f in facilities) and facilities[0] != facilities[1]
    # the coordinated clause shares the dated one's time
    assert all(e.time is not None and e.time.value.startswith("2024-02") for e in halts)


@pytest.mark.parametrize("body, count", [
    # each trigger is about the person named nearest it
    ("한빛전자 김하늘 전무가 대표로 취임할 무렵 사장으로 승진한 박바다 사장이 영업을 맡았다.", 2),
    ("한빛전자는 4일 김하늘 부사장을 대표로 선임했다. 김하늘 대표는 취임 직후 조직을 개편했다.", 1),
])
def test_events_leadership_change_is_the_nearest_persons(run, body, count):
    assert len(of_type(run(body), "Appointment")) == count


def test_events_collective_authority_and_its_agency_are_one_actor(run):
    ex = run("금융당국이 누리카드에 대한 현장검사에 들어간다. 금융감독원은 고객 정보 관리 실태를 조사하기 위해 "
             "다음 주부터 누리카드 현장검사를 벌이기로 했다.")
    (inspection,) = of_type(ex, "Investigation")  # 조사하기 위해 is the inspection's purpose, not an event
    names = {a.entity.split("/")[1] for a in inspection.arguments}
    assert {"financial-authorities", "fss"} <= names, names


def test_events_sentence_continuing_a_report_takes_its_day(run):
    ex = run("한빛그룹 김하늘 회장은 3일 기자회견을 열고 \"모든 책임은 저에게 있다\"고 밝혔다. 이어 김바다 "
             "한빛건설 사장이 사임했다고 덧붙였다.")
    (resignation,) = of_type(ex, "Resignation")
    assert resignation.time is not None and resignation.time.value == "2024-03-03"


def test_events_range_of_a_breach_is_its_span_not_an_earlier_breach(run):
    ex = run("누리카드에서 고객 정보 유출 사고가 났다. 누리카드는 2022년 6월부터 지난해 2월까지 고객 1만명의 "
             "개인정보가 유출됐다고 전날 밝혔다.")
    (breach,) = of_type(ex, "DataBreach")
    assert breach.time is not None and breach.time.value == "2022-06"


@pytest.mark.parametrize("body", [
    "누리테크는 4일 한빛벤처스로부터 100억원의 투자를 유치했다.",
    "누리테크는 지난해 한빛벤처스에서 100억원을 투자받았다.",
])
def test_events_investment_received_makes_the_subject_the_investee(run, body):
    (investment,) = of_type(run(body), "Investment")
    roles = {a.role: a.entity for a in investment.arguments if a.role in ("investor", "investee")}
    assert roles == {"investee": "Company/누리테크", "investor": "Company/한빛벤처스"}, investment.arguments


def test_events_ipo_market_is_no_listing(run):
    ex = run("한빛바이오가 4일 코스닥에 상장했다. 하반기 기업공개(IPO) 시장에 대한 기대감이 커지고 있다.")
    (ipo,) = of_type(ex, "IPO")
    assert [m.text for m in (ipo.trigger, *ipo.mentions)] == ["상장"]


@pytest.mark.parametrize("body, people_per_event", [
    ("이번 인사로 한빛전자 김하늘 전무와 누리모터스 박바다 전무가 각각 사장으로 승진했다.", [1, 1]),
    ("법원은 김하늘 변호사와 박바다 전 대표를 공동관리인으로 선임했다.", [2]),
])
def test_events_people_promoted_each_in_turn_are_one_event_each(run, body, people_per_event):
    appointments = of_type(run(body), "Appointment")
    assert sorted(sum(a.role == "person" for a in e.arguments) for e in appointments) == people_per_event


def test_events_company_shortened_by_a_speaker_is_the_same_company(run):
    ex = run("한화솔루션 여수공장에서 4일 폭발 사고가 일어나 작업자 2명이 다쳤다. 한화 측은 \"사고 수습에 최선을 "
             "다하겠다\"고 밝혔다. 한화 관계자는 사고 당시 공장이 정상 가동 중이었다고 설명했다.")
    assert len(of_type(ex, "Accident")) == 1, [(e.trigger.text, e.arguments) for e in of_type(ex, "Accident")]


def test_events_authority_looks_into_the_company_of_the_incident_referred_to(run):
    # (the story names a rival more often: the incident's company, not the most named one)
    ex = run("한빛커머스가 해킹을 당해 회원 300만명의 개인정보가 유출됐다. 회원 비밀번호는 유출되지 않았다. "
             "경쟁사 누리마켓은 지난해 보안 투자를 늘렸다. 누리마켓은 올해 보안 인력을 두 배로 늘렸고, 누리마켓 "
             "회원 수도 늘었다. 방송통신위원회는 이번 사고를 두고 외부 전문가들과 함께 조사에 나섰다.")
    (inquiry,) = of_type(ex, "Investigation")
    assert "Company/한빛커머스" in participants(inquiry), inquiry.arguments


def test_events_planned_mention_of_a_reported_event_adds_its_participants(run):
    # the headline reports it as done, the body tells the decision
    ex = run("김하늘 기자\n현대모비스 부품 검사 조작…국토부, 형사 고발\n국토교통부는 검사 기록을 조작한 "
             "현대모비스를 이달 안에 검찰에 고발할 계획이라고 밝혔다.")
    (complaint,) = of_type(ex, "Investigation")
    assert any(k.startswith("Organization/prosecution/") for k in participants(complaint)), complaint.arguments
    assert not complaint.mentions  # the planned mention adds participants, not a mention


def test_events_list_of_dated_counterparts_is_one_event_per_date(run):
    ex = run("누리테크는 지난해 3월 한빛벤처스에서 50억원, 9월 가온캐피털에서 80억원을 투자받았다.")
    investments = sorted(of_type(ex, "Investment"), key=lambda e: e.time.value if e.time else "")
    assert [e.time.value for e in investments] == ["2023-03", "2023-09"]
    assert "Company/한빛벤처스" in participants(investments[0]) and "Company/가온캐피털" not in participants(investments[0])
    assert "Company/가온캐피털" in participants(investments[1])
    assert all("Company/누리테크" in participants(e) for e in investments)


@pytest.mark.parametrize("body, day", [
    # dated by its report, then by the board meeting a few days before: one merger, of that day
    ("한빛제약은 누리바이오와 합병 계약을 체결했다고 5일 밝혔다. 양사는 지난 2일 각각 이사회를 열어 합병을 결의했다.",
     "2024-03-02"),
    # a scheduled closing is a step of the merger told, not another merger
    ("한빛제약과 누리바이오가 4일 합병 계약을 맺었다. 양사는 오는 7월 1일부로 합병을 마무리한다.", "2024-03-04"),
])
def test_events_report_date_and_scheduled_step_are_the_same_deal(run, body, day):
    (merger,) = of_type(run(body), "Merger")
    assert merger.time is not None and merger.time.value == day


def test_events_steps_of_a_failure_are_separate_and_alternatives_are_one(run):
    ex = run("한빛건설은 어음을 막지 못해 1차 부도를 냈다. 한빛건설은 결국 법원에 법정관리를 신청했다. "
             "한빛건설이 법정관리를 신청하면서 법정관리나 워크아웃에 들어간 건설사는 12곳으로 늘었다.")
    filings = of_type(ex, "Bankruptcy")
    assert sorted(e.trigger.text[:2] for e in filings) == ["법정", "부도"], [(e.trigger.text, e.mentions) for e in filings]


def test_events_name_after_a_closing_connective_is_the_next_clauses(run):
    ex = run("한빛홀딩스는 알짜 계열사인 롯데렌탈까지 매각을 진행해 한빛건설의 회생을 모색했지만 실패했다.")
    (sale,) = of_type(ex, "Acquisition")
    assert "Company/lotte-rental" in participants(sale), sale.arguments
    assert "Company/한빛건설" not in participants(sale), sale.arguments


def test_events_another_fire_is_a_separate_event(run):
    ex = run("한빛배터리 화성공장에서 4일 화재가 발생해 작업자 3명이 숨졌다. 김하늘 한빛배터리 대표는 이번 사고 이틀 전 "
             "또 다른 화재가 있었다고 밝혔다. 김 대표는 \"이번 화재와는 원인이 다르다\"고 말했다.")
    fires = of_type(ex, "Fire")
    assert len(fires) == 2, [(e.trigger.text, e.time, e.mentions) for e in fires]
    (main,) = [e for e in fires if e.time and e.time.value == "2024-03-04"]
    assert any(m.text == "화재" and m.sentence == 2 for m in main.mentions)  # 이번 화재 is the story's fire
