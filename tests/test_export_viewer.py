"""The HTML viewer in headless Chromium: self-contained, node count, search, a non-blank screenshot."""

from __future__ import annotations

import re
import struct
import subprocess
import urllib.parse
import zlib
from pathlib import Path

import pytest

from kg.export import export

from .conftest import require_tool

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                  "--window-size=1280,800", "--virtual-time-budget=10000"]


def chromium(page: Path, profile: Path, *args: str, **fragment: str) -> str:
    """Open ``page`` (with ``#key=value`` parameters) in headless Chromium; returns its stdout."""
    binary = require_tool("chromium")
    url = page.resolve().as_uri() + ("#" + urllib.parse.urlencode(fragment) if fragment else "")
    result = subprocess.run([binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args, url],
                            capture_output=True, timeout=180, check=True)
    return result.stdout.decode("utf-8")


def dom(page: Path, profile: Path, **fragment: str):
    import lxml.html

    document = lxml.html.fromstring(chromium(page, profile, "--dump-dom", **fragment))
    assert document.xpath("//body/@data-ready") == ["true"], "the viewer did not finish loading"
    return document


def png_distinct_bytes(path: Path) -> tuple[int, int, int]:
    """(width, height, number of distinct byte values in the decompressed image data). A uniform
    image filters down to a handful of byte values; a real screenshot has hundreds."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, idat, width, height = 8, b"", 0, 0
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        position += 12 + length
    return width, height, len(set(zlib.decompress(idat)))


@pytest.fixture(scope="module")
def viewer(example_trig, tmp_path_factory):
    out = tmp_path_factory.mktemp("viewer") / "kakao.html"
    graph = export(example_trig, "html", out)
    return out, graph


def test_export_html_is_one_self_contained_file(viewer):
    page, _ = viewer
    html = page.read_text(encoding="utf-8")
    assert len(re.findall(r"<script\b", html)) == 3  # data, cytoscape.js, viewer.js
    assert not re.search(r"<script[^>]+src=|<link\b|@import|url\(", html)
    assert 'http-equiv="Content-Security-Policy"' in html and "default-src 'none'" in html
    assert 'cf.version="3.35.0"' in html  # cytoscape.js inlined


def test_export_html_renders_every_node_in_chromium(viewer, tmp_path):
    page, graph = viewer
    document = dom(page, tmp_path / "profile")
    counts = document.get_element_by_id("counts")
    assert counts.get("data-nodes") == str(graph.number_of_nodes())
    assert counts.get("data-edges") == str(graph.number_of_edges())
    assert document.xpath('//*[@id="legend"]//label')  # type colours
    assert document.xpath('//*[@id="time"][not(@hidden)]')  # the event dates span more than one day


def test_export_html_search_from_the_url_finds_kakao(viewer, tmp_path):
    page, _ = viewer
    document = dom(page, tmp_path / "profile", search="카카오")
    assert int(document.get_element_by_id("search-count").get("data-count")) >= 2
    matches = [" ".join(li.itertext()) for li in document.xpath('//*[@id="matches"]/li')]
    assert "카카오" in [m.strip() for m in matches] and any("카카오톡" in m for m in matches)
    panel = document.get_element_by_id("panel")
    assert panel.xpath("h2")[0].text_content() == "카카오"
    assert any("뉴스1" in q.text_content() or "카카오" in q.text_content() for q in panel.xpath("blockquote"))


def test_export_html_selects_a_node_with_evidence_and_sources(viewer, tmp_path):
    page, graph = viewer
    fire = next(n for n, d in graph.nodes(data=True) if d["type"] == "Fire")
    panel = dom(page, tmp_path / "profile", node=fire).get_element_by_id("panel")
    assert panel.xpath("h2")[0].text_content() == graph.nodes[fire]["label"]
    assert panel.xpath("blockquote") and "화재" in panel.xpath("blockquote")[0].text_content()
    assert any("홍은택 카카오 대표" in li.text_content() for li in panel.xpath("ul/li"))  # the source headline


def test_export_html_screenshot_is_not_blank(viewer, tmp_path):
    page, _ = viewer
    shot = tmp_path / "viewer.png"
    chromium(page, tmp_path / "profile", f"--screenshot={shot}", search="카카오")
    width, height, distinct = png_distinct_bytes(shot)
    assert (width, height) == (1280, 800) and distinct > 64
