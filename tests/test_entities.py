"""Entity components on sentences written for these tests: authorities, compound names, people,
positions, and identity across articles."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.errors import KgError

PUB = dt.date(2024, 3, 5)


@pytest.fixture(scope="module")
def run(pipeline):
    def run(body: str, id: str = "t"):
        text = "제목 줄입니다\n(서울=뉴스1) 김기자 기자 = " + body
        return pipeline.process_text(text, id=id, published=PUB)
    return run


def names(ex, etype):
    return {e.name for e in ex.entities if e.type == etype}


# -- authorities ------------------------------------------------------------------------------

@pytest.mark.parametrize("body,name", [
    ("경찰은 공장 관계자를 불러 화재 원인을 조사하고 있다.", "경찰"),
    ("검찰이 대표를 재판에 넘겼다.", "검찰"),
    ("법원은 회사의 회생 신청을 받아들였다.", "법원"),
    ("소방당국은 인력 80명을 투입해 불을 껐다.", "소방당국"),
    ("소방 당국은 인력 80명을 투입해 불을 껐다.", "소방당국"),
    ("금융당국은 은행 점검에 나섰다.", "금융당국"),
    ("정부는 피해 기업을 지원하기로 했다.", "정부"),
])
def test_entities_authorities_used_as_actors_are_organizations(run, body, name):
    assert name in names(run(body), "Organization")


def test_entities_authority_is_one_node_per_article(run):
    first = run("경찰은 현장을 조사했다. 경찰은 대표를 불렀다.", id="one")
    second = run("경찰은 현장을 조사했다.", id="two")
    (police_one,) = [e for e in first.entities if e.name == "경찰"]
    (police_two,) = [e for e in second.entities if e.name == "경찰"]
    assert len(police_one.mentions) == 2
    assert police_one.key != police_two.key  # the police of two stories are two organisations
    assert police_one.english == "police"


@pytest.mark.parametrize("body,absent", [
    ("서울경찰청은 수사에 착수했다.", "경찰"),      # inside a longer name
    ("경찰관 두 명이 다쳤다.", "경찰"),
])
def test_entities_authority_words_inside_other_words_are_not_authorities(run, body, absent):
    assert absent not in names(run(body), "Organization")


@pytest.mark.parametrize("row,message", [
    ("police\t경찰\t\t", "rule police: needs id, ko and en"),
    ("police\t경찰\tpolice\t\npolice\t검찰\tprosecutors\t", "rule police: id used twice"),
    ("police\t경찰\tpolice\t\ncops\t경찰\tcops\t", "rule cops: '경찰' already belongs to police"),
])
def test_entities_bad_authority_row_names_file_and_rule(tmp_path, row, message):
    from kg.extract.authorities import load_authorities

    path = tmp_path / "authorities.tsv"
    path.write_text("id\tko\ten\taliases\n" + row + "\n", encoding="utf-8")
    with pytest.raises(KgError) as info:
        load_authorities(path)
    assert str(path) in str(info.value) and message in str(info.value)


# -- positions ----------------------------------------------------------------------------------

def positions(ex):
    names = {e.key: e.name for e in ex.entities}
    return {(names[p.person], names[p.organization], p.title, p.title_text) for p in ex.positions}


@pytest.mark.parametrize("body,expected", [
    # a unit before the title is part of the title as written
    ("박진우 한빛전자 재무담당 부사장은 실적을 설명했다.", ("박진우", "한빛전자", "부사장", "재무담당 부사장")),
    ("오세린 한빛전자 이사회 의장이 회의를 열었다.", ("오세린", "한빛전자", "의장", "이사회 의장")),
    ("강태민 한빛전자 대표이사 사장은 사의를 밝혔다.", ("강태민", "한빛전자", "사장", "대표이사 사장")),
    ("홍나래 한빛전자 공동 대표는 투자를 발표했다.", ("홍나래", "한빛전자", "대표", "공동 대표")),
    # an organisation with its ticker in brackets, and one glued to the title
    ("윤도현 한빛전자(123450) 대표이사는 웃었다.", ("윤도현", "한빛전자", "대표이사", "대표이사")),
    ("정몽구 현대차그룹회장이 참석했다.", ("정몽구", "현대자동차그룹", "회장", "회장")),
    # the legal form is part of how the company is written
    ("최은석 CJ주식회사 경영전략총괄은 협약에 서명했다.", ("최은석", "CJ", "총괄", "경영전략총괄")),
])
def test_entities_position_title_as_written(run, body, expected):
    assert expected in positions(run(body))


@pytest.mark.parametrize("body,title,written", [
    ("강태민 한빛전자 대표이사 사장은 사의를 밝혔다.", "사장", "대표이사 사장"),
    ("윤서하 한빛금융 재무담당 상무는 배당 계획을 밝혔다.", "상무", "재무담당 상무"),
    ("문태오 한빛전자 사업총괄 부사장이 발표했다.", "부사장", "사업총괄 부사장"),
])
def test_entities_compound_title_is_one_post(run, body, title, written):
    # real newsroom gold annotates 대표이사 사장 / 재무담당 상무 as one position, written in full
    held = {(t, w) for p, _, t, w in positions(run(body)) if t != "기자"}  # (the run's byline reporter)
    assert held == {(title, written)}


@pytest.mark.parametrize("body,person,org,title", [
    ("법원은 관리인으로 오래 일한 권도윤씨를 선임했다. 법원은 “한빛조선 관리인을 지낸 권씨를 공동관리인으로 정했다”고 말했다.",
     "권도윤", None, None),
    ("그는 최서진 국회부의장 등 내빈과 함께 행사장을 찾았다.", "최서진", "국회", "부의장"),
])
def test_entities_surname_with_honorific_and_fused_titles(run, body, person, org, title):
    ex = run(body)
    people = names(ex, "Person")
    assert person in people and not any(n.endswith(("씨를", "씨")) for n in people)
    if title:
        assert (person, org, title, title) in positions(ex)


@pytest.mark.parametrize("body,person,org,title", [
    ("서울중앙지법 파산5부(수석부장판사 김서준)는 회생절차 개시를 결정했다.", "김서준", "서울중앙지방법원", "수석부장판사"),
    ("이사회는 사내이사 1인(문지호 대표이사), 사외이사 2인(배수연 사외이사, 남기훈 사외이사)으로 구성돼 있다.",
     "배수연", None, "사외이사"),
])
def test_entities_titled_names_in_brackets(run, body, person, org, title):
    ex = run(body)
    assert person in names(ex, "Person")
    if org:
        assert (person, org, title, title) in positions(ex)


@pytest.mark.parametrize("body,name", [
    ("정몽구 현대차그룹 회장이 참석했다.", "정몽구"),
    ("한빛항공 최종구 사장은 사과했다.", "최종구"),
])
def test_entities_names_ending_like_districts_are_people(run, body, name):
    ex = run(body)
    assert name in names(ex, "Person") and name not in names(ex, "Location")


def test_entities_district_is_still_a_place(run):
    assert "강동구" in names(run("서울 강동구에서 불이 났다."), "Location")


@pytest.mark.parametrize("body", [
    "㈜LG는 실적을 발표했다. LG는 배당을 늘렸다.",
    "(주)LG는 실적을 발표했다. 주식회사 LG는 배당을 늘렸다.",
])
def test_entities_legal_forms_are_one_company(run, body):
    ex = run(body)
    assert [e.name for e in ex.entities if e.type == "Company"] == ["LG"]


@pytest.mark.parametrize("body,expected", [
    # appointed: the object, the organisation that appoints
    ("한빛전자는 이날 이사회에서 박진우 부사장을 대표이사 사장으로 선임했다.", ("박진우", "한빛전자", "사장", "대표이사 사장")),
    ("한빛전자는 강태민 상무를 전무로, 오세린 상무를 부사장으로 선임했다.", ("강태민", "한빛전자", "전무", "전무")),
    # appointed: the subjects of a passive or a promotion
    ("한빛전자 강태민 사장과 누리화학 오세린 사장이 각각 부회장으로 승진했다.", ("오세린", "누리화학", "부회장", "부회장")),
    ("한빛전자는 17일 인사를 했다. 그동안 회사를 이끈 박진우 회장은 명예회장으로 추대됐다.",
     ("박진우", "한빛전자", "명예회장", "명예회장")),
    # held now, and held before (a career list)
    ("박진우 한빛전자 사장은 대표이사 사장을 계속 맡는다.", ("박진우", "한빛전자", "사장", "대표이사 사장")),
    ("박진우 회장은 한빛전자 경영지원실장, 누리화학 선박영업 대표를 역임했다.", ("박진우", "누리화학", "대표", "선박영업 대표")),
])
def test_entities_titles_given_by_appointments_and_careers(run, body, expected):
    assert expected in positions(run(body))


def test_entities_career_sentence_without_subject_continues_the_previous_one(run):
    body = ("1970년생인 박 후보자는 한빛대 출신이다. 누리법률사무소 변호사를 시작으로 한빛전자 대표를 맡았다. "
            "박진우 후보자는 내년 취임한다.")
    held = positions(run(body))
    assert ("박진우", "한빛전자", "대표", "대표") in held


@pytest.mark.parametrize("body,name", [
    ("윤다인 법무법인 한길 변호사는 소송을 맡았다.", "법무법인 한길"),
    ("그는 누리 법률사무소 변호사로 일했다.", "누리 법률사무소"),
])
def test_entities_law_firms_written_with_a_spaced_word(run, body, name):
    assert name in names(run(body), "Company")


def test_entities_bad_spaced_company_words_name_file_and_rule(tmp_path):
    from kg.lexicon import Lexicon

    path = tmp_path / "name_cues.yaml"
    path.write_text("spaced_company_before: 법무법인\n", encoding="utf-8")
    with pytest.raises(KgError) as info:
        Lexicon.load(tmp_path)
    assert f"{path}: spaced_company_before:" in str(info.value)  # the file and the rule


# -- identity across articles -----------------------------------------------------------------

def _nodes(tmp_path, pipeline, bodies: list[str], etype: str) -> dict[str, set[str]]:
    """Entity IRIs of a type across a corpus of articles, with their Korean labels."""
    from rdflib import RDF, RDFS

    from kg.api import build
    from kg.namespace import KG

    paths = []
    for number, body in enumerate(bodies, start=1):
        path = tmp_path / f"article-{number}.txt"
        path.write_text(f"제목 {number}\n(서울=뉴스1) 김기자 기자 = {body}", encoding="utf-8")
        paths.append(path)
    dataset = build(paths, pipeline)
    nodes: dict[str, set[str]] = {}
    for graph in dataset.graphs():
        for node in graph.subjects(RDF.type, KG[etype]):
            nodes.setdefault(str(node), set()).update(str(l) for l in graph.objects(node, RDFS.label) if l.language == "ko")
    return nodes


def test_entities_one_company_under_four_spellings_in_five_articles_is_one_node(tmp_path, pipeline):
    bodies = ["㈜누리화학은 3일 신제품을 공개했다.",
              "누리화학은 공장을 늘린다고 밝혔다.",
              "주식회사 누리화학이 실적을 발표했다.",
              "누리화학㈜의 주가가 올랐다.",
              "누리 화학은 배당을 늘렸다."]
    nodes = _nodes(tmp_path, pipeline, bodies, "Company")
    named = [iri for iri, labels in nodes.items() if any("누리" in label for label in labels)]
    assert len(named) == 1, nodes


def test_entities_gazetteer_company_under_its_english_name_is_one_node(tmp_path, pipeline):
    nodes = _nodes(tmp_path, pipeline, ["카카오는 3일 실적을 발표했다.", "Kakao는 배당을 늘렸다."], "Company")
    assert [iri for iri in nodes if iri.endswith("company/kakao")] and len(nodes) == 1, nodes


def test_entities_two_namesakes_at_two_companies_are_two_people(tmp_path, pipeline):
    bodies = ["김민재 한빛전자 대표는 3일 투자를 발표했다.", "김민재 누리화학 사장은 4일 사임했다."]
    nodes = _nodes(tmp_path, pipeline, bodies, "Person")
    namesakes = [iri for iri, labels in nodes.items() if "김민재" in labels]
    assert len(namesakes) == 2, nodes


def test_entities_one_person_at_one_company_in_two_articles_is_one_node(tmp_path, pipeline):
    bodies = ["김민재 한빛전자 대표는 3일 투자를 발표했다.", "한빛전자 김민재 대표가 4일 사과했다."]
    nodes = _nodes(tmp_path, pipeline, bodies, "Person")
    assert len([iri for iri, labels in nodes.items() if "김민재" in labels]) == 1, nodes
    assert len({iri for iri in nodes if "/company/" in iri and "person/kim-min-jae" in iri}) == 1, nodes


# -- outlets, sites -----------------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "공장에서 불이 났다. (사진=연합뉴스)\n소방당국이 진화했다.",
    "공장에서 불이 났다. <사진=뉴시스>\n소방당국이 진화했다.",
    "화재 현장 모습. 연합뉴스\n소방당국이 진화했다.",
    "[MBC 자료사진]\n소방당국이 진화했다.",
    "로열티를 지급하기로 했다.\n/연합뉴스",
])
def test_entities_outlet_in_a_photo_credit_is_not_an_entity(run, body):
    outlets = names(run(body), "NewsOutlet") - {"뉴스1"}  # 뉴스1 is the dateline's outlet
    assert outlets == set()


@pytest.mark.parametrize("body", [
    "공장에서 불이 났다. (사진=연합뉴스) 소방당국이 진화했다.",
    "공장에서 불이 났다. [MBC 자료사진] 소방당국이 진화했다.",
])
def test_entities_photo_credit_inside_a_long_one_line_page(run, body):
    # a page scraped as one line: the credit is judged by its surroundings, however long the line
    filler = "회사는 공장을 다시 열었다. " * 400
    outlets = names(run(filler + body + " " + filler.strip()), "NewsOutlet") - {"뉴스1"}
    assert outlets == set()


def test_entities_outlet_named_far_along_a_line_is_an_entity(run):
    filler = "회사는 공장을 다시 열었다. " * 400
    assert "연합뉴스" in names(run(filler + "연합뉴스에 따르면 회사는 공장을 닫았다."), "NewsOutlet")


def test_entities_outlet_the_text_reports_is_an_entity(run):
    assert "연합뉴스" in names(run("연합뉴스에 따르면 회사는 공장을 닫았다."), "NewsOutlet")


@pytest.mark.parametrize("body,site,owner", [
    ("행사는 KB금융지주 본점에서 열렸다.", "KB금융지주 본점", "KB금융"),
    ("기자회견은 한미약품 빌딩 대강당에서 열렸다.", "한미약품 빌딩", "한미약품"),
])
def test_entities_company_site_is_a_facility_owned_by_the_company(run, body, site, owner):
    ex = run(body)
    facility = next(e for e in ex.entities if e.type == "Facility" and e.name == site)
    assert ex.entity(facility.owner).name == owner


@pytest.mark.parametrize("body,etype,name", [
    # a country before a public body is part of its name; a market keeps its own name
    ("미 특허심판원은 특허 무효 심판을 개시했다.", "Organization", "미 특허심판원"),
    ("회사는 텍사스 동부지방법원에 소송을 냈다.", "Organization", "텍사스 동부지방법원"),
    ("회사는 미국 나스닥에 상장했다.", "Organization", "나스닥"),
    # a descriptor before an unknown company is not part of its name
    ("미국 지주회사 누리벤처스는 지분을 사들였다.", "Company", "누리벤처스"),
    # a product with its model number, before a particle
    ("전기차 아이오닉 5와 코나를 생산한다.", "Product", "아이오닉 5"),
    # company words that are weak cues still make a name after a proper noun
    ("한진관광은 여행 상품을 줄였다.", "Company", "한진관광"),
    # a foreign name written with a space before its company word; a partner named by its role
    ("하이브는 미국의 오로라 홀딩스 지분을 인수한다.", "Company", "오로라 홀딩스"),
    ("그는 루멘 파트너스 대표를 지냈다.", "Company", "루멘 파트너스"),
    ("회사는 미국 파트너사 에버노바(EVERNOVA)의 주식을 샀다.", "Company", "에버노바"),
    # training and research institutes and investigation teams are organisations
    ("김서윤 한국보험연수원 교수가 강연했다.", "Organization", "한국보험연수원"),
    ("화재 원인을 밝힐 민관합동조사단이 꾸려졌다.", "Organization", "민관합동조사단"),
    # an industrial complex named after its place is a site, not the place
    ("서산 대산석유화학단지에 입주한 공장들이 멈췄다.", "Facility", "대산석유화학단지"),
])
def test_entities_compound_and_bounded_names(run, body, etype, name):
    assert name in names(run(body), etype)


@pytest.mark.parametrize("body,products", [
    # a product noun after the quoted name, or after 등 closing a quoted list
    ("배송 장애로 ‘내일도착’ 상품을 받지 못한 고객에게 포인트를 준다.", {"내일도착"}),
    ("회사는 이른바 ‘총알 배달’ 시스템을 구축했다.", {"총알 배달"}),
    ("‘별빛 항해’, ‘달그림자’ 등 기존 모바일 게임의 부진을 만회할지 주목된다.", {"별빛 항해", "달그림자"}),
    ("회사는 '누리페이'라는 서비스를 내놨다.", {"누리페이"}),
    ("새 게임은 ‘별의 전쟁’ IP의 세계관을 이어받았다.", {"별의 전쟁"}),
    # a launch relative clause before it
    ("한빛게임즈가 출시한 '바다 워'가 자사 게임을 베꼈다는 주장이 나왔다.", {"바다 워"}),
    # scare quotes are no product
    ("그는 ‘사상 첫 적자’ 사태에 대해 사과했다.", set()),
    ("‘깜짝 실적’, ‘어닝 서프라이즈’ 등 시장 반응이 엇갈렸다.", set()),
])
def test_entities_quoted_product_names(run, body, products):
    assert names(run(body), "Product") == products


def test_entities_title_heading_a_list_of_names_is_held_by_each(run):
    body = ("한빛전자는 이사회를 열었다. 이사회에는 신임 사외이사인 박서연 한빛대 교수, 정우성 누리대 교수, "
            "최다인 법무법인 한길 변호사 등이 참석했다.")
    held = {(p, o, t) for p, o, t, _ in positions(run(body))}
    for person in ("박서연", "정우성", "최다인"):
        assert (person, "한빛전자", "사외이사") in held, held
    assert ("최다인", "법무법인 한길", "변호사") in held


@pytest.mark.parametrize("body,expected", [
    # two coordinated objects of one appointment
    ("법원은 박진우 한빛전자 대표와 구조조정 전문가인 최다인씨를 공동관리인으로 선임했다.",
     ("박진우", "법원", "관리인", "공동관리인")),
    # a public official takes the public body the sentence names
    ("공정거래위원회는 24일 세종청사에서 오지훈 사무처장 주재로 회의를 열었다.",
     ("오지훈", "공정거래위원회", "사무처장", "사무처장")),
    # a career sentence broken by a line end
    ("박진우 전무는 한빛전자 전무직과 함께 제주항공 마케팅본부장\n및 전무를 맡고 있다.",
     ("박진우", "제주항공", "본부장", "마케팅본부장")),
])
def test_entities_positions_from_coordination_public_bodies_and_broken_lines(run, body, expected):
    assert expected in positions(run(body))


@pytest.mark.parametrize("body,expected", [
    # a second post joined by 겸, and an age in brackets after the name
    ("오지훈(61) 한빛전자 회장 겸 한국경제인협회 부회장이 사과했다.", ("오지훈", "한국경제인협회", "부회장", "부회장")),
    ("오지훈(61) 한빛전자 회장 겸 한국경제인협회 부회장이 사과했다.", ("오지훈", "한빛전자", "회장", "회장")),
    # a foreign name in Hangul before an organisation and a title
    ("행사에는 마크 스튜어트 스텔란티스 최고운영책임자(COO)가 참석했다.", ("마크 스튜어트", "스텔란티스", "COO", "최고운영책임자")),
    # a division head
    ("신종균 삼성전자 IM담당(사장)은 신제품을 소개했다.", ("신종균", "삼성전자", "담당", "IM담당")),
])
def test_entities_people_beyond_name_and_title(run, body, expected):
    assert expected in positions(run(body))


@pytest.mark.parametrize("body,title_text", [
    ("김도윤 전 한빛전자 대표는 회사를 떠났다.", "전 대표"),
    ("한빛전자 오세린 신임 대표는 취임사를 했다.", "신임 대표"),
])
def test_entities_former_and_new_titles_are_kept_apart(run, body, title_text):
    assert title_text in {p.title_text for p in run(body).positions}


@pytest.mark.parametrize("body,expected", [
    ("이강덕 포항시장은 기자회견을 열었다.", ("이강덕", "포항", "시장", "시장")),
    ("행사에는 에릭 홀컴 인디애나주지사 등이 참석했다.", ("에릭 홀컴", "인디애나", "주지사", "주지사")),
])
def test_entities_title_fused_with_a_place(run, body, expected):
    ex = run(body)
    assert expected in positions(ex)
    place = next(e for e in ex.entities if e.type == "Location" and e.name == expected[1])
    assert any(alias.endswith(("시", "주")) for alias in place.aliases)  # 포항시, 인디애나주


def test_entities_verb_form_before_a_title_is_no_person(run):
    assert not names(run("회생계획안은 법원이 선임한 관리인이 마련한다."), "Person") - {"김기자"}


def test_entities_market_glued_to_si_jang_is_not_a_place(run):
    assert not names(run("코스피(유가증권시장)에서 주가가 올랐다."), "Location")


@pytest.mark.parametrize("body,etype,expected,absent", [
    # unknown proper nouns in a list with a known company or product take its type
    ("셀트리온, 루나젠, 에볼루스 3자간 합의가 이뤄졌다.", "Company", {"루나젠", "에볼루스"}, set()),
    ("내비게이션 시장에서는 T맵과 카카오내비가 경쟁한다.", "Product", {"T맵", "카카오내비"}, set()),
    ("회사는 아반떼(CN7), 투싼(NX4), G80(RG3) 등 3개 차종을 수출한다.", "Product", {"아반떼", "투싼", "G80"}, set()),
    # common nouns, places with a common noun and other types end no list of names
    ("셀트리온과 협력을 강화한다.", "Company", {"셀트리온"}, {"협력"}),
    ("가나디스플레이 중국법인과 삼성전자 중국법인이 맞섰다.", "Company", {"삼성전자"}, {"중국법인"}),
    ("셀트리온과 정부가 협의했다.", "Company", {"셀트리온"}, {"정부"}),
])
def test_entities_listed_names_take_the_type_of_the_list(run, body, etype, expected, absent):
    found = names(run(body), etype)
    assert expected <= found and not (absent & found), found


def test_entities_two_companies_glued_are_a_company_not_a_product(run):
    # 카카오내비 is a product named with its maker; a name of two known companies is a company
    found = {(e.name, e.type) for e in run("통합법인 '삼성LG'가 출범한다.").entities}
    assert ("삼성LG", "Company") in found, found
