"""To-RDF stage: ``Extraction`` records -> an article's triples (pyoxigraph terms, for the writers
and stores) or an rdflib ``Dataset`` with one named graph per article (the Python API).

This is the only module that builds RDF terms from records. IRIs are derived from article ids and
entity keys only, so the same input always gives the same IRIs; serializations are made
byte-stable (sorted) by :func:`serialize`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from functools import lru_cache
from decimal import Decimal
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import Dataset, Graph, Namespace, URIRef
from rdflib.namespace import ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

from . import __version__
from .errors import KgError
from .lexicon import Lexicon
from .model import Event, Extraction
from .namespace import KG, KGR
from .registry import EVENTS, family
from .resolve import entity_slug
from .terms import OxNamespace, from_ox, lang, plain, typed

__all__ = ["to_dataset", "add_extraction", "serialize", "FORMATS", "format_for", "article_iri", "graph_iri",
           "entity_iri", "SCHEMA", "SEM", "NIF", "PREFIXES", "article_triples"]

SCHEMA = Namespace("https://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
PREFIXES = {
    "kg": str(KG._NS), "kgr": str(KGR), "schema": str(SCHEMA), "sem": str(SEM), "nif": str(NIF),
    "prov": str(PROV), "org": str(ORG), "skos": str(SKOS), "rdfs": str(RDFS), "xsd": str(XSD),
    "owl": str(OWL),
}

FORMATS = {  # extension -> (rdflib format, has named graphs)
    ".ttl": ("turtle", False), ".turtle": ("turtle", False),
    ".trig": ("trig", True),
    ".nt": ("nt", False), ".ntriples": ("nt", False),
    ".nq": ("nquads", True), ".nquads": ("nquads", True),
    ".jsonld": ("json-ld", True), ".json": ("json-ld", True),
}
FORMAT_NAMES = {"turtle": ".ttl", "ttl": ".ttl", "trig": ".trig", "nt": ".nt", "ntriples": ".nt",
                "nquads": ".nq", "nq": ".nq", "json-ld": ".jsonld", "jsonld": ".jsonld"}
_TIME_TYPES = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}
AGENT = KGR[f"agent/kg-{__version__}"]


def _seg(text: str) -> str:
    """An article id as one IRI path segment that every RDF syntax writes and reads back: all
    but unreserved characters percent-encoded, and a trailing dot too (``kgr:article/a.`` is not
    a Turtle prefixed name; a segment of only dots is a relative path step)."""
    segment = quote(text, safe="-._~")
    if segment.endswith("."):
        stripped = segment.rstrip(".")
        segment = (stripped if stripped else "") + "%2E" * (len(segment) - len(stripped))
    return segment


# entities whose IRIs are kept made: enough for a corpus's frequent names, and filled within the
# first few thousand articles, so that memory stops growing there (131 k grew it to 100 k articles)
ENTITY_CACHE = 16384


def article_iri(article_id: str) -> URIRef:
    return KGR[f"article/{_seg(article_id)}"]


def graph_iri(article_id: str) -> URIRef:
    return KGR[f"graph/{_seg(article_id)}"]


@lru_cache(maxsize=ENTITY_CACHE)
def entity_iri(key: str) -> URIRef:
    return KGR[entity_slug(key)]


def to_dataset(extractions: Iterable[Extraction], lexicon: Lexicon) -> Dataset:
    dataset = new_dataset()
    for extraction in extractions:
        add_extraction(dataset, extraction, lexicon)
    return dataset


def new_dataset() -> Dataset:
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True)
    return dataset


def add_extraction(dataset: Dataset, extraction: Extraction, lexicon: Lexicon) -> Graph:
    """Write one article's graph into ``dataset`` (replacing a graph of the same article)."""
    article = extraction.article
    name = graph_iri(article.id)
    dataset.remove_graph(dataset.graph(name))
    g = dataset.graph(name)
    g.addN((from_ox(s), from_ox(p), from_ox(o), g) for s, p, o in article_triples(extraction, lexicon))
    return g


