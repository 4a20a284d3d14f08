"""Exports for visualization tools: the projection, every format read back by a real consumer,
determinism, and the CLI's error lines. (The HTML viewer in Chromium: test_export_viewer.py;
hostile labels through every format: test_export_hostile.py.)"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.export import FORMATS, export
from kg.export.project import project
from kg.model import ENTITY_TYPES, EVENT_TYPES
from kg.store import Source

from .conftest import ROOT, require_tool

KGR = "https://w3id.org/kgnews/id/"
KAKAO = KGR + "company/kakao"
GEXF = "{http://gexf.net/1.3}"
GRAPH_FORMATS = ["graphml", "gexf", "cytoscape", "json", "dot", "csv", "html"]
RDF_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nt": ox.RdfFormat.N_TRIPLES,
               "nq": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD}
RDFLIB_FORMATS = {"ttl": "turtle", "trig": "trig", "nt": "nt", "nq": "nquads", "jsonld": "json-ld"}


@pytest.fixture(scope="module")
def graph(example_trig):
    return project(example_trig)


@pytest.fixture(scope="module")
def exports(example_trig, tmp_path_factory):
    """Every format of the worked example, exported once: {format: path}."""
    directory = tmp_path_factory.mktemp("exports")
    paths = {}
    for fmt in FORMATS:
        paths[fmt] = directory / f"kakao.{fmt}"
        export(example_trig, fmt, paths[fmt])
    return paths


def by_label(graph, label):
    (node,) = [n for n, d in graph.nodes(data=True) if d.get("label") == label]
    return node


def find_event(graph, event_type):
    return next(n for n, d in graph.nodes(data=True) if d["type"] == event_type)


# -- the projection ------------------------------------------------------------------------------

def test_export_projection_nodes_are_entities_and_events_with_plain_attributes(graph, example_trig):
    assert {d["kind"] for _, d in graph.nodes(data=True)} == {"entity", "event"}
    assert all(d["type"] in ENTITY_TYPES + EVENT_TYPES for _, d in graph.nodes(data=True))
    for _, data in graph.nodes(data=True):
        assert all(type(v) in (str, int, float, bool) for v in data.values())
    for _, _, data in graph.edges(data=True):
        assert all(type(v) in (str, int, float, bool) for v in data.values())
    src = ox.Store()
    src.bulk_load(path=str(example_trig), format=ox.RdfFormat.TRIG)
    classes = " ".join(f"<https://w3id.org/kgnews/ontology#{t}>" for t in ENTITY_TYPES + EVENT_TYPES)
    (row,) = src.query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ VALUES ?c {{ {classes} }} GRAPH ?g {{ ?x a ?c }} }}")
    assert graph.number_of_nodes() == int(row[0].value)


def test_export_projection_aggregates_the_worked_example(graph):
    kakao = graph.nodes[KAKAO]
    assert (kakao["label"], kakao["label_en"], kakao["type"], kakao["articles"]) == ("카카오", "Kakao", "Company", 1)
    assert kakao["first_seen"] == kakao["last_seen"] == "2022-11-03"
    assert kakao["sources"] == "news1-kakao-2022-11-03" and "카카오" in kakao["evidence"]
    fire, outage = find_event(graph, "Fire"), find_event(graph, "ServiceOutage")
    assert graph.nodes[fire]["date"] == "2022-10"
    assert (graph.nodes[fire]["start"], graph.nodes[fire]["end"]) == ("2022-10-01", "2022-10-31")
    assert any(d["type"] == "causes" for d in graph.get_edge_data(fire, outage).values())
    speaker = by_label(graph, "홍은택")
    call = find_event(graph, "EarningsCall")
    assert {d["type"] for d in graph.get_edge_data(call, speaker).values()} == {"speaker"}
    positions = [d for d in graph.get_edge_data(speaker, KAKAO).values() if d["type"] == "position"]
    assert positions and positions[0]["title"] == "대표" and positions[0]["label_ko"] == "대표"
    assert graph.graph["articles"]["news1-kakao-2022-11-03"]["published"] == "2022-11-03"


def types_of(g, kind=None):
    return {d["type"] for _, d in g.nodes(data=True) if kind is None or d["kind"] == kind}


@pytest.mark.parametrize("options,check", [
    ({"focus": "카카오", "hops": 1}, lambda g, full: set(g) == {KAKAO, *nx.all_neighbors(full, KAKAO)}),
    ({"focus": "Kakao", "hops": 0}, lambda g, full: set(g) == {KAKAO}),
    ({"types": "Company,Fire"}, lambda g, full: types_of(g) == {"Company", "Fire"}),
    ({"focus": "홍은택", "types": ["Fire"]}, lambda g, full: types_of(g) <= {"Fire", "Person"}),
    ({"since": "2022-10", "until": "2022-10"}, lambda g, full: types_of(g, "event") == {"Fire", "ServiceOutage"}),
    ({"since": "2022-11-04"}, lambda g, full: g.number_of_nodes() == 0),
    ({"statements": False}, lambda g, full: "Statement" not in types_of(g) and "Fire" in types_of(g)),
])
def test_export_projection_options_select_nodes(example_trig, graph, options, check):
    assert check(project(example_trig, **options), graph)


@pytest.mark.parametrize("value,span", [
    ("2022-11-03", ("2022-11-03", "2022-11-03")), ("2022-10", ("2022-10-01", "2022-10-31")),
    ("2024-02", ("2024-02-01", "2024-02-29")), ("2022", ("2022-01-01", "2022-12-31")),
    ("2022-13", None), ("2022-02-30", None), ("2022-Q3", None), ("", None), (None, None),
])
def test_export_time_span_of_a_date_of_any_precision(value, span):
    from kg.export.project import time_span

    assert time_span(value) == span


def test_export_queries_agree_with_the_model_and_the_ontology():
    queries = ROOT / "kg" / "export" / "queries"
    classes = re.findall(r"kg:(\w+)", (queries / "nodes.rq").read_text(encoding="utf-8").split("VALUES", 1)[1])
    assert classes == list(ENTITY_TYPES + EVENT_TYPES)
    links = set(re.findall(r'\(kg:(\w+) "(\w+)"\)', (queries / "links.rq").read_text(encoding="utf-8")))
    assert all(a == b for a, b in links)
    ontology = ox.Store()
    ontology.bulk_load(path=str(ROOT / "ontologies" / "kg.ttl"), format=ox.RdfFormat.TURTLE)
    roles = {row[0].value.rsplit("#", 1)[1] for row in ontology.query(
        "SELECT ?p WHERE { VALUES ?top { <https://w3id.org/kgnews/ontology#participant> "
        "<https://w3id.org/kgnews/ontology#place> } ?p <http://www.w3.org/2000/01/rdf-schema#subPropertyOf> ?top }")}
    assert {a for a, _ in links} == roles | {"causes", "ownedBy"}


# -- formats, read back by their consumers -------------------------------------------------------------

def test_export_graphml_reads_back_in_networkx_and_igraph(exports, graph):
    igraph = pytest.importorskip("igraph")
    back = nx.read_graphml(exports["graphml"], force_multigraph=True)
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert back.nodes[KAKAO]["label"] == "카카오" and back.nodes[KAKAO]["articles"] == 1
    assert isinstance(back.nodes[KAKAO]["mentions"], int)
    g = igraph.Graph.Read_GraphML(str(exports["graphml"]))
    assert (g.vcount(), g.ecount()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert "카카오" in g.vs["label"] and "speaker" in g.es["type"]
    keys = ET.parse(exports["graphml"]).getroot().findall("{http://graphml.graphdrawing.org/xmlns}key")
    types = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in keys}
    assert types[("node", "articles")] in ("int", "long") and types[("node", "confidence")] == "double"
    assert len({k.get("id") for k in keys}) == len(keys)


def test_export_gexf_is_version_1_3_with_spells(exports, graph):
    root = ET.parse(exports["gexf"]).getroot()
    assert root.tag == f"{GEXF}gexf" and root.get("version") == "1.3"
    element = root.find(f"{GEXF}graph")
    assert (element.get("mode"), element.get("timeformat"), element.get("defaultedgetype")) == ("dynamic", "date", "directed")
    declared = {cls.get("class"): {a.get("id") for a in cls} for cls in element.findall(f"{GEXF}attributes")}
    nodes = {n.get("id"): n for n in element.iter(f"{GEXF}node")}
    assert len(nodes) == graph.number_of_nodes()
    for node_id, node in nodes.items():
        assert {v.get("for") for v in node.iter(f"{GEXF}attvalue")} <= declared["node"]
        spells = node.findall(f"{GEXF}spells/{GEXF}spell")
        data = graph.nodes[node_id]
        if data["kind"] == "event" and "start" in data:
            assert [(s.get("start"), s.get("end")) for s in spells] == [(data["start"], data["end"])]
        for spell in spells:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", spell.get("start"))
    edges = list(element.iter(f"{GEXF}edge"))
    assert len(edges) == graph.number_of_edges() == len({e.get("id") for e in edges})
    assert all(e.get("source") in nodes and e.get("target") in nodes and e.get("kind") for e in edges)
    back = nx.read_gexf(exports["gexf"], version="1.3")
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    fire = find_event(graph, "Fire")
    assert back.nodes[fire]["label"] == graph.nodes[fire]["label"]
    assert back.nodes[fire]["spells"] == [("2022-10-01", "2022-10-31")]


@pytest.mark.parametrize("fmt", ["cytoscape", "json"])
def test_export_json_formats_have_the_projection(exports, graph, fmt):
    data = json.loads(exports[fmt].read_text(encoding="utf-8"))
    if fmt == "cytoscape":
        nodes = [e["data"] for e in data["elements"]["nodes"]]
        edges = [e["data"] for e in data["elements"]["edges"]]
        assert all(n["name"] == n["label"] for n in nodes)
    else:
        nodes, edges = data["nodes"], data["links"]
        assert data["directed"] and data["multigraph"]
    assert len(nodes) == graph.number_of_nodes() and len(edges) == graph.number_of_edges()
    ids = {n["id"] for n in nodes}
    assert all(e["source"] in ids and e["target"] in ids for e in edges)
    assert next(n for n in nodes if n["id"] == KAKAO)["label_en"] == "Kakao"


def test_export_dot_renders_korean_labels_to_svg(exports, tmp_path):
    dot = require_tool("dot")
    svg = tmp_path / "kakao.svg"
    subprocess.run([dot, "-Tsvg", str(exports["dot"]), "-o", str(svg)], check=True, timeout=60)
    texts = {t.text for t in ET.parse(svg).getroot().iter("{http://www.w3.org/2000/svg}text")}
    assert {"카카오", "홍은택", "판교 데이터센터 화재 (2022-10)"} <= texts


def test_export_csv_has_neo4j_admin_import_headers(exports, graph):
    with open(exports["csv"] / "nodes.csv", encoding="utf-8", newline="") as handle:
        nodes = list(csv.reader(handle))
    with open(exports["csv"] / "relationships.csv", encoding="utf-8", newline="") as handle:
        relationships = list(csv.reader(handle))
    assert nodes[0][:2] == ["id:ID", ":LABEL"] and "articles:long" in nodes[0] and "first_seen:date" in nodes[0]
    assert relationships[0][:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert len(nodes) - 1 == graph.number_of_nodes() and len(relationships) - 1 == graph.number_of_edges()
    kakao = dict(zip(nodes[0], next(row for row in nodes if row[0] == KAKAO)))
    assert (kakao[":LABEL"], kakao["label"]) == ("Entity;Company", "카카오")
    assert {"SPEAKER", "CAUSES", "POSITION", "OWNED_BY"} <= {row[2] for row in relationships[1:]}


def source_quads(example_trig):
    """The source's quads as Oxigraph holds them (it normalizes literals: 0.60 -> 0.6)."""
    store = ox.Store()
    store.bulk_load(path=str(example_trig), format=ox.RdfFormat.TRIG)
    return set(store)


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_export_rdf_round_trips_in_pyoxigraph_and_rdflib(exports, example_trig, fmt):
    import rdflib

    quads = source_quads(example_trig)
    back = set(ox.parse(path=str(exports[fmt]), format=RDF_FORMATS[fmt]))
    if fmt in ("trig", "nq", "jsonld"):
        assert back == quads
    else:
        assert {q.triple for q in back} == {q.triple for q in quads}
    dataset = rdflib.Dataset()
    dataset.parse(exports[fmt], format=RDFLIB_FORMATS[fmt])
    assert len({(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}) == len({q.triple for q in quads})


def test_export_jsonld_uses_the_compact_kg_context(exports):
    data = json.loads(exports["jsonld"].read_text(encoding="utf-8"))
    assert data["@context"]["kg"] == "https://w3id.org/kgnews/ontology#"
    text = exports["jsonld"].read_text(encoding="utf-8")
    assert '"kgr:company/kakao"' in text and '"kg:Fire"' in text and "https://w3id.org/kgnews/id/company" not in text


def test_export_rdf_of_a_selection_keeps_its_description_and_evidence(example_trig, tmp_path, graph):
    out = tmp_path / "fire.trig"
    export(example_trig, "trig", out, types="Fire,Company")
    quads = set(ox.parse(path=str(out), format=ox.RdfFormat.TRIG))
    subjects = {q.subject.value for q in quads}
    fire = find_event(graph, "Fire")
    assert {fire, KAKAO} <= subjects
    assert any("/mention/" in s for s in subjects) and any("/sentence/" in s for s in subjects)
    assert KGR + "article/news1-kakao-2022-11-03" in subjects
    kept = {n for n, d in graph.nodes(data=True) if d["type"] in ("Fire", "Company")}
    others = set(graph) - kept
    assert not any(q.subject.value in others or q.object.value in others for q in quads)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_is_byte_stable(exports, example_trig, tmp_path, fmt):
    again = tmp_path / f"again.{fmt}"
    export(example_trig, fmt, again)
    if fmt == "csv":
        for name in ("nodes.csv", "relationships.csv"):
            assert (again / name).read_bytes() == (exports[fmt] / name).read_bytes()
    else:
        assert again.read_bytes() == exports[fmt].read_bytes()


def test_export_from_a_store_equals_export_from_the_file(example_trig, tmp_path):
    store = ox.Store(str(tmp_path / "store"))
    store.bulk_load(path=str(example_trig), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    (tmp_path / "store" / "kg-store.txt").write_text("kg store\n", encoding="utf-8")
    export(tmp_path / "store", "cytoscape", tmp_path / "a.json")
    export(example_trig, "cytoscape", tmp_path / "b.json")
    a = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    b = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    assert a["elements"] == b["elements"]


# -- the command line ----------------------------------------------------------------------------------

def test_export_cli_writes_and_reports(example_trig, tmp_path):
    out = tmp_path / "kakao.graphml"
    result = CliRunner().invoke(main, ["export", str(example_trig), "--to", "graphml", "-o", str(out),
                                       "--focus", "카카오", "--hops", "1"])
    assert result.exit_code == 0, result.output
    assert re.search(r"Wrote \d+ nodes and \d+ edges \(graphml\) to ", result.stderr)
    assert nx.read_graphml(out).has_node(KAKAO)


def test_export_cli_help_has_examples():
    result = CliRunner().invoke(main, ["export", "--help"])
    assert result.exit_code == 0 and "Examples:" in result.output and "--to html" in result.output


@pytest.mark.parametrize("args,error", [
    (["--to", "pdf", "-o", "{tmp}/x.pdf"],
     "Error: unknown export format 'pdf' (use one of: graphml, gexf, cytoscape, json, dot, csv, html, ttl, trig, nt, nq, jsonld)"),
    (["--to", "gexf", "-o", "{tmp}/x.gexf", "--since", "2022/11/03"],
     "Error: --since 2022/11/03: not a date (use YYYY-MM-DD, YYYY-MM or YYYY)"),
    (["--to", "gexf", "-o", "{tmp}/x.gexf", "--until", "2022-13"],
     "Error: --until 2022-13: not a date (use YYYY-MM-DD, YYYY-MM or YYYY)"),
    (["--to", "gexf", "-o", "{tmp}/x.gexf", "--since", "2023", "--until", "2022"],
     "Error: --since 2023 is after --until 2022"),
    (["--to", "gexf", "-o", "{tmp}/x.gexf", "--focus", "없는회사"],
     "Error: --focus 없는회사: no entity or event has this label (kg stats SOURCE shows what the graph has)"),
    (["--to", "gexf", "-o", "{tmp}/x.gexf", "--hops", "2"], "Error: --hops needs --focus NAME (the node to start from)"),
    (["--to", "gexf", "-o", "{tmp}/x.gexf", "--types", "Company,Fier"],
     "Error: --types: unknown type 'Fier' (use entity or event classes: " + ", ".join(ENTITY_TYPES + EVENT_TYPES) + ")"),
    (["--to", "graphml", "-o", "{tmp}/missing/x.graphml"], "Error: {tmp}/missing/x.graphml: the directory {tmp}/missing does not exist"),
    (["--to", "csv", "-o", "-"], "Error: -: --to csv writes a directory (nodes.csv, relationships.csv); give one with -o DIR"),
    (["--to", "html", "-o", "{tmp}"], "Error: {tmp}: is a directory; give a file name for --to html"),
])
def test_export_cli_errors_say_how_to_fix(example_trig, tmp_path, args, error):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = CliRunner().invoke(main, ["export", str(example_trig), *args])
    assert result.exit_code == 1
    assert result.stderr.strip() == error.replace("{tmp}", str(tmp_path))


def test_export_cli_focus_suggests_close_labels(example_trig, tmp_path):
    result = CliRunner().invoke(main, ["export", str(example_trig), "--to", "json", "-o", str(tmp_path / "x.json"),
                                       "--focus", "카카"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: --focus 카카: no entity or event has this label (did you mean: 카카오")


def test_export_cli_missing_source(tmp_path):
    result = CliRunner().invoke(main, ["export", str(tmp_path / "none.trig"), "--to", "json", "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {tmp_path / 'none.trig'}: no such file, store directory or URL"


def test_export_viewer_files_ship_in_the_package():
    viewer = Path(__import__("kg").__file__).parent / "viewer"
    assert {"cytoscape.min.js", "cytoscape.LICENSE", "viewer.html", "viewer.js", "viewer.css"} <= {p.name for p in viewer.iterdir()}
    script = (viewer / "viewer.js").read_text(encoding="utf-8")
    assert not re.search(r"\.(innerHTML|outerHTML|insertAdjacentHTML)\b|document\.write|eval\(", script)


class PlainSource(Source):
    """A source that is not an embedded Oxigraph store, answering like a SPARQL endpoint does
    (CONSTRUCT results parsed from N-Triples), so exports take their generic, sorted path."""

    def __init__(self, path: Path):
        self.store = ox.Store()
        self.store.bulk_load(path=str(path), format=ox.RdfFormat.TRIG)
        self.name = "http://example.org/sparql"

    def query(self, sparql: str):
        results = self.store.query(sparql, use_default_graph_as_union=True)
        if isinstance(results, ox.QueryTriples):
            return ox.parse(results.serialize(format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES)
        return results



@pytest.mark.parametrize("fmt,options", [("ttl", {}), ("nq", {}), ("jsonld", {}), ("trig", {"focus": "카카오"}),
                                         ("cytoscape", {"focus": "카카오"})])
def test_export_through_a_generic_source_matches_the_file_export(example_trig, tmp_path, fmt, options):
    export(PlainSource(example_trig), fmt, tmp_path / "generic", **options)
    export(example_trig, fmt, tmp_path / "file", **options)
    if fmt == "cytoscape":
        generic, file = (json.loads((tmp_path / n).read_text(encoding="utf-8"))["elements"] for n in ("generic", "file"))
        assert generic == file
        return
    generic, file = (set(ox.parse(path=str(tmp_path / n), format=RDF_FORMATS[fmt])) for n in ("generic", "file"))
    assert generic == file and generic
