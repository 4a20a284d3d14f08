from __future__ import annotations

import pytest

from kg.analyze import MAX_CHUNK, chunks


@pytest.mark.parametrize("line", [
    "회사는 공장을 세웠다. " * 600,  # sentence ends: cut after one
    "가나다라마바사 " * 1000,  # no sentence end: cut at a space
    "가" * 7000,  # one token: hard cut
    "짧은 문장이다.",
])
def test_analyze_chunks_cover_a_long_line_in_order(line):
    pieces = chunks(line)
    assert "".join(text for _, text in pieces) == line
    assert all(len(text) <= MAX_CHUNK for _, text in pieces)
    assert [offset for offset, _ in pieces] == [sum(len(t) for _, t in pieces[:i]) for i in range(len(pieces))]
    if "다. " in line and len(line) > MAX_CHUNK:
        assert all(text.endswith("다. ") for _, text in pieces[:-1])


def test_analyze_one_long_line_keeps_offsets(pipeline):
    text = "제목 줄\n" + "카카오는 3일 판교에 새 데이터센터를 열었다. " * 300
    extraction = pipeline.process_text(text)
    document = extraction.document
    assert len(document.sentences) >= 290
    for sentence in document.sentences:
        assert sentence.text == document.article.text[sentence.start:sentence.end]
        assert all(document.article.text[t.start:t.end] for t in sentence.tokens)


def _sentences(document):
    return [(s.index, s.start, s.end, s.text, s.zone, s.tokens) for s in document.sentences]


def test_analyze_stream_gives_what_analyze_gives_in_order(pipeline):
    from kg.clean import clean
    from kg.model import RawArticle

    texts = [
        "네이버는 5일 춘천 데이터센터를 증설한다고 밝혔다.\n회사 측은 \"투자를 늘린다\"고 말했다.",
        "한화오션은 거제 조선소에서 새 선박을 진수했다. " + "x" * 150 + " 행사는 오후에 끝났다.",
        "y" * 120,  # nothing for Kiwi: one long run only
        "LG전자가 신제품을 공개했다. " * 200,  # a line cut into chunks
    ]
    articles = [clean(RawArticle(id=f"a{i}", source=f"a{i}.txt", text=t, format="txt"), pipeline.lexicon)
                for i, t in enumerate(texts)]
    items = [("a0", articles[0]), ("gap", None), ("a1", articles[1]), ("a2", articles[2]), ("a3", articles[3])]
    streamed = list(pipeline.analyzer.analyze_stream(iter(items)))
    assert [tag for tag, _ in streamed] == ["a0", "gap", "a1", "a2", "a3"]
    assert streamed[1][1] is None
    for (_, article), (_, document) in zip([i for i in items if i[1] is not None],
                                           [s for s in streamed if s[1] is not None]):
        assert document.article is article
        assert _sentences(document) == _sentences(pipeline.analyzer.analyze(article))
    assert list(pipeline.analyzer.analyze_stream(iter([]))) == []


def test_analyze_stream_pipeline_reports_bad_articles_in_their_turn(pipeline):
    from kg.errors import InputError
    from kg.model import RawArticle

    def raws():
        yield RawArticle(id="ok", source="ok.txt", text="카카오는 판교에서 새 서비스를 열었다.", format="txt")
        yield RawArticle(id="empty", source="empty.txt", text="   \n  ", format="txt")
        yield RawArticle(id="ok2", source="ok2.txt", text="SK하이닉스는 이천 공장을 증설한다.", format="txt")
        raise InputError("corpus.jsonl:4", "broken JSON", "fix the record")

    seen = []
    with pytest.raises(InputError, match="broken JSON"):
        for result in pipeline.stream(raws()):
            seen.append(result)
    assert [getattr(r, "source", None) or r.article.id for r in seen] == ["ok", "empty.txt", "ok2"]
    assert isinstance(seen[1], InputError) and "no article" in str(seen[1])
    assert seen[0].entities == pipeline.process(RawArticle(id="ok", source="ok.txt",
                                                           text="카카오는 판교에서 새 서비스를 열었다.",
                                                           format="txt")).entities
