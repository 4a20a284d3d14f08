"""kg.gcpause: a stage runs with the cycle collector off and leaves it as it found it."""

from __future__ import annotations

import gc

import pytest

from kg.gcpause import gc_paused


@gc_paused
def _state(fail: bool = False) -> bool:
    if fail:
        raise ValueError("a stage failed")
    return gc.isenabled()


@pytest.mark.parametrize("enabled_before", [True, False])
def test_gcpause_collector_off_inside_and_restored(enabled_before):
    was = gc.isenabled()
    try:
        gc.enable() if enabled_before else gc.disable()
        assert _state() is False
        assert gc.isenabled() is enabled_before
        with pytest.raises(ValueError):
            _state(fail=True)
        assert gc.isenabled() is enabled_before
    finally:
        gc.enable() if was else gc.disable()


def test_gcpause_stages_leave_the_collector_on(pipeline):
    assert gc.isenabled()
    pipeline.process_text("가나전자는 3일 새 공장을 열었다고 밝혔다.", id="gc")
    assert gc.isenabled()
