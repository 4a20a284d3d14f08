"""The ``kg`` command line: each command parses its arguments and makes one library call.

Library errors (``KgError``) become ``Error: ...`` on stderr with exit status 1; usage errors exit 2.
"""

from __future__ import annotations

import contextlib
import functools
import sys

import click

from . import __version__
from .errors import KgError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def user_errors(func):
    """Turn library errors into ``Error: ...`` lines (no traceback for a user mistake)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except KgError as ex:
            raise click.ClickException(str(ex)) from None
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(130)
        except BrokenPipeError:
            sys.exit(0)

    return wrapper


def lexicon_option(func):
    return click.option("--lexicon", "lexicon_dirs", multiple=True, type=click.Path(file_okay=False),
                        help="Extra lexicon directory (gazetteer/*.tsv, titles.tsv, triggers.yaml) added to the built-in one. Repeatable.")(func)


def reject_options(func):
    """A corpus run reports a bad file or record and goes on, unless --strict."""
    func = click.option("--skip-errors", is_flag=True, hidden=True, help="The default now (kept for old scripts).")(func)
    func = click.option("--rejects", "rejects", metavar="FILE",
                        help="Write each skipped file or record with the reason to FILE (JSON Lines).")(func)
    return click.option("--strict", is_flag=True,
                        help="Stop at the first bad file or record and write nothing (default: report it, "
                             "go on, exit status 3 at the end).")(func)


PARTIAL = 3  # exit status: the output was written, but some inputs were skipped


def _start_report(rejects):
    from .api import RejectsFile
    from .pipeline import BuildReport

    return BuildReport(on_reject=RejectsFile(rejects) if rejects else None)


def _finish_report(report, done: str) -> None:
    """Print the rejects, what was done, and exit with status 3 when something was skipped."""
    if report.on_reject is not None:
        report.on_reject.close()
    for error in report.errors:
        click.echo(f"Error: {error}", err=True)
    click.echo(done + (f"; {report.summary()}" if report.errors else ""), err=True)
    if report.errors:
        sys.exit(PARTIAL)


def _pipeline(lexicon_dirs):
    from .pipeline import Pipeline

    return Pipeline(lexicon_dirs=lexicon_dirs)


@contextlib.contextmanager
def _progress(description: str):
    """A transient progress line on a terminal (articles done, elapsed); silent when piped."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description} {task.completed} article(s)"), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True, disable=not sys.stderr.isatty()) as progress:
        task = progress.add_task(description, total=None)
        yield lambda *_: progress.advance(task)


def _show_warning(message, category, filename, lineno, file=None, line=None):
    if issubclass(category, (DeprecationWarning, PendingDeprecationWarning)):
        return  # a library's notice to kg's developers (click 8.5 get_binary_stream), not the user's business
    click.echo(f"Warning: {message}", err=True)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="kg")
def main():
    """kg: knowledge graphs of corporate events from Korean news.

    \b
    Example: build the graph of an article, then ask who spoke at the earnings call:
      kg build examples/dev/news1-kakao-2022-11-03.txt -o kakao.trig
      kg query kakao.trig examples/queries/earnings-call-speakers.rq
    """
    import warnings

    warnings.showwarning = _show_warning  # "Warning: ..." lines, not Python's file:line format


@main.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", required=True, help="Output file (.ttl .trig .nt .nq .jsonld) or - for stdout.")
@click.option("--format", "fmt", help="RDF format when the extension does not say (turtle, trig, nt, nquads, json-ld).")
@click.option("--input-format", type=click.Choice(["txt", "html", "jsonl"]), help="Input format when the extension does not say (e.g. stdin).")
@click.option("-j", "--workers", type=click.IntRange(1, 64), default=None,
              help="Extraction processes, one core each (each loads its own Kiwi, ~0.5 GB). "
                   "Default: one process whose Kiwi analyses the coming articles on the free cores.")
@lexicon_option
@reject_options
@user_errors
def build(inputs, output, fmt, input_format, workers, lexicon_dirs, strict, rejects, skip_errors):
    """Build the RDF graph of news articles (text, HTML or JSON Lines).

    Each article becomes one named graph; Turtle and N-Triples get the union. Articles are
    written as they are extracted (memory stays flat with corpus size). A bad file or record is
    reported and skipped (exit status 3 at the end, with a summary); with --strict the first one
    stops the build. The output replaces an existing file only when the build completes.

    \b
    Examples:
      kg build article.txt -o article.trig
      kg build news/*.jsonl -o news.nq --rejects rejects.jsonl
      cat article.txt | kg build - -o - --format turtle
    """
    from .api import build_file
    from .writer import check_output

    check_output(output, fmt)  # a directory, a missing parent, no permission: before any work
    report = _start_report(rejects)
    pipeline = _pipeline(lexicon_dirs)
    with _progress("building") as advance:
        build_file(inputs, output, fmt, pipeline, strict, report, advance, input_format, workers)
    where = "standard output" if output == "-" else output
    _finish_report(report, f"Wrote {report.statements} triples from {report.articles} article(s) to {where}")


