#!/usr/bin/env python3
"""Generate ``kg/namespace.py`` from ``ontologies/kg.ttl``.

The module holds ``class KG(DefinedNamespace)`` (in the style of rdflib's own ``rdflib/namespace``
modules: one annotated attribute per declared term, so that a typo such as ``KG.Compnay`` raises
``AttributeError``), the instance namespace ``KGR`` and the tuples ``ENTITY_CLASSES`` and
``EVENT_CLASSES``.  The order of the two tuples is the order of the ``owl:unionOf`` covering
axioms on ``kg:Entity`` and ``kg:Event`` in the ontology.

Usage (from the repository root or anywhere else)::

    python scripts/generate_namespace.py            # (re)write kg/namespace.py
    python scripts/generate_namespace.py --check    # exit 1 if kg/namespace.py is out of date

The output depends only on the ontology file, so it is deterministic.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ONTOLOGY = ROOT / "ontologies" / "kg.ttl"
DEFAULT_OUTPUT = ROOT / "kg" / "namespace.py"
DEFAULT_REGISTRY = ROOT / "kg" / "registry.py"

KG_NS = "https://w3id.org/kgnews/ontology#"
KGR_NS = "https://w3id.org/kgnews/id/"

# Term kinds, in output order (classes first, then properties).
KINDS = (
    (OWL.Class, "Classes"),
    (OWL.ObjectProperty, "Object properties"),
    (OWL.DatatypeProperty, "Datatype properties"),
    (OWL.AnnotationProperty, "Annotation properties"),
)


def _local(term: URIRef) -> str:
    return str(term)[len(KG_NS):]


def _literal(graph: Graph, subject, predicate, lang: str) -> str | None:
    values = sorted(
        str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal) and o.language == lang
    )
    return values[0] if values else None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _covering_classes(graph: Graph, superclass: URIRef) -> tuple[URIRef, ...]:
    """The ordered members of the ``owl:unionOf`` that ``superclass`` is declared a subclass of.

    Also checks that they are exactly the named direct subclasses of ``superclass``.
    """
    lists = [
        list(Collection(graph, union))
        for node in graph.objects(superclass, RDFS.subClassOf)
        if isinstance(node, BNode)
        for union in graph.objects(node, OWL.unionOf)
    ]
    if len(lists) != 1:
        raise ValueError(f"{superclass} needs exactly one rdfs:subClassOf [ owl:unionOf (...) ], found {len(lists)}")
    members = tuple(lists[0])
    direct = {s for s in graph.subjects(RDFS.subClassOf, superclass) if isinstance(s, URIRef)}
    if set(members) != direct or len(members) != len(direct):
        raise ValueError(
            f"owl:unionOf of {superclass} does not match its direct subclasses: "
            f"only in union {sorted(set(members) - direct)}, only subclasses {sorted(direct - set(members))}"
        )
    return members


def render(ontology_path: str | Path = DEFAULT_ONTOLOGY) -> str:
    """Return the source text of ``kg/namespace.py`` for the ontology at ``ontology_path``."""
    graph = Graph()
    graph.parse(str(ontology_path), format="turtle")

    ontology = next((s for s in graph.subjects(RDF.type, OWL.Ontology) if str(s) == KG_NS.rstrip("#")), None)
    if ontology is None:
        raise ValueError(f"{ontology_path}: no owl:Ontology <{KG_NS.rstrip('#')}>")
    title = _literal(graph, ontology, DCTERMS.title, "en") or "kg ontology"
    description = _literal(graph, ontology, DCTERMS.description, "en") or ""
    version = next((str(v) for v in graph.objects(ontology, OWL.versionInfo)), "")

    seen: dict[URIRef, URIRef] = {}
    for kind, _ in KINDS:
        for term in graph.subjects(RDF.type, kind):
            if not (isinstance(term, URIRef) and str(term).startswith(KG_NS)):
                continue
            if term in seen:
                raise ValueError(f"{term} is declared both {seen[term]} and {kind}")
            local = _local(term)
            if not local.isidentifier():
                raise ValueError(f"{term}: local name {local!r} is not a Python identifier")
            seen[term] = kind

    entity_classes = _covering_classes(graph, URIRef(KG_NS + "Entity"))
    event_classes = _covering_classes(graph, URIRef(KG_NS + "Event"))

    source = Path(ontology_path).resolve()
    rel = source.relative_to(ROOT).as_posix() if source.is_relative_to(ROOT) else source.name

    out: list[str] = []
    out.append('"""kg ontology namespace (generated, do not edit).')
    out.append("")
    out.append(f"Generated from {rel} (version {version}) by scripts/generate_namespace.py;")
    out.append("run `python scripts/generate_namespace.py` after changing the ontology.")
    out.append('"""')
    out.append("")
    out.append("from rdflib.namespace import DefinedNamespace, Namespace")
    out.append("from rdflib.term import URIRef")
    out.append("")
    out.append("")
    out.append("class KG(DefinedNamespace):")
    out.append('    """')
    out.append(f"    {_one_line(title)}")
    out.append("")
    if description:
        for line in textwrap.wrap(_one_line(description), width=96):
            out.append(f"    {line}")
        out.append("")
    out.append(f"    Generated from: {KG_NS}")
    out.append('    """')
    out.append("")
    out.append(f'    _NS = Namespace("{KG_NS}")')
    out.append("    _fail = True")
    for kind, heading in KINDS:
        terms = sorted((t for t, k in seen.items() if k == kind), key=_local)
        if not terms:
            continue
        out.append("")
        out.append(f"    # {heading} ({kind})")
        for term in terms:
            label = _literal(graph, term, RDFS.label, "en")
            comment = f"  # {_one_line(label)}" if label else ""
            out.append(f"    {_local(term)}: URIRef{comment}")
    out.append("")
    out.append("")
    out.append("# Instance data: entities, events, mentions, sentences, memberships, titles, articles.")
    out.append(f'KGR = Namespace("{KGR_NS}")')
    out.append("")
    out.append("# Entity classes and the 27 event classes, in the order of the ontology's owl:unionOf axioms.")
    for name, members in (("ENTITY_CLASSES", entity_classes), ("EVENT_CLASSES", event_classes)):
        out.append(f"{name}: tuple[URIRef, ...] = (")
        for member in members:
            out.append(f"    KG.{_local(member)},")
        out.append(")")
    return "\n".join(out) + "\n"


