"""Typed records passed between pipeline stages.

Each stage takes one of these records and returns the next one::

    read     -> RawArticle      (decoded text + input metadata)
    clean    -> Article         (cleaned text, headline, byline, dateline, date)
    analyze  -> Document        (Article + sentences + tokens)
    extract  -> Extraction      (entities, events, quotes, positions with spans)
    resolve  -> Extraction      (canonical keys, English names, cross-document identity)
    rdf      -> rdflib.Dataset  (one named graph per article)

All offsets are character offsets into ``Article.text`` (the cleaned text).
No kiwipiepy or rdflib type appears in these records.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple

__all__ = [
    "RawArticle", "Zone", "ZoneKind", "Reporter", "Article", "Token", "Sentence", "Document",
    "Mention", "Entity", "TimeValue", "Argument", "Event", "Occurrence", "Position", "Extraction",
    "ENTITY_TYPES", "EVENT_TYPES",
]

from .registry import ENTITY_TYPES, EVENT_TYPES  # generated from ontologies/kg.ttl


@dataclass(frozen=True, slots=True)
class RawArticle:
    """One input article, decoded, before cleaning. Metadata fields are as given by the input."""

    id: str
    source: str  # file name (and line for JSONL) for messages and provenance
    text: str
    format: str  # txt | jsonl | html
    url: str | None = None
    title: str | None = None
    published: _dt.date | None = None
    publisher: str | None = None


class ZoneKind(str, Enum):
    """Parts of the cleaned text that are not running article body."""

    DATELINE = "dateline"  # (서울=뉴스1) 정은지 이정후 기자 =
    BYLINE = "byline"  # 정은지 기자 (ejjung@news1.kr)
    CREDIT = "credit"  # ⓒ 가나일보 무단전재 금지: page furniture naming the publisher, kept as its evidence


@dataclass(frozen=True, slots=True)
class Zone:
    start: int
    end: int
    kind: ZoneKind


@dataclass(frozen=True, slots=True)
class Reporter:
    """A reporter named in a dateline or byline; ``start``/``end`` locate the name."""

    name: str
    start: int
    end: int
    email: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: boilerplate removed, duplicated body kept once."""

    id: str
    source: str
    text: str
    title: str | None = None
    section: str | None = None  # [IR], [단독], ...
    published: _dt.date | None = None
    publisher: str | None = None  # Korean surface form as written (뉴스1)
    url: str | None = None
    reporters: tuple[Reporter, ...] = ()
    zones: tuple[Zone, ...] = ()
    dateline_place: str | None = None

    def zone_at(self, offset: int) -> ZoneKind | None:
        for zone in self.zones:
            if zone.start <= offset < zone.end:
                return zone.kind
        return None


class Token(NamedTuple):
    """One morpheme (a NamedTuple: millions are made, and a frozen dataclass is slow to build)."""

    form: str  # morpheme form as analysed (may differ from the surface)
    tag: str  # Sejong tag (NNP, NNG, JKS, ...)
    start: int
    end: int
    user_value: str | None = None  # gazetteer key when the token is a gazetteer user word


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]
    zone: ZoneKind | None = None  # None for running body text


@dataclass(frozen=True, slots=True)
class Document:
    """An analysed article: the article and its sentences with tokens."""

    article: Article
    sentences: tuple[Sentence, ...]

    def sentence_at(self, offset: int) -> Sentence | None:
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the cleaned text naming an entity or triggering an event."""

    start: int
    end: int
    text: str
    sentence: int  # index into Document.sentences
    confidence: float = 1.0
    rule: str = ""  # which rule found it (gazetteer, title, suffix, byline, ...)


@dataclass(frozen=True, slots=True)
class Entity:
    """A distinct entity of one article. ``key`` is its cross-document identity (``Type/name``)."""

    key: str
    type: str  # one of ENTITY_TYPES
    name: str  # canonical Korean surface form
    mentions: tuple[Mention, ...]
    aliases: tuple[str, ...] = ()
    english: str | None = None
    gazetteer_id: str | None = None
    ticker: str | None = None
    owner: str | None = None  # key of the owning company (products, facilities)
    identity: str | None = None  # cross-document identity when it differs from key (Person/홍은택/Company/kakao)


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A time resolved against the publication date, at the precision known."""

    value: str  # 2022-11-03 | 2022-10 | 2022 (ISO 8601 prefix)
    precision: str  # day | month | year
    text: str  # the Korean expression (지난달)
    fiscal_period: str | None = None  # 2022-Q3 when a quarter or half is named


@dataclass(frozen=True, slots=True)
class Argument:
    role: str  # role property local name: agent, affected, organization, person, speaker, ...
    entity: str  # Entity.key


@dataclass(frozen=True, slots=True)
class Event:
    id: str  # unique within the article, stable: e.g. "fire-1"
    type: str  # one of EVENT_TYPES
    trigger: Mention
    arguments: tuple[Argument, ...] = ()
    time: TimeValue | None = None
    confidence: float = 0.7
    mentions: tuple[Mention, ...] = ()  # further mentions of the same event
    causes: tuple[str, ...] = ()  # ids of events this event caused
    quote: str | None = None  # Statement only: the quoted text
    factuality: str | None = None  # hedged | conditional | negated | rumoured; None: reported as real
    occurrence: "Occurrence | None" = None  # the real-world event, shared across articles (resolve)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """The real-world happening an event reports, computed by each article alone (resolve.py):
    event type, key participant and period."""

    type: str
    participant: str  # Entity.key
    period: str  # 2022-W42 (a dated day's ISO week) | 2022-10 | 2022 | 2022-Q3

    @property
    def slug(self) -> str:
        return f"{self.type}|{self.participant}|{self.period}"


@dataclass(frozen=True, slots=True)
class Position:
    """A person holds (or held) a title at an organisation, as stated in the text."""

    person: str  # Entity.key
    organization: str  # Entity.key
    title: str  # canonical title (대표)
    title_text: str  # as written (단독대표)
    evidence: Mention
    confidence: float = 0.8


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one article."""

    document: Document
    entities: tuple[Entity, ...]
    events: tuple[Event, ...]
    positions: tuple[Position, ...]
    authors: tuple[str, ...] = ()  # Entity keys of the reporters
    publisher: str | None = None  # Entity key of the outlet
    warnings: tuple[str, ...] = field(default=())

    @property
    def article(self) -> Article:
        return self.document.article

    def entity(self, key: str) -> Entity:
        for entity in self.entities:
            if entity.key == key:
                return entity
        raise KeyError(key)
