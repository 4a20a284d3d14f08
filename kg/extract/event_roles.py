"""Participants of an event and their roles: the entities of its clause with the role the registry's
table gives (ontologies/kg.ttl), the speaker of the quotation it is said in, the omitted subject of
the previous sentence, the organisation of a person, the facility of an incident."""

from __future__ import annotations

import re

from ..model import Mention, Sentence
from ..registry import EVENTS, role_for
from .entities import Found
from .eventdraft import INCIDENTS, PERSONAL, PHYSICAL, EventDraft
from .text import QuoteSpan, in_spans

__all__ = ["RoleRules"]

_SUBJECT = re.compile(r"^(은|는|이|가|측은|측이|도|께서)$")


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
            low, high = sorted((mention.end, trigger.start))
            if found.type != "Person" and not _SUBJECT.match(self._particle_after(mention)) and any(
                    low <= r.start < high or trigger.end <= mention.start < r.start for r in rivals):
                continue  # the object of the other trigger (its clause ends at that trigger)
            nearby.append((abs(mention.start - trigger.start), mention, found))
        nearby.sort(key=lambda x: x[0])
        for _, mention, found in nearby[:5]:
            role = self._role_for(draft.type, found, mention)
            if role and (role, found.key) not in roles:
                roles.append((role, found.key))
        if segment is None:
            for key in self._joint_subject(sentence, trigger.start, quotes):
                if key not in {k for _, k in roles}:
                    roles.append((role_for(draft.type, "Company", True) or "organization", key))
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
        event = EVENTS[draft.type]
        if event.organization_role and event.organization_role != event.company_subject_role \
                and not any(r == event.company_subject_role for r, _ in roles) and self.dominant \
                and self.dominant not in {k for _, k in roles} and segment is None:
            # 경찰과 소방당국은 ... 조사 중이다: the authorities investigate the company the story is about
            roles.append((event.company_subject_role, self.dominant))
        draft.roles = roles

    def _joint_subject(self, sentence: Sentence, before: int, quotes: list[QuoteSpan]) -> tuple[str, ...]:
        """Both companies when the clause before the trigger names them jointly (양사는, 두 회사가):
        the two companies most named in the article, provided some sentence names them together;
        else none."""
        clause = self.text[sentence.start:before]
        match = next((m for m in self.lex.joint.finditer(clause)
                      if not in_spans(sentence.start + m.start(), sentence.start + m.end(), quotes)), None)
        if match is None:
            return ()
        companies = sorted((f for f in self.ents.found.values() if f.type == "Company"),
                           key=lambda f: (-len(f.mentions), min(m.start for m in f.mentions)))
        if len(companies) < 2:
            return ()
        first, second = companies[0], companies[1]
        together = {m.sentence for m in first.mentions} & {m.sentence for m in second.mentions}
        return (first.key, second.key) if together else ()

    def _key_participant(self, draft: EventDraft, nearby) -> str | None:
        """The actor this mention is about: a person for a leadership change, else the company or
        organisation named as subject before the trigger (극동건설이 법정관리를 신청했다); None when
        no subject is named."""
        wanted = ("Person",) if draft.type in PERSONAL else ("Company", "Organization")
        before = sorted(((m, f) for _, m, f in nearby if m.end <= draft.trigger.start and f.type in wanted),
                        key=lambda mf: mf[0].start)
        for mention, found in reversed(before):
            if _SUBJECT.match(self._particle_after(mention)):
                return found.key
        return None

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
