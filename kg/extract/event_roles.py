"""Participants of an event and their roles: the entities of its clause with the role the registry's
table gives (ontologies/kg.ttl), the speaker of the quotation it is said in, the omitted subject of
the previous sentence, the organisation of a person, the facility of an incident."""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Mention, Sentence
from ..registry import EVENTS, role_for
from .entities import Found
from .eventdraft import ANAPHOR_TYPES, CLOSING_CONNECTIVES, INCIDENTS, PERSONAL, PHYSICAL, EventDraft
from .text import QuoteSpan, in_spans
from .eventdraft import segment_of

__all__ = ["RoleRules"]

# the number a joint subject gives (양사 2, 세 회사 3, 통신3사 3); a plural (각 통신사들) gives none
_JOINT_COUNTS = (("양", 2), ("두", 2), ("2", 2), ("세", 3), ("3", 3), ("4", 4))
_SUBJECT = re.compile(r"^(은|는|이|가|측은|측이|도|께서)$")
_SOURCE = re.compile(r"(?:으로부터|로부터|에서|에게서)")
# between two people named together: a title or age, 과/와, and the second one's organisation
# (사장과 한빛중공업, (51) 누리호텔 사장과)
_COORDINATED_NAMES = re.compile(r"\s*(?:\S+\s+)?\S*(?:과|와|,)\s+(?:\S+\s+){0,2}")
# the second one's title and case: the subject or object of the trigger (사장이 각각, 전무에 대해)
_CASE_AFTER = re.compile(r"\s*(?:\S+\s+){0,2}?\S*?(?:이|가|은|는|을|를|에게|에\s*대해\S*)\s")
_CLAUSE_BREAK = re.compile(r"[.;]|다\s|며\s|고\s")