_REGISTRY_FIELDS = (
    ("family", "eventFamily"), ("plannable", "plannable"), ("color", "displayColor"),
    ("company_subject_role", "companySubjectRole"), ("company_object_role", "companyObjectRole"),
    ("organization_role", "organizationRole"), ("person_subject_role", "personSubjectRole"),
    ("person_object_role", "personObjectRole"),
)
_REQUIRED = ("family", "plannable", "color", "company_subject_role", "company_object_role")

_REGISTRY_CODE = '''

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
'''


def render_registry(ontology_path: str | Path = DEFAULT_ONTOLOGY) -> str:
    """Return the source text of ``kg/registry.py``: event types with family, plannable flag,
    colour and role table, entity types and colours, and the role properties."""
    graph = Graph()
    graph.parse(str(ontology_path), format="turtle")
    kg = Namespace(KG_NS)
    entity_classes = _covering_classes(graph, URIRef(KG_NS + "Entity"))
    event_classes = _covering_classes(graph, URIRef(KG_NS + "Event"))
    actor_roles = _sub_properties(graph, kg.participant)
    place_roles = _sub_properties(graph, kg.place)
    roles = set(actor_roles) | set(place_roles)
    rows = []
    for cls in event_classes:
        values: dict[str, object] = {}
        for field, prop in _REGISTRY_FIELDS:
            objects = list(graph.objects(cls, kg[prop]))
            if len(objects) > 1:
                raise ValueError(f"{cls}: more than one kg:{prop}")
            if not objects:
                if field in _REQUIRED:
                    raise ValueError(f"{cls}: missing kg:{prop} (add it to the event registry table in the ontology)")
                values[field] = None
                continue
            value = objects[0]
            if field.endswith("_role"):
                if not (isinstance(value, URIRef) and str(value).startswith(KG_NS)) or _local(value) not in roles:
                    raise ValueError(f"{cls}: kg:{prop} {value} is not a role (a sub-property of kg:participant or kg:place)")
                values[field] = _local(value)
            elif field == "plannable":
                values[field] = bool(value.toPython()) if isinstance(value, Literal) else None
                if not isinstance(values[field], bool):
                    raise ValueError(f"{cls}: kg:plannable must be true or false")
            else:
                values[field] = str(value)
        rows.append((_local(cls), _literal(graph, cls, RDFS.label, "ko") or "", _literal(graph, cls, RDFS.label, "en") or "", values))
    entity_colors = {}
    for cls in entity_classes:
        color = next(iter(graph.objects(cls, kg.displayColor)), None)
        if color is None:
            raise ValueError(f"{cls}: missing kg:displayColor")
        entity_colors[_local(cls)] = str(color)
    place_of = {}
    for role in place_roles:
        ranges = [_local(r) for r in graph.objects(kg[role], RDFS.range) if isinstance(r, URIRef)]
        for entity in ranges:
            place_of[entity] = role
    place_of.setdefault("Product", "product")  # what an event concerns, like where it happened

    out = ['"""Event registry (generated, do not edit).', "",
           "Generated from ontologies/kg.ttl by scripts/generate_namespace.py: the event types with their family,",
           "plannable flag, display colour and role table, the entity types and the role properties. Code,",
           "exports and tests read these instead of keeping their own lists.", '"""', "",
           "from __future__ import annotations", "", "from typing import NamedTuple", "",
           '__all__ = ["EventType", "ENTITY_TYPES", "EVENT_TYPES", "EVENTS", "ENTITY_COLORS", "ACTOR_ROLES",',
           '           "FIXED_ROLES", "FAMILIES", "family", "plannable", "person_events", "role_for", "color"]',
           _REGISTRY_CODE, ""]
    out.append("ENTITY_TYPES: tuple[str, ...] = (" + ", ".join(repr(_local(c)) for c in entity_classes) + ",)")
    out.append("EVENT_TYPES: tuple[str, ...] = (")
    for cls in event_classes:
        out.append(f"    {_local(cls)!r},")
    out.append(")")
    out.append("ACTOR_ROLES: tuple[str, ...] = (" + ", ".join(repr(r) for r in actor_roles) + ",)")
    out.append("# entity type -> the role it always takes (where an event happened, what it concerns)")
    out.append("FIXED_ROLES: dict[str, str] = {" + ", ".join(f"{k!r}: {v!r}" for k, v in sorted(place_of.items())) + "}")
    out.append("ENTITY_COLORS: dict[str, str] = {" + ", ".join(f"{k!r}: {v!r}" for k, v in entity_colors.items()) + "}")
    out.append("EVENTS: dict[str, EventType] = {")
    for name, ko, en, v in rows:
        args = ", ".join(repr(x) for x in (name, ko, en, *(v[f] for f, _ in _REGISTRY_FIELDS)))
        out.append(f"    {name!r}: EventType({args}),")
    out.append("}")
    families: dict[str, list[str]] = {}
    for name, _, _, v in rows:
        families.setdefault(str(v["family"]), []).append(name)
    out.append("FAMILIES: dict[str, tuple[str, ...]] = {")
    for fam, names in families.items():
        out.append(f"    {fam!r}: (" + ", ".join(repr(n) for n in names) + ",),")
    out.append("}")
    return "\n".join(out) + "\n"


