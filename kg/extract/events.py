"""Events: triggers from the lexicon, participants by role, times, merging of repeated mentions,
cause links, and plans (stated future actions).

Rules are general: a trigger word (``kg/data/triggers.yaml``) in a body sentence, not hedged or
negated in its clause; participants are the entities of the same sentence with a role chosen from
the event type, the entity type and the particle after the name; a time is the nearest time
expression in the same quote segment; ``이번 사고``-style anaphora refers to an event already seen.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from ..lexicon import Lexicon
from ..registry import EVENTS, family, plannable, role_for
from ..model import Argument, Document, Event, Mention, Sentence, TimeValue
from ..timex import SAME_DAY, TimeMention, find_times
from .entities import EntityFinder, Found
from .text import QuoteSpan, in_spans, quote_spans

__all__ = ["EventFinder", "EventDraft"]

INCIDENTS = family("incident")
PHYSICAL = ("Fire", "Accident")
DISRUPTIONS = ("ServiceOutage", "ProductionHalt")
PERSONAL = family("leadership")
# what an incident can cause besides another incident: a response to it
RESPONSES = PERSONAL + family("legal") + ("Plan", "Apology", "Recall")
# events still reported as such when announced for the future (오는 26일부터 가동을 중단할 예정)
PLANNABLE_KEEP = plannable()
# which incident types an anaphoric noun can refer to
ANAPHOR_TYPES = {
    "사고": ("Fire", "Accident", "DataBreach", "ServiceOutage"),
    "화재": ("Fire",),
    "장애": ("ServiceOutage",),
    "먹통": ("ServiceOutage",),
    "유출": ("DataBreach",),
    "파업": ("Strike",),
    "소송": ("Lawsuit",),
    "제재": ("Sanction",),
}
_ANY_INCIDENT = INCIDENTS
ANAPHOR_NOUNS = frozenset(ANAPHOR_TYPES) | {"사태"}

_SUBJECT = re.compile(r"^(은|는|이|가|측은|측이|도|께서)$")
_OBJECT = re.compile(r"^(을|를)$")
_CAUSAL = re.compile(r"^[^.]{0,12}?(?:으로\s*인(?:한|해)|로\s*인(?:한|해)|여파로|때문에|탓에|영향으로|에\s*따른|에\s*따라|(?:으)?로\s*(?:빚어진|발생한|촉발된))")
_CLAUSE_END = re.compile(r"[.,;]|며\s|고\s(?!있)|지만|면서|는데|으나|\"|”|'")
_REPORT_AFTER = re.compile(r"\s*(?:밝혔|공시했|발표했|전했|알렸|공개했|설명했|말했|보도했|공지했)")
_PLAN_CAUSE_CUES = re.compile(r"재발\s*방지|재발방지|교훈|후속\s*(?:대책|조치)|대책|책임을\s*지")


@dataclass
class EventDraft:
    type: str
    trigger: Mention
    trigger_word: str
    sentence: int
    confidence: float
    roles: list[tuple[str, str]] = field(default_factory=list)  # (role, entity key)
    time: TimeValue | None = None
    fiscal_period: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    causes: set[int] = field(default_factory=set)  # indexes into the draft list
    quote_segment: tuple[int, int] | None = None

    def keys(self) -> set[str]:
        return {key for _, key in self.roles}


class EventFinder:
    def __init__(self, document: Document, lexicon: Lexicon, entities: EntityFinder,
                 speakers: dict[int, str] | None = None):
        self.doc = document
        self.text = document.article.text
        self.lex = lexicon
        self.ents = entities
        self.drafts: list[EventDraft] = []
        self.speakers = speakers or {}  # quote start offset -> speaker key (from the quote finder)
        self.dominant = entities.dominant_company()

    def run(self) -> list[EventDraft]:
        published = self.doc.article.published
        last_day: TimeValue | None = None
        for sentence in self.doc.sentences:
            if sentence.zone is not None:
                continue
            quotes = [q for q in quote_spans(sentence) if q.double]  # scare quotes are not segments
            times = []
            for tm in find_times(sentence.text, published, sentence.start):
                if tm.value.precision == SAME_DAY:
                    if last_day is None:
                        continue
                    tm = TimeMention(tm.start, tm.end, TimeValue(last_day.value, "day", tm.value.text))
                times.append(tm)
            days = [tm.value for tm in times if tm.value.precision == "day"]
            if days:
                last_day = days[-1]
            mentions = self.ents.mentions_in(sentence)
            found = self._triggers(sentence, quotes, mentions)
            plan = self._plan(sentence, quotes, found)
            if plan:
                found.append(plan)
            starts = sorted(d.trigger.start for d in found)
            for draft in found:
                self._roles(draft, sentence, mentions, quotes)
                self._time(draft, times, quotes, starts)
                self._add(draft, sentence)
            self._causes_in_sentence(sentence)
        self._default_causes()
        self._inherit_times()
        self._lede_times(published)
        if published is not None:
            for draft in self.drafts:
                if draft.time is None and not self._background(draft):
                    # reported as news with no time of its own: the day of the report
                    draft.time = TimeValue(published.isoformat(), "day", "(기사일)")
        return self.drafts

    # -- triggers -------------------------------------------------------------------------

    def _triggers(self, sentence: Sentence, quotes: list[QuoteSpan], mentions) -> list[EventDraft]:
        text = sentence.text
        hits: list[tuple[int, int, float, str, object]] = []
        for pattern, rules in self.lex.trigger_scanners:
            for m in pattern.finditer(text):
                rule = rules.get("r") or next(rules[g] for g, v in m.groupdict().items() if v is not None)
                start, end = sentence.start + m.start(), sentence.start + m.end()
                if start == end:
                    continue
                if rule.context and not rule.context.search(text):
                    continue
                if rule.requires and not any(f.type in rule.requires for _, f in mentions):
                    continue
                if any(mm.start <= start and end <= mm.end for mm, _ in mentions):
                    continue  # inside a name (삼성화재, 파업 in a union's name)
                hits.append((start, end, rule.confidence, rule.event_type, rule))
        # keep the best rule per overlapping region
        hits.sort(key=lambda h: (-h[2], -(h[1] - h[0]), h[0]))
        chosen: list[tuple[int, int, float, str, object]] = []
        for hit in hits:
            if any(hit[0] < c[1] and c[0] < hit[1] for c in chosen):
                continue
            chosen.append(hit)
        chosen.sort(key=lambda h: h[0])
        drafts = []
        for start, end, confidence, etype, rule in chosen:
            if etype == "Plan":
                continue  # plans are found by _plan, which needs the whole clause
            if self._hedged(end, sentence):
                continue
            if etype not in PLANNABLE_KEEP and self._planned(end, sentence):
                continue
            anaphor = self._anaphor(start, end, sentence)
            mention = Mention(start, end, self.text[start:end], sentence.index, confidence, f"trigger:{etype}")
            if anaphor is not None:
                target = self._refers_to(anaphor)
                if target is not None:
                    self.drafts[target].mentions.append(mention)
                    continue
                if anaphor in ("사고", "사태", "사건", "일", "참사"):
                    continue  # "이번 사고" with nothing to refer to names no event by itself
            drafts.append(EventDraft(etype, mention, rule.trigger or mention.text, sentence.index, confidence,
                                     quote_segment=_segment(start, quotes)))
        # anaphora that no trigger rule matched (이번 사태)
        for m in self.lex.anaphora.finditer(sentence.text):
            start, end = sentence.start + m.start(), sentence.start + m.end()
            if any(c[0] < end and start < c[1] for c in chosen):
                continue
            noun = re.sub(r"^\S+\s*", "", m.group(0))
            target = self._refers_to(noun)
            if target is not None:
                self.drafts[target].mentions.append(
                    Mention(start, end, m.group(0), sentence.index, 0.6, "anaphora"))
        return drafts

    def _hedged(self, end: int, sentence: Sentence) -> bool:
        """Negated, hypothetical or conditional in its clause (파업 가능성은 낮다, 과징금을 물 수
        있다, 파업이 길어지면)."""
        tail = self.text[end:sentence.end]
        cut = _CLAUSE_END.search(tail)
        window = tail[: min(cut.start() if cut else len(tail), 24)]
        return bool(self.lex.hedges.search(window))

    def _planned(self, end: int, sentence: Sentence) -> bool:
        """The rest of the sentence makes the event a plan (투자할 계획이다): left to the Plan."""
        return bool(self.lex.planned.match(self.text[end:sentence.end]))

    def _anaphor(self, start: int, end: int, sentence: Sentence) -> str | None:
        head = self.text[max(sentence.start, start - 6):end]
        m = re.search(r"(?:이번|해당|이|그|당시|같은|앞선)\s*(\S+)$", head)
        if m and self.text[start:end] in ANAPHOR_NOUNS:
            return m.group(1)
        return None

    def _refers_to(self, noun: str) -> int | None:
        types = ANAPHOR_TYPES.get(noun, _ANY_INCIDENT)
        for index in range(len(self.drafts) - 1, -1, -1):
            if self.drafts[index].type in types:
                # 사고 prefers a physical incident when there is one
                if noun == "사고":
                    physical = [i for i in range(len(self.drafts)) if self.drafts[i].type in PHYSICAL]
                    if physical:
                        return physical[-1]
                return index
        return None

    # -- plans ----------------------------------------------------------------------------

    def _plan(self, sentence: Sentence, quotes: list[QuoteSpan], found: list[EventDraft]) -> EventDraft | None:
        """A stated future action: a commitment ending (할 것, 하겠다, 할 계획이다, 하기로 했다,
        약속했다) that is not a prediction (될 것으로 보인다); the trigger is the planned action."""
        text = sentence.text
        marker = _plan_marker(text, self.lex.plan_markers)
        if marker is None or _ANALYSIS.search(text):
            return None
        m_start, m_end = marker
        if found and re.match(r"기로\s*(?:했|결정|합의|의결)", text[m_start:m_end]):
            return None  # 과징금을 부과하기로 했다: the decided event itself is reported
        clause_start = max(text.rfind(ch, 0, m_start) for ch in ('"', "“", "”", ".", "\n")) + 1
        clause = text[clause_start:m_end]
        best = None
        for action in self.lex.plan_actions:
            position = clause.rfind(action)
            if position >= 0 and (best is None or position > best[0]):
                best = (position, action)
        if best is not None:
            position, action = clause_start + best[0], best[1]
            if action == "재발":  # 재발 방지 대책: what is planned is the 대책 after it
                nxt = text.find("대책", position)
                if 0 <= nxt < m_end:
                    position, action = nxt, "대책"
        else:
            # the verbal noun right before the commitment names it; a vague one (협조하겠다) names
            # no plan at all
            last = [t for t in sentence.tokens if t.tag == "NNG" and t.end - sentence.start <= m_start]
            if last and last[-1].form in _NOT_ACTIONS and m_start - (last[-1].end - sentence.start) <= 2:
                return None
            noun = None
            names = [(m.start, m.end) for m, _ in self.ents.mentions_in(sentence)]
            for token in sentence.tokens:
                offset = token.start - sentence.start
                if clause_start <= offset < m_end and token.tag == "NNG" and len(token.form) >= 2 \
                        and token.form not in _NOT_ACTIONS and m_start - offset <= 20 \
                        and not any(s <= token.start < e for s, e in names):
                    noun = (offset, self.text[token.start:token.end])
            if noun is None:
                return None
            position, action = noun
        start = sentence.start + position
        if any(d.trigger.start < start + len(action) and start < d.trigger.end for d in found):
            return None  # 고발하기로 했다, 합의했다: the sentence reports that event, decided now
        mention = Mention(start, start + len(action), action, sentence.index, 0.6, "plan")
        return EventDraft("Plan", mention, action, sentence.index, 0.6, quote_segment=_segment(start, quotes))

    # -- roles ----------------------------------------------------------------------------

    def _roles(self, draft: EventDraft, sentence: Sentence, mentions, quotes: list[QuoteSpan]) -> None:
        roles: list[tuple[str, str]] = []
        trigger = draft.trigger
        segment = draft.quote_segment
        nearby = []
        for mention, found in mentions:
            if found.type == "NewsOutlet":
                continue
            if found.key in {k for _, k in roles}:
                continue
            if segment is not None and not (segment[0] <= mention.start < segment[1]):
                # inside a quote only entities of the quote, outside only those outside quotes
                continue
            if segment is None and in_spans(mention.start, mention.end, quotes):
                continue
            nearby.append((abs(mention.start - trigger.start), mention, found))
        nearby.sort(key=lambda x: x[0])
        for _, mention, found in nearby[:5]:
            role = self._role_for(draft.type, found, mention)
            if role and (role, found.key) not in roles:
                roles.append((role, found.key))
        actor_types = {self.ents.found[k].type for _, k in roles}
        # persons bring their organisation (홍은택 -> 카카오); a leadership change always does
        if not actor_types & {"Company", "Organization"} or draft.type in PERSONAL:
            for role, key in list(roles):
                if self.ents.found[key].type == "Person":
                    for org in self.ents.organizations_of(key):
                        if org in self.ents.found and self.ents.found[org].type != "NewsOutlet":
                            if ("organization", org) not in roles:
                                roles.append(("organization", org))
                            break
        actor_types = {self.ents.found[k].type for _, k in roles}
        speaker = self.speakers.get(segment[0]) if segment is not None else None
        if speaker and self.ents.is_commentator(speaker):
            speaker = None  # an analyst's or professor's words are about others, not their employer
        if speaker and speaker in self.ents.found:
            # said in a quotation: the speaker apologises/plans for the organisation they speak for
            if draft.type in ("Apology", "Plan", "Statement", "EarningsCall") and speaker not in {k for _, k in roles}:
                role = "speaker" if self.ents.found[speaker].type == "Person" else "organization"
                if draft.type == "Plan" and role == "speaker":
                    role = "agent"
                roles.append((role, speaker))
            if not actor_types & {"Company", "Organization"}:
                orgs = self.ents.organizations_of(speaker) if speaker.startswith("Person/") else [speaker]
                for org in orgs:
                    if org in self.ents.found and self.ents.found[org].type != "NewsOutlet" and org not in {k for _, k in roles}:
                        roles.append(("organization", org))
                        break
        if segment is None and draft.type not in ("Statement",) and self.ents.subject_of(sentence, quotes) is None:
            # the subject is left out, as Korean does, when it is the previous sentence's subject
            # (대한항공이 ... 합병한다. 지난해 12월 아시아나항공 지분을 인수해 ...)
            previous = self.doc.sentences[sentence.index - 1] if sentence.index > 0 else None
            subject = self.ents.subject_of(previous) if previous is not None and previous.zone is None else None
            if subject and subject.split("/", 1)[0] in ("Company", "Organization") \
                    and subject not in {k for _, k in roles}:
                role = EVENTS[draft.type].company_subject_role
                roles.append((role, subject))
        if draft.type == "Plan" and segment is None:
            # a plan belongs to the sentence's subject (회사는 ... 할 방침이다), and a person's plan
            # to the organisation they lead
            quotes_here = [q for q in quotes]
            subject = self.ents.subject_of(sentence, quotes_here) or self.ents.company_side(
                self.text[sentence.start:trigger.start])
            if subject and subject not in {k for _, k in roles}:
                roles.insert(0, ("agent", subject))
            if subject and subject.startswith("Person/"):
                for org in self.ents.organizations_of(subject)[:1]:
                    if org not in {k for _, k in roles}:
                        roles.append(("organization", org))
            if subject is None and self.dominant and not any(k.startswith("Company/") for _, k in roles):
                roles.insert(0, ("agent", self.dominant))  # 공모 자금은 ... 쓰일 예정이다: the company's plan
        actor_types = {self.ents.found[k].type for _, k in roles}
        if draft.type in PHYSICAL + ("ProductionHalt",) and "Facility" not in actor_types:
            facility = self._main_facility(sentence)
            if facility:
                roles.append(("facility", facility))
                actor_types.add("Facility")
        if draft.type != "Statement" and not actor_types & {"Company", "Organization", "Person"}:
            owner = next((self.ents.found[k].owner for _, k in roles if self.ents.found[k].owner), None)
            if owner and owner in self.ents.found:
                roles.append(("organization", owner))
            elif self.dominant and "Facility" not in actor_types:
                roles.append(("organization", self.dominant))
                draft.confidence = round(draft.confidence * 0.8, 2)
        draft.roles = roles

    def _main_facility(self, sentence: Sentence) -> str | None:
        """The facility an incident happened at when its sentence names none: the one named in the
        previous sentence, else the article's only (or most mentioned) facility."""
        facilities = [f for f in self.ents.found.values() if f.type == "Facility"]
        if not facilities:
            return None
        previous = [f for f in facilities if any(m.sentence == sentence.index - 1 for m in f.mentions)]
        if len(previous) == 1:
            return previous[0].key
        if len(facilities) == 1:
            return facilities[0].key
        counts = sorted(((len(f.mentions), f.key) for f in facilities), reverse=True)
        return counts[0][1] if counts[0][0] > counts[1][0] else None

    def _role_for(self, etype: str, found: Found, mention: Mention) -> str | None:
        """The role from the registry's table (ontology): by entity type and whether the name is
        the subject of its clause (은/는/이/가)."""
        if found.type == "NewsOutlet":
            return "organization"
        return role_for(etype, found.type, bool(_SUBJECT.match(self._particle_after(mention))))

    def _particle_after(self, mention: Mention) -> str:
        tail = self.text[mention.end: mention.end + 4]
        m = re.match(r"(측은|측이|께서|은|는|이|가|을|를|도|와|과|의|에)", tail)
        return m.group(1) if m else ""

    # -- time -----------------------------------------------------------------------------

    def _time(self, draft: EventDraft, times: list[TimeMention], quotes, trigger_starts: list[int]) -> None:
        """The nearest time expression before the trigger in its quote segment that no other
        trigger claims (a time belongs to the first trigger after it: 지난달 발생한 먹통 ... 대책 ->
        먹통); else the date of the report that follows it (... 체결했다고 17일 밝혔다)."""
        trigger = draft.trigger
        segment = draft.quote_segment
        earnings = draft.type in ("EarningsCall", "EarningsAnnouncement")
        candidates = []
        for index, tm in enumerate(times):
            if _segment(tm.start, quotes) != segment:
                continue
            if tm.end <= trigger.start and any(tm.end <= s < trigger.start for s in trigger_starts):
                continue
            if earnings and (tm.value.fiscal_period or tm.value.precision == "year"):
                # 3분기 실적, 지난해 영업이익: the period reported, not when it was reported
                if tm.end <= trigger.start and tm.value.fiscal_period:
                    draft.fiscal_period = draft.fiscal_period or tm.value.fiscal_period
                continue
            after = self.text[tm.end:tm.end + 4]
            if after.lstrip().startswith("까지") and any(self.text[t.end:t.end + 3].lstrip().startswith("부터") for t in times[:index]):
                continue  # the end of a range (15일부터 다음 달 4일까지): the range starts earlier
            if tm.start >= trigger.end:
                # a time after the trigger belongs to it when the trigger is the topic (합병은 오는
                # 8월 1일 ...) or when it dates the report of it (... 체결했다고 17일 밝혔다)
                between = self.text[trigger.end:tm.start]
                topic = re.fullmatch(r"\S{0,2}(?:은|는|이|가|을|를)\s*(?:오는\s*|지난\s*)?", between)
                report = _REPORT_AFTER.match(self.text[tm.end:tm.end + 12]) and len(between) < 40 \
                    and not any(trigger.end <= s < tm.start for s in trigger_starts)
                if not (topic or report):
                    continue
                distance = tm.start - trigger.end + (10 if topic else 60)  # a dated report comes last
            else:
                distance = trigger.start - tm.end
            candidates.append((distance, tm))
        if not candidates and segment is not None:
            # said in a quotation: the time before the quotation dates the saying
            # (윤 CISO는 지난 18일 보낸 안내문에서 "...사과드린다")
            for tm in times:
                if tm.end <= segment[0] and _segment(tm.start, quotes) is None and not tm.value.fiscal_period \
                        and not any(tm.end <= s < segment[0] for s in trigger_starts):
                    candidates.append((segment[0] - tm.end, tm))
        if candidates:
            candidates.sort(key=lambda c: c[0])
            draft.time = candidates[0][1].value

    # -- merging and links -----------------------------------------------------------------

    def _add(self, draft: EventDraft, sentence: Sentence) -> None:
        for index, other in enumerate(self.drafts):
            if other.type != draft.type or not self._same_event(other, draft):
                continue
            other.mentions.append(draft.trigger)
            for role in draft.roles:
                if role not in other.roles and role[1] not in other.keys():
                    other.roles.append(role)
            other.time = other.time or draft.time
            other.fiscal_period = other.fiscal_period or draft.fiscal_period
            other.confidence = max(other.confidence, draft.confidence)
            return
        self.drafts.append(draft)

    def _same_event(self, a: EventDraft, b: EventDraft) -> bool:
        if a.time and b.time and a.time.value[:7] != b.time.value[:7]:
            return False
        published = self.doc.article.published
        if published and a.time is None and b.time is not None and a.type in INCIDENTS:
            dated = b.time
            if dated.value[:4].isdigit() and dated.value < (published - dt.timedelta(days=62)).isoformat()[:len(dated.value)]:
                return False  # 지난해 8월에도 ... 사고: an earlier, separate incident of the same kind
        if a.type == "Plan":
            return a.trigger_word == b.trigger_word or a.sentence == b.sentence
        if a.type == "Statement":
            return False
        if a.type in PERSONAL:
            pa = {k for r, k in a.roles if r == "person"}
            pb = {k for r, k in b.roles if r == "person"}
            return not pa or not pb or bool(pa & pb)
        # different companies, different events (its own breach, a rival's earlier breach)
        ca = {k for r, k in a.roles if self.ents.found[k].type in ("Company", "Product")}
        cb = {k for r, k in b.roles if self.ents.found[k].type in ("Company", "Product")}
        if ca and cb and not ca & cb:
            return False
        if a.type in ("Investigation", "Sanction", "Lawsuit"):
            # the police's raid and the labour ministry's inquiry are two investigations
            oa = {k for r, k in a.roles if r == "authority"}
            ob = {k for r, k in b.roles if r == "authority"}
            return not oa or not ob or bool(oa & ob)
        return True

    def _causes_in_sentence(self, sentence: Sentence) -> None:
        here = [i for i, d in enumerate(self.drafts)
                if any(m.sentence == sentence.index for m in [d.trigger, *d.mentions])]
        for i in here:
            for j in here:
                if i == j:
                    continue
                a, b = self.drafts[i], self.drafts[j]
                a_end = max(m.end for m in [a.trigger, *a.mentions] if m.sentence == sentence.index)
                b_start = min(m.start for m in [b.trigger, *b.mentions] if m.sentence == sentence.index)
                if a_end <= b_start and _CAUSAL.match(self.text[a_end:b_start]):
                    a.causes.add(j)
                elif b.type in RESPONSES and a.type in INCIDENTS and b.type != a.type:
                    sentence_text = sentence.text
                    if b.type != "Plan" or _PLAN_CAUSE_CUES.search(sentence_text):
                        a.causes.add(j)

    def _default_causes(self) -> None:
        caused = {j for d in self.drafts for j in d.causes}
        physical = [i for i, d in enumerate(self.drafts) if d.type in PHYSICAL]
        if physical:
            for j, d in enumerate(self.drafts):
                if d.type in DISRUPTIONS and j not in caused:
                    self.drafts[physical[0]].causes.add(j)

    def _lede_times(self, published) -> None:
        """An event of the lede reported without a date takes the first date the next two
        sentences give (공정위가 ... 과징금을 부과했다. 공정위는 20일 전원회의에서 ...)."""
        body = [s for s in self.doc.sentences if s.zone is None]
        if not body:
            return
        lede = body[0].index
        following = [s for s in body[1:3]]
        dates = []
        for sentence in following:
            quotes = [q for q in quote_spans(sentence) if q.double]
            for tm in find_times(sentence.text, published, sentence.start):
                if tm.value.precision in ("day", "month") and _segment(tm.start, quotes) is None:
                    dates.append(tm.value)
        if not dates:
            return
        for draft in self.drafts:
            if draft.time is None and draft.trigger.sentence == lede and draft.type not in ("Plan", "Statement"):
                draft.time = dates[0]

    def _background(self, draft: EventDraft) -> bool:
        """Told as background (했던, 한 바 있다, 과거, 당시): not news of the day."""
        sentence = self.doc.sentences[draft.trigger.sentence]
        return bool(self.lex.background.search(self.text[sentence.start:sentence.end]))

    def _inherit_times(self) -> None:
        for draft in self.drafts:
            if draft.time is None and draft.type in INCIDENTS:
                for j in sorted(draft.causes):
                    effect = self.drafts[j]
                    if effect.type in INCIDENTS and effect.time is not None:
                        value = effect.time
                        if value.precision == "day":
                            value = TimeValue(value.value[:7], "month", value.text)
                        draft.time = value
                        break

    # -- output ---------------------------------------------------------------------------

    def events(self, article_slug: str) -> list[Event]:
        ids = {}
        counters: dict[str, int] = {}
        order = sorted(range(len(self.drafts)), key=lambda i: (self.drafts[i].trigger.start, self.drafts[i].type))
        for i in order:
            etype = self.drafts[i].type
            counters[etype] = counters.get(etype, 0) + 1
            ids[i] = f"{_kebab(etype)}-{counters[etype]}"
        result = []
        for i in order:
            d = self.drafts[i]
            time = d.time
            if d.fiscal_period:
                time = replace(time, fiscal_period=d.fiscal_period) if time else TimeValue(d.fiscal_period[:4], "year", d.fiscal_period, d.fiscal_period)
            result.append(Event(
                id=ids[i],
                type=d.type,
                trigger=replace(d.trigger, text=d.trigger.text),
                arguments=tuple(Argument(role, key) for role, key in d.roles),
                time=time,
                confidence=round(d.confidence, 2),
                mentions=tuple(d.mentions),
                causes=tuple(sorted(ids[j] for j in d.causes)),
            ))
        return result


