"""Direct quotations and their speakers.

A quotation is a double-quoted stretch (or a single-quoted one followed by a speech ending such as
``라고``) in a body sentence that is reported as speech: followed by ``며``/``고``/``라고``/``라며``...
Scare quotes (``'카카오 먹통' 사태``) are not quotations. The speaker is the person (or company)
named as subject outside the quotes in the same sentence, a ``홍 대표``-style alias, or, for
``그는``/``이어``/a quote-only sentence, the previous speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Document, Mention, Sentence
from .entities import EntityFinder
from .text import QuoteSpan, quote_spans

__all__ = ["QuoteFinder", "QuoteDraft"]

_SPEECH_VERBS = (r"말했|밝혔|강조했|설명했|덧붙였|전했|했다|답했|언급했|주장했|지적했|토로했|선을\s*그었|일축했|반박했|"
                 r"해명했|당부했|호소했|약속했|다짐했|비판했|우려했|전망했|분석했|내다봤|평가했|진단했|예상했|말한|밝힌|"
                 r"말을\s*아꼈|답을\s*피했|부인했|반발했|꼬집었|촉구했|요구했")
_SPEECH_AFTER = re.compile(r"^\s*(?:이?라?며|이?라?면서|이?라?고|(?:이)?라는|고\s|며\s|라고|라며|면서|"
                           r"(?:이라|라|다)?는\s*(?:입장|설명|주장|계획|방침|것|뜻)|"
                           r"(?:(?:고|며)\s*)?(?:" + _SPEECH_VERBS + "))")
_PRONOUN = re.compile(r"(?:^|\s)(그는|그녀는|그가|그녀가|이어|또|또한|아울러|그러면서|이와\s*함께)\s")
_ABOUT_TOPIC = re.compile(r"(?:에\s*대해(?:서)?는?|에\s*대해서도|와\s*관련해(?:서)?는?|관련해서는)\s*$")
_SPEECH_VERB = re.compile("(" + _SPEECH_VERBS + "|발표했|입장이다)")
_MIN_QUOTE = 4


@dataclass
class QuoteDraft:
    span: QuoteSpan
    text: str
    speaker: str  # entity key
    sentence: int
    confidence: float


class QuoteFinder:
    def __init__(self, document: Document, entities: EntityFinder):
        self.doc = document
        self.text = document.article.text
        self.ents = entities
        self.quotes: list[QuoteDraft] = []
        self.speaker_by_quote: dict[int, str] = {}  # quote span start -> speaker key

    def run(self) -> list[QuoteDraft]:
        last_speaker: str | None = None
        last_sentence_had_quote = False
        for sentence in self.doc.sentences:
            if sentence.zone is not None:
                last_sentence_had_quote = False
                continue
            spans = [q for q in quote_spans(sentence) if self._is_quotation(q, sentence)]
            if not spans:
                last_sentence_had_quote = False
                subject = self._subject(sentence, [])
                if subject:
                    last_speaker = subject  # who a following "그는"/quote-only sentence refers to
                continue
            speaker, confidence = self._speaker(sentence, spans, last_speaker, last_sentence_had_quote)
            if speaker is None:
                last_sentence_had_quote = True
                continue
            for span in spans:
                inner = self.text[span.inner_start:span.inner_end].strip()
                self.quotes.append(QuoteDraft(span, inner, speaker, sentence.index, confidence))
                self.speaker_by_quote[span.start] = speaker
            last_speaker = speaker
            last_sentence_had_quote = True
        return self.quotes

    def _is_quotation(self, span: QuoteSpan, sentence: Sentence) -> bool:
        inner = self.text[span.inner_start:span.inner_end].strip()
        if len(inner) < _MIN_QUOTE:
            return False
        after = self.text[span.end:sentence.end]
        if _SPEECH_AFTER.match(after):
            return True
        # a sentence that is only a quotation (a new paragraph continuing a speech)
        if span.double and span.start - sentence.start <= 1 and sentence.end - span.end <= 2 and " " in inner:
            return True
        return False

    def _subject(self, sentence: Sentence, spans: list[QuoteSpan]) -> str | None:
        return self.ents.subject_of(sentence, spans, prefer_person=True)

    def _speaker(self, sentence: Sentence, spans: list[QuoteSpan], last: str | None,
                 continuing: bool) -> tuple[str | None, float]:
        first_quote = spans[0].start
        outside_before = self.text[sentence.start:first_quote]
        subject = self._subject(sentence, spans)
        if subject:
            return subject, 0.85
        company = self.ents.company_side(outside_before)
        if company:
            return company, 0.7
        if last and _PRONOUN.search(" " + outside_before):
            return last, 0.75
        if last and continuing and not outside_before.strip():
            return last, 0.6
        if last and not outside_before.strip() and _SPEECH_VERB.search(self.text[spans[-1].end:sentence.end]):
            return last, 0.6
        if last and _ABOUT_TOPIC.search(outside_before) and _SPEECH_VERB.search(self.text[spans[-1].end:sentence.end]) \
                and not any(m.start < spans[0].start for m, f in self.ents.mentions_in(sentence)
                            if f.type in ("Person", "Company", "Organization")):
            return last, 0.55  # ... 관측에 대해서는 "..."라고 일축했다: the one the story follows
        return None, 0.0

    def mentions(self) -> list[Mention]:
        return [Mention(q.span.start, q.span.end, self.text[q.span.start:q.span.end], q.sentence, q.confidence, "quote")
                for q in self.quotes]
