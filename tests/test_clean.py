from __future__ import annotations

import datetime as dt

import pytest

from kg.clean import clean
from kg.lexicon import default_lexicon
from kg.model import RawArticle, ZoneKind
from kg.read import read_path

from .conftest import EXAMPLE


@pytest.fixture(scope="module")
def example_article():
    (raw,) = list(read_path(EXAMPLE))
    return clean(raw, default_lexicon())


def test_clean_removes_forum_boilerplate(example_article):
    text = example_article.text
    for junk in ("페이지 정보", "마린보이", "관련링크", "댓글목록", "등록된 댓글이 없습니다"):
        assert junk not in text


def test_clean_keeps_repeated_body_once(example_article):
    assert example_article.text.count("홍은택 대표는 3일 3분기 실적 콘퍼런스콜에서") == 1
    assert example_article.text.count("현재 건립중이거나") == 1


def test_clean_headline_section_date_and_dateline(example_article):
    article = example_article
    assert article.section == "IR"
    assert article.title.startswith("[IR] 홍은택 카카오 대표")  # the title as written
    assert article.published == dt.date(2022, 11, 3)
    assert article.publisher == "뉴스1"
    assert article.dateline_place == "서울"
    assert [r.name for r in article.reporters] == ["정은지", "이정후"]
    assert {r.email for r in article.reporters} == {"ejjung@news1.kr", "leejh@news1.kr"}
    assert article.text.startswith("(서울=뉴스1) 정은지 이정후 기자 =")
    kinds = [z.kind for z in article.zones]
    assert ZoneKind.DATELINE in kinds and ZoneKind.BYLINE in kinds


def test_clean_reporter_offsets_point_at_names(example_article):
    for reporter in example_article.reporters:
        assert example_article.text[reporter.start:reporter.end] == reporter.name


@pytest.mark.parametrize("text,publisher,reporters", [
    ("제목 줄\n[서울=뉴시스]박지성 기자 = 삼성전자가 5일 신제품을 공개했다.\n본문 둘째 문장이다.", "뉴시스", ["박지성"]),
    ("제목 줄\n[이데일리 김민수 기자] 현대차가 리콜을 시작했다.\n둘째 문장이다.", "이데일리", ["김민수"]),
    ("제목 줄\n(세종=연합뉴스) 최은영 한상우 기자 = 정부가 발표했다.\n둘째 문장이다.", "연합뉴스", ["최은영", "한상우"]),
    ("제목 줄\nLG전자가 신제품을 공개했다.\n둘째 문장이다.\n김도윤 기자 kimdy@hankyung.com", "한국경제", ["김도윤"]),
])
def test_clean_datelines_and_bylines(text, publisher, reporters):
    article = clean(RawArticle("x", "x.txt", text, "txt"), default_lexicon())
    assert article.publisher == publisher
    assert [r.name for r in article.reporters] == reporters


@pytest.mark.parametrize("line,date", [
    ("입력 2023.06.14 10:21 수정 2023.06.14 11:02", dt.date(2023, 6, 14)),
    ("작성자 누군가 댓글 0건 조회 12회 작성일 23-06-14 10:21본문", dt.date(2023, 6, 14)),
    ("기사입력 2024-03-05 09:00", dt.date(2024, 3, 5)),
])
def test_clean_publication_date_from_text(line, date):
    text = f"제목\n{line}\n(서울=뉴스1) 김아무 기자 = 본문 문장이다.\n둘째 문장이다."
    assert clean(RawArticle("x", "x.txt", text, "txt"), default_lexicon()).published == date


def test_clean_metadata_wins_over_text():
    text = "제목\n입력 2023.06.14 10:21\n(서울=뉴스1) 김아무 기자 = 본문 문장이다.\n둘째 문장이다."
    raw = RawArticle("x", "x.jsonl:1", text, "jsonl", published=dt.date(2020, 1, 2), publisher="연합뉴스")
    article = clean(raw, default_lexicon())
    assert (article.published, article.publisher) == (dt.date(2020, 1, 2), "연합뉴스")


def test_clean_portal_tail_is_dropped():
    text = "제목\n(서울=뉴스1) 김아무 기자 = 첫 문장이다.\n둘째 문장이다.\nⓒ 뉴스핌 무단전재 및 재배포 금지\n관련기사\n다른 기사 제목이다 클릭"
    article = clean(RawArticle("x", "x.txt", text, "txt"), default_lexicon())
    assert article.text.splitlines()[-1] == "둘째 문장이다."


