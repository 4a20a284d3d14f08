"""Hostile inputs and one check per pipeline stage, shared by tests/test_fuzz.py (a few hundred
inputs in CI) and benchmarks/fuzz.py (tens of thousands).

Each ``check_*`` function runs one stage on one input and raises ``StageFailure`` when the stage
crashed (an exception other than kg's own input errors) or wrote output that does not parse back.
Inputs a user may legitimately get an ``Error:`` for (an empty page, undecodable bytes) are fine:
the contract is a clear error, never a traceback.
"""

from __future__ import annotations

import html.parser
import json
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import strategies as st

from kg.errors import KgError

FRAGMENTS = [
    "카카오는", "삼성전자가", "3일", "지난해 3분기", "화재가 발생했다.", "대표는", "\"", "'", "“", "”", "‘", "’",
    "「", "」", "『", "』", "《", "》", "〈", "〉", "«", "»", "(", ")", "[", "]", "【", "】", "<", ">", "=",
    "(서울=뉴스1) 홍길동 기자 = ", "[이데일리 김아무 기자] ", "홍길동 기자 hong@example.com", "기자",
    "좋아요0 화나요0", "ⓒ 뉴스1 무단전재 및 재배포 금지", "관련기사", "#태그 #해시", "다른 기사 보기",
    "<script>alert('x')</script>", "<a href='x'>", "</p>", "&amp;", "&#0;", "\\", "\\u0000",
    "مرحبا بالعالم", "שלום", "\u202e", "\u202d", "\u200f", "😀", "👍🏽", "🇰🇷", "\u0301", "각",
    "\x00", "\x07", "\x1b[31m", "\r", "\n", "\t", "\u2028", "\u2029", "\u0085", "\u2005", "\u3000", "\ufeff",
    "\ud800", "\udfff", "\ufffe", "\U0010ffff", "가" * 3000, "a" * 3000, " " * 500, "다. " * 50,
    "홍길동 김아무 박아무 " * 20, "한국화물자동차운송사업연합회, " * 10, "{", "}", "\"text\":", "@prefix",
    "<http://x>", "_:b0", "^^", "@ko", ".", "\\n",
]

texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40),
                           st.characters(codec=None, exclude_categories=())), max_size=40).map("".join)


class StageFailure(Exception):
    """A stage crashed, hung or wrote output that does not parse back."""


def _pipeline():
    from kg.pipeline import Pipeline

    global _PIPELINE
    try:
        return _PIPELINE
    except NameError:
        _PIPELINE = Pipeline()
        return _PIPELINE


def _raw(text: str):
    from kg.model import RawArticle

    return RawArticle("fuzz", "fuzz.txt", text, "txt")


def _guard(stage: str, call):
    try:
        return call()
    except KgError:
        return None  # a clear error for the user: allowed
    except Exception as ex:  # noqa: BLE001 - that is what fuzzing looks for
        raise StageFailure(f"{stage}: {type(ex).__name__}: {ex}") from ex


def check_read(data: bytes, suffix: str) -> None:
    from kg.read import read_path

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"fuzz{suffix}"
        path.write_bytes(data)
        _guard("read", lambda: [r for r in read_path(path) if not isinstance(r, Exception)])


def check_clean(text: str) -> None:
    from kg.clean import clean
    from kg.lexicon import default_lexicon

    article = _guard("clean", lambda: clean(_raw(text), default_lexicon()))
    if article is not None:
        for reporter in article.reporters:
            if article.text[reporter.start:reporter.end] != reporter.name:
                raise StageFailure("clean: a reporter's offsets do not point at the name")


def check_analyze(text: str) -> None:
    from kg.clean import clean

    pipeline = _pipeline()
    article = _guard("clean", lambda: clean(_raw(text), pipeline.lexicon))
    if article is None or not article.text.strip():
        return
    document = _guard("analyze", lambda: pipeline.analyzer.analyze(article))
    for sentence in document.sentences:
        if sentence.text != article.text[sentence.start:sentence.end]:
            raise StageFailure("analyze: a sentence's offsets do not match its text")


def check_extract(text: str):
    extraction = _guard("extract", lambda: _pipeline().process(_raw(text)))
    if extraction is not None:
        for entity in extraction.entities:
            for mention in entity.mentions:
                if not 0 <= mention.start <= mention.end <= len(extraction.article.text):
                    raise StageFailure("extract: a mention lies outside the text")
    return extraction


RDF_FORMATS = {".ttl": "text/turtle", ".trig": "application/trig", ".nt": "application/n-triples",
               ".nq": "application/n-quads", ".jsonld": "application/ld+json"}


def check_rdf(text: str, directory: Path) -> Path | None:
    """Every RDF syntax kg writes parses back (pyoxigraph; rdflib for Turtle). Returns the TriG file."""
    import pyoxigraph as ox
    from rdflib import Dataset

    from kg.writer import article_quads, write_graphs

    extraction = check_extract(text)
    if extraction is None:
        return None
    quads = _guard("rdf", lambda: article_quads(extraction, _pipeline().lexicon))
    for suffix, media in RDF_FORMATS.items():
        path = directory / f"out{suffix}"
        _guard("rdf", lambda: write_graphs([quads], path))
        try:
            parsed = list(ox.parse(path=str(path), format=ox.RdfFormat.from_media_type(media)))
            if suffix == ".trig":
                Dataset().parse(str(path), format="trig")
        except Exception as ex:  # noqa: BLE001
            raise StageFailure(f"rdf {suffix}: does not parse back: {ex}") from ex
        if not parsed:
            raise StageFailure(f"rdf {suffix}: nothing was written")
    return directory / "out.trig"


class _Strict(html.parser.HTMLParser):
    pass


EXPORTS = ("graphml", "gexf", "cytoscape", "json", "dot", "csv", "html")


def check_exports(trig: Path, directory: Path) -> None:
    """Every exporter writes well-formed XML, JSON, HTML or DOT from the graph."""
    from kg.export import export

    for to in EXPORTS:
        output = directory / ("csv-out" if to == "csv" else f"out.{to}")
        _guard(f"export {to}", lambda: export(str(trig), to, str(output)))
        try:
            if to in ("graphml", "gexf"):
                ET.parse(output)
            elif to in ("cytoscape", "json"):
                json.loads(output.read_text(encoding="utf-8"))
            elif to == "html":
                page = output.read_text(encoding="utf-8")
                _Strict().feed(page)
                if "</html>" not in page:
                    raise ValueError("no </html>")
            elif to == "dot":
                if not output.read_text(encoding="utf-8").rstrip().endswith("}"):
                    raise ValueError("no closing brace")
            elif to == "csv":
                if not any(output.iterdir()):
                    raise ValueError("no files")
        except Exception as ex:  # noqa: BLE001
            raise StageFailure(f"export {to}: not well-formed: {ex}") from ex


def check_shacl(trig: Path) -> None:
    from kg.api import validate

    conforms, report = validate(str(trig))
    if not conforms:
        raise StageFailure(f"shacl: not valid: {report[:300]}")
