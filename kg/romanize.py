"""English forms of Korean names: people as ``Hong Eun-taek``, other names by Revised Romanization.

koroman gives Revised Romanization with sound changes (판교 -> pangyo); no package knows
two-syllable surnames or the customary spellings of surnames (이 -> Lee), so people's names are
formatted here: surname from ``kg/data/surnames.txt``, given name syllable by syllable, hyphenated.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
import re
import unicodedata

import koroman

from .lexicon import Lexicon

__all__ = ["romanize", "romanize_person", "slug"]


@lru_cache(maxsize=16384)  # names: bounded, and full early in a corpus
def romanize(text: str) -> str:
    """``판교 데이터센터`` -> ``Pangyo Deiteosenteo``; Latin parts are kept as written."""
    parts = []
    for word in text.split():
        if re.search(r"[가-힣]", word):
            roman = koroman.romanize(word)
            parts.append(roman[:1].upper() + roman[1:])
        else:
            parts.append(word)
    return " ".join(parts)


_syllable = lru_cache(maxsize=16384)(koroman.romanize)  # one Hangul syllable (there are 11,172)


def romanize_person(name: str, lexicon: Lexicon) -> str:
    """``홍은택`` -> ``Hong Eun-taek``; ``남궁훈`` -> ``Namgung Hoon``-style (surname table + RR)."""
    name = name.strip()
    if not re.fullmatch(r"[가-힣]{2,5}", name):
        return romanize(name)
    surname = next((s for s in (name[:2], name[:1]) if s in lexicon.surnames and len(name) > len(s)), name[:1])
    given = name[len(surname):]
    family = lexicon.surnames.get(surname) or romanize(surname)
    syllables = [_syllable(ch) for ch in given]
    given_roman = "-".join(syllables).lower()
    return f"{family} {given_roman[:1].upper()}{given_roman[1:]}"


@lru_cache(maxsize=16384)  # names: bounded, and full early in a corpus
def slug(text: str, length: int = 60) -> str:
    """An ASCII IRI segment for a name: romanized, lower-case, hyphenated, plus a short hash when
    the name is not plain ASCII (so different Hangul names never share a slug)."""
    text = unicodedata.normalize("NFC", text)
    if re.fullmatch(r"[A-Za-z0-9._-]+", text):
        return text.lower()
    roman = romanize(text) if re.search(r"[가-힣]", text) else text
    ascii_part = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", roman).encode("ascii", "ignore").decode().lower()).strip("-")
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]
    return f"{ascii_part[:length]}-{digest}" if ascii_part else digest
