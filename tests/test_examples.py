"""Every query in examples/queries runs on the worked example and answers its question."""

from __future__ import annotations

import pytest

from kg.api import query
from kg.query import rows

from .conftest import ROOT

QUERIES = sorted((ROOT / "examples" / "queries").glob("*.rq"))


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_examples_query_returns_rows(example_trig, path):
    names, data = rows(query(str(example_trig), str(path)))
    assert data, f"{path.name} returned nothing"


def test_examples_earnings_call_speaker_and_quotes(example_trig):
    names, data = rows(query(str(example_trig), str(ROOT / "examples/queries/earnings-call-speakers.rq")))
    assert {(r[0], r[1]) for r in data} == {("카카오", "홍은택")}
    assert len(data) == 12


def test_examples_outage_caused_by_fire(example_trig):
    names, data = rows(query(str(example_trig), str(ROOT / "examples/queries/outage-causes.rq")))
    assert [r[2] for r in data] == ["Fire"]
    assert data[0][3] == "판교 데이터센터"
