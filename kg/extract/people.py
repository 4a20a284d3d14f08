"""Rule components for people and their positions (reads each body sentence's words and the
entities found so far; adds Person mentions and ``PositionClaim``s):

- ``_titles``: ``NAME [ORG] [unit] TITLE``, ``ORG NAME TITLE``, a title given before the name
  (``이사회 의장인 윤재관 회장``), titles in brackets (``최고재무책임자(CFO·부사장)``);
- ``_appointed_titles``: ``정수진 부사장을 신임 대표이사로 선임했다``;
- ``_resolve_surname_aliases``: ``홍 대표`` resolved to the full name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import Title, normalize_name
from ..model import Mention, Sentence
from .names import PROPER_TAGS as _PROPER_TAGS
from .text import Word, _make_word

__all__ = ["PeopleRules", "PositionClaim"]

_HONORIFIC = re.compile(r"(?:모\s?)?씨(?:[은는이가을를의와과에도]|에게)?$")  # (김)씨를, (이)모씨
_BRACKET_THEN_E = re.compile(r"\)에$")  # 최고운영책임자(COO)에
_APPOINTED_OBJECT = re.compile(r"^\s*(?:\S+\s+){0,3}?\S*(?:을|를)\s*(?:\S+\s+)?(?:선임|임명|내정|발탁|선출|영입)")


@dataclass(frozen=True)
class PositionClaim:
    person: str  # key
    organization: str | None  # key, None when the text does not say
    title: Title
    title_text: str
    evidence: Mention
    confidence: float = 0.85


class PeopleRules:
    """Mixed into ``EntityFinder``: people, titles and positions over one document."""

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
        if text == surname or _HONORIFIC.fullmatch(text[len(surname):]):  # 김씨를, 이모씨: a surname only
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
        if any(t.tag in ("XSV", "XSA", "EP", "ETM", "EC", "EF") for t in tokens):
            return None  # a verb form (법원이 선임한 관리인), not a name
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
        list_head, list_end = None, -1  # a title heading a list of names, and where the last item ended
        for i, word in enumerate(words):
            split = self.lex.title_of(word.stem)
            if split is None or i == 0 or self._in_dateline(word.start):
                continue
            prefix, title = split
            org, place = None, None
            if prefix:
                entry = self.lex.lookup(prefix, ("Company", "Organization", "NewsOutlet"))
                if entry:
                    org = entry.key
                    if not self._overlaps(word.start, word.start + len(prefix)):  # 국회부의장: 국회 is named too
                        self._add(org, entry.type, entry.ko, word.start, word.start + len(prefix), sentence.index,
                                  "title-org", 0.8, entry)
                elif title.kind == "government" and title.title[:1] in self._PLACE_TITLES and re.fullmatch(r"[가-힣]{2,6}", prefix):
                    org, place = self._place_of(prefix, title), (prefix, title, word)  # 포항시장 -> 시장 at 포항시
                elif len(prefix) >= 2 and any(self.lex.cue_of(t, prefix) for t in ("Company", "Organization")):
                    org = self._new_org(Word(word.start, word.start + len(prefix), prefix, word.tokens, word.start + len(prefix)),
                                        title, sentence)  # 현대차그룹회장: an unknown organisation glued to the title
            org_in_word = org is not None  # 현대차그룹회장: the title as written is 회장
            j = i - 1
            name_word, kind, unknown_org = None, None, None
            unit_start = None  # where the title's unit words begin (재무담당 부사장, 이사회 의장)
            status = None  # 전 (former) or 신임 (new), written before the organisation or the title
            while j >= 0 and i - j <= 6:
                w = words[j]
                if "(" in w.text or ")" in w.text:
                    inner = self._after_bracket(w)
                    if inner is not None and self._is_name(inner) == "full":
                        name_word, kind = inner, "full"  # 사외이사 2인(추영재 사외이사
                        break
                    outer = self._before_bracket(w)
                    if outer is not None and self._is_name(outer) == "full":
                        name_word, kind = outer, "full"  # 이장한(65) 종근당 회장, 김모(52·구속기소) 대표
                        break
                    key = self._overlaps(w.start, w.start + len(w.stem)) if w.stem and w.text[0] != "(" else None
                    if key and key.split("/", 1)[0] in ("Company", "Organization") and org is None:
                        org = key  # 엔씨소프트(036570) 대표이사
                    j -= 1  # inside brackets: 넥서스플레이지회(넥서스플레이 노조) 지회장
                    continue
                if w.text in self._MODIFIERS:
                    if w.text in self._JOINT and j == i - 1:
                        unit_start = w.start
                    if w.text in self._STATUS:
                        status = self._STATUS[w.text]  # 전 대표 and 신임 대표 are kept apart
                    j -= 1
                    continue
                known = self._overlaps(w.start, w.start + len(w.stem)) if w.stem else None
                if known and known.startswith("Person/") and not w.particle and " " in w.stem:
                    name_word, kind = w, "full"  # 에릭 홀컴 (one token for a foreign name the tagger found)
                    break
                if w.particle and not self._is_name(w, True):
                    break
                kind = self._is_name(w, allow_surname_only=True)
                if kind:
                    name_word = w
                    break
                key = self._org_at(w)
                if key and (org is None or key == org):
                    org = key  # (the same organisation over two words: 법무법인 율촌)
                    j -= 1
                    continue
                if self._proper_word(w) and org is None and unknown_org is None and not self._UNIT.search(w.stem):
                    unknown_org = w
                    j -= 1
                    continue
                if all(t.tag in ("NNG", "SL", "NNP") for t in w.tokens) and not w.particle and i - j <= 2 and org is None:
                    if unit_start is None or unit_start == words[j + 1].start:
                        unit_start = w.start
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
                surname = _HONORIFIC.sub("", name_word.text) if len(name_word.text) > 1 else name_word.text
                self.surname_aliases.append((surname, title, evidence))
                continue
            existing = self._overlaps(name_word.start, name_word.end)
            if existing and not existing.startswith("Person/"):
                continue
            key = f"Person/{normalize_name(name_word.text)}"
            if existing and existing != key:
                self._drop_inside(name_word.start, name_word.end, "Person/")  # 마크 -> 마크 스튜어트
            self._add(key, "Person", name_word.text, name_word.start, name_word.end, sentence.index, "title", 0.85)
            if place is not None:
                self._add_place(*place, sentence)
            title_word = word.stem[len(prefix):] if org_in_word else word.stem
            title_text = self.text[unit_start:title_end] if unit_start is not None else title_word
            if status:
                title_text = f"{status} {title_text}"
            last = self.positions[-1] if self.positions else None
            if (last is not None and last.person == key and last.organization == org and last.evidence.start == evidence.start
                    and last.evidence.end < evidence.end and title_text.startswith(f"{last.title_text} ")):
                self.positions.pop()  # 재무담당 상무, 대표이사 사장: one post written as a compound title
            self.positions.append(PositionClaim(key, org, title, title_text, evidence))
            # 이사회 의장인 윤재관 회장, 현 태성소재 대표인 오경민 부사장: a title given before the name;
            # 신임 사외이사인 A 서울대 교수, B 한빛대 교수 등: it heads the whole list of names
            if j >= 1 and words[j - 1].particle in ("인", "이자"):
                earlier = self.lex.title_of(words[j - 1].stem)
                if earlier and earlier[1].canonical != title.canonical:
                    prefix_org = self._org_at(words[j - 2]) if j >= 2 else None
                    # a professor's or lawyer's own employer is not where they sit on a board
                    same = org if title.kind not in self._OUTSIDE_KINDS or earlier[1].kind in self._OUTSIDE_KINDS else None
                    list_head = (earlier[1], words[j - 1].stem, prefix_org)
                    self.positions.append(PositionClaim(key, prefix_org or same, earlier[1], words[j - 1].stem, evidence))
                else:
                    list_head = None
            elif list_head is not None and re.fullmatch(r"\s*,\s*", self.text[list_end:name_word.start]):
                head_title, head_text, head_org = list_head
                same = org if title.kind not in self._OUTSIDE_KINDS or head_title.kind in self._OUTSIDE_KINDS else None
                self.positions.append(PositionClaim(key, head_org or same, head_title, head_text, evidence))
            else:
                list_head = None
            list_end = title_end
            # 종근당 회장 겸 전국경제인연합회 부회장: a second post joined by 겸
            if i + 2 < len(words) and words[i + 1].text == "겸":
                k = i + 2
                second_org = self._org_at(words[k]) if k + 1 < len(words) else None
                if second_org:
                    k += 1
                second = self.lex.title_of(words[k].stem)
                if second and (second_org or not second[0]):
                    second_end = words[k].start + len(words[k].stem)
                    self.positions.append(PositionClaim(key, second_org or org, second[1], words[k].stem[len(second[0]):]
                                                        if second_org is None else words[k].stem, Mention(
                        name_word.start, second_end, self.text[name_word.start:second_end], sentence.index, 0.8, "title")))
            # 최고재무책임자(CFO·부사장): the titles in brackets are held too
            bracket = re.match(r"\(([^)]{1,30})\)", self.text[word.start + len(word.stem):word.end + 20])
            if bracket:
                for part in re.split(r"[·,/ ]+", bracket.group(1)):
                    if part in self.lex.titles and self.lex.titles[part].canonical != title.canonical:
                        self.positions.append(PositionClaim(key, org, self.lex.titles[part], part, evidence))
        self._appointed_titles(sentence, words)
        self._bracketed_titles(sentence)

    _JOINT = frozenset(["공동", "각자", "단독"])
    _STATUS = {"전": "전", "前": "전", "전임": "전", "신임": "신임", "신규": "신임"}
    _OUTSIDE_KINDS = frozenset(["academic", "legal"])
    _UNIT = re.compile(r"(?:실|팀|본부|부문|사업부|센터|담당)$")  # IR실 실장: a unit, not an organisation

    def _after_bracket(self, word: Word) -> Word | None:
        """The part of a word after its last opening bracket (2인(추영재 -> 추영재), if any."""
        cut = word.text.rfind("(")
        if cut < 0 or ")" in word.text[cut:]:
            return None
        start = word.start + cut + 1
        tokens = [t for t in word.tokens if t.start >= start]
        if not tokens or re.match(r"[가-힣]모?씨", word.text[cut + 1:]):
            return None  # (김씨를: a surname only
        return _make_word(tokens, self.text)

    _PLACE_TITLES = frozenset("시도주군구")  # 시장, 도지사, 주지사, 군수, 구청장 begin with their place's word

    def _place_of(self, prefix: str, title: Title) -> str:
        """The place a fused title names (포항시장 -> 포항시, 인디애나주지사 -> 인디애나주)."""
        place = self.lex.lookup(prefix, ("Location",)) or self.lex.lookup(prefix + title.title[0], ("Location",))
        return place.key if place else f"Location/{normalize_name(prefix + title.title[0])}"

    def _add_place(self, prefix: str, title: Title, word: Word, sentence: Sentence) -> None:
        """The place of a fused title as a Location mention (only once the title has its person)."""
        name = prefix + title.title[0]
        place = self.lex.lookup(prefix, ("Location",)) or self.lex.lookup(name, ("Location",))
        key = self._place_of(prefix, title)
        start, end = word.start, word.start + len(prefix)
        if self._overlaps(start, end) in (None, key):
            found = self._add(key, "Location", place.ko if place else name, start, end, sentence.index, "title-place", 0.75,
                              place)
            found.aliases.add(name)

    def _before_bracket(self, word: Word) -> Word | None:
        """The part of a word before a bracket that closes in it (이장한(65) -> 이장한), if any."""
        cut = word.text.find("(")
        if cut <= 0 or ")" not in word.text[cut:]:
            return None
        end = word.start + cut
        tokens = [t for t in word.tokens if t.end <= end]
        return _make_word(tokens, self.text) if tokens else None

    _BRACKETED = re.compile(r"\((?P<title>[가-힣]{2,8}) (?P<names>[가-힣]{2,4}(?:[·,] ?[가-힣]{2,4})*)\)")

    def _bracketed_titles(self, sentence: Sentence) -> None:
        """A title before names in brackets after a body: 서울중앙지법 파산5부(수석부장판사 이종석),
        (부장판사 A·B·C); the organisation is the one named just before the bracket."""
        for m in self._BRACKETED.finditer(sentence.text):
            split = self.lex.title_of(m.group("title"))
            if split is None or split[0] and not self.lex.lookup(split[0]):
                continue
            title = split[1]
            before = [(mention, found) for mention, found in self.mentions_in(sentence)
                      if found.type in ("Company", "Organization") and mention.end <= sentence.start + m.start()
                      and sentence.start + m.start() - mention.end <= 12]
            org = before[-1][1].key if before else None
            offset = sentence.start + m.start("names")
            for name in re.split(r"[·,] ?", m.group("names")):
                start = sentence.text.find(name, offset - sentence.start) + sentence.start
                offset = start + len(name)
                key = f"Person/{normalize_name(name)}"
                existing = self._overlaps(start, offset)
                if (existing and existing != key) or not any(name.startswith(s) for s in self.lex.surnames):
                    continue
                if existing is None:
                    self._add(key, "Person", name, start, offset, sentence.index, "bracket-title", 0.8)
                evidence = Mention(sentence.start + m.start(), sentence.start + m.end(), m.group(0), sentence.index, 0.8,
                                   "bracket-title")
                self.positions.append(PositionClaim(key, org, title, m.group("title"), evidence))

    _APPOINT_VERB = re.compile(r"^\s*(?:선임|임명|내정|발탁|승진|선출|영입|추대|낙점)")

    def _appointed_titles(self, sentence: Sentence, words: list[Word]) -> None:
        """신임 최고운영책임자(COO)에 오재현 전 넥슨코리아 부사장을 선임했다: the post comes first
        (``A를 TITLE로 선임했다`` and the like are in ``careers``)."""
        for i, word in enumerate(words):
            if not word.particle.endswith("에") and not _BRACKET_THEN_E.search(word.text):
                continue
            split = self.lex.title_of(word.stem)
            if split is None:
                continue
            prefix, title = split
            after = [(m, f) for m, f in self.mentions_in(sentence) if f.type == "Person" and m.start > word.end]
            objects = [(m, f) for m, f in after
                       if _APPOINTED_OBJECT.match(self.text[m.end:sentence.end])]
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
                   and (self._overlaps(w.start, w.end) or "Person/").startswith("Person/") and w.text not in self.lex.not_names
                   and self.lex.lookup(w.text) is None for w in (first, second)):
                if (self._is_name(first) and len(first.text) > 2) or self._is_name(second):
                    return None  # Korean names are handled as such (마크 스튜어트 is no 마크)
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

            def rank(found) -> tuple:
                before = [m.start for m in found.mentions if m.start < evidence.start]
                return (found.key in titled, max(before) if before else -1)

            best = max(candidates, key=rank)
            end = evidence.start + len(surname)
            if not self._overlaps(evidence.start, end):
                self._add(best.key, "Person", best.name, evidence.start, end, evidence.sentence, "surname+title", 0.75)
