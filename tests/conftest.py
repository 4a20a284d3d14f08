from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "dev" / "news1-kakao-2022-11-03.txt"
DEV = ROOT / "examples" / "dev"


@pytest.fixture(scope="session")
def pipeline():
    from kg.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def example_extraction(pipeline):
    from kg.read import read_path

    (raw,) = list(read_path(EXAMPLE))
    return pipeline.process(raw)


@pytest.fixture(scope="session")
def example_trig(tmp_path_factory, pipeline) -> Path:
    from kg.api import build, write

    out = tmp_path_factory.mktemp("example") / "kakao.trig"
    write(build([EXAMPLE], pipeline), out)
    return out


def require_tool(name: str) -> str:
    """Path of an external tool; skip when missing locally, fail in CI (KG_REQUIRE_SERVICES=1)."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("KG_REQUIRE_SERVICES") == "1":
            pytest.fail(f"{name} is not installed (scripts/install-test-services installs it)")
        pytest.skip(f"{name} is not installed")
    return path
