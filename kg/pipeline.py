"""The pipeline: read -> clean -> analyze -> extract -> resolve -> RDF, as a plain loop.

``Pipeline.process`` runs one raw article through every stage and returns its ``Extraction``;
``Pipeline.extractions`` does it for every article of the inputs, in input order, reporting a
bad file or record and going on (or raising at the first one with ``strict``); ``Pipeline.build``
collects them in an rdflib ``Dataset`` (the Python API, for small inputs -- corpora are streamed
by ``kg.api.build_file`` and ``kg.api.ingest``).
"""

from __future__ import annotations

import dataclasses
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from .analyze import get_analyzer
from .clean import clean
from .errors import InputError
from .extract import extract
from .headline import is_deck
from .lexicon import Lexicon, default_lexicon
from .model import Article, Document, Extraction, RawArticle
from .rdf import add_extraction, new_dataset
from .read import read_path
from .resolve import resolve

__all__ = ["Pipeline", "BuildReport"]

_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class BuildReport:
    """What a corpus run did: articles built, and the files or records rejected with the reason."""

    articles: int = 0
    errors: list[InputError] = field(default_factory=list)
    statements: int = 0  # triples or quads written, where the run wrote a file or a store
    on_reject: Callable[[InputError], None] | None = field(default=None, repr=False)

    def reject(self, error: InputError) -> None:
        self.errors.append(error)
        if self.on_reject is not None:
            self.on_reject(error)

    def reasons(self) -> list[tuple[str, int]]:
        """(reason, count) of the rejects, most frequent first ("broken JSON", "the file is empty")."""
        counts = Counter(error.problem.split(":")[0] for error in self.errors)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def summary(self) -> str:
        if not self.errors:
            return ""
        reasons = "; ".join(f"{count} {reason}" for reason, count in self.reasons())
        return f"skipped {len(self.errors)} of {self.articles + len(self.errors)} input(s): {reasons}"


_SUBJECT_TYPES = ("Company", "Person", "Organization", "Facility", "Product", "Location")


def _subject_names(extraction: Extraction) -> list[str]:
    """What the article names that a headline's subject would be: names, aliases and mentions."""
    text = extraction.article.text
    names = []
    for entity in extraction.entities:
        if entity.type in _SUBJECT_TYPES:
            names += [entity.name, *entity.aliases, *(text[m.start:m.end] for m in entity.mentions)]
    return names


def _encodable(raw: RawArticle) -> RawArticle:
    """Lone surrogates (a JSON ``\\ud800`` escape) cannot be written as UTF-8: U+FFFD, with a warning."""
    changes = {}
    for name in ("id", "text", "url", "title", "publisher"):
        value = getattr(raw, name)
        if isinstance(value, str) and _SURROGATE.search(value):
            changes[name] = _SURROGATE.sub("\ufffd", value)
    if not changes:
        return raw
    warnings.warn(f"{raw.source}: replaced unencodable characters (lone surrogates) in {', '.join(changes)} with U+FFFD",
                  stacklevel=2)
    return dataclasses.replace(raw, **changes)


