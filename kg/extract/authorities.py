"""Component: generic authorities used as actors (검찰, 경찰, 법원, 소방당국, 금융당국, 거래소).

Reads: the words of each body sentence; ``kg/data/authorities.tsv``.
Adds: one Organization per authority per article (key ``Organization/<id>/<article>``: the police
of one story is not the police of another), for each standalone mention (경찰은, 소방 당국이).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import KgError
from ..lexicon import DATA_DIR, normalize_name
from ..model import Sentence

__all__ = ["Authority", "load_authorities", "add_authorities"]


@dataclass(frozen=True, slots=True)
class Authority:
    id: str
    ko: str
    en: str
    aliases: tuple[str, ...]


@lru_cache(maxsize=4)
def load_authorities(path: Path = DATA_DIR / "authorities.tsv") -> dict[str, Authority]:
    """Surface form (spaces removed) -> authority; a bad row is an error naming file and rule."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    by_surface: dict[str, Authority] = {}
    ids: set[str] = set()
    for number, row in enumerate(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
        rule = row.get("id") or f"row {number}"
        if None in row or not row.get("id") or not row.get("ko") or not row.get("en"):
            raise KgError(f"{path}: rule {rule}: needs id, ko and en, tab-separated (fill the missing column)")
        if row["id"] in ids:
            raise KgError(f"{path}: rule {rule}: id used twice (give each row its own id)")
        ids.add(row["id"])
        aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
        authority = Authority(row["id"], row["ko"], row["en"], aliases)
        for surface in (authority.ko, *aliases):
            key = surface.replace(" ", "")
            if key in by_surface:
                raise KgError(f"{path}: rule {rule}: '{surface}' already belongs to {by_surface[key].id} (keep one)")
            by_surface[key] = authority
    return by_surface


def add_authorities(finder, sentence: Sentence) -> None:
    """Standalone authority words in one body sentence (the word's whole stem, or two words 소방 당국)."""
    authorities = load_authorities()
    words = finder.words[sentence.index]
    article = normalize_name(finder.doc.article.id)
    for i, word in enumerate(words):
        candidates = [(word.start, word.start + len(word.stem), word.stem)]
        if i > 0 and not words[i - 1].particle and words[i - 1].stem:
            prev = words[i - 1]
            candidates.insert(0, (prev.start, word.start + len(word.stem), prev.stem + word.stem))
        for start, end, surface in candidates:
            authority = authorities.get(surface)
            if authority is None or finder._overlaps(start, end) or finder._in_dateline(start):
                continue
            key = f"Organization/{authority.id}/{article}"
            found = finder._add(key, "Organization", authority.ko, start, end, sentence.index, "authority", 0.8)
            found.english = authority.en
            break
