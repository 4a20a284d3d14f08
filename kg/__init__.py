"""kg: knowledge graphs of corporate events from Korean news.

Python API (mirrors the CLI)::

    import kg
    graph = kg.build(["article.txt"])                 # rdflib Dataset, one named graph per article
    kg.write(graph, "out.trig")                       # .ttl .trig .nt .nq .jsonld
    report = kg.build_file(["news.jsonl"], "news.nq")  # a corpus streamed to a file (bad records skipped)
    rows = kg.query("out.trig", "SELECT ...")         # a file, a store directory or an endpoint URL
    extraction = kg.Pipeline().process_text(text)     # the typed records of one article
"""

__version__ = "0.1.0"

from .errors import InputError, KgError, QueryError, StoreError  # noqa: E402
from .pipeline import Pipeline  # noqa: E402
from .api import build, build_file, write, query, ingest, stats, validate  # noqa: E402

__all__ = ["Pipeline", "build", "build_file", "write", "query", "ingest", "stats", "validate",
           "KgError", "InputError", "QueryError", "StoreError", "__version__"]
