"""Triggers: lexicon rules matched in a sentence, checked against the clause (hedged, negated,
planned) and resolved against anaphora (이번 사고 -> the fire already reported)."""

from __future__ import annotations

import re

from ..model import Mention, Sentence
from .eventdraft import ANAPHOR_NOUNS, ANAPHOR_TYPES, CLOSING_CONNECTIVES, INCIDENTS, PHYSICAL, PLANNABLE_KEEP, EventDraft, segment_of
from .text import QuoteSpan
from .triggers import match_triggers

__all__ = ["TriggerRules"]

# the trigger's word ends in an adnominal ending and modifies the next noun (불이 난 공장, 인수한 회사)
_ADNOMINAL = re.compile(r"^\S{0,4}?(?<=[난한된던인은는])\s+(?!(?:것|수|바|적|지|데|뒤|후|만큼|이후|직후)(?:\s|$|[이가을를은는도에]))")
_CLAUSE_END = re.compile(r"[.,;]|며\s|고\s(?!있)|지만|면서|는데|으나|\"|”|'")


class TriggerRules:
    """Mixed into :class:`~kg.extract.events.EventFinder` (uses its text, lexicon, entities, drafts)."""


    def _triggers(self, sentence: Sentence, quotes: list[QuoteSpan], mentions) -> list[EventDraft]:
        hits: list[tuple[int, int, float, str, object]] = []
        for hit in match_triggers(sentence, self.lex):
            start, end, rule = hit.start, hit.end, hit.rule
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
            factuality = self._factuality(end, sentence, start)
            if factuality == "none":
                continue  # 화재 예방, 사고 방지: not an event at all
            if etype not in PLANNABLE_KEEP and self._planned(end, sentence):
                if factuality is None:  # left to the Plan; it may still name an event already told
                    mention = Mention(start, end, self.text[start:end], sentence.index, confidence, f"trigger:{etype}")
                    self.echoes.append(EventDraft(etype, mention, rule.trigger or mention.text, sentence.index,
                                                  confidence, quote_segment=segment_of(start, quotes)))
                continue
            anaphor = self._anaphor(start, end, sentence)
            mention = Mention(start, end, self.text[start:end], sentence.index, confidence, f"trigger:{etype}")
            if anaphor is not None and factuality is None:
                target = self._refers_to(anaphor)
                if target is not None:
                    self.drafts[target].mentions.append(mention)
                    continue
                if anaphor in ("사고", "사태", "사건", "일", "참사"):
                    continue  # "이번 사고" with nothing to refer to names no event by itself
            drafts.append(EventDraft(etype, mention, rule.trigger or mention.text, sentence.index, confidence,
                                     quote_segment=segment_of(start, quotes), factuality=factuality,
                                     another=bool(self.lex.another.search(self.text[max(sentence.start, start - 8):start]))))
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

    def _factuality(self, end: int, sentence: Sentence, start: int | None = None) -> str | None:
        """How real the trigger's clause says the event is: None (it happened), negated (파업은
        없었다), conditional (파업이 길어지면), rumoured (매각설이 돈다), hedged (과징금을 물 수
        있다, 파업 가능성), or "none" when the words make it no event (화재 예방)."""
        tail = self.text[end:sentence.end]
        cut = _CLAUSE_END.search(tail)
        limit = min(cut.start() if cut else len(tail), 24)
        cause = self.lex.cause.match(tail)
        if cause:
            limit = min(limit, cause.end())  # 먹통 사태로 상품이 발송되지 않았다: the outage happened
        for token in sentence.tokens:
            if token.tag == "EC" and token.form in CLOSING_CONNECTIVES and end < token.start < end + limit:
                limit = token.start - end  # 컨퍼런스콜에 등장해 우려를 잠재웠다: the next clause's words
                break
        window = tail[:limit]
        adnominal = _ADNOMINAL.match(self.text[end - 1:sentence.end])
        if adnominal:
            window = tail[:max(0, adnominal.end() - 1)]  # 불이 난 공장은 ... 못했다: the clause ends at the noun it modifies
        hedge = self.lex.hedges.search(window)
        if not hedge and self.lex.rumour_report.match(tail):
            return "rumoured"  # ... 투자해 ... 계약을 맺기로 했다는 보도가 나왔다
        if not hedge:
            if start is not None and any(t.tag == "EC" and t.form in ("면", "으면") and t.end <= start
                                         and "," not in self.text[t.end:start]
                                         and not self.text[max(0, t.start - 2):t.start].endswith("따르")
                                         for t in sentence.tokens):
                return "conditional"  # 협상이 결렬되면 노조는 파업에 들어간다 (면/EC, not 전면)
            return None
        words = window[hedge.start():]
        for value, pattern in (("none", self.lex.not_event), ("negated", self.lex.negated),
                               ("conditional", self.lex.conditional), ("rumoured", self.lex.rumoured)):
            if pattern.match(words):
                return value
        return "hedged"

    def _planned(self, end: int, sentence: Sentence) -> bool:
        """The rest of the sentence makes the event a plan (투자할 계획이다): left to the Plan."""
        tail = self.text[end:sentence.end]
        done = self.lex.done.search(tail)
        return bool(self.lex.planned.match(tail[:done.start()] if done else tail))

    def _anaphor(self, start: int, end: int, sentence: Sentence) -> str | None:
        head = self.text[max(sentence.start, start - 6):end]
        m = re.search(r"(?:이번|해당|이|그|당시|같은|앞선)\s*(\S+)$", head)
        if m and self.text[start:end] in ANAPHOR_NOUNS:
            return m.group(1)
        return None

    def _refers_to(self, noun: str) -> int | None:
        types = ANAPHOR_TYPES.get(noun, INCIDENTS)
        for index in range(len(self.drafts) - 1, -1, -1):
            if self.drafts[index].type in types and not self.drafts[index].another:
                # 사고 prefers a physical incident when there is one
                if noun == "사고":
                    physical = [i for i in range(len(self.drafts)) if self.drafts[i].type in PHYSICAL
                                and not self.drafts[i].another]
                    if physical:
                        return physical[-1]
                return index
        return None
