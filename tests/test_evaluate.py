"""The evaluator's pairing of gold events to predicted event nodes: one node per gold event, the
pairing that finds the most events (then the most agreeing times), whatever the node order."""

from __future__ import annotations

import pytest

from kg.evaluate import _best_pairs


@pytest.mark.parametrize("candidates, found", [
    # a first-come pairing gives the first gold event the only node the second one can take
    ([[("a", 1), ("b", 1)], [("a", 1)]], 2),
    ([[("a", 1), ("b", 1), ("c", 1)], [("a", 1), ("b", 1)], [("a", 1)]], 3),
    # two gold events and one node: one found
    ([[("a", 1)], [("a", 1)]], 1),
    ([[], [("a", 1)]], 1),
    ([], 0),
])
def test_evaluate_pairs_find_the_most_events(candidates, found):
    pairs = _best_pairs(candidates)
    assert len(pairs) == found
    assert len(set(pairs.values())) == found  # a node counts once
    for index, key in pairs.items():
        assert key in {k for k, _ in candidates[index]}


def test_evaluate_pairs_prefer_agreeing_times():
    # either node finds the gold event; the one whose time agrees (weight 2) is taken
    assert _best_pairs([[("a", 1), ("b", 2)]]) == {0: "b"}
    # but never at the cost of a found event
    assert _best_pairs([[("a", 2), ("b", 1)], [("a", 1)]]) == {0: "b", 1: "a"}


def test_evaluate_pairs_are_deterministic():
    candidates = [[(k, 1) for k in "abcd"] for _ in range(3)]
    assert len({tuple(sorted(_best_pairs(candidates).items())) for _ in range(5)}) == 1
