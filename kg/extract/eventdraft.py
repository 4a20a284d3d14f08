"""Shared pieces of the event extractor: the draft record, type groups read from the registry,
and small helpers (quote segments)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Mention, TimeValue
from ..registry import family, plannable
from .text import QuoteSpan

__all__ = ["EventDraft", "DEALS", "INCIDENTS", "PHYSICAL", "DISRUPTIONS", "PERSONAL", "RESPONSES", "PLANNABLE_KEEP",
           "ANAPHOR_TYPES", "ANAPHOR_NOUNS", "CLOSING_CONNECTIVES", "SENTENCE_END", "segment_of"]

INCIDENTS = family("incident")
PHYSICAL = ("Fire", "Accident")
DISRUPTIONS = ("ServiceOutage", "ProductionHalt")
PERSONAL = family("leadership")
# deals whose later steps are scheduled (7월 1일부로 합병을 끝낸다: the merger told, not another)
DEALS = ("Merger", "Acquisition", "Investment", "Partnership")
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
ANAPHOR_NOUNS = frozenset(ANAPHOR_TYPES) | {"사태"}
# connective endings (EC) that close a clause (진행해, 열며, 밝히면서): what follows is another clause's
CLOSING_CONNECTIVES = frozenset({"어", "아", "여", "어서", "아서", "며", "으며", "면서", "으면서"})
# a body sentence written as one (ends in a verb: ...했다. ...했습니다.), not a headline or deck
SENTENCE_END = re.compile(r"[다요][.!?]?[\"'”’)]*\s*$")



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
    factuality: str | None = None  # hedged | conditional | negated | rumoured; None: it happened
    # the participant each mention is most directly about (its subject, else the actor named
    # nearest before it): mentions about different ones are different events
    key_participants: set[str] = field(default_factory=set)
    reported_time: bool = False  # its time dates the report of it (... 체결했다고 26일 밝혔다)
    another: bool = False  # named as another of its kind (또 다른 화재): never a mention of one told
    spans_range: bool = False  # its time starts a range the sentence closes (...부터 ...까지)

    def keys(self) -> set[str]:
        return {key for _, key in self.roles}


def segment_of(offset: int, quotes: list[QuoteSpan]) -> tuple[int, int] | None:
    for q in quotes:
        if q.start <= offset < q.end:
            return (q.start, q.end)
    return None
