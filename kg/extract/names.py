"""Rule components that name entities from evidence in the text (reads each body sentence's
tokens and words; adds entity mentions through ``EntityFinder._add``):

- ``_gazetteer``: gazetteer names (Kiwi user words carrying their key; names Kiwi itself tags NNP);
- ``_cue_names``: unknown proper nouns with a name cue (``...전자`` Company, ``...위원회``
  Organization, ``판교 데이터센터`` Facility, ``강동구`` Location), facilities linked to their operator;
- ``_unions``: ``X 노조`` and a bare ``노조`` as the article's union;
- ``_side_names``: ``X 측은`` speaks as an organisation;
- ``_descriptor_names``: a name after a descriptor noun (``반도체 기업 메디브레인``);
- ``_quoted_names``: a quoted product name (``'SOL AI 상담사'를 출시``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import normalize_name
from ..model import Sentence

__all__ = ["NameRules", "PROPER_TAGS"]

PROPER_TAGS = ("NNP", "SL", "SH")
_PROPER_TAGS = PROPER_TAGS


@lru_cache(maxsize=4)
def credit_patterns(words: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    """Patterns around an outlet named in a photo credit, from the lexicon's ``credit_words``:
    (before, after) for (사진=연합뉴스), /연합뉴스, "... 모습. 연합뉴스"; (bracket before, credit word
    after) for [MBC 자료사진]."""
    alt = "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
    return (re.compile(rf"(?:(?:{alt})\s*[=:/]\s*|[/=]\s*|[.!?]\s*)$"),
            re.compile(rf"^(?:\s*(?:{alt}))*\s*(?:[)\]>]|$)"),
            re.compile(r"[\[(<]\s*$"),
            re.compile(rf"^(?:\s*(?:{alt}))+\s*[)\]>]"))


CREDIT_WINDOW = 80


_SIDE = re.compile(r"측(?:은|이|도|에|의|과|와)?$")  # X 측은 (the word after a name)

class NameRules:
    """Mixed into ``EntityFinder``: the name-finding rules over one document."""

    def _spaced_company_names(self, sentence: Sentence) -> None:
        """법무법인 율촌, 김앤장 법률사무소: a name and a spaced legal-service word are one company
        (the name's own mention, if any, is absorbed)."""
        before, after = self.lex.spaced_company_before, self.lex.spaced_company_after
        words = self.words[sentence.index]
        for i in range(len(words) - 1):
            first, second = words[i], words[i + 1]
            if first.particle or not second.stem or self._in_dateline(first.start):
                continue
            if first.stem in before and re.fullmatch(r"[가-힣A-Za-z&]{2,10}", second.stem):
                start, end = first.start, second.start + len(second.stem)
            elif second.stem in after and re.fullmatch(r"[가-힣A-Za-z&]{2,10}", first.stem):
                start, end = first.start, second.start + len(second.stem)
            else:
                continue
            inside = self.spans.overlapping(start, end)
            if any(not (start <= s and e <= end) for s, e, _ in inside):
                continue
            for s, e, key in inside:  # 율촌 (Company), 김앤장 (a tagger's Person): the name is the whole
                self._remove_mention(s, e, key)
            name = self.text[start:end]
            self._add(self._key_for("Company", name), "Company", name, start, end, sentence.index, "spaced-cue", 0.75)

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
            if entry.type == "NewsOutlet" and self._credit(token.start, token.end):
                continue  # (사진=연합뉴스): a photo credit, not an outlet the article is about
            if self._inside_longer_word(sentence, index):
                continue  # 하이브 in 하이브리드: a name the user word cut out of a longer word
            if entry.type == "Product":
                # a model name after the product: 토레스 EVX, 갤럭시 S25, 아이오닉 5 N
                model = re.match(r" (?:[A-Z0-9][A-Za-z0-9+\-]{0,6})(?: [A-Z]{1,3})?(?![A-Za-z0-9])(?![가-힣]{2})", self.text[token.end:token.end + 14])
                if model and not self._overlaps(token.start, token.end + model.end()):
                    end = token.end + model.end()
                    name = self.text[token.start:end]
                    self._add(f"Product/{normalize_name(name)}", "Product", name, token.start, end, sentence.index,
                              "gazetteer+model", 0.85)
                    continue
            start, end = token.start, token.end
            if entry.type in ("Company", "Organization"):
                start, end = self._legal_form_span(sentence, index, start, end)
            self._add(entry.key, entry.type, entry.ko, start, end, sentence.index, "gazetteer", 0.95, entry)

    _LEGAL_BEFORE = re.compile(r"(?:㈜|\(주\)|주식회사 ?)$")
    _LEGAL_AFTER = re.compile(r"^(?:㈜|\(주\)|주식회사)")

    def _legal_form_span(self, sentence: Sentence, index: int, start: int, end: int) -> tuple[int, int]:
        """A company's mention with the legal form and a glued Latin prefix it is written with:
        ㈜LG, (주)LG, 주식회사 LG, CJ주식회사 (one node with LG, CJ: the form is normalised away);
        STX팬오션, KB국민은행 (the longer form an alias of the known company)."""
        before = self._LEGAL_BEFORE.search(self.text[max(0, start - 5):start])
        if before:
            start -= len(before.group(0))
        after = self._LEGAL_AFTER.match(self.text[end:end + 4])
        if after:
            end += len(after.group(0))
        if index > 0 and not before:
            prev = sentence.tokens[index - 1]
            if prev.tag == "SL" and prev.end == start and not prev.user_value and not self._overlaps(prev.start, prev.end) \
                    and (prev.start == sentence.start or not self.text[prev.start - 1].isalnum()):
                start = prev.start
        return start, end

    _COUNTRY_ABBREVIATIONS = frozenset(["미", "중", "일", "영", "독", "불", "러", "EU"])

    def _country(self, word) -> bool:
        """A country named without a particle (미국, 미, 중국): the owner of a public body after it."""
        if word.particle or not word.stem:
            return False
        entry = self.lex.lookup(word.stem, ("Location",))
        return word.stem in self._COUNTRY_ABBREVIATIONS or (entry is not None and entry.kind in ("country", "province"))

    def _person_like(self, words, i: int) -> bool:
        """A three-syllable word of surname and given name ending like a district (정몽구, 최종구,
        김영주) followed by a title, or by an organisation and a title."""
        stem = words[i].stem
        if len(stem) != 3 or stem[0] not in self.lex.surnames:
            return False
        for nxt in words[i + 1:i + 3]:
            if self.lex.title_of(nxt.stem):
                return True
            if nxt.particle:
                return False
        return False

    def _credit(self, start: int, end: int) -> bool:
        """An outlet named in a photo credit: (사진=연합뉴스), <사진=뉴시스>, [MBC 자료사진], /연합뉴스,
        or alone after a caption's last sentence (... 본사 모습. 연합뉴스)."""
        # a credit is short: look CREDIT_WINDOW characters either side, within the line (a page
        # scraped as one line is a million characters long)
        window_start = max(0, start - CREDIT_WINDOW)
        line_start = self.text.rfind("\n", window_start, start) + 1 or window_start
        window_end = min(len(self.text), end + CREDIT_WINDOW)
        line_end = self.text.find("\n", end, window_end)
        before, after, bracket, credit_after = credit_patterns(self.lex.credit_words)
        head = self.text[line_start:start]
        if line_end < 0:  # no line end in the window: the line goes on (\0 stops a match at '$')
            tail = self.text[end:window_end] + ("" if window_end == len(self.text) else "\0")
        else:
            tail = self.text[end:line_end]
        return bool((before.search(head) and after.match(tail)) or (bracket.search(head) and credit_after.match(tail)))

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
        if nxt.start != token.end or nxt.tag not in ("NNG", "NNP") or nxt.user_value or nxt.form == "주식회사":
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
                    if place is None and self._person_like(words, i):
                        break  # 정몽구 현대차그룹 회장, 이스타항공 최종구 사장: a name, not a district
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
                        elif etype == "Organization" and prev is not None and self._country(prev):
                            start = prev.start  # 미 특허심판원: a country's body, even with a common-noun head
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
                    prev_key = self._overlaps(prev.start, prev.start + len(prev.stem)) or ""
                    if prev_key.startswith(("Company/", "Organization/")) and stem in self.lex.facility_after_company:
                        start, name = word.start, stem  # KB금융지주 본점: the company's site (owner below)
                    elif prev_entry and prev_entry.type not in ("Location",):
                        break
                    else:
                        start = prev.start
                        name = self.text[start:end]
                elif etype == "Company" and i > 0 and stem in self.lex.spaced_company_cues:
                    # spaced: 이타카 홀딩스 -- an unknown proper noun and a company word of its own
                    prev = words[i - 1]
                    if (prev.particle or not prev.stem or prev.tokens[0].tag not in _PROPER_TAGS
                            or self.lex.lookup(prev.stem) is not None
                            or (self._overlaps(prev.start, prev.start + len(prev.stem)) or "Person/").split("/")[0]
                            not in ("Person", "Product")):
                        break
                    first = i - 1
                    while first > 0 and i - first < 3:  # 뉴 브리지 캐피탈: a foreign name of more words
                        w = words[first - 1]
                        if (w.particle or not w.stem or w.tokens[0].tag not in _PROPER_TAGS or self.lex.lookup(w.stem)
                                or self._overlaps(w.start, w.start + len(w.stem)) or self.lex.title_of(w.stem)):
                            break
                        first -= 1
                    prev = words[first]
                    for guess in ("Person/", "Product/"):  # 이타카 alone was a guess
                        self._drop_inside(prev.start, end, guess)
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
                if etype == "Organization" and start == word.start and i > 0 and self._country(words[i - 1]):
                    start, branch = words[i - 1].start, True  # 미 특허심판원, 텍사스 동부지방법원: a country's body
                    name = self.text[start:end]
                if not self._absorb_locations(start, end, spaced_names=branch):
                    break
                owner = None
                full = None
                j = i - (1 if start == word.start else 2)
                if etype == "Facility" and j >= 0:
                    before = words[j]
                    key_before = self._overlaps(before.start, before.start + len(before.stem))
                    if key_before and key_before.startswith(("Company/", "Organization/")) and not before.particle:
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
                    self._remove_mention(start, None, company)
                self._add(key, "Organization", name, start, end, sentence.index, "union", 0.7)
                if len(unions) != 1:
                    unions = [self.found[key]]

    def _side_names(self, sentence: Sentence) -> None:
        """X 측은 / X 측이: X speaks as an organisation (에이치넷 측은 "..."라고 해명했다)."""
        words = self.words[sentence.index]
        for i in range(len(words) - 1):
            word, nxt = words[i], words[i + 1]
            if word.particle or not _SIDE.match(nxt.text):
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
            if prev.stem.endswith("주식회사") or self._overlaps(prev.start, prev.start + len(prev.stem)):
                continue  # CJ주식회사 경영전략총괄: a name, not a descriptor noun
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
    # a relative clause of launching right before the quote: 가나게임즈가 출시한 '다라 워'
    _LAUNCH_BEFORE = re.compile(r"(?:출시|공개|개발|론칭|런칭|판매)(?:한|된|하는|할)$|(?:선보인|선보이는|내놓은|내놓는)$")
    _QUOTED_RE = re.compile(r"[‘'](?P<name>[^‘’'\n]{2,25})[’']")
    _LIST_GAP = re.compile(r"\s?(?:,|·|와|과)\s?$")  # between two quoted names of one list

    def _quoted_names(self, sentence: Sentence) -> None:
        """A name in single quotes after a product descriptor, before one (``'오늘배송' 상품``, a
        list ``'A', 'B' 등 신작 게임``), before a launch verb or after a launch relative clause:
        후보물질 'HG-301', 오픈마켓 '스마트마켓', 'SOL AI 상담사'를 출시했다, 가나게임즈가 출시한
        '다라 워'. Scare quotes ('카카오 먹통' 사태) have none of these and are left alone."""
        text = sentence.text
        descriptor = self.lex.quoted_descriptor_patterns.get("Product")
        after_pattern = self.lex.quoted_after_patterns.get("Product") or re.compile(r"(?!x)x")
        quoted = list(self._QUOTED_RE.finditer(text))
        named = [False] * len(quoted)
        for index in range(len(quoted) - 1, -1, -1):  # from the end: a list takes its last item's cue
            m = quoted[index]
            before = text[: m.start()].rstrip()
            after = text[m.end(): m.end() + 30]
            listed = (index + 1 < len(quoted) and named[index + 1]
                      and self._LIST_GAP.fullmatch(text[m.end(): quoted[index + 1].start()]) is not None)
            named[index] = bool((descriptor and descriptor.search(before)) or self._LAUNCH_AFTER.match(after)
                                or self._LAUNCH_BEFORE.search(before) or after_pattern.match(after) or listed)
        for m, is_named in zip(quoted, named):
            name = m.group("name").strip()
            start = sentence.start + m.start("name") + (len(m.group("name")) - len(m.group("name").lstrip()))
            end = start + len(name)
            if not is_named or not name or self._overlaps(start, end) or re.search(r"[.!?]$|다$|\s{2}", name):
                continue
            if len(name.split()) > 4 or self.lex.lookup(name, ("Company", "Organization", "NewsOutlet", "Location")):
                continue
            self._add(self._key_for("Product", name), "Product", name, start, end, sentence.index, "quoted-name", 0.7)