def _clean_seconds(text: str) -> float:
    import time

    raw = RawArticle("x", "x.txt", text, "txt")
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        clean(raw, default_lexicon())
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("make", [
    # one line listing long organisation names (the shape that made the dateline patterns hang)
    lambda n: "해양수산부는 이날 회의실에서 " + ", ".join(["한국선박안전기술관리협동조합연합회"] * n) + " 등과 회의를 열었다",
    # reporter names with no 기자 and no end
    lambda n: "김아무 박아무 " * n,
    # a byline-like line that never ends as one
    lambda n: "홍길동 기자 " * n + "정리",
    # a sentence, then one very long word
    lambda n: "카카오는 " + "가" * (8 * n),
])
def test_clean_time_grows_linearly_with_line_length(make):
    small, large = _clean_seconds(make(40)), _clean_seconds(make(320))
    assert large < max(small, 0.002) * 8 * 3, f"8x the text took {large / small:.0f}x the time"


# -- page furniture inside a line ----------------------------------------------------------------

ONE_LINE_PAGE = EXAMPLE.parent.parent.parent / "tests" / "data" / "oneline-page.txt"
FURNITURE_WORDS = ("좋아요", "화나요", "다른 기사", "기사제보", "#화재", "페이스북", "URL복사", "맑음", "무단전재",
                   "관련기사", "삼성전자", "현대차")


def test_clean_one_line_page_keeps_the_article_and_drops_furniture():
    (raw,) = list(read_path(ONE_LINE_PAGE))
    article = clean(raw, default_lexicon())
    assert article.title == "LG화학 여수공장서 불…생산라인 멈춰"
    assert article.text.startswith("(여수=가나뉴스) 김민준 기자 = LG화학 여수공장에서")
    assert "생산을 재개할 계획이다." in article.text
    assert not [word for word in FURNITURE_WORDS if word in article.text]
    assert [(r.name, r.email) for r in article.reporters] == [("김민준", "mjkim@gananews.co.kr")]
    assert article.publisher == "가나뉴스"


def test_clean_one_line_page_graph_has_the_body_not_the_furniture(pipeline):
    (raw,) = list(read_path(ONE_LINE_PAGE))
    extraction = pipeline.process(raw)
    entities = {(e.type, e.name) for e in extraction.entities}
    assert {("Company", "LG화학"), ("Person", "박서연"), ("Person", "김민준")} <= entities
    assert {"Fire", "ProductionHalt", "Apology", "Plan"} <= {e.type for e in extraction.events}
    names = " ".join(name for _, name in entities)
    assert not [word for word in ("삼성전자", "현대차", "카카오톡", "서울", "부산", "페이스북") if word in names]
    assert "Strike" not in {e.type for e in extraction.events}  # 파업 is only in the related-article list


