"""``kg serve``: a SPARQL 1.1 Protocol endpoint over a graph file or an embedded store.

Starlette (routing, CORS) on uvicorn. ``/sparql`` takes a query by GET (``?query=``) or POST
(a form with ``query`` or ``update``, or a ``application/sparql-query`` /
``application/sparql-update`` body), and answers in the format the ``Accept`` header asks for:
SPARQL results as JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE graphs as Turtle, N-Triples,
RDF/XML or JSON-LD. ``/`` is a small page with a query box and the example queries.

Safe by default: read-only (an update gets 403 unless ``allow_update``), ``SERVICE`` refused
unless ``allow_service``, a timeout per query (503 after it), at most ``max_running`` queries
evaluated at once (503 "busy" beyond: Oxigraph cannot cancel a query, so a runaway one keeps its
slot until it ends), loopback unless another host is given. Results are written to a spooled
temporary file (memory up to 8 MB, then disk) and streamed from there.
"""

from __future__ import annotations

import html
import json
import tempfile
import threading
import urllib.parse
from pathlib import Path

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from .errors import KgError, QueryError
from .query import check_query, execute, with_prefixes
from .rdf import PREFIXES
from .store import EndpointSource, OxigraphSource, open_source

__all__ = ["create_app", "serve", "example_queries"]

