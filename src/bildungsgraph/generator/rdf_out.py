"""The landscape as N-Quads, written line by line (no rdflib graph in memory).

Mapping (the same one the ingest applies to the CSV columns, SPEC §2/§4): ``rdf:type`` of the
class, ``schema:name``/``schema:description``, concept columns → ``voc:{scheme}/{slug}``,
references → ``id:{prefix}/{Kennung}``, Kommune keys → ``id:kommune/{key}``, ``bg:hasSite``
from the actor to its sites.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from ..namespaces import BG, DCT, EXAMPLE_GRAPH, ID, RDF, SCHEMA, VOC, WGS, XSD
from .catalogue import EXAMPLE_TITLE_DE, EXAMPLE_TITLE_EN, INVENTED
from .landscape import generate_parts
from .model import Actor, Cooperation, Landscape, Membership, Network, Offer, Site

Quad = tuple[str, str, str, str]
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _p(ns: object, local: str) -> str:
    return f"<{ns}{local}>"


TYPE = _p(RDF, "type")
NAME, DESC, URL = _p(SCHEMA, "name"), _p(SCHEMA, "description"), _p(SCHEMA, "url")
START, END = _p(SCHEMA, "startDate"), _p(SCHEMA, "endDate")
MODIFIED = _p(DCT, "modified")
AREA = _p(BG, "areaServed")
T_DATE, T_DEC, T_INT = f"<{XSD}date>", f"<{XSD}decimal>", f"<{XSD}integer>"
T_URI, T_BOOL = f"<{XSD}anyURI>", f"<{XSD}boolean>"


def lit(value: str, datatype: str | None = None, lang: str | None = None) -> str:
    """An N-Triples literal with escaping."""
    text = f'"{value.translate(_ESCAPES)}"'
    if lang:
        return f"{text}@{lang}"
    return f"{text}^^{datatype}" if datatype else text


def _ref(prefix: str, kennung: str) -> str:
    return f"<{ID}{prefix}/{kennung}>"


def _concept(scheme: str, slug: str) -> str:
    return f"<{VOC}{scheme}/{slug}>"


def _kommune(key: str) -> str:
    return f"<{ID}kommune/{key}>"


def _date(d: date) -> str:
    return f'"{d.isoformat()}"^^{T_DATE}'


class _Emitter:
    def __init__(self, graph: str) -> None:
        self.g = graph
        self.out: list[Quad] = []

    def add(self, s: str, p: str, o: str | None) -> None:
        if o is not None:
            self.out.append((s, p, o, self.g))

    def many(self, s: str, p: str, objects: Iterable[str]) -> None:
        for o in objects:
            self.out.append((s, p, o, self.g))

    def dates(self, s: str, start: date | None, end: date | None) -> None:
        if start:
            self.add(s, START, _date(start))
        if end:
            self.add(s, END, _date(end))


def _actor(e: _Emitter, a: Actor) -> None:
    s = _ref("actor", a.kennung)
    e.add(s, TYPE, _p(BG, "EducationActor"))
    e.add(s, NAME, lit(a.name))
    e.many(s, _p(BG, "actorType"), (_concept("actor-type", t) for t in a.types))
    e.add(s, DESC, lit(a.description))
    if a.parent:
        e.add(s, _p(BG, "parentOrganization"), _ref("actor", a.parent))
    if a.website:
        e.add(s, URL, lit(a.website, T_URI))
    if a.email:
        e.add(s, _p(SCHEMA, "email"), lit(a.email))
    if a.phone:
        e.add(s, _p(SCHEMA, "telephone"), lit(a.phone))
    e.many(s, AREA, (_kommune(k) for k in a.area))
    if a.modified:
        e.add(s, MODIFIED, _date(a.modified))
    for site in a.sites:
        e.add(s, _p(BG, "hasSite"), _ref("site", site.kennung))
        _site(e, site)


def _site(e: _Emitter, site: Site) -> None:
    s = _ref("site", site.kennung)
    e.add(s, TYPE, _p(BG, "Site"))
    e.add(s, NAME, lit(site.label))
    e.add(s, _p(BG, "streetAddress"), lit(site.street))
    e.add(s, _p(BG, "postalCode"), lit(site.postal_code))
    e.add(s, _p(BG, "locality"), lit(site.locality))
    e.add(s, _p(BG, "municipality"), _kommune(site.municipality))
    if site.lat is not None and site.lon is not None:
        e.add(s, _p(WGS, "lat"), lit(site.lat, T_DEC))
        e.add(s, _p(WGS, "long"), lit(site.lon, T_DEC))


def _offer(e: _Emitter, o: Offer) -> None:
    s = _ref("offer", o.kennung)
    e.add(s, TYPE, _p(BG, "EducationOffer"))
    e.add(s, NAME, lit(o.title))
    e.add(s, DESC, lit(o.description))
    e.many(s, _p(BG, "provider"), (_ref("actor", p) for p in o.providers))
    e.many(s, _p(BG, "lifePhase"), (_concept("life-phase", x) for x in o.life_phases))
    e.many(s, _p(BG, "topic"), (_concept("topic", x) for x in o.topics))
    e.add(s, _p(BG, "offerFormat"), _concept("offer-format", o.format))
    e.add(s, _p(BG, "offerKind"), _concept("offer-kind", o.kind))
    e.many(s, _p(BG, "targetGroup"), (_concept("target-group", x) for x in o.target_groups))
    if o.min_age is not None:
        e.add(s, _p(BG, "minAge"), lit(str(o.min_age), T_INT))
    if o.max_age is not None:
        e.add(s, _p(BG, "maxAge"), lit(str(o.max_age), T_INT))
    e.many(s, _p(SCHEMA, "inLanguage"), (lit(x) for x in o.languages))
    if o.is_free is not None:
        e.add(s, _p(BG, "isFree"), lit("true" if o.is_free else "false", T_BOOL))
    if o.price is not None:
        e.add(s, _p(BG, "price"), lit(o.price, T_DEC))
    e.dates(s, o.start, o.end)
    if o.schedule:
        e.add(s, _p(BG, "schedule"), lit(o.schedule))
    if o.location:
        e.add(s, _p(BG, "location"), _ref("site", o.location))
    if o.online_url:
        e.add(s, _p(BG, "onlineUrl"), lit(o.online_url, T_URI))
    e.many(s, AREA, (_kommune(k) for k in o.area))
    e.many(s, _p(BG, "programme"), (_concept("programme", x) for x in o.programmes))
    if o.modified:
        e.add(s, MODIFIED, _date(o.modified))


def _cooperation(e: _Emitter, c: Cooperation) -> None:
    s = _ref("cooperation", c.kennung)
    e.add(s, TYPE, _p(BG, "Cooperation"))
    e.add(s, NAME, lit(c.label))
    e.many(s, _p(BG, "partner"), (_ref("actor", p) for p in c.partners))
    e.add(s, _p(BG, "cooperationForm"), _concept("cooperation-form", c.form))
    e.many(s, _p(BG, "programme"), (_concept("programme", x) for x in c.programmes))
    e.many(s, _p(BG, "topic"), (_concept("topic", x) for x in c.topics))
    e.many(s, _p(BG, "lifePhase"), (_concept("life-phase", x) for x in c.life_phases))
    e.dates(s, c.start, c.end)
    if c.status:
        e.add(s, _p(BG, "cooperationStatus"), _concept("cooperation-status", c.status))
    if c.source:
        e.add(s, _p(BG, "sourceDocument"), lit(c.source, T_URI))
    e.many(s, AREA, (_kommune(k) for k in c.area))
    if c.modified:
        e.add(s, MODIFIED, _date(c.modified))


def _network(e: _Emitter, n: Network) -> None:
    s = _ref("network", n.kennung)
    e.add(s, TYPE, _p(BG, "Network"))
    e.add(s, NAME, lit(n.name))
    e.add(s, DESC, lit(n.description))
    e.many(s, _p(BG, "programme"), (_concept("programme", x) for x in n.programmes))
    e.many(s, _p(BG, "topic"), (_concept("topic", x) for x in n.topics))
    if n.coordinator:
        e.add(s, _p(BG, "coordinator"), _ref("actor", n.coordinator))
    e.many(s, AREA, (_kommune(k) for k in n.area))
    if n.website:
        e.add(s, URL, lit(n.website, T_URI))
    e.dates(s, n.start, n.end)


def _membership(e: _Emitter, m: Membership) -> None:
    s = _ref("membership", m.kennung)
    e.add(s, TYPE, _p(BG, "Membership"))
    e.add(s, _p(BG, "network"), _ref("network", m.network))
    e.add(s, _p(BG, "member"), _ref("actor", m.actor))
    if m.role:
        e.add(s, _p(BG, "membershipRole"), _concept("membership-role", m.role))
    e.dates(s, m.start, m.end)


def iter_quads(
    land: Landscape, graph_iri: str = str(EXAMPLE_GRAPH), *, header: bool = True
) -> Iterator[Quad]:
    """Yield (subject, predicate, object, graph) as N-Triples terms, record by record."""
    g = f"<{graph_iri}>"
    if header:
        e = _Emitter(g)
        e.add(g, _p(DCT, "title"), lit(EXAMPLE_TITLE_DE, lang="de"))
        e.add(g, _p(DCT, "title"), lit(EXAMPLE_TITLE_EN, lang="en"))
        e.add(
            g, _p(DCT, "description"), lit(INVENTED + ". Alle Datensätze sind erfunden.", lang="de")
        )
        yield from e.out
    for records, fn in (
        (land.actors, _actor),
        (land.offers, _offer),
        (land.cooperations, _cooperation),
        (land.networks, _network),
        (land.memberships, _membership),
    ):
        for record in records:
            e = _Emitter(g)
            fn(e, record)  # type: ignore[arg-type]  # mypy joins the pairs; each fits its own
            yield from e.out


def _write(lines: Iterable[Quad], handle: object) -> int:
    count = 0
    buffer: list[str] = []
    for s, p, o, g in lines:
        buffer.append(f"{s} {p} {o} {g} .\n")
        count += 1
        if len(buffer) >= 20000:
            handle.write("".join(buffer))  # type: ignore[attr-defined]
            buffer.clear()
    handle.write("".join(buffer))  # type: ignore[attr-defined]
    return count


def write_nquads(land: Landscape, path: str | Path, graph_iri: str = str(EXAMPLE_GRAPH)) -> int:
    """Write a landscape as N-Quads (UTF-8); return the number of quads."""
    with Path(path).open("w", encoding="utf-8", newline="\n") as handle:
        return _write(iter_quads(land, graph_iri), handle)


def write_nquads_streaming(
    kreise: list[str] | str,
    path: str | Path,
    seed: int = 42,
    scale: float = 1.0,
    graph_iri: str = str(EXAMPLE_GRAPH),
) -> int:
    """Generate part by part and write N-Quads: the quads of ``write_nquads``, in part order."""
    total = 0
    with Path(path).open("w", encoding="utf-8", newline="\n") as handle:
        for index, part in enumerate(generate_parts(kreise, seed, scale)):
            total += _write(iter_quads(part, graph_iri, header=index == 0), handle)
    return total