_NOT_ACTIONS = frozenset(["것", "수", "등", "때문", "경우", "가능성", "상황", "방향", "이번", "우리", "회사", "모든",
                          "최선", "노력", "책임", "입장", "생각", "필요", "부분", "문제", "사실", "관계자",
                          # vague undertakings (조사에 협조하겠다, 철저히 확인하겠다) are not plans
                          "협조", "확인", "검토", "대응", "소통", "반복", "발생", "주가", "수준", "차질"])
# 될 것, 빨라질 것, 클 것: a prediction about things, not an actor's commitment
_PREDICTIVE_SYLLABLES = frozenset("될질클갈있없많좋을")
# reporting verbs of analysis: what the sentence reports is a forecast, not a commitment
_ANALYSIS = re.compile(r"(?:분석했|내다봤|전망했|예상했|평가했|진단했|관측했|추정했|점쳤|분석이다|전망이다|관측이다)")
_PREDICTION = re.compile(r"^\s*(?:으로|이라는|이란|이라고\s*(?:전망|예상|관측|분석)|같)\s*(?:보인|예상|전망|관측|알려|추정|분석|기대|점쳐|내다)?")


def _plan_marker(text: str, markers: re.Pattern) -> tuple[int, int] | None:
    """(start, end) of the first commitment ending in the sentence, skipping predictions."""
    candidates = []
    m = markers.search(text)
    if m:
        candidates.append((m.start(), m.end()))
    for m in re.finditer(r"([가-힣])\s*것(?=이다|이라|이며|입니다|이고|\s*[\"”]|\s*$)", text):
        code = ord(m.group(1)) - 0xAC00
        if 0 <= code < 11172 and code % 28 == 8 and m.group(1) not in _PREDICTIVE_SYLLABLES:
            candidates.append((m.start(), m.end()))  # a syllable ending in ㄹ: 할 것이다, 높일 것"
    for start, end in sorted(candidates):
        tail = text[end:end + 12]
        if _PREDICTION.match(tail) and not tail.lstrip().startswith("이다"):
            if re.match(r"^\s*(?:으로|이라는|같)", tail):
                continue
        if re.match(r"^\s*(?:(?:은|는)\s*)?(?:없|아니|않)", tail):
            continue
        if re.match(r"^\s*(?:고|는|다는|라고)\s*(?:생각|본다|봤|느낀|믿)", tail):
            continue  # an opinion (더 잘해야겠다고 생각한다), not a stated action
        if re.search(r"(?:않|못|안\s)\S{0,2}$", text[max(0, start - 4):start + 1]):
            continue  # negated: 밟지 않겠다
        return start, end
    return None


def _segment(offset: int, quotes: list[QuoteSpan]) -> tuple[int, int] | None:
    for q in quotes:
        if q.start <= offset < q.end:
            return (q.start, q.end)
    return None


def _kebab(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z][a-z])", "-", name).lower()
