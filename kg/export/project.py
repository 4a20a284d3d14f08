"""Projection: the RDF event graph -> a property graph (networkx ``MultiDiGraph``) for visualization.

Entities and events are nodes, keyed by their IRI; their literals become plain attributes (only
``str``, ``int``, ``float``, ``bool``, so every writer and tool can type them), aggregated over the
articles that mention them. Event roles, causes, ownership and positions are typed edges. Literals
are never nodes, and mentions, sentences and articles are folded into node attributes.

Node attributes (left out when unknown):

- ``kind`` ``entity`` or ``event``; ``type`` the class (``Company``, ``Person``, ``Fire``, ...)
- ``label`` what to display (Korean label, else English, else the IRI's last segment);
  ``label_ko``, ``label_en``, ``aliases`` (``"; "``-separated), ``ticker``
- events: ``date`` (as written: ``2022-11-03``, ``2022-10``, ``2022``), ``fiscal_period``,
  ``trigger``, ``confidence`` (float), ``quote`` (statements)
- ``start``, ``end``: the node's time span as ISO dates -- an event's time (a month spans its
  days), else the publication dates of its articles. Used by ``since``/``until``, GEXF spells and
  the viewer's time filter.
- ``first_seen``, ``last_seen``: first and last publication date of its articles
- ``articles``: number of source articles; ``sources``: the first ``MAX_SOURCES`` of their
  identifiers by publication date, one per line
- ``mentions``: number of mentions; ``evidence``: up to ``MAX_EVIDENCE`` sentences, one per line

Edge attributes: ``type`` (a role such as ``speaker``, or ``causes``, ``ownedBy``, ``position``),
``label``, ``label_ko``; positions (person -> organization) also ``title``, ``title_en``,
``title_text``, ``confidence``, ``articles``, ``first_seen``, ``last_seen``. Edge keys are unique
ids (``e0``, ``e1``, ...) in sorted order, so the same source always gives the same graph.

Graph attributes: ``name`` (the source) and ``articles``, ``{identifier: {"headline", "published",
"publisher", "url"}}`` -- the one structured value, read by the HTML viewer; writers of typed
formats leave it out (see :func:`plain_graph_attributes`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from ..errors import KgError
from ..model import ENTITY_TYPES, EVENT_TYPES
from ..namespace import KG
from ..store import Source, open_source

__all__ = ["project", "project_all", "select", "Selection", "vocabulary", "plain_graph_attributes",
           "time_span", "MAX_EVIDENCE", "MAX_SOURCES"]

QUERIES = Path(__file__).parent / "queries"
KG_NS = str(KG._NS)
NODE_TYPES = ENTITY_TYPES + EVENT_TYPES
MAX_EVIDENCE = 3  # evidence sentences kept per node
MAX_SOURCES = 20  # article identifiers listed per node (``articles`` has the full count)
MAX_SENTENCE = 300  # characters of one evidence sentence
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


# -- reading the source ---------------------------------------------------------------------------

@contextmanager
def opened(source: str | Path | Source) -> Iterator[Source]:
    """A ``Source`` for a path, store directory or URL (closed afterwards), or the given one."""
    if isinstance(source, Source):
        yield source
        return
    src = open_source(str(source))
    try:
        yield src
    finally:
        src.close()


@functools.lru_cache(maxsize=None)
def _query(name: str) -> str:
    from ..query import read_query

    return read_query(str(QUERIES / f"{name}.rq"))


def _rows(src: Source, name: str) -> Iterator[tuple]:
    """Rows of a query in ``kg/export/queries`` as tuples of values (str, or None when unbound)."""
    for solution in src.query(_query(name)):
        yield tuple(None if term is None else term.value for term in solution)


@functools.lru_cache(maxsize=1)
def vocabulary() -> dict[str, dict[str, str]]:
    """Korean and English labels of the ontology's terms: ``{"Fire": {"ko": "화재", "en": "Fire"}}``."""
    import pyoxigraph as ox

    from ..api import ontology_path

    labels: dict[str, dict[str, str]] = defaultdict(dict)
    rdfs_label = "http://www.w3.org/2000/01/rdf-schema#label"
    for triple in ox.parse(path=str(ontology_path()), format=ox.RdfFormat.TURTLE):
        if triple.predicate.value == rdfs_label and triple.subject.value.startswith(KG_NS):
            labels[triple.subject.value[len(KG_NS):]][triple.object.language or ""] = triple.object.value
    return dict(labels)


