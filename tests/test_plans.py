"""Plans (kg/extract/plans.py) on sentences written for these tests: what is planned, who takes
part, which commitment endings make a plan and which do not."""

from __future__ import annotations

import pytest

from .test_events import participants
from .test_events import run  # noqa: F401  (the fixture: a body under a title line, published 2024-03-05)


def plans(ex):
    return [e for e in ex.events if e.type == "Plan"]


@pytest.mark.parametrize("body, who", [
    # an authority's plan concerns the company the story is about
    ("한빛건설 공사 현장에서 4일 붕괴 사고가 났다. 한빛건설은 사고 직후 공사를 멈췄다. "
     "한빛건설은 유족에게 사과했다. 고용노동부는 이번 주 원청 책임자를 불러 과실 유무를 조사할 계획이다.",
     {"Organization/moel", "Company/한빛건설"}),
    # the head of a group speaks for it although he is named with another of its companies
    ("한빛그룹은 4일 지배구조 개편안을 내놨다. 한빛그룹 계열사들은 이사회를 열었다. 한빛그룹은 지주사 전환도 검토한다. "
     '김하늘 한빛전자 회장은 "그룹 지배구조를 내년까지 단순하게 바꾸겠다"고 말했다.',
     {"Person/김하늘", "Company/한빛그룹"}),
])
def test_plans_story_company_takes_part(run, body, who):
    found = plans(run(body))
    assert any(who <= participants(p) for p in found), [(p.trigger.text, participants(p)) for p in found]


def test_plans_story_company_needs_a_clear_lead(run):
    # two companies named once each: neither is the story's, so neither joins the other's plan
    ex = run("한빛전자는 4일 신제품을 내놨다. 누리모터스는 지난달 공장을 늘렸다. 누리모터스는 투자를 늘릴 계획이다.")
    assert all("Company/한빛전자" not in participants(p) for p in plans(ex))


def test_plans_story_facility_takes_part(run):
    ex = run("한빛화학 여수공장에서 4일 화재가 났다. 불은 두 시간 만에 꺼졌다. 한빛화학은 공장 가동을 멈췄다. "
             "공장을 언제 다시 돌릴지는 안전 진단이 끝난 뒤 결정할 계획이다.")
    (plan,) = plans(ex)
    assert any(key.startswith("Facility/") for key in participants(plan)), plan.arguments


def test_plans_venue_of_a_briefing_takes_no_part(run):
    # no incident: the place a plan is announced at is not what the plan is about
    ex = run("한빛전자는 4일 한빛타워에서 기자간담회를 열었다. 한빛타워는 본사 건물이다. 한빛전자는 내년에 생산 설비를 늘릴 계획이다.")
    assert plans(ex) and all("Facility/한빛타워" not in participants(p) for p in plans(ex)), plans(ex)


@pytest.mark.parametrize("body, action", [
    # an action word inside a company's name (현대산업개발) is not what is planned
    ("HDC현대산업개발은 4일 금이 간 상가 건물을 헐고 다시 건축할 예정이라고 밝혔다.", "건축"),
    # the verb before 계획이다 names the plan, not 계획 itself
    ("한빛페이는 다음 달 가맹점 우대 주간을 운영할 계획이다.", "운영"),
])
def test_plans_trigger_is_the_planned_action(run, body, action):
    assert [p.trigger.text for p in plans(run(body))] == [action]


def test_plans_scheduled_event_reported_too_keeps_the_schedule(run):
    # the appointment is reported as an event, and its schedule as a plan
    ex = run("한빛게임즈는 4일 김하늘 전 부사장을 차기 대표로 내정했다. 김 후보자는 다음 달 주주총회를 거쳐 대표로 선임될 예정이다.")
    assert len(plans(ex)) == 1 and any(e.type == "Appointment" for e in ex.events)


def test_plans_said_in_a_quotation_over_several_sentences_are_the_speakers(run):
    ex = run('김하늘 한빛중공업 사장은 "어제 임원 회의에서 구조조정 안을 다시 보라고 했다. 서두를 일이 아니다. '
             '다음 주 보완책을 마련할 것"이라고 말했다.')
    found = plans(ex)
    assert found and all("Person/김하늘" in participants(p) for p in found), [(p.trigger.text, p.arguments) for p in found]