@pytest.mark.parametrize("line,kept,furniture", [
    ("회사는 신제품을 공개했다. 좋아요0 화나요3 슬퍼요0 둘째 문장이다.",
     ["회사는 신제품을 공개했다.", "둘째 문장이다."], ["reaction buttons"]),
    ("회사는 공장을 짓는다고 밝혔다. 홍길동 기자 hong@example.com 다른 기사 보기",
     ["회사는 공장을 짓는다고 밝혔다.", "홍길동 기자 hong@example.com"], ["a link to other articles"]),
    ("회사는 투자를 늘린다. ⓒ 예시경제 무단전재 및 재배포 금지",
     ["회사는 투자를 늘린다."], ["a copyright notice"]),
    ("회사는 투자를 늘린다. <무단전재 및 재배포 금지>", ["회사는 투자를 늘린다."], ["a copyright notice"]),
    ("회사가 리콜을 결정했다. #리콜 #자동차 #안전", ["회사가 리콜을 결정했다."], ["hashtags"]),
    ("공장이 멈췄다. 페이스북 트위터 카카오톡 링크복사 인쇄", ["공장이 멈췄다."], ["share buttons"]),
    ("서울 맑음 3.2℃ 대전 흐림 5℃ 회사가 문을 닫았다.", ["회사가 문을 닫았다."], ["a weather widget"]),
    ("회사가 합병했다. 기사제보 및 보도자료 tip@example.com", ["회사가 합병했다."], ["a news tip-off notice"]),
    ("회사가 합병했다. 관련기사 다른 회사 합병 추진 또 다른 제목",
     ["회사가 합병했다."], ["a related-article list"]),
    ("회사는 투자를 늘린다. 입력 2024.03.05 09:00 수정 2024.03.05 10:12 둘째 문장이다.",
     ["회사는 투자를 늘린다.", "둘째 문장이다."], ["a time stamp", "a time stamp"]),
    ("회사는 투자를 늘린다. ▶ 네이버에서 예시뉴스 채널 구독하기", ["회사는 투자를 늘린다."], ["a subscription prompt"]),
    # photo captions are content, their credits are not
    ("가나전자 평택공장 전경. (사진=가나전자 제공)", ["가나전자 평택공장 전경."], ["a photo credit"]),
    ("박서연 대표가 고개 숙여 사과하고 있다. /가나뉴스", ["박서연 대표가 고개 숙여 사과하고 있다."], ["a photo credit"]),
    ("박서연 대표가 인사하고 있다. /가나뉴스 ⓒ Gana 김아무 기자", ["박서연 대표가 인사하고 있다."], ["a photo credit"]),
    ("가나전자 본사 앞에서 노조가 집회를 열고 있다. 2024.01.02. photo@example.com *재판매 및 DB 금지",
     ["가나전자 본사 앞에서 노조가 집회를 열고 있다."], ["a wire photo credit"]),
    # not furniture: words of the body that look like it
    ("매출은 1조원/영업이익은 500억원이다.", ["매출은 1조원/영업이익은 500억원이다."], []),
    ("관련 기사가 삭제되자 회사는 사과했다.", ["관련 기사가 삭제되자 회사는 사과했다."], []),
    ("이 회사는 페이스북, 트위터, 카카오톡 등에 광고를 냈다.", ["이 회사는 페이스북, 트위터, 카카오톡 등에 광고를 냈다."], []),
    ("냉각설비 20℃ 이하로 유지했다.", ["냉각설비 20℃ 이하로 유지했다."], []),
    ("제목이다 (부산=예시통신) 김아무 기자 = 본문이다.", ["제목이다", "(부산=예시통신) 김아무 기자 = 본문이다."], []),
])
def test_clean_furniture_is_cut_from_inside_a_line(line, kept, furniture):
    from kg.furniture import split_line

    pieces = split_line(line, default_lexicon().segments)
    assert [p.text for p in pieces if not p.furniture] == kept
    assert [p.furniture for p in pieces if p.furniture] == furniture


def test_clean_segment_rules_match_their_examples():
    rules = default_lexicon().segments
    assert len({rule.id for rule in rules}) == len(rules) >= 10


def test_clean_page_of_only_furniture_says_what_it_found():
    from kg.errors import InputError

    text = "좋아요0 화나요0 슬퍼요0\nⓒ 예시뉴스 무단전재 및 재배포 금지\n#태그 #해시"
    with pytest.raises(InputError, match="no article sentence left.*reaction buttons.*copyright notice.*hashtags"):
        clean(RawArticle("x", "page.txt", text, "txt"), default_lexicon())


def test_clean_cuts_an_oversized_article_with_a_warning(monkeypatch):
    import kg.clean
    from kg.errors import KgWarning

    monkeypatch.setattr(kg.clean, "MAX_ARTICLE_CHARS", 1000)
    text = "\n".join(f"{n}번째 문장에서 회사가 발표했다." for n in range(200))
    with pytest.warns(KgWarning, match="only the first"):
        article = clean(RawArticle("x", "big.txt", text, "txt"), default_lexicon())
    assert len(article.text) <= 1000 and article.text.endswith("발표했다.")


# -- the headline ----------------------------------------------------------------------------------

BODY = "(서울=예시통신) 김아무 기자 = 가나전자가 3일 새 공장을 열었다.\n회사는 내년까지 2000억원을 투자한다고 밝혔다."


