"""News outlets: the longest outlet name the text writes wins over a shorter one inside it, the
닷컴/TV/방송 variants are outlets of their own, and an outlet the page names only in its furniture
(copyright notice, photo credit) is still an entity the page names. Sentences written for the test."""

from __future__ import annotations

import pytest

from kg.clean import clean
from kg.lexicon import default_lexicon
from kg.model import RawArticle, ZoneKind

BODY = "가나전자가 3일 새 배터리 공장을 열었다.\n회사는 내년까지 2000억원을 투자한다고 밝혔다."


@pytest.mark.parametrize("sentence,outlet,written", [
    ("머니투데이방송(MTN)에 따르면 가나전자가 3일 신제품을 공개했다.", "머니투데이방송", "머니투데이방송"),
    ("스포츠조선닷컴 취재 결과 가나전자가 3일 신제품을 공개했다.", "스포츠조선", "스포츠조선닷컴"),
    ("한경닷컴 보도에 따르면 가나전자가 신제품을 공개했다.", "한경닷컴", "한경닷컴"),
    ("매경닷컴 보도에 따르면 가나전자가 신제품을 공개했다.", "매경닷컴", "매경닷컴"),
    ("조선닷컴 보도에 따르면 가나전자가 신제품을 공개했다.", "조선닷컴", "조선닷컴"),
    ("동아닷컴 보도에 따르면 가나전자가 신제품을 공개했다.", "동아닷컴", "동아닷컴"),
    ("한국경제TV에 출연한 김가나 대표는 신제품을 공개했다.", "한국경제TV", "한국경제TV"),
    ("매경TV에 출연한 김가나 대표는 신제품을 공개했다.", "매일경제TV", "매경TV"),
    ("연합뉴스TV 보도에 따르면 가나전자가 신제품을 공개했다.", "연합뉴스TV", "연합뉴스TV"),
    ("가톨릭평화방송 보도에 따르면 가나전자가 신제품을 공개했다.", "평화방송", "가톨릭평화방송"),
    ("서울방송 보도에 따르면 가나전자가 신제품을 공개했다.", "SBS", "서울방송"),
])
def test_outlets_longest_written_name_wins(pipeline, sentence, outlet, written):
    extraction = pipeline.process_text(sentence)
    outlets = {e.name: e for e in extraction.entities if e.type == "NewsOutlet"}
    assert list(outlets) == [outlet]  # one outlet, never the shorter name inside it as well
    (mention,) = outlets[outlet].mentions[:1]
    assert sentence[mention.start:mention.end] == written


@pytest.mark.parametrize("furniture,outlet", [
    ("ⓒ 가나일보, 무단전재 및 재배포 금지", "가나일보"),
    ("※ 저작권자 ⓒ 가나일보, 무단전재-재배포 금지", "가나일보"),
    ("<저작권자 © 가나일보 무단전재 및 재배포금지>", "가나일보"),
])
def test_outlets_named_only_in_furniture_keep_a_credit_line(furniture, outlet):
    lexicon = default_lexicon()
    raw = RawArticle("x", "x.txt", f"{BODY}\n{furniture}", "txt", publisher=outlet)
    article = clean(raw, lexicon)
    credits = [z for z in article.zones if z.kind == ZoneKind.CREDIT]
    assert len(credits) == 1
    assert outlet in article.text[credits[0].start:credits[0].end]
    assert article.text.startswith(BODY)


@pytest.mark.parametrize("text,publisher", [
    (BODY, "가나일보"),  # the page never names its outlet: the publisher comes from metadata only
    (f"[가나일보 박아무 기자] {BODY}\nⓒ 가나일보, 무단전재 및 재배포 금지", "가나일보"),  # named in the dateline
])
def test_outlets_no_credit_line_when_not_needed(text, publisher):
    article = clean(RawArticle("x", "x.txt", text, "txt", publisher=publisher), default_lexicon())
    assert not [z for z in article.zones if z.kind == ZoneKind.CREDIT]
    assert "무단전재" not in article.text


def test_outlets_copyright_outlet_is_an_entity_with_evidence(pipeline):
    extraction = pipeline.process_text(f"{BODY}\nⓒ 한경닷컴, 무단전재 및 재배포 금지")
    outlets = [e for e in extraction.entities if e.type == "NewsOutlet"]
    assert [e.name for e in outlets] == ["한경닷컴"]
    assert outlets[0].mentions  # evidence: the credit line