@main.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True)
@click.option("--store", "store", envvar="KG_STORE",
              help="Store directory (embedded Oxigraph, created if missing) or SPARQL endpoint URL. Env: KG_STORE.")
@click.option("-j", "--workers", type=click.IntRange(1, 64), default=None,
              help="Extraction processes, one core each (each loads its own Kiwi, ~0.5 GB). "
                   "Default: one process whose Kiwi analyses the coming articles on the free cores.")
@click.option("--dask", "dask", metavar="ADDRESS", help="Extract on a Dask cluster (scheduler address, tcp://HOST:8786).")
@click.option("--shards", metavar="DIR", help="Also (or only) write the graphs as N-Quads shards (part-00000.nq ...) for a bulk loader.")
@lexicon_option
@reject_options
@user_errors
def ingest(inputs, store, workers, dask, shards, lexicon_dirs, strict, rejects, skip_errors):
    """Add articles to a persistent store; re-ingesting an article replaces its graph.

    A bad file or record is reported and skipped (exit status 3 at the end); --strict stops at
    the first one. An endpoint URL may carry credentials (Basic or Digest authentication).

    \b
    Examples:
      kg ingest news/*.txt --store ./kgstore
      kg ingest big.jsonl --store ./kgstore --workers 2 --rejects rejects.jsonl
      kg ingest news/*.txt --store http://dba:dba@127.0.0.1:8890/sparql-auth
      kg ingest archive/*.jsonl --dask tcp://scheduler:8786 --shards shards/
      kg query ./kgstore examples/queries/positions.rq
    """
    from .api import ingest as run_ingest

    if store is None and shards is None:
        raise click.UsageError("give --store DIR|URL or --shards DIR (or both)")
    report = _start_report(rejects)
    pipeline = _pipeline(lexicon_dirs)
    with _progress("ingesting") as advance:
        run_ingest(inputs, store, pipeline, strict, report, progress=advance, workers=workers, dask=dask, shards=shards)
    where = " and ".join(x for x in (store, shards and f"shards in {shards}") if x)
    _finish_report(report, f"Ingested {report.articles} article(s) ({report.statements} triples) into {where}")


def timeout_option(func):
    return click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
                        metavar="SECONDS", help="Stop a query that runs longer (Ctrl-C stops it too).")(func)


@main.command(context_settings=CONTEXT)
@click.argument("source")
@click.argument("query")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table", show_default=True,
              help="table for people; csv/tsv/json are the SPARQL 1.1 result formats, streamed.")
@timeout_option
@click.option("--max-rows", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Rows shown by the table view (csv/tsv/json write every row).")
@click.option("--update", "allow_update", is_flag=True, help="Allow a SPARQL update (INSERT, DELETE, LOAD, DROP, ...) on a store directory or endpoint.")
@click.option("--allow-service", is_flag=True, help="Allow SERVICE clauses, which send requests to other hosts.")
@user_errors
def query(source, query, fmt, timeout, max_rows, allow_update, allow_service):
    """Run a SPARQL query (text or a .rq file) on an RDF file, a store directory or an endpoint.

    The kg prefixes (kg, kgr, schema, sem, prov, org, nif, skos, rdfs, xsd) are predeclared and
    the default graph is the union of all article graphs. Read-only unless --update; SERVICE is
    refused unless --allow-service.

    \b
    Examples:
      kg query kakao.trig examples/queries/earnings-call-speakers.rq
      kg query ./kgstore "SELECT ?name WHERE { ?c a kg:Company ; rdfs:label ?name }" --format csv
      kg query ./kgstore "DELETE WHERE { GRAPH kgr:graph/old { ?s ?p ?o } }" --update
    """
    from .query import check_query, execute, read_query, run_query, run_update, write_results

    sparql = read_query(query)
    if check_query(sparql, update=allow_update, allow_service=allow_service):
        execute(lambda: run_update(source, sparql, allow_service), timeout)
        click.echo("Update done.", err=True)
        return
    out = sys.stdout.buffer  # click.get_binary_stream is deprecated (a warning on stderr in click 8.3+)

    def work():
        write_results(run_query(source, sparql, allow_service), fmt, out, max_rows)
        out.flush()

    execute(work, timeout)


@main.command(context_settings=CONTEXT)
@click.argument("source")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; another than loopback lets other machines query (and update) it.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True)
@timeout_option
@click.option("--allow-update", is_flag=True, help="Accept SPARQL updates (a store directory or endpoint only).")
@click.option("--allow-service", is_flag=True, help="Allow SERVICE clauses, which send requests to other hosts.")
@user_errors
def serve(source, host, port, timeout, allow_update, allow_service):
    """Serve SOURCE as a SPARQL 1.1 Protocol endpoint at /sparql, with a query page at /.

    SOURCE is an RDF file, a store directory or an endpoint URL. Read-only, and on loopback,
    unless --allow-update and --host say otherwise. Results in JSON, XML, CSV or TSV; CONSTRUCT
    in Turtle, N-Triples, RDF/XML or JSON-LD (by the Accept header); CORS allowed.

    \b
    Examples:
      kg serve ./kgstore
      curl -H 'Accept: text/csv' --data-urlencode query@examples/queries/positions.rq http://127.0.0.1:7878/sparql
      kg serve ./kgstore --host 0.0.0.0 --port 8080 --timeout 10
    """
    from .serve import serve as run

    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"Warning: listening on {host}: every machine that can reach it can query it"
                   + (" and change it" if allow_update else ""), err=True)
    click.echo(f"Serving {source} at http://{host}:{port}/sparql ({'read-write' if allow_update else 'read-only'}); "
               "Ctrl-C stops.", err=True)
    run(source, host, port, allow_update=allow_update, allow_service=allow_service, timeout=timeout)