# -- dates ------------------------------------------------------------------------------------------

def time_span(value: str | None) -> tuple[str, str] | None:
    """ISO first and last day of ``2022-11-03``, ``2022-10`` or ``2022``; None if not a date."""
    match = _DATE.match(value or "")
    if not match:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if day:
            first = last = dt.date(year, month, day)
        elif month:
            first, last = dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        else:
            first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:  # month 13, February 30, ...
        return None
    return first.isoformat(), last.isoformat()


def _parse_date(value, option: str, last: bool) -> str | None:
    """``since``/``until`` as an ISO day (``until=2022-10`` means up to 2022-10-31)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    span = time_span(str(value).strip())
    if span is None:
        raise KgError(f"--{option} {value}: not a date (use YYYY-MM-DD, YYYY-MM or YYYY)")
    return span[1] if last else span[0]


# -- the projection ---------------------------------------------------------------------------------

@dataclass
class _Node:
    kind: str
    type: str
    values: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    articles: set[str] = field(default_factory=set)
    sentences: set[str] = field(default_factory=set)
    mentions: int = 0


@dataclass
class _Position:
    texts: Counter = field(default_factory=Counter)
    confidence: float = 0.0
    articles: set[str] = field(default_factory=set)


def project_all(source: str | Path | Source) -> nx.MultiDiGraph:
    """The whole source as a property graph (no selection)."""
    with opened(source) as src:
        nodes = _read_nodes(src)
        articles = _read_articles(src)
        texts = _read_evidence(src, nodes)
        links = sorted(_read_links(src, nodes))
        positions = _read_positions(src, nodes)
        titles = _read_titles(src)
        name = src.name if "://" in src.name else Path(src.name).name
    graph = nx.MultiDiGraph(name=name, articles={})
    published = {iri: a.get("published") for iri, a in articles.items()}
    for iri in sorted(nodes):
        graph.add_node(iri, **_node_attributes(iri, nodes[iri], articles, published, texts))
    edges = [(s, o, _link_attributes(p)) for s, p, o in links]
    for (person, organization, title), position in positions.items():
        edges.append((person, organization, _position_attributes(title, position, titles, articles, published)))
    edges.sort(key=lambda e: (e[0], e[1], e[2]["type"], e[2]["label"]))
    for number, (u, v, attributes) in enumerate(edges):
        graph.add_edge(u, v, key=f"e{number}", **attributes)
    graph.graph["articles"] = {a["identifier"]: {k: v for k, v in a.items() if k != "identifier"}
                               for a in sorted(articles.values(), key=lambda a: a["identifier"])}
    _keep_cited_articles(graph)
    return graph


def _keep_cited_articles(graph: nx.MultiDiGraph) -> None:
    """Keep in ``graph.graph["articles"]`` only the articles a node or edge lists in ``sources``."""
    cited = {i for _, d in graph.nodes(data="sources") for i in (d or "").splitlines()}
    cited |= {i for _, _, d in graph.edges(data="sources") for i in (d or "").splitlines()}
    graph.graph["articles"] = {i: a for i, a in graph.graph["articles"].items() if i in cited}


def _read_nodes(src: Source) -> dict[str, _Node]:
    rank = {t: i for i, t in enumerate(NODE_TYPES)}
    nodes: dict[str, _Node] = {}
    for iri, cls in _rows(src, "nodes"):
        name = cls[len(KG_NS):]
        if iri not in nodes or rank[name] < rank[nodes[iri].type]:
            nodes[iri] = _Node("entity" if name in ENTITY_TYPES else "event", name)
    for iri, key, value, language in _rows(src, "node-values"):
        node = nodes.get(iri)
        if key == "label":
            key = {"ko": "label_ko", "": "label_ko", "en": "label_en"}.get(language or "")
        if node is not None and key:
            node.values[key].add(value)
    for iri, article in _rows(src, "node-sources"):
        node = nodes.get(iri)
        if node is not None:
            node.articles.add(article)
    return nodes


def _read_articles(src: Source) -> dict[str, dict[str, str]]:
    articles: dict[str, dict[str, str]] = {}
    for iri, identifier, headline, published, publisher, url in _rows(src, "articles"):
        entry = articles.setdefault(iri, {"identifier": identifier or iri.rstrip("/").rsplit("/", 1)[-1]})
        for key, value in (("headline", headline), ("published", published), ("publisher", publisher), ("url", url)):
            if value and key not in entry:
                entry[key] = value
    return articles


def _read_evidence(src: Source, nodes: dict[str, _Node]) -> dict[str, str]:
    """Sentence texts by sentence IRI; fills each node's mention count and sentence set."""
    for iri, mentions, sentences in _rows(src, "evidence"):
        node = nodes.get(iri)
        if node is not None:
            node.mentions = int(mentions)
            node.sentences = set(sentences.split())
    return dict(_rows(src, "sentences"))


