"""Resolve stage: identity and names across documents.

Entity keys are deterministic and computed by each article on its own, so the same thing in two
articles is one node:

- companies and organisations: the gazetteer id (``Company/kakao``, whatever the spelling:
  카카오, ㈜카카오, 주식회사 카카오, Kakao), else the normalised name (legal forms, spaces and
  Latin case removed: ``한빛전자㈜`` and ``주식회사 한빛전자`` are ``Company/한빛전자``);
- people: the normalised name and the organisation the article first gives them (identity
  ``Person/홍은택/Company/kakao``, the IRI ``person/hong-eun-taek-81a667/company/kakao``), so two
  namesakes at two companies stay two people; a person the article gives no organisation keeps the
  name alone (``Person/홍은택``). Inside one extraction the key stays ``Person/홍은택``.

This stage also adds English labels (official from the gazetteer, else a romanization; people as
``Hong Eun-taek``) and the IRI-safe slug of every key.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from .lexicon import Lexicon
from .model import Entity, Event, Extraction, Occurrence
from .registry import EVENTS
from .romanize import romanize, romanize_person, slug

__all__ = ["resolve", "resolve_people", "entity_slug", "event_occurrence"]


def resolve(extraction: Extraction, lexicon: Lexicon) -> Extraction:
    extraction = resolve_people(extraction)
    entities = tuple(_english(entity, lexicon) for entity in extraction.entities)
    events = tuple(_with_occurrence(event) for event in extraction.events)
    return replace(extraction, entities=entities, events=events)


# -- events across articles (the "events" engineer's part of this stage) ---------------------------

_NOT_SHARED = ("Statement", "Plan")  # what one speaker said or one article says is planned


def event_occurrence(event: Event) -> Occurrence | None:
    """The real-world happening an event reports, as a key that each article computes on its own,
    so that reports of one fire in two articles meet in one node: the event type, its key
    participant (the company, organisation or person it is about, from the registry's role table)
    and its period (the ISO week of a day, so dates a few days apart within one week meet; else the
    month, year or fiscal period). Events without a time or an actor, quotations and plans have
    none. The rule cannot join dates in two different weeks (a Sunday and a Monday)."""
    if event.type in _NOT_SHARED or event.factuality is not None or event.time is None:
        return None
    participant = _key_participant(event)
    if participant is None:
        return None
    time = event.time
    if time.precision == "day":
        year, week, _ = dt.date.fromisoformat(time.value).isocalendar()
        period = f"{year}-W{week:02d}"
    elif time.precision in ("month", "year") and time.value:
        period = time.fiscal_period if time.precision == "year" and time.fiscal_period else time.value
    else:
        return None
    return Occurrence(event.type, participant, period)


def _key_participant(event: Event) -> str | None:
    spec = EVENTS[event.type]
    if spec.person_subject_role and event.type in ("Appointment", "Resignation", "Dismissal"):
        people = sorted(a.entity for a in event.arguments if a.role == spec.person_subject_role)
        if people:
            return people[0]
    actors = [a for a in event.arguments if a.entity.split("/", 1)[0] in ("Company", "Organization", "Person")]
    for roles in ((spec.company_subject_role,), ("organization", "agent", "affected")):
        chosen = [a.entity for a in actors if a.role in roles]
        if chosen:
            # a company before an organisation (authorities are often named per article)
            return min(chosen, key=lambda key: (not key.startswith("Company/"), key))
    return None


def _with_occurrence(event: Event) -> Event:
    occurrence = event_occurrence(event)
    return replace(event, occurrence=occurrence) if occurrence else event


def resolve_people(extraction: Extraction) -> Extraction:
    """Give each person the identity of name and the organisation of their first position in the
    text (the one a news article introduces them with: ``홍은택 카카오 대표``): two namesakes at two
    companies become two nodes. Keys inside the extraction stay as they are."""
    first: dict[str, str] = {}
    for position in sorted(extraction.positions, key=lambda p: (p.evidence.start, p.evidence.end, p.person, p.organization)):
        first.setdefault(position.person, position.organization)
    if not first:
        return extraction
    entities = tuple(replace(e, identity=f"{e.key}/{first[e.key]}")
                     if e.type == "Person" and e.key in first and e.key.count("/") == 1 else e
                     for e in extraction.entities)
    return replace(extraction, entities=entities)


def _english(entity: Entity, lexicon: Lexicon) -> Entity:
    if entity.english:
        return entity
    if entity.type == "Person":
        english = romanize_person(entity.name, lexicon)
    else:
        english = romanize(entity.name)
    return replace(entity, english=english)


def entity_slug(key: str) -> str:
    """``Company/kakao`` -> ``company/kakao``; ``Person/홍은택`` -> ``person/hong-eun-taek-81a667``;
    ``Person/홍은택/Company/kakao`` -> ``person/hong-eun-taek-81a667/company/kakao``."""
    etype, _, rest = key.partition("/")
    parts = rest.split("/")
    if etype == "Person" and re.fullmatch(r"[가-힣]{2,5}", parts[0]):
        from .lexicon import default_lexicon

        roman = re.sub(r"[^a-z0-9]+", "-", romanize_person(parts[0], default_lexicon()).lower()).strip("-")
        # Person/홍은택/Company/kakao -> person/hong-eun-taek-81a667/company/kakao
        org = [parts[1].lower(), *(slug(part) for part in parts[2:])] if len(parts) > 2 else [slug(p) for p in parts[1:]]
        return "/".join([f"person/{roman}-{slug(parts[0])[-6:]}", *org])
    return etype.lower() + "/" + "/".join(slug(part) for part in parts)
