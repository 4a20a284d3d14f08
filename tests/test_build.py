"""Corpus builds: streaming output, the reject policy, output checked before work, hostile text."""

from __future__ import annotations

import json
import os

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

from kg.cli import main

from .conftest import EXAMPLE

OX = {".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG, ".nt": ox.RdfFormat.N_TRIPLES,
      ".nq": ox.RdfFormat.N_QUADS, ".jsonld": ox.RdfFormat.JSON_LD}
RDFLIB = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld"}
SENTENCE = "한빛전자는 12일 경기 평택 공장에서 신제품 발표회를 열었다고 밝혔다."


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def jsonl(path, *records) -> str:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records),
                    encoding="utf-8")
    return str(path)


def parse_both(path) -> set:
    """The triples of an output file, read by pyoxigraph and by rdflib (they must agree)."""
    suffix = path.suffix
    store = ox.Store()
    store.load(path=str(path), format=OX[suffix])
    ox_triples = {(q.subject.value, q.predicate.value, str(q.object)) for q in store}
    data = Dataset() if suffix in (".trig", ".nq", ".jsonld") else Graph()
    data.parse(path, format=RDFLIB[suffix])
    quads = data.quads((None, None, None, None)) if isinstance(data, Dataset) else ((s, p, o, None) for s, p, o in data)
    assert len({(s, p, o) for s, p, o, _ in quads}) == len(ox_triples)
    return ox_triples


def test_build_bad_record_is_reported_and_the_rest_built(runner, tmp_path):
    source = jsonl(tmp_path / "news.jsonl", {"id": "n1", "text": SENTENCE}, '{"id": "n2", "text": ',
                   {"id": "n3", "text": "한빛전자 대표가 사임했다고 회사가 13일 밝혔다."})
    out, rejects = tmp_path / "out.nq", tmp_path / "rejects.jsonl"
    result = runner.invoke(main, ["build", source, "-o", str(out), "--rejects", str(rejects)])
    assert result.exit_code == 3, result.output
    assert f"Error: {source}:2: broken JSON" in result.output
    assert "from 2 article(s)" in result.output and "skipped 1 of 3 input(s): 1 broken JSON" in result.output
    graphs = {q.graph_name.value.rsplit("/", 1)[1] for q in ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS)}
    assert graphs == {"n1", "n3"}
    (reject,) = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    assert reject["source"] == source and reject["line"] == 2 and reject["problem"].startswith("broken JSON")
    assert reject["hint"]


def test_build_strict_stops_at_the_first_bad_record(runner, tmp_path):
    source = jsonl(tmp_path / "news.jsonl", {"id": "n1", "text": SENTENCE}, {"id": "n2"})
    out = tmp_path / "out.nq"
    result = runner.invoke(main, ["build", source, "-o", str(out), "--strict"])
    assert result.exit_code == 1 and result.output.startswith(f"Error: {source}:2: the record has no 'text'")
    assert not out.exists()