@pytest.mark.parametrize("body, planned", [
    # deciding to stop a reported event is a plan of its own
    ('김하늘 한빛그룹 회장은 "한빛중공업이 지난달 발표한 감원안을 철회하기로 했다"고 밝혔다.', True),
    # deciding the event itself reports that event, not a plan besides
    ("공정거래위원회는 한빛건설에 과징금 30억원을 부과하기로 했다.", False),
    # the terms of a deal the sentence reports are that deal
    ("한빛전자는 4일 누리반도체와 특허 분쟁에 합의하며 로열티를 지급하기로 했다.", False),
    # a decision answering an incident of another clause is a plan of its own
    ("한빛화학 울산공장 화재로 가동이 멈추자 한빛화학은 노후 설비를 모두 교체하기로 했다.", True),
    # an event ordered (사퇴하도록 조치하겠다) or pursued (해임을 추진한다) is that event
    ("김하늘 한빛그룹 회장은 물의를 빚은 계열사 사장이 자리에서 사퇴하도록 하겠다고 말했다.", False),
    ("한빛제약 소액주주 연대는 사외이사 해임을 추진한다.", False),
    # a detail of a deal told (투자 규모도 늘어날 예정) is not a new plan
    ("한빛배터리는 4일 헝가리 공장 건설을 발표했다. 설비 투자 규모도 내년엔 2조원으로 커질 예정이다.", False),
    # a prediction about a game the article names as a product, however else the name is read
    ('한빛게임즈가 4일 신작 게임 \'별빛 프로토콜\'을 출시했다. 별빛 프로토콜은 공포 게임이다. 김하늘 대표는 '
     '"별빛 프로토콜은 누구도 본 적 없는 모험을 안겨줄 것이다"라고 말했다.', False),
])
def test_plans_which_decisions_are_plans(run, body, planned):
    found = plans(run(body))
    assert bool(found) is planned, [(p.trigger.text, p.arguments) for p in found]


def test_plans_story_product_takes_part(run):
    # the service the story is about (네이버페이, named most often) takes part in its operator's plans
    ex = run("네이버페이에서 4일 송금 오류가 났다. 네이버페이는 이용자에게 사과했다. 네이버페이 측은 원인을 찾고 있다. "
             "오류를 겪은 이용자에게는 다음 주 포인트를 지급할 계획이다.")
    (plan,) = plans(ex)
    assert any(key.startswith("Product/") for key in participants(plan)), plan.arguments


def test_plans_marker_after_a_closing_quote(run):
    # 계획"이라며: the commitment noun ends the quotation
    ex = run('한빛페이 측은 "비슷한 오류가 다시 나면 곧바로 알림을 보내는 체계를 구축할 계획"이라며 고개를 숙였다.')
    assert [p.trigger.text for p in plans(ex)] == ["구축"]


@pytest.mark.parametrize("body, actions", [
    # the verb's own noun, its object, topic or goal names the plan
    ('김하늘 한빛전자 회장은 "새 합작법인을 반드시 성공시키겠다"고 말했다.', ["성공"]),
    ('김하늘 한빛전자 사장은 "진행 중인 협상을 연내 마무리하겠다"고 말했다.', ["마무리"]),
    ('김하늘 공정위원장은 "경쟁 앱 장터의 수수료 정책도 살펴볼 것"이라고 말했다.', ["정책"]),
    ("한빛전자는 내년부터 신규 사업 발굴에 나서겠다고 밝혔다.", ["발굴"]),
    # an action word modifying a noun (출시할 신작) or dating another (인수 후) is not what is planned
    ('김하늘 한빛게임즈 대표는 "하반기 출시할 \'별빛2\'를 비롯한 신작에 모든 역량을 집중하겠다"고 말했다.', ["집중"]),
    ('김하늘 한빛전자 부사장은 "인수 후 통합 작업에 역량을 집중하겠다"고 말했다.', ["집중"]),
    # a place or a manner (최전선에서, 요청으로) is not what is planned
    ('김하늘 한빛전자 회장은 "현장 맨 앞에서 직원들과 함께 뛰겠다"고 말했다.', []),
    ('김하늘 한빛전자 회장은 "이번 일을 뼈아픈 교훈으로 삼겠다"고 말했다.', []),
])
def test_plans_noun_of_a_commitment(run, body, actions):
    assert [p.trigger.text for p in plans(run(body))] == actions


# -- the word lists of kg/data/plans.yaml ------------------------------------------------------

def _plan_examples():
    from kg.lexicon import default_lexicon

    return default_lexicon().plan_examples


@pytest.mark.parametrize("gid, section, example, expected", _plan_examples(), ids=[row[0] for row in _plan_examples()])
def test_plans_data_examples(run, gid, section, example, expected):
    assert [p.trigger.text for p in plans(run(example))] == list(expected), f"plans.yaml {section} {gid}"


