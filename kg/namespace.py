"""kg ontology namespace (generated, do not edit).

Generated from ontologies/kg.ttl (version 0.1.0) by scripts/generate_namespace.py;
run `python scripts/generate_namespace.py` after changing the ontology.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class KG(DefinedNamespace):
    """
    kg: knowledge graph ontology for corporate events in Korean news

    Classes and properties used by kg to describe the companies, organisations, people, facilities,
    locations, products and news outlets named in Korean news articles, the corporate events they
    take part in (fires, outages, appointments, earnings calls, acquisitions, sanctions, statements,
    ...), and the text evidence and provenance behind every extracted fact.

    Generated from: https://w3id.org/kgnews/ontology#
    """

    _NS = Namespace("https://w3id.org/kgnews/ontology#")
    _fail = True

    # Classes (http://www.w3.org/2002/07/owl#Class)
    Accident: URIRef  # Accident
    Acquisition: URIRef  # Acquisition
    Apology: URIRef  # Apology
    Appointment: URIRef  # Appointment
    Bankruptcy: URIRef  # Bankruptcy
    Company: URIRef  # Company
    DataBreach: URIRef  # Data breach
    Dismissal: URIRef  # Dismissal
    EarningsAnnouncement: URIRef  # Earnings announcement
    EarningsCall: URIRef  # Earnings call
    Entity: URIRef  # Entity
    Event: URIRef  # Event
    ExtractionRun: URIRef  # Extraction run
    Facility: URIRef  # Facility
    Fire: URIRef  # Fire
    IPO: URIRef  # Initial public offering
    Investigation: URIRef  # Investigation
    Investment: URIRef  # Investment
    Lawsuit: URIRef  # Lawsuit
    Layoff: URIRef  # Layoff
    Location: URIRef  # Location
    Mention: URIRef  # Mention
    Merger: URIRef  # Merger
    NewsOutlet: URIRef  # News outlet
    Occurrence: URIRef  # Occurrence
    Organization: URIRef  # Organization
    Partnership: URIRef  # Partnership
    Person: URIRef  # Person
    Plan: URIRef  # Plan
    Product: URIRef  # Product
    ProductLaunch: URIRef  # Product launch
    ProductionHalt: URIRef  # Production halt
    Recall: URIRef  # Recall
    Resignation: URIRef  # Resignation
    Sanction: URIRef  # Sanction
    Sentence: URIRef  # Sentence
    ServiceOutage: URIRef  # Service outage
    Settlement: URIRef  # Settlement
    Statement: URIRef  # Statement
    Strike: URIRef  # Strike
    Title: URIRef  # Title

    # Object properties (http://www.w3.org/2002/07/owl#ObjectProperty)
    acquirer: URIRef  # acquirer
    affected: URIRef  # affected
    agent: URIRef  # agent
    authority: URIRef  # authority
    causedBy: URIRef  # caused by
    causes: URIRef  # causes
    defendant: URIRef  # defendant
    evidence: URIRef  # evidence
    facility: URIRef  # facility
    investee: URIRef  # investee
    investor: URIRef  # investor
    keyParticipant: URIRef  # key participant
    location: URIRef  # location
    occurrence: URIRef  # occurrence
    occurrenceType: URIRef  # occurrence type
    organization: URIRef  # organization
    ownedBy: URIRef  # owned by
    participant: URIRef  # participant
    partner: URIRef  # partner
    person: URIRef  # person
    place: URIRef  # place
    plaintiff: URIRef  # plaintiff
    product: URIRef  # product
    sentence: URIRef  # sentence
    speaker: URIRef  # speaker
    target: URIRef  # target

    # Datatype properties (http://www.w3.org/2002/07/owl#DatatypeProperty)
    confidence: URIRef  # confidence
    contentHash: URIRef  # content hash
    factuality: URIRef  # factuality
    fiscalPeriod: URIRef  # fiscal period
    gazetteerId: URIRef  # gazetteer id
    mentionCount: URIRef  # mention count
    period: URIRef  # period
    quote: URIRef  # quote
    sourceFile: URIRef  # source file
    ticker: URIRef  # ticker
    timeExpression: URIRef  # time expression
    timePrecision: URIRef  # time precision
    titleText: URIRef  # title text
    trigger: URIRef  # trigger

    # Annotation properties (http://www.w3.org/2002/07/owl#AnnotationProperty)
    companyObjectRole: URIRef  # company object role
    companySubjectRole: URIRef  # company subject role
    displayColor: URIRef  # display colour
    eventFamily: URIRef  # event family
    organizationRole: URIRef  # organisation role
    personObjectRole: URIRef  # person object role
    personSubjectRole: URIRef  # person subject role
    plannable: URIRef  # plannable


# Instance data: entities, events, mentions, sentences, memberships, titles, articles.
KGR = Namespace("https://w3id.org/kgnews/id/")

# Entity classes and the 27 event classes, in the order of the ontology's owl:unionOf axioms.
ENTITY_CLASSES: tuple[URIRef, ...] = (
    KG.Company,
    KG.Organization,
    KG.NewsOutlet,
    KG.Person,
    KG.Facility,
    KG.Location,
    KG.Product,
)
EVENT_CLASSES: tuple[URIRef, ...] = (
    KG.Fire,
    KG.Accident,
    KG.ServiceOutage,
    KG.DataBreach,
    KG.Recall,
    KG.ProductionHalt,
    KG.Appointment,
    KG.Resignation,
    KG.Dismissal,
    KG.EarningsCall,
    KG.EarningsAnnouncement,
    KG.Acquisition,
    KG.Merger,
    KG.Investment,
    KG.IPO,
    KG.Bankruptcy,
    KG.Lawsuit,
    KG.Settlement,
    KG.Sanction,
    KG.Investigation,
    KG.Layoff,
    KG.Strike,
    KG.ProductLaunch,
    KG.Partnership,
    KG.Apology,
    KG.Plan,
    KG.Statement,
)
