"""An example URL on the one-Kreis mini store for every public GET route, with the media type
of its answer: the fast subset's route guard and the remote-store comparison both walk it."""

from __future__ import annotations

from ministore import MINI_GEMEINDE, MINI_KREIS

ACTOR = f"{MINI_KREIS}-bildungsbuero"
HTML = "text/html"
JSON = "application/json"
CSV = "text/csv"

# Route path → (an example URL on the mini store, the media type of its answer).
PUBLIC: dict[str, tuple[str, str]] = {
    "/openapi.json": ("/openapi.json", JSON),
    "/healthz": ("/healthz", JSON),
    "/metrics": ("/metrics", "text/plain"),
    "/": ("/", HTML),
    "/search": (f"/search?q={ACTOR}", HTML),
    "/api/search": ("/api/search?q=Viersen", JSON),
    "/kommunen/vergleich": (f"/kommunen/vergleich?k={MINI_KREIS}&k={MINI_GEMEINDE}", HTML),
    "/actors/{kennung}": (f"/actors/{ACTOR}", HTML),
    "/docs": ("/docs", HTML),
    "/contribute": ("/contribute", HTML),
    "/contribute/sign-in": ("/contribute/sign-in", HTML),
    "/sparql/editor": ("/sparql/editor", HTML),
    "/gaps": (f"/gaps?kommune={MINI_KREIS}", HTML),
    "/kommunen": ("/kommunen", HTML),
    "/kommunen/{key}": (f"/kommunen/{MINI_KREIS}", HTML),
    "/network": (f"/network?kommune={MINI_KREIS}", HTML),
    "/api/kommunen/{key}/freshness": (f"/api/kommunen/{MINI_KREIS}/freshness", JSON),
    "/kommunen/{key}/aktualitaet": (f"/kommunen/{MINI_KREIS}/aktualitaet", HTML),
    "/api/kommunen": ("/api/kommunen", JSON),
    "/api/kommunen/compare": (f"/api/kommunen/compare?k={MINI_KREIS}&k={MINI_GEMEINDE}", JSON),
    "/api/kommunen/{key}": (f"/api/kommunen/{MINI_GEMEINDE}", JSON),
    "/api/actors": (f"/api/actors?kommune={MINI_KREIS}", JSON),
    "/api/actors/{record_id}": (f"/api/actors/{ACTOR}", JSON),
    "/api/offers": ("/api/offers", JSON),
    "/api/offers/{record_id}": (f"/api/offers/{MINI_KREIS}-ang-00001", JSON),
    "/api/cooperations": ("/api/cooperations", JSON),
    "/api/cooperations/{record_id}": (f"/api/cooperations/{MINI_KREIS}-koop-0001", JSON),
    "/api/networks": ("/api/networks", JSON),
    "/api/networks/{record_id}": (f"/api/networks/{MINI_KREIS}-rbn-lenkungskreis", JSON),
    "/api/context.jsonld": ("/api/context.jsonld", "application/ld+json"),
    "/api/templates": ("/api/templates", JSON),
    "/api/templates/vorlagen.xlsx": (
        "/api/templates/vorlagen.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "/api/templates/{name}.csv": ("/api/templates/angebote.csv", CSV),
    "/api/vocab": ("/api/vocab", JSON),
    "/api/vocab/{scheme}": ("/api/vocab/actor-type", JSON),
    "/embed/network": (f"/embed/network?kommune={MINI_KREIS}", HTML),
    "/embed/ego/{kennung}": (f"/embed/ego/{ACTOR}", HTML),
    "/embed/gaps/{key}": (f"/embed/gaps/{MINI_KREIS}", HTML),
    "/embed/map/{key}": (f"/embed/map/{MINI_KREIS}", HTML),
    "/api/exports/actors.{fmt}": ("/api/exports/actors.csv", CSV),
    "/api/exports/sites.{fmt}": ("/api/exports/sites.csv", CSV),
    "/api/exports/offers.{fmt}": ("/api/exports/offers.csv", CSV),
    "/api/exports/cooperations.{fmt}": ("/api/exports/cooperations.csv", CSV),
    "/api/exports/networks.{fmt}": ("/api/exports/networks.csv", CSV),
    "/api/exports/memberships.{fmt}": ("/api/exports/memberships.csv", CSV),
    "/api/exports/gaps.{fmt}": (f"/api/exports/gaps.csv?kommune={MINI_KREIS}", CSV),
    "/api/exports/network-measures.{fmt}": (
        f"/api/exports/network-measures.csv?kommune={MINI_KREIS}",
        CSV,
    ),
    "/api/network/changes": (f"/api/network/changes?kommune={MINI_KREIS}", JSON),
    "/api/gaps": (f"/api/gaps?kommune={MINI_KREIS}", JSON),
    "/api/network": (f"/api/network?kommune={MINI_KREIS}", JSON),
    "/api/network/measures": (f"/api/network/measures?kommune={MINI_KREIS}", JSON),
    "/api/network/export": (f"/api/network/export?kommune={MINI_KREIS}", "application/gexf+xml"),
    "/dumps": ("/dumps", JSON),
    "/dumps/{name}": ("/dumps/bildungsgraph.nq.gz", "application/gzip"),
    "/id/{path:path}": (f"/id/actor/{ACTOR}", "text/turtle"),
    "/ontology": ("/ontology", "text/turtle"),
    "/shapes": ("/shapes", "text/turtle"),
    "/vocab/{scheme}": ("/vocab/actor-type", "text/turtle"),
    "/vocab/{scheme}/{concept}": ("/vocab/actor-type/kita", "text/turtle"),
    "/graph/{path:path}": ("/graph/example", "text/turtle"),
}