def _sub_properties(graph: Graph, parent: URIRef) -> tuple[str, ...]:
    return tuple(sorted(_local(p) for p in graph.subjects(RDFS.subPropertyOf, parent)
                        if isinstance(p, URIRef) and str(p).startswith(KG_NS)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate kg/namespace.py and kg/registry.py from ontologies/kg.ttl.")
    parser.add_argument("--ontology", type=Path, default=DEFAULT_ONTOLOGY, help="ontology Turtle file")
    parser.add_argument("--output", type=Path, default=None,
                        help="namespace module to write or check (default kg/namespace.py)")
    parser.add_argument("--registry", type=Path, default=None,
                        help="event registry module to write or check (default kg/registry.py, "
                             "none when only --output is given)")
    parser.add_argument(
        "--check", action="store_true", help="do not write; exit 1 if an output file is missing or differs"
    )
    args = parser.parse_args(argv)
    targets = []
    if args.output is None and args.registry is None:
        targets = [(DEFAULT_OUTPUT, render), (DEFAULT_REGISTRY, render_registry)]
    else:
        if args.output is not None:
            targets.append((args.output, render))
        if args.registry is not None:
            targets.append((args.registry, render_registry))
    status = 0
    for output, renderer in targets:
        try:
            text = renderer(args.ontology)
        except (OSError, ValueError) as exc:
            print(f"Error: {exc}", file=sys.stderr)
            return 2
        current = output.read_text(encoding="utf-8") if output.exists() else None
        if args.check:
            if current != text:
                print(
                    f"Error: {output} is out of date with {args.ontology}; "
                    "run `python scripts/generate_namespace.py` to regenerate it.",
                    file=sys.stderr,
                )
                status = 1
            else:
                print(f"{output} is up to date.")
            continue
        if current != text:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(text, encoding="utf-8")
            print(f"wrote {output}")
        else:
            print(f"{output} already up to date")
    return status


if __name__ == "__main__":
    sys.exit(main())
