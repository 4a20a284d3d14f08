"""Faults: kill -9 during an ingest or a build, a second concurrent ingest, an edited article."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pyoxigraph as ox
import pytest

from .conftest import EXAMPLE, ROOT

ARTICLES = 30


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """30 articles (the worked example under other ids, every fifth one cut short)."""
    text = EXAMPLE.read_text(encoding="utf-8")
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for n in range(ARTICLES):
            body = text if n % 5 else text[: len(text) // 2]
            handle.write(json.dumps({"id": f"copy-{n:02d}", "text": body}, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def clean_dump(corpus, tmp_path_factory, pipeline):
    from kg.api import ingest

    store = tmp_path_factory.mktemp("clean") / "store"
    ingest([corpus], store, pipeline)
    return dump(store)


def kg(*args, check=True) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "kg", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def start(*args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def dump(store_dir) -> list[bytes]:
    store = ox.Store.read_only(str(store_dir))
    return sorted(ox.serialize(store, format=ox.RdfFormat.N_QUADS).splitlines())


def graphs_in(store_dir) -> int:
    return len(list(ox.Store.read_only(str(store_dir)).named_graphs()))


def wait_for(path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} did not appear"
        time.sleep(0.05)


@pytest.mark.parametrize("workers", ["1", pytest.param("2", marks=pytest.mark.slow)])
def test_faults_kill_during_ingest_then_rerun_gives_a_clean_store(corpus, clean_dump, tmp_path, workers):
    store = tmp_path / "store"
    process = start("ingest", str(corpus), "--store", str(store), "--workers", workers)
    wait_for(store / "kg-store.txt")
    deadline = time.monotonic() + 120
    while graphs_in(store) == 0:  # a read-only view of the store while it is written: kill after a first commit
        assert process.poll() is None and time.monotonic() < deadline, "the ingest ended before it could be killed"
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert graphs_in(store) > 0
    kg("ingest", str(corpus), "--store", str(store), "--workers", workers)
    assert dump(store) == clean_dump


def test_faults_second_concurrent_ingest_fails_clearly(corpus, tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    store = tmp_path / "store"
    first = start("ingest", str(corpus), "--store", str(store))
    try:
        wait_for(store / "kg-store.txt")
        second = CliRunner().invoke(main, ["ingest", str(EXAMPLE), "--store", str(store)])
        assert first.poll() is None, "the first ingest ended too early"
        assert second.exit_code == 1
        assert second.output.strip() == f"Error: {store}: the store is in use by another process (close it, or query it read-only)"
    finally:
        first.kill()
        first.communicate(timeout=30)


def test_faults_reingesting_an_edited_article_leaves_no_stale_quads(tmp_path, pipeline):
    from kg.api import ingest

    article = tmp_path / "story.txt"
    text = EXAMPLE.read_text(encoding="utf-8")
    article.write_text(text, encoding="utf-8")
    ingest([article], tmp_path / "store", pipeline)
    article.write_text(text[: len(text) // 3], encoding="utf-8")
    ingest([article], tmp_path / "store", pipeline)
    ingest([article], tmp_path / "fresh", pipeline)
    assert dump(tmp_path / "store") == dump(tmp_path / "fresh")


def test_faults_kill_during_build_leaves_the_previous_output(corpus, tmp_path):
    out = tmp_path / "corpus.nq"
    out.write_text("previous\n", encoding="utf-8")
    process = start("build", str(corpus), "-o", str(out))
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".corpus.nq.*.tmp")):  # the build is writing its temporary file
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.05)
    time.sleep(0.5)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)
    assert out.read_text(encoding="utf-8") == "previous\n"
