"""Property tests: hostile text through every stage - no crash, no hang, output that parses back,
SHACL-valid graphs. benchmarks/fuzz.py runs the same checks on tens of thousands of inputs."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from . import fuzz_stages as fz

FAST = settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck), database=None)
SLOW = settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck), database=None)


@FAST
@given(data=st.one_of(st.binary(max_size=400), fz.texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
                      fz.texts.map(lambda t: t.encode("utf-16", "surrogatepass"))),
       suffix=st.sampled_from([".txt", ".jsonl", ".html"]))
def test_fuzz_read(data, suffix):
    fz.check_read(data, suffix)


@FAST
@given(records=st.lists(st.fixed_dictionaries({"id": st.text(max_size=8), "text": fz.texts}), max_size=4),
       cut=st.integers(0, 2000))
def test_fuzz_read_truncated_jsonl(records, cut):
    import json

    data = "".join(json.dumps(r) + "\n" for r in records).encode("utf-8")
    fz.check_read(data[: cut or None], ".jsonl")


@FAST
@given(text=fz.texts)
def test_fuzz_clean(text):
    fz.check_clean(text)


@FAST
@given(text=fz.texts)
def test_fuzz_analyze(text):
    fz.check_analyze(text)


@FAST
@given(text=fz.texts)
def test_fuzz_extract(text):
    fz.check_extract(text)


@SLOW
@given(text=fz.texts)
def test_fuzz_rdf_parses_back(text):
    with tempfile.TemporaryDirectory() as directory:
        fz.check_rdf(text, Path(directory))


@pytest.mark.slow
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(text=fz.texts)
def test_fuzz_exports_and_shacl(text):
    with tempfile.TemporaryDirectory() as directory:
        trig = fz.check_rdf(text, Path(directory))
        if trig is not None:
            fz.check_shacl(trig)
            fz.check_exports(trig, Path(directory))