def _read_links(src: Source, nodes: dict[str, _Node]) -> set[tuple[str, str, str]]:
    return {(s, name, o) for s, name, o in _rows(src, "links") if s in nodes and o in nodes and s != o}


def _read_positions(src: Source, nodes: dict[str, _Node]) -> dict[tuple[str, str, str], _Position]:
    positions: dict[tuple[str, str, str], _Position] = defaultdict(_Position)
    for person, organization, title, text, confidence, article in _rows(src, "positions"):
        if person not in nodes or organization not in nodes:
            continue
        position = positions[person, organization, title]
        if text:
            position.texts[text] += 1
        if confidence:
            position.confidence = max(position.confidence, float(confidence))
        if article:
            position.articles.add(article)
    return positions


def _read_titles(src: Source) -> dict[str, dict[str, str]]:
    """Title IRI -> {"ko": "대표", "en": "CEO"}."""
    titles: dict[str, dict[str, str]] = defaultdict(dict)
    for title, label, language in _rows(src, "titles"):
        titles[title][language or "ko"] = label
    return titles


# -- attributes -------------------------------------------------------------------------------------

def _pick(values: Iterable[str]) -> str | None:
    return min(values, default=None)


def _article_summary(iris: set[str], articles: dict, published: dict) -> dict:
    """articles, first_seen, last_seen, sources for a set of article IRIs."""
    known = sorted((published.get(a) or "9999", articles[a]["identifier"]) for a in iris if a in articles)
    dates = [d for d, _ in known if d != "9999"]
    summary = {"articles": len(iris)}
    if dates:
        summary["first_seen"], summary["last_seen"] = dates[0], dates[-1]
    if known:
        summary["sources"] = "\n".join(identifier for _, identifier in known[:MAX_SOURCES])
    return summary


