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
