"""Reading property values of a snapshot record (plain Python values for JSON)."""

from __future__ import annotations

from datetime import date
from typing import Any

from rdflib import URIRef

from ..namespaces import ID, SCHEMA
from .snapshot import KOMMUNE_PREFIX, Properties, Snapshot
from .terms import Value, is_iri, lexical, native, order

Item = dict[str, Any]


def values(props: Properties, predicate: URIRef) -> list[Value]:
    return props.get(str(predicate), [])


def first(props: Properties, predicate: URIRef) -> Value | None:
    found = values(props, predicate)
    return min(found, key=order) if found else None


def text(props: Properties, predicate: URIRef) -> str | None:
    value = first(props, predicate)
    return lexical(value) if value is not None else None


def day(value: str | None) -> date | None:
    """The date of an xsd:date or xsd:dateTime lexical form; None for none or no date (a value
    of imported data)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def python(props: Properties, predicate: URIRef) -> Any:
    """The first value as a JSON-ready Python value (int, float, bool, str)."""
    value = first(props, predicate)
    return native(value) if value is not None else None


def iris(props: Properties, predicate: URIRef) -> list[str]:
    return sorted(value for value in values(props, predicate) if is_iri(value))


def local_id(iri: str) -> str:
    """The Kennung of a record IRI (``id/actor/x`` → ``x``), the key of a Kommune."""
    return iri.removeprefix(str(ID)).split("/", 1)[-1]


def name_of(snapshot: Snapshot, kind: str, iri: str) -> str:
    props = snapshot.props(kind, iri) or {}
    return text(props, SCHEMA.name) or local_id(iri)


def ref(snapshot: Snapshot, kind: str, iri: str) -> Item:
    """A short reference to another record: id, IRI, name and the API path."""
    return {
        "id": local_id(iri),
        "iri": iri,
        "name": name_of(snapshot, kind, iri),
        "href": f"/api/{kind}/{local_id(iri)}",
    }


def kommune_ref(snapshot: Snapshot, iri: str) -> Item:
    key = iri.removeprefix(KOMMUNE_PREFIX)
    return {
        "key": key,
        "iri": iri,
        "name": snapshot.kommune_name(iri),
        "href": f"/api/kommunen/{key}",
    }


def concept(snapshot: Snapshot, iri: str, lang: str) -> Item:
    found = snapshot.concepts.get(iri)
    return {
        "id": iri.rsplit("/", 1)[-1],
        "iri": iri,
        "label": snapshot.concept_label(iri, lang),
        "notation": found.notation if found else None,
    }


def concepts(snapshot: Snapshot, props: Properties, predicate: URIRef, lang: str) -> list[Item]:
    return [concept(snapshot, iri, lang) for iri in iris(props, predicate)]
