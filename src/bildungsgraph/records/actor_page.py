"""What an actor page shows from the records: the actor, its offers, cooperations and
memberships (in one language) and the Kreis it belongs to (where its data comes from is
``linked_data.provenance``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import NotFoundError
from ..links import web_link
from ..namespaces import BG
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
            cooperation_item(index, c, lang) for c in index.actor_cooperations.get(iri, ())
        ],
        memberships=[membership_item(index, m, lang) for m in index.actor_memberships.get(iri, ())],
    )


def actor_offers(index: Index, iri: str, lang: str) -> list[Item]:
    """The actor's offers, newest start first, each with only http(s) online links."""
    offers = [offer_item(index, o, lang) for o in index.actor_offers.get(iri, ())]
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
