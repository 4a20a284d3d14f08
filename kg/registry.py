"""Event registry (generated, do not edit).

Generated from ontologies/kg.ttl by scripts/generate_namespace.py: the event types with their family,
plannable flag, display colour and role table, the entity types and the role properties. Code,
exports and tests read these instead of keeping their own lists.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["EventType", "ENTITY_TYPES", "EVENT_TYPES", "EVENTS", "ENTITY_COLORS", "ACTOR_ROLES",
           "FIXED_ROLES", "FAMILIES", "family", "plannable", "person_events", "role_for", "color"]


class EventType(NamedTuple):
    """One event class of the ontology with its registry annotations."""

    name: str  # class local name (Fire)
    label_ko: str
    label_en: str
    family: str  # incident | leadership | finance | legal | workforce | business | communication
    plannable: bool  # still this event when announced for the future (else a Plan)
    color: str  # #rrggbb in exports and the viewer
    company_subject_role: str  # role of a company named as the subject (은/는/이/가)
    company_object_role: str  # role of a company named otherwise
    organization_role: str | None  # role of a non-business organisation, whatever its particle
    person_subject_role: str | None  # None: people take part only through their organisation
    person_object_role: str | None


def family(name: str) -> tuple[str, ...]:
    """The event types of one family, in ontology order (``family("incident")``)."""
    return tuple(t for t in EVENT_TYPES if EVENTS[t].family == name)


def plannable() -> tuple[str, ...]:
    return tuple(t for t in EVENT_TYPES if EVENTS[t].plannable)


def person_events() -> tuple[str, ...]:
    """Event types in which a named person takes part as such."""
    return tuple(t for t in EVENT_TYPES if EVENTS[t].person_subject_role)


def role_for(event_type: str, entity_type: str, subject: bool) -> str | None:
    """The role property (local name) linking an event of ``event_type`` to an entity of
    ``entity_type`` named as the subject of its clause (``subject``) or otherwise; None when such an
    entity takes no part as such."""
    if entity_type in FIXED_ROLES:
        return FIXED_ROLES[entity_type]
    event = EVENTS[event_type]
    if entity_type == "Person":
        if subject or event.person_object_role is None:
            return event.person_subject_role
        return event.person_object_role
    if entity_type == "Organization" and event.organization_role:
        return event.organization_role
    return event.company_subject_role if subject else event.company_object_role


def color(node_type: str) -> str:
    """Display colour of an entity or event class (grey for anything else)."""
    if node_type in EVENTS:
        return EVENTS[node_type].color
    return ENTITY_COLORS.get(node_type, "#999999")


ENTITY_TYPES: tuple[str, ...] = ('Company', 'Organization', 'NewsOutlet', 'Person', 'Facility', 'Location', 'Product',)
EVENT_TYPES: tuple[str, ...] = (
    'Fire',
    'Accident',
    'ServiceOutage',
    'DataBreach',
    'Recall',
    'ProductionHalt',
    'Appointment',
    'Resignation',
    'Dismissal',
    'EarningsCall',
    'EarningsAnnouncement',
    'Acquisition',
    'Merger',
    'Investment',
    'IPO',
    'Bankruptcy',
    'Lawsuit',
    'Settlement',
    'Sanction',
    'Investigation',
    'Layoff',
    'Strike',
    'ProductLaunch',
    'Partnership',
    'Apology',
    'Plan',
    'Statement',
)
ACTOR_ROLES: tuple[str, ...] = ('acquirer', 'affected', 'agent', 'authority', 'defendant', 'investee', 'investor', 'organization', 'partner', 'person', 'plaintiff', 'product', 'speaker', 'target',)
# entity type -> the role it always takes (where an event happened, what it concerns)
FIXED_ROLES: dict[str, str] = {'Facility': 'facility', 'Location': 'location', 'Product': 'product'}
ENTITY_COLORS: dict[str, str] = {'Company': '#1f77b4', 'Organization': '#17becf', 'NewsOutlet': '#7f7f7f', 'Person': '#e6a700', 'Facility': '#8c564b', 'Location': '#2ca02c', 'Product': '#e377c2'}
EVENTS: dict[str, EventType] = {
    'Fire': EventType('Fire', '화재', 'Fire', 'incident', False, '#d62728', 'organization', 'organization', None, None, None),
    'Accident': EventType('Accident', '사고', 'Accident', 'incident', False, '#e8532b', 'organization', 'organization', None, None, None),
    'ServiceOutage': EventType('ServiceOutage', '서비스 장애', 'Service outage', 'incident', False, '#ff7f0e', 'organization', 'organization', None, None, None),
    'DataBreach': EventType('DataBreach', '정보 유출', 'Data breach', 'incident', False, '#c2185b', 'organization', 'organization', None, None, None),
    'Recall': EventType('Recall', '리콜', 'Recall', 'incident', True, '#f06292', 'organization', 'organization', None, None, None),
    'ProductionHalt': EventType('ProductionHalt', '생산 중단', 'Production halt', 'incident', True, '#ef8a62', 'organization', 'organization', None, None, None),
    'Appointment': EventType('Appointment', '선임', 'Appointment', 'leadership', True, '#9467bd', 'organization', 'organization', None, 'person', 'person'),
    'Resignation': EventType('Resignation', '사임', 'Resignation', 'leadership', True, '#6a3d9a', 'organization', 'organization', None, 'person', 'person'),
    'Dismissal': EventType('Dismissal', '해임', 'Dismissal', 'leadership', False, '#b15928', 'organization', 'organization', None, 'person', 'person'),
    'EarningsCall': EventType('EarningsCall', '실적 발표 컨퍼런스콜', 'Earnings call', 'finance', True, '#2e7d32', 'organization', 'organization', None, 'speaker', 'speaker'),
    'EarningsAnnouncement': EventType('EarningsAnnouncement', '실적 발표', 'Earnings announcement', 'finance', False, '#66bb6a', 'organization', 'organization', None, None, None),
    'Acquisition': EventType('Acquisition', '인수', 'Acquisition', 'finance', False, '#00897b', 'acquirer', 'target', None, None, None),
    'Merger': EventType('Merger', '합병', 'Merger', 'finance', False, '#26a69a', 'acquirer', 'target', None, None, None),
    'Investment': EventType('Investment', '투자', 'Investment', 'finance', False, '#9ccc65', 'investor', 'investee', None, None, None),
    'IPO': EventType('IPO', '기업공개', 'Initial public offering', 'finance', False, '#7cb342', 'organization', 'organization', None, None, None),
    'Bankruptcy': EventType('Bankruptcy', '파산', 'Bankruptcy', 'finance', False, '#5d4037', 'organization', 'organization', None, None, None),
    'Lawsuit': EventType('Lawsuit', '소송', 'Lawsuit', 'legal', False, '#a1887f', 'plaintiff', 'defendant', None, 'plaintiff', 'defendant'),
    'Settlement': EventType('Settlement', '합의', 'Settlement', 'legal', False, '#bcaaa4', 'organization', 'organization', None, None, None),
    'Sanction': EventType('Sanction', '제재', 'Sanction', 'legal', False, '#795548', 'affected', 'affected', 'authority', 'agent', 'person'),
    'Investigation': EventType('Investigation', '조사', 'Investigation', 'legal', False, '#8d6e63', 'affected', 'affected', 'authority', 'agent', 'person'),
    'Layoff': EventType('Layoff', '감원', 'Layoff', 'workforce', False, '#00695c', 'organization', 'organization', None, None, None),
    'Strike': EventType('Strike', '파업', 'Strike', 'workforce', False, '#4db6ac', 'affected', 'affected', 'agent', 'agent', 'person'),
    'ProductLaunch': EventType('ProductLaunch', '제품 출시', 'Product launch', 'business', False, '#3949ab', 'organization', 'organization', None, None, None),
    'Partnership': EventType('Partnership', '제휴', 'Partnership', 'business', False, '#5c6bc0', 'partner', 'partner', None, None, None),
    'Apology': EventType('Apology', '사과', 'Apology', 'communication', False, '#90a4ae', 'organization', 'organization', None, 'speaker', 'speaker'),
    'Plan': EventType('Plan', '계획', 'Plan', 'communication', False, '#546e7a', 'organization', 'organization', None, None, None),
    'Statement': EventType('Statement', '발언', 'Statement', 'communication', False, '#b0bec5', 'organization', 'organization', None, 'speaker', 'speaker'),
}
FAMILIES: dict[str, tuple[str, ...]] = {
    'incident': ('Fire', 'Accident', 'ServiceOutage', 'DataBreach', 'Recall', 'ProductionHalt',),
    'leadership': ('Appointment', 'Resignation', 'Dismissal',),
    'finance': ('EarningsCall', 'EarningsAnnouncement', 'Acquisition', 'Merger', 'Investment', 'IPO', 'Bankruptcy',),
    'legal': ('Lawsuit', 'Settlement', 'Sanction', 'Investigation',),
    'workforce': ('Layoff', 'Strike',),
    'business': ('ProductLaunch', 'Partnership',),
    'communication': ('Apology', 'Plan', 'Statement',),
}
