"""Events: triggers from the lexicon, participants by role, times, merging of repeated mentions,
cause links, and plans (stated future actions).

Rules are general: a trigger word (``kg/data/triggers.yaml``) in a body sentence, not hedged or
negated in its clause; participants are the entities of the same sentence with a role chosen from
the event type, the entity type and the particle after the name; a time is the nearest time
expression in the same quote segment; ``이번 사고``-style anaphora refers to an event already seen.
"""

from __future__ import annotations

from bisect import bisect_left

import datetime as dt
import functools
import re
from dataclasses import replace

from ..lexicon import Lexicon
from ..registry import EVENTS
from ..model import Argument, Document, Event, Sentence, TimeValue
from .authorities import load_authorities
from .entities import EntityFinder
from .event_roles import RoleRules
from .event_time import TimeRules
from .event_triggers import TriggerRules
from .eventdraft import DEALS, DISRUPTIONS, INCIDENTS, PERSONAL, PHYSICAL, RESPONSES, SENTENCE_END, EventDraft
from .plans import PlanRules
from .text import quote_spans

__all__ = ["EventFinder", "EventDraft"]

# the first trigger ends in an adnominal ending and its clause runs, unbroken, to the second
# trigger's noun (인수하는 지분 양수도 계약)
_ADNOMINAL_LINK = re.compile(r"^\S{0,3}(?<=[는한된던은])\s+[^\s,.;\"“”]*(?:\s+[^\s,.;\"“”]*)?\s*$")
# two triggers named as alternatives (워크아웃이나 법정관리에 들어간 회사): one kind of event, named once
_ALTERNATIVE = re.compile(r"\S{0,2}?(?:이나|나|또는|혹은|·|/)\s*|\S{0,2}?\s+(?:또는|혹은)\s+")


@functools.lru_cache(maxsize=8)
def _anaphoric_topic(determiners: str) -> re.Pattern:
    """A sentence opening with a word of triggers.yaml ``anaphoric_topic``, a noun and a particle
    (이번 투자는 ...): the noun is group ``noun``."""
    return re.compile(rf"^\s*(?:{determiners})\s+(?P<noun>[가-힣]{{2,4}}?)(?:은|는|이|가|도)\s")