_kg, _kgr, _schema, _sem, _nif = (OxNamespace(ns) for ns in (KG, KGR, SCHEMA, SEM, NIF))
_prov, _org, _skos, _rdf, _rdfs, _xsd = (OxNamespace(ns) for ns in (PROV, ORG, SKOS, RDF, RDFS, XSD))
_AGENT = ox.NamedNode(str(AGENT))


def _decimal(value: float) -> ox.Literal:
    return typed(Decimal(f"{value:.2f}"), XSD.decimal)


@lru_cache(maxsize=65536)
def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_xsd.nonNegativeInteger)


@lru_cache(maxsize=ENTITY_CACHE)
def _entity_node(key: str) -> ox.NamedNode:
    return ox.NamedNode(str(entity_iri(key)))


def article_triples(extraction: Extraction, lexicon: Lexicon) -> list[tuple]:
    """All triples of one article's graph, as a list of pyoxigraph term triples (used for files
    and for stores)."""
    article = extraction.article
    doc = extraction.document
    a = ox.NamedNode(str(article_iri(article.id)))
    aid = _seg(article.id)
    content_hash = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    run = ox.NamedNode(f"{KGR}run/{aid}/{content_hash[:12]}-{lexicon.fingerprint[:8]}")
    t: list[tuple] = []
    add = t.append
    rdf_type = _rdf.type

    identity = {e.key: _entity_node(e.identity) for e in extraction.entities if e.identity}

    def entity_node(key: str) -> ox.NamedNode:  # an entity's IRI: its cross-document identity
        return identity.get(key) or _entity_node(key)

    add((a, rdf_type, _schema.NewsArticle))
    add((a, _schema.identifier, plain(article.id)))
    if article.title:
        add((a, _schema.headline, lang(article.title, "ko")))
    if article.published:
        add((a, _schema.datePublished, typed(article.published.isoformat(), XSD.date)))
    if article.url:
        add((a, _schema.url, typed(article.url, XSD.anyURI)))
    if article.section:
        add((a, _schema.articleSection, plain(article.section)))
    add((a, _kg.sourceFile, plain(article.source)))
    add((a, _kg.contentHash, plain(content_hash)))
    add((a, _prov.wasGeneratedBy, run))
    if extraction.publisher:
        add((a, _schema.publisher, entity_node(extraction.publisher)))
    for author in extraction.authors:
        add((a, _schema.author, entity_node(author)))

    add((run, rdf_type, _kg.ExtractionRun))
    add((run, _prov.used, a))
    add((run, _prov.wasAssociatedWith, _AGENT))
    add((run, _rdfs.comment, plain(f"kg {__version__}, lexicon {lexicon.fingerprint}")))
    add((_AGENT, rdf_type, _prov.SoftwareAgent))
    add((_AGENT, _rdfs.label, plain(f"kg {__version__}")))

    used_sentences: set[int] = set()

    made: dict[tuple[int, int, bool], ox.NamedNode] = {}
    mention_type, begin, end, anchor, context_p = (_kg.Mention, _nif.beginIndex, _nif.endIndex, _nif.anchorOf,
                                                   _nif.referenceContext)

    def mention(m) -> ox.NamedNode:
        iri = made.get((m.start, m.end, m.sentence < 0))
        if iri is not None:
            return iri
        if m.sentence < 0:
            # in the headline (a quotation there): offsets into the headline, its own context
            iri = made[(m.start, m.end, True)] = ox.NamedNode(f"{KGR}mention/{aid}/headline/{m.start}-{m.end}")
            context = ox.NamedNode(f"{KGR}headline/{aid}")
            add((context, rdf_type, _nif.Context))
            add((context, _nif.isString, plain(article.title or "")))
            add((iri, rdf_type, mention_type))
            add((iri, begin, _int(m.start)))
            add((iri, end, _int(m.end)))
            add((iri, anchor, plain(m.text)))
            add((iri, context_p, context))
            return iri
        iri = made[(m.start, m.end, False)] = ox.NamedNode(f"{KGR}mention/{aid}/{m.start}-{m.end}")
        add((iri, rdf_type, mention_type))
        add((iri, begin, _int(m.start)))
        add((iri, end, _int(m.end)))
        add((iri, anchor, plain(article.text[m.start:m.end])))
        add((iri, context_p, a))
        add((iri, _kg.sentence, ox.NamedNode(f"{KGR}sentence/{aid}/{m.sentence}")))
        used_sentences.add(m.sentence)
        return iri

    keys = {entity.key for entity in extraction.entities}
    for entity in extraction.entities:
        e = entity_node(entity.key)
        add((e, rdf_type, _kg[entity.type]))
        add((e, _rdfs.label, lang(entity.name, "ko")))
        if entity.english:
            add((e, _rdfs.label, lang(entity.english, "en")))
        for alias in entity.aliases:
            add((e, _skos.altLabel, lang(alias, "ko")))
        if entity.ticker:
            add((e, _kg.ticker, plain(entity.ticker)))
        if entity.gazetteer_id:
            add((e, _kg.gazetteerId, plain(entity.gazetteer_id)))
        if entity.owner and entity.owner != entity.key and entity.owner in keys:
            add((e, _kg.ownedBy, entity_node(entity.owner)))
        add((e, _prov.wasDerivedFrom, a))
        add((e, _kg.mentionCount, ox.Literal(str(len(entity.mentions)), datatype=_xsd.integer)))
        for m in entity.mentions:
            add((e, _kg.evidence, mention(m)))

    names = {entity.key: entity.name for entity in extraction.entities}
    for event in extraction.events:
        ev = ox.NamedNode(f"{KGR}event/{aid}/{event.id}")
        add((ev, rdf_type, _kg[event.type]))
        add((ev, _rdfs.label, lang(_event_label(event, names), "ko")))
        add((ev, _kg.trigger, plain(_trigger_word(event))))
        add((ev, _kg.confidence, _decimal(event.confidence)))
        add((ev, _prov.wasDerivedFrom, a))
        for m in (event.trigger, *event.mentions):
            add((ev, _kg.evidence, mention(m)))
        for argument in event.arguments:
            add((ev, _kg[argument.role], entity_node(argument.entity)))
        if event.time is not None:
            if event.time.fiscal_period:
                add((ev, _kg.fiscalPeriod, plain(event.time.fiscal_period)))
            if event.time.precision in _TIME_TYPES and not (event.time.fiscal_period and event.time.text == event.time.fiscal_period):
                add((ev, _sem.hasTimeStamp, typed(event.time.value, _TIME_TYPES[event.time.precision])))
                add((ev, _kg.timePrecision, plain(event.time.precision)))
                add((ev, _kg.timeExpression, plain(event.time.text)))
        for effect in event.causes:
            add((ev, _kg.causes, ox.NamedNode(f"{KGR}event/{aid}/{effect}")))
        if event.quote is not None:
            add((ev, _kg.quote, plain(event.quote)))
        if event.factuality is not None:
            add((ev, _kg.factuality, plain(event.factuality)))
        if event.occurrence is not None and event.occurrence.participant in keys:
            occurrence = event.occurrence
            who = entity_node(occurrence.participant)
            occ = ox.NamedNode(f"{KGR}occurrence/{_kebab(occurrence.type)}/{who.value[len(str(KGR)):]}/{occurrence.period}")
            add((ev, _kg.occurrence, occ))
            add((occ, rdf_type, _kg.Occurrence))
            add((occ, _kg.occurrenceType, _kg[occurrence.type]))
            add((occ, _kg.keyParticipant, who))
            add((occ, _kg.period, plain(occurrence.period)))
            add((occ, _rdfs.label, lang(f"{names.get(occurrence.participant, '')} {EVENTS[occurrence.type].label_ko} "
                                         f"({occurrence.period})".strip(), "ko")))
            add((occ, _prov.wasDerivedFrom, a))

    for number, position in enumerate(extraction.positions, start=1):
        ms = ox.NamedNode(f"{KGR}membership/{aid}/{number}")
        title = _kgr[f"title/{entity_slug('t/' + position.title).split('/', 1)[1]}"]
        add((ms, rdf_type, _org.Membership))
        add((ms, _org.member, entity_node(position.person)))
        add((ms, _org.organization, entity_node(position.organization)))
        add((ms, _org.role, title))
        add((ms, _kg.titleText, plain(position.title_text)))
        add((ms, _kg.confidence, _decimal(position.confidence)))
        add((ms, _prov.wasDerivedFrom, a))
        add((ms, _kg.evidence, mention(position.evidence)))
        add((title, rdf_type, _kg.Title))
        add((title, _skos.prefLabel, lang(position.title, "ko")))
        english = next((t.en for t in lexicon.titles.values() if t.canonical == position.title), None)
        if english:
            add((title, _skos.prefLabel, lang(english, "en")))

    for index in sorted(used_sentences):
        sentence = doc.sentences[index]
        s = ox.NamedNode(f"{KGR}sentence/{aid}/{index}")
        add((s, rdf_type, _kg.Sentence))
        add((s, anchor, plain(sentence.text)))
        add((s, begin, _int(sentence.start)))
        add((s, end, _int(sentence.end)))
        add((s, context_p, a))
    return t


