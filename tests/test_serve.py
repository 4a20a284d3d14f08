"""kg serve: the SPARQL 1.1 Protocol from curl and SPARQLWrapper, read-only by default."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request

import pyoxigraph as ox
import pytest

from .conftest import EXAMPLE, ROOT, require_tool

QUERIES = sorted((ROOT / "examples" / "queries").glob("*.rq"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(source, *options):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(source), "--port", str(port), *options],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"kg serve exited: {process.stderr.read().decode()}")
        try:
            urllib.request.urlopen(url + "/", timeout=1).read()
            return process, url
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("kg serve did not start in 60 s")


def stop(process) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def server(example_trig):
    process, url = start_server(example_trig, "--timeout", "1")
    yield url
    stop(process)


def curl(*args: str) -> tuple[int, str, str]:
    """(status, content type, body) of a curl call."""
    path = require_tool("curl")
    result = subprocess.run([path, "-s", "-w", "\n%{http_code} %{content_type}", *args], capture_output=True,
                            text=True, timeout=60)
    body, _, trailer = result.stdout.rpartition("\n")
    status, _, kind = trailer.partition(" ")
    return int(status), kind, body


@pytest.mark.parametrize("query", QUERIES, ids=lambda p: p.stem)
@pytest.mark.parametrize("accept,check", [
    ("application/sparql-results+json", lambda body: json.loads(body)["results"]["bindings"]),
    ("application/sparql-results+xml", lambda body: "<sparql" in body and "<result>" in body),
    ("text/csv", lambda body: len(body.splitlines()) > 1),
    ("text/tab-separated-values", lambda body: len(body.splitlines()) > 1 and "?" in body.splitlines()[0]),
])
def test_serve_answers_the_example_queries_from_curl(server, query, accept, check):
    status, kind, body = curl("-H", f"Accept: {accept}", "--data-urlencode", f"query@{query}", server + "/sparql")
    assert status == 200 and kind.startswith(accept), body
    assert check(body)


def test_serve_get_and_sparql_query_body(server):
    status, _, body = curl("-G", "--data-urlencode", "query=ASK { ?c a kg:Company }", server + "/sparql")
    assert status == 200 and json.loads(body)["boolean"] is True
    status, _, body = curl("-H", "Content-Type: application/sparql-query", "-H", "Accept: text/csv",
                           "--data-binary", "SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Person }", server + "/sparql")
    assert status == 200 and int(body.splitlines()[1]) >= 4


@pytest.mark.parametrize("accept,fmt", [("text/turtle", ox.RdfFormat.TURTLE),
                                         ("application/n-triples", ox.RdfFormat.N_TRIPLES)])
def test_serve_construct_as_turtle_and_ntriples(server, accept, fmt):
    query = "CONSTRUCT { ?c rdfs:label ?name } WHERE { ?c a kg:Company ; rdfs:label ?name }"
    status, kind, body = curl("-H", f"Accept: {accept}", "--data-urlencode", f"query={query}", server + "/sparql")
    assert status == 200 and kind.startswith(accept)
    labels = {t.object.value for t in ox.parse(body.encode("utf-8"), format=fmt)}
    assert "카카오" in labels and "Kakao" in labels


@pytest.mark.parametrize("args,status,message", [
    (["--data-urlencode", "update=INSERT DATA { <urn:a> <urn:b> 1 }"], 403, "read-only"),
    (["--data-urlencode", "query=SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"], 403, "SERVICE"),
    (["--data-urlencode", "query=SELECT ?x WHERE { ?x"], 400, "does not parse"),
    (["-H", "Accept: image/png", "--data-urlencode", "query=SELECT * WHERE { ?s ?p ?o } LIMIT 1"], 406, "cannot answer"),
    (["--data-urlencode", "query=SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"], 503, "did not finish"),
])
def test_serve_refuses_updates_service_and_runaway_queries(server, args, status, message):
    got, _, body = curl(*args, server + "/sparql")
    assert got == status and message in body


def test_serve_cors_and_query_page(server):
    path = require_tool("curl")
    headers = subprocess.run([path, "-s", "-i", "-X", "OPTIONS", "-H", "Origin: https://example.org",
                              "-H", "Access-Control-Request-Method: POST", server + "/sparql"],
                             capture_output=True, text=True, timeout=30).stdout.lower()
    assert "access-control-allow-origin: *" in headers
    status, kind, page = curl(server + "/")
    assert status == 200 and kind.startswith("text/html") and "<textarea" in page
    assert all(query.stem in page for query in QUERIES)


def test_serve_answers_sparqlwrapper(server):
    from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

    client = SPARQLWrapper(server + "/sparql")
    client.setQuery((ROOT / "examples/queries/positions.rq").read_text(encoding="utf-8"))
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert {row["person"]["value"] for row in rows} >= {"홍은택", "남궁훈"}
    client.setQuery("CONSTRUCT { ?e a kg:Fire } WHERE { ?e a kg:Fire }")
    client.setReturnFormat(TURTLE)
    assert b"Fire" in client.query().convert()
    client.setQuery("ASK { ?s a kg:Statement }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True


def test_serve_allow_update_changes_a_store(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    store = tmp_path / "store"
    assert CliRunner().invoke(main, ["ingest", str(EXAMPLE), "--store", str(store)]).exit_code == 0
    process, url = start_server(store, "--allow-update")
    try:
        status, _, _ = curl("--data-urlencode", "update=INSERT DATA { GRAPH <urn:g> { <urn:a> rdfs:label \"새 이름\" } }",
                            url + "/sparql")
        assert status == 204
        status, _, body = curl("-H", "Accept: text/csv", "--data-urlencode",
                               "query=SELECT ?l WHERE { <urn:a> rdfs:label ?l }", url + "/sparql")
        assert status == 200 and body.splitlines() == ["l", "새 이름"]
    finally:
        stop(process)