class EventFinder(TriggerRules, PlanRules, RoleRules, TimeRules):
    """Finds the events of one document: :meth:`run`, then :meth:`events`. The stages live in their
    own modules (event_triggers, plans, event_roles, event_time); this one runs them per sentence
    and merges mentions of one real event."""

    def __init__(self, document: Document, lexicon: Lexicon, entities: EntityFinder,
                 speakers: dict[int, str] | None = None):
        self.doc = document
        self.text = document.article.text
        self.lex = lexicon
        self.ents = entities
        self.drafts: list[EventDraft] = []
        self.speakers = speakers or {}  # quote start offset -> speaker key (from the quote finder)
        self.dominant = entities.dominant_company()
        self.echoes: list[EventDraft] = []  # triggers of a sentence left to the Plan (고발할 계획이다)
        self._index: tuple[tuple[int, int], dict[str, tuple[list[int], frozenset[int]]]] | None = None
        self._stories: dict[tuple, str | None] = {}

    def _entity_index(self) -> dict[str, tuple[list[int], frozenset[int]]]:
        """Per entity key: the sorted start offsets of its mentions and the sentences they are in.
        Made once for the entities as they stand (remade if they change): the rules that ask
        "is it named in this quotation / the previous sentence?" per event no longer scan every
        mention of every entity, which was quadratic in a long page."""
        state = (self.ents.spans.version, len(self.ents.found))
        if self._index is None or self._index[0] != state:
            self._index = (state, {key: (sorted(m.start for m in found.mentions),
                                         frozenset(m.sentence for m in found.mentions))
                                   for key, found in self.ents.found.items()})
        return self._index[1]

    def _named_within(self, key: str, low: int, high: int) -> bool:
        """A mention of the entity starts in [low, high)."""
        starts = self._entity_index()[key][0]
        i = bisect_left(starts, low)
        return i < len(starts) and starts[i] < high

    def run(self) -> list[EventDraft]:
        published = self.doc.article.published
        last: dict = {}  # the day and year last mentioned (같은 날, 이날, 같은 해)
        for sentence in self.doc.sentences:
            if sentence.zone is not None:
                continue
            quotes = [q for q in quote_spans(sentence) if q.double]  # scare quotes are not segments
            times = self._sentence_times(sentence, published, last)
            mentions = self.ents.mentions_in(sentence)
            self.echoes = []
            found = self._triggers(sentence, quotes, mentions)
            found.extend(self._plans(sentence, quotes, found))
            starts = self._claimants(found)
            for draft in found:
                rivals = [d.trigger for d in found if d is not draft and d.type == draft.type]
                self._roles(draft, sentence, mentions, quotes, rivals)
                self._time(draft, times, quotes, starts)
                if draft.time is None:
                    self._coordinated_time(draft, found)
                if draft.time is None and draft.quote_segment is None and last.get("day") is not None \
                        and sentence.index - last.get("day_at", -9) <= 3 and self.lex.continuing.match(sentence.text):
                    draft.time = last["day"]  # 이어 ... 조치했다고 했다: the day of the report it continues
                for each in self._split_persons(draft, mentions):
                    for one in self._split_by_dates(each, times, mentions, starts):
                        self._add(one, sentence)
            for echo in self.echoes:
                self._echo(echo, sentence, mentions, quotes)
            self._causes_in_sentence(sentence)
        period = None
        for draft in self.drafts:
            if draft.type in ("EarningsCall", "EarningsAnnouncement") and draft.fiscal_period is None:
                period = period or self._article_fiscal_period()
                draft.fiscal_period = period  # 달라진 컨콜: the call on the quarter the article reports
        self._default_causes()
        self._inherit_times()
        self._lede_times(published)
        if published is not None:
            for draft in self.drafts:
                quoted = draft.quote_segment is not None and draft.type not in ("Apology", "Plan")
                if draft.time is None and not quoted and not self._background(draft):
                    # reported as news with no time of its own: the day of the report (what a
                    # speaker refers to in a quotation is not news, unless it is the apology or
                    # the plan being made)
                    draft.time = TimeValue(published.isoformat(), "day", "(기사일)")
        return self.drafts

    # -- merging and links -----------------------------------------------------------------

    def _add(self, draft: EventDraft, sentence: Sentence) -> None:
        # a repeated trigger word names the event it named before (금융당국 ... 현장검사. 금감원은
        # ... 조사하기 위해 현장검사를 착수: the inspection, not the 조사 of its own sentence)
        word = draft.trigger_word  # (drafts of the same word first, each group in order: a stable partition)
        order = [i for i, d in enumerate(self.drafts) if d.trigger_word == word] + \
                [i for i, d in enumerate(self.drafts) if d.trigger_word != word]
        referred = self._referred(draft, sentence)
        this = re.search(r"이번\s*$", self.text[max(0, draft.trigger.start - 4):draft.trigger.start])
        for index in order if not draft.another else ():  # 또 다른 화재: a new one
            other = self.drafts[index]
            if other.another and this:
                continue  # 이번 화재 is the story's fire, not the other one
            if other.type != draft.type or (index != referred and not self._same_event(other, draft)):
                continue
            other.mentions.append(draft.trigger)
            other.key_participants |= draft.key_participants
            for role in draft.roles:
                if role not in other.roles and role[1] not in other.keys():
                    other.roles.append(role)
            if (draft.quote_segment is None or other.another) and draft.time is not None and (
                    other.time is None or self._report_days_before(other, draft) and other.reported_time):
                # (a date a speaker mentions in a quotation does not date the news, but does date
                # another event of the kind, which is not the news; the event's own date comes
                # before the date of its report)
                other.time, other.reported_time = draft.time, draft.reported_time
            other.fiscal_period = other.fiscal_period or draft.fiscal_period
            other.confidence = max(other.confidence, draft.confidence)
            return
        self.drafts.append(draft)

    def _report_days_before(self, a: EventDraft, b: EventDraft) -> bool:
        """One mention is dated by its report, the other a few days before it: the deal was made
        then and reported now (합병 계약을 체결했다고 26일 밝혔다 ... 지난 23일 합병 계약을 체결)."""
        if a.type not in DEALS or not (a.time and b.time) or a.reported_time == b.reported_time:
            return False
        try:
            days = [dt.date.fromisoformat(t.value) for t in (a.time, b.time) if t.precision == "day"]
        except ValueError:
            return False
        return len(days) == 2 and abs((days[0] - days[1]).days) <= 7

    def _scheduled_step(self, a: EventDraft, b: EventDraft) -> bool:
        """One of two mentions of a deal is dated in the future of the report, the other not: a
        step of the deal told (합병 ... 7월 1일부로 합병을 끝낸다)."""
        published = self.doc.article.published
        if a.type not in DEALS or published is None or not (a.time and b.time):
            return False
        future = [t.value[:4].isdigit() and t.value > published.isoformat()[:len(t.value)] for t in (a.time, b.time)]
        return future[0] != future[1]

    def _echo(self, echo: EventDraft, sentence: Sentence, mentions, quotes) -> None:
        """A trigger left to the Plan that names an event a headline already reported as done
        (국토부, 형사 고발 ... 회사를 검찰에 고발할 계획이라고 밝혔다): the participants it names
        join that event; it adds no event, mention or time of its own."""
        self._roles(echo, sentence, mentions, quotes, ())
        for other in self.drafts:
            if other.type == echo.type and other.factuality is None and other.trigger.sentence < sentence.index \
                    and self.doc.sentences[other.trigger.sentence].zone is None \
                    and not SENTENCE_END.search(self.doc.sentences[other.trigger.sentence].text) \
                    and other.keys() & echo.keys() and self._same_event(other, echo):
                for role in echo.roles:
                    if role[1] not in other.keys():
                        other.roles.append(role)
                return

    def _same_event(self, a: EventDraft, b: EventDraft) -> bool:
        if a.factuality != b.factuality:
            return False  # 화재가 났다 ... 추가 화재 가능성: the fire, and a possible one
        if self._modifies(a, b):
            return True  # 지분을 인수하는 양수도 계약을 맺었다: one deal named twice
        # a date of the report (...했다고 26일 밝혔다) or of a deal's scheduled step does not tell
        # two events apart (두 회사는 지난 20일 합병 계약을 맺었다; 7월 1일부로 합병을 끝낸다)
        loose = self._report_days_before(a, b) or self._scheduled_step(a, b)
        if a.time and b.time and a.time.value[:7] != b.time.value[:7] and not loose:
            return False
        published = self.doc.article.published
        if published and a.time is None and b.time is not None and a.type in INCIDENTS and not b.spans_range:
            dated = b.time
            if dated.value[:4].isdigit() and dated.value < (published - dt.timedelta(days=62)).isoformat()[:len(dated.value)]:
                return False  # 지난해 8월에도 ... 사고: an earlier, separate incident of the same kind
        if a.type == "Plan":
            periods = {t.fiscal_period for t in (a.time, b.time) if t is not None and t.fiscal_period}
            return a.trigger_word == b.trigger_word and len(periods) < 2  # (2분기 ... 하반기: two)  # (two plans of one sentence, in clauses of their own, stay two)
        if a.key_participants and b.key_participants and not a.key_participants & b.key_participants \
                and not self._umbrella(a.key_participants | b.key_participants) \
                and not (EVENTS[a.type].organization_role == "authority"
                         and (a.key_participants <= b.keys() or b.key_participants <= a.keys())):
            # 한빛건설이 법정관리를 ... 누리홀딩스도 ... 법정관리를: two filings (but 공정위는 ...
            # 시정명령 and 한빛모빌리티가 제재를 받았다 tell one sanction from either side)
            return False
        if a.time and b.time and a.time.precision == b.time.precision == "day" and a.time.value != b.time.value \
                and not loose:
            return False  # 지난 7일 신청 ... 17일 개시 결정: two steps
        if a.type in ("Investigation", "Lawsuit", "Appointment", "Bankruptcy") and a.trigger_word != b.trigger_word \
                and a.sentence != b.sentence and not self._same_person(a, b):
            return False  # 압수수색 ... 입건 ... 수사 착수: each step of a case is its own event
            # (but 회장으로 선임됐다 ... 정기선 신임 회장은: one person's appointment, told twice)
        if a.type == "Statement":
            return False
        pa, pb = ({k for r, k in d.roles if r == "product"} for d in (a, b))
        if pa and pb and not pa & pb:
            return False  # 갤럭시S 출시 ... 갤럭시S3 출시: two launches
        if a.type in DISRUPTIONS:
            fa, fb = ({k for r, k in d.roles if r == "facility"} for d in (a, b))
            if fa and fb and not fa & fb:
                return False  # 한빛1공장을 멈췄고, 누리공장도 멈췄다: each plant's stoppage
        if a.type in ("Acquisition", "Investment"):
            ta, tb = ({k for r, k in d.roles if r in ("target", "investee")} for d in (a, b))
            if ta and tb and not self._overlap(ta, tb):
                return False  # A사 주식을 취득했다. B사 주식도 사들였다: two stakes bought
        if a.type in PERSONAL:
            # the person each mention is about is the one named nearest its trigger (roles are in
            # order of distance): 김 전무의 CFO 부임 ... 승진한 박바다 사장 are two appointments
            pa, pb = (next((k for r, k in d.roles if r == "person"), None) for d in (a, b))
            return pa is None or pb is None or pa == pb
        # different companies, different events (its own breach, a rival's earlier breach)
        ca = {k for r, k in a.roles if self.ents.found[k].type in ("Company", "Product")}
        cb = {k for r, k in b.roles if self.ents.found[k].type in ("Company", "Product")}
        if ca and cb and not self._overlap(ca, cb):
            return False
        if a.type in ("Investigation", "Sanction", "Lawsuit"):
            # the police's raid and the labour ministry's inquiry are two investigations
            oa = {k for r, k in a.roles if r == "authority"}
            ob = {k for r, k in b.roles if r == "authority"}
            return not oa or not ob or bool(oa & ob) or self._umbrella(oa | ob)
        return True

    def _overlap(self, a: set[str], b: set[str]) -> bool:
        return bool(a & b) or any(self._short_form(x, y) for x in a for y in b)

    def _short_form(self, a: str, b: str) -> bool:
        """One name is the other's first word or stem, as a speaker shortens it (누리마켓코리아 인수 ...
        "누리마켓 인수로"): the same company for a deal already told."""
        fa, fb = self.ents.found.get(a), self.ents.found.get(b)
        if fa is None or fb is None:
            return False
        na, nb = {fa.name, *fa.aliases}, {fb.name, *fb.aliases}
        return any(len(x) >= 2 and y != x and y.startswith(x) for x in na for y in nb) \
            or any(len(y) >= 2 and x != y and x.startswith(y) for x in na for y in nb)

    def _umbrella(self, keys: set[str]) -> bool:
        """One of the actors is a collective authority (금융당국, 통신당국: authorities.tsv rows whose
        word ends in 당국), which the story later names by its agency (금융당국 ... 현장검사.
        금융감독원은 ... 현장검사를 착수하기로 했다): not a different actor."""
        authorities = load_authorities()
        return any(k in self.ents.found and self.ents.found[k].name.endswith("당국")
                   and self.ents.found[k].name.replace(" ", "") in authorities for k in keys)

    def _referred(self, draft: EventDraft, sentence: Sentence) -> int | None:
        """The event a sentence opening with an anaphoric topic names (이번 투자는 ... 신주를 인수하는
        방식으로 진행된다): the latest one of the draft's type whose trigger is that noun."""
        if draft.factuality is not None or draft.type == "Plan":
            return None
        if self.lex.detail.match(self.text, draft.trigger.end):
            # 인수 금액은 ..., 투자 규모는 ...: a detail of the deal already told
            return next((i for i in range(len(self.drafts) - 1, -1, -1) if self.drafts[i].type == draft.type
                         and self.drafts[i].factuality is None), None)
        m = _anaphoric_topic(self.lex.anaphoric_topic.pattern).match(sentence.text)
        if m is None:
            return None
        noun = m.group("noun")
        for index in range(len(self.drafts) - 1, -1, -1):
            other = self.drafts[index]
            if other.type == draft.type and other.factuality is None \
                    and any(noun in t for t in (other.trigger_word, other.trigger.text)):
                return index
        return None

    def _modifies(self, a: EventDraft, b: EventDraft) -> bool:
        """One trigger's clause modifies the other's noun in the same clause (인수하는 지분 양수도
        계약, 투자를 유치한 시리즈B 라운드), or they are named as alternatives (법정관리나 워크아웃):
        the same event, whatever participants each found."""
        if a.type == "Plan":
            return False
        for m in [a.trigger, *a.mentions]:
            if m.sentence != b.trigger.sentence:
                continue
            first, second = sorted((m, b.trigger), key=lambda x: x.start)
            between = self.text[first.end:second.start]
            if 0 < len(between) <= 16 and _ADNOMINAL_LINK.match(between) or _ALTERNATIVE.fullmatch(between):
                return True
        return False

    def _same_person(self, a: EventDraft, b: EventDraft) -> bool:
        if a.type != "Appointment":
            return False
        # the person named nearest each trigger (roles are in order of distance), not everyone
        # the sentences name (승진한 김하늘 사장과 박바다 사장: two appointments)
        pa = next((k for r, k in a.roles if r == "person"), None)
        pb = next((k for r, k in b.roles if r == "person"), None)
        return pa is not None and pa == pb

    def _causes_in_sentence(self, sentence: Sentence) -> None:
        # sentences are read in order and mentions appended as they are read, so a draft named
        # in this sentence has its latest mention here (no scan over every mention of every draft)
        here = [i for i, d in enumerate(self.drafts) if d.factuality is None
                and (d.mentions[-1] if d.mentions else d.trigger).sentence == sentence.index]
        for i in here:
            for j in here:
                if i == j:
                    continue
                a, b = self.drafts[i], self.drafts[j]
                a_end = max(m.end for m in [a.trigger, *a.mentions] if m.sentence == sentence.index)
                b_start = min(m.start for m in [b.trigger, *b.mentions] if m.sentence == sentence.index)
                if a_end <= b_start and self.lex.causal.match(self.text[a_end:b_start]):
                    a.causes.add(j)
                elif b.type in RESPONSES and a.type in INCIDENTS and b.type != a.type:
                    sentence_text = sentence.text
                    if b.type != "Plan" or self.lex.plan_cause.search(sentence_text):
                        a.causes.add(j)

    def _default_causes(self) -> None:
        caused = {j for d in self.drafts for j in d.causes}
        physical = [i for i, d in enumerate(self.drafts) if d.type in PHYSICAL and d.factuality is None]
        if physical:
            for j, d in enumerate(self.drafts):
                if d.type in DISRUPTIONS and j not in caused and d.factuality is None:
                    self.drafts[physical[0]].causes.add(j)

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
                factuality=d.factuality,
            ))
        return result


def _kebab(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z][a-z])", "-", name).lower()