def _trigger_word(event: Event) -> str:
    if event.type == "Statement":
        return "발언"
    return event.trigger.text


_PERSON_FIRST = family("leadership") + ("Statement", "EarningsCall")


def _event_label(event: Event, names: dict[str, str]) -> str:
    """A short Korean label: who (the organisation, or the person for leadership changes and
    speech), what (the trigger word), when."""
    def rank(argument):
        etype = argument.entity.split("/", 1)[0]
        if event.type in _PERSON_FIRST:
            return 0 if etype == "Person" else 1
        if event.type in ("Fire", "Accident") and etype == "Facility":
            return 0  # 판교 데이터센터 화재
        return {"Company": 0, "Organization": 0, "Facility": 1, "Product": 2, "Person": 3}.get(etype, 4)

    arguments = sorted((a for a in event.arguments if a.entity in names), key=rank)
    actors = [names[a.entity] for a in arguments]
    if event.type == "Statement":
        quote_text = (event.quote or "")
        short = quote_text if len(quote_text) <= 24 else quote_text[:24] + "…"
        return f"{actors[0] if actors else ''}: \u201c{short}\u201d".strip()
    label = f"{actors[0]} {event.trigger.text}" if actors else event.trigger.text
    if event.time is not None:
        label += f" ({event.time.fiscal_period or event.time.value})"
    return label


