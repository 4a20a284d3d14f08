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
