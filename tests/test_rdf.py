"""RDF output: determinism, parsers, shapes, named graphs."""

from __future__ import annotations

import os
import subprocess
import sys

import pyoxigraph as ox
import pytest
from rdflib import XSD, Dataset, Graph, Literal, URIRef

from .conftest import EXAMPLE, ROOT


@pytest.mark.parametrize("ext", [".ttl", ".trig", ".nt", ".nq", ".jsonld"])
def test_rdf_same_input_same_bytes_across_processes(tmp_path, ext):
    """Two separate processes with different hash seeds write identical files."""
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}{ext}"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-m", "kg", "build", str(EXAMPLE), "-o", str(out)],
                       check=True, env=env, cwd=ROOT, capture_output=True)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] and len(outputs[0]) > 1000


def test_rdf_trig_parses_in_oxigraph_and_rdflib(example_trig):
    rdflib_ds = Dataset()
    rdflib_ds.parse(example_trig, format="trig")
    store = ox.Store()
    store.load(path=str(example_trig), format=ox.RdfFormat.TRIG)
    assert len(store) == len(rdflib_ds) > 300
    graphs = [g.value for g in store.named_graphs()]
    assert graphs == ["https://w3id.org/kgnews/id/graph/news1-kakao-2022-11-03"]


def test_rdf_output_conforms_to_shapes(example_trig):
    from kg.api import validate

    conforms, report = validate(str(example_trig))
    assert conforms, report


def test_rdf_shapes_catch_a_broken_graph(tmp_path, example_trig):
    from kg.api import validate

    broken = Dataset()
    broken.parse(example_trig, format="trig")
    text = broken.serialize(format="trig").replace("kg:quote", "kg:trigger", 1)
    path = tmp_path / "broken.trig"
    path.write_text(text, encoding="utf-8")
    conforms, report = validate(str(path))
    assert not conforms and "kg:quote" in report


def test_rdf_reingesting_replaces_the_article_graph(pipeline):
    from kg.rdf import add_extraction, new_dataset
    from kg.read import read_path

    (raw,) = list(read_path(EXAMPLE))
    extraction = pipeline.process(raw)
    dataset = new_dataset()
    add_extraction(dataset, extraction, pipeline.lexicon)
    first = len(dataset)
    add_extraction(dataset, extraction, pipeline.lexicon)
    assert len(dataset) == first


def test_rdf_turtle_is_the_union_of_article_graphs(tmp_path, pipeline):
    from kg.api import build, write

    out = tmp_path / "two.ttl"
    second = tmp_path / "second.txt"
    second.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    write(build([EXAMPLE, second], pipeline), out)
    graph = Graph().parse(out, format="turtle")
    from rdflib import RDF, URIRef
    companies = set(graph.subjects(RDF.type, URIRef("https://w3id.org/kgnews/ontology#Company")))
    assert len(companies) == 1  # the same company in two articles is one node
    articles = set(graph.subjects(RDF.type, URIRef("https://schema.org/NewsArticle")))
    assert len(articles) == 2


def test_rdf_every_example_article_conforms_to_shapes(tmp_path, pipeline):
    """All dev and test articles (text, HTML, JSONL, CP949) in one graph pass the SHACL shapes."""
    from kg.api import build, validate, write
    from kg.read import FORMATS

    files = sorted(p for d in ("dev", "test") for p in (ROOT / "examples" / d).iterdir() if p.suffix in FORMATS)
    assert len(files) >= 30
    out = tmp_path / "all.trig"
    write(build(files, pipeline), out)
    conforms, report = validate(str(out))
    assert conforms, report[:3000]


@pytest.mark.parametrize("ext,fmt", [(".jsonld", "json-ld"), (".nq", "nquads"), (".ttl", "turtle"), (".nt", "nt")])
def test_rdf_every_output_format_parses_to_the_same_triples(tmp_path, pipeline, ext, fmt):
    from kg.api import build, write

    dataset = build([EXAMPLE], pipeline)
    out = tmp_path / f"k{ext}"
    write(dataset, out)
    parsed = Dataset()
    parsed.parse(out, format=fmt)
    triples = {(s, p, o) for s, p, o, _ in parsed.quads((None, None, None, None))}
    expected = {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}
    assert triples == expected
    store = ox.Store()
    store.load(path=str(out), format={"json-ld": ox.RdfFormat.JSON_LD, "nquads": ox.RdfFormat.N_QUADS,
                                      "turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}[fmt])
    assert len({(q.subject, q.predicate, q.object) for q in store}) == len(expected)


@pytest.mark.parametrize("term", [
    URIRef("https://example.org/a"),
    Literal("판교 데이터센터"),
    Literal("판교 데이터센터", lang="ko"),
    Literal(3, datatype=XSD.nonNegativeInteger),
    Literal("2024-03-05", datatype=XSD.date),
    Literal("0.80", datatype=XSD.decimal),
])
def test_rdf_terms_round_trip_between_rdflib_and_pyoxigraph(term):
    from kg.terms import from_ox, to_ox

    back = from_ox(to_ox(term))
    assert back == term and type(back) is type(term) and str(back) == str(term)


def test_rdf_terms_namespace_refuses_undefined_names():
    from kg.namespace import KG
    from kg.terms import OxNamespace

    kg = OxNamespace(KG)
    assert kg.Fire.value == str(KG.Fire) and kg["Fire"] is kg.Fire
    with pytest.raises(AttributeError):
        kg["NoSuchClass"]