def _node_attributes(iri: str, node: _Node, articles: dict, published: dict, texts: dict[str, str]) -> dict:
    values = node.values
    label_ko, label_en = _pick(values.get("label_ko", ())), _pick(values.get("label_en", ()))
    attributes: dict = {"kind": node.kind, "type": node.type}
    attributes["label"] = label_ko or label_en or _last_segment(iri)
    if label_ko:
        attributes["label_ko"] = label_ko
    if label_en:
        attributes["label_en"] = label_en
    if values.get("aliases"):
        attributes["aliases"] = "; ".join(sorted(values["aliases"] - {label_ko, label_en}))
        if not attributes["aliases"]:
            del attributes["aliases"]
    for key in ("ticker", "date", "fiscal_period", "trigger", "quote"):
        if values.get(key):
            attributes[key] = _pick(values[key])
    if values.get("confidence"):
        attributes["confidence"] = max(float(v) for v in values["confidence"])
    attributes.update(_article_summary(node.articles, articles, published))
    span = time_span(attributes.get("date")) if node.kind == "event" else None
    if span is None and "first_seen" in attributes:
        span = attributes["first_seen"], attributes["last_seen"]
    if span:
        attributes["start"], attributes["end"] = span
    attributes["mentions"] = node.mentions
    evidence = _evidence(node.sentences, texts, published)
    if evidence:
        attributes["evidence"] = evidence
    return attributes


def _last_segment(iri: str) -> str:
    return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _evidence(sentences: set[str], texts: dict[str, str], published: dict) -> str:
    def order(sentence: str):
        article, _, index = sentence.rpartition("/")
        return article, int(index) if index.isdigit() else 0

    chosen: list[str] = []
    for sentence in sorted(sentences, key=order):
        text = " ".join(texts[sentence].split())
        if len(text) > MAX_SENTENCE:
            text = text[:MAX_SENTENCE - 1] + "…"
        if text and text not in chosen:
            chosen.append(text)
        if len(chosen) == MAX_EVIDENCE:
            break
    return "\n".join(chosen)


def _link_attributes(prop: str) -> dict:
    return {"type": prop, "label": prop, "label_ko": vocabulary().get(prop, {}).get("ko", prop)}


def _position_attributes(title: str, position: _Position, titles: dict, articles: dict, published: dict) -> dict:
    names = titles.get(title, {})
    title_ko = names.get("ko") or _last_segment(title)
    attributes = {"type": "position", "label": title_ko, "label_ko": title_ko, "title": title_ko}
    if names.get("en"):
        attributes["title_en"] = names["en"]
    if position.texts:
        attributes["title_text"] = min(position.texts, key=lambda t: (-position.texts[t], t))
    if position.confidence:
        attributes["confidence"] = position.confidence
    attributes.update(_article_summary(position.articles, articles, published))
    return attributes


# -- selection --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Selection:
    """Which part of the graph to export. Build it with :meth:`parse`, which checks every option."""

    focus: str | None = None
    hops: int = 2
    types: frozenset[str] | None = None
    since: str | None = None  # ISO day
    until: str | None = None
    statements: bool = True

    @classmethod
    def parse(cls, focus=None, hops=None, types=None, since=None, until=None, statements=True) -> Selection:
        if hops is not None and not focus:
            raise KgError("--hops needs --focus NAME (the node to start from)")
        if hops is not None and (not isinstance(hops, int) or hops < 0):
            raise KgError(f"--hops {hops}: give a whole number of hops, 0 or more")
        selection = cls(focus=(focus or "").strip() or None, hops=2 if hops is None else hops,
                        types=_parse_types(types), since=_parse_date(since, "since", last=False),
                        until=_parse_date(until, "until", last=True), statements=statements)
        if selection.since and selection.until and selection.since > selection.until:
            raise KgError(f"--since {since} is after --until {until}")
        return selection

    @property
    def everything(self) -> bool:
        return self == Selection()


def _parse_types(types) -> frozenset[str] | None:
    if types is None:
        return None
    names = [t.strip() for t in (types.split(",") if isinstance(types, str) else types) if t.strip()]
    if not names:
        return None
    known = {t.lower(): t for t in NODE_TYPES}
    unknown = [n for n in names if n.lower() not in known]
    if unknown:
        raise KgError(f"--types: unknown type {', '.join(repr(u) for u in unknown)} "
                      f"(use entity or event classes: {', '.join(NODE_TYPES)})")
    return frozenset(known[n.lower()] for n in names)


