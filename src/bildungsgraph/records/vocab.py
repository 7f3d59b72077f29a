"""Vocabularies for the API: the schemes and the concepts of one scheme in a language."""

from __future__ import annotations

from ..errors import NotFoundError
from ..namespaces import VOC
from .snapshot import Snapshot
from .values import Item


def list_schemes(snapshot: Snapshot, lang: str = "de") -> list[Item]:
    return [
        {
            "id": iri.rsplit("/", 1)[-1],
            "iri": iri,
            "title": titles.get(lang) or titles.get("de") or iri.rsplit("/", 1)[-1],
            "href": f"/api/vocab/{iri.rsplit('/', 1)[-1]}",
        }
        for iri, titles in sorted(snapshot.schemes.items())
    ]


def scheme_concepts(snapshot: Snapshot, slug: str, lang: str = "de") -> Item:
    """A scheme with all its concepts (label, definition, notation, broader)."""
    iri = str(VOC[slug])
    if iri not in snapshot.schemes:
        allowed = ", ".join(sorted(s.rsplit("/", 1)[-1] for s in snapshot.schemes))
        raise NotFoundError(f"no vocabulary {slug!r}; known: {allowed}")
    titles = snapshot.schemes[iri]
    concepts = [
        {
            "id": c.slug,
            "iri": c.iri,
            "notation": c.notation,
            "label": c.labels.get(lang) or c.labels.get("de") or c.slug,
            "definition": c.definitions.get(lang) or c.definitions.get("de"),
            "broader": [b.rsplit("/", 1)[-1] for b in c.broader],
        }
        for c in sorted(snapshot.concepts.values(), key=lambda c: c.iri)
        if c.scheme == iri
    ]
    return {
        "id": slug,
        "iri": iri,
        "title": titles.get(lang) or titles.get("de") or slug,
        "concepts": concepts,
    }