@pytest.mark.parametrize("top,headline", [
    ("가나전자, 평택에 새 반도체 공장 가동", "가나전자, 평택에 새 반도체 공장 가동"),
    ("On-Air\n가나전자, 평택에 새 반도체 공장 가동", "가나전자, 평택에 새 반도체 공장 가동"),
    ("본문 바로가기\n가나전자, 평택에 새 공장", "가나전자, 평택에 새 공장"),
    ("검색 본문 바로가기 회사정보 바로가기\n가나전자, 평택에 새 공장", "가나전자, 평택에 새 공장"),
    ("닫기\n예시경제\n가나전자, 평택에 새 공장", "가나전자, 평택에 새 공장"),
    ("print\n가나전자 “새 공장서 내년 양산”", "가나전자 “새 공장서 내년 양산”"),
    ("배너 배너 배너 배너\n가나전자, 평택에 새 공장", "가나전자, 평택에 새 공장"),
    ("산업 >\n가나전자, 평택에 새 공장", "가나전자, 평택에 새 공장"),
    ("관련종목▶\n가나전자, 평택에 새 공장", "가나전자, 평택에 새 공장"),
    ("AB1-2345678\n가나전자, 평택에 새 공장", "가나전자, 평택에 새 공장"),
    ("[단독]가나전자, 평택에 새 공장", "[단독]가나전자, 평택에 새 공장"),  # as written, section kept
    # no title in the page's text
    ("", None),
    ("가나전자가 평택에 새 공장을 열었다고 3일 밝혔다.", None),  # the lede, not a title
    ("▲ 가나전자 평택 공장 전경. (사진=가나전자 제공)", None),  # a caption
    ("공장 가동은 내년부터\"", None),  # a fragment of a quote
    ("by김아무 기자\n가나전자 평택공장", None),  # two words: a label, not a title
    ("On-Air", None),
    # the title stands above the byline and the time stamp: a line below them is a deck
    ("by김아무 기자\n2024.05.03 10:49:07\n가나전자, 평택에 새 반도체 공장 가동", None),
    # a status tag marks the title; the title-like line above it is a deck
    ("2000억 들여 내년 가동\n가나전자, 평택에 새 반도체 공장(종합)", "가나전자, 평택에 새 반도체 공장(종합)"),
    ("2000억 들여 내년 가동\n[단독] 가나전자, 평택에 새 반도체 공장", "[단독] 가나전자, 평택에 새 반도체 공장"),
    ("가나전자, 평택에 새 반도체 공장(2보)\n2000억 들여 내년 가동", "가나전자, 평택에 새 반도체 공장(2보)"),
    # a title is one short line: decks glued into one long line are not a title
    ("평택 새 공장 찾은 가나전자 사장...\"반도체 1등 지킨다\"2000억 투자 결정했지만...장비 반입 늦어 가동은 내년 하반기로 밀려", None),
])
def test_clean_headline_is_the_title_never_furniture(top, headline):
    article = clean(RawArticle("x", "x.txt", f"{top}\n{BODY}" if top else BODY, "txt"), default_lexicon())
    assert article.title == headline
    for furniture in ("On-Air", "바로가기", "닫기", "print", "배너", "관련종목", "AB1-"):
        assert furniture not in article.text


@pytest.mark.parametrize("stamp,headline", [
    ("2024-01-05", None),  # another day: the title of another article, listed with its date
    ("2024.01.05 09:30", None),
    ("2024-03-04", "가나전자, 평택에 새 반도체 공장 가동"),  # the article's own day
    ("2024.03.04 09:30", "가나전자, 평택에 새 반도체 공장 가동"),
])
def test_clean_headline_dated_another_day_is_a_list_entry(stamp, headline):
    text = f"가나전자, 평택에 새 반도체 공장 가동\n{stamp}\n{BODY}"
    article = clean(RawArticle("x", "x.txt", text, "txt", published=dt.date(2024, 3, 4)), default_lexicon())
    assert article.title == headline
    assert "반도체 공장 가동" not in article.text  # neither title nor list entry is body text


# -- bylines in every form -------------------------------------------------------------------------

BODY_LINES = "가나전자가 3일 새 공장을 열었다고 밝혔다.\n회사는 내년까지 2000억원을 투자한다."


