"""The event registry (kg/registry.py) is generated from ontologies/kg.ttl, and everything that needs
the list of event types, their roles, families or colours reads it: these tests fail on drift."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import SH

from kg import registry
from kg.export.common import LEGEND_ORDER, color
from kg.model import ENTITY_TYPES, EVENT_TYPES
from kg.namespace import EVENT_CLASSES, KG

ROOT = Path(__file__).resolve().parent.parent
KGNS = Namespace("https://w3id.org/kgnews/ontology#")
KGSH = Namespace("https://w3id.org/kgnews/shapes#")


def _generator():
    spec = importlib.util.spec_from_file_location("generate_namespace", ROOT / "scripts" / "generate_namespace.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_registry_module_matches_generator_output():
    expected = _generator().render_registry(ROOT / "ontologies" / "kg.ttl")
    assert (ROOT / "kg" / "registry.py").read_text(encoding="utf-8") == expected, (
        "kg/registry.py is out of date; run `python scripts/generate_namespace.py`")


def test_registry_check_flags_a_stale_registry(tmp_path, capsys):
    generator = _generator()
    stale = tmp_path / "registry.py"
    stale.write_text(generator.render_registry().replace("'incident'", "'incidents'"), encoding="utf-8")
    assert generator.main(["--check", "--registry", str(stale)]) == 1
    assert "out of date" in capsys.readouterr().err


def test_registry_generator_names_a_missing_row(tmp_path):
    text = (ROOT / "ontologies" / "kg.ttl").read_text(encoding="utf-8")
    broken = tmp_path / "kg.ttl"
    broken.write_text(re.sub(r'kg:Layoff kg:eventFamily "workforce" ;', "kg:Layoff", text), encoding="utf-8")
    with pytest.raises(ValueError, match="Layoff: missing kg:eventFamily"):
        _generator().render_registry(broken)


def test_registry_event_types_are_the_ontology_classes_in_order():
    assert EVENT_TYPES == registry.EVENT_TYPES
    assert ENTITY_TYPES == registry.ENTITY_TYPES
    assert tuple(KG[t] for t in registry.EVENT_TYPES) == EVENT_CLASSES
    assert set(registry.EVENTS) == set(registry.EVENT_TYPES)
    assert sorted(t for ts in registry.FAMILIES.values() for t in ts) == sorted(registry.EVENT_TYPES)


def test_registry_shapes_target_every_event_class():
    shapes = Graph().parse(ROOT / "ontologies" / "shapes.ttl", format="turtle")
    targets = {str(o)[len(str(KGNS)):] for o in shapes.objects(KGSH.EventShape, SH.targetClass)}
    assert targets == set(registry.EVENT_TYPES) | {"Event"}


@pytest.mark.parametrize("event_type, entity_type, subject, role", [
    ("Acquisition", "Company", True, "acquirer"),
    ("Acquisition", "Company", False, "target"),
    ("Investment", "Company", False, "investee"),
    ("Lawsuit", "Person", False, "defendant"),
    ("Sanction", "Organization", True, "authority"),
    ("Sanction", "Company", False, "affected"),
    ("Investigation", "Person", True, "agent"),
    ("Strike", "Organization", True, "agent"),
    ("Partnership", "Company", False, "partner"),
    ("Appointment", "Person", True, "person"),
    ("Apology", "Person", True, "speaker"),
    ("Fire", "Person", True, None),  # a person takes part in a fire only through their company
    ("Fire", "Facility", True, "facility"),
    ("Recall", "Product", False, "product"),
    ("IPO", "Location", True, "location"),
])
def test_registry_role_table(event_type, entity_type, subject, role):
    assert registry.role_for(event_type, entity_type, subject) == role


def test_registry_roles_are_ontology_properties():
    for event in registry.EVENTS.values():
        for role in (event.company_subject_role, event.company_object_role, event.organization_role,
                     event.person_subject_role, event.person_object_role):
            assert role is None or role in registry.ACTOR_ROLES + tuple(registry.FIXED_ROLES.values())
            assert role is None or KG[role]


def test_registry_colours_reach_the_exports():
    assert LEGEND_ORDER == ENTITY_TYPES + EVENT_TYPES
    assert color("Fire") == registry.EVENTS["Fire"].color
    assert color("Company") == registry.ENTITY_COLORS["Company"]
    assert color("Nothing") == "#999999"


_LISTED = re.compile(r"[\"'](" + "|".join(registry.EVENT_TYPES) + r")[\"']")


def test_registry_no_module_keeps_its_own_list_of_event_types():
    """A line naming five or more event types in quotes is a copy of the registry."""
    offenders = []
    for folder in ("kg", "benchmarks", "scripts"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.name in ("registry.py", "namespace.py"):
                continue
            text = path.read_text(encoding="utf-8")
            for number, line in enumerate(text.splitlines(), start=1):
                if len(set(_LISTED.findall(line))) >= 5:
                    offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert not offenders, f"read kg.registry instead of listing event types: {offenders}"