def test_plans_data_sections_are_all_given():
    from kg.lexicon import default_lexicon
    from kg.ruledata import PLAN_SECTIONS

    lexicon = default_lexicon()
    assert all(lexicon.plan_words[name] for name in PLAN_SECTIONS)
    assert {section for _, section, _, _ in lexicon.plan_examples} == set(PLAN_SECTIONS)


@pytest.mark.parametrize("content, message", [
    ("not_action:\n  - {id: a, words: [것], example: 문장}\n", r"plans.yaml: not_action: unknown section \(use one of"),
    ("not_actions:\n  - {id: a, words: 것, example: 문장}\n", r"plans.yaml: a words: must be a list of words"),
    ("not_actions:\n  - {id: a, words: [것]}\n", r"plans.yaml: a: missing 'example'"),
    ("not_actions:\n  - {id: a, words: [것], example: 문장}\n  - {id: a, words: [수], example: 문장}\n",
     r"plans.yaml: a: the id is used twice"),
    ("reversals: 중단\n", r"plans.yaml: reversals: must be a list of groups"),
])
def test_plans_bad_user_data_names_file_group_and_fix(tmp_path, content, message):
    from kg.errors import KgError
    from kg.lexicon import Lexicon

    (tmp_path / "plans.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(KgError, match=message):
        Lexicon.load(tmp_path)


def test_plans_user_words_extend_the_built_in_ones(tmp_path):
    from kg.lexicon import Lexicon

    (tmp_path / "plans.yaml").write_text(
        "reversals:\n  - {id: my-reversal, words: [백지화], example: 한빛은 계획을 백지화하기로 했다., plans: []}\n",
        encoding="utf-8")
    lexicon = Lexicon.load(tmp_path)
    assert {"백지화", "중단"} <= lexicon.plan_words["reversals"]


@pytest.mark.parametrize("body, period", [
    # a quarter or half a plan names bare is the coming one, not last year's (PUB is 2024-03-05)
    ('김하늘 한빛게임즈 본부장은 "3분기에 대규모 업데이트를 진행할 예정이니 기대해 달라"고 말했다.', "2024-Q3"),
    ("한빛전자는 하반기에 신형 메모리 공급을 늘릴 계획이다.", "2024-H2"),
    # a year named with it stays
    ("한빛전자는 2025년 3분기에 신형 메모리 공급을 늘릴 계획이다.", "2025-Q3"),
])
def test_plans_bare_period_is_the_coming_one(run, body, period):
    (plan,) = plans(run(body))
    assert plan.time is not None and plan.time.fiscal_period == period, plan.time


def test_plans_same_action_for_two_periods_are_two_plans(run):
    ex = run("한빛전자는 2분기부터 신형 메모리 공급을 늘릴 계획이다. 한빛전자는 하반기에는 차세대 제품 공급을 시작할 계획이다.")
    assert len(plans(ex)) == 2, [(p.trigger.text, p.time) for p in plans(ex)]


def test_plans_only_product_of_the_story_takes_part(run):
    # the one product the article names takes part in a plan said about it without its name
    ex = run('한빛게임즈는 4일 리니지M 이용자가 줄었다고 밝혔다. 김하늘 본부장은 "가을 업데이트가 끝나면 '
             '마케팅을 크게 늘릴 예정이니 기대해 달라"고 말했다.')
    (plan,) = plans(ex)
    assert "Product/lineage-m" in participants(plan), plan.arguments


def test_plans_means_names_the_plan(run):
    # 소송을 통해 억울함을 풀겠다: the lawsuit is the plan, told again after it was announced
    ex = run("한빛모빌리티는 4일 공정위 처분에 맞서 소송을 예고했다. "
             '한빛모빌리티는 "처분 근거가 틀렸다"며 소송을 통해 억울함을 풀겠다고 덧붙였다.')
    assert [p.trigger.text for p in plans(ex)] == ["소송"], [(p.trigger.text, p.mentions) for p in plans(ex)]


def test_plans_quoted_plan_takes_the_people_the_quotation_names(run):
    ex = run('한빛제약은 4일 이사회를 열었다. 회사는 "김하늘 부사장이 물러나면 공백이 생기는 만큼 '
             '후임 인선을 서둘러 마무리할 계획"이라고 밝혔다.')
    (plan,) = plans(ex)
    assert "Person/김하늘" in participants(plan), plan.arguments
