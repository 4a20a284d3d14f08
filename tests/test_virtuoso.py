"""kg ingest --store http://... against a real Virtuoso (started here on loopback with a throwaway
database; in CI a missing Virtuoso fails instead of skipping)."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from kg.cli import main

from .conftest import EXAMPLE, ROOT
from .virtuoso import binary, free_port, running_virtuoso

GRAPH = "https://w3id.org/kgnews/id/graph/{}"


@pytest.fixture(scope="module")
def virtuoso():
    if binary() is None:
        if os.environ.get("KG_REQUIRE_SERVICES") == "1":
            pytest.fail("virtuoso-t is not installed (scripts/install-test-services installs it)")
        pytest.skip("virtuoso-t is not installed")
    with running_virtuoso() as endpoints:
        yield endpoints


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def graph_size(plain: str, article_id: str) -> int:
    from kg.store import EndpointSource

    (row,) = list(EndpointSource(plain).query(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH.format(article_id)}> {{ ?s ?p ?o }} }}"))
    return int(row["n"].value)


def local_size(runner, tmp_path, article) -> int:
    out = tmp_path / f"{article.stem}.nt"
    assert runner.invoke(main, ["build", str(article), "-o", str(out)]).exit_code == 0
    return out.read_bytes().count(b"\n")


def test_virtuoso_ingest_replaces_an_edited_article_and_answers_queries(virtuoso, runner, tmp_path):
    auth, plain = virtuoso
    article = tmp_path / "edited-article.txt"
    text = EXAMPLE.read_text(encoding="utf-8")
    article.write_text(text, encoding="utf-8")
    for _ in range(2):  # twice: re-ingesting the same article changes nothing
        result = runner.invoke(main, ["ingest", str(article), "--store", auth])
        assert result.exit_code == 0, result.output
        assert graph_size(plain, "edited-article") == local_size(runner, tmp_path, article)
    # the edited article (its second half gone) leaves no stale quads behind
    article.write_text(text[: len(text) // 2], encoding="utf-8")
    assert runner.invoke(main, ["ingest", str(article), "--store", auth]).exit_code == 0
    assert graph_size(plain, "edited-article") == local_size(runner, tmp_path, article)
    positions = runner.invoke(main, ["query", plain, str(ROOT / "examples/queries/positions.rq"), "--format", "csv"])
    assert positions.exit_code == 0 and "홍은택" in positions.output


def test_virtuoso_batches_several_articles_per_request(virtuoso, runner, tmp_path):
    auth, plain = virtuoso
    records = "".join(f'{{"id": "batch-{n}", "text": "한빛전자는 {n}일 경기 평택 공장에서 신제품을 공개했다고 밝혔다."}}\n'
                      for n in range(1, 13))
    (tmp_path / "batch.jsonl").write_text(records, encoding="utf-8")
    result = runner.invoke(main, ["ingest", str(tmp_path / "batch.jsonl"), "--store", auth])
    assert result.exit_code == 0 and "Ingested 12 article(s)" in result.output
    assert all(graph_size(plain, f"batch-{n}") > 10 for n in (1, 12))


@pytest.mark.parametrize("make_url,message", [
    (lambda auth, plain: f"http://127.0.0.1:{free_port()}/sparql-auth", "cannot reach the SPARQL endpoint"),
    (lambda auth, plain: auth.replace("dba:dba@", "dba:wrong@"), "HTTP 401"),
    (lambda auth, plain: plain, "No permission"),  # the anonymous endpoint is read-only
])
def test_virtuoso_down_or_refusing_is_a_clear_error(virtuoso, runner, make_url, message):
    result = runner.invoke(main, ["ingest", str(EXAMPLE), "--store", make_url(*virtuoso)])
    assert result.exit_code == 1 and result.output.startswith("Error: ") and message in result.output
    assert "Traceback" not in result.output
