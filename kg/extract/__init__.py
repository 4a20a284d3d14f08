"""Extract stage: ``Document`` -> ``Extraction`` (entities, positions, quotes, events).

Order matters and is fixed here: entities first (every other extractor links to them), then
positions (they give people their organisations), quotes (they give quoted events a speaker),
then events.
"""

from __future__ import annotations

import os

from ..gcpause import gc_paused
from ..lexicon import Lexicon, normalize_name
from ..ner import get_tagger
from ..model import Argument, Document, Entity, Event, Extraction, Mention, Position
from .entities import EntityFinder, PositionClaim
from .events import EventFinder
from .quotes import QuoteFinder

__all__ = ["extract"]


@gc_paused
def extract(document: Document, lexicon: Lexicon, tagger: bool | None = None) -> Extraction:
    """``tagger``: use the learned name tagger beside the rules (default: yes, unless the
    environment sets ``KG_NER=0``, which measures the rules alone)."""
    if tagger is None:
        tagger = os.environ.get("KG_NER", "1") != "0"
    entities = EntityFinder(document, lexicon, get_tagger(lexicon) if tagger else None).run()
    # positions with their organisation resolved feed organisations_of() for quotes and events
    entities.positions = _resolve_positions(entities, document, lexicon)
    positions = [Position(c.person, c.organization, c.title.canonical, c.title_text, c.evidence, c.confidence)
                 for c in entities.positions]
    quotes = QuoteFinder(document, entities).run()
    finder = EventFinder(document, lexicon, entities, speakers={q.span.start: q.speaker for q in quotes})
    finder.run()
    events = finder.events(document.article.id)
    statements = []
    text = document.article.text
    for number, quote in enumerate(quotes, start=1):
        span = quote.span
        source = document.article.title or "" if quote.sentence < 0 else text  # a headline quotation
        trigger = Mention(span.start, span.end, source[span.start:span.end], quote.sentence, quote.confidence,
                          "headline quote" if quote.sentence < 0 else "quote")
        statements.append(Event(
            id=f"statement-{number}",
            type="Statement",
            trigger=trigger,
            arguments=(Argument("speaker", quote.speaker),),
            confidence=round(quote.confidence, 2),
            quote=quote.text,
        ))
    article = document.article
    authors = tuple(f"Person/{normalize_name(r.name)}" for r in article.reporters)
    return Extraction(
        document=document,
        entities=tuple(_entity(f) for f in sorted(entities.found.values(), key=lambda f: f.key)),
        events=tuple(events) + tuple(statements),
        positions=tuple(positions),
        authors=tuple(a for a in authors if a in entities.found),
        publisher=entities.publisher,
    )


def _entity(found) -> Entity:
    entry = found.entry
    mentions = tuple(sorted(found.mentions, key=lambda m: (m.start, m.end)))
    aliases = {a for a in found.aliases if a and a != found.name}
    name = found.name
    if found.full_label and found.full_label != name:
        aliases.add(name)
        name = found.full_label
        aliases.discard(name)
    return Entity(
        key=found.key,
        type=found.type,
        name=name,
        mentions=mentions,
        aliases=tuple(sorted(aliases)),
        english=entry.en if entry else found.english,
        gazetteer_id=entry.id if entry else None,
        ticker=entry.ticker if entry else None,
        owner=found.owner or (_owner_key(entry) if entry else None),
    )


def _owner_key(entry) -> str | None:
    if entry.owner and entry.type in ("Product", "Facility"):
        return f"Company/{entry.owner}"
    return None


def _resolve_positions(entities: EntityFinder, document: Document, lexicon: Lexicon) -> list[PositionClaim]:
    """Position claims with an organisation: reporters of the byline are 기자 of the publisher; a
    title without one takes the person's other organisation, else (executives) the article's main
    company. One claim per (person, organisation, title), in text order."""
    publisher = entities.publisher
    dominant = entities.dominant_company()
    result: dict[tuple[str, str, str], PositionClaim] = {}
    claims = list(entities.positions)
    reporter_title = lexicon.titles["기자"]
    for reporter in document.article.reporters:
        key = f"Person/{normalize_name(reporter.name)}"
        if publisher and key in entities.found:
            mention = next(m for m in entities.found[key].mentions if m.rule == "byline")
            result.setdefault((key, publisher, "기자"), PositionClaim(key, publisher, reporter_title, "기자", mention, 0.9))
    for claim in claims:
        org = claim.organization
        confidence = 0.85
        if org is None:
            if claim.title.kind == "media":
                org = publisher
            else:
                outside = ("academic", "legal")  # a professor's university is not the board they sit on
                known = [c.organization for c in claims if c.person == claim.person and c.organization
                         and (c.title.kind not in outside or claim.title.kind in outside)]
                nearby = _company_near(entities, document, claim.evidence)
                if any(c.organization == nearby and c.person != claim.person and c.evidence.sentence == claim.evidence.sentence
                       for c in claims):
                    nearby = None  # 윤세리 법무법인 율촌 변호사, 이창양 ...: another person's organisation
                if known:
                    org = known[0]
                elif claim.title.kind in ("executive", "board") and nearby:
                    org, confidence = nearby, 0.6
                elif claim.title.kind in ("executive", "board") and dominant:
                    org, confidence = dominant, 0.55
                elif claim.title.kind in ("government", "legal", "labor"):
                    # 금융위원회는 ... 신진창 사무처장 주재로: the public body the sentence names before
                    org = _company_near(entities, document, claim.evidence, ("Organization",))
                    confidence = 0.6
        if org is None or org == claim.person:
            continue
        key = (claim.person, org, claim.title.canonical)
        if key not in result or len(claim.title_text) > len(result[key].title_text):
            # the fullest title as written wins (대표이사 사장 over 사장), first evidence kept
            evidence = result[key].evidence if key in result else claim.evidence
            result[key] = PositionClaim(claim.person, org, claim.title, claim.title_text, evidence, confidence)
    return sorted(result.values(), key=lambda c: (c.evidence.start, c.person, c.organization))


def _company_near(entities: EntityFinder, document: Document, evidence, types=("Company",)) -> str | None:
    """The company named closest before the claim in its sentence (김도균 사장은 ... after
    포스코퓨처엠 ...), if any."""
    sentence = document.sentences[evidence.sentence]
    before = [(m, f) for m, f in entities.mentions_in(sentence) if f.type in types and m.end <= evidence.start]
    return before[-1][1].key if before else None
