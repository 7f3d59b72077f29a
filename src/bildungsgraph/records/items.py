"""Records as JSON items in one language: IRI, Kennung, names, labelled concepts, links."""

from __future__ import annotations

from ..namespaces import BG, DCT, SCHEMA, WGS
from .index import Index
from .snapshot import Properties
from .terms import lexical
from .values import (
    Item,
    concept,
    concepts,
    iris,
    kommune_ref,
    local_id,
    python,
    ref,
    text,
    values,
)


def _base(index: Index, kind: str, iri: str, props: Properties) -> Item:
    kommunen = sorted(index.kommunen.get(iri, set()))
    return {
        "id": local_id(iri),
        "iri": iri,
        "href": f"/api/{kind}/{local_id(iri)}",
        "name": text(props, SCHEMA.name) or local_id(iri),
        "description": text(props, SCHEMA.description),
        "kommunen": [kommune_ref(index.snapshot, k) for k in kommunen],
        "modified": text(props, DCT.modified),
    }


def site_item(index: Index, iri: str) -> Item:
    props = index.snapshot.props("sites", iri) or {}
    return {
        "id": local_id(iri),
        "iri": iri,
        "name": text(props, SCHEMA.name),
        "street_address": text(props, BG.streetAddress),
        "postal_code": text(props, BG.postalCode),
        "locality": text(props, BG.locality),
        "kommune": next(
            (kommune_ref(index.snapshot, k) for k in iris(props, BG.municipality)), None
        ),
        "lat": python(props, WGS.lat),
        "long": python(props, WGS.long),
    }


def actor_item(index: Index, iri: str, lang: str, detail: bool = False) -> Item:
    snapshot = index.snapshot
    props = snapshot.records["actors"][iri]
    parent = iris(props, BG.parentOrganization)
    item = _base(index, "actors", iri, props) | {
        "types": concepts(snapshot, props, BG.actorType, lang),
        "website": text(props, SCHEMA.url),
        "email": text(props, SCHEMA.email),
        "telephone": text(props, SCHEMA.telephone),
        "school_number": text(props, BG.schoolNumber),
        "parent_organization": ref(snapshot, "actors", parent[0]) if parent else None,
        "sites": [site_item(index, site) for site in iris(props, BG.hasSite)],
        "areas_served": [kommune_ref(snapshot, k) for k in iris(props, BG.areaServed)],
    }
    if detail:
        item["offers"] = [ref(snapshot, "offers", o) for o in index.actor_offers.get(iri, ())]
        item["cooperations"] = [
            ref(snapshot, "cooperations", c) for c in index.actor_cooperations.get(iri, ())
        ]
        item["memberships"] = [
            membership_item(index, m, lang) for m in index.actor_memberships.get(iri, ())
        ]
    return item


def membership_item(index: Index, iri: str, lang: str) -> Item:
    snapshot = index.snapshot
    props = snapshot.records["memberships"].get(iri, {})
    network, member = iris(props, BG.network), iris(props, BG.member)
    role = iris(props, BG.membershipRole)
    return {
        "id": local_id(iri),
        "iri": iri,
        "network": ref(snapshot, "networks", network[0]) if network else None,
        "member": ref(snapshot, "actors", member[0]) if member else None,
        "role": concept(snapshot, role[0], lang) if role else None,
        "start_date": text(props, SCHEMA.startDate),
        "end_date": text(props, SCHEMA.endDate),
    }


def offer_item(index: Index, iri: str, lang: str, detail: bool = False) -> Item:
    snapshot = index.snapshot
    props = snapshot.records["offers"][iri]
    location = iris(props, BG.location)
    item = _base(index, "offers", iri, props) | {
        "providers": [ref(snapshot, "actors", a) for a in iris(props, BG.provider)],
        "life_phases": concepts(snapshot, props, BG.lifePhase, lang),
        "topics": concepts(snapshot, props, BG.topic, lang),
        "formats": concepts(snapshot, props, BG.offerFormat, lang),
        "kinds": concepts(snapshot, props, BG.offerKind, lang),
        "target_groups": concepts(snapshot, props, BG.targetGroup, lang),
        "programmes": concepts(snapshot, props, BG.programme, lang),
        "min_age": python(props, BG.minAge),
        "max_age": python(props, BG.maxAge),
        "languages": sorted(lexical(v) for v in values(props, SCHEMA.inLanguage)),
        "is_free": python(props, BG.isFree),
        "price": python(props, BG.price),
        "start_date": text(props, SCHEMA.startDate),
        "end_date": text(props, SCHEMA.endDate),
        "schedule": text(props, BG.schedule),
        "online_url": text(props, BG.onlineUrl),
        "location": site_item(index, location[0]) if location else None,
        "areas_served": [kommune_ref(snapshot, k) for k in iris(props, BG.areaServed)],
    }
    if not detail:
        item.pop("schedule")
    return item


def cooperation_item(index: Index, iri: str, lang: str, detail: bool = False) -> Item:
    snapshot = index.snapshot
    props = snapshot.records["cooperations"][iri]
    status = iris(props, BG.cooperationStatus)
    return _base(index, "cooperations", iri, props) | {
        "partners": [ref(snapshot, "actors", a) for a in iris(props, BG.partner)],
        "forms": concepts(snapshot, props, BG.cooperationForm, lang),
        "programmes": concepts(snapshot, props, BG.programme, lang),
        "topics": concepts(snapshot, props, BG.topic, lang),
        "life_phases": concepts(snapshot, props, BG.lifePhase, lang),
        "status": concept(snapshot, status[0], lang) if status else None,
        "start_date": text(props, SCHEMA.startDate),
        "end_date": text(props, SCHEMA.endDate),
        "source_document": text(props, BG.sourceDocument),
        "areas_served": [kommune_ref(snapshot, k) for k in iris(props, BG.areaServed)],
    }


def network_item(index: Index, iri: str, lang: str, detail: bool = False) -> Item:
    snapshot = index.snapshot
    props = snapshot.records["networks"][iri]
    coordinator = iris(props, BG.coordinator)
    memberships = index.network_memberships.get(iri, ())
    item = _base(index, "networks", iri, props) | {
        "programmes": concepts(snapshot, props, BG.programme, lang),
        "topics": concepts(snapshot, props, BG.topic, lang),
        "coordinator": ref(snapshot, "actors", coordinator[0]) if coordinator else None,
        "website": text(props, SCHEMA.url),
        "start_date": text(props, SCHEMA.startDate),
        "end_date": text(props, SCHEMA.endDate),
        "areas_served": [kommune_ref(snapshot, k) for k in iris(props, BG.areaServed)],
        "member_count": len(memberships),
    }
    if detail:
        item["memberships"] = [membership_item(index, m, lang) for m in memberships]
    return item


ITEM_BUILDERS = {
    "actors": actor_item,
    "offers": offer_item,
    "cooperations": cooperation_item,
    "networks": network_item,
}
