"""Extraction on a real Dask LocalCluster (in-process, one worker: light enough for CI)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main

from .conftest import DEV, EXAMPLE

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as local:
        with distributed.Client(local) as client:
            yield local, client


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inputs")
    records = folder / "wire.jsonl"
    records.write_text('{"id": "wire-1", "text": "한빛전자는 3일 평택 공장 가동을 멈췄다고 밝혔다."}\n'
                       '{"id": "wire-2", "text": \n'
                       '{"id": "wire-3", "text": "한빛전자 대표가 4일 사임했다."}\n', encoding="utf-8")
    return [str(EXAMPLE), str(DEV / "fin-03-newsis-dongboconst-2023-01-17.txt"), str(records)]


def dump(store_dir) -> list[bytes]:
    store = ox.Store.read_only(str(store_dir))
    return sorted(ox.serialize(store, format=ox.RdfFormat.N_QUADS).splitlines())


def test_distributed_ingest_gives_the_store_of_a_local_ingest(cluster, inputs, tmp_path):
    local, _ = cluster
    runner = CliRunner()
    here = runner.invoke(main, ["ingest", *inputs, "--store", str(tmp_path / "here")])
    there = runner.invoke(main, ["ingest", *inputs, "--store", str(tmp_path / "there"), "--dask", local.scheduler_address])
    assert here.exit_code == there.exit_code == 3  # the broken record is skipped both ways
    assert "skipped 1 of 5 input(s): 1 broken JSON" in there.output
    assert dump(tmp_path / "here") == dump(tmp_path / "there")


def test_distributed_shards_hold_every_quad(cluster, inputs, tmp_path):
    from kg.api import ingest
    from kg.pipeline import BuildReport

    _, client = cluster
    ingest(inputs, tmp_path / "store", report=BuildReport())
    report = ingest(inputs, None, shards=tmp_path / "shards", dask=client, report=BuildReport())
    assert report.articles == 4 and len(report.errors) == 1
    shards = sorted((tmp_path / "shards").glob("part-*.nq"))
    assert [p.name for p in shards] == ["part-00000.nq"]
    loaded = ox.Store()  # through a store: it normalizes literals ("0.80" -> "0.8") the same way
    for shard in shards:
        loaded.load(path=str(shard), format=ox.RdfFormat.N_QUADS)
    assert sorted(ox.serialize(loaded, format=ox.RdfFormat.N_QUADS).splitlines()) == dump(tmp_path / "store")


def test_distributed_one_pipeline_per_worker(cluster, inputs, tmp_path):
    from kg.distributed import worker_pipeline

    _, client = cluster
    first = client.submit(lambda: id(worker_pipeline(())), pure=False).result()
    CliRunner().invoke(main, ["ingest", *inputs, "--shards", str(tmp_path / "s"), "--dask", cluster[0].scheduler_address])
    assert client.submit(lambda: id(worker_pipeline(())), pure=False).result() == first
