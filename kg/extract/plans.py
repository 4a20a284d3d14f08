"""Plans: an organisation's stated future action (할 것이다, 하겠다, 할 계획이다, 하기로 했다), not a
prediction (될 것으로 보인다) and not an opinion; the trigger is the planned action."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re

from ..model import Mention, Sentence, TimeValue
from .eventdraft import INCIDENTS, EventDraft, segment_of
from .text import QuoteSpan

__all__ = ["PlanRules", "ahead"]


class PlanRules:
    """Mixed into :class:`~kg.extract.events.EventFinder` (uses its text, lexicon and entities)."""


    def _plans(self, sentence: Sentence, quotes: list[QuoteSpan], found: list[EventDraft]) -> list[EventDraft]:
        """The stated future actions of a sentence: one per commitment ending, and a second one
        only in a clause of its own (확인할 수 있게 할 예정이며, ... 보상을 진행할 계획이다)."""
        text = sentence.text
        if self.lex.analysis.search(text):
            return []
        plans: list[EventDraft] = []
        floor = 0
        markers = _plan_markers(text, self.lex.plan_markers, self.lex.prediction, self.lex.plan_words["predictive_syllables"])
        for index, marker in enumerate(markers):
            if index and not (text[:floor].endswith(("며", "고")) or re.match(r"(?:이며|이고|며|고)?\s*,", text[floor:floor + 4])):
                break  # 할 것이라며 ... 계획이다: one plan told with two endings
            plan = self._plan(sentence, quotes, found, marker, floor)
            if plan is not None and not any(p.trigger.start == plan.trigger.start for p in plans):
                plans.append(plan)
            floor = marker[1]
        return plans

    def _plan(self, sentence: Sentence, quotes: list[QuoteSpan], found: list[EventDraft],
              marker: tuple[int, int], floor: int = 0) -> EventDraft | None:
        """A stated future action: a commitment ending (할 것, 하겠다, 할 계획이다, 하기로 했다,
        약속했다) that is not a prediction (될 것으로 보인다); the trigger is the planned action."""
        text = sentence.text
        m_start, m_end = marker
        if self._vague_verb.search(text, 0, m_start):
            return None  # 조사에 성실히 임하겠다: an undertaking to go along, not a plan
        decided = [d for d in found if d.type not in INCIDENTS or (
            0 <= m_start - (d.trigger.end - sentence.start) <= 15
            and not _CLAUSE_BREAK.search(text, d.trigger.end - sentence.start, m_start))]
        if decided and re.match(r"기로\s*(?:했|결정|합의|의결)", text[m_start:m_end]) \
                and not self._reversal.search(text[max(0, m_start - 6):m_start]):
            # 과징금을 부과하기로 했다: the decided event itself is reported (but 감원안을 철회하기로
            # 했다 decides to stop it: that is the plan; 화재 이후 ... 설비를 교체하기로 했다 answers
            # an incident of another clause: a plan of its own)
            return None
        for draft in found:
            low = draft.trigger.end - sentence.start
            if 0 <= low <= m_start and (self._enacts.fullmatch(text, low, m_start)
                                        or _OBJECT_PARTICLE.fullmatch(text, low, m_start)):
                # 해임하도록 지시하겠다, 사외이사 해임을 추진한다: the event ordered or pursued is reported
                return None
        clause_start = max([text.rfind(ch, 0, m_start) for ch in ('"', "“", "”", ".", "\n")] + [floor - 1]) + 1
        clause = text[clause_start:m_end]
        if text[m_start:m_end].endswith("것") and segment_of(sentence.start + m_start, quotes) is not None \
                and self._thing_subject(sentence, clause_start, m_start):
            return None  # "이 게임은 이용자에게 공포를 선사할 것": a prediction about a thing, not a commitment
        best = None
        names = [(m.start - sentence.start - clause_start, m.end - sentence.start - clause_start)
                 for m, _ in self.ents.mentions_in(sentence)]
        for action in self.lex.plan_actions:
            position = clause.rfind(action)
            while position >= 0 and (_MODIFIER.match(clause, position + len(action))
                                     or _modifies_a_noun(clause, position + len(action), m_start - clause_start)
                                     or _TIME_REFERENCE.match(clause, position + len(action))
                                     or any(s <= position < e for s, e in names)):
                # 생산되는 배터리, 출시할 신작: it modifies a noun; 인수 후: it dates another;
                # 한빛현대개발: inside a name
                position = clause.rfind(action, 0, position)
            if position >= 0 and (best is None or position > best[0]):
                best = (position, action)
        if best is not None:
            position, action = clause_start + best[0], best[1]
            if self.lex.detail.match(text, position + len(action)):
                return None  # 투자 규모도 커질 예정이다: a detail of a deal told, not a plan
            if action == "재발":  # 재발 방지 대책: what is planned is the 대책 after it
                nxt = text.find("대책", position)
                if 0 <= nxt < m_end:
                    position, action = nxt, "대책"
        else:
            noun = self._verb_noun(sentence, found, clause_start, m_start, m_end)
            if noun is None:
                return None
            position, action = noun
        start = sentence.start + position
        if any(d.trigger.start < start + len(action) and start < d.trigger.end for d in found):
            return None  # 고발하기로 했다, 합의했다: the sentence reports that event, decided now
        mention = Mention(start, start + len(action), action, sentence.index, 0.6, "plan")
        segment = segment_of(start, quotes) or self._open_quote(start)
        return EventDraft("Plan", mention, action, sentence.index, 0.6, quote_segment=segment)

    def _verb_noun(self, sentence: Sentence, found: list[EventDraft], clause_start: int, m_start: int,
                   m_end: int) -> tuple[int, str] | None:
        """(offset in the sentence, word) of what a commitment with no action word of the lexicon
        plans: the noun of its verb (or the event named as its means); a vague one (협조하겠다)
        names no plan at all (None)."""
        not_actions = self.lex.plan_words["not_actions"]
        last = [t for t in sentence.tokens if t.tag == "NNG" and t.end - sentence.start <= m_start]
        if last and last[-1].form in not_actions and m_start - (last[-1].end - sentence.start) <= 2:
            return None
        noun = marker_noun = None
        names = [(m.start, m.end) for m, _ in self.ents.mentions_in(sentence)]
        tokens = sentence.tokens
        for i, token in enumerate(tokens):
            offset = token.start - sentence.start
            if not (clause_start <= offset < m_end and token.tag == "NNG" and len(token.form) >= 2
                    and token.form not in not_actions and m_start - offset <= 20
                    and not any(s <= token.start < e for s, e in names)):
                continue
            if offset >= m_start:  # the marker's own noun (계획이다, 예정이다)
                marker_noun = marker_noun or (offset, self.text[token.start:token.end])
                continue
            after = i + 2 if i + 2 < len(tokens) and tokens[i + 1].tag == "XSN" else i + 1
            following = tokens[after] if after < len(tokens) else None
            if following is None or following.tag in _ACTION_TAGS or following.tag in ("JKO", "JKS", "JX") \
                    or (following.tag == "JKB" and following.form == "에"):
                # the verb's own noun (성공시키겠다, 마무리하겠다), its object, subject or topic
                # (시간을 갖도록, 논란이 생기지 않도록, 유사 행위도 들여다볼 것) or goal (사업 발굴에
                # 나서겠다); not an adverbial (맨 앞에서 뛰겠다, 교훈으로 삼겠다); a suffix may
                # come between (배당성향을)
                noun = (offset, self.text[token.start:token.end])
        if marker_noun and (noun is None or any(d.trigger.start < sentence.start + noun[0] + len(noun[1])
                                                and sentence.start + noun[0] < d.trigger.end for d in found)):
            noun = marker_noun  # 선임될 예정이다 (the appointment is reported too): the schedule itself
        means = self._means(sentence, clause_start, m_start)
        if means and not any(d.trigger.start <= sentence.start + means[0] < d.trigger.end for d in found):
            noun = means  # (an event reported as such stays that event: the commitment names the plan)
        return noun

    def _means(self, sentence: Sentence, begin: int, end: int) -> tuple[int, str] | None:
        """An event the clause names as its means (소송을 통해 바로잡겠다, 총파업을 통해 ...
        투쟁하겠다): what is planned is that event, whatever verb the commitment ends in."""
        found = list(_MEANS.finditer(sentence.text, begin, end))
        if not found:
            return None
        word = found[-1]
        heads = [t for t in sentence.tokens if t.tag == "NNG" and len(t.form) >= 2
                 and word.start(1) <= t.start - sentence.start < word.end(1)]
        if not heads or not any(rule.event_type != "Plan" and rule.pattern is not None
                                and rule.pattern.search(word.group(1)) for rule in self.lex.triggers):
            return None
        return heads[-1].start - sentence.start, self.text[heads[-1].start:heads[-1].end]

    def _open_quote(self, offset: int) -> tuple[int, int] | None:
        """The quotation around ``offset`` that runs over several sentences ("... 다시 보라고 했다. 다음 주
        보완책을 마련할 것"이라고 말했다): the nearest quotation with a speaker opened before it and
        not closed in between."""
        opened = [start for start in self.speakers if start < offset]
        if not opened:
            return None
        start = max(opened)
        opener = self.text[start]
        closer = {"“": "”", '"': '"', "‘": "’", "'": "'"}.get(opener)
        if closer is None or closer in self.text[start + 1:offset] or (opener == "“" and '"' in self.text[start + 1:offset]):
            return None
        end = self.text.find(closer, offset)
        return (start, end + 1) if end >= 0 else None

    @property
    def _reversal(self) -> re.Pattern:
        """A verb that undoes an event, right before -기로 (plans.yaml reversals)."""
        return _word_pattern(self.lex.plan_words["reversals"], r"(?:{})(?:하|시키)?$")

    @property
    def _vague_verb(self) -> re.Pattern:
        """A verb of going along right before the commitment ending (plans.yaml vague_verbs: 임하겠다)."""
        return _word_pattern(self.lex.plan_words["vague_verbs"], r"(?:{})\s*$")

    @property
    def _enacts(self) -> re.Pattern:
        """-도록 with a verb of making it happen, between an event and a commitment ending (plans.yaml
        enacting: 해임하도록 지시하겠다)."""
        return _word_pattern(self.lex.plan_words["enacting"], r"(?:하|되|시키)?도록\s*(?:{})?\s*(?:하|할|해)?\s*")

    def _plan_roles(self, draft: EventDraft, sentence: Sentence, roles: list[tuple[str, str]]) -> None:
        """Who a plan involves besides the actors of its clause (appended to ``roles``): the
        company the story is about (노동청은 ... 수사할 계획이다: the company investigated; "지배구조를
        바꾸겠다": the group its head speaks for), and the facility the story is about
        when the plan names none (재가동 시점은 ... 정할 계획이다: the plant's restart)."""
        keys = {k for _, k in roles}
        if draft.quote_segment is not None:
            # a plan said in a quotation is about the companies and people the quotation names
            # ("한빛중공업 구조조정 ... 보완책을 마련할 것", "김하늘 부사장이 물러나면 ...
            # 후임 인선을 마무리할 계획")
            low, high = draft.quote_segment
            for key, found in self.ents.found.items():
                if found.type in ("Company", "Person") and key not in keys and self._named_within(key, low, high):
                    roles.append(("organization" if found.type == "Company" else "person", key))
                    keys.add(key)
        story = self._story_company()
        if story and story not in keys:
            roles.append(("organization", story))
        product = self._story_entity("Product")
        if product and product not in keys:
            roles.append(("product", product))
        if not any(self.ents.found[k].type == "Facility" for k in keys) \
                and any(d.type in INCIDENTS for d in self.drafts):
            facility = self._main_facility(sentence)  # (a plan that answers an incident at a site)
            if facility:
                roles.append(("facility", facility))

    def _story_company(self) -> str | None:
        """The company the story is about: the one named most often, when no other is named as often."""
        return self.dominant if self.dominant and self.dominant == self._story_entity("Company") else None

    def _story_entity(self, etype: str) -> str | None:
        """The entity of a type the story is about: the only one of its type, or the one named most
        often (twice at least) when no other of its type is named as often."""
        state = (etype, self.ents.spans.version, len(self.ents.found))  # entities are final here: once per type
        if state not in self._stories:
            counts = sorted(((len(f.mentions), key) for key, f in self.ents.found.items() if f.type == etype),
                            reverse=True)
            story = None
            if counts and not (len(counts) > 1 and (counts[0][0] < 2 or counts[0][0] == counts[1][0])):
                story = counts[0][1]
            self._stories[state] = story
        return self._stories[state]

    def _thing_subject(self, sentence: Sentence, begin: int, end: int) -> bool:
        """The subject of the clause text[begin:end] (the last noun before 이/가/은/는 that no 도록
        clause follows) is a product or a thing: not a person, an organisation or a word for one."""
        subject = None
        tokens = sentence.tokens
        for i, token in enumerate(tokens[1:], 1):
            offset = token.start - sentence.start
            if not begin <= offset < end:
                continue
            if token.tag == "EC" and token.form in _CLAUSE_LINKS:
                subject = None  # 규모가 달하게 되며, ... 올릴 것: a subject of an earlier clause
            elif token.tag in ("JKS", "JX") and token.form in ("이", "가", "은", "는") \
                    and tokens[i - 1].tag in ("NNG", "NNP", "XSN") \
                    and not sentence.text[token.end - sentence.start:].lstrip().startswith("물론"):
                subject = tokens[i - 2] if tokens[i - 1].tag == "XSN" and i >= 2 else tokens[i - 1]
                particle = token
        if subject is None or "도록" in sentence.text[subject.end - sentence.start:end]:
            return False
        for mention, found in self.ents.mentions_in(sentence):
            if mention.start <= subject.start < mention.end:
                # (a name the article also gives a product is that product)
                return found.type == "Product" or any(
                    other.type == "Product" and other.name == found.name for other in self.ents.found.values())
        # a topic (은/는) that is a thing is what the plan is about (데이터센터는 ... 구축할 것),
        # a subject (이/가) that is a thing is what the prediction is about (경험이 ... 만들 것)
        return subject.tag == "NNG" and particle.tag == "JKS" and subject.form not in self.lex.plan_words["actor_nouns"] \
            and subject.form not in self.lex.titles


# an action word that modifies the next noun (생산되는 배터리, 투자한 회사) is not what is planned
_MODIFIER = re.compile(r"(?:되는|하는|되던|하던|했던|됐던|된|한)\s")
# the end of a clause between an incident and a commitment (화재로 멈추자 ... 교체하기로 했다)
_CLAUSE_BREAK = re.compile(r",|(?:고|며|자|서|면|후|이후|뒤)\s")
# an event's trigger right before the commitment (사외이사 해임을 추진한다)
_OBJECT_PARTICLE = re.compile(r"\s*(?:을|를)?\s*")
# a means (행정소송을 통해): the noun before 을/를 통해
_MEANS = re.compile(r"(?<!\S)(\S{1,20}?)(?:을|를)\s?통해")
# a quarter or half named without its year (3분기, 하반기)
_BARE_PERIOD = re.compile(r"(?:[1-4]\s*분기|[상하]\s*반기)")
# a prospective modifier (출시할 신작, 진행될 사업) before a noun
_PROSPECTIVE = re.compile(r"(?:할|될|시킬)\s+(?=\S)")
# an action word that dates another (인수 후 통합 작업에 ... 집중하겠다) is not what is planned
_TIME_REFERENCE = re.compile(r"\s?(?:후|전|이후|이전|뒤|직후|당시|때)(?:\s|에|부터|로|까지|,)")
# connective endings that close a clause (며, 고, 지만: 규모가 달하게 되며, ... 올릴 것)
_CLAUSE_LINKS = frozenset(["며", "으며", "고", "면서", "으면서", "지만", "는데", "은데", "ᆫ데", "어서", "아서", "니까", "으니까",
                           "므로", "으므로", "라며", "이라며"])
# the morphemes after a noun that make it the verb's own (성공-시키-, 마무리-하-, 진행-되-)
_ACTION_TAGS = frozenset(["XSV", "XSA", "VV", "VX"])


def _modifies_a_noun(clause: str, end: int, marker: int) -> bool:
    """An action word ending at ``end`` in a prospective form that modifies the noun after it
    (출시할 신작에 ... 집중하겠다), other than the commitment itself (출시할 계획, 출시할 것)."""
    match = _PROSPECTIVE.match(clause, end)
    return match is not None and match.end() < marker


def ahead(value: TimeValue, published: dt.date | None) -> TimeValue:
    """A quarter or half a plan names bare (3분기에 ... 할 예정) is the coming one: timex reads a
    period not yet begun as last year's (the figures an article reports), a plan's is this year's."""
    if published is None or not value.fiscal_period or not _BARE_PERIOD.fullmatch(value.text.strip()):
        return value
    if int(value.fiscal_period[:4]) >= published.year:
        return value
    return dataclasses.replace(value, value=str(published.year),
                               fiscal_period=f"{published.year}{value.fiscal_period[4:]}")


@functools.lru_cache(maxsize=16)
def _word_pattern(words: frozenset[str], template: str) -> re.Pattern:
    """``template`` with its ``{}`` filled by an alternation of the words, longest first."""
    if not words:
        return re.compile(r"(?!)")  # no words: never matches
    return re.compile(template.format("|".join(sorted(map(re.escape, words), key=lambda w: (-len(w), w)))))


def _plan_markers(text: str, markers: re.Pattern, prediction: re.Pattern,
                  predictive: frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) of every commitment ending in the sentence, in order, skipping predictions
    (``prediction``: the lexicon's words after 것 that make a forecast; ``predictive``: the
    syllables before 것 that do)."""
    candidates = [(m.start(), m.end()) for m in markers.finditer(text)]
    for m in re.finditer(r"([가-힣])\s*것(?=이다|이라|이며|입니다|이고|\s*[\"”]|\s*$)", text):
        code = ord(m.group(1)) - 0xAC00
        if 0 <= code < 11172 and code % 28 == 8 and m.group(1) not in predictive:
            candidates.append((m.start(), m.end()))  # a syllable ending in ㄹ: 할 것이다, 높일 것"
    found: list[tuple[int, int]] = []
    for start, end in sorted(candidates):
        tail = text[end:end + 12]
        if prediction.match(tail) and not tail.lstrip().startswith("이다"):
            if re.match(r"^\s*(?:으로|이라는|같)", tail):
                continue
        if re.match(r"^\s*(?:(?:은|는)\s*)?(?:없|아니|않)", tail):
            continue
        if re.match(r"^\s*(?:고|는|다는|라고)\s*(?:생각|본다|봤|느낀|믿)", tail):
            continue  # an opinion (더 잘해야겠다고 생각한다), not a stated action
        if re.search(r"(?:않|못|안\s)\S{0,2}$", text[max(0, start - 4):start + 1]):
            continue  # negated: 밟지 않겠다
        if not found or start >= found[-1][1]:
            found.append((start, end))
    return found
