"""Plans (kg/extract/plans.py) on sentences written for these tests: what is planned, who takes
part, which commitment endings make a plan and which do not."""

from __future__ import annotations

import datetime as dt

import pytest

PUB = dt.date(2024, 3, 5)


@pytest.fixture(scope="module")
def run(pipeline):
    def run(body: str, published=PUB):
        return pipeline.process_text("제목 줄입니다\n" + body, id="t", published=published)
    return run


def plans(ex):
    return [e for e in ex.events if e.type == "Plan"]


def participants(event):
    return {a.entity for a in event.arguments}


@pytest.mark.parametrize("body, who", [
    # an authority's plan concerns the company the story is about
    ("한빛건설 공사 현장에서 4일 붕괴 사고가 났다. 한빛건설은 사고 직후 공사를 멈췄다. "
     "한빛건설은 유족에게 사과했다. 고용노동부는 현장 관계자들을 상대로 안전 의무 위반 여부를 수사할 계획이다.",
     {"Organization/moel", "Company/한빛건설"}),
    # the head of a group speaks for it although he is named with another of its companies
    ("한빛그룹은 4일 지배구조 개편안을 내놨다. 한빛그룹 계열사들은 이사회를 열었다. 한빛그룹은 지주사 전환도 검토한다. "
     '김하늘 한빛전자 회장은 "더 이상 승계 문제로 논란이 생기지 않도록 하겠다"고 말했다.',
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
             "재가동 일정은 설비 점검 결과에 맞춰 조정할 계획이다.")
    (plan,) = plans(ex)
    assert any(key.startswith("Facility/") for key in participants(plan)), plan.arguments


@pytest.mark.parametrize("body, action", [
    # an action word inside a company's name (현대산업개발) is not what is planned
    ("한빛현대산업개발은 4일 무너진 아파트를 모두 철거하고 새로 지을 예정이라고 밝혔다.", "철거"),
    # the verb before 계획이다 names the plan, not 계획 itself
    ("한빛페이는 다음 달 수수료 무료의 날 행사를 진행할 계획이다.", "진행"),
])
def test_plans_trigger_is_the_planned_action(run, body, action):
    assert [p.trigger.text for p in plans(run(body))] == [action]


def test_plans_scheduled_event_reported_too_keeps_the_schedule(run):
    # the appointment is reported as an event, and its schedule as a plan
    ex = run("한빛게임즈는 4일 김하늘 전 부사장을 차기 대표로 내정했다. 김 후보자는 다음 달 주주총회를 거쳐 대표로 선임될 예정이다.")
    assert len(plans(ex)) == 1 and any(e.type == "Appointment" for e in ex.events)
