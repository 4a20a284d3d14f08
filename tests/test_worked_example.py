"""The worked example end to end: what the issue asks the graph to say."""

from __future__ import annotations

import pytest

from .conftest import EXAMPLE


def _names(extraction, etype):
    return {e.name for e in extraction.entities if e.type == etype}


def test_worked_example_entities(example_extraction):
    ex = example_extraction
    assert _names(ex, "Company") == {"카카오"}
    assert _names(ex, "Person") == {"홍은택", "남궁훈", "정은지", "이정후"}
    assert _names(ex, "Facility") == {"판교 데이터센터"}
    assert _names(ex, "Product") == {"카카오톡"}
    assert _names(ex, "NewsOutlet") == {"뉴스1"}
    assert not _names(ex, "Location")  # 서울 only in the dateline


def test_worked_example_boilerplate_is_not_a_node(example_extraction):
    names = {e.name for e in example_extraction.entities} | {a for e in example_extraction.entities for a in e.aliases}
    assert "마린보이" not in names


def test_worked_example_duplicated_body_duplicates_nothing(example_extraction):
    quotes = [e.quote for e in example_extraction.events if e.type == "Statement"]
    assert len(quotes) == len(set(quotes)) == 12
    types = [e.type for e in example_extraction.events if e.type not in ("Statement", "Plan")]
    assert len(types) == len(set(types))


def test_worked_example_english_names(example_extraction):
    english = {e.name: e.english for e in example_extraction.entities}
    assert english["홍은택"] == "Hong Eun-taek"
    assert english["카카오"] == "Kakao"
    assert english["뉴스1"] == "News1"


def test_worked_example_events_times_and_cause(example_extraction):
    events = {e.type: e for e in example_extraction.events if e.type not in ("Statement", "Plan")}
    assert events["Fire"].time.value == "2022-10"
    assert events["ServiceOutage"].time.value == "2022-10"
    call = events["EarningsCall"]
    assert (call.time.value, call.time.precision, call.time.fiscal_period) == ("2022-11-03", "day", "2022-Q3")
    assert events["ServiceOutage"].id in events["Fire"].causes
    keys = {a.entity for a in events["Resignation"].arguments}
    assert {"Person/남궁훈", "Company/kakao"} <= keys
    assert {a.entity for a in call.arguments if a.role == "speaker"} == {"Person/홍은택"}
    plans = [e for e in example_extraction.events if e.type == "Plan"]
    assert len(plans) == 2


def test_worked_example_quotes_attributed(example_extraction):
    statements = [e for e in example_extraction.events if e.type == "Statement"]
    assert {a.entity for s in statements for a in s.arguments} == {"Person/홍은택"}
    assert statements[0].quote.startswith("최근 있었던 판교")
    assert statements[-1].quote.startswith("블랙아웃과 같은")


def test_worked_example_positions(example_extraction):
    positions = {(p.person, p.organization, p.title) for p in example_extraction.positions}
    assert positions == {
        ("Person/홍은택", "Company/kakao", "대표"), ("Person/남궁훈", "Company/kakao", "대표"),
        ("Person/정은지", "NewsOutlet/news1", "기자"), ("Person/이정후", "NewsOutlet/news1", "기자"),
    }


def test_worked_example_evidence_offsets_match_text(example_extraction):
    text = example_extraction.article.text
    for entity in example_extraction.entities:
        for m in entity.mentions:
            assert text[m.start:m.end] == m.text
    for event in example_extraction.events:
        for m in (event.trigger, *event.mentions):
            assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("metric,minimum", [
    ("entities_strict", 0.9), ("events", 0.8), ("quotes", 0.9),
])
def test_worked_example_evaluation_meets_the_bar(tmp_path, pipeline, metric, minimum):
    import shutil

    from kg.evaluate import evaluate_dir

    for path in EXAMPLE.parent.glob(EXAMPLE.stem + ".*"):
        shutil.copy(path, tmp_path / path.name)
    total = evaluate_dir(tmp_path, pipeline).total()
    assert total[metric].f1 >= minimum
    assert total["positions"].recall >= 0.75
    for meta in ("publisher", "authors", "published"):
        assert total[meta].f1 == 1.0
