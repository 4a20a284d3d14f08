"""Page structure in the clean stage: what ends an article, what is a caption, what is a
related-article box. Every page here is written for the test."""

from __future__ import annotations

import pytest

from kg.clean import clean
from kg.lexicon import default_lexicon
from kg.model import RawArticle

LEDE = "가나화학 울산공장에서 3일 새벽 화재가 발생했다. 인명 피해는 없었다."
MORE = "회사는 설비 5기 가운데 3기의 가동을 멈췄다고 밝혔다."
LAST = "김다라 가나화학 대표는 \"원인을 조사하고 있다\"고 말했다."


def _clean(text: str):
    return clean(RawArticle("x", "x.txt", text, "txt"), default_lexicon())


@pytest.mark.parametrize("box", [
    "관련기사\n- 가나화학, 2분기 영업익 30% 늘어2024.05.02\n- 마바전자, 새 배터리 공장 착공2024.04.30",
    "관련 기사\n가나화학, 2분기 영업익 30% 늘어2024.05.02\n마바전자, 새 배터리 공장 착공 2024.04.30",
    "관련기사\n• 가나화학, 2분기 영업익 30% 늘어\n• 마바전자, 새 배터리 공장 착공",
])
def test_page_structure_related_box_mid_page_does_not_end_the_article(box):
    article = _clean(f"{LEDE}\n{MORE}\n{box}\n{LAST}")
    assert article.text.split("\n") == [LEDE, MORE, LAST]  # the box goes, the article goes on


@pytest.mark.parametrize("tail", [
    # a list at the end of the page: nothing after it
    "관련기사\n- 가나화학, 2분기 영업익 30% 늘어2024.05.02\n- 마바전자, 새 배터리 공장 착공2024.04.30",
    # the list is followed by more furniture, not by an article sentence
    "관련기사\n- 가나화학, 2분기 영업익 30% 늘어\n많이 본 뉴스\n사바전자 주가 급등했다.",
    # a heading with no list entries after it, then another piece's lede
    "관련기사\n다른 회사도 올해 공장을 늘렸다.",
    # comments end the page whatever follows
    "댓글 3\n- 좋은 기사네요\n정말 잘 봤습니다.",
])
def test_page_structure_page_tail_still_ends_the_article(tail):
    article = _clean(f"{LEDE}\n{MORE}\n{tail}")
    assert article.text.split("\n") == [LEDE, MORE]


@pytest.mark.parametrize("caption,kept", [
    # a caption written as a sentence, with its credit cut
    ("김다라 가나화학 대표(왼쪽)가 3일 협약서에 서명하고 있다. (사진=가나화학 제공)",
     "김다라 가나화학 대표(왼쪽)가 3일 협약서에 서명하고 있다."),
    # a noun-phrase caption ending with a period; the bare credit [사진 ...] is cut
    ("가나화학 울산공장의 모습. [사진 마바일보]", "가나화학 울산공장의 모습."),
    # no period, but people placed in the photo and a trailing credit
    ("3일 협약식에서 김다라 가나화학 대표(앞줄 왼쪽)와 이사바 마바전자 사장 사진=가나화학 제공",
     "3일 협약식에서 김다라 가나화학 대표(앞줄 왼쪽)와 이사바 마바전자 사장"),
])
def test_page_structure_caption_above_the_dateline_is_content(caption, kept):
    article = _clean(f"가나화학 울산공장 화재…설비 가동 중단\n{caption}\n(울산=가나뉴스) 박아무 기자 = {LEDE}\n{MORE}")
    assert article.title == "가나화학 울산공장 화재…설비 가동 중단"
    lines = article.text.split("\n")
    assert lines[0] == kept
    assert lines[1].startswith("(울산=가나뉴스) 박아무 기자 =")
    assert "사진" not in article.text and "마바일보" not in article.text
    assert [r.name for r in article.reporters] == ["박아무"]  # the dateline is still read below a caption


@pytest.mark.parametrize("deck", [
    "설비 5기 중 3기 멈춰…재가동 일정 미정",
    "김다라 대표 \"원인 조사 중\"",
    "울산공장 가동률 60%로 떨어져",
])
def test_page_structure_deck_above_the_dateline_is_dropped(deck):
    article = _clean(f"가나화학 울산공장 화재…설비 가동 중단\n{deck}\n(울산=가나뉴스) 박아무 기자 = {LEDE}\n{MORE}")
    assert deck not in article.text
    assert article.text.startswith("(울산=가나뉴스) 박아무 기자 =")


@pytest.mark.parametrize("image,kept", [
    ("![가나화학 울산공장의 모습. [사진=가나화학]](https://example.com/photo/1.jpg)", ["가나화학 울산공장의 모습."]),
    # a related article's thumbnail: its title is not a caption
    ("![마바전자, 새 배터리 공장 착공…내년 가동](https://example.com/thumb/2.jpg)", []),
    ("![]() |", []),
])
def test_page_structure_image_link_keeps_a_caption_never_a_thumbnail(image, kept):
    article = _clean(f"{image}\n[가나뉴스=박아무 기자] {LEDE}\n{MORE}")
    assert article.text.split("\n")[:-2] == kept
    assert "example.com" not in article.text and "![" not in article.text and "착공" not in article.text


DECK_BODY = ("[가나뉴스 박아무 기자] 가나제약이 창사 이후 처음으로 희망퇴직을 받는다.\n"
             "가나제약은 3일 사내 게시판에 근속 15년 이상 직원을 대상으로 희망퇴직 공고를 냈다고 밝혔다.")


@pytest.mark.parametrize("top,headline", [
    # the page lost its title: the first line is a deck that leaves the subject out
    ("창사 첫 희망퇴직 시행…근속 15년 이상 대상", None),
    ("종가 5만2000원…공모가보다 30% 올라", None),
    # a title names its subject: the company, a subject set off by a comma, a story tag, a place
    ("가나제약 창사 첫 희망퇴직…근속 15년 이상 대상", "가나제약 창사 첫 희망퇴직…근속 15년 이상 대상"),
    ("제약업계, 창사 첫 희망퇴직 잇따라", "제약업계, 창사 첫 희망퇴직 잇따라"),
    ("[단독] 창사 첫 희망퇴직 시행…근속 15년 이상", "[단독] 창사 첫 희망퇴직 시행…근속 15년 이상"),
])
def test_page_structure_deck_without_a_subject_is_not_the_headline(pipeline, top, headline):
    extraction = pipeline.process_text(f"{top}\n{DECK_BODY}")
    assert extraction.article.title == headline
    assert "가나제약" in {e.name for e in extraction.entities}


def test_page_structure_title_given_by_the_input_is_never_judged(pipeline):
    extraction = pipeline.process_text(DECK_BODY, title="창사 첫 희망퇴직 시행…근속 15년 이상 대상")
    assert extraction.article.title == "창사 첫 희망퇴직 시행…근속 15년 이상 대상"