@main.command(context_settings=CONTEXT)
@click.argument("source")
@user_errors
def stats(source):
    """Count articles, entities and events per class, and positions.

    \b
    Example:
      kg stats kakao.trig
    """
    from .api import stats as run
    from .query import render_table

    rows = run(source)
    click.echo(render_table(["kind", "type", "count"], [[k, t, str(n)] for k, t, n in rows]), nl=False)


@main.command(context_settings=CONTEXT)
@click.argument("source")
@user_errors
def validate(source):
    """Check a graph file against the SHACL shapes (ontologies/shapes.ttl).

    \b
    Example:
      kg validate kakao.trig
    """
    from .api import validate as run

    conforms, text = run(source)
    if conforms:
        click.echo(f"{source}: conforms to the kg shapes")
        return
    click.echo(text)
    raise click.ClickException(f"{source} does not conform to the kg shapes")


@main.command(context_settings=CONTEXT)
@click.argument("gold_dirs", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("-v", "--verbose", is_flag=True, help="List missed and extra items per article.")
@lexicon_option
@user_errors
def evaluate(gold_dirs, as_json, verbose, lexicon_dirs):
    """Score extraction against gold files (NAME.gold.yaml beside NAME.txt/.html/.jsonl).

    \b
    Example:
      kg evaluate examples/dev -v
    """
    import json

    from .evaluate import evaluate_many, format_report

    report = evaluate_many(gold_dirs, _pipeline(lexicon_dirs))
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_report(report, verbose), nl=False)


@main.command(context_settings=CONTEXT)
@click.argument("source")
@click.option("--to", "to", required=True, metavar="FORMAT",
              help="graphml, gexf, cytoscape, json (D3), dot, csv (a directory for neo4j-admin), html, "
                   "or RDF: ttl, trig, nt, nq, jsonld.")
@click.option("-o", "--output", required=True, help="Output file, - for stdout, or a directory for --to csv.")
@click.option("--focus", metavar="NAME", help="Keep the neighbourhood of the entity or event with this label (Korean or English).")
@click.option("--hops", type=int, help="How far from --focus to go, in links (default 2).")
@click.option("--types", metavar="LIST", help="Keep only these classes, comma-separated (Company,Person,Fire).")
@click.option("--since", metavar="DATE", help="Keep events from this date on (YYYY-MM-DD, YYYY-MM or YYYY), and the entities around them.")
@click.option("--until", metavar="DATE", help="Keep events up to this date (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--statements/--no-statements", default=True, show_default=True, help="Include quotations (Statement events).")
@user_errors
def export(source, to, output, focus, hops, types, since, until, statements):
    """Export a graph for visualization tools: entities and events as nodes, roles as edges.

    SOURCE is an RDF file, a store directory or a SPARQL endpoint URL. Literals become node
    attributes (labels, type, dates, number of articles, evidence sentences); --to html writes one
    self-contained viewer file that works offline.

    \b
    Examples:
      kg export kakao.trig --to html -o kakao.html
      kg export ./kgstore --to gexf -o story.gexf --focus 카카오 --hops 2
      kg export ./kgstore --to graphml -o fires.graphml --types Company,Fire --since 2022-10
      kg export ./kgstore --to csv -o neo4j-import/
      kg export ./kgstore --to dot -o kakao.dot --focus 카카오 --no-statements && dot -Tsvg kakao.dot -o kakao.svg
    """
    from .export import export as run

    graph = run(source, to, output, focus=focus, hops=hops, types=types, since=since, until=until,
                statements=statements)
    if output != "-":
        what = "every quad" if graph is None else f"{graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges"
        click.echo(f"Wrote {what} ({to}) to {output}", err=True)
    if graph is not None and to.lower() == "html" and graph.number_of_nodes() > 2000:
        click.echo("The viewer gets slow beyond a few thousand nodes: narrow it with --focus, --types or --since.", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
