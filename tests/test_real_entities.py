"""Floors on the real-article set (../shared/data/real, or $KG_REAL_DATA): entity F1 (strict) and
position recall may rise, never fall. Raise a floor when you improve; never lower it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REAL = Path(os.environ.get("KG_REAL_DATA", ROOT.parent / "shared" / "data" / "real"))

# (metric, attribute, floor): measured with the tagger on; see the README for the figures
FLOORS = [
    ("entities_strict", "f1", 0.91),
    ("positions", "recall", 0.83),
    ("positions", "precision", 0.66),
]


@pytest.fixture(scope="module")
def real_scores(pipeline):
    if not REAL.is_dir() or not any(REAL.glob("*.gold.yaml")):
        pytest.skip(f"real-article gold not found at {REAL} (set KG_REAL_DATA to its directory)")
    from kg.evaluate import evaluate_dir

    return evaluate_dir(REAL, pipeline).total()


@pytest.mark.slow
@pytest.mark.parametrize("metric,attribute,floor", FLOORS)
def test_real_entities_hold_their_floor(real_scores, metric, attribute, floor):
    value = getattr(real_scores[metric], attribute)
    assert value >= floor, f"{metric} {attribute} fell to {value:.3f} (floor {floor})"
