"""The command line: exit codes, exact error lines, formats, help."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg.cli import main

from .conftest import EXAMPLE, ROOT

COMMANDS = ["build", "ingest", "query", "serve", "export", "stats", "validate", "evaluate"]


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_every_command_has_help_with_an_example(runner, command):
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "Example" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_every_command_is_in_the_readme(command):
    assert f"kg {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_cli_empty_input_is_an_error_naming_the_file(runner, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "out.trig"
    result = runner.invoke(main, ["build", str(empty), "-o", str(out)])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {empty}: the file is empty (give a file with article text)"
    assert not out.exists()


def test_cli_missing_file(runner, tmp_path):
    result = runner.invoke(main, ["build", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o.ttl")])
    assert result.exit_code == 1 and result.output.strip() == f"Error: {tmp_path / 'nope.txt'}: no such file"


def test_cli_strict_broken_jsonl_names_the_line_and_keeps_old_output(runner, tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text('{"id": "a", "text": "카카오가 3일 실적을 발표했다."}\n{"id": "b", "text": \n', encoding="utf-8")
    out = tmp_path / "out.ttl"
    out.write_text("previous", encoding="utf-8")
    result = runner.invoke(main, ["build", str(path), "-o", str(out), "--strict"])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {path}:2: broken JSON")
    assert out.read_text(encoding="utf-8") == "previous"


def test_cli_bad_file_is_skipped_and_the_rest_built(runner, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    out = tmp_path / "out.ttl"
    result = runner.invoke(main, ["build", str(bad), str(EXAMPLE), "-o", str(out)])
    assert result.exit_code == 3
    assert f"Error: {bad}: this looks like a binary file" in result.output
    assert "카카오" in out.read_text(encoding="utf-8")


def test_cli_unknown_output_format(runner, tmp_path):
    result = runner.invoke(main, ["build", str(EXAMPLE), "-o", str(tmp_path / "out.xyz")])
    assert result.exit_code == 1
    assert "cannot tell the RDF format of" in result.output and "--format" in result.output


def test_cli_build_stdin_to_stdout(runner):
    result = runner.invoke(main, ["build", "-", "-o", "-", "--format", "nt"],
                           input=EXAMPLE.read_bytes())
    assert result.exit_code == 0
    assert "<https://w3id.org/kgnews/ontology#Company>" in result.output


@pytest.mark.parametrize("fmt,check", [
    ("json", lambda out: json.loads(out)["head"]["vars"] == ["name"]),
    ("csv", lambda out: out.splitlines()[0] == "name" and "카카오" in out),
    ("tsv", lambda out: out.splitlines()[0] == "?name" and "카카오" in out),
    ("table", lambda out: "카카오" in out and "1 row" in out),
])
def test_cli_query_formats(runner, example_trig, fmt, check):
    query = "SELECT ?name WHERE { ?c a kg:Company ; rdfs:label ?name FILTER(LANG(?name) = 'ko') }"
    result = runner.invoke(main, ["query", str(example_trig), query, "--format", fmt])
    assert result.exit_code == 0, result.output
    assert check(result.output)


def test_cli_query_syntax_error(runner, example_trig):
    result = runner.invoke(main, ["query", str(example_trig), "SELECT ?x WHERE { ?x"])
    assert result.exit_code == 1 and result.output.startswith("Error: the SPARQL query does not parse")


def test_cli_stats(runner, example_trig):
    result = runner.invoke(main, ["stats", str(example_trig)])
    assert result.exit_code == 0
    assert "Statement" in result.output and "12" in result.output


def test_cli_validate(runner, example_trig):
    result = runner.invoke(main, ["validate", str(example_trig)])
    assert result.exit_code == 0 and "conforms" in result.output


def test_cli_ingest_is_idempotent_and_store_in_use_is_reported(runner, tmp_path):
    store = tmp_path / "store"
    for _ in range(2):
        result = runner.invoke(main, ["ingest", str(EXAMPLE), "--store", str(store)])
        assert result.exit_code == 0, result.output
    count = runner.invoke(main, ["query", str(store), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv"])
    single = runner.invoke(main, ["build", str(EXAMPLE), "-o", str(tmp_path / "x.nt")])
    assert single.exit_code == 0
    lines = (tmp_path / "x.nt").read_text(encoding="utf-8").count("\n")
    assert int(count.output.splitlines()[1]) == lines

    from kg.store import open_store

    holder = open_store(store)
    try:
        result = runner.invoke(main, ["ingest", str(EXAMPLE), "--store", str(store)])
        assert result.exit_code == 1
        assert result.output.strip() == f"Error: {store}: the store is in use by another process (close it, or query it read-only)"
    finally:
        holder.close()
        del holder


def test_cli_evaluate_json(runner, tmp_path):
    import shutil

    for path in EXAMPLE.parent.glob(EXAMPLE.stem + ".*"):
        shutil.copy(path, tmp_path / path.name)
    result = runner.invoke(main, ["evaluate", str(tmp_path), "--json"])
    assert result.exit_code == 0
    scores = json.loads(result.output)["micro"]
    assert scores["quotes"]["f1"] >= 0.9


def test_cli_evaluate_without_gold(runner, tmp_path):
    result = runner.invoke(main, ["evaluate", str(tmp_path)])
    assert result.exit_code == 1 and result.output.strip() == f"Error: {tmp_path}: no *.gold.yaml files here"


def test_cli_ingest_with_workers_gives_the_same_store(runner, tmp_path):
    files = [str(EXAMPLE), str(ROOT / "examples/dev/fin-03-newsis-dongboconst-2023-01-17.txt")]
    counts = []
    for workers in ([], ["--workers", "1"], ["--workers", "2"]):  # default: streamed in one process
        store = tmp_path / f"store{len(counts)}"
        result = runner.invoke(main, ["ingest", *files, "--store", str(store), *workers])
        assert result.exit_code == 0, result.output
        out = runner.invoke(main, ["query", str(store), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv"])
        counts.append(out.output)
    assert counts[0] == counts[1] == counts[2] and counts[0] != "n\r\n0\r\n"


def test_cli_long_one_line_query_is_a_query_not_a_path(runner, example_trig):
    query = "SELECT ?name WHERE { ?c a kg:Company ; rdfs:label ?name FILTER(LANG(?name) = 'ko') " + " " * 300 + "}"
    result = runner.invoke(main, ["query", str(example_trig), query, "--format", "csv"])
    assert result.exit_code == 0 and "카카오" in result.output


def test_cli_output_files_are_readable_by_others(runner, tmp_path):
    import os
    import stat

    out = tmp_path / "k.ttl"
    old = os.umask(0o022)
    try:
        assert runner.invoke(main, ["build", str(EXAMPLE), "-o", str(out)]).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


@pytest.mark.parametrize("gold,message", [
    ("doc: x\nentities:\n  - {name: 카카오, type: Firm}\n", "entity '카카오' has unknown type 'Firm'"),
    ("doc: x\npositions:\n  - {person: 홍은택, org: 카카오}\n", "positions[0] needs person, org, title"),
    ("- just\n- a list\n", "a gold file must be a YAML mapping"),
])
def test_cli_evaluate_bad_gold_names_the_file_and_item(runner, tmp_path, gold, message):
    (tmp_path / "x.txt").write_text("제목\n카카오가 3일 실적을 발표했다.\n둘째 문장이다.", encoding="utf-8")
    (tmp_path / "x.gold.yaml").write_text(gold, encoding="utf-8")
    result = runner.invoke(main, ["evaluate", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {tmp_path / 'x.gold.yaml'}: {message}")


def test_cli_evaluate_unreadable_article_counts_as_nothing_found(runner, tmp_path):
    import shutil

    for path in EXAMPLE.parent.glob(EXAMPLE.stem + ".*"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "empty.gold.yaml").write_text("doc: empty\nentities:\n  - {name: 카카오, type: Company}\n", encoding="utf-8")
    result = runner.invoke(main, ["evaluate", str(tmp_path), "--json"])
    assert result.exit_code == 0
    assert "Error: " in result.stderr and "empty.txt: the file is empty" in result.stderr
    data = json.loads(result.stdout)
    assert data["per_article"]["empty"]["entities_strict"]["found"] == 0


def test_store_written_keeps_few_table_files_open(tmp_path):
    import resource

    from kg.store import _TABLE_FILES, open_store

    before = resource.getrlimit(resource.RLIMIT_NOFILE)
    store = open_store(tmp_path / "store")
    store.close()
    assert resource.getrlimit(resource.RLIMIT_NOFILE) == before  # the process's own limit is back
    options = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "store").glob("OPTIONS-*"))
    limits = {int(line.split("=")[1]) for line in options.splitlines() if line.strip().startswith("max_open_files=")}
    assert limits == {_TABLE_FILES} or before[0] <= _TABLE_FILES + 48


def test_cli_readme_worked_example_shows_what_kg_prints(runner, tmp_path):
    """The README's worked example (build, then the timeline as CSV) is the output kg gives today."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ kg build examples/dev/news1-kakao-2022-11-03.txt -o kakao.trig\n", 1)[1]
    wrote, block = block.split("\n", 1)
    shown = block.split("$ kg query kakao.trig examples/queries/timeline.rq --format csv\n", 1)[1].split("\n\n", 1)[0]
    trig = tmp_path / "kakao.trig"
    built = runner.invoke(main, ["build", str(EXAMPLE), "-o", str(trig)])
    assert built.exit_code == 0 and wrote.replace("kakao.trig", str(trig)) in built.output
    result = runner.invoke(main, ["query", str(trig), str(ROOT / "examples/queries/timeline.rq"), "--format", "csv"])
    assert result.exit_code == 0
    assert result.output.replace("\r\n", "\n").strip() == shown.strip()