RESULT_TYPES = {  # media type -> pyoxigraph results format
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {  # media type -> pyoxigraph RDF format
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
_SPOOL = 8 * 1024 * 1024


def _negotiate(accept: str, offers: dict, default: str) -> str | None:
    """The offered media type the Accept header likes best (None: it accepts none of them)."""
    if not accept.strip():
        return default
    ranked = []
    for position, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        ranked.append((-quality, position, media.lower()))
    for quality, _, media in sorted(ranked):
        if quality == 0:
            break
        if media in offers:
            return media
        if media in ("*/*", "application/*", "text/*"):
            return default if media == "*/*" or default.startswith(media[:-1]) else next(
                (m for m in offers if m.startswith(media[:-1])), None)
    return None


def example_queries() -> dict[str, str]:
    """name -> text of the example queries (examples/queries in a checkout, kg/queries installed)."""
    here = Path(__file__).parent
    for folder in (here / "queries", here.parent / "examples" / "queries"):
        if folder.is_dir():
            return {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.rq"))}
    return {}


class Endpoint:
    def __init__(self, source: str, allow_update: bool, allow_service: bool, timeout: float, max_running: int):
        self.source = open_source(source, write=allow_update)
        if allow_update and not isinstance(self.source, (OxigraphSource, EndpointSource)):
            raise KgError(f"{source}: cannot be updated")
        self.allow_update = allow_update
        self.allow_service = allow_service
        self.timeout = timeout
        self.slots = threading.BoundedSemaphore(max_running)
        self.lock = threading.Lock()  # updates one at a time

    def run(self, sparql: str, is_update: bool, accept: str):
        """(status, media type, spooled file or message) -- called in a worker thread."""
        if not self.slots.acquire(blocking=False):
            return 503, "text/plain", "busy: too many queries are running (try again later)"

        def work():
            try:
                return self._evaluate(sparql, is_update, accept)
            finally:  # when the engine is done, even after the client got its timeout
                self.slots.release()

        try:
            return execute(work, self.timeout)
        except QueryError as ex:
            if "did not finish" in str(ex):
                return 503, "text/plain", str(ex)
            return 400, "text/plain", str(ex)
        except KgError as ex:
            return 500, "text/plain", str(ex)

    def _evaluate(self, sparql: str, is_update: bool, accept: str):
        if is_update:
            with self.lock:
                if isinstance(self.source, EndpointSource):
                    self.source.update(sparql)
                else:
                    try:
                        self.source.store.update(sparql)
                    except SyntaxError as ex:
                        raise QueryError(f"the SPARQL update does not parse: {ex}") from None
            return 204, "text/plain", ""
        results = self.source.query(sparql)
        spool = tempfile.SpooledTemporaryFile(max_size=_SPOOL)
        if isinstance(results, (ox.QuerySolutions, ox.QueryBoolean)):
            media = _negotiate(accept, RESULT_TYPES, "application/sparql-results+json")
            if media is None:
                return 406, "text/plain", f"cannot answer in {accept} (use one of: {', '.join(RESULT_TYPES)})"
            results.serialize(spool, format=RESULT_TYPES[media])
        else:
            media = _negotiate(accept, GRAPH_TYPES, "text/turtle")
            if media is None:
                return 406, "text/plain", f"cannot answer in {accept} (use one of: {', '.join(GRAPH_TYPES)})"
            triples = (t.triple if isinstance(t, ox.Quad) else t for t in results)
            ox.serialize(triples, spool, format=GRAPH_TYPES[media], prefixes=PREFIXES)
        spool.seek(0)
        return 200, media, spool


def _stream(spool):
    try:
        while chunk := spool.read(65536):
            yield chunk
    finally:
        spool.close()


def create_app(source: str, allow_update: bool = False, allow_service: bool = False, timeout: float = 60.0,
               max_running: int = 2) -> Starlette:
    endpoint = Endpoint(source, allow_update, allow_service, timeout, max_running)

    async def sparql(request: Request) -> Response:
        sparql_text, is_update = None, False
        if request.method == "GET":
            sparql_text = request.query_params.get("query")
            if request.query_params.get("update") is not None:
                return PlainTextResponse("an update must be sent by POST", status_code=400)
        else:
            kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if kind == "application/sparql-query":
                sparql_text = (await request.body()).decode("utf-8", "replace")
            elif kind == "application/sparql-update":
                sparql_text, is_update = (await request.body()).decode("utf-8", "replace"), True
            elif kind == "application/x-www-form-urlencoded":  # parsed here: no python-multipart needed
                form = urllib.parse.parse_qs((await request.body()).decode("utf-8", "replace"))
                sparql_text = form.get("query", [None])[0]
                if sparql_text is None and form.get("update"):
                    sparql_text, is_update = form["update"][0], True
            else:
                return PlainTextResponse("POST a form (query= or update=), application/sparql-query or "
                                         "application/sparql-update", status_code=415)
        if not sparql_text or not str(sparql_text).strip():
            return PlainTextResponse("no query: pass query= (GET or POST)", status_code=400)
        text = with_prefixes(str(sparql_text))
        try:
            looks_like_update = check_query(text, update=True, allow_service=endpoint.allow_service)
        except QueryError as ex:
            return PlainTextResponse(str(ex), status_code=403)
        if looks_like_update or is_update:
            if not endpoint.allow_update:
                return PlainTextResponse("this endpoint is read-only (start it with --allow-update to change the store)",
                                         status_code=403)
            if not is_update:
                return PlainTextResponse("an update must be sent as update= or application/sparql-update", status_code=400)
        status, media, body = await run_in_threadpool(endpoint.run, text, is_update, request.headers.get("accept", ""))
        if status == 200:
            return StreamingResponse(_stream(body), media_type=media)
        if status == 204:
            return Response(status_code=204)
        return PlainTextResponse(body, status_code=status)

    async def page(request: Request) -> Response:
        return HTMLResponse(_page(example_queries(), endpoint.allow_update))

    return Starlette(routes=[Route("/sparql", sparql, methods=["GET", "POST"]), Route("/", page)],
                     middleware=[Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                                            allow_headers=["*"])])


def serve(source: str, host: str = "127.0.0.1", port: int = 7878, **options) -> None:
    import uvicorn

    app = create_app(source, **options)
    uvicorn.run(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=2)


def _page(queries: dict[str, str], writable: bool) -> str:
    options = "".join(f'<option value="{html.escape(name)}">{html.escape(name)}</option>' for name in queries)
    first = html.escape(next(iter(queries.values()), "SELECT * WHERE { ?s ?p ?o } LIMIT 10"))
    return _PAGE.replace("{options}", options).replace("{first}", first).replace(
        "{queries}", json.dumps(queries, ensure_ascii=False).replace("</", "<\\/")).replace(
        "{mode}", "read-write" if writable else "read-only")


_PAGE = """<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>kg SPARQL</title>
<style>
body{font-family:system-ui,sans-serif;margin:1.5em;max-width:80em}
textarea{width:100%;height:16em;font-family:monospace;font-size:13px}
table{border-collapse:collapse;margin-top:1em;font-size:13px}
td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
#status{color:#555;margin-left:1em}
</style></head><body>
<h1>kg SPARQL endpoint</h1>
<p>POST or GET <code>/sparql</code> (SPARQL 1.1 Protocol, {mode}). The kg prefixes are predeclared;
the default graph is the union of all article graphs.</p>
<p>Example: <select id="examples">{options}</select></p>
<textarea id="query">{first}</textarea>
<p><button id="run">Run</button><span id="status"></span></p>
<div id="results"></div>
<script>
const queries = {queries};
const box = document.getElementById("query"), out = document.getElementById("results"),
      status = document.getElementById("status");
document.getElementById("examples").onchange = e => { box.value = queries[e.target.value]; };
function cell(term) { return term ? term.value : ""; }
document.getElementById("run").onclick = async () => {
  status.textContent = "running..."; out.textContent = "";
  const started = performance.now();
  const response = await fetch("sparql", {method: "POST", body: new URLSearchParams({query: box.value}),
    headers: {"Accept": "application/sparql-results+json, text/turtle;q=0.9"}});
  const text = await response.text();
  status.textContent = response.status + " in " + Math.round(performance.now() - started) + " ms";
  if (!response.ok || !(response.headers.get("content-type") || "").includes("json")) {
    const pre = document.createElement("pre"); pre.textContent = text; out.appendChild(pre); return;
  }
  const data = JSON.parse(text);
  if ("boolean" in data) { out.textContent = String(data.boolean); return; }
  const table = document.createElement("table"), head = table.insertRow();
  for (const name of data.head.vars) { const th = document.createElement("th"); th.textContent = name; head.appendChild(th); }
  for (const binding of data.results.bindings) {
    const row = table.insertRow();
    for (const name of data.head.vars) row.insertCell().textContent = cell(binding[name]);
  }
  out.appendChild(table);
  status.textContent += ", " + data.results.bindings.length + " rows";
};
</script></body></html>
"""
