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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate kg/namespace.py from ontologies/kg.ttl.")
    parser.add_argument("--ontology", type=Path, default=DEFAULT_ONTOLOGY, help="ontology Turtle file")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="module to write or check")
    parser.add_argument(
        "--check", action="store_true", help="do not write; exit 1 if the output file is missing or differs"
    )
    args = parser.parse_args(argv)

    try:
        text = render(args.ontology)
    except (OSError, ValueError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
    if args.check:
        if current != text:
            print(
                f"Error: {args.output} is out of date with {args.ontology}; "
                "run `python scripts/generate_namespace.py` to regenerate it.",
                file=sys.stderr,
            )
            return 1
        print(f"{args.output} is up to date.")
        return 0
    if current != text:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    else:
        print(f"{args.output} already up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
