"""Direct quotations and their speakers.

A quotation is a double-quoted stretch (or a single-quoted one followed by a speech ending such as
``라고``) in a body sentence that is reported as speech: followed by ``며``/``고``/``라고``/``라며``...
Scare quotes (``'카카오 먹통' 사태``) are not quotations. The speaker is the person (or company)
named as subject outside the quotes in the same sentence, a ``홍 대표``-style alias, or, for
``그는``/``이어``/a quote-only sentence, the previous speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ..model import Document, Mention, Sentence
from .entities import EntityFinder
from .text import QuoteSpan, quote_spans

__all__ = ["QuoteFinder", "QuoteDraft"]

_SPEECH_VERBS = (r"말했|밝혔|강조했|설명했|덧붙였|전했|했다|답했|언급했|주장했|지적했|토로했|선을\s*그었|일축했|반박했|"
                 r"해명했|당부했|호소했|약속했|다짐했|비판했|우려했|전망했|분석했|내다봤|평가했|진단했|예상했|말한|밝힌|"
                 r"말을\s*아꼈|답을\s*피했|부인했|반발했|꼬집었|촉구했|요구했")
_SPEECH_AFTER = re.compile(r"^\s*(?:이?라?며|이?라?면서|이?라?고|(?:이)?라는|고\s|며\s|라고|라며|면서|"
                           r"(?:이라|라|다)?는\s*(?:입장|설명|주장|계획|방침|것|뜻|목표|각오|의지|말|소감|포부|바람|"
                           r"메시지|당부|심경|취지|견해|의견|생각|약속|다짐|답|질문|지적|비판|우려)|"
                           r"(?:이?라?(?:으)?로|이?라?고)\s*(?:기대|전망|예상|내다|보고|봤|밝|강조|설명|해명|덧붙)|"
                           r"(?:(?:고|며)\s*)?(?:" + _SPEECH_VERBS + "))")
_PRONOUN = re.compile(r"(?:^|\s)(그는|그녀는|그가|그녀가|이어|이어서|또|또한|아울러|그러면서|이와\s*함께|특히|다만|"
                      r"끝으로|마지막으로|한편)\s")
_ABOUT_TOPIC = re.compile(r"(?:에\s*(?:대해|관해)(?:서)?는?|에\s*(?:대해|관해)(?:서도|선)|(?:[와과]\s*)?관련해(?:서)?는?|관련해선|"
                          r"관련해서도|두고(?:는)?)\s*$")
# what may follow a quotation that ends a headline or a subtitle line: nothing, or a verbal noun
# (카모 "..." 반박) -- no particle, no verb
_LINE_END_AFTER = re.compile(r"^\s*[.…]*\s*(?:[가-힣]{1,3}\s*[.…]*)?\s*$")
_SPEECH_VERB = re.compile("(" + _SPEECH_VERBS + "|발표했|입장이다)")
_MIN_QUOTE = 4
# between a headline speaker and the quotation: a title or organisation word or two, no particle
_HEADLINE_GAP = re.compile(r"\s*(?:[^\s은는이가을를의에]{1,8}\s*){0,2}")
_GENERIC_SUBJECT = re.compile(r"\s(?:누리꾼|네티즌|시민|소비자|주민|이용자|업계\s*관계자|전문가)들?(?:은|는|이|가)\s")
_HEADLINE_QUOTE = re.compile(r"[\"“]([^\"“”]{2,200})[\"”]")
_CLOSING_ONLY = re.compile(r"^\s*[.…]*\s*$")
# between two names joined as one subject: 와/과/및 and at most a short description (산하 개발사)
_CONJUNCT = re.compile(r"^(?:와|과|\s*및|\s*·)\s*(?:[가-힣]{1,6}\s+){0,2}$")
# nothing but a dateline ([한빛일보 김기자 기자], (서울=뉴스1) 김기자 기자 =) before a lede quotation
_DATELINE_ONLY = re.compile(r"^\s*(?:[\[(][^\])\n]{1,40}[\])])?\s*(?:[가-힣]{2,4}\s*(?:기자|특파원)\s*=)?\s*$")
# a bare head noun as subject (당국은, 법원은, 위원회는): the body of that kind named last
_BARE_HEAD = re.compile(r"(?:^|\s)(당국|법원|위원회|검찰청|노조|협회|거래소)(?:은|는|이|가|도|\s*측은)\s")
_PRODUCT_SUBJECT = re.compile(r"^\s*(?:측은|측이|는|은|이|가)\s")


def _open_quote(text: str) -> bool:
    """An opening double quotation mark with no closing one after it."""
    opened = text.rfind("“")
    straight = text.count('"') % 2 == 1
    return straight or (opened >= 0 and text.find("”", opened) < 0)


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
        self._headline()
        last_speaker: str | None = None
        last_sentence_had_quote = False
        for sentence in self._units():
            if sentence.zone is not None:
                last_sentence_had_quote = False
                continue
            spans = [q if q.end <= sentence.end else QuoteSpan(q.start, sentence.end, q.inner_start, sentence.end, q.double)
                     for q in quote_spans(sentence) if self._is_quotation(q, sentence)]
            if not spans:
                last_sentence_had_quote = False
                subject = self._subject(sentence, [])
                if subject:
                    last_speaker = subject  # who a following "그는"/quote-only sentence refers to
                continue
            speaker, confidence = self._speaker(sentence, spans, last_speaker, last_sentence_had_quote)
            if speaker is None and self._quote_only(sentence, spans):
                speaker, confidence = self._attributed_after(sentence), 0.6
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

    def _headline(self) -> None:
        """Quotations of a headline kept apart from the text (이장한 종근당 회장 "머리 숙여 사죄"):
        the speaker is the person (else the organisation) the body names and the headline names
        right before the quotation, or the one person holding the title written there (대표 "...")."""
        title = self.doc.article.title
        if not title or title in self.text:
            return  # a headline left in the text is read with the body
        for m in _HEADLINE_QUOTE.finditer(title):
            inner = m.group(1).strip()
            if len(inner) < _MIN_QUOTE or " " not in inner:
                continue
            if re.search(r"\S\s*(?:…|\.{2,})\s*\S", inner):
                continue  # "A…B": the editor's digest of two statements, not a quotation
            before = title[:m.start()]
            speaker = self._titled_before(before) or self._named_in(before)
            if speaker is None:
                continue
            span = QuoteSpan(m.start(), m.end(), m.start(1), m.end(1), True)
            self.quotes.append(QuoteDraft(span, inner, speaker, -1, 0.6))

    def _named_in(self, before: str) -> str | None:
        """The entity whose name (or alias) ends nearest the quotation in ``before``, people first."""
        best = None
        compact = before.rstrip()
        for found in self.ents.found.values():  # (the name right before it, or first and followed by a comma)
            if found.type not in ("Person", "Company", "Organization", "Product"):
                continue
            for name in {found.name, *found.aliases, *(mention.text for mention in found.mentions)}:
                if len(name) < 2:
                    continue
                at = compact.rfind(name)
                if at < 0:
                    continue
                gap = compact[at + len(name):]
                first_with_comma = not compact[:at].strip(" '‘’\"") and gap.startswith(",")
                if not first_with_comma and (len(gap) > 10 or not _HEADLINE_GAP.fullmatch(gap) or re.search("[.…]", gap)):
                    continue
                score = (found.type == "Person", at + len(name), found.key)
                if best is None or score > best[0]:
                    best = (score, found.key)
        return best[1] if best else None

    def _units(self) -> Iterator[Sentence]:
        """The sentences, with one that opens a quotation the tokenizer split off joined to the
        sentences of the same line up to the closing mark (``“... 조치...`` + ``곧 대책 나올 것”``);
        at the end of a page cut off mid-quotation the quotation runs to the end of the text."""
        sentences = self.doc.sentences
        i = 0
        while i < len(sentences):
            sentence = sentences[i]
            j = i
            while _open_quote(sentences[j].text) and j + 1 < len(sentences) and sentences[j + 1].zone is None \
                    and "\n" not in self.text[sentences[j].end:sentences[j + 1].start] and j - i < 6:
                j += 1
            if j > i and not _open_quote(self.text[sentence.start:sentences[j].end]):
                last = sentences[j]
                sentence = replace(sentence, end=last.end, text=self.text[sentence.start:last.end],
                                   tokens=tuple(t for s in sentences[i:j + 1] for t in s.tokens))
                i = j
            elif sentence.zone is None and _open_quote(sentence.text) and \
                    not self.text[sentence.end:].strip() and i == len(sentences) - 1:
                sentence = replace(sentence, text=sentence.text + "\u201d")  # cut off: close it
            yield sentence
            i += 1

    def _is_quotation(self, span: QuoteSpan, sentence: Sentence) -> bool:
        inner = self.text[span.inner_start:min(span.inner_end, len(self.text))].strip()
        if len(inner) < _MIN_QUOTE:
            return False
        if span.end > sentence.end or span.inner_end >= len(self.text):
            return len(inner) >= 12 and " " in inner  # cut off at the end of the page
        after = self.text[span.end:sentence.end]
        if _SPEECH_AFTER.match(after):
            return True
        # a sentence that is only a quotation (a new paragraph continuing a speech)
        if span.double and span.start - sentence.start <= 1 and sentence.end - span.end <= 2 and " " in inner:
            return True
        # a headline or subtitle line ending in a quotation (이장한 회장 "머리 숙여 사죄")
        if span.double and " " in inner and (_CLOSING_ONLY.match(after) or
                                              (self._ends_line(sentence) and _LINE_END_AFTER.match(after))):
            return True
        return False

    def _ends_line(self, sentence: Sentence) -> bool:
        return sentence.end >= len(self.text) or self.text[sentence.end:sentence.end + 1] in ("\n", "")

    def _subject(self, sentence: Sentence, spans: list[QuoteSpan]) -> str | None:
        return self.ents.subject_of(sentence, spans, prefer_person=True)

    def _speaker(self, sentence: Sentence, spans: list[QuoteSpan], last: str | None,
                 continuing: bool) -> tuple[str | None, float]:
        first_quote = spans[0].start
        outside_before = self.text[sentence.start:first_quote]
        if _GENERIC_SUBJECT.search(" " + outside_before):
            return None, 0.0  # 누리꾼들은 "...": people no entity stands for
        subject = self._subject(sentence, spans)
        if subject:
            return self._first_conjunct(sentence, subject, first_quote), 0.85
        company = self.ents.company_side(outside_before)
        if company:
            return company, 0.7
        head = self._bare_head(sentence, outside_before)
        if head:
            return head, 0.7
        if last and _PRONOUN.search(" " + outside_before):
            return last, 0.75
        if last and continuing and not outside_before.strip():
            return last, 0.6
        if last and not outside_before.strip() and _SPEECH_VERB.search(self.text[spans[-1].end:sentence.end]):
            return last, 0.6
        if last and _ABOUT_TOPIC.search(outside_before) and (
                _SPEECH_VERB.search(self.text[spans[-1].end:sentence.end]) or spans[-1].end > sentence.end) \
                and not any(m.start < spans[0].start for m, f in self.ents.mentions_in(sentence)
                            if f.type in ("Person", "Company", "Organization")):
            return last, 0.55  # ... 관측에 대해서는 "..."라고 일축했다: the one the story follows
        named = self._named_before(sentence, first_quote)
        if named:
            return named, 0.65
        if _LINE_END_AFTER.match(self.text[spans[-1].end:sentence.end]) and self._ends_line(sentence):
            titled = self._titled_before(outside_before)
            if titled:
                return titled, 0.6
            if last and not any(m.start < first_quote for m, _ in self.ents.mentions_in(sentence)):
                return last, 0.5  # a subtitle line under the speaker's headline (14일 회견에서 "...")
        return None, 0.0

    def _quote_only(self, sentence: Sentence, spans: list[QuoteSpan]) -> bool:
        """Nothing but the quotation (and closing punctuation) in the sentence."""
        before = self.text[sentence.start:spans[0].start]
        return len(spans) == 1 and _CLOSING_ONLY.match(self.text[spans[-1].end:sentence.end]) is not None \
            and _DATELINE_ONLY.match(before) is not None

    def _attributed_after(self, sentence: Sentence) -> str | None:
        """A lede quotation attributed by the next sentence (“...” / 방 의장이 자주 하는 말이다, “...” /
        김 부사장은 회견에서 ...): the person that sentence is about, when it quotes nothing itself."""
        following = [s for s in self.doc.sentences if s.index == sentence.index + 1 and s.zone is None]
        if not following or any(q.double for q in quote_spans(following[0])):
            return None
        subject = self.ents.subject_of(following[0], (), prefer_person=True)
        return subject if subject and subject.startswith("Person/") else None

    def _first_conjunct(self, sentence: Sentence, subject: str, first_quote: int) -> str:
        """Joint speakers (X와 Y는 "...", X와 산하 Y는 "..."): the first one named speaks for both."""
        before = [(m, f) for m, f in self.ents.mentions_in(sentence) if m.end <= first_quote]
        for i, (mention, found) in enumerate(before):
            if found.key != subject:
                continue
            for other, other_found in reversed(before[:i]):
                if other_found.type not in ("Person", "Company", "Organization") or other_found.key == subject:
                    continue
                if _CONJUNCT.match(self.text[other.end:mention.start]):
                    return other_found.key
                break
            break
        return subject

    def _bare_head(self, sentence: Sentence, before: str) -> str | None:
        """A body named by the head of its name alone (금융당국 ... 당국은 "...", 서울중앙지방법원 ...
        법원은 "..."): the organisation whose name ends in that word and was named last before."""
        m = _BARE_HEAD.search(" " + before)
        if m is None:
            return None
        word = m.group(1)
        best = None
        for found in self.ents.found.values():
            if found.type not in ("Organization", "Company") or found.name == word or not found.name.endswith(word):
                continue
            earlier = [mention.start for mention in found.mentions if mention.start < sentence.start]
            if earlier and (best is None or max(earlier) > best[0]):
                best = (max(earlier), found.key)
        return best[1] if best else None

    def _named_before(self, sentence: Sentence, first_quote: int) -> str | None:
        """The speaker named right before the quotation without a subject particle, as headlines
        write (이장한 종근당 회장 "...", 카모 "..." 반박), or a service speaking as its operator
        (네이버페이 측은 "...")."""
        before = [(m, f) for m, f in self.ents.mentions_in(sentence) if m.end <= first_quote]
        if not before:
            return None
        tail = self.text[before[-1][0].end:first_quote]
        after = self.text[self._quote_end(sentence, first_quote):sentence.end]
        headline = _CLOSING_ONLY.match(after) or (self._ends_line(sentence) and _LINE_END_AFTER.match(after))
        if headline and len(tail) <= 12 and "," not in tail and _HEADLINE_GAP.fullmatch(tail):
            people = [f.key for m, f in before if f.type == "Person" and first_quote - m.end <= 20]
            if people:
                return people[-1]
            if before[-1][1].type in ("Company", "Organization", "Product"):
                return before[-1][1].key
        first, found = before[0]
        if headline and found.type == "Person" and first.start - sentence.start <= 1 \
                and self.text[first.end:first.end + 1] == ",":
            return found.key  # 이재용, 대국민 사과문 발표…"..."
        for mention, found in reversed(before):
            if found.type == "Product" and _PRODUCT_SUBJECT.match(self.text[mention.end:mention.end + 8]):
                return found.key
        return None

    def _quote_end(self, sentence: Sentence, first_quote: int) -> int:
        spans = [q for q in quote_spans(sentence) if q.start >= first_quote]
        return min(spans[-1].end, sentence.end) if spans else sentence.end

    def _titled_before(self, before: str) -> str | None:
        """``대표 "..."``: the one person the article gives that title."""
        words = re.split(r"[\s.…·,]+", before.strip(" .…·,"))
        if not words or not words[-1]:
            return None
        split = self.ents.lex.title_of(words[-1])
        if not split or split[0]:
            return None
        holders = {c.person for c in self.ents.positions if c.title.canonical == split[1].canonical}
        return holders.pop() if len(holders) == 1 else None

    def mentions(self) -> list[Mention]:
        return [Mention(q.span.start, q.span.end, self.text[q.span.start:q.span.end], q.sentence, q.confidence, "quote")
                for q in self.quotes]