def format_for(path: str, fmt: str | None = None) -> tuple[str, bool]:
    """(rdflib format, keeps named graphs) for an output path or explicit format name."""
    if fmt:
        ext = FORMAT_NAMES.get(fmt.lower())
        if ext is None:
            raise KgError(f"unknown RDF format '{fmt}' (use one of: {', '.join(sorted(FORMAT_NAMES))})")
        return FORMATS[ext]
    suffix = re.search(r"(\.[A-Za-z]+)$", path or "")
    if not suffix or suffix.group(1).lower() not in FORMATS:
        raise KgError(f"cannot tell the RDF format of '{path}' from its extension "
                      f"(use .ttl, .trig, .nt, .nq or .jsonld, or pass --format)")
    return FORMATS[suffix.group(1).lower()]


JSONLD_CONTEXT = {**PREFIXES, "@language": "ko"}


def serialize(dataset: Dataset, fmt: str, named_graphs: bool) -> bytes:
    """Byte-stable serialization: the same dataset content always gives the same bytes."""
    if not named_graphs:
        union = Graph()
        for prefix, namespace in PREFIXES.items():
            union.bind(prefix, namespace, override=True)
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        source = union
    else:
        source = dataset
    if fmt in ("nt", "nquads"):
        text = source.serialize(format=fmt, encoding="utf-8").decode("utf-8")
        lines = sorted({line for line in text.splitlines() if line.strip()})
        return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
    if fmt == "json-ld":
        text = source.serialize(format="json-ld", context=JSONLD_CONTEXT, auto_compact=True)
        return _stable_json(json.loads(text)).encode("utf-8")
    data = source.serialize(format=fmt, encoding="utf-8")
    return data


def _stable_json(data) -> str:
    def norm(node):
        if isinstance(node, dict):
            return {k: norm(v) for k, v in node.items()}
        if isinstance(node, list):
            items = [norm(v) for v in node]
            return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        return node

    return json.dumps(norm(data), sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def _kebab(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z][a-z])", "-", name).lower()
