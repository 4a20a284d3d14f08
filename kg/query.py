"""Query: run SPARQL against a source, safely, and format the results.

``json``, ``csv`` and ``tsv`` are the W3C SPARQL 1.1 result formats (written by Oxigraph, streamed
as the solutions come); ``table`` is for people: IRIs shortened with the kg prefixes, literals as
their text, at most ``max_rows`` rows.

Safety (:func:`check_query`, :func:`execute`): a query is read-only unless updates are allowed;
``SERVICE`` (which makes the engine call other hosts) is refused unless allowed; a query runs in
a worker thread (Oxigraph releases the GIL while it evaluates) so that a timeout and Ctrl-C stop
the wait at once, whatever the engine is doing.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from .errors import KgError, QueryError
from .rdf import PREFIXES
from .store import EndpointSource, Source, open_source

__all__ = ["run_query", "format_results", "read_query", "rows", "RESULT_FORMATS", "check_query", "execute",
           "write_results", "with_prefixes", "DEFAULT_TIMEOUT"]

DEFAULT_TIMEOUT = 60.0
# what is not SPARQL keywords: comments, strings (long ones first), IRIs
_NOT_KEYWORDS = re.compile(r'''"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''''
                           r'''|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*''')
_UPDATE = re.compile(r"(?<![?$\w:.-])(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY)(?![\w:-])", re.I)
_SERVICE = re.compile(r"(?<![?$\w:.-])SERVICE(?![\w:-])", re.I)

RESULT_FORMATS = ("table", "csv", "tsv", "json")
_PREFIX_HEADER = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def read_query(text_or_path: str) -> str:
    """A query given as text or as a path to a ``.rq``/``.sparql`` file; the kg prefixes are
    predeclared (a query may still declare its own)."""
    if text_or_path.startswith(_PREFIX_HEADER):
        return text_or_path
    path = Path(text_or_path)
    if text_or_path.endswith((".rq", ".sparql")) or ("\n" not in text_or_path and _is_file(path)):
        if not path.is_file():
            raise KgError(f"{text_or_path}: no such query file")
        text = path.read_text(encoding="utf-8")
    else:
        text = text_or_path
    if not text.strip():
        raise KgError("the query is empty")
    return _PREFIX_HEADER + text


def with_prefixes(text: str) -> str:
    """A query text (never a path) with the kg prefixes predeclared."""
    return text if text.startswith(_PREFIX_HEADER) else _PREFIX_HEADER + text


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a one-line query longer than a file name can be
        return False


def keywords(sparql: str) -> str:
    """The query with comments, strings and IRIs blanked out: what is left are keywords,
    variables and prefixed names."""
    return _NOT_KEYWORDS.sub(" ", sparql)


def check_query(sparql: str, update: bool = False, allow_service: bool = False) -> bool:
    """Refuse what was not asked for; returns whether ``sparql`` is an update."""
    bare = keywords(sparql)
    is_update = _UPDATE.search(bare) is not None
    if is_update and not update:
        raise QueryError(f"this is a SPARQL update ({_UPDATE.search(bare).group(1).upper()}); "
                         "queries are read-only (pass --update to change the store)")
    if _SERVICE.search(bare) and not allow_service:
        raise QueryError("the query uses SERVICE, which makes the engine send requests to other hosts; "
                         "refused (pass --allow-service if you trust the query)")
    return is_update


def run_query(source: str | Source, query: str, allow_service: bool = False):
    """Results of a read-only query (lazy: the engine works as they are iterated)."""
    sparql = read_query(query)
    check_query(sparql, allow_service=allow_service)
    src = open_source(source) if isinstance(source, str) else source
    return src.query(sparql)


def run_update(source: str | Source, update: str, allow_service: bool = False) -> None:
    """A SPARQL 1.1 Update on a store directory or an endpoint."""
    sparql = read_query(update)
    check_query(sparql, update=True, allow_service=allow_service)
    if isinstance(source, str) and not source.startswith(("http://", "https://")) and not Path(source).is_dir():
        raise KgError(f"{source}: an update needs a store directory or an endpoint URL (a file is read-only here)")
    src = open_source(source, write=True) if isinstance(source, str) else source
    try:
        if isinstance(src, EndpointSource):
            src.update(sparql)
        else:
            try:
                src.store.update(sparql)
            except SyntaxError as ex:
                raise QueryError(f"the SPARQL update does not parse: {ex}") from None
    finally:
        src.close()


def execute(work: Callable[[], object], timeout: float | None = DEFAULT_TIMEOUT):
    """Run ``work`` (a query and the writing of its results) in a worker thread and wait for it
    at most ``timeout`` seconds; Ctrl-C stops the wait too. The engine cannot be stopped from
    outside: after a timeout the worker is abandoned (a daemon thread; the CLI exits)."""
    outcome: dict = {}

    def run():
        # errors are turned into plain messages here: an exception carrying this thread's frames
        # would drop Oxigraph result objects on another thread, which Oxigraph does not allow
        try:
            outcome["value"] = work()
        except KgError as ex:
            outcome["error"] = type(ex)(str(ex))
        except (OSError, RuntimeError, ValueError) as ex:  # SERVICE failures, engine errors
            outcome["error"] = QueryError(f"the query failed: {ex}")
        except BaseException as ex:  # noqa: BLE001  a bug: re-raised in the waiting thread
            outcome["error"] = RuntimeError(f"{type(ex).__name__}: {ex}")

    worker = threading.Thread(target=run, name="kg-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryError(f"the query did not finish in {timeout:g} s (narrow it, add a LIMIT, or pass a "
                         "longer --timeout)")
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def _short(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        value = term.value
        for prefix, namespace in PREFIXES.items():
            if value.startswith(namespace) and prefix != "kgr":
                return f"{prefix}:{value[len(namespace):]}"
        return value
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def rows(results) -> tuple[list[str], list[list[str]]]:
    """(column names, rows of display strings) of SELECT results."""
    if isinstance(results, ox.QueryBoolean) or isinstance(results, bool):
        return ["ask"], [["true" if bool(results) else "false"]]
    if isinstance(results, ox.QuerySolutions):
        names = [v.value for v in results.variables]
        return names, [[_short(solution[name]) for name in names] for solution in results]
    # CONSTRUCT / DESCRIBE
    return ["subject", "predicate", "object"], [[_short(t.subject), _short(t.predicate), _short(t.object)] for t in results]


def format_results(results, fmt: str = "table", max_rows: int | None = None) -> str:
    """Results as text (for the Python API; the CLI streams with :func:`write_results`)."""
    from io import BytesIO

    buffer = BytesIO()
    write_results(results, fmt, buffer, max_rows)
    return buffer.getvalue().decode("utf-8")


def write_results(results, fmt: str, out, max_rows: int | None = None) -> int:
    """Write results to a binary file object as they come; the table stops after ``max_rows``
    rows. Returns the number of rows written."""
    if fmt not in RESULT_FORMATS:
        raise KgError(f"unknown result format '{fmt}' (use one of: {', '.join(RESULT_FORMATS)})")
    if isinstance(results, ox.QueryBoolean):
        if fmt == "json":
            results.serialize(out, format=ox.QueryResultsFormat.JSON)
        elif fmt == "table":
            out.write(render_table(["ask"], [["true" if bool(results) else "false"]]).encode("utf-8"))
        else:
            out.write(("true" if bool(results) else "false").encode() + b"\n")
        return 1
    if fmt != "table" and isinstance(results, ox.QuerySolutions):
        kind = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}[fmt]
        results.serialize(out, format=kind)
        return -1
    if isinstance(results, ox.QuerySolutions):
        names = [v.value for v in results.variables]
        data = ([_short(solution[name]) for name in names] for solution in results)
    else:  # CONSTRUCT / DESCRIBE
        names = ["subject", "predicate", "object"]
        data = ([_short(t.subject), _short(t.predicate), _short(t.object)] for t in results)
    if fmt != "table":
        sep = "," if fmt == "csv" else "\t"
        count = 0
        out.write((sep.join(names) + "\n").encode("utf-8"))
        for row in data:
            out.write((sep.join(row) + "\n").encode("utf-8"))
            count += 1
        return count
    shown: list[list[str]] = []
    more = False
    for row in data:
        if max_rows is not None and len(shown) >= max_rows:
            more = True
            break
        shown.append(row)
    text = render_table(names, shown)
    if more:
        text += f"(only the first {max_rows} rows are shown: use --format csv or --max-rows for all)\n"
    out.write(text.encode("utf-8"))
    return len(shown)


def rows(results) -> tuple[list[str], list[list[str]]]:
    """(column names, rows of display strings) of SELECT results."""
    if isinstance(results, ox.QueryBoolean) or isinstance(results, bool):
        return ["ask"], [["true" if bool(results) else "false"]]
    if isinstance(results, ox.QuerySolutions):
        names = [v.value for v in results.variables]
        return names, [[_short(solution[name]) for name in names] for solution in results]
    # CONSTRUCT / DESCRIBE
    return ["subject", "predicate", "object"], [[_short(t.subject), _short(t.predicate), _short(t.object)] for t in results]


def render_table(names: list[str], data: list[list[str]]) -> str:
    from io import StringIO

    from rich.console import Console
    from rich.table import Table

    table = Table(*names, show_lines=False, header_style="bold")
    for row in data:
        table.add_row(*row)
    buffer = StringIO()
    Console(file=buffer, width=200, force_terminal=False, no_color=True).print(table)
    footer = f"{len(data)} row{'s' if len(data) != 1 else ''}\n"
    return buffer.getvalue() + footer
