"""The learned name tagger (kg.ner): type mapping, training data, labels, and what it finds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.model import Token

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("nikl,expected", [
    ("PS_NAME", "Person"),
    ("OGG_ECONOMY", "Company"),
    ("OGG_MEDIA", "NewsOutlet"),
    ("OGG_POLITICS", "Organization"),
    ("OGG_LAW", "Organization"),
    ("OGG_EDUCATION", "Organization"),
    ("LCP_CITY", "Location"),
    ("LCP_COUNTRY", "Location"),
    ("LCG_MOUNTAIN", "Location"),
    ("AF_BUILDING", "Facility"),
    ("TMI_SERVICE", "Product"),
    ("AFW_OTHER_PRODUCTS", "Product"),
    ("PS_CHARACTER", None),     # fictional characters are not people kg records
    ("AF_TRANSPORT", None),     # 버스, 여객기: vehicle types, mostly common nouns
    ("TMI_HW", None),           # 스마트폰, 노트북
    ("CV_OCCUPATION", None),
    ("DT_DAY", None),
    ("QT_PRICE", None),
])
def test_ner_nikl_types_map_to_kg_classes(nikl, expected):
    from kg.ner import load_nikl_classes

    assert load_nikl_classes().get(nikl) == expected


def test_ner_every_tagset_type_is_decided():
    from kg.ner import load_nikl_classes

    mapping = load_nikl_classes()
    tagset = (ROOT / "data" / "ner" / "NIKL_NE_2021_TAGSET_150.tsv").read_text(encoding="utf-8").splitlines()[1:]
    codes = {line.split("\t")[0] for line in tagset if line}
    assert len(codes) == 150
    assert set(mapping) <= codes  # no typo in the mapping table


@pytest.mark.parametrize("row,message", [
    ("PS_NAME\tHuman\tpeople", "rule 1 (PS_NAME): class 'Human'"),
    ("\tPerson\tno id", "rule 1 (no id)"),
])
def test_ner_bad_mapping_row_names_file_and_rule(tmp_path, row, message):
    from kg.ner import load_nikl_classes

    path = tmp_path / "map.tsv"
    path.write_text("id\tclass\twhy\n" + row + "\n", encoding="utf-8")
    with pytest.raises(KgError) as info:
        load_nikl_classes(path)
    assert str(path) in str(info.value) and message in str(info.value)


def test_ner_reads_character_bio_sentences(tmp_path):
    from kg.ner import load_nikl_classes
    from kg.ner.train import read_konec

    lines = ["## columns: CHAR<TAB>NE_TAG", "", "## s1-wikitree\t박민 대표", "박\tB-PS_NAME", "민\tI-PS_NAME",
             "\tO", "대\tB-CV_POSITION", "표\tI-CV_POSITION", "", "## s2-nsmc\t서울 좋다", "서\tB-LCP_CAPITALCITY",
             "울\tI-LCP_CAPITALCITY", "\tO", "좋\tO", "다\tO", ""]
    path = tmp_path / "ner.tsv"
    path.write_text("\n".join(lines), encoding="utf-8")
    first, second = read_konec(path, load_nikl_classes())
    assert (first.text, first.spans, first.source) == ("박민 대표", ((0, 2, "Person"),), "news")
    assert (second.text, second.spans, second.source) == ("서울 좋다", ((0, 2, "Location"),), "reviews")


def _tokens(*spec):
    return [Token(form, tag, start, end) for form, tag, start, end in spec]


@pytest.mark.parametrize("tokens,spans,labels", [
    (_tokens(("박민", "NNP", 0, 2), ("대표", "NNG", 3, 5)), [(0, 2, "Person")], ["B-PS", "O"]),
    (_tokens(("한빛", "NNP", 0, 2), ("전자", "NNG", 2, 4), ("가", "JKS", 4, 5)), [(0, 4, "Company")],
     ["B-CO", "I-CO", "O"]),
    (_tokens(("서울", "NNP", 0, 2), ("부산", "NNP", 3, 5)), [(0, 2, "Location"), (3, 5, "Location")],
     ["B-LC", "B-LC"]),
])
def test_ner_character_spans_become_token_labels(tokens, spans, labels):
    from kg.ner.train import token_labels

    assert token_labels(tokens, spans) == labels


def test_ner_label_runs_become_spans():
    from kg.ner import spans_from_labels

    tokens = _tokens(("한빛", "NNP", 0, 2), ("전자", "NNG", 2, 4), ("의", "JKG", 4, 5), ("박민", "NNP", 6, 8))
    assert spans_from_labels(tokens, ["B-CO", "I-CO", "O", "I-PS"]) == [(0, 4, "Company"), (6, 8, "Person")]


def test_ner_training_is_deterministic(tmp_path, pipeline):
    """The same sentences give the same model bytes (scripts/train-ner relies on it)."""
    from kg.ner.features import FeatureContext
    from kg.ner.train import Example, tokenize, train

    examples = [Example("a", "박민수 대표는 서울에서 한빛전자를 세웠다.", ((0, 3, "Person"), (8, 10, "Location"), (14, 18, "Company")), "dev"),
                Example("b", "정다은 사장이 부산 공장을 찾았다.", ((0, 3, "Person"), (8, 10, "Location")), "dev")]
    items = list(tokenize(examples, pipeline.lexicon))
    ctx = FeatureContext(pipeline.lexicon)
    train(items, ctx, tmp_path / "one.crfsuite")
    train(items, ctx, tmp_path / "two.crfsuite")
    assert (tmp_path / "one.crfsuite").read_bytes() == (tmp_path / "two.crfsuite").read_bytes()


def test_ner_shipped_model_is_small_and_licensed():
    from kg.ner import MODEL_PATH

    assert MODEL_PATH.stat().st_size < 20_000_000
    assert (MODEL_PATH.parent / "LICENSE-CC-BY-SA-4.0.md").exists()
    assert "CC BY-SA" in (MODEL_PATH.parent / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def run(pipeline):
    def run(body: str, tagger: bool = True):
        from kg.analyze import get_analyzer
        from kg.clean import clean
        from kg.extract import extract
        from kg.model import RawArticle

        raw = RawArticle(id="t", source="t", text="제목 줄입니다\n" + body, format="txt", published=dt.date(2024, 3, 5))
        document = get_analyzer(pipeline.lexicon).analyze(clean(raw, pipeline.lexicon))
        return extract(document, pipeline.lexicon, tagger=tagger)
    return run


def names(extraction, etype):
    return {e.name for e in extraction.entities if e.type == etype}


@pytest.mark.parametrize("body,etype,name", [
    # people without a title
    ("행사에는 가수 윤하람과 배우 서지혁이 참석했다.", "Person", "윤하람"),
    ("이 회사를 세운 최도윤은 지난해 회사를 떠났다.", "Person", "최도윤"),
    # foreign names in Hangul
    ("그는 저스틴 비버와 아리아나 그란데를 발굴한 인물이다.", "Person", "저스틴 비버"),
    ("인디애나주의 에릭 홀컴 주지사가 공장을 방문했다.", "Person", "에릭 홀컴"),
    # places and organisations no gazetteer lists
    ("그는 강원도 정선군 사북리에서 태어났다.", "Location", "사북리"),
    ("회의는 세종시 어진동의 청사에서 열렸다.", "Location", "어진동"),
    ("회사는 볼리비아 코차밤바에 공장을 세운다.", "Location", "볼리비아"),
])
def test_ner_tagger_finds_names_no_rule_knows(run, body, etype, name):
    assert name in names(run(body), etype)


def test_ner_rules_alone_miss_what_the_tagger_finds(run):
    body = "그는 저스틴 비버와 아리아나 그란데를 발굴한 인물이다."
    assert "저스틴 비버" not in names(run(body, tagger=False), "Person")
    assert "저스틴 비버" in names(run(body, tagger=True), "Person")


@pytest.mark.parametrize("body,absent", [
    ("그는 한국어와 영어를 모두 쓴다.", "한국어"),           # a language, not a person
    ("노조는 파업을 예고했다.", "노조"),                      # a bare cue word
    ("김민수씨는 현장에 있었다.", "김민수씨"),                # 씨 is not part of the name
    ("회사는 IT시스템을 점검했다.", "IT시스템"),               # a Latin word glued to a common noun
    ("유선 인터넷이 끊겼다.", "유선"),                          # a common noun that looks like a name
    ("그는 항공산업을 키우겠다고 했다.", "항공산업"),           # a weak company cue after a common noun
])
def test_ner_tagger_spans_that_are_not_names_are_dropped(run, body, absent):
    ex = run(body)
    assert all(absent != e.name for e in ex.entities)


def test_ner_model_features_only_same_spans(pipeline):
    """The tagger is given only the features its model has weights for: the spans and their
    probabilities are those of every feature given."""
    from kg.ner import get_tagger
    from kg.ner.features import FeatureContext
    from kg.ner.tagger import Tagger

    filtered = get_tagger(pipeline.lexicon)
    filtered.context  # loads the model
    assert filtered.context.known and b"BOS" in filtered.context.known
    everything = Tagger(pipeline.lexicon)
    everything._load()
    everything._context = FeatureContext(pipeline.lexicon)  # known is None: every feature
    text = ("한빛전자 박민수 대표는 3일 서울 본사에서 가나바이오와 업무협약을 맺었다고 밝혔다. "
            "정다은 다라금융 부사장은 \"부산 공장 증설을 검토한다\"고 말했다.")
    document = pipeline.analyzer.analyze(pipeline.process_text(text, id="ner-known").document.article)
    for sentence in document.sentences:
        assert filtered.tag(sentence.tokens, document.article.text) == everything.tag(sentence.tokens, document.article.text)
    spans = [span for sentence in document.sentences for span in filtered.tag(sentence.tokens, document.article.text)]
    assert any(span.type == "Person" for span in spans)