def select(graph: nx.MultiDiGraph, selection: Selection) -> nx.MultiDiGraph:
    """Narrow ``graph`` in place: statements, then the time window, then the focus
    neighbourhood, then the node types (the focus nodes themselves are always kept)."""
    if not selection.statements:
        graph.remove_nodes_from([n for n, t in graph.nodes(data="type") if t == "Statement"])
    if selection.since or selection.until:
        graph.remove_nodes_from(_outside(graph, selection.since or "0000", selection.until or "9999"))
    focus: set[str] = set()
    if selection.focus:
        focus = _focus_nodes(graph, selection.focus)
        graph.remove_nodes_from(set(graph) - _neighbourhood(graph, focus, selection.hops))
    if selection.types:
        graph.remove_nodes_from([n for n, t in graph.nodes(data="type") if t not in selection.types and n not in focus])
    _keep_cited_articles(graph)
    return graph


def _overlaps(data: dict, since: str, until: str) -> bool:
    return "start" in data and data["start"] <= until and data["end"] >= since


def _outside(graph: nx.MultiDiGraph, since: str, until: str) -> list[str]:
    """Events whose time span misses [since, until]; entities seen outside it and linked to no
    event inside it."""
    events_in = {n for n, d in graph.nodes(data=True) if d["kind"] == "event" and _overlaps(d, since, until)}
    drop = []
    for node, data in graph.nodes(data=True):
        if data["kind"] == "event":
            if node not in events_in:
                drop.append(node)
        elif not _overlaps(data, since, until) and not events_in.intersection(nx.all_neighbors(graph, node)):
            drop.append(node)
    return drop


def _focus_nodes(graph: nx.MultiDiGraph, name: str) -> set[str]:
    """Nodes whose IRI, Korean or English label or alias is ``name`` (ignoring case)."""
    wanted = name.casefold()
    found = set()
    for node, data in graph.nodes(data=True):
        names = [node, data.get("label_ko", ""), data.get("label_en", ""), *data.get("aliases", "").split("; ")]
        if any(n.casefold() == wanted for n in names if n):
            found.add(node)
    if not found:
        labels = sorted({d["label"] for _, d in graph.nodes(data=True)})
        close = [l for l in labels if wanted in l.casefold()][:5] or difflib.get_close_matches(name, labels, n=5)
        hint = f"did you mean: {', '.join(close)}?" if close else "kg stats SOURCE shows what the graph has"
        raise KgError(f"--focus {name}: no entity or event has this label ({hint})")
    return found


def _neighbourhood(graph: nx.MultiDiGraph, start: set[str], hops: int) -> set[str]:
    seen, frontier = set(start), set(start)
    for _ in range(hops):
        frontier = {m for n in frontier for m in nx.all_neighbors(graph, n)} - seen
        seen |= frontier
    return seen


def project(source: str | Path | Source, focus: str | None = None, hops: int | None = None,
            types: Iterable[str] | str | None = None, since: str | dt.date | None = None,
            until: str | dt.date | None = None, statements: bool = True) -> nx.MultiDiGraph:
    """The property graph of ``source`` (RDF file, store directory, endpoint URL or ``Source``).

    ``focus`` keeps the nodes within ``hops`` (default 2) links of the nodes labelled so;
    ``types`` keeps only those classes (e.g. ``["Company", "Fire"]`` or ``"Company,Fire"``);
    ``since``/``until`` (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) keep events whose time overlaps
    the window and the entities around them; ``statements=False`` leaves out quotations.
    """
    selection = Selection.parse(focus, hops, types, since, until, statements)
    return select(project_all(source), selection)


def plain_graph_attributes(graph: nx.MultiDiGraph) -> dict[str, str]:
    """The graph attributes typed formats can hold (everything but the ``articles`` table)."""
    return {k: v for k, v in graph.graph.items() if isinstance(v, (str, int, float, bool))}
