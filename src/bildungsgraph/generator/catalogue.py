"""Word pools, actor-type table and small helpers for invented but plausible records."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta

from ..folding import slugify

HOST_LABEL = 40  # characters of a generated host name's first label

#: Fixed "today" of the generated data (dates and "Letzte Änderung" are relative to it).
REFERENCE_DATE = date(2026, 10, 1)
INVENTED = "Erfundener Beispieldatensatz (bildungsgraph)"
EXAMPLE_TITLE_DE = "Erfundene Beispiel-Bildungslandschaft (bildungsgraph-Generator)"
EXAMPLE_TITLE_EN = "Invented example education landscape (bildungsgraph generator)"
NRW_BBOX = (50.32, 52.54, 5.86, 9.47)  # lat min, lat max, lon min, lon max


@dataclass(frozen=True, slots=True)
class ActorKind:
    """How one actor type behaves in the generator."""

    abbr: str
    label: str
    offer_weight: float  # relative chance to provide an offer
    isolated: float  # share of actors of this type that never cooperate


ACTOR_KINDS: dict[str, ActorKind] = {
    "kita": ActorKind("kita", "Kindertageseinrichtung", 0.35, 0.15),
    "family-centre": ActorKind("fz", "Familienzentrum", 1.4, 0.0),
    "adult-education-centre": ActorKind("vhs", "Volkshochschule", 9.0, 0.0),
    "family-education-centre": ActorKind("fbs", "Familienbildungsstätte", 5.0, 0.0),
    "education-provider": ActorKind("traeger", "Bildungsträger", 2.5, 0.2),
    "library": ActorKind("bib", "Bibliothek", 3.0, 0.0),
    "music-school": ActorKind("musik", "Musikschule", 3.0, 0.0),
    "museum": ActorKind("museum", "Museum", 2.0, 0.3),
    "environmental-education-centre": ActorKind("umwelt", "Umweltbildungszentrum", 3.0, 0.0),
    "media-centre": ActorKind("medien", "Medienzentrum", 2.0, 0.0),
    "youth-centre": ActorKind("jz", "Jugendzentrum", 1.3, 0.1),
    "youth-welfare-office": ActorKind("jugendamt", "Jugendamt", 1.5, 0.0),
    "welfare-organisation": ActorKind("wohlfahrt", "Wohlfahrtsverband / freier Träger", 1.5, 0.1),
    "sports-club": ActorKind("sv", "Sportverein", 0.45, 0.35),
    "chamber-of-commerce": ActorKind("ihk", "Industrie- und Handelskammer", 2.0, 0.0),
    "chamber-of-crafts": ActorKind("hwk", "Handwerkskammer", 2.0, 0.0),
    "company": ActorKind("firma", "Unternehmen / Ausbildungsbetrieb", 0.4, 0.3),
    "employment-agency": ActorKind("agentur", "Agentur für Arbeit", 4.0, 0.0),
    "jobcentre": ActorKind("jobcenter", "Jobcenter", 3.0, 0.0),
    "foundation": ActorKind("stiftung", "Stiftung", 0.8, 0.2),
    "association": ActorKind("verein", "Verein / Initiative", 0.6, 0.35),
    "migrant-organisation": ActorKind("mso", "Migrant*innenorganisation", 1.0, 0.2),
    "education-office": ActorKind("bildungsbuero", "Regionales Bildungsbüro", 4.0, 0.0),
    "integration-centre": ActorKind("ki", "Kommunales Integrationszentrum", 4.0, 0.0),
    "kaoa-coordination": ActorKind("kaoa", "Kommunale Koordinierungsstelle KAoA", 4.0, 0.0),
}

# Invented name parts (no real-world identity intended).
KITA_NAMES = (
    "Sonnenblume",
    "Regenbogen",
    "Pusteblume",
    "Wirbelwind",
    "Sternschnuppe",
    "Löwenzahn",
    "Kleine Strolche",
    "Abenteuerland",
    "Spatzennest",
    "Zwergenland",
    "Arche",
    "Schatzkiste",
    "Wiesenzwerge",
    "Mäuseburg",
    "Weltentdecker",
    "Purzelbaum",
    "Kunterbunt",
    "Traumland",
    "Glühwürmchen",
    "Farbklecks",
    "Rappelkiste",
    "Waldwichtel",
    "Seepferdchen",
    "Biberburg",
    "Kleeblatt",
    "Marienkäfer",
    "Schmetterling",
    "Igelhaus",
    "Lummerland",
    "Sausewind",
    "Flohkiste",
    "Sternenhimmel",
    "Rasselbande",
    "Windrad",
    "Nierskiesel",
    "Apfelbaum",
)
KITA_PREFIXES = (
    "Kita",
    "Kita",
    "Kindertagesstätte",
    "Städtische Kita",
    "Ev. Kita",
    "Kath. Kita",
    "AWO-Kita",
    "Elterninitiative",
)
YOUTH_NAMES = (
    "Alte Weberei",
    "Kesselhaus",
    "Bahnhof",
    "Blaue Welle",
    "Schlosspark",
    "Nordstern",
    "Insel",
    "Mühle",
    "Kulturbunker",
    "Funkturm",
    "Südpol",
    "Freiraum",
    "Werkhalle",
    "Zollhaus",
    "Kompass",
    "Treibhaus",
    "Leuchtturm",
    "Seidenfabrik",
)
YOUTH_PREFIXES = ("Jugendzentrum", "Offene Tür", "Jugendtreff", "Jugendfreizeitheim")
SURNAMES = (
    "Janssen",
    "Hendricks",
    "Peeters",
    "Verhoeven",
    "Schmitz",
    "Kox",
    "Terhoeven",
    "Lambertz",
    "Mertens",
    "Dahmen",
    "Heinen",
    "Thelen",
    "Bongartz",
    "Gietmann",
    "Brockers",
    "Tillmanns",
    "Wefers",
    "Aretz",
    "Rütten",
    "Hülser",
    "Leenen",
    "Coenen",
    "Beckers",
    "Houben",
    "Lenssen",
    "Vootz",
    "Kempkes",
    "Stappers",
    "Nellessen",
)
BUSINESSES = (
    "Metallbau",
    "Elektrotechnik",
    "Sanitär- und Heizungstechnik",
    "Logistik",
    "Textilveredelung",
    "Gartenbau",
    "Präzisionsteile",
    "Kunststofftechnik",
    "IT-Systemhaus",
    "Bäckerei",
    "Pflegedienst",
    "Autohaus",
    "Druckerei",
    "Maschinenbau",
    "Lebensmittel",
    "Holzbau",
    "Chemiehandel",
    "Steuerberatung",
    "Fliesenfachbetrieb",
    "Medizintechnik",
    "Zweiradhandel",
    "Dachdeckerei",
)
LEGAL_FORMS = ("GmbH", "GmbH", "GmbH & Co. KG", "KG", "e.K.", "AG")
CLUB_PREFIXES = (
    "TV",
    "SV",
    "TuS",
    "SC",
    "DJK",
    "Turnerschaft",
    "Ruderclub",
    "Schwimmverein",
    "Reitverein",
    "Tennisclub",
    "Judoclub",
    "Leichtathletikgemeinschaft",
)
CLUB_COLOURS = (
    "Blau-Weiß",
    "Grün-Weiß",
    "Rot-Weiß",
    "Schwarz-Gelb",
    "Grün-Gelb",
    "Rot-Gold",
    "",
    "",
    "",
    "",
)
PLACE_WORDS = (
    "Niersbogen",
    "Schwalmaue",
    "Heidehof",
    "Lindenhof",
    "Kastanienhof",
    "Mühlenbach",
    "Brückenschlag",
    "Weidenhof",
    "Rheinblick",
    "Hohe Heide",
    "Kopfweide",
    "Bruchwiesen",
    "Heckenrose",
    "Windmühle",
)
ASSOCIATIONS = (
    "Förderverein Lernwerkstatt",
    "Bürgerverein",
    "Leseclub",
    "Heimatverein",
    "Naturschutzinitiative",
    "Elterninitiative",
    "MINT-Freunde",
    "Lernpaten",
    "Repair-Café",
    "Theaterwerkstatt",
    "Kinderschutzbund-Ortsgruppe",
    "Seniorenbildungswerk",
    "Imkerverein",
    "Computerclub",
    "Chorgemeinschaft",
)
MIGRANT_ORGS = (
    "Deutsch-Türkischer Kulturverein",
    "Ukrainische Gemeinschaft",
    "Syrisch-Deutscher Familienverein",
    "Afrikanisches Kulturforum",
    "Polnischer Elternverein",
    "Deutsch-Italienischer Freundeskreis",
    "Kurdisches Bildungszentrum",
    "Griechische Gemeinde",
    "Eritreischer Frauenverein",
    "Russischsprachige Elterninitiative",
)
WELFARE = (
    "Sozialwerk",
    "Wohlfahrtsverein",
    "Sozialdienst",
    "Familienhilfe",
    "Jugendhilfe",
    "Lebenshilfe-Initiative",
    "Nachbarschaftshilfe",
)
STREETS = (
    "Hauptstraße",
    "Bahnhofstraße",
    "Schulstraße",
    "Kirchstraße",
    "Gartenstraße",
    "Lindenstraße",
    "Mühlenweg",
    "Am Markt",
    "Ringstraße",
    "Rathausplatz",
    "Dorfstraße",
    "Feldstraße",
    "Brückenstraße",
    "Nordwall",
    "Südwall",
    "Ostwall",
    "Burgstraße",
    "Wiesenweg",
    "Blumenstraße",
    "Jahnstraße",
    "Lange Straße",
    "Am Sportplatz",
    "Poststraße",
    "Kaiserstraße",
    "Tannenweg",
    "Birkenweg",
    "Eichendorffstraße",
    "Goethestraße",
    "Schillerstraße",
    "Heidestraße",
    "Niersweg",
    "Rosenstraße",
    "Marktplatz",
    "Weberstraße",
    "Friedensstraße",
    "Kastanienallee",
    "Uerdinger Weg",
)
DISTRICTS = ("Nord", "Süd", "Ost", "West", "Mitte", "Hafen", "Altstadt", "Feld")
LANGUAGE_SETS = (
    ("de",),
    ("de",),
    ("de",),
    ("de",),
    ("de", "en"),
    ("de", "tr"),
    ("de", "ar"),
    ("de", "uk"),
    ("de", "ru"),
    ("de", "pl"),
)


def random_modified(rng: random.Random, stale_share: float = 0.22) -> date:
    """A "Letzte Änderung" date; ``stale_share`` of them older than 12 months."""
    if rng.random() < stale_share:
        return REFERENCE_DATE - timedelta(days=rng.randint(370, 1100))
    return REFERENCE_DATE - timedelta(days=rng.randint(0, 350))


def jitter(rng: random.Random, lat: float, lon: float, area_km2: float) -> tuple[str, str]:
    """A point near a Gemeinde centroid, clamped inside the NRW bounding box."""
    radius_km = max(0.6, math.sqrt(area_km2 / math.pi) * 0.55)
    dist = radius_km * math.sqrt(rng.random())
    angle = rng.random() * 2 * math.pi
    new_lat = lat + dist * math.cos(angle) / 111.2
    new_lon = lon + dist * math.sin(angle) / (111.2 * math.cos(math.radians(lat)))
    lat_min, lat_max, lon_min, lon_max = NRW_BBOX
    new_lat = min(max(new_lat, lat_min + 0.005), lat_max - 0.005)
    new_lon = min(max(new_lon, lon_min + 0.005), lon_max - 0.005)
    return f"{new_lat:.6f}", f"{new_lon:.6f}"


def contact(
    rng: random.Random, name: str, missing_web: float = 0.12, missing_mail: float = 0.1
) -> tuple[str | None, str | None]:
    """Website and e-mail under example.org (reserved domain), some missing on purpose."""
    host = f"{slugify(name, limit=HOST_LABEL)}.example.org"
    website = None if rng.random() < missing_web else f"https://{host}/"
    email = None if rng.random() < missing_mail else f"{rng.choice(('info', 'kontakt'))}@{host}"
    return website, email


def phone(rng: random.Random, kreis_key: str) -> str | None:
    """A phone number that cannot be dialled (subscriber part starts with 0), or None."""
    if rng.random() < 0.35:
        return None
    return f"+49 {2000 + int(kreis_key[2:]) % 900} 0{rng.randint(1000, 99999)}"
