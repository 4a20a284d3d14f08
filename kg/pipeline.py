"""The pipeline: read -> clean -> analyze -> extract -> resolve -> RDF, as a plain loop.

``Pipeline.process`` runs one raw article through every stage and returns its ``Extraction``;
``Pipeline.build`` turns input files into an rdflib ``Dataset`` with one named graph per article.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from .analyze import get_analyzer
from .clean import clean
from .errors import InputError, KgError
from .extract import extract
from .lexicon import Lexicon, default_lexicon
from .model import Extraction, RawArticle
from .rdf import add_extraction, new_dataset
from .read import read_path
from .resolve import resolve

__all__ = ["Pipeline", "BuildReport"]


@dataclass
class BuildReport:
    articles: int = 0
    errors: list[InputError] = field(default_factory=list)


class Pipeline:
    """All stages with one lexicon and one (lazily created) Kiwi."""

    def __init__(self, lexicon: Lexicon | None = None, lexicon_dirs: Iterable[str | Path] = ()):
        dirs = [str(d) for d in lexicon_dirs]
        self.lexicon_dirs = tuple(dirs)
        self.lexicon = Lexicon.load(*dirs) if dirs else (lexicon or default_lexicon())
        self.analyzer = get_analyzer(self.lexicon)

    def process(self, raw: RawArticle) -> Extraction:
        article = clean(raw, self.lexicon)
        if not article.text.strip():
            raise InputError(raw.source, "no article text left after removing boilerplate",
                             "check that the file holds a news article")
        document = self.analyzer.analyze(article)
        return resolve(extract(document, self.lexicon), self.lexicon)

    def process_text(self, text: str, id: str = "text", **metadata) -> Extraction:
        """Convenience for the Python API: one article given as a string."""
        return self.process(RawArticle(id=id, source=id, text=text, format="txt", **metadata))

    def raw_articles(self, inputs: Iterable[str | Path], skip_errors: bool, report: BuildReport,
                     input_format: str | None = None) -> Iterator[RawArticle]:
        for path in inputs:
            try:
                raws = list(read_path(path, input_format))
            except InputError as ex:
                if not skip_errors:
                    raise
                report.errors.append(ex)
                continue
            yield from raws

    def extractions(self, inputs: Iterable[str | Path], skip_errors: bool = False,
                    report: BuildReport | None = None,
                    on_article: Callable[[Extraction], None] | None = None,
                    input_format: str | None = None, workers: int = 1) -> Iterator[Extraction]:
        """Extractions of every article of every input, in input order. With ``skip_errors`` a
        bad file or record is recorded in ``report.errors`` and the rest goes on; otherwise the
        first one raises. ``workers > 1`` extracts in that many processes (one Kiwi each)."""
        report = report if report is not None else BuildReport()
        raws = self.raw_articles(inputs, skip_errors, report, input_format)
        if workers > 1:
            results = _parallel(raws, workers, self.lexicon_dirs)
        else:
            results = (self._attempt(raw) for raw in raws)
        for result in results:
            if isinstance(result, InputError):
                if not skip_errors:
                    raise result
                report.errors.append(result)
                continue
            report.articles += 1
            if on_article:
                on_article(result)
            yield result

    def _attempt(self, raw: RawArticle) -> Extraction | InputError:
        try:
            return self.process(raw)
        except InputError as ex:
            return ex

    def build(self, inputs: Iterable[str | Path], skip_errors: bool = False,
              report: BuildReport | None = None, input_format: str | None = None,
              on_article: Callable[[Extraction], None] | None = None) -> Dataset:
        dataset = new_dataset()
        seen: dict[str, str] = {}
        for extraction in self.extractions(inputs, skip_errors, report, on_article, input_format=input_format):
            article = extraction.article
            if article.id in seen:
                raise KgError(f"{article.source}: article id '{article.id}' also comes from {seen[article.id]}; "
                              "ids must be unique (rename a file or set 'id' in the JSONL record)")
            seen[article.id] = article.source
            add_extraction(dataset, extraction, self.lexicon)
        return dataset



_WORKER: Pipeline | None = None


def _init_worker(lexicon_dirs: tuple[str, ...]) -> None:
    global _WORKER
    _WORKER = Pipeline(lexicon_dirs=lexicon_dirs)


def _work(raw: RawArticle) -> Extraction | InputError:
    return _WORKER._attempt(raw)


def _parallel(raws: Iterable[RawArticle], workers: int, lexicon_dirs: tuple[str, ...]):
    """Extract in worker processes, results in input order (multiprocessing, not a home-made
    scheduler; beyond one machine use Dask distributed with Pipeline.process as the task)."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_worker, initargs=(lexicon_dirs,)) as pool:
        yield from pool.imap(_work, raws, chunksize=4)
