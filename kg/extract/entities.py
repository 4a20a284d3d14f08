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
from .tagged import add_tagged_names
from .text import Word, words_of

__all__ = ["EntityFinder", "Found", "PositionClaim"]

_PROPER_TAGS = ("NNP", "SL", "SH")


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


@dataclass(frozen=True)
class PositionClaim:
    person: str  # key
    organization: str | None  # key, None when the text does not say
    title: Title
    title_text: str
    evidence: Mention
    confidence: float = 0.85


class EntityFinder:
    """Finds the entities of one document. Use :meth:`run`; results are on the instance."""

    def __init__(self, document: Document, lexicon: Lexicon, tagger=None):
        self.doc = document
        self.tagger = tagger
        self.text = document.article.text
        self.lex = lexicon
        self.found: dict[str, Found] = {}
        self.spans: list[tuple[int, int, str]] = []  # (start, end, key) of accepted mentions
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
        self._more_mentions()  # organisations named anywhere are known before title patterns run
        self._unions()
        for sentence in self.doc.sentences:
            if sentence.zone is None:
                self._titles(sentence)
        self._resolve_surname_aliases()
        self._more_mentions()
        if article.publisher:
            self._publisher()
        return self

    def dominant_company(self) -> str | None:
        """The company the article is mostly about: most mentions in the body, earliest on ties."""
        best = None
        for found in self.found.values():
            if found.type != "Company":
                continue
            score = (len(found.mentions), -min(m.start for m in found.mentions))
            if best is None or score > best[0]:
                best = (score, found.key)
        return best[1] if best else None

    def mentions_in(self, sentence: Sentence) -> list[tuple[Mention, Found]]:
        """Mentions in the sentence's body text (not in its dateline), in text order."""
        result = []
        for found in self.found.values():
            for mention in found.mentions:
                if mention.sentence == sentence.index and not self._in_dateline(mention.start):
                    result.append((mention, found))
        result.sort(key=lambda mf: mf[0].start)
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
        for s, e, key in self.spans:
            if s < end and start < e:
                return key
        return None

    def _add(self, key: str, etype: str, name: str, start: int, end: int, sentence: int,
             rule: str, confidence: float, entry: GazetteerEntry | None = None) -> Found:
        found = self.found.get(key)
        if found is None:
            found = self.found[key] = Found(key=key, type=etype, name=name, entry=entry)
        found.add(Mention(start, end, self.text[start:end], sentence, confidence, rule))
        self.spans.append((start, end, key))
        return found

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
            found.add(Mention(position, position + len(name), name, sentence.index if sentence else 0, 0.95, "dateline"))

    def _gazetteer(self, sentence: Sentence) -> None:
        for index, token in enumerate(sentence.tokens):
            if token.user_value:
                entry = self.lex.by_key.get(token.user_value)
            elif token.tag == "NNP":
                # a name Kiwi knows itself (서울) or an ambiguous one it reads as a name (인도/NNP is
                # India; 인도/NNG is delivery)
                entry = self.lex.lookup(token.form)
                if entry is None or self.text[token.start:token.end] != token.form:
                    continue
            else:
                continue
            if entry is None or self._in_dateline(token.start):
                continue
            if self._inside_longer_word(sentence, index):
                continue  # 하이브 in 하이브리드: a name the user word cut out of a longer word
            if entry.type == "Product":
                # a model name after the product: 토레스 EVX, 갤럭시 S25, 아이오닉 5 N
                model = re.match(r" (?:[A-Z0-9][A-Za-z0-9+\-]{0,6})(?: [A-Z]{1,3})?(?![A-Za-z0-9가-힣])", self.text[token.end:token.end + 14])
                if model and not self._overlaps(token.start, token.end + model.end()):
                    end = token.end + model.end()
                    name = self.text[token.start:end]
                    self._add(f"Product/{normalize_name(name)}", "Product", name, token.start, end, sentence.index,
                              "gazetteer+model", 0.85)
                    continue
            self._add(entry.key, entry.type, entry.ko, token.start, token.end, sentence.index, "gazetteer", 0.95, entry)

    def _inside_longer_word(self, sentence: Sentence, index: int) -> bool:
        """A short name glued to a following noun that is no name cue is part of another word
        (하이브 in 하이브리드); 카카오+모빌리티 or 현대차+그룹 are compounds handled by the cues."""
        tokens = sentence.tokens
        token = tokens[index]
        if token.end - token.start > 3:
            return False
        if index + 1 >= len(tokens):
            return False
        nxt = tokens[index + 1]
        if nxt.start != token.end or nxt.tag not in ("NNG", "NNP") or nxt.user_value:
            return False
        return not any(self.lex.cue_of(t, nxt.form) for t in self.lex.cues)

    def _cue_names(self, sentence: Sentence) -> None:
        words = self.words[sentence.index]
        for i, word in enumerate(words):
            stem = word.stem
            if not stem or self._in_dateline(word.start):
                continue
            for etype in ("Facility", "Organization", "Company", "Location"):
                cue = self.lex.cue_of(etype, stem)
                if cue is None:
                    continue
                head = stem[: len(stem) - len(cue)]
                if etype == "Location":
                    # 강동구, 오창읍: one proper noun, or a known place glued to its district word
                    first = word.tokens[0]
                    place = self.lex.by_key.get(first.user_value or "")
                    if not head or not ((first.tag == "NNP" and first.end >= word.start + len(stem))
                                        or (place is not None and place.type == "Location")):
                        break
                start, end = word.start, word.start + len(stem)
                if head:
                    # glued: 카카오모빌리티, 대전공장, 공정거래위원회 -- the head must be a proper noun,
                    # or at least not a common word (에이치유홀딩스 -> 에이치/NNG 유/NNG 홀딩스/NNG)
                    first = word.tokens[0]
                    if re.fullmatch(r"(?:제\s?)?\d+|신|구|제", head) and i > 0 and etype == "Facility":
                        prev = words[i - 1]  # 평택 제2공장, 울산 신공장
                        if prev.particle or not prev.stem or prev.tokens[0].tag not in _PROPER_TAGS:
                            break
                        start = prev.start
                    elif first.tag not in _PROPER_TAGS and not first.user_value:
                        prev = words[i - 1] if i > 0 else None
                        if (etype == "Facility" and prev is not None and not prev.particle and prev.stem
                                and self.lex.by_key.get(prev.tokens[0].user_value or "", None) is not None
                                and self.lex.by_key[prev.tokens[0].user_value].type == "Location"):
                            start = prev.start  # 오창 에너지플랜트: a place and a facility word
                        elif len(head) < 2 or head in self.lex.generic_heads or first.tag not in ("NNG", "MAG", "XR"):
                            break
                        elif etype != "Company" or cue in self.lex.weak_cues:
                            break  # 석유화학공장, 제재심의위원회, 주가연계증권, 신선식품: common nouns
                    if first.user_value and first.end >= end:
                        break  # the whole word is a gazetteer name already
                    name = self.text[start:end]
                elif etype == "Facility" and i > 0:
                    # spaced: 판교 데이터센터 -- the previous word is a place or proper noun without particle
                    prev = words[i - 1]
                    if prev.particle or not prev.stem or prev.tokens[0].tag not in _PROPER_TAGS:
                        break
                    prev_entry = self.lex.by_key.get(prev.tokens[0].user_value or "")
                    if prev_entry and prev_entry.type not in ("Location",):
                        break
                    start = prev.start
                    name = self.text[start:end]
                else:
                    break
                branch = False
                if etype == "Organization" and i > 0 and start == word.start:
                    # 전국금속노동조합 현대자동차지부, 고용노동부 청주지청: a branch named with its parent
                    prev = words[i - 1]
                    parent = self._overlaps(prev.start, prev.start + len(prev.stem)) if prev.stem else None
                    if parent and parent.startswith("Organization/") and not prev.particle:
                        start, branch = prev.start, True
                        name = self.text[start:end]
                if not self._absorb_locations(start, end, spaced_names=branch):
                    break
                owner = None
                full = None
                j = i - (1 if start == word.start else 2)
                if etype == "Facility" and j >= 0:
                    before = words[j]
                    key_before = self._overlaps(before.start, before.start + len(before.stem))
                    if key_before and key_before.startswith("Company/") and not before.particle:
                        owner = key_before
                        full = self.text[before.start:end]
                key = self._key_for(etype, name) if owner is None else f"Facility/{owner.split('/', 1)[1]}/{normalize_name(name)}"
                if owner is None and etype == "Facility":
                    # 울산공장 after 세영화학 울산공장: the same site, named without its owner
                    same = [f for f in self.found.values() if f.type == "Facility" and f.owner
                            and normalize_name(f.name) == normalize_name(name)]
                    if len(same) == 1:
                        key = same[0].key
                found = self._add(key, etype, name, start, end, sentence.index, f"cue:{cue}", 0.75)
                if etype == "Company" and head and len(head) >= 2 and re.fullmatch(r"[가-힣]+", head) \
                        and self.lex.lookup(head) is None and head not in self.lex.generic_heads:
                    found.short_names.add(head)  # 길리어드 for 길리어드사이언스, later in the article
                if owner:
                    found.owner = owner
                    found.full_label = full
                    found.aliases.add(full)
                break

    def _absorb_locations(self, start: int, end: int, spaced_names: bool = False) -> bool:
        """Make room for a longer name over [start, end): drop the mentions inside it (울산 in
        울산경찰청, 화이자 in 한국화이자제약). A glued word names one thing; a spaced name only
        absorbs places (판교 in 판교 사옥). False when a mention crosses its edges."""
        glued = " " not in self.text[start:end]
        inside = [(s, e, k) for s, e, k in self.spans if s < end and start < e]
        for s, e, k in inside:
            if not (start <= s and e <= end) or (s, e) == (start, end):
                return False
            if not glued and not spaced_names and not k.startswith("Location/"):
                return False
            if k.startswith("Person/"):
                return False
        for s, e, key in inside:
            self.spans.remove((s, e, key))
            found = self.found[key]
            found.mentions = [m for m in found.mentions if not (m.start == s and m.end == e)]
            if not found.mentions:
                del self.found[key]
        return True

    _UNION_WORDS = ("노조", "노동조합")
    _UNION_NAME = re.compile(r"(?:지부|지회|노조|노동조합)$")

    def _unions(self) -> None:
        """`HD현대중공업 노조` and a bare `노조` name the article's union when it has one
        (전국금속노동조합 현대중공업지부); otherwise `X 노조` is a union of its own."""
        unions = [f for f in self.found.values() if f.type == "Organization" and self._UNION_NAME.search(f.name)]
        for sentence in self.doc.sentences:
            if sentence.zone is not None:
                continue
            words = self.words[sentence.index]
            for i, word in enumerate(words):
                if word.stem not in self._UNION_WORDS or self._overlaps(word.start, word.start + len(word.stem)):
                    continue
                start, end = word.start, word.start + len(word.stem)
                company = None
                if i > 0 and not words[i - 1].particle:
                    company = self._org_at(words[i - 1])
                    if company and company.startswith("Company/"):
                        start = words[i - 1].start
                    else:
                        company = None
                if len(unions) == 1:
                    key, name = unions[0].key, unions[0].name
                elif company is not None:
                    name = self.text[start:end]
                    key = self._key_for("Organization", name)
                else:
                    continue
                if company is not None:
                    # the company mention stays; the union mention covers 'X 노조'
                    self.spans = [sp for sp in self.spans if not (sp[0] == start and sp[2] == company)]
                    found = self.found[company]
                    found.mentions = [m for m in found.mentions if m.start != start]
                    if not found.mentions:
                        del self.found[company]
                self._add(key, "Organization", name, start, end, sentence.index, "union", 0.7)
                if len(unions) != 1:
                    unions = [self.found[key]]

    def _side_names(self, sentence: Sentence) -> None:
        """X 측은 / X 측이: X speaks as an organisation (에이치넷 측은 "..."라고 해명했다)."""
        words = self.words[sentence.index]
        for i in range(len(words) - 1):
            word, nxt = words[i], words[i + 1]
            if word.particle or not re.match(r"측(?:은|이|도|에|의|과|와)?$", nxt.text):
                continue
            if not self._proper_word(word) or self._in_dateline(word.start) or len(word.stem) < 2:
                continue
            key = self._key_for("Company", word.stem)
            self._add(key, "Company", word.stem, word.start, word.start + len(word.stem), sentence.index, "side", 0.7)

    def _descriptor_names(self, sentence: Sentence) -> None:
        """An unknown name right after a descriptor noun: 반도체 기업 메디브레인이, 앱 핏노트."""
        words = self.words[sentence.index]
        for i in range(1, len(words)):
            prev, word = words[i - 1], words[i]
            if prev.particle or self._in_dateline(word.start):
                continue
            etype = next((t for t, p in self.lex.descriptor_patterns.items() if p.search(prev.stem)), None)
            if etype is None or not word.stem or len(word.stem) < 2:
                continue
            stem = word.stem
            if not re.fullmatch(r"[가-힣A-Za-z0-9&.\-]+", stem) or stem in self.lex.not_names:
                continue
            if self._overlaps(word.start, word.start + len(stem)):
                continue
            tokens = [t for t in word.tokens if t.end <= word.start + len(stem)]
            if stem[0].isdigit() or any(t.tag not in ("NNG", "NNP", "SL", "SN", "SH") for t in tokens):
                continue  # 1천여대, 다변화, 직원들
            if not any(t.tag in _PROPER_TAGS for t in tokens) and (etype != "Company" or len(tokens) == 1):
                continue  # common nouns (후보물질, 공지사항); all-NNG names only for companies (마켓나루)
            key = self._key_for(etype, stem)
            self._add(key, etype, stem, word.start, word.start + len(stem), sentence.index, "descriptor", 0.7)

    _LAUNCH_AFTER = re.compile(r"^(?:을|를|이|가|은|는|의|와|과|로|으로)?\s*(?:\S+\s+){0,2}?(?:출시|선보|공개|내놓|리콜|판매|서비스|론칭|런칭|개발|임상|탑재|업데이트)")

    def _quoted_names(self, sentence: Sentence) -> None:
        """A name in single quotes after a product descriptor or before a launch verb:
        후보물질 'HG-301', 오픈마켓 '스마트마켓', 'SOL AI 상담사'를 출시했다. Scare quotes
        ('카카오 먹통' 사태) have neither and are left alone."""
        text = sentence.text
        for m in re.finditer(r"[‘'](?P<name>[^‘’'\n]{2,25})[’']", text):
            name = m.group("name").strip()
            start = sentence.start + m.start("name") + (len(m.group("name")) - len(m.group("name").lstrip()))
            end = start + len(name)
            if not name or self._overlaps(start, end) or re.search(r"[.!?]$|다$|\s{2}", name):
                continue
            before = text[: m.start()].rstrip()
            after = text[m.end(): m.end() + 24]
            descriptor = self.lex.quoted_descriptor_patterns.get("Product")
            if not ((descriptor and descriptor.search(before)) or self._LAUNCH_AFTER.match(after)):
                continue
            if len(name.split()) > 4 or self.lex.lookup(name, ("Company", "Organization", "NewsOutlet", "Location")):
                continue
            self._add(self._key_for("Product", name), "Product", name, start, end, sentence.index, "quoted-name", 0.7)

    def _is_name(self, word: Word, allow_surname_only: bool = False) -> str | None:
        """'full' | 'surname' when the word is a Korean personal name standing before a title, else None.

        Kiwi often splits unknown names (이종만 -> 이/MM 종/NNG 만/JX), so the whole word is used and
        Kiwi's tags only veto a word that reads as one common word (신임, 이번)."""
        text = word.text
        if not re.fullmatch(r"[가-힣]{1,4}", text):
            return None
        if word.particle:
            stem_tokens = [t for t in word.tokens if t.end <= word.stem_end]
            case_particle = word.particle in ("은", "는", "이", "가", "을", "를", "의", "에", "께")
            if word.stem in self.lex.titles or (case_particle and len(stem_tokens) == 1 and len(word.stem) >= 2
                                                and stem_tokens[0].tag in ("NNG", "NNP", "NP")):
                return None  # a word and its particle (주가는, 차장을); 정유나, 이종만 are names
        if text in self.lex.not_names or text in self.lex.titles or self.lex.lookup(text) is not None:
            return None
        taken = self._overlaps(word.start, word.end)
        if taken and not taken.startswith("Person/"):
            return None  # already a company or place (법무법인 한결음)
        surname = next((s for s in (text[:2], text[:1]) if s in self.lex.surnames), None)
        if surname is None:
            return None
        if text == surname:
            return "surname" if allow_surname_only else None
        given = len(text) - len(surname)
        if not 1 <= given <= 2:
            return None
        tokens = word.tokens
        if tokens[0].tag == "NNP":
            return "full"
        if len(tokens) == 1 and tokens[0].tag.startswith(("NNG", "M", "V", "NP", "NR", "XR")):
            return None  # one ordinary word (이번, 정부, 조사)
        if tokens[0].tag.startswith(("V", "E", "J", "NP")):
            return None
        return "full" if len(text) == 3 else None

    def _proper_word(self, word: Word) -> bool:
        """A word that reads as an unknown proper noun (no particle, starts with NNP or Latin)."""
        return (not word.particle and bool(word.stem) and word.tokens[0].tag in _PROPER_TAGS
                and self._overlaps(word.start, word.start + len(word.stem)) is None
                and word.stem not in self.lex.titles and word.stem not in self.lex.not_names)

    def _org_at(self, word: Word) -> str | None:
        key = self._overlaps(word.start, word.start + max(len(word.stem), 1))
        if key and key.split("/", 1)[0] in ("Company", "Organization", "NewsOutlet"):
            if not word.particle:
                return key
        return None

    def _new_org(self, word: Word, title: Title, sentence: Sentence) -> str:
        """An unknown organisation named between a person and a title (한재원 넥서스플레이 대표)."""
        etype = "Organization" if title.kind in ("government", "legal", "labor") else "Company"
        for cue_type in ("Organization", "Company"):
            if self.lex.cue_of(cue_type, word.stem):
                etype = cue_type
                break
        key = self._key_for(etype, word.stem)
        self._add(key, etype, word.stem, word.start, word.start + len(word.stem), sentence.index, "title-org", 0.7)
        return key

    _MODIFIERS = frozenset(["전", "현", "前", "現", "신임", "초대", "공동", "단독", "각자", "전임", "차기", "당시"])

    def _titles(self, sentence: Sentence) -> None:
        """Name-title patterns: NAME [ORG] [modifiers] TITLE and ORG NAME TITLE."""
        words = self.words[sentence.index]
        for i, word in enumerate(words):
            split = self.lex.title_of(word.stem)
            if split is None or i == 0 or self._in_dateline(word.start):
                continue
            prefix, title = split
            org = None
            if prefix:
                entry = self.lex.lookup(prefix, ("Company", "Organization", "NewsOutlet"))
                if entry:
                    org = entry.key
            j = i - 1
            name_word, kind, unknown_org = None, None, None
            while j >= 0 and i - j <= 6:
                w = words[j]
                if "(" in w.text or ")" in w.text:
                    j -= 1  # inside brackets: 넥서스플레이지회(넥서스플레이 노조) 지회장
                    continue
                if w.text in self._MODIFIERS:
                    j -= 1
                    continue
                if w.particle and not self._is_name(w, True):
                    break
                kind = self._is_name(w, allow_surname_only=True)
                if kind:
                    name_word = w
                    break
                key = self._org_at(w)
                if key and org is None:
                    org = key
                    j -= 1
                    continue
                if self._proper_word(w) and org is None and unknown_org is None:
                    unknown_org = w
                    j -= 1
                    continue
                if all(t.tag in ("NNG", "SL", "NNP") for t in w.tokens) and not w.particle and i - j <= 2:
                    j -= 1  # a unit or function before the title (재무담당 전무, 경영지원본부장)
                    continue
                break
            if name_word is None:
                name_word = self._foreign_name(words, j)
                if name_word is None:
                    # 다나카 사장 after 다나카 히로시 도요케미칼 사장: a foreign family name alone
                    prev = words[i - 1]
                    known = [f for f in self.found.values() if f.type == "Person" and " " in f.name
                             and f.name.split()[0] == prev.text]
                    if len(known) == 1 and not prev.particle:
                        end = prev.start + len(prev.text)
                        if not self._overlaps(prev.start, end):
                            self._add(known[0].key, "Person", known[0].name, prev.start, end, sentence.index,
                                      "surname+title", 0.75)
                    continue
                kind = "full"
            if org is None and unknown_org is not None:
                org = self._new_org(unknown_org, title, sentence)
            if org is None and j >= 1:
                before = words[j - 1]
                org = self._org_at(before)
                if org is None and self._proper_word(before) and title.kind != "media":
                    org = self._new_org(before, title, sentence)
                if org is None and j >= 2 and re.search(r"(?:인|이자|출신인)$", before.text):
                    org = self._org_at(words[j - 2])  # 다온정밀 창업주인 송기철 회장
            title_end = word.start + len(word.stem)
            evidence = Mention(name_word.start, title_end, self.text[name_word.start:title_end], sentence.index, 0.85, "title")
            if kind == "surname":
                self.surname_aliases.append((name_word.text, title, evidence))
                continue
            existing = self._overlaps(name_word.start, name_word.end)
            if existing and not existing.startswith("Person/"):
                continue
            key = f"Person/{normalize_name(name_word.text)}"
            self._add(key, "Person", name_word.text, name_word.start, name_word.end, sentence.index, "title", 0.85)
            self.positions.append(PositionClaim(key, org, title, word.stem, evidence))
            # 이사회 의장인 윤재관 회장, 현 태성소재 대표인 오경민 부사장: a title given before the name
            if j >= 1 and words[j - 1].particle in ("인", "이자"):
                earlier = self.lex.title_of(words[j - 1].stem)
                if earlier and earlier[1].canonical != title.canonical:
                    prefix_org = self._org_at(words[j - 2]) if j >= 2 else None
                    self.positions.append(PositionClaim(key, prefix_org or org, earlier[1], words[j - 1].stem, evidence))
            # 최고재무책임자(CFO·부사장): the titles in brackets are held too
            bracket = re.match(r"\(([^)]{1,30})\)", self.text[word.start + len(word.stem):word.end + 20])
            if bracket:
                for part in re.split(r"[·,/ ]+", bracket.group(1)):
                    if part in self.lex.titles and self.lex.titles[part].canonical != title.canonical:
                        self.positions.append(PositionClaim(key, org, self.lex.titles[part], part, evidence))
        self._appointed_titles(sentence, words)

    _APPOINT_VERB = re.compile(r"^\s*(?:선임|임명|내정|발탁|승진|선출|영입|추대|낙점)")

    def _appointed_titles(self, sentence: Sentence, words: list[Word]) -> None:
        """정수진 부사장을 신임 대표이사로 선임했다: the appointee now holds the new title."""
        for i, word in enumerate(words):
            if word.particle not in ("로", "으로") or i == 0:
                continue
            split = self.lex.title_of(word.stem)
            if split is None or not self._APPOINT_VERB.match(self.text[word.end:word.end + 6]):
                continue
            prefix, title = split
            persons = [(m, f) for m, f in self.mentions_in(sentence) if f.type == "Person" and m.end <= word.start]
            objects = [(m, f) for m, f in persons if re.match(r"^\s*(?:\S+\s+){0,2}?\S*(?:을|를)(?:\s|$)", self.text[m.end:word.start])]
            if not objects:
                continue
            mention, person = objects[-1]
            claims = [c for c in self.positions if c.person == person.key and c.organization]
            org = claims[0].organization if claims else None
            if prefix:
                entry = self.lex.lookup(prefix, ("Company", "Organization"))
                org = entry.key if entry else org
            evidence = Mention(mention.start, word.start + len(word.stem), self.text[mention.start:word.start + len(word.stem)],
                               sentence.index, 0.75, "appointed-title")
            self.positions.append(PositionClaim(person.key, org, title, word.stem, evidence))
        # 신임 최고운영책임자(COO)에 오재현 전 넥슨코리아 부사장을 선임했다: the post comes first
        for i, word in enumerate(words):
            if not word.particle.endswith("에") and not re.search(r"\)에$", word.text):
                continue
            split = self.lex.title_of(word.stem)
            if split is None:
                continue
            prefix, title = split
            after = [(m, f) for m, f in self.mentions_in(sentence) if f.type == "Person" and m.start > word.end]
            objects = [(m, f) for m, f in after
                       if re.match(r"^\s*(?:\S+\s+){0,3}?\S*(?:을|를)\s*(?:\S+\s+)?(?:선임|임명|내정|발탁|선출|영입)",
                                   self.text[m.end:sentence.end])]
            if not objects:
                continue
            mention, person = objects[0]
            org = self.subject_of(sentence) if prefix == "" else None
            if prefix:
                entry = self.lex.lookup(prefix, ("Company", "Organization"))
                org = entry.key if entry else None
            if org is None or not org.startswith(("Company/", "Organization/")):
                continue
            evidence = Mention(word.start, mention.end, self.text[word.start:mention.end], sentence.index, 0.7,
                               "appointed-title")
            self.positions.append(PositionClaim(person.key, org, title, word.stem, evidence))

    def _foreign_name(self, words: list[Word], j: int) -> Word | None:
        """Two proper nouns before [organisation] title: a foreign name (다나카 히로시 도요케미칼 사장)."""
        for end in (j + 1, j, j - 1):
            if end < 1 or end >= len(words) or self.lex.title_of(words[end].stem):
                continue
            first, second = words[end - 1], words[end]
            if all(not w.particle and re.fullmatch(r"[가-힣]{2,5}", w.text) and w.tokens[0].tag == "NNP"
                   and self._overlaps(w.start, w.end) is None and w.text not in self.lex.not_names
                   and self.lex.lookup(w.text) is None for w in (first, second)):
                if self._is_name(first) or self._is_name(second):
                    return None  # Korean names are handled as such
                span_text = self.text[first.start:second.end]
                return Word(first.start, second.end, span_text, first.tokens + second.tokens, second.end)
        return None

    def _resolve_surname_aliases(self) -> None:
        for surname, title, evidence in self.surname_aliases:
            candidates = self.persons_with_surname(surname)
            if not candidates:
                continue
            # prefer a person holding the same title, then the one mentioned last before the alias
            titled = {c.person for c in self.positions if c.title.canonical == title.canonical}

            def rank(found: Found) -> tuple:
                before = [m.start for m in found.mentions if m.start < evidence.start]
                return (found.key in titled, max(before) if before else -1)

            best = max(candidates, key=rank)
            end = evidence.start + len(surname)
            if not self._overlaps(evidence.start, end):
                self._add(best.key, "Person", best.name, evidence.start, end, evidence.sentence, "surname+title", 0.75)

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
