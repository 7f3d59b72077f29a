"""What an actor page shows from the records: the actor, its offers, cooperations and
memberships (in one language), the Kreis it belongs to, and where its data comes from.

The details come from the cached records index; the provenance asks the store which named
graphs describe the actor or its sites (``page_actor_graphs.rq``) and what those graphs say
about themselves (contribution, contributor, time, source files).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from rdflib import URIRef

from ..errors import NotFoundError
from ..linked_data.resource import source_graphs
from ..linked_data.terms import Labels
from ..namespaces import BG
from ..queries import get_query
from ..store import GraphStore
from .index import Index
from .items import actor_item, cooperation_item, membership_item, offer_item
from .listing import record_iri_for
from .values import Item, iris, kommune_ref, local_id

KREIS_KEY_LENGTH = 5  # Kreise and kreisfreie Städte have five-digit keys


@dataclass
class ActorDetails:
    """The actor with its records, ready for a page in one language."""

    kennung: str
    iri: str
    actor: Item  # see records.items.actor_item
    kreis: Item | None  # the Kreis or kreisfreie Stadt of its first site (or area served)
    website: str | None  # only an http(s) URL
    offers: list[Item] = field(default_factory=list)
    cooperations: list[Item] = field(default_factory=list)
    memberships: list[Item] = field(default_factory=list)


@dataclass
class SourceFile:
    name: str
    rows: int | None
    sha256: str


@dataclass
class Provenance:
    """A named graph that describes the actor, with what it says about its origin."""

    graph: str
    href: str  # the graph's Linked Data page
    title: Labels
    contributor: str | None  # the contributor's name (or IRI)
    contributor_href: str | None
    generated: str | None
    license: str | None
    attribution: list[str]
    files: list[SourceFile] = field(default_factory=list)


def web_link(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL with a host, else None (no javascript:)."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def actor_details(index: Index, kennung: str, lang: str = "de") -> ActorDetails:
    """The actor ``kennung`` with its offers, cooperations and memberships; NotFoundError."""
    iri = record_iri_for("actors", kennung)
    if iri not in index.snapshot.records["actors"]:
        raise NotFoundError(f"Akteur {kennung!r} ist nicht bekannt / no actor {kennung!r}")
    actor = actor_item(index, iri, lang)
    return ActorDetails(
        kennung=local_id(iri),
        iri=iri,
        actor=actor,
        kreis=_kreis(index, iri),
        website=web_link(actor["website"]),
        offers=actor_offers(index, iri, lang),
        cooperations=[
            cooperation_item(index, c, lang) for c in sorted(index.actor_cooperations[iri])
        ],
        memberships=[membership_item(index, m, lang) for m in sorted(index.actor_memberships[iri])],
    )


def actor_offers(index: Index, iri: str, lang: str) -> list[Item]:
    """The actor's offers, newest start first, each with only http(s) online links."""
    offers = [offer_item(index, o, lang) for o in index.actor_offers[iri]]
    for offer in offers:
        offer["online_url"] = web_link(offer["online_url"])
    return sorted(offers, key=lambda o: (o["start_date"] or "", o["id"]), reverse=True)


def _kreis(index: Index, iri: str) -> Item | None:
    snapshot = index.snapshot
    props = snapshot.records["actors"][iri]
    places = [
        place
        for site in iris(props, BG.hasSite)
        for place in iris(snapshot.props("sites", site) or {}, BG.municipality)
    ] + iris(props, BG.areaServed)
    for place in places:
        current: str | None = place
        while current is not None:
            if len(local_id(current)) == KREIS_KEY_LENGTH:
                return kommune_ref(snapshot, current)
            current = snapshot.parents.get(current)
    return None


def record_provenance(store: GraphStore, iri: str) -> list[Provenance]:
    """The named graphs describing the record or its sites, with contributor and files."""
    rows = store.select(get_query("page_actor_graphs").text, {"actor": URIRef(iri)})
    graphs = sorted({str(row["graph"]) for row in rows})
    result = []
    for source in source_graphs(store, graphs):
        contributor = source.contributor
        files = store.select(
            get_query("contribution_files").text, {"contribution": URIRef(source.iri)}
        )
        result.append(Provenance(
            graph=source.iri,
            href=source.href,
            title=source.title,
            contributor=contributor.label("de") if contributor else None,
            contributor_href=contributor.href if contributor else None,
            generated=source.generated,
            license=source.license,
            attribution=source.attribution,
            files=[
                SourceFile(str(row.get("name", "")), int(row["rows"]) if "rows" in row else None,
                           str(row["sha256"]))
                for row in files
            ],
        ))
    return result