def test_build_nothing_built_writes_nothing(runner, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "out.trig"
    out.write_text("previous", encoding="utf-8")
    result = runner.invoke(main, ["build", str(empty), "-o", str(out)])
    assert result.exit_code == 1
    assert out.read_text(encoding="utf-8") == "previous"


def test_build_duplicate_article_id_is_a_bad_record(runner, tmp_path):
    first = jsonl(tmp_path / "a.jsonl", {"id": "same", "text": SENTENCE})
    second = jsonl(tmp_path / "b.jsonl", {"id": "same", "text": SENTENCE})
    result = runner.invoke(main, ["build", first, second, "-o", str(tmp_path / "o.nq")])
    assert result.exit_code == 3 and "duplicate article id 'same'" in result.output


@pytest.mark.parametrize("output,message", [
    ("{tmp}", "is a directory"),
    ("{tmp}/missing/out.trig", "does not exist"),
    ("{tmp}/file.txt/out.trig", "is not a directory"),
    ("{tmp}/out.xyz", "cannot tell the RDF format"),
])
def test_build_output_is_checked_before_any_work(runner, tmp_path, monkeypatch, output, message):
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")

    def no_work(*_):
        raise AssertionError("the pipeline was started before the output was checked")

    monkeypatch.setattr("kg.cli._pipeline", no_work)
    result = runner.invoke(main, ["build", str(EXAMPLE), "-o", output.format(tmp=tmp_path)])
    assert result.exit_code == 1 and result.output.startswith("Error: ") and message in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_build_unwritable_output_directory_is_checked_before_any_work(runner, tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    monkeypatch.setattr("kg.cli._pipeline", lambda *_: pytest.fail("work started"))
    result = runner.invoke(main, ["build", str(EXAMPLE), "-o", str(locked / "out.trig")])
    assert result.exit_code == 1 and "permission denied" in result.output


@pytest.mark.parametrize("suffix", list(OX))
def test_build_hostile_text_and_ids_round_trip_in_every_format(runner, tmp_path, suffix):
    """Line and paragraph separators inside literals, a lone surrogate from a JSON escape, and
    article ids that are awkward in IRIs all give output that two parsers read back."""
    text = f"{SENTENCE}\u2028다음 줄\u0085그리고 \u2029끝.\n한빛전자는 \ud800 부품을 공급한다."
    source = jsonl(tmp_path / "hostile.jsonl",
                   *({"id": article_id, "title": "제목\u2028둘째", "text": text}
                     for article_id in ("ends-with-dot.", "x y#z", "한글 기사.", "..", "a/b?c")))
    out = tmp_path / f"out{suffix}"
    result = runner.invoke(main, ["build", source, "-o", str(out)])
    assert result.exit_code == 0, result.output
    triples = parse_both(out)
    identifiers = {o for s, p, o in triples if p == "https://schema.org/identifier"}
    assert identifiers == {'"ends-with-dot."', '"x y#z"', '"한글 기사."', '".."', '"a/b?c"'}
    assert not any("\ud800" in o for _, _, o in triples)


@pytest.mark.parametrize("suffix", list(OX))
def test_writer_keeps_line_separators_inside_literals(tmp_path, suffix):
    from kg.writer import write_graphs

    text = "첫 줄\u2028둘째 줄\u0085셋째\u2029넷째\r\n다섯째 \"인용\" \\ 끝"
    graph = ox.NamedNode("https://w3id.org/kgnews/id/graph/g")
    quads = [ox.Quad(ox.NamedNode("https://w3id.org/kgnews/id/article/g"), ox.NamedNode("https://schema.org/headline"),
                     ox.Literal(text, language="ko"), graph)]
    out = tmp_path / f"out{suffix}"
    assert write_graphs([quads], out) == 1
    ((_, _, literal),) = parse_both(out)
    assert literal == str(ox.Literal(text, language="ko"))


def test_build_union_formats_write_shared_triples_once(runner, tmp_path):
    """Two articles naming the same company: N-Triples has each triple once, and the same
    triples as the union of the N-Quads graphs."""
    source = jsonl(tmp_path / "two.jsonl", {"id": "one", "text": SENTENCE},
                   {"id": "two", "text": "한빛전자는 13일 신제품 출시를 연기했다고 밝혔다."})
    for suffix in (".nt", ".nq"):
        assert runner.invoke(main, ["build", source, "-o", str(tmp_path / f"o{suffix}")]).exit_code == 0
    lines = (tmp_path / "o.nt").read_bytes().split(b"\n")
    assert len(lines) == len(set(lines))
    union = {(q.subject, q.predicate, q.object) for q in ox.parse(path=str(tmp_path / "o.nq"), format=ox.RdfFormat.N_QUADS)}
    assert {(t.subject, t.predicate, t.object) for t in ox.parse(path=str(tmp_path / "o.nt"), format=ox.RdfFormat.N_TRIPLES)} == union


def test_build_big_jsonl_is_read_line_by_line(tmp_path):
    """A JSON Lines corpus is streamed: a bad line deep in the file is one bad record, the lines
    around it are read, and a raw U+2028 stays inside its record."""
    from kg.errors import InputError
    from kg.read import read_path

    path = tmp_path / "big.jsonl"
    filler = "가" * 2000
    with path.open("wb") as handle:
        for n in range(300):  # > 1 MB of UTF-8 before the bad line
            handle.write(json.dumps({"id": f"a{n}", "text": f"{filler} {n}"}, ensure_ascii=False).encode() + b"\n")
        handle.write(b'{"id": "bad", "text": "\xb0\xa1\xb3\xaa"}\n')  # CP949 bytes in a UTF-8 file
        handle.write(json.dumps({"id": "last", "text": "줄\u2028바꿈"}, ensure_ascii=False).encode() + b"\n")
    items = list(read_path(path, record_errors=True))
    errors = [item for item in items if isinstance(item, InputError)]
    assert len(items) == 302 and len(errors) == 1 and errors[0].line == 301 and "not UTF-8" in errors[0].problem
    assert items[-1].id == "last" and items[-1].text == "줄\u2028바꿈"
