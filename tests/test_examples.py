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


@pytest.fixture(scope="module")
def two_reports_trig(tmp_path_factory, pipeline):
    """The worked example twice under two ids: every entity is described in both article graphs."""
    from kg.api import build, write

    from .conftest import EXAMPLE

    folder = tmp_path_factory.mktemp("corpus")
    text = EXAMPLE.read_text(encoding="utf-8")
    for name in ("report-a.txt", "report-b.txt"):
        (folder / name).write_text(text, encoding="utf-8")
    out = folder / "two.trig"
    write(build(sorted(folder.glob("*.txt")), pipeline), out)
    return out


def test_examples_positions_not_repeated_per_article(example_trig, two_reports_trig):
    path = str(ROOT / "examples/queries/positions.rq")
    _, one = rows(query(str(example_trig), path))
    _, two = rows(query(str(two_reports_trig), path))
    assert len(two) == len(set(map(tuple, two))), "a row repeated once per article graph"
    assert two == one


def test_examples_earnings_call_speakers_one_row_per_quote_and_call(example_trig, two_reports_trig):
    path = str(ROOT / "examples/queries/earnings-call-speakers.rq")
    _, one = rows(query(str(example_trig), path))
    _, two = rows(query(str(two_reports_trig), path))
    # each report has its own call event: every quotation twice, never more
    assert len(two) == 2 * len(one) and set(map(tuple, two)) == set(map(tuple, one))


def test_examples_same_event_counts_both_reports(two_reports_trig):
    _, data = rows(query(str(two_reports_trig), str(ROOT / "examples/queries/same-event-across-articles.rq")))
    assert data and all(int(r[-1]) == 2 for r in data)
