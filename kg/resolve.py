"""Resolve stage: identity and names across documents.

Entity keys are already deterministic (``Company/kakao`` from the gazetteer, ``Person/홍은택`` from
the normalised name), so the same company or person in two articles is one node. This stage adds
what identity needs beyond that: English labels (official from the gazetteer, else a romanization;
people as ``Hong Eun-taek``) and the IRI-safe slug of every key.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .lexicon import Lexicon
from .model import Entity, Extraction
from .romanize import romanize, romanize_person, slug

__all__ = ["resolve", "entity_slug"]


def resolve(extraction: Extraction, lexicon: Lexicon) -> Extraction:
    entities = tuple(_english(entity, lexicon) for entity in extraction.entities)
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
    """``Company/kakao`` -> ``company/kakao``; ``Person/홍은택`` -> ``person/hong-eun-taek-81a667``."""
    etype, _, rest = key.partition("/")
    parts = rest.split("/")
    if etype == "Person" and len(parts) == 1 and re.fullmatch(r"[가-힣]{2,5}", parts[0]):
        from .lexicon import default_lexicon

        roman = re.sub(r"[^a-z0-9]+", "-", romanize_person(parts[0], default_lexicon()).lower()).strip("-")
        return f"person/{roman}-{slug(parts[0])[-6:]}"
    return etype.lower() + "/" + "/".join(slug(part) for part in parts)