class RoleRules:
    """Mixed into :class:`~kg.extract.events.EventFinder` (uses its document, entities, speakers)."""


    def _roles(self, draft: EventDraft, sentence: Sentence, mentions, quotes: list[QuoteSpan],
               rivals=()) -> None:
        """``rivals``: triggers of the same type in the sentence; an entity with one of them in
        between belongs to that one (갤럭시S를 출시한 지 2년 만에 갤럭시S3를 출시했다)."""
        roles: list[tuple[str, str]] = []
        trigger = draft.trigger
        segment = draft.quote_segment
        nearby = []
        # where the trigger's clause ends after it: a connective ending (지분을 팔아 한빛건설의
        # 재기를 꾀했다: 한빛건설 is the next clause's)
        tokens = sentence.tokens
        clause_end = next((t.start for i, t in enumerate(tokens) if t.tag == "EC" and t.form in CLOSING_CONNECTIVES
                           and trigger.end <= t.start and segment_of(t.start, quotes) == segment
                           and not (i + 1 < len(tokens) and tokens[i + 1].tag.startswith("VX"))), None)
        # (벌여왔던: 어 before an auxiliary verb does not close it)
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
            if mention.end <= trigger.start:
                if found.type != "Person" and not _SUBJECT.match(self._particle_after(mention)) and any(
                        mention.end <= r.start < trigger.start for r in rivals):
                    continue  # the object of the other trigger (its clause ends at that trigger)
            elif clause_end is not None and mention.start > clause_end:
                continue
            elif any(trigger.end <= r.start < mention.start or trigger.end <= mention.start < r.start
                     for r in rivals):
                # named after this trigger, its clause is the other trigger's, whatever its particle
                # (한빛1공장을 멈췄고, 누리공장도 가동을 멈춘 적이 있다; 취임 무렵 ... 승진한 박바다 사장)
                continue
            nearby.append((abs(mention.start - trigger.start), mention, found))
        nearby.sort(key=lambda x: x[0])
        # the six nearest actors and the two nearest places (places named on the way do not crowd
        # out the subject: BOE는 충칭 제1중급인민법원에 삼성전자를 상대로 소송을 냈다)
        places = [x for x in nearby if x[2].type == "Location"][:2]
        nearby = sorted([x for x in nearby if x[2].type != "Location"][:6] + places, key=lambda x: x[0])
        # 한빛마켓이 해외 펀드에서 투자를 유치했다: the subject receives the investment, the one it
        # comes from (에서, 로부터) makes it
        received = draft.type == "Investment" and bool(self.lex.received.search(self.text[trigger.start:trigger.end + 6]))
        for _, mention, found in nearby:
            role = self._role_for(draft.type, found, mention)
            if received and role in ("investor", "investee"):
                role = "investee" if _SUBJECT.match(self._particle_after(mention)) \
                    else "investor" if _SOURCE.match(self.text[mention.end:mention.end + 4]) else role
            if role and (role, found.key) not in roles:
                roles.append((role, found.key))
        if segment is None:
            for key in self._joint_subject(sentence, trigger.start, quotes):
                if key not in {k for _, k in roles}:
                    roles.append(("investee" if received else role_for(draft.type, "Company", True) or "organization", key))
        key = self._key_participant(draft, nearby)
        if key and key in {k for _, k in roles}:
            draft.key_participants = {key}
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
            elif draft.type in PERSONAL and speaker.startswith("Person/") and "Person" not in actor_types:
                roles.insert(0, ("person", speaker))  # "대표이사 취임 후 ...": the speaker's own appointment
            if not actor_types & {"Company", "Organization"}:
                orgs = self.ents.organizations_of(speaker) if speaker.startswith("Person/") else [speaker]
                for org in orgs:
                    if org in self.ents.found and self.ents.found[org].type != "NewsOutlet" and org not in {k for _, k in roles}:
                        roles.append(("organization", org))
                        break
        if segment is None and draft.type not in ("Statement",) and not self._has_subject(sentence, mentions, quotes):
            # the subject is left out, as Korean does, when it is the previous sentence's subject
            # (대한항공이 ... 합병한다. 지난해 12월 아시아나항공 지분을 인수해 ...; 최 대표는 ...
            # 밝혔다. 글로벌 사업 확장을 약속했다): a person where people take part, with their
            # organisation
            previous = self.doc.sentences[sentence.index - 1] if sentence.index > 0 else None
            subject = self.ents.subject_of(previous, prefer_person=True) \
                if previous is not None and previous.zone is None else None
            kind = subject.split("/", 1)[0] if subject else None
            keys = {k for _, k in roles}
            if kind == "Person":
                orgs = [o for o in self.ents.organizations_of(subject)[:1]
                        if o in self.ents.found and self.ents.found[o].type != "NewsOutlet"]
                if draft.type == "Plan" or EVENTS[draft.type].person_subject_role:
                    if subject not in keys:
                        roles.append(("agent" if draft.type == "Plan" else EVENTS[draft.type].person_subject_role, subject))
                    roles.extend(("organization", o) for o in orgs if o not in keys)
                else:  # 한빛전자 김 대표는 ...: the company acts through its head
                    subject, kind = (orgs[0], orgs[0].split("/", 1)[0]) if orgs else (None, None)
            if kind in ("Company", "Organization") and subject not in keys:
                roles.append(("investee" if received else EVENTS[draft.type].company_subject_role, subject))
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
        if draft.type in ("ProductLaunch", "Recall", "Plan") and "Product" not in actor_types and segment is None:
            product = self._main_of("Product", sentence)  # 신작을 정식 출시했다: the game the story is about
            if product:
                roles.append(("product", product))
                actor_types.add("Product")
        keys = {k for _, k in roles}
        owner = next((self.ents.found[k].owner for r, k in roles if r == "facility" and self.ents.found[k].owner), None)
        if owner and owner in self.ents.found and owner not in keys and "Company" not in actor_types:
            roles.append(("organization", owner))  # 광주공장 화재: the plant's company takes part
            actor_types.add("Company")
        if draft.type in INCIDENTS and "Company" not in actor_types and self.dominant \
                and self.dominant not in {k for _, k in roles} and segment is None:
            # 회사와 소방 당국에 따르면 ... 다쳤다: an incident is the company's, not the authority's
            roles.append(("organization", self.dominant))
            actor_types.add("Company")
        if draft.type == "Partnership" and sum(r == "partner" for r, _ in roles) == 1 and self.dominant \
                and self.dominant not in {k for _, k in roles}:
            roles.append(("partner", self.dominant))  # (넷마블은) 엔씨소프트와 전략적 제휴: both partners
        if draft.type != "Statement" and not actor_types & {"Company", "Organization", "Person"}:
            owner = next((self.ents.found[k].owner for _, k in roles if self.ents.found[k].owner), None)
            if owner and owner in self.ents.found:
                roles.append(("organization", owner))
            elif self.dominant and "Facility" not in actor_types:
                roles.append(("organization", self.dominant))
                draft.confidence = round(draft.confidence * 0.8, 2)
        if draft.type == "Plan":
            self._plan_roles(draft, sentence, roles)
        event = EVENTS[draft.type]
        if event.organization_role and segment is None \
                and not any(self.ents.found[k].type in ("Company", "Product") for _, k in roles):
            # 이번 사고에 대해 ... 조사에 착수했다: the authorities look into the company of that incident
            for key in self._incident_parties(sentence, trigger):
                if key not in {k for _, k in roles}:
                    roles.append(("product" if self.ents.found[key].type == "Product" else event.company_object_role, key))
        if event.organization_role and event.organization_role != event.company_subject_role \
                and not any(r == event.company_subject_role for r, _ in roles) and self.dominant \
                and self.dominant not in {k for _, k in roles} and segment is None:
            # 경찰과 소방당국은 ... 조사 중이다: the authorities investigate the company the story is about
            roles.append((event.company_subject_role, self.dominant))
        draft.roles = roles

    def _split_persons(self, draft: EventDraft, mentions) -> list[EventDraft]:
        """A leadership change of people named together before the trigger, each in turn (김하늘
        전무와 박바다 전무가 각각 사장에 올랐다: the lexicon's `distributive` words): one event
        per person, each with the organisation of that person; else the draft itself."""
        if draft.type not in PERSONAL or draft.quote_segment is not None:
            return [draft]
        people = [(m, f) for m, f in mentions if f.type == "Person" and m.end <= draft.trigger.start]
        group: list = []
        for mention, found in people:
            if group and _COORDINATED_NAMES.fullmatch(self.text[group[-1][0].end:mention.start]):
                group.append((mention, found))
            elif not group or len(group) < 2:
                group = [(mention, found)]
        tail = self.text[group[-1][0].end:draft.trigger.start] if len(group) >= 2 else ""
        if not tail or not _CASE_AFTER.match(tail) or _CLAUSE_BREAK.search(tail) or not self.lex.distributive.search(tail):
            return [draft]
        keys = [f.key for _, f in group]
        if len(set(keys)) < 2:
            return [draft]
        rest = [(r, k) for r, k in draft.roles if r != "person" and self.ents.found[k].type not in ("Company", "Organization")]
        drafts = []
        for key in dict.fromkeys(keys):
            orgs = [o for o in self.ents.organizations_of(key)[:1] if o in self.ents.found]
            roles = [("person", key)] + [("organization", o) for o in orgs] + rest
            drafts.append(replace(draft, roles=roles, key_participants={key}, mentions=[], causes=set()))
        return drafts

    def _incident_parties(self, sentence: Sentence, trigger: Mention) -> list[str]:
        """The companies and products of the incident an anaphor before the trigger refers to
        (미래부는 이번 사고에 대해 조사에 착수했다: the breach already told, and its company)."""
        for m in self.lex.anaphora.finditer(sentence.text):
            if sentence.start + m.end() > trigger.start:
                break
            types = ANAPHOR_TYPES.get(re.sub(r"^\S+\s*", "", m.group(0)), INCIDENTS)
            for other in reversed(self.drafts):
                parties = [k for _, k in other.roles if self.ents.found[k].type in ("Company", "Product")]
                if other.type in types and other.factuality is None and parties:
                    return parties  # the latest incident of that kind that happened, with its company
        return []

    def _joint_subject(self, sentence: Sentence, before: int, quotes: list[QuoteSpan]) -> tuple[str, ...]:
        """The companies a joint subject before the trigger names (양사는, 두 회사가, 통신3사는, 각
        통신사들은): those of the nearest sentence naming two or more companies together, the most
        named of them when the subject gives a number; none when no sentence names them together."""
        clause = self.text[sentence.start:before]
        match = next((m for m in self.lex.joint.finditer(clause)
                      if not in_spans(sentence.start + m.start(), sentence.start + m.end(), quotes)), None)
        if match is None:
            return ()
        word = match.group(0)
        count = next((n for cue, n in _JOINT_COUNTS if cue in word), None)
        for index in range(sentence.index, -1, -1):
            group: list[str] = []
            for _, found in self.ents.mentions_in(self.doc.sentences[index]):
                if found.type == "Company" and found.key not in group:
                    group.append(found.key)
            if len(group) >= 2:
                break
        else:
            return ()
        if count and len(group) > count:
            rank = sorted(group, key=lambda k: -len(self.ents.found[k].mentions))
            group = [k for k in group if k in rank[:count]]
        return tuple(group) if not count or len(group) == count else ()

    def _has_subject(self, sentence: Sentence, mentions, quotes: list[QuoteSpan]) -> bool:
        """Whether the sentence names its own subject outside quotations: an organisation or person
        right before 은/는/이/가/께서 (CJ ENM 보통주 ...도 사들였다 names none: 도 marks the shares)."""
        if self.ents.subject_of(sentence, quotes) is None:
            return False
        return any(found.type in ("Company", "Organization", "Person")
                   and not in_spans(mention.start, mention.end, quotes)
                   and re.match(r"(?:은|는|이|가|도|측은|측이|께서)(?:\s|$)", self.text[mention.end:mention.end + 3])
                   for mention, found in mentions) or self.ents.company_side(sentence.text) is not None

    def _key_participant(self, draft: EventDraft, nearby) -> str | None:
        """The actor this mention is about: a person for a leadership change, else the company or
        organisation named as subject before the trigger (한빛건설이 법정관리를 신청했다); None when
        no subject is named."""
        # (an incident is a company's: 노동청은 붕괴 사고와 관련해 압수수색했다 is not the authority's)
        wanted = ("Person",) if draft.type in PERSONAL else ("Company",) if draft.type in INCIDENTS \
            else ("Company", "Organization")
        before = sorted(((m, f) for _, m, f in nearby if m.end <= draft.trigger.start and f.type in wanted),
                        key=lambda mf: mf[0].start)
        for mention, found in reversed(before):
            if _SUBJECT.match(self._particle_after(mention)):
                return found.key
        return None

    def _main_facility(self, sentence: Sentence) -> str | None:
        """The facility an incident happened at when its sentence names none: the one named in the
        previous sentence, else the article's only (or most mentioned) facility."""
        return self._main_of("Facility", sentence)

    def _main_of(self, etype: str, sentence: Sentence) -> str | None:
        """The entity of a type an event is about when its sentence names none: the one named in
        the previous sentence, else the article's only (or most mentioned) one."""
        facilities = [f for f in self.ents.found.values() if f.type == etype]
        if not facilities:
            return None
        index = self._entity_index()
        previous = [f for f in facilities if sentence.index - 1 in index[f.key][1]]
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
