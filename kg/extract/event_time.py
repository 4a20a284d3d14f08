"""Time of an event: the time expression of its own clause, resolved against the publication date;
the date of the report that follows it; the lede's date; an incident's cause dated by its effect;
and the publication date for news with no time of its own (EVALUATION.md's convention)."""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import TimeValue
from ..timex import SAME_DAY, SAME_YEAR, TimeMention, find_times
from .eventdraft import INCIDENTS, SENTENCE_END, EventDraft, segment_of
from .plans import ahead
from .text import quote_spans

__all__ = ["TimeRules"]

_CLAUSE_END = re.compile(r"[.,;]|며\s|고\s(?!있)|지만|면서|는데|으나")
# clauses joined by a coordinating ending (받고, 세우며)
_COORDINATED = re.compile(r"\S(?:고|며|으며),?\s")
# a page's timestamp line (2014.09.18. 오전 00:15, 입력 2022-01-05 09:16)
_TIMESTAMP = re.compile(r"(?:입력|수정|등록|기사입력|승인|오전|오후|[\d.:\-/\s])*")
_REPORT_AFTER = re.compile(r"\s*(?:밝혔|공시했|발표했|전했|알렸|공개했|설명했|말했|보도했|공지했)")


class TimeRules:
    """Mixed into :class:`~kg.extract.events.EventFinder` (uses its document, text and drafts)."""


    def _time(self, draft: EventDraft, times: list[TimeMention], quotes, trigger_starts: list[int]) -> None:
        """The nearest time expression before the trigger in its quote segment that no other
        trigger claims (a time belongs to the first trigger after it: 지난달 발생한 먹통 ... 대책 ->
        먹통); else the date of the report that follows it (... 체결했다고 17일 밝혔다)."""
        trigger = draft.trigger
        segment = draft.quote_segment
        earnings = draft.type in ("EarningsCall", "EarningsAnnouncement")
        referring = self._referring(draft)
        # a trigger this close before shares the time: 실적 발표 컨퍼런스콜; a plan shares it with the
        # action it plans (내년 선임될 예정이다)
        shared = 10 if draft.type == "Plan" else 3
        candidates = []
        for index, tm in enumerate(times):
            if segment_of(tm.start, quotes) != segment:
                continue
            if referring and not (tm.end <= trigger.start and self.lex.occurred.search(self.text[tm.end:trigger.start])):
                continue  # 11일 ... 붕괴 사고와 관련해 압수수색: the date of the search, not of the collapse
            if earnings and tm.value.fiscal_period:
                # 3분기 실적: the period reported, not when it was reported; in the same phrase it is
                # the period of the call on the results too (2분기 실적발표를 위한 컨퍼런스콜)
                between = self.text[tm.end:trigger.start]
                if tm.end <= trigger.start and (len(between) <= 20 and not _CLAUSE_END.search(between)
                                                or not any(tm.end <= s < trigger.start - shared for s in trigger_starts)):
                    draft.fiscal_period = draft.fiscal_period or tm.value.fiscal_period
                continue
            if tm.end <= trigger.start and any(tm.end <= s < trigger.start - shared and not self._relative_clause(tm.end, s)
                                               for s in trigger_starts):
                continue  # claimed by a trigger in between (one right before, 실적 발표 컨퍼런스콜, shares it)
            if earnings and tm.value.precision == "year" and tm.end <= trigger.start:
                candidates.append((100 + trigger.start - tm.end, tm))  # 지난해 영업손실: the year reported
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
                if tm.end <= segment[0] and segment_of(tm.start, quotes) is None and not tm.value.fiscal_period \
                        and not any(tm.end <= s < segment[0] for s in trigger_starts):
                    candidates.append((segment[0] - tm.end, tm))
        if not candidates and segment is None and self._background(draft):
            # told as background in a clause coordinated with a dated one: that clause's time
            # (2015년 투자를 받고 라이선스 계약을 맺은 바 있다)
            before = [tm for tm in times if tm.end <= trigger.start and segment_of(tm.start, quotes) is None]
            if before and _COORDINATED.search(self.text[before[-1].end:trigger.start]) \
                    and trigger.start - before[-1].end < 60:
                candidates.append((trigger.start - before[-1].end, before[-1]))
        if candidates:
            candidates.sort(key=lambda c: c[0])
            draft.time = candidates[0][1].value
            if draft.type == "Plan":
                draft.time = ahead(draft.time, self.doc.article.published)  # 3분기에 ... 예정: this year's
            draft.reported_time = candidates[0][1].start >= trigger.end \
                and bool(_REPORT_AFTER.match(self.text[candidates[0][1].end:candidates[0][1].end + 12]))
            draft.spans_range = self._starts_range(candidates[0][1], times)

    def _starts_range(self, start: TimeMention, times: list[TimeMention]) -> bool:
        """The time starts a range the sentence closes (2021년 6월부터 지난 2월까지 새어 나갔다): the
        span of the event the story reports, not the date of an earlier one of its kind."""
        return self.text[start.end:start.end + 4].lstrip().startswith("부터") and any(
            tm.start > start.end and self.text[tm.end:tm.end + 4].lstrip().startswith("까지") for tm in times)

    def _split_by_dates(self, draft: EventDraft, times: list[TimeMention], mentions, trigger_starts: list[int]) -> list[EventDraft]:
        """One trigger after a list of dated counterparts (지난해 5월 A사에서 1억달러, 12월 B사에서
        3억달러를 투자받았다): one event per date, each with the counterparts named after its date
        and the subject named before the first; else the draft itself."""
        trigger = draft.trigger
        if draft.quote_segment is not None:
            return [draft]
        sentence = self.doc.sentences[trigger.sentence]
        dated = [tm for tm in times if sentence.start <= tm.start and tm.end <= trigger.start
                 and tm.value.precision in ("day", "month") and not tm.value.fiscal_period
                 and not any(tm.end <= s < trigger.start for s in trigger_starts if s != trigger.start)]
        run = dated[-1:]
        for tm in reversed(dated[:-1]):
            if "," not in self.text[tm.end:run[0].start]:
                break
            run.insert(0, tm)
        if len(run) < 2 or len({tm.value.value for tm in run}) < len(run):
            return [draft]
        bounds = [tm.start for tm in run] + [trigger.start]
        where: dict[str, int] = {}
        for mention, found in mentions:
            for i in range(len(run)):
                if bounds[i] <= mention.start < bounds[i + 1] and found.type in ("Company", "Organization"):
                    where.setdefault(found.key, i)
        if len(set(where.values())) < len(run):
            return [draft]  # a date without a counterpart of its own: not a list of deals
        drafts = []
        for i, tm in enumerate(run):
            roles = [(r, k) for r, k in draft.roles if where.get(k, i) == i]
            drafts.append(replace(draft, roles=roles, time=tm.value, mentions=[], causes=set(),
                                  key_participants=set(draft.key_participants)))
        return drafts

    def _coordinated_time(self, draft: EventDraft, found: list[EventDraft]) -> None:
        """A trigger whose clause is coordinated with an earlier one of the same type and names no
        time shares that clause's (지난달 3~9일 한빛1공장을 멈췄고, 누리공장도 가동을 멈춘 적이 있다)."""
        if draft.quote_segment is not None:
            return
        for other in reversed(found):
            if other is draft or other.type != draft.type or other.time is None or other.quote_segment is not None \
                    or other.trigger.end > draft.trigger.start:
                continue
            between = self.text[other.trigger.end:draft.trigger.start]
            if len(between) <= 40 and _COORDINATED.search(between):
                draft.time = other.time
            return

    _RELATIVE = re.compile(r"\s*\S+(?:이|가)\s+(?:\S+\s+)?$")  # 지난 5일 [가나게임즈가] 출시한 '다라': its own subject
    _ADNOMINAL = re.compile(r"\S*?(?:한|된|하는|되는|했던|됐던)\s")

    def _relative_clause(self, time_end: int, trigger_start: int) -> bool:
        """The trigger at ``trigger_start`` is the verb of a relative clause with its own subject
        after the time (가나는 지난 5일 다라가 출시한 '마바'를 상대로 소송을 냈다): the time, set
        before that subject, dates the main clause, not the relative one."""
        return bool(self._RELATIVE.fullmatch(self.text[time_end:trigger_start])
                    and self._ADNOMINAL.match(self.text[trigger_start:trigger_start + 8]))

    def _sentence_times(self, sentence, published, last: dict) -> list[TimeMention]:
        """The time expressions of a body sentence, those that point back resolved against the
        ones before: 같은 날/당일 and 이날 to the day last mentioned (이날 only when that day is not
        in the future of an earlier sentence: 합병 기일은 오는 7월 1일이다. 양사는 이날 ... is the
        day of the report), 같은 해 (12월) to the year last mentioned. ``last`` carries the day and
        the year from sentence to sentence."""
        times = []
        here = False  # a day mentioned earlier in this sentence
        for tm in find_times(sentence.text, published, sentence.start):
            value = tm.value
            if value.precision == SAME_DAY:
                if last.get("day") is None:
                    continue
                value = TimeValue(last["day"].value, "day", value.text)
            elif value.precision == SAME_YEAR:
                if last.get("year") is None:
                    continue
                year = last["year"]
                value = TimeValue(f"{year}-{value.value}", "month", value.text) if value.value \
                    else TimeValue(year, "year", value.text)
            elif value.text == "이날" and last.get("day") is not None and published is not None \
                    and (here or last["day"].value <= published.isoformat()):
                value = TimeValue(last["day"].value, "day", value.text)
            if value.precision == "day":
                last["day"] = value
                last["day_at"] = sentence.index
                here = True
            if value.value[:4].isdigit() and not value.fiscal_period:
                last["year"] = value.value[:4]
            times.append(TimeMention(tm.start, tm.end, value))
        return times

    def _referring(self, draft: EventDraft) -> bool:
        """The trigger names the event a report is about (붕괴 사고와 관련해 ...): the times of
        its sentence date that report (the lexicon's `referring` cue)."""
        sentence = self.doc.sentences[draft.trigger.sentence]
        return bool(self.lex.referring.match(self.text[draft.trigger.end:sentence.end]))

    def _claimants(self, drafts: list[EventDraft]) -> list[int]:
        """Where the triggers that claim the time expressions before them start: all but those
        that only name the event a report is about (a relative clause of occurrence before one,
        지난달 발생한 먹통 사태에 대해, still claims its date)."""
        def claims(d: EventDraft) -> bool:
            sentence = self.doc.sentences[d.trigger.sentence]
            before = self.text[max(sentence.start, d.trigger.start - 16):d.trigger.start]
            return not self._referring(d) or bool(self.lex.occurred.search(before))
        return sorted(d.trigger.start for d in drafts if claims(d))

    def _lede_times(self, published) -> None:
        """An event of the lede reported without a date takes the first date the next two
        sentences give (공정위가 ... 과징금을 부과했다. 공정위는 20일 전원회의에서 ...). The lede is
        the first body sentence written as one (a headline or deck repeated in the body, ending
        in a noun, is not); a date that tells when a source spoke (7일 업계에 따르면) and a
        timestamp line do not count."""
        body = [s for s in self.doc.sentences if s.zone is None]
        ledes = [i for i, s in enumerate(body) if SENTENCE_END.search(s.text)]
        if not ledes:
            return
        lede = body[ledes[0]].index
        following = [s for s in body[ledes[0] + 1:ledes[0] + 3]]
        dates = []
        for sentence in following:
            if _TIMESTAMP.fullmatch(sentence.text.strip()):
                continue
            quotes = [q for q in quote_spans(sentence) if q.double]
            for tm in find_times(sentence.text, published, sentence.start):
                if tm.value.precision in ("day", "month") and segment_of(tm.start, quotes) is None \
                        and not self.lex.attribution.match(self.text[tm.end:sentence.end]):
                    dates.append(tm.value)
        if not dates:
            return
        for draft in self.drafts:
            if draft.time is None and draft.type not in ("Plan", "Statement") \
                    and lede in {m.sentence for m in (draft.trigger, *draft.mentions)}:
                draft.time = dates[0]

    def _background(self, draft: EventDraft) -> bool:
        """Told as background in its own clause (인수했던, 한 바 있다, 과거 ... 당시 ...): not news
        of the day. Words in a quotation or in another clause do not count."""
        sentence = self.doc.sentences[draft.trigger.sentence]
        trigger = draft.trigger
        before = self.text[max(sentence.start, trigger.start - 12):trigger.start]
        after = self.text[trigger.end:min(sentence.end, trigger.end + 14)]
        cut = _CLAUSE_END.search(after)
        after = after[:cut.start()] if cut else after
        return bool(self.lex.background.search(before + "\u2063" + after))

    def _article_fiscal_period(self) -> str | None:
        """The fiscal period the article reports on: the first one its body names outside quotes."""
        for sentence in self.doc.sentences:
            if sentence.zone is not None:
                continue
            quotes = [q for q in quote_spans(sentence) if q.double]
            for tm in find_times(sentence.text, self.doc.article.published, sentence.start):
                if tm.value.fiscal_period and segment_of(tm.start, quotes) is None:
                    return tm.value.fiscal_period
        return None

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
