"""Hostile labels (markup, quotes, ampersands, emoji, control characters, a closing script tag)
survive every export format, read back by the format's consumer, and never become markup in the
HTML viewer.

XML cannot hold C0 control characters other than tab, newline and carriage return, so GraphML,
GEXF and DOT (rendered to SVG) carry U+FFFD in their place; every other format keeps the text
exactly."""

from __future__ import annotations

import csv
import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from kg.export import FORMATS, export
from kg.export.common import xml_text

from .conftest import require_tool
from .test_export_viewer import dom

KG = "https://w3id.org/kgnews/ontology#"
KGR = "https://w3id.org/kgnews/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
# Each under 40 characters, so DOT shows it whole.
HOSTILE = {
    KGR + "company/evil": "</script><script>alert(1)</script>",
    KGR + "person/evil": "<img src=x onerror=alert(2)> & \"q\" 'a'",
    KGR + "event/h1/fire-1": "화재 🔥 <b>&amp;</b>\x01\x07\x1f\\ \u2028 끝",
}
HEADLINE = "<script>alert(3)</script> 헤드라인 & \"인용\""
SENTENCE = "문장 </script><img src=y onerror=alert(5)> 끝."


def hostile_quads() -> list[ox.Quad]:
    g = ox.NamedNode(KGR + "graph/h1")
    article, mention, sentence = (ox.NamedNode(KGR + p) for p in ("article/h1", "mention/h1/0-4", "sentence/h1/0"))
    company, person, event = (ox.NamedNode(iri) for iri in HOSTILE)

    def q(s, p, o):
        return ox.Quad(s, ox.NamedNode(p), o, g)

    def a(s, cls):
        return q(s, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", ox.NamedNode(cls))

    quads = [
        a(article, "https://schema.org/NewsArticle"),
        q(article, "https://schema.org/identifier", ox.Literal("h1")),
        q(article, "https://schema.org/headline", ox.Literal(HEADLINE, language="ko")),
        q(article, "https://schema.org/datePublished", ox.Literal("2022-11-03", datatype=ox.NamedNode(XSD + "date"))),
        q(article, "https://schema.org/url", ox.Literal("javascript:alert(4)", datatype=ox.NamedNode(XSD + "anyURI"))),
        a(company, KG + "Company"), a(person, KG + "Person"), a(event, KG + "Fire"),
        q(event, "http://semanticweb.cs.vu.nl/2009/11/sem/hasTimeStamp", ox.Literal("2022-10", datatype=ox.NamedNode(XSD + "gYearMonth"))),
        q(event, KG + "organization", company), q(event, KG + "person", person),
        a(mention, KG + "Mention"), q(mention, KG + "sentence", sentence),
        a(sentence, KG + "Sentence"), q(sentence, "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf", ox.Literal(SENTENCE)),
    ]
    for node, label in zip((company, person, event), HOSTILE.values()):
        quads += [q(node, LABEL, ox.Literal(label, language="ko")), q(node, "http://www.w3.org/ns/prov#wasDerivedFrom", article),
                  q(node, KG + "evidence", mention)]
    return quads


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    directory = tmp_path_factory.mktemp("hostile")
    source = directory / "hostile.nq"
    source.write_bytes(ox.serialize(hostile_quads(), format=ox.RdfFormat.N_QUADS))
    paths = {fmt: directory / f"out.{fmt}" for fmt in FORMATS}
    for fmt, path in paths.items():
        export(source, fmt, path)
    return source, paths


def read_graphml(path: Path) -> dict[str, str]:
    return dict(nx.read_graphml(path).nodes(data="label"))


def read_graphml_igraph(path: Path) -> dict[str, str]:
    igraph = pytest.importorskip("igraph")
    g = igraph.Graph.Read_GraphML(str(path))
    return dict(zip(g.vs["id"], g.vs["label"]))


def read_gexf(path: Path) -> dict[str, str]:
    return dict(nx.read_gexf(path, version="1.3").nodes(data="label"))


def read_cytoscape(path: Path) -> dict[str, str]:
    return {n["data"]["id"]: n["data"]["label"] for n in json.loads(path.read_text(encoding="utf-8"))["elements"]["nodes"]}


def read_d3(path: Path) -> dict[str, str]:
    return {n["id"]: n["label"] for n in json.loads(path.read_text(encoding="utf-8"))["nodes"]}


def read_csv(path: Path) -> dict[str, str]:
    with open(path / "nodes.csv", encoding="utf-8", newline="") as handle:
        return {row["id:ID"]: row["label"] for row in csv.DictReader(handle)}


def read_dot(path: Path) -> dict[str, str]:
    """Graphviz's SVG: node id (the <title>) -> the text drawn on the node."""
    svg = path.with_suffix(".svg")
    subprocess.run([require_tool("dot"), "-Tsvg", str(path), "-o", str(svg)], check=True, timeout=60)
    ns = "{http://www.w3.org/2000/svg}"
    nodes = {}
    for group in ET.parse(svg).getroot().iter(f"{ns}g"):
        if group.get("class") == "node":
            nodes[group.find(f"{ns}title").text] = "".join("".join(t.itertext()) for t in group.iter(f"{ns}text"))
    return nodes


def read_rdf(fmt: ox.RdfFormat):
    def read(path: Path) -> dict[str, str]:
        return {q.subject.value: q.object.value for q in ox.parse(path=str(path), format=fmt) if q.predicate.value == LABEL}
    return read


def read_rdflib(fmt: str):
    def read(path: Path) -> dict[str, str]:
        import rdflib

        dataset = rdflib.Dataset()
        dataset.parse(path, format=fmt)
        return {str(s): str(o) for s, p, o, _ in dataset.quads((None, rdflib.URIRef(LABEL), None, None))}
    return read


XML_SAFE, EXACT = xml_text, (lambda text: text)
READERS = [
    ("graphml", read_graphml, XML_SAFE), ("graphml", read_graphml_igraph, XML_SAFE), ("gexf", read_gexf, XML_SAFE),
    ("dot", read_dot, XML_SAFE), ("cytoscape", read_cytoscape, EXACT), ("json", read_d3, EXACT),
    ("csv", read_csv, EXACT), ("ttl", read_rdf(ox.RdfFormat.TURTLE), EXACT), ("trig", read_rdf(ox.RdfFormat.TRIG), EXACT),
    ("nt", read_rdf(ox.RdfFormat.N_TRIPLES), EXACT), ("nq", read_rdf(ox.RdfFormat.N_QUADS), EXACT),
    ("jsonld", read_rdf(ox.RdfFormat.JSON_LD), EXACT), ("jsonld", read_rdflib("json-ld"), EXACT),
    ("trig", read_rdflib("trig"), EXACT), ("ttl", read_rdflib("turtle"), EXACT),
]


@pytest.mark.parametrize("fmt,read,expected", READERS, ids=[f"{f}-{r.__name__}" for f, r, _ in READERS])
def test_export_hostile_labels_survive(hostile, fmt, read, expected):
    _, paths = hostile
    labels = read(paths[fmt])
    for node, label in HOSTILE.items():
        assert labels[node] == expected(label)


def test_export_hostile_formats_are_all_covered():
    assert {fmt for fmt, _, _ in READERS} == set(FORMATS) - {"html"}


def test_export_hostile_html_keeps_text_out_of_the_markup(hostile):
    _, paths = hostile
    html = paths["html"].read_text(encoding="utf-8")
    assert "</script><script>alert" not in html and "<img src" not in html
    assert html.count("</script>") == 3


@pytest.mark.browser
@pytest.mark.parametrize("fragment", [{"search": "alert"}, {"node": KGR + "company/evil"},
                                      {"node": KGR + "event/h1/fire-1"}])
def test_export_hostile_html_shows_text_never_markup_in_chromium(hostile, tmp_path, fragment):
    _, paths = hostile
    document = dom(paths["html"], tmp_path / "profile", **fragment)
    assert len(document.xpath("//script")) == 3
    assert not document.xpath("//img | //b | //script[contains(., 'alert(')][not(@type)]")
    assert not document.xpath("//a[starts-with(@href, 'javascript:')]")
    text = document.text_content()
    if "search" in fragment:
        items = [li.text_content() for li in document.xpath('//*[@id="matches"]/li')]
        assert HOSTILE[KGR + "company/evil"] in items and HOSTILE[KGR + "person/evil"] in items
    else:
        assert document.xpath('//*[@id="panel"]/h2')[0].text_content() == HOSTILE[fragment["node"]]
        assert SENTENCE in text and HEADLINE in text


@pytest.mark.browser
def test_export_hostile_html_policy_blocks_any_other_script(hostile, tmp_path):
    """Defence in depth: even a script that got into the page would not run (the
    Content-Security-Policy allows only the viewer's two scripts, by hash)."""
    _, paths = hostile
    page = tmp_path / "injected.html"
    html = paths["html"].read_text(encoding="utf-8")
    page.write_text(html.replace("</body>", "<script>document.body.dataset.injected = 'yes';</script></body>"), encoding="utf-8")
    document = dom(page, tmp_path / "profile")
    assert document.xpath("//body/@data-injected") == []
