"""RDF terms as pyoxigraph makes them, and conversions from and to rdflib's.

kg's graphs are built from pyoxigraph terms (what its writers and stores take); an rdflib
``Dataset`` (the Python API's ``build``) gets them through :func:`from_ox`, and rdflib terms go the
other way through :func:`to_ox`. Literal text with lone surrogates (from a JSON ``\\ud800``
escape) is made encodable on the way.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

__all__ = ["OxNamespace", "plain", "lang", "typed", "to_ox", "from_ox"]

_SURROGATE = re.compile("[\ud800-\udfff]")
_XSD_STRING = str(XSD.string)
_NODES: dict[URIRef, ox.NamedNode] = {}  # IRIs seen before (types, predicates, entities): most terms


class OxNamespace:
    """The pyoxigraph IRIs of an rdflib namespace, each made once (``kg.Fire``, ``kg["Fire"]``);
    names an rdflib ``DefinedNamespace`` does not define fail as they do there."""

    def __init__(self, namespace):
        self._namespace = namespace
        self._made: dict[str, ox.NamedNode] = {}

    def __getitem__(self, name: str) -> ox.NamedNode:
        node = self._made.get(name)
        if node is None:
            node = self._made[name] = ox.NamedNode(str(self._namespace[name]))
        return node

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        node = self[name]
        setattr(self, name, node)  # the next look-up is a plain attribute
        return node


def _text(value: str) -> str:
    """Text that can be encoded: lone surrogates (from a JSON ``\\ud800`` escape) become U+FFFD."""
    if _SURROGATE.search(value) is None:
        return value
    warnings.warn(f"replaced unencodable characters (lone surrogates) in {value[:40]!r}", stacklevel=3)
    return _SURROGATE.sub("\ufffd", value)


def plain(value: str) -> ox.Literal:
    return ox.Literal(_text(value))


def lang(value: str, language: str) -> ox.Literal:
    return ox.Literal(_text(value), language=language)


@lru_cache(maxsize=4096)
def typed(value, datatype: URIRef) -> ox.Literal:
    """A typed literal written as rdflib writes it (dates, decimals, URLs: its normalisation)."""
    return to_ox(Literal(value, datatype=datatype))


def to_ox(term):
    """rdflib term -> pyoxigraph term."""
    kind = type(term)
    if kind is URIRef:
        node = _NODES.get(term)
        if node is None:
            if len(_NODES) > 200_000:  # bounded: a corpus mints new IRIs all the time
                _NODES.clear()
            node = _NODES[term] = ox.NamedNode(term)
        return node
    if kind is Literal or isinstance(term, Literal):
        value = _text(str(term))
        if term.language:
            return ox.Literal(value, language=term.language)
        if term.datatype:
            return ox.Literal(value, datatype=to_ox(term.datatype))
        return ox.Literal(value)
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox(term):
    """pyoxigraph term -> rdflib term (a plain literal stays without a datatype, as rdflib makes it)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"not an RDF term: {term!r}")
