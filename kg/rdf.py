"""To-RDF stage: ``Extraction`` records -> an rdflib ``Dataset`` with one named graph per article.

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

from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

from . import __version__
from .errors import KgError
from .lexicon import Lexicon
from .model import Event, Extraction
from .namespace import KG, KGR
from .registry import EVENTS, family
from .resolve import entity_slug

__all__ = ["to_dataset", "add_extraction", "serialize", "FORMATS", "format_for", "article_iri", "graph_iri",
           "entity_iri", "SCHEMA", "SEM", "NIF", "PREFIXES"]

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
# terms used for every mention, looked up once (DefinedNamespace attribute access is slow)
_MENTION, _SENTENCE_P, _EVIDENCE = KG.Mention, KG.sentence, KG.evidence
_BEGIN, _END, _ANCHOR, _CONTEXT = NIF.beginIndex, NIF.endIndex, NIF.anchorOf, NIF.referenceContext
_TYPE = RDF.type


def _seg(text: str) -> str:
    """An article id as one IRI path segment that every RDF syntax writes and reads back: all
    but unreserved characters percent-encoded, and a trailing dot too (``kgr:article/a.`` is not
    a Turtle prefixed name; a segment of only dots is a relative path step)."""
    segment = quote(text, safe="-._~")
    if segment.endswith("."):
        stripped = segment.rstrip(".")
        segment = (stripped if stripped else "") + "%2E" * (len(segment) - len(stripped))
    return segment


def article_iri(article_id: str) -> URIRef:
    return KGR[f"article/{_seg(article_id)}"]


def graph_iri(article_id: str) -> URIRef:
    return KGR[f"graph/{_seg(article_id)}"]


@lru_cache(maxsize=131072)
def entity_iri(key: str) -> URIRef:
    return KGR[entity_slug(key)]


def _decimal(value: float) -> Literal:
    return Literal(Decimal(f"{value:.2f}"), datatype=XSD.decimal)


@lru_cache(maxsize=65536)
def _int(value: int) -> Literal:
    return Literal(value, datatype=XSD.nonNegativeInteger)


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
    g.addN((s, p, o, g) for s, p, o in article_triples(extraction, lexicon))
    return g


def article_triples(extraction: Extraction, lexicon: Lexicon) -> list[tuple]:
    """All triples of one article's graph, as a list (used for files and for stores)."""
    article = extraction.article
    doc = extraction.document
    a = article_iri(article.id)
    aid = _seg(article.id)
    content_hash = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    run = KGR[f"run/{aid}/{content_hash[:12]}-{lexicon.fingerprint[:8]}"]
    t: list[tuple] = []
    add = t.append

    identity = {e.key: entity_iri(e.identity) for e in extraction.entities if e.identity}

    def entity_node(key: str) -> URIRef:  # an entity's IRI: its cross-document identity
        return identity.get(key) or entity_iri(key)

    add((a, RDF.type, SCHEMA.NewsArticle))
    add((a, SCHEMA.identifier, Literal(article.id)))
    if article.title:
        add((a, SCHEMA.headline, Literal(article.title, lang="ko")))
    if article.published:
        add((a, SCHEMA.datePublished, Literal(article.published.isoformat(), datatype=XSD.date)))
    if article.url:
        add((a, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI)))
    if article.section:
        add((a, SCHEMA.articleSection, Literal(article.section)))
    add((a, KG.sourceFile, Literal(article.source)))
    add((a, KG.contentHash, Literal(content_hash)))
    add((a, PROV.wasGeneratedBy, run))
    if extraction.publisher:
        add((a, SCHEMA.publisher, entity_node(extraction.publisher)))
    for author in extraction.authors:
        add((a, SCHEMA.author, entity_node(author)))

    add((run, RDF.type, KG.ExtractionRun))
    add((run, PROV.used, a))
    add((run, PROV.wasAssociatedWith, AGENT))
    add((run, RDFS.comment, Literal(f"kg {__version__}, lexicon {lexicon.fingerprint}")))
    add((AGENT, RDF.type, PROV.SoftwareAgent))
    add((AGENT, RDFS.label, Literal(f"kg {__version__}")))

    used_sentences: set[int] = set()

    made: dict[tuple[int, int], URIRef] = {}

    def mention(m) -> URIRef:
        iri = made.get((m.start, m.end, m.sentence < 0))
        if iri is not None:
            return iri
        if m.sentence < 0:
            # in the headline (a quotation there): offsets into the headline, its own context
            iri = made[(m.start, m.end, True)] = URIRef(f"{KGR}mention/{aid}/headline/{m.start}-{m.end}")
            context = URIRef(f"{KGR}headline/{aid}")
            add((context, RDF.type, NIF.Context))
            add((context, NIF.isString, Literal(article.title or "")))
            add((iri, _TYPE, _MENTION))
            add((iri, _BEGIN, _int(m.start)))
            add((iri, _END, _int(m.end)))
            add((iri, _ANCHOR, Literal(m.text)))
            add((iri, _CONTEXT, context))
            return iri
        iri = made[(m.start, m.end, False)] = URIRef(f"{KGR}mention/{aid}/{m.start}-{m.end}")
        add((iri, _TYPE, _MENTION))
        add((iri, _BEGIN, _int(m.start)))
        add((iri, _END, _int(m.end)))
        add((iri, _ANCHOR, Literal(article.text[m.start:m.end])))
        add((iri, _CONTEXT, a))
        add((iri, _SENTENCE_P, URIRef(f"{KGR}sentence/{aid}/{m.sentence}")))
        used_sentences.add(m.sentence)
        return iri

    keys = {entity.key for entity in extraction.entities}
    for entity in extraction.entities:
        e = entity_node(entity.key)
        add((e, RDF.type, KG[entity.type]))
        add((e, RDFS.label, Literal(entity.name, lang="ko")))
        if entity.english:
            add((e, RDFS.label, Literal(entity.english, lang="en")))
        for alias in entity.aliases:
            add((e, SKOS.altLabel, Literal(alias, lang="ko")))
        if entity.ticker:
            add((e, KG.ticker, Literal(entity.ticker)))
        if entity.gazetteer_id:
            add((e, KG.gazetteerId, Literal(entity.gazetteer_id)))
        if entity.owner and entity.owner != entity.key and entity.owner in keys:
            add((e, KG.ownedBy, entity_node(entity.owner)))
        add((e, PROV.wasDerivedFrom, a))
        add((e, KG.mentionCount, Literal(len(entity.mentions), datatype=XSD.integer)))
        for m in entity.mentions:
            add((e, KG.evidence, mention(m)))

    names = {entity.key: entity.name for entity in extraction.entities}
    for event in extraction.events:
        ev = KGR[f"event/{aid}/{event.id}"]
        add((ev, RDF.type, KG[event.type]))
        add((ev, RDFS.label, Literal(_event_label(event, names), lang="ko")))
        add((ev, KG.trigger, Literal(_trigger_word(event))))
        add((ev, KG.confidence, _decimal(event.confidence)))
        add((ev, PROV.wasDerivedFrom, a))
        for m in (event.trigger, *event.mentions):
            add((ev, KG.evidence, mention(m)))
        for argument in event.arguments:
            add((ev, KG[argument.role], entity_node(argument.entity)))
        if event.time is not None:
            if event.time.fiscal_period:
                add((ev, KG.fiscalPeriod, Literal(event.time.fiscal_period)))
            if event.time.precision in _TIME_TYPES and not (event.time.fiscal_period and event.time.text == event.time.fiscal_period):
                add((ev, SEM.hasTimeStamp, Literal(event.time.value, datatype=_TIME_TYPES[event.time.precision])))
                add((ev, KG.timePrecision, Literal(event.time.precision)))
                add((ev, KG.timeExpression, Literal(event.time.text)))
        for effect in event.causes:
            add((ev, KG.causes, KGR[f"event/{aid}/{effect}"]))
        if event.quote is not None:
            add((ev, KG.quote, Literal(event.quote)))
        if event.factuality is not None:
            add((ev, KG.factuality, Literal(event.factuality)))
        if event.occurrence is not None and event.occurrence.participant in keys:
            occurrence = event.occurrence
            who = entity_node(occurrence.participant)
            occ = KGR[f"occurrence/{_kebab(occurrence.type)}/{str(who)[len(str(KGR)):]}/{occurrence.period}"]
            add((ev, KG.occurrence, occ))
            add((occ, RDF.type, KG.Occurrence))
            add((occ, KG.occurrenceType, KG[occurrence.type]))
            add((occ, KG.keyParticipant, who))
            add((occ, KG.period, Literal(occurrence.period)))
            add((occ, RDFS.label, Literal(f"{names.get(occurrence.participant, '')} {EVENTS[occurrence.type].label_ko} "
                                          f"({occurrence.period})".strip(), lang="ko")))
            add((occ, PROV.wasDerivedFrom, a))

    for number, position in enumerate(extraction.positions, start=1):
        ms = KGR[f"membership/{aid}/{number}"]
        title = KGR[f"title/{entity_slug('t/' + position.title).split('/', 1)[1]}"]
        add((ms, RDF.type, ORG.Membership))
        add((ms, ORG.member, entity_node(position.person)))
        add((ms, ORG.organization, entity_node(position.organization)))
        add((ms, ORG.role, title))
        add((ms, KG.titleText, Literal(position.title_text)))
        add((ms, KG.confidence, _decimal(position.confidence)))
        add((ms, PROV.wasDerivedFrom, a))
        add((ms, KG.evidence, mention(position.evidence)))
        add((title, RDF.type, KG.Title))
        add((title, SKOS.prefLabel, Literal(position.title, lang="ko")))
        english = next((t.en for t in lexicon.titles.values() if t.canonical == position.title), None)
        if english:
            add((title, SKOS.prefLabel, Literal(english, lang="en")))

    for index in sorted(used_sentences):
        sentence = doc.sentences[index]
        s = KGR[f"sentence/{aid}/{index}"]
        add((s, RDF.type, KG.Sentence))
        add((s, NIF.anchorOf, Literal(sentence.text)))
        add((s, NIF.beginIndex, _int(sentence.start)))
        add((s, NIF.endIndex, _int(sentence.end)))
        add((s, NIF.referenceContext, a))
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
