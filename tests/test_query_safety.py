"""kg query: read-only unless --update, no SERVICE unless --allow-service, a timeout and Ctrl-C
that stop a runaway query, a bounded table view."""

from __future__ import annotations

import os
import resource
import signal
import socket
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import QueryError
from kg.query import check_query

from .conftest import EXAMPLE, ROOT

CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("sparql,update,service", [
    ("SELECT * WHERE { ?s ?p ?o }", False, False),
    ("INSERT DATA { <urn:a> <urn:b> 1 }", True, False),
    ("delete where { ?s ?p ?o }", True, False),
    ("LOAD <http://example.org/data.ttl>", True, False),
    ("DROP ALL", True, False),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", False, True),
    ("SELECT * WHERE { service silent <http://example.org/sparql> { ?s ?p ?o } }", False, True),
    # keywords inside strings, IRIs, comments, variables and prefixed names are not keywords
    ('SELECT ?service ?insert WHERE { ?s <urn:DELETE> "SERVICE" ; ex:drop """LOAD""" } # INSERT', False, False),
    ("PREFIX load: <urn:x:> SELECT * WHERE { ?s load:copy 'DROP ALL' }", False, False),
])
def test_query_check_finds_updates_and_service(sparql, update, service):
    if update:
        with pytest.raises(QueryError, match="SPARQL update"):
            check_query(sparql)
        assert check_query(sparql, update=True, allow_service=True) is True
    if service:
        with pytest.raises(QueryError, match="SERVICE"):
            check_query(sparql, update=True)
        assert check_query(sparql, allow_service=True) is False
    if not update and not service:
        assert check_query(sparql) is False


def test_query_update_refused_without_flag_and_done_with_it(runner, tmp_path):
    store = tmp_path / "store"
    assert runner.invoke(main, ["ingest", str(EXAMPLE), "--store", str(store)]).exit_code == 0
    insert = "INSERT DATA { GRAPH <urn:extra> { <urn:a> rdfs:label '더하기' } }"
    refused = runner.invoke(main, ["query", str(store), insert])
    assert refused.exit_code == 1
    assert refused.output.startswith("Error: this is a SPARQL update (INSERT); queries are read-only")
    assert runner.invoke(main, ["query", str(store), insert, "--update"]).exit_code == 0
    count = runner.invoke(main, ["query", str(store), "SELECT ?l WHERE { <urn:a> rdfs:label ?l }", "--format", "csv"])
    assert count.output.splitlines() == ["l", "더하기"]


def test_query_update_on_a_file_is_refused(runner, example_trig):
    result = runner.invoke(main, ["query", str(example_trig), "DROP ALL", "--update"])
    assert result.exit_code == 1 and "an update needs a store directory or an endpoint URL" in result.output


def test_query_service_refused_by_default(runner, example_trig):
    result = runner.invoke(main, ["query", str(example_trig), "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"])
    assert result.exit_code == 1 and "--allow-service" in result.output


def test_query_failing_service_endpoint_is_an_error_not_a_traceback(runner, example_trig):
    sparql = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{free_port()}/sparql> {{ ?s ?p ?o }} }}"
    result = runner.invoke(main, ["query", str(example_trig), sparql, "--allow-service"])
    assert result.exit_code == 1 and result.output.startswith("Error: the query failed:")
    assert "Traceback" not in result.output


def test_query_timeout_stops_a_runaway_query(example_trig):
    # in a process of its own: the engine cannot be stopped from outside, the process exits
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "kg", "query", str(example_trig), CROSS_JOIN, "--timeout", "0.5"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "did not finish in 0.5 s" in result.stderr
    assert time.monotonic() - start < 10


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a running process has used, from /proc."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_query_ctrl_c_stops_a_running_query(example_trig):
    # what starting kg and answering a trivial query costs, in CPU time (wall time depends on load)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "kg", "query", str(example_trig), "ASK {}"], cwd=ROOT,
                   capture_output=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    startup = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    process = subprocess.Popen([sys.executable, "-m", "kg", "query", str(example_trig), CROSS_JOIN],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    # the query is under way once the process has used clearly more CPU than a trivial one needs
    while _cpu_seconds(process.pid) < startup * 1.3 + 0.5 and time.monotonic() < deadline:
        assert process.poll() is None, "the cross join ended by itself"
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    start = time.monotonic()
    _, err = process.communicate(timeout=20)
    assert process.returncode == 130 and b"Interrupted." in err
    assert time.monotonic() - start < 3


def test_query_table_view_is_bounded(runner, example_trig):
    result = runner.invoke(main, ["query", str(example_trig), "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "--max-rows", "5"])
    assert result.exit_code == 0 and "5 rows" in result.output and "only the first 5 rows are shown" in result.output
    csv = runner.invoke(main, ["query", str(example_trig), "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "--format", "csv"])
    assert len(csv.output.splitlines()) > 300
