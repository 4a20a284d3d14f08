"""Time of an event: the time expression of its own clause, resolved against the publication date;
the date of the report that follows it; the lede's date; an incident's cause dated by its effect;
and the publication date for news with no time of its own (EVALUATION.md's convention)."""

from __future__ import annotations

import re

from ..model import TimeValue
from ..timex import TimeMention, find_times
from .eventdraft import INCIDENTS, EventDraft, segment_of
from .text import quote_spans

__all__ = ["TimeRules"]

_CLAUSE_END = re.compile(r"[.,;]|며\s|고\s(?!있)|지만|면서|는데|으나")
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
        candidates = []
        for index, tm in enumerate(times):
            if segment_of(tm.start, quotes) != segment:
                continue
            if tm.end <= trigger.start and any(tm.end <= s < trigger.start - 3 and not self._relative_clause(tm.end, s)
                                               for s in trigger_starts):
                continue  # claimed by a trigger in between (one right before, 실적 발표 컨퍼런스콜, shares it)
            if earnings and tm.value.fiscal_period:
                # 3분기 실적: the period reported, not when it was reported
                if tm.end <= trigger.start:
                    draft.fiscal_period = draft.fiscal_period or tm.value.fiscal_period
                continue
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
        if candidates:
            candidates.sort(key=lambda c: c[0])
            draft.time = candidates[0][1].value

    _RELATIVE = re.compile(r"\s*\S+(?:이|가)\s+(?:\S+\s+)?$")  # 지난 5일 [가나게임즈가] 출시한 '다라': its own subject
    _ADNOMINAL = re.compile(r"\S*?(?:한|된|하는|되는|했던|됐던)\s")

    def _relative_clause(self, time_end: int, trigger_start: int) -> bool:
        """The trigger at ``trigger_start`` is the verb of a relative clause with its own subject
        after the time (가나는 지난 5일 다라가 출시한 '마바'를 상대로 소송을 냈다): the time, set
        before that subject, dates the main clause, not the relative one."""
        return bool(self._RELATIVE.fullmatch(self.text[time_end:trigger_start])
                    and self._ADNOMINAL.match(self.text[trigger_start:trigger_start + 8]))

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
                if tm.value.precision in ("day", "month") and segment_of(tm.start, quotes) is None:
                    dates.append(tm.value)
        if not dates:
            return
        for draft in self.drafts:
            if draft.time is None and draft.trigger.sentence == lede and draft.type not in ("Plan", "Statement"):
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
