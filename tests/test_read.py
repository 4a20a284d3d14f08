from __future__ import annotations

import json

import pytest

from kg.errors import InputError
from kg.read import decode_bytes, read_path

KOREAN = "홍은택 카카오 대표는 3일 실적 발표에서 이같이 말했다."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp949", "euc-kr", "utf-16"])
def test_read_decodes_korean_encodings(encoding):
    text = (KOREAN + "\n") * 3
    assert decode_bytes(text.encode(encoding), "a.txt").strip() == text.strip()


@pytest.mark.parametrize("data,problem", [
    (b"", "the file is empty"),
    (b"   \n\n", "the file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
])
def test_read_rejects_empty_and_binary(tmp_path, data, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        list(read_path(path))
    assert str(path) in str(info.value) and problem in str(info.value)


def test_read_jsonl_uses_metadata(tmp_path):
    path = tmp_path / "news.jsonl"
    record = {"id": "a1", "url": "https://www.news1.kr/x", "title": "제목", "published": "2022-11-03T09:16:00+09:00",
              "publisher": "뉴스1", "text": KOREAN}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    (raw,) = list(read_path(path))
    assert (raw.id, raw.title, str(raw.published), raw.publisher) == ("a1", "제목", "2022-11-03", "뉴스1")


@pytest.mark.parametrize("line,problem", [
    ('{"id": "a", "text": "x"', "broken JSON"),
    ('["not", "an", "object"]', "must be a JSON object"),
    ('{"id": "a"}', "has no 'text'"),
    ('{"id": "a", "text": "본문", "published": "어제"}', "'published' is not a date"),
])
def test_read_jsonl_errors_name_file_and_line(tmp_path, line, problem):
    path = tmp_path / "news.jsonl"
    good = json.dumps({"id": "ok", "text": KOREAN}, ensure_ascii=False)
    path.write_text(good + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        list(read_path(path))
    assert f"{path}:2:" in str(info.value) and problem in str(info.value)


def test_read_unknown_extension(tmp_path):
    path = tmp_path / "article.docx"
    path.write_text(KOREAN, encoding="utf-8")
    with pytest.raises(InputError, match="unknown input format '.docx'"):
        list(read_path(path))


def test_read_html_main_content(tmp_path):
    html = """<!doctype html><html><head><meta charset="utf-8"><title>카카오 실적</title></head><body>
    <nav><a href="/">홈</a> <a href="/economy">경제</a> 로그인 회원가입</nav>
    <article><h1>카카오, 3분기 실적 발표</h1><time datetime="2022-11-03">2022.11.03</time>
    <p>카카오는 3일 3분기 실적을 발표했다. 매출은 1조8587억원을 기록했다고 회사 측은 밝혔다.</p>
    <p>홍은택 카카오 대표는 "서비스 안정성을 높이겠다"고 말했다. 회사는 데이터센터를 새로 짓는다.</p></article>
    <footer>Copyright 뉴스1 무단전재 및 재배포 금지</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    (raw,) = list(read_path(path))
    assert "홍은택 카카오 대표는" in raw.text
    assert "회원가입" not in raw.text


@pytest.mark.parametrize("data", [
    "Élève café où ça déjà vu, naïve façade.".encode("latin-1") * 5,
    bytes(range(128, 256)) * 3,
])
def test_read_undecodable_text_is_an_error(tmp_path, data):
    path = tmp_path / "odd.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match="cannot detect the text encoding"):
        list(read_path(path))


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\x1c"])
def test_read_jsonl_record_with_a_unicode_line_break_is_one_record(tmp_path, separator):
    path = tmp_path / "news.jsonl"
    records = [{"id": "a", "text": f"첫 문장이다.{separator}둘째 문장이다."}, {"id": "b", "text": KOREAN}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    raws = list(read_path(path))
    assert [r.id for r in raws] == ["a", "b"]
    assert separator in raws[0].text


@pytest.mark.parametrize("data,problem", [
    (b"\xff\xfe" + "본문".encode("utf-16-le") + b"\x00", "broken UTF-16"),
    (b'{"id": "a", "text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n", "nested too deeply"),
])
def test_read_hostile_bytes_are_errors_not_tracebacks(tmp_path, data, problem):
    path = tmp_path / ("x.jsonl" if data.startswith(b"{") else "x.txt")
    path.write_bytes(data)
    with pytest.raises(InputError, match=problem):
        list(read_path(path))


def test_read_html_without_its_cleaner_is_an_error(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "lxml.html.clean", None)  # as on an install without lxml_html_clean
    path = tmp_path / "page.html"
    path.write_text("<html><body><p>본문</p></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="cannot read HTML here"):
        list(read_path(path))