@pytest.mark.parametrize("byline,top,reporters,publisher", [
    ("(부산=뉴스1) 김민준 박서연 기자 =", True, ["김민준", "박서연"], "뉴스1"),
    ("[세종=뉴시스]김민준 기자 =", True, ["김민준"], "뉴시스"),
    ("[헤럴드경제=김민준 기자]", True, ["김민준"], "헤럴드경제"),
    ("[아시아경제 김민준·박서연 기자]", True, ["김민준", "박서연"], "아시아경제"),
    ("[ 김민준 기자 ]", True, ["김민준"], None),
    ("[뉴스핌=산업부]", True, [], "뉴스핌"),  # a desk byline: the outlet, then its desk
    ("(서울=뉴스1) 김민준 기자 | 2023-04-05 10:37 송고", True, ["김민준"], "뉴스1"),
    ("• 김민준 기자", True, ["김민준"], None),
    ("2023-04-05 김민준 기자", True, ["김민준"], None),
    ("김민준 기자 mjkim@example.com 뉴스 뷰 페이지 검색 버튼", True, ["김민준"], None),
    ("김민준 기자 mjkim@hankyung.com", False, ["김민준"], "한국경제"),
    ("김민준/박서연 기자 team@example.com", False, ["김민준", "박서연"], None),
    ("김민준 기자 (mjkim@example.com), 박서연 기자", False, ["김민준", "박서연"], None),
    ("/산업부=김민준 기자", False, ["김민준"], None),
    ("머니투데이 김민준 기자", False, ["김민준"], "머니투데이"),
    ("김민준 [mjkim@ytn.co.kr]", False, ["김민준"], "YTN"),
    ("김민준 기자입니다.", False, ["김민준"], None),
    ("KBS 뉴스 김민준입니다.", False, ["김민준"], "KBS"),
    ("현장에서 김민준 기자의 보도입니다.", False, ["김민준"], None),
    ("수습기자 김민준 기자", False, ["김민준"], None),
    # not bylines
    ("이것은 사실입니다.", False, [], None),
    ("가나전자 관계자는 김민준 기자에게 말했다.", False, [], None),
])
def test_clean_bylines_in_every_form(byline, top, reporters, publisher):
    text = f"가나전자, 평택에 새 공장 가동\n{byline}\n{BODY_LINES}" if top else f"가나전자, 평택에 새 공장 가동\n{BODY_LINES}\n{byline}"
    article = clean(RawArticle("x", "x.txt", text, "txt"), default_lexicon())
    assert [r.name for r in article.reporters] == reporters
    assert article.publisher == publisher
    for reporter in article.reporters:
        assert article.text[reporter.start:reporter.end] == reporter.name


@pytest.mark.parametrize("url,publisher", [
    ("https://magazine.hankyung.com/business/article/1", "한경비즈니스"),  # the most specific domain wins
    ("https://www.hankyung.com/economy/article/1", "한국경제"),
    ("https://news.naver.com/main/read.naver?oid=001", None),  # a portal is no outlet
])
def test_clean_publisher_from_the_page_address(url, publisher):
    raw = RawArticle("x", "x.jsonl:1", f"가나전자, 평택에 새 공장 가동\n{BODY_LINES}", "jsonl", url=url)
    assert clean(raw, default_lexicon()).publisher == publisher


def test_clean_portal_page_takes_the_outlet_its_text_names():
    text = f"가나전자, 평택에 새 공장 가동\n(서울=연합뉴스) 김민준 기자 = {BODY_LINES}"
    raw = RawArticle("x", "x.jsonl:1", text, "jsonl", url="https://v.daum.net/v/20230405103700123")
    assert clean(raw, default_lexicon()).publisher == "연합뉴스"


def test_clean_date_from_a_time_stamp_inside_a_line():
    text = "가나전자, 평택에 새 공장 가동 입력 2023.06.14 10:21 가나전자가 3일 새 공장을 열었다. 회사는 투자를 늘린다."
    article = clean(RawArticle("x", "x.txt", text, "txt"), default_lexicon())
    assert article.published == dt.date(2023, 6, 14)
    assert "입력" not in article.text


@pytest.mark.parametrize("text,kept", [
    # after the article: another piece's teaser ends the page
    (f"가나전자, 평택에 새 공장 가동\n{BODY_LINES}\n[예시신문 김아무 칼럼] “부동산 시장, 다시 보자” 외 기사",
     BODY_LINES.split("\n")),
    # a column's own header is its title
    (f"[예시신문 김아무 칼럼] 부동산 시장을 다시 본다\n{BODY_LINES}", BODY_LINES.split("\n")),
])
def test_clean_teaser_of_another_piece_ends_the_page(text, kept):
    article = clean(RawArticle("x", "x.txt", text, "txt"), default_lexicon())
    assert article.text.split("\n") == kept
    assert article.title.endswith(("가동", "다시 본다"))


def test_clean_glued_comma_between_words_gets_its_space():
    text = "가나전자는 평택공장,화성공장의 가동을 멈췄다고 밝혔다.\n손실은 1,000억원이다."
    article = clean(RawArticle("x", "x.txt", text, "txt"), default_lexicon())
    assert "평택공장, 화성공장의" in article.text and "1,000억원" in article.text
