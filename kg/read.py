"""Read stage: files (text, HTML, JSON Lines) -> decoded ``RawArticle`` records.

Encodings Korean sites serve (UTF-8, CP949/EUC-KR, UTF-16 with BOM) are detected; empty,
binary and malformed inputs raise :class:`~kg.errors.InputError` naming the file and line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import InputError
from .model import RawArticle

__all__ = ["read_inputs", "read_path", "decode_bytes", "parse_date", "FORMATS"]

FORMATS = {".txt": "txt", ".text": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".html": "html", ".htm": "html"}
_KOREAN_ENCODINGS = ["cp949", "euc_kr", "iso2022_kr", "johab", "utf_16", "utf_32"]


def decode_bytes(data: bytes, source: str) -> str:
    """Decode an input file's bytes, or raise ``InputError`` saying why it cannot be read."""
    if not data.strip():
        raise InputError(source, "the file is empty", "give a file with article text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as ex:
            raise InputError(source, f"broken UTF-16 text ({ex.reason} at byte {ex.start})",
                             "the file is cut off or not UTF-16: save it again as UTF-8") from None
    if b"\x00" in data[:4096]:
        raise InputError(source, "this looks like a binary file, not text",
                         "give a .txt, .html or .jsonl file with article text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_KOREAN_ENCODINGS).best()
    if best is None:
        raise InputError(source, "cannot detect the text encoding",
                         "save the file as UTF-8 (or CP949/EUC-KR)")
    return str(best)


def parse_date(value: object, source: str, line: int | None = None, field: str = "published") -> dt.date | None:
    """Parse a metadata date (``2022-11-03``, ``2022-11-03T09:16:00+09:00``, ``2022.11.03``)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(source, f"'{field}' must be a date string, not {type(value).__name__}",
                         "use YYYY-MM-DD", line)
    text = value.strip().replace(".", "-").replace("/", "-")
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        try:
            return dt.datetime.fromisoformat(text).date()
        except ValueError:
            raise InputError(source, f"'{field}' is not a date: {value!r}", "use YYYY-MM-DD", line) from None


def _stdin_id(text: str) -> str:
    return "stdin-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def _sniff_format(text: str) -> str:
    head = text.lstrip()[:200].lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith(("<!doctype html", "<html", "<?xml", "<head", "<body", "<article")):
        return "html"
    return "txt"


def read_path(path: str | Path, fmt: str | None = None, record_errors: bool = False) -> Iterator[RawArticle]:
    """Read one input (``-`` for standard input) and yield its articles. With ``record_errors`` a
    bad JSONL record is yielded as an ``InputError`` and the records after it are still read
    (a corpus build reports it and goes on); otherwise it raises."""
    name = str(path)
    if name == "-":
        data = sys.stdin.buffer.read()
        stem = None
    else:
        p = Path(path)
        if p.is_dir():
            raise InputError(name, "is a directory", "give the article files, e.g. DIR/*.txt")
        if not p.exists():
            raise InputError(name, "no such file")
        if (fmt or FORMATS.get(p.suffix.lower())) == "jsonl" and _utf8_start(p):
            yield from _stream_jsonl(p, name, record_errors)  # a corpus file: never all in memory
            return
        try:
            data = p.read_bytes()
        except OSError as ex:
            raise InputError(name, f"cannot read the file: {ex.strerror}") from None
        stem = p.stem
        if fmt is None:
            fmt = FORMATS.get(p.suffix.lower())
            if fmt is None:
                raise InputError(name, f"unknown input format '{p.suffix or '(no extension)'}'",
                                 "use .txt, .html or .jsonl, or pass --format")
    text = decode_bytes(data, name)
    if fmt is None:
        fmt = _sniff_format(text)
    if fmt == "jsonl":
        for record in _read_jsonl(text, name):
            if isinstance(record, InputError) and not record_errors:
                raise record
            yield record
    elif fmt == "html":
        yield _read_html(text, name, stem or _stdin_id(text))
    elif fmt == "txt":
        yield RawArticle(id=stem or _stdin_id(text), source=name, text=text, format="txt")
    else:
        raise InputError(name, f"unknown input format '{fmt}'", "use txt, html or jsonl")


def read_inputs(paths: Iterable[str | Path], fmt: str | None = None) -> Iterator[RawArticle]:
    """Read several inputs in order; directories are not expanded (pass their files)."""
    for path in paths:
        yield from read_path(path, fmt)


_JSONL_FIELDS = ("id", "url", "title", "published", "publisher", "text")


def _read_jsonl(text: str, source: str) -> Iterator[RawArticle | InputError]:
    seen: dict[str, int] = {}
    # split on "\n" only: U+2028, U+0085 and other line breaks of str.splitlines are valid inside
    # a JSON string, so a record holding one is still one line
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        try:
            yield _jsonl_record(line, number, source, seen)
        except InputError as ex:
            yield ex


def _utf8_start(path: Path) -> bool:
    """Whether a file starts as UTF-8 text (its first MB decodes; no UTF-16 mark, no NUL)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(1 << 20)
    except OSError:
        return False
    if not head.strip() or head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:4096]:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as ex:
        return ex.start >= len(head) - 3  # only a character cut at the end of the sample
    return True


def _stream_jsonl(path: Path, source: str, record_errors: bool) -> Iterator[RawArticle | InputError]:
    """A UTF-8 JSON Lines file read one line at a time (split on \\n only), so memory does not
    grow with the file."""
    seen: dict[str, int] = {}
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8").rstrip("\r\n")
            except UnicodeDecodeError as ex:
                error = InputError(source, f"the line is not UTF-8 ({ex.reason} at byte {ex.start})",
                                   "save the file as UTF-8", number)
                if not record_errors:
                    raise error from None
                yield error
                continue
            if not line.strip():
                continue
            try:
                yield _jsonl_record(line, number, source, seen)
            except InputError as ex:
                if not record_errors:
                    raise
                yield ex


def _jsonl_record(line: str, number: int, source: str, seen: dict[str, int]) -> RawArticle:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as ex:
        raise InputError(source, f"broken JSON: {ex.msg} at column {ex.colno}",
                         "each line must be one JSON object", number) from None
    except RecursionError:
        raise InputError(source, "JSON nested too deeply", "a record is one flat JSON object", number) from None
    if not isinstance(record, dict):
        raise InputError(source, "a line must be a JSON object", 'e.g. {"id": "a1", "text": "..."}', number)
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        raise InputError(source, "the record has no 'text'", "'text' is required and must be a non-empty string", number)
    for key in ("id", "url", "title", "publisher"):
        if record.get(key) is not None and not isinstance(record[key], (str, int)):
            raise InputError(source, f"'{key}' must be a string", None, number)
    article_id = str(record.get("id") or f"{Path(source).stem}-{number}")
    if article_id in seen:
        raise InputError(source, f"duplicate id '{article_id}' (first on line {seen[article_id]})",
                         "ids must be unique within a file", number)
    seen[article_id] = number
    return RawArticle(
        id=article_id,
        source=f"{source}:{number}",
        text=body,
        format="jsonl",
        url=_opt_str(record.get("url")),
        title=_opt_str(record.get("title")),
        published=parse_date(record.get("published"), source, number),
        publisher=_opt_str(record.get("publisher")),
    )


def _opt_str(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _read_html(html: str, source: str, article_id: str) -> RawArticle:
    try:
        import lxml.html.clean  # noqa: F401  trafilatura needs it; since lxml 5.2 it is a separate package
        import trafilatura
    except ImportError as ex:
        raise InputError(source, f"cannot read HTML here: {ex}",
                         "install kg with its dependencies (pip install kg-news brings lxml_html_clean), "
                         "or give the text as .txt") from None

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    if doc is None or not (getattr(doc, "text", None) or "").strip():
        raise InputError(source, "no article text found in this HTML page",
                         "give the article page itself, or its text as .txt")
    text = doc.text
    byline = _html_byline(html)
    if byline and byline not in text:
        text = text.rstrip("\n") + "\n" + byline  # main-content extraction drops the reporter line
    published = None
    if getattr(doc, "date", None):
        try:
            published = dt.date.fromisoformat(doc.date[:10])
        except ValueError:
            published = None
    return RawArticle(
        id=article_id,
        source=source,
        text=text,
        format="html",
        url=getattr(doc, "url", None),
        title=getattr(doc, "title", None),
        published=published,
        publisher=getattr(doc, "sitename", None),
    )


# Every part is bounded and stops at the next tag, so a page of unclosed ``<a `` stays linear.
_BYLINE_ELEMENT = re.compile(
    r"<(?P<tag>[a-z0-9]{1,10})[^<>]{0,300}?class=\"[^\"<>]{0,200}?(?:byline|reporter|writer|author|journalist)"
    r"[^\"<>]{0,200}\"[^<>]{0,300}>(?P<body>.{0,2000}?)</(?P=tag)>",
    re.I | re.S)
_MAILTO = re.compile(r"<a[^<>]{0,300}?href=\"mailto:([^\"<>]{1,200})\"[^<>]{0,300}>[^<]{0,300}</a>", re.I)
_TAG = re.compile(r"<[^<>]{1,2000}>")


def _html_byline(html: str) -> str | None:
    """The text of the page's byline element (정소윤 기자 soyoon@hankyung.com), if it names a 기자."""
    import html as html_lib

    for m in _BYLINE_ELEMENT.finditer(html):
        body = _MAILTO.sub(r" \1 ", m.group("body"))
        text = " ".join(html_lib.unescape(_TAG.sub(" ", body)).split())
        if "기자" in text and len(text) <= 80:
            return text
    return None