class Pipeline:
    """All stages with one lexicon and one (lazily created) Kiwi."""

    def __init__(self, lexicon: Lexicon | None = None, lexicon_dirs: Iterable[str | Path] = ()):
        dirs = [str(d) for d in lexicon_dirs]
        self.lexicon_dirs = tuple(dirs)
        self.lexicon = Lexicon.load(*dirs) if dirs else (lexicon or default_lexicon())
        self.analyzer = get_analyzer(self.lexicon)

    def process(self, raw: RawArticle) -> Extraction:
        return self._finish(raw, self.analyzer.analyze(self._clean(raw)))

    def _clean(self, raw: RawArticle) -> Article:
        article = clean(_encodable(raw), self.lexicon)
        if not article.text.strip():
            raise InputError(raw.source, "no article text left after removing boilerplate",
                             "check that the file holds a news article")
        return article

    def _finish(self, raw: RawArticle, document: Document) -> Extraction:
        """Extract and resolve an analysed article."""
        article = document.article
        extraction = resolve(extract(document, self.lexicon), self.lexicon)
        if article.title and raw.title is None and is_deck(article.title, _subject_names(extraction),
                                                           self.lexicon.boilerplate["title_subject"]):
            # the line the page starts with names none of what the article names: a deck, not a title
            document = dataclasses.replace(document, article=dataclasses.replace(article, title=None))
            extraction = resolve(extract(document, self.lexicon), self.lexicon)
        return extraction

    def stream(self, raws: Iterable[RawArticle]) -> Iterator[Extraction | InputError]:
        """``process`` over many articles, in order, an article kg cannot take given as its
        ``InputError``. Kiwi analyses the next articles in its worker threads meanwhile
        (``Analyzer.analyze_stream``): the same output as ``process``, in less wall time where a
        core is free (on the 2-core development machine, idle: 1.5-1.9 x the throughput of one
        article at a time; up to 10 % less when no core was free; see
        ``benchmarks/bench_pipeline.py``). ``kg build`` and ``kg ingest`` use it unless given
        ``--workers``: worker processes (one core each) do not."""

        def cleaned():
            iterator = iter(raws)
            while True:
                try:
                    raw = next(iterator)
                except StopIteration:
                    return
                except BaseException as ex:  # noqa: BLE001  a bad input raises in its turn, after the articles before it
                    yield (None, ex), None
                    return
                try:
                    yield (raw, None), self._clean(raw)
                except Exception as ex:  # noqa: BLE001  reported in its turn
                    yield (raw, self._failure(raw, ex)), None

        for (raw, error), document in self.analyzer.analyze_stream(cleaned()):
            if raw is None:
                raise error
            if document is None:
                yield error
                continue
            try:
                yield self._finish(raw, document)
            except Exception as ex:  # noqa: BLE001
                yield self._failure(raw, ex)

    def process_text(self, text: str, id: str = "text", **metadata) -> Extraction:
        """Convenience for the Python API: one article given as a string."""
        return self.process(RawArticle(id=id, source=id, text=text, format="txt", **metadata))

    def raw_articles(self, inputs: Iterable[str | Path], strict: bool, report: BuildReport,
                     input_format: str | None = None) -> Iterator[RawArticle]:
        for path in inputs:
            try:
                for raw in read_path(path, input_format, record_errors=not strict):
                    if isinstance(raw, InputError):
                        report.reject(raw)
                    else:
                        yield raw
            except InputError as ex:
                if strict:
                    raise
                report.reject(ex)

    def extractions(self, inputs: Iterable[str | Path], skip_errors: bool = False,
                    report: BuildReport | None = None,
                    on_article: Callable[[object], None] | None = None,
                    input_format: str | None = None, workers: int | None = None, dask=None) -> Iterator[Extraction]:
        """Extractions of every article of every input, in input order. With ``skip_errors`` a
        bad file or record (or an article kg fails on) is recorded in ``report`` and the rest goes
        on; otherwise the first one raises. An article id seen before in the run is a bad record
        too. By default one process streams (``stream``: Kiwi analyses ahead on the free cores);
        ``workers=1`` keeps to one core, an article at a time; ``workers > 1`` extracts in that
        many local processes (one Kiwi each, one core each), ``dask`` (a
        scheduler address or a ``distributed.Client``) on a Dask cluster; both yield
        :class:`~kg.distributed.ArticleGraph` records (the graph built where it was extracted)
        instead of extractions -- :func:`graph_of` takes either."""
        report = report if report is not None else BuildReport()
        raws = self.raw_articles(inputs, not skip_errors, report, input_format)
        if dask is not None:
            from .distributed import dask_graphs

            results = dask_graphs(raws, dask, self.lexicon_dirs)
        elif workers is None:
            results = self.stream(raws)
        elif workers > 1:
            results = _parallel(raws, workers, self.lexicon_dirs)
        else:
            results = map(self._attempt, raws)
        seen: dict[str, str] = {}
        for result in results:
            if not isinstance(result, InputError):
                article_id, source = (result.article.id, result.article.source) if isinstance(result, Extraction) \
                    else (result.id, result.source)
                if article_id in seen:
                    result = InputError(source, f"duplicate article id '{article_id}' (also in {seen[article_id]})",
                                        "ids must be unique: rename a file or set 'id' in the JSONL record")
                else:
                    seen[article_id] = source
            if isinstance(result, InputError):
                if not skip_errors:
                    raise result
                report.reject(result)
                continue
            report.articles += 1
            if on_article:
                on_article(result)
            yield result

    def _attempt(self, raw: RawArticle) -> Extraction | InputError:
        try:
            return self.process(raw)
        except Exception as ex:  # noqa: BLE001
            return self._failure(raw, ex)

    @staticmethod
    def _failure(raw: RawArticle, ex: Exception) -> InputError:
        if isinstance(ex, InputError):
            return ex
        # a bug of kg on one article must not cost the rest of a corpus: reported with the article
        return InputError(raw.source, f"kg failed on this article ({type(ex).__name__}: {ex})",
                          "please report this as a bug, with the article")

    def build(self, inputs: Iterable[str | Path], skip_errors: bool = False,
              report: BuildReport | None = None, input_format: str | None = None,
              on_article: Callable[[Extraction], None] | None = None) -> Dataset:
        """All articles in one rdflib ``Dataset`` (small inputs; see ``kg.api.build_file``)."""
        dataset = new_dataset()
        for extraction in self.extractions(inputs, skip_errors, report, on_article, input_format=input_format):
            add_extraction(dataset, extraction, self.lexicon)
        return dataset


def graph_of(result, lexicon: Lexicon):
    """(graph IRI, sorted quads) of an ``Extraction`` or of an ``ArticleGraph`` from a worker."""
    from .rdf import graph_iri
    from .writer import article_quads

    if isinstance(result, Extraction):
        return str(graph_iri(result.article.id)), article_quads(result, lexicon)
    return result.graph, result.quads()


def _work(raw: RawArticle):
    from .distributed import extract_batch

    return extract_batch([raw], _LEXICON_DIRS)[0]


_LEXICON_DIRS: tuple[str, ...] = ()


def _init_worker(lexicon_dirs: tuple[str, ...]) -> None:
    global _LEXICON_DIRS
    _LEXICON_DIRS = lexicon_dirs


def _parallel(raws: Iterable[RawArticle], workers: int, lexicon_dirs: tuple[str, ...]):
    """Extract in worker processes, results in input order, at most ``8 x workers`` articles in
    flight (``Pool.imap`` would read the whole corpus ahead). Multiprocessing, not a home-made
    scheduler; beyond one machine, Dask (``kg.distributed``)."""
    import multiprocessing
    from collections import deque

    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_worker, initargs=(lexicon_dirs,)) as pool:
        pending: deque = deque()
        for raw in raws:
            pending.append(pool.apply_async(_work, (raw,)))
            if len(pending) >= 8 * workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
