"""Query: run SPARQL against a source and format the results.

``json``, ``csv`` and ``tsv`` are the W3C SPARQL 1.1 result formats (written by Oxigraph);
``table`` is for people: IRIs shortened with the kg prefixes, literals as their text.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .errors import KgError
from .rdf import PREFIXES
from .store import Source, open_source

__all__ = ["run_query", "format_results", "read_query", "rows", "RESULT_FORMATS"]

RESULT_FORMATS = ("table", "csv", "tsv", "json")
_PREFIX_HEADER = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def read_query(text_or_path: str) -> str:
    """A query given as text or as a path to a ``.rq``/``.sparql`` file; the kg prefixes are
    predeclared (a query may still declare its own)."""
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


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a one-line query longer than a file name can be
        return False


def run_query(source: str | Source, query: str):
    src = open_source(source) if isinstance(source, str) else source
    return src.query(read_query(query) if isinstance(query, str) else query)


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


def format_results(results, fmt: str = "table") -> str:
    if fmt not in RESULT_FORMATS:
        raise KgError(f"unknown result format '{fmt}' (use one of: {', '.join(RESULT_FORMATS)})")
    if fmt != "table" and isinstance(results, (ox.QuerySolutions, ox.QueryBoolean)):
        kind = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}[fmt]
        if isinstance(results, ox.QueryBoolean) and fmt != "json":
            return ("true" if bool(results) else "false") + "\n"
        return results.serialize(format=kind).decode("utf-8")
    names, data = rows(results)
    if fmt == "table":
        return render_table(names, data)
    sep = "," if fmt == "csv" else "\t"
    return "\n".join(sep.join(row) for row in [names, *data]) + "\n"


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
