"""Tests of the ontology (ontologies/kg.ttl), the SHACL shapes (ontologies/shapes.ttl) and the
generated namespace module (kg/namespace.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Callable

import pytest
from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, PROV, SH, SKOS

pyshacl = pytest.importorskip("pyshacl")

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontologies" / "kg.ttl"
SHAPES = ROOT / "ontologies" / "shapes.ttl"
GENERATOR = ROOT / "scripts" / "generate_namespace.py"
NAMESPACE_MODULE = ROOT / "kg" / "namespace.py"

KG = Namespace("https://w3id.org/kgnews/ontology#")
KGR = Namespace("https://w3id.org/kgnews/id/")
SCHEMA = Namespace("https://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
ORG = Namespace("http://www.w3.org/ns/org#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
# A plain Namespace: rdflib's XSD DefinedNamespace warns when pytest probes module attributes.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

ENTITY_NAMES = ("Company", "Organization", "NewsOutlet", "Person", "Facility", "Location", "Product")
EVENT_NAMES = (
    "Fire", "Accident", "ServiceOutage", "DataBreach", "Recall", "ProductionHalt", "Appointment",
    "Resignation", "Dismissal", "EarningsCall", "EarningsAnnouncement", "Acquisition", "Merger",
    "Investment", "IPO", "Bankruptcy", "Lawsuit", "Settlement", "Sanction", "Investigation", "Layoff",
    "Strike", "ProductLaunch", "Partnership", "Apology", "Plan", "Statement",
)  # fmt: skip
ACTOR_ROLES = (
    "agent", "affected", "organization", "person", "speaker", "acquirer", "target", "investor",
    "investee", "plaintiff", "defendant", "authority", "partner", "product",
)  # fmt: skip
PLACE_ROLES = ("facility", "location")
OWL_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    return _load("generate_namespace", GENERATOR)


def _kg_terms(graph: Graph) -> set[URIRef]:
    """Every IRI in the kg namespace used anywhere in the graph (subject, predicate or object)."""
    return {t for triple in graph for t in triple if isinstance(t, URIRef) and str(t).startswith(str(KG))}


# ---------------------------------------------------------------------------------------------
# (a) generated namespace module
# ---------------------------------------------------------------------------------------------


def test_ontology_namespace_module_matches_generator_output(generator):
    expected = generator.render(ONTOLOGY)
    assert NAMESPACE_MODULE.read_text(encoding="utf-8") == expected, (
        "kg/namespace.py is out of date; run `python scripts/generate_namespace.py`"
    )


def test_ontology_generator_is_deterministic(generator):
    assert generator.render(ONTOLOGY) == generator.render(str(ONTOLOGY))


def test_ontology_generator_check_flags_drift(generator, tmp_path, capsys):
    stale = tmp_path / "namespace.py"
    stale.write_text(generator.render(ONTOLOGY).replace("    Fire: URIRef", "    Fyre: URIRef"), encoding="utf-8")
    assert generator.main(["--check", "--output", str(stale)]) == 1
    assert "out of date" in capsys.readouterr().err
    fresh = tmp_path / "fresh.py"
    assert generator.main(["--output", str(fresh)]) == 0
    assert generator.main(["--check", "--output", str(fresh)]) == 0


def test_ontology_namespace_module_declares_every_term(ontology):
    module = _load("kg_namespace_under_test", NAMESPACE_MODULE)
    declared = {
        t for kind in OWL_TYPES for t in ontology.subjects(RDF.type, kind) if str(t).startswith(str(KG))
    }
    in_module = {module.KG[name] for name in module.KG.__annotations__}
    assert in_module == declared
    assert module.KG.Company == KG.Company
    with pytest.raises(AttributeError):
        module.KG.Compnay  # noqa: B018 - _fail = True rejects unknown terms
    assert module.KGR == KGR
    assert module.ENTITY_CLASSES == tuple(KG[n] for n in ENTITY_NAMES)
    assert module.EVENT_CLASSES == tuple(KG[n] for n in EVENT_NAMES)


# ---------------------------------------------------------------------------------------------
# (b) every term typed, labelled and commented; (c) fixed local names
# ---------------------------------------------------------------------------------------------


def test_ontology_header_has_title_version_and_license(ontology):
    header = URIRef("https://w3id.org/kgnews/ontology")
    assert (header, RDF.type, OWL.Ontology) in ontology
    assert (header, OWL.versionInfo, Literal("0.1.0")) in ontology
    cc_by = URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert (header, URIRef("http://purl.org/dc/terms/license"), cc_by) in ontology
    assert not list(ontology.objects(header, OWL.imports))


def test_ontology_every_term_is_typed_labelled_and_commented(ontology):
    terms = _kg_terms(ontology)
    assert len(terms) > 60
    problems = []
    for term in sorted(terms):
        types = set(ontology.objects(term, RDF.type)) & set(OWL_TYPES)
        if len(types) != 1:
            problems.append(f"{term}: OWL types {sorted(types)}")
        for lang in ("ko", "en"):
            labels = [o for o in ontology.objects(term, RDFS.label) if getattr(o, "language", None) == lang]
            if len(labels) != 1:
                problems.append(f"{term}: {len(labels)} rdfs:label @{lang}")
        comments = [o for o in ontology.objects(term, RDFS.comment) if getattr(o, "language", None) == "en"]
        if len(comments) != 1 or len(str(comments[0])) < 20:
            problems.append(f"{term}: needs one English rdfs:comment")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", ENTITY_NAMES)
def test_ontology_declares_entity_class(ontology, name):
    assert (KG[name], RDF.type, OWL.Class) in ontology
    assert (KG[name], RDFS.subClassOf, KG.Entity) in ontology


@pytest.mark.parametrize("name", EVENT_NAMES)
def test_ontology_declares_event_class(ontology, name):
    assert (KG[name], RDF.type, OWL.Class) in ontology
    assert (KG[name], RDFS.subClassOf, KG.Event) in ontology


def test_ontology_event_classes_are_exactly_the_27(ontology):
    direct = {s for s in ontology.subjects(RDFS.subClassOf, KG.Event) if isinstance(s, URIRef)}
    assert direct == {KG[n] for n in EVENT_NAMES}
    assert len(EVENT_NAMES) == 27


def test_ontology_event_classes_are_pairwise_disjoint(ontology):
    from rdflib.collection import Collection

    member_lists = [
        set(Collection(ontology, members))
        for axiom in ontology.subjects(RDF.type, OWL.AllDisjointClasses)
        for members in ontology.objects(axiom, OWL.members)
    ]
    assert {KG[n] for n in EVENT_NAMES} in member_lists


def test_ontology_aligns_top_classes(ontology):
    for cls, sup in [
        (KG.Event, SEM.Event), (KG.Event, SCHEMA.Event), (KG.Entity, PROV.Entity),
        (KG.Company, ORG.FormalOrganization), (KG.Person, SCHEMA.Person), (KG.Facility, SEM.Place),
        (KG.Mention, NIF.String), (KG.Sentence, NIF.Sentence), (KG.ExtractionRun, PROV.Activity),
        (KG.Title, SKOS.Concept), (KG.Title, ORG.Role),
    ]:  # fmt: skip
        assert (cls, RDFS.subClassOf, sup) in ontology, (cls, sup)


def test_ontology_role_properties_are_under_sem(ontology):
    assert (KG.participant, RDFS.subPropertyOf, SEM.hasActor) in ontology
    assert (KG.place, RDFS.subPropertyOf, SEM.hasPlace) in ontology
    for role in ACTOR_ROLES:
        assert (KG[role], RDFS.subPropertyOf, KG.participant) in ontology, role
        assert (KG[role], RDFS.domain, KG.Event) in ontology, role
    for role in PLACE_ROLES:
        assert (KG[role], RDFS.subPropertyOf, KG.place) in ontology, role
    assert (KG.causedBy, OWL.inverseOf, KG.causes) in ontology


def test_ontology_every_shape_constraint_has_a_message(shapes):
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    property_shapes = set(shapes.objects(None, SH.property))
    assert len(node_shapes) >= 7
    missing = [str(s) for s in node_shapes | property_shapes if shapes.value(s, SH.message) is None]
    assert not missing


def test_ontology_shapes_target_every_leaf_class(shapes):
    kgsh = Namespace("https://w3id.org/kgnews/shapes#")
    assert set(shapes.objects(kgsh.EntityShape, SH.targetClass)) == {KG[n] for n in ENTITY_NAMES}
    assert set(shapes.objects(kgsh.EventShape, SH.targetClass)) == {KG[n] for n in EVENT_NAMES} | {KG.Event}


def test_ontology_shapes_use_only_declared_kg_terms(ontology, shapes):
    assert _kg_terms(shapes) <= _kg_terms(ontology)


# ---------------------------------------------------------------------------------------------
# (d) a conforming toy graph; (e) defects that must not conform
# ---------------------------------------------------------------------------------------------

TEXT = (
    "(서울=뉴스1) 정은지 기자 = 카카오는 3일 3분기 실적 발표 컨퍼런스콜을 열었다. "
    "지난달 SK C&C 판교 데이터센터 화재로 카카오톡 서비스 장애가 발생했다. "
    "홍은택 카카오 대표는 \"자체 데이터센터를 구축하겠다\"고 말했다."
)

ARTICLE = KGR["article/news1-kakao-2022-11-03"]
CONTEXT = KGR["article/news1-kakao-2022-11-03#context"]
NEWS1 = KGR["outlet/news1"]
KAKAO = KGR["company/kakao"]
SKCC = KGR["company/sk-cc"]
HONG = KGR["person/hong-eun-taek"]
REPORTER = KGR["person/jeong-eun-ji"]
PANGYO_DC = KGR["facility/sk-cc-pangyo-data-center"]
KAKAOTALK = KGR["product/kakaotalk"]
FIRE = KGR["event/news1-kakao-2022-11-03/fire-1"]
OUTAGE = KGR["event/news1-kakao-2022-11-03/outage-1"]
CALL = KGR["event/news1-kakao-2022-11-03/earnings-call-1"]
STATEMENT = KGR["event/news1-kakao-2022-11-03/statement-1"]
MEMBERSHIP = KGR["membership/hong-eun-taek/kakao/ceo"]
CEO = KGR["title/ceo"]
RUN = KGR["run/news1-kakao-2022-11-03/1"]


def _mention(g: Graph, surface: str, occurrence: int = 0) -> URIRef:
    """Add a kg:Mention of `surface` (its `occurrence`-th appearance in TEXT) and its sentence."""
    begin = -1
    for _ in range(occurrence + 1):
        begin = TEXT.index(surface, begin + 1)
    end = begin + len(surface)
    s_begin = TEXT.rfind(". ", 0, begin)
    s_begin = 0 if s_begin < 0 else s_begin + 2
    s_end = TEXT.find(". ", end)
    s_end = len(TEXT) if s_end < 0 else s_end + 1
    sentence = KGR[f"article/news1-kakao-2022-11-03#char={s_begin},{s_end}"]
    g.add((sentence, RDF.type, KG.Sentence))
    g.set((sentence, NIF.beginIndex, Literal(s_begin, datatype=XSD.nonNegativeInteger)))
    g.set((sentence, NIF.endIndex, Literal(s_end, datatype=XSD.nonNegativeInteger)))
    g.set((sentence, NIF.anchorOf, Literal(TEXT[s_begin:s_end])))
    g.set((sentence, NIF.referenceContext, CONTEXT))
    mention = KGR[f"article/news1-kakao-2022-11-03#char={begin},{end}"]
    g.add((mention, RDF.type, KG.Mention))
    g.add((mention, NIF.beginIndex, Literal(begin, datatype=XSD.nonNegativeInteger)))
    g.add((mention, NIF.endIndex, Literal(end)))  # plain xsd:integer is accepted too
    g.add((mention, NIF.anchorOf, Literal(surface)))
    g.add((mention, NIF.referenceContext, CONTEXT))
    g.add((mention, KG.sentence, sentence))
    g.add((mention, KG.confidence, Literal("0.9", datatype=XSD.decimal)))
    return mention


def _entity(g: Graph, node: URIRef, cls: URIRef, ko: str, en: str | None, surface: str, occurrence: int = 0) -> None:
    g.add((node, RDF.type, cls))
    g.add((node, RDFS.label, Literal(ko, lang="ko")))
    if en:
        g.add((node, RDFS.label, Literal(en, lang="en")))
    g.add((node, PROV.wasDerivedFrom, ARTICLE))
    g.add((node, KG.evidence, _mention(g, surface, occurrence)))
    g.add((node, KG.mentionCount, Literal(1)))


def _event(g: Graph, node: URIRef, cls: URIRef, trigger: str, confidence: str) -> None:
    g.add((node, RDF.type, cls))
    g.add((node, PROV.wasDerivedFrom, ARTICLE))
    g.add((node, KG.trigger, Literal(trigger)))
    g.add((node, KG.confidence, Literal(confidence, datatype=XSD.decimal)))
    g.add((node, KG.evidence, _mention(g, trigger)))


def build_toy_graph() -> Graph:
    g = Graph()
    for prefix, ns in [("kg", KG), ("kgr", KGR), ("schema", SCHEMA), ("sem", SEM), ("org", ORG), ("nif", NIF)]:
        g.bind(prefix, ns)

    # article and extraction run
    g.add((ARTICLE, RDF.type, SCHEMA.NewsArticle))
    g.add((ARTICLE, SCHEMA.identifier, Literal("news1-kakao-2022-11-03")))
    g.add((ARTICLE, SCHEMA.headline, Literal("카카오 3분기 실적 발표", lang="ko")))
    g.add((ARTICLE, SCHEMA.datePublished, Literal("2022-11-03", datatype=XSD.date)))
    g.add((ARTICLE, SCHEMA.publisher, NEWS1))
    g.add((ARTICLE, SCHEMA.author, REPORTER))
    g.add((ARTICLE, SCHEMA.url, Literal("https://www.news1.kr/articles/4856423", datatype=XSD.anyURI)))
    g.add((ARTICLE, SCHEMA.articleSection, Literal("IT", lang="ko")))
    g.add((ARTICLE, KG.sourceFile, Literal("data/dev/news1-kakao-2022-11-03.txt")))
    g.add((ARTICLE, KG.contentHash, Literal("0" * 64)))
    g.add((CONTEXT, RDF.type, NIF.Context))
    g.add((CONTEXT, NIF.isString, Literal(TEXT)))
    g.add((RUN, RDF.type, KG.ExtractionRun))
    g.add((RUN, PROV.used, ARTICLE))

    # entities (the outlet and the reporter from the dateline and byline)
    _entity(g, NEWS1, KG.NewsOutlet, "뉴스1", "News1", "뉴스1")
    _entity(g, KAKAO, KG.Company, "카카오", "Kakao", "카카오")
    _entity(g, SKCC, KG.Company, "SK C&C", "SK C&C", "SK C&C")
    _entity(g, HONG, KG.Person, "홍은택", "Hong Eun-taek", "홍은택")
    _entity(g, REPORTER, KG.Person, "정은지", "Jeong Eun-ji", "정은지")
    _entity(g, PANGYO_DC, KG.Facility, "SK C&C 판교 데이터센터", "SK C&C Pangyo Data Center", "판교 데이터센터")
    _entity(g, KAKAOTALK, KG.Product, "카카오톡", "KakaoTalk", "카카오톡")
    g.add((KAKAO, KG.ticker, Literal("035720")))
    g.add((KAKAO, KG.gazetteerId, Literal("company:kakao")))
    g.add((PANGYO_DC, KG.ownedBy, SKCC))
    g.add((KAKAOTALK, KG.ownedBy, KAKAO))
    g.add((KAKAO, SKOS.altLabel, Literal("(주)카카오", lang="ko")))

    # a fire causing a service outage, last month
    _event(g, FIRE, KG.Fire, "화재", "0.95")
    g.add((FIRE, KG.facility, PANGYO_DC))
    g.add((FIRE, KG.affected, SKCC))
    g.add((FIRE, SEM.hasTimeStamp, Literal("2022-10", datatype=XSD.gYearMonth)))
    g.add((FIRE, KG.timePrecision, Literal("month")))
    g.add((FIRE, KG.timeExpression, Literal("지난달")))
    g.add((FIRE, KG.causes, OUTAGE))
    _event(g, OUTAGE, KG.ServiceOutage, "장애", "0.9")
    g.add((OUTAGE, KG.affected, KAKAO))
    g.add((OUTAGE, KG.product, KAKAOTALK))
    g.add((OUTAGE, SEM.hasTimeStamp, Literal("2022-10", datatype=XSD.gYearMonth)))
    g.add((OUTAGE, KG.causedBy, FIRE))

    # the earnings call
    _event(g, CALL, KG.EarningsCall, "컨퍼런스콜", "0.9")
    g.add((CALL, KG.organization, KAKAO))
    g.add((CALL, KG.speaker, HONG))
    g.add((CALL, KG.fiscalPeriod, Literal("2022-Q3")))
    g.add((CALL, SEM.hasTimeStamp, Literal("2022-11-03", datatype=XSD.date)))
    g.add((CALL, KG.timePrecision, Literal("day")))

    # a quotation
    _event(g, STATEMENT, KG.Statement, "말했다", "0.8")
    g.add((STATEMENT, KG.speaker, HONG))
    g.add((STATEMENT, KG.quote, Literal("자체 데이터센터를 구축하겠다")))
    g.add((STATEMENT, KG.organization, KAKAO))

    # 홍은택, 대표 of 카카오
    g.add((CEO, RDF.type, KG.Title))
    g.add((CEO, SKOS.prefLabel, Literal("대표", lang="ko")))
    g.add((CEO, SKOS.prefLabel, Literal("CEO", lang="en")))
    g.add((MEMBERSHIP, RDF.type, ORG.Membership))
    g.add((MEMBERSHIP, ORG.member, HONG))
    g.add((MEMBERSHIP, ORG.organization, KAKAO))
    g.add((MEMBERSHIP, ORG.role, CEO))
    g.add((MEMBERSHIP, KG.titleText, Literal("대표")))
    g.add((MEMBERSHIP, KG.confidence, Literal("0.85", datatype=XSD.decimal)))
    g.add((MEMBERSHIP, KG.evidence, _mention(g, "홍은택 카카오 대표")))
    return g


def _validate(data: Graph, shapes: Graph) -> tuple[bool, Graph, str]:
    return pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=False)


def test_ontology_toy_graph_conforms_to_shapes(shapes):
    conforms, _, text = _validate(build_toy_graph(), shapes)
    assert conforms, text


def test_ontology_toy_graph_uses_only_declared_kg_terms(ontology):
    assert _kg_terms(build_toy_graph()) <= _kg_terms(ontology)


def _remove_quote(g: Graph) -> None:
    g.remove((STATEMENT, KG.quote, None))


def _empty_quote(g: Graph) -> None:
    g.set((STATEMENT, KG.quote, Literal("")))


def _confidence_too_high(g: Graph) -> None:
    g.set((FIRE, KG.confidence, Literal("1.5", datatype=XSD.decimal)))


def _confidence_missing(g: Graph) -> None:
    g.remove((OUTAGE, KG.confidence, None))


def _two_korean_labels(g: Graph) -> None:
    g.add((KAKAO, RDFS.label, Literal("카카오주식회사", lang="ko")))


def _no_korean_label(g: Graph) -> None:
    g.remove((HONG, RDFS.label, Literal("홍은택", lang="ko")))


def _untagged_label(g: Graph) -> None:
    g.add((KAKAOTALK, RDFS.label, Literal("kakaotalk")))


def _entity_without_evidence(g: Graph) -> None:
    g.remove((SKCC, KG.evidence, None))


def _event_without_provenance(g: Graph) -> None:
    g.remove((CALL, PROV.wasDerivedFrom, None))


def _untyped_time_stamp(g: Graph) -> None:
    g.set((FIRE, SEM.hasTimeStamp, Literal("2022-10")))


def _bad_fiscal_period(g: Graph) -> None:
    g.set((CALL, KG.fiscalPeriod, Literal("2022 3분기")))


def _literal_role_value(g: Graph) -> None:
    g.add((OUTAGE, KG.affected, Literal("카카오")))


def _literal_org_role(g: Graph) -> None:
    g.set((MEMBERSHIP, ORG.role, Literal("대표")))


def _blank_cause(g: Graph) -> None:
    g.add((FIRE, KG.causes, BNode()))


def _article_without_identifier(g: Graph) -> None:
    g.remove((ARTICLE, SCHEMA.identifier, None))


def _publisher_not_outlet(g: Graph) -> None:
    g.set((ARTICLE, SCHEMA.publisher, KAKAO))


def _mention_without_end(g: Graph) -> None:
    mention = g.value(KAKAOTALK, KG.evidence)
    g.remove((mention, NIF.endIndex, None))


@pytest.mark.parametrize(
    ("defect", "focus"),
    [
        (_remove_quote, STATEMENT),
        (_empty_quote, STATEMENT),
        (_confidence_too_high, FIRE),
        (_confidence_missing, OUTAGE),
        (_two_korean_labels, KAKAO),
        (_no_korean_label, HONG),
        (_untagged_label, KAKAOTALK),
        (_entity_without_evidence, SKCC),
        (_event_without_provenance, CALL),
        (_untyped_time_stamp, FIRE),
        (_bad_fiscal_period, CALL),
        (_literal_role_value, OUTAGE),
        (_literal_org_role, MEMBERSHIP),
        (_blank_cause, FIRE),
        (_article_without_identifier, ARTICLE),
        (_publisher_not_outlet, ARTICLE),
        (_mention_without_end, None),  # focus: the mention, looked up below
    ],
    ids=lambda v: v.__name__.lstrip("_") if callable(v) else None,
)
def test_ontology_defective_graph_does_not_conform(shapes, defect: Callable[[Graph], None], focus):
    data = build_toy_graph()
    if focus is None:
        focus = data.value(KAKAOTALK, KG.evidence)
    defect(data)
    conforms, report, text = _validate(data, shapes)
    assert not conforms
    focus_nodes = set(report.objects(None, SH.focusNode))
    assert focus in focus_nodes, text
    assert str(focus) in text
