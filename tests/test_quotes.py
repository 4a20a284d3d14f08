"""Quotations and their speakers, on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract.quotes import _SPEECH_AFTER

PUB = dt.date(2024, 3, 5)


@pytest.fixture(scope="module")
def quotes(pipeline):
    def quotes(text: str) -> list[tuple[str, str]]:
        ex = pipeline.process_text(text, id="q", published=PUB)
        return [(e.arguments[0].entity, e.quote) for e in ex.events if e.type == "Statement"]
    return quotes


BODY = "\n(서울=뉴스1) 김기자 기자 = "
PAGE = "뉴스 홈 바로가기 로그인\n"  # a page whose headline stays in the text, as portals serve it


@pytest.mark.parametrize("text, speaker, starts", [
    # a headline: the speaker named right before the quotation, no speech verb
    (PAGE + '한빛전자 김철수 회장 "고객께 머리 숙여 사죄"\n' + "김철수 한빛전자 회장이 5일 회견을 열었다.",
     "Person/김철수", "고객께 머리 숙여"),
    # a headline that names the speaker first, then a comma
    (PAGE + '김철수, 대국민 사과문 발표…"책임을 무겁게 느낀다"\n' + "김철수 한빛전자 회장이 5일 사과했다.",
     "Person/김철수", "책임을 무겁게"),
    # a service speaking for itself (X 측은)
    ("제목입니다" + BODY + "네이버페이 측은 \"결제 지연을 바로 복구했다\"고 밝혔다.", "Product/naver-pay", "결제 지연을"),
    # the topic, not the object: ... 의혹과 관련해선 "..."
    ("제목입니다" + BODY + "김철수 한빛전자 대표는 5일 회견을 열었다. 설비 결함 의혹과 관련해선 "
     "\"정기 점검을 모두 마친 설비였다\"고 설명했다.", "Person/김철수", "정기 점검을"),
    # what follows the quotation is a noun of speech (...는 목표를 밝혔다) or 으로 기대했다
    ("제목입니다" + BODY + "김철수 한빛전자 대표는 \"내년에는 해외 매출을 두 배로 늘리겠다\"는 목표를 밝혔다.",
     "Person/김철수", "내년에는 해외"),
    ("제목입니다" + BODY + "김철수 한빛전자 대표는 \"새 공장이 성장을 이끌 것\"으로 기대했다.",
     "Person/김철수", "새 공장이"),
    # an adverb before a continuing quotation keeps the speaker
    ("제목입니다" + BODY + "김철수 한빛전자 대표는 \"설비를 늘리겠다\"고 말했다. 특히 \"안전 인력을 두 배로 뽑겠다\"고 말했다.",
     "Person/김철수", "안전 인력을"),
    # a page cut off in the middle of a quotation: the quotation still counts
    ("제목입니다" + BODY + "김철수 한빛전자 대표는 5일 회견을 열었다. 사고 원인과 관련해선 \"작업자가 배관을 교체하던 중 압력이",
     "Person/김철수", "작업자가 배관을"),
    # joint speakers (X와 Y는, X와 산하 Y는): the first named speaks for both
    ("제목입니다" + BODY + "한빛게임즈와 산하 개발사 누리소프트는 5일 공동 입장문을 내고 \"표절 주장은 사실이 아니다\"라고 밝혔다.",
     "Company/한빛게임즈", "표절 주장은"),
    ("제목입니다" + BODY + "한빛전자와 누리모터스는 \"합작공장을 함께 짓겠다\"고 말했다.",
     "Company/한빛전자", "합작공장을 함께"),
    # a bare head noun (당국은, 법원은) is the body of that kind named last
    ("제목입니다" + BODY + "금융당국은 5일 한빛카드에 대한 현장검사에 들어갔다. 한빛카드는 고객 정보 유출을 신고했다. "
     "당국은 \"추가 유출이 확인되면 엄정하게 조치하겠다\"고 밝혔다.", "Organization/financial-authorities/q", "추가 유출이"),
    # a lede quotation attributed by the next sentence
    ("제목입니다\n[한빛일보 김기자 기자] “공장은 멈춰도 연구는 멈추지 않는다.”\n1970년생인 김철수 한빛전자 회장이 임원 회의마다 하는 말이다.",
     "Person/김철수", "공장은 멈춰도"),
])
def test_quotes_speaker_forms(quotes, text, speaker, starts):
    found = quotes(text)
    assert any(s == speaker and q.startswith(starts) for s, q in found), found


def test_quotes_split_by_the_tokenizer_are_one_quotation(quotes):
    found = quotes("제목입니다" + BODY + "김철수 한빛전자 회장 “신입 사원 감원 중단... 곧 대책 나올 것”. 김 회장은 5일 이렇게 밝혔다.")
    assert ("Person/김철수", "신입 사원 감원 중단... 곧 대책 나올 것") in found


@pytest.mark.parametrize("text", [
    # a related-article link at the very end is no quotation
    "제목입니다" + BODY + "김철수 한빛전자 대표는 5일 \"설비를 늘리겠다\"고 말했다.\n[칼럼] “부동산 시장,",
    # a scare-quoted noun ending a line is no headline quotation
    "제목입니다" + BODY + "김철수 한빛전자 대표가 밝힌 '혁신'",
])
def test_quotes_not_quotations(quotes, text):
    found = quotes(text)
    assert all(not q.startswith(("부동산", "혁신")) for _, q in found), found


@pytest.mark.parametrize("n", [1000, 3000])
def test_quotes_speech_after_on_long_space_runs(n):
    # 3,000 U+2005 spaces after a quotation once took minutes (nested \s* in _SPEECH_AFTER)
    assert _SPEECH_AFTER.match("\u2005" * n + "x") is None
    assert _SPEECH_AFTER.match("\u2005" * n + "고 말했다")


@pytest.mark.parametrize("text, speaker, starts", [
    # a headline the page keeps apart from the body: the speaker named in it right before the quote
    ('한빛전자 김철수 회장 "고객께 머리 숙여 사죄"' + BODY + "김철수 한빛전자 회장이 5일 회견을 열고 사과했다.",
     "Person/김철수", "고객께 머리 숙여"),
    # only the title: the one person the article gives it
    ('한빛전자 화재..대표 "끝까지 책임지고 복구하겠다"' + BODY + "김철수 한빛전자 대표는 5일 현장을 찾았다.",
     "Person/김철수", "끝까지 책임지고"),
])
def test_quotes_headline_apart_from_the_text(pipeline, text, speaker, starts):
    ex = pipeline.process_text(text, id="h", published=PUB)
    assert ex.article.title and ex.article.title not in ex.article.text
    found = [(e.arguments[0].entity, e.quote, e.trigger.sentence) for e in ex.events if e.type == "Statement"]
    assert any(s == speaker and q.startswith(starts) and sentence < 0 for s, q, sentence in found), found


def test_quotes_headline_reaction_is_not_the_subjects(pipeline):
    # 조현아 사퇴..."..." : the quotation after the news is someone's reaction, not the named person's
    ex = pipeline.process_text('한빛항공 김영희 사퇴..."이제라도 다행" "늦었다"' + BODY + "김영희 한빛항공 사장이 5일 사퇴했다.",
                               id="h", published=PUB)
    assert not [e for e in ex.events if e.type == "Statement"]


def test_quotes_people_no_entity_stands_for(quotes):
    found = quotes("제목입니다" + BODY + "김철수 한빛전자 대표가 5일 사과했다. 누리꾼들은 \"이제라도 사과해서 다행\"이라는 반응을 보였다.")
    assert all(not q.startswith("이제라도") for _, q in found), found


def test_quotes_headline_digest_is_not_a_quotation(pipeline):
    # "A…B" in a headline joins two statements the body quotes: the editor's digest, not a quotation
    ex = pipeline.process_text('김철수 한빛전자 대표 "무거운 책임감…방향은 그대로"' + BODY + "김철수 한빛전자 대표는 5일 회견을 열었다.",
                               id="h", published=PUB)
    assert not [e for e in ex.events if e.type == "Statement"]


def test_quotes_lede_quote_needs_a_plain_attribution(quotes):
    # the next sentence quotes someone itself: it attributes its own quotation, not the lede's
    found = quotes("제목입니다\n[한빛일보 김기자 기자] “공장은 멈춰도 연구는 멈추지 않는다.”\n"
                   "김철수 한빛전자 회장은 “연구 인력을 두 배로 늘리겠다”고 말했다.")
    assert not any(q.startswith("공장은 멈춰도") for _, q in found), found
    assert any(s == "Person/김철수" and q.startswith("연구 인력을") for s, q in found), found
