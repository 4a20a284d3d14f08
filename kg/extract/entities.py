"""Entity mentions, in-document coreference of names, and positions (person - title - organisation).

Kiwi has no named-entity recogniser, so entities come from evidence a reader would also use:

- gazetteer names (loaded into Kiwi as user words, so each comes back as one token with its key);
- title patterns: ``홍은택 카카오 대표``, ``카카오 홍은택 대표``, ``홍은택 대표``, ``정은지 기자``;
- name cues: ``...전자``/``...모빌리티`` after a proper noun (Company), ``...위원회`` (Organization),
  ``판교 데이터센터``/``대전공장`` (Facility);
- the dateline and byline (reporters, outlet);
- every further occurrence of a name found so, and ``홍 대표``/``남궁 대표`` resolved to the full name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lexicon import GazetteerEntry, Lexicon, Title, normalize_name
from ..model import Document, Mention, Sentence
from .authorities import add_authorities
from .careers import add_career_titles
from .names import NameRules
from .people import PeopleRules, PositionClaim
from .spans import SpanIndex
from .lists import add_listed_names
from .tagged import add_tagged_names
from .text import Word, words_of

__all__ = ["EntityFinder", "Found", "PositionClaim"]


@dataclass
class Found:
    """An entity of one document while extraction runs (becomes ``model.Entity`` later)."""

    key: str
    type: str
    name: str
    mentions: list[Mention] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    entry: GazetteerEntry | None = None
    owner: str | None = None
    english: str | None = None  # an English label known without a gazetteer entry
    full_label: str | None = None  # e.g. 한국타이어 대전공장 for a facility named 대전공장
    short_names: set[str] = field(default_factory=set)  # forms to look for, not yet seen (길리어드)

    def add(self, mention: Mention) -> None:
        if any(m.start == mention.start and m.end == mention.end for m in self.mentions):
            return
        self.mentions.append(mention)
        if mention.text != self.name:
            self.aliases.add(mention.text)


class EntityFinder(NameRules, PeopleRules):
    """Finds the entities of one document. Use :meth:`run`; results are on the instance."""

    def __init__(self, document: Document, lexicon: Lexicon, tagger=None):
        self.doc = document
        self.tagger = tagger
        self.text = document.article.text
        self.lex = lexicon
        self.found: dict[str, Found] = {}
        self.spans = SpanIndex()  # (start, end, key) of accepted mentions
        self._in_sentence: dict[int, list[tuple[Mention, Found]]] = {}  # mentions by sentence index
        self._dominant: tuple[int, str | None] | None = None  # (spans version, key) cache
        self.positions: list[PositionClaim] = []
        self.surname_aliases: list[tuple[str, Title, Mention]] = []  # (surname, title, mention)
        self.words: dict[int, list[Word]] = {}
        self.publisher: str | None = None  # key of the publishing outlet

    # -- public -------------------------------------------------------------------------------

    def run(self) -> "EntityFinder":
        article = self.doc.article
        for sentence in self.doc.sentences:
            self.words[sentence.index] = words_of(sentence, self.text)
        self._reporters()
        for sentence in self.doc.sentences:
            if sentence.zone is not None:
                continue
            self._gazetteer(sentence)
            add_authorities(self, sentence)
        for sentence in self.doc.sentences:
            if sentence.zone is not None:
                continue
            self._quoted_names(sentence)
            self._cue_names(sentence)
            self._descriptor_names(sentence)
            self._side_names(sentence)
        if self.tagger is not None:
            for sentence in self.doc.sentences:
                if sentence.zone is None:
                    add_tagged_names(self, self.tagger, sentence)
        for sentence in self.doc.sentences:
            if sentence.zone is None:
                self._spaced_company_names(sentence)
        for sentence in self.doc.sentences:
            if sentence.zone is None:
                add_listed_names(self, sentence)
        self._more_mentions()  # organisations named anywhere are known before title patterns run
        self._unions()
        for sentence in self.doc.sentences:
            if sentence.zone is None:
                self._titles(sentence)
        self._resolve_surname_aliases()
        self._more_mentions()
        subject = None
        for sentence in self.doc.sentences:
            if sentence.zone is None:
                subject = add_career_titles(self, sentence, subject)
        if article.publisher:
            self._publisher()
        return self

    def dominant_company(self) -> str | None:
        """The company the article is mostly about: most mentions in the body, earliest on ties."""
        if self._dominant is not None and self._dominant[0] == self.spans.version:
            return self._dominant[1]
        best = None
        for found in self.found.values():
            if found.type != "Company":
                continue
            score = (len(found.mentions), -min(m.start for m in found.mentions))
            if best is None or score > best[0]:
                best = (score, found.key)
        self._dominant = (self.spans.version, best[1] if best else None)
        return best[1] if best else None

    def mentions_in(self, sentence: Sentence) -> list[tuple[Mention, Found]]:
        """Mentions in the sentence's body text (not in its dateline), in text order."""
        result = [(m, f) for m, f in self._in_sentence.get(sentence.index, ()) if not self._in_dateline(m.start)]
        result.sort(key=lambda mf: mf[0].start)
        if any(a[0].start == b[0].start for a, b in zip(result, result[1:])):
            # names starting at one offset: in the order their entities were found, as always
            rank = {key: number for number, key in enumerate(self.found)}
            result.sort(key=lambda mf: (mf[0].start, rank.get(mf[1].key, len(rank))))
        return result

    _SUBJECT_AFTER = re.compile(r"^\s*(?:\S+\s+){0,3}?\S*(?:은|는|이|가|도|측은|측이|께서)(?:\s|$)")
    _DIRECT_SUBJECT = re.compile(r"^(?:은|는|이|가|도|측은|측이|께서)(?:\s|$)")
    # "the company" as subject: 회사 측은, 사측은, 회사 관계자는, 은행 측은 -> the article's main company
    _COMPANY_SIDE = re.compile(r"(?:^|\s)(?:회사|사측|업체|은행|그룹|당사|회사\s*관계자)\s*(?:측|관계자)?(?:은|는|이|가)\s")

    def subject_of(self, sentence: Sentence, outside=(), prefer_person: bool = False) -> str | None:
        """The entity the sentence is about: named before a topic/subject particle (홍은택 대표는,
        카카오가), outside the given spans (quotations). Speakers prefer people; actions prefer the
        first subject."""
        best = None
        for mention, found in self.mentions_in(sentence):
            if found.type in ("Location", "Facility", "Product", "NewsOutlet"):
                continue
            if any(s.start <= mention.start < s.end for s in outside):
                continue
            after = self.text[mention.end: mention.end + 40]
            direct = bool(self._DIRECT_SUBJECT.match(after))
            subject = direct or bool(self._SUBJECT_AFTER.match(after))
            if not subject:
                continue
            score = ((found.type == "Person") if prefer_person else 0, direct, -mention.start)
            if best is None or score > best[0]:
                best = (score, found.key)
        return best[1] if best else None

    def company_side(self, text: str) -> str | None:
        """The article's main company when ``text`` says 회사 측은/사측은/회사 관계자는."""
        if self._COMPANY_SIDE.search(" " + text):
            return self.dominant_company()
        return None

    def persons_with_surname(self, surname: str) -> list[Found]:
        return [f for f in self.found.values() if f.type == "Person" and f.name.startswith(surname) and len(f.name) > len(surname)]

    # -- helpers ------------------------------------------------------------------------------

    def _in_dateline(self, start: int) -> bool:
        return self.doc.article.zone_at(start) is not None

    def _overlaps(self, start: int, end: int) -> str | None:
        return self.spans.first_overlapping(start, end)

    def _add(self, key: str, etype: str, name: str, start: int, end: int, sentence: int,
             rule: str, confidence: float, entry: GazetteerEntry | None = None) -> Found:
        found = self.found.get(key)
        if found is None:
            found = self.found[key] = Found(key=key, type=etype, name=name, entry=entry)
        self._add_mention(found, Mention(start, end, self.text[start:end], sentence, confidence, rule))
        self.spans.append((start, end, key))
        return found

    def _add_mention(self, found: Found, mention: Mention) -> None:
        found.add(mention)
        if found.mentions and found.mentions[-1] is mention:
            self._in_sentence.setdefault(mention.sentence, []).append((mention, found))

    def _remove_mention(self, start: int, end: int | None, key: str) -> None:
        """Drop the mention of ``key`` at [start, end) (any end when None): a longer name took
        its place. The entity goes when it has no mention left."""
        self.spans.remove_where(start, start + 1 if end is None else end,
                                lambda sp: sp[0] == start and sp[2] == key and end in (None, sp[1]))
        found = self.found.get(key)
        if found is None:
            return
        gone = [m for m in found.mentions if m.start == start and end in (None, m.end)]
        if not gone:
            return
        found.mentions = [m for m in found.mentions if not any(m is g for g in gone)]
        for mention in gone:
            pairs = self._in_sentence.get(mention.sentence, [])
            pairs[:] = [pair for pair in pairs if pair[0] is not mention]
        if not found.mentions:
            del self.found[key]

    def _key_for(self, etype: str, name: str) -> str:
        entry = self.lex.lookup(name, (etype,))
        if entry:
            return entry.key
        return f"{etype}/{normalize_name(name)}"

    # -- rules --------------------------------------------------------------------------------

    def _reporters(self) -> None:
        article = self.doc.article
        for reporter in article.reporters:
            sentence = self.doc.sentence_at(reporter.start)
            index = sentence.index if sentence else 0
            key = f"Person/{normalize_name(reporter.name)}"
            self._add(key, "Person", reporter.name, reporter.start, reporter.end, index, "byline", 0.95)

    def _publisher(self) -> None:
        article = self.doc.article
        name = article.publisher
        entry = self.lex.lookup(name, ("NewsOutlet",))
        key = entry.key if entry else f"NewsOutlet/{normalize_name(name)}"
        canonical = entry.ko if entry else name
        # evidence: the outlet in the dateline or byline, else the first mention anywhere
        position = self.text.find(name)
        if position < 0 and entry:
            for surface in entry.surfaces:
                position = self.text.find(surface)
                if position >= 0:
                    name = surface
                    break
        found = self.found.get(key)
        if found is None:
            found = self.found[key] = Found(key=key, type="NewsOutlet", name=canonical, entry=entry)
        self.publisher = key
        if position >= 0:
            sentence = self.doc.sentence_at(position)
            self._add_mention(found, Mention(position, position + len(name), name, sentence.index if sentence else 0, 0.95, "dateline"))

    def _drop_inside(self, start: int, end: int, prefix: str) -> None:
        """Remove mentions of keys starting with ``prefix`` inside [start, end) (a longer name wins)."""
        for s, e, key in [sp for sp in self.spans.overlapping(start, end) if start <= sp[0] and sp[1] <= end and sp[2].startswith(prefix)]:
            if (s, e) == (start, end):
                continue
            self._remove_mention(s, e, key)

    def _absorb_locations(self, start: int, end: int, spaced_names: bool = False) -> bool:
        """Make room for a longer name over [start, end): drop the mentions inside it (울산 in
        울산경찰청, 화이자 in 한국화이자제약). A glued word names one thing; a spaced name only
        absorbs places (판교 in 판교 사옥). False when a mention crosses its edges."""
        glued = " " not in self.text[start:end]
        inside = self.spans.overlapping(start, end)
        for s, e, k in inside:
            if not (start <= s and e <= end) or (s, e) == (start, end):
                return False
            if not glued and not spaced_names and not k.startswith("Location/"):
                return False
            if k.startswith("Person/"):
                return False
        for s, e, key in inside:
            self._remove_mention(s, e, key)
        return True

    def _more_mentions(self) -> None:
        """Every further occurrence of a found name (and its aliases) in the body is a mention."""
        names: dict[str, str] = {}
        for found in self.found.values():
            if found.type == "NewsOutlet" and found.entry is None:
                continue
            for surface in {found.name, *found.aliases, *found.short_names}:
                if len(surface) >= 2 and found.type != "Location":
                    names.setdefault(surface, found.key)
        if not names:
            return
        pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n))))
        for sentence in self.doc.sentences:
            if sentence.zone is not None:
                continue
            for m in pattern.finditer(sentence.text):
                start, end = sentence.start + m.start(), sentence.start + m.end()
                if self._in_dateline(start) or self._overlaps(start, end):
                    continue
                if start > 0 and re.match(r"[가-힣A-Za-z0-9]", self.text[start - 1]):
                    continue
                if end < len(self.text) and re.match(r"[A-Za-z0-9]", self.text[end]) and re.search(r"[A-Za-z0-9]$", m.group(0)):
                    continue
                key = names[m.group(0)]
                found = self.found[key]
                if end < len(self.text) and re.match(r"[가-힣]", self.text[end]):
                    token = next((t for t in sentence.tokens if t.start <= end < t.end or t.start == end), None)
                    if token is not None and token.start < end and token.end > end:
                        continue  # the name is part of a longer word
                self._add(key, found.type, found.name, start, end, sentence.index, "repeat", 0.8)

    _COMMENTATOR_TITLES = frozenset(["연구원", "애널리스트", "교수", "변호사", "회계사", "논설위원", "기자"])

    def is_commentator(self, key: str) -> bool:
        """A person quoted for an outside view (analyst, professor, lawyer), not for their employer."""
        return any(c.person == key and c.title.canonical in self._COMMENTATOR_TITLES for c in self.positions)

    def organizations_of(self, person: str) -> list[str]:
        return [c.organization for c in self.positions if c.person == person and c.organization]
