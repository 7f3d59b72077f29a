"""The in-memory landscape model shared by the CSV and the RDF writers.

One set of dataclasses feeds both views (the six contribution CSV files and the N-Quads), so
they cannot diverge. Values are stored in the form they take in a CSV cell: concept slugs,
Kennungen (``school-{schulnummer}`` for schools), Kommune keys, ISO dates, decimals as text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date


@dataclass(slots=True)
class Site:
    """A Standort of an actor."""

    kennung: str
    actor: str
    label: str
    street: str
    postal_code: str
    locality: str
    municipality: str  # AGS, 8 digits
    lat: str | None  # decimal text, 6 places
    lon: str | None


@dataclass(slots=True)
class Actor:
    """A (non-school) Bildungsakteur with its sites."""

    kennung: str
    name: str
    types: list[str]
    description: str
    kreis: str
    gemeinde: str  # AGS of the main site
    parent: str | None = None
    website: str | None = None
    email: str | None = None
    phone: str | None = None
    area: list[str] = field(default_factory=list)
    modified: date | None = None
    sites: list[Site] = field(default_factory=list)
    isolated: bool = False  # by design never a partner or member


@dataclass(slots=True)
class Offer:
    """A Bildungsangebot."""

    kennung: str
    title: str
    description: str
    providers: list[str]
    life_phases: list[str]
    topics: list[str]
    format: str
    kind: str
    target_groups: list[str]
    gemeinde: str  # AGS the offer is attributed to (= Gebiet)
    min_age: int | None = None
    max_age: int | None = None
    languages: list[str] = field(default_factory=list)
    is_free: bool | None = None
    price: str | None = None
    start: date | None = None
    end: date | None = None
    schedule: str | None = None
    location: str | None = None  # site Kennung
    online_url: str | None = None
    area: list[str] = field(default_factory=list)
    programmes: list[str] = field(default_factory=list)
    modified: date | None = None


@dataclass(slots=True)
class Cooperation:
    """A Kooperation between two or more actors."""

    kennung: str
    label: str
    partners: list[str]
    form: str
    programmes: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    life_phases: list[str] = field(default_factory=list)
    start: date | None = None
    end: date | None = None
    status: str | None = None
    source: str | None = None
    area: list[str] = field(default_factory=list)
    modified: date | None = None


@dataclass(slots=True)
class Network:
    """A Netzwerk / Gremium."""

    kennung: str
    name: str
    description: str
    programmes: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    coordinator: str | None = None
    area: list[str] = field(default_factory=list)
    website: str | None = None
    start: date | None = None
    end: date | None = None


@dataclass(slots=True)
class Membership:
    """A Mitgliedschaft of an actor in a network."""

    kennung: str
    network: str
    actor: str
    role: str | None = None
    start: date | None = None
    end: date | None = None


@dataclass(slots=True)
class Landscape:
    """A generated education landscape (or one part of it)."""

    seed: int
    scale: float
    kreise: list[str]
    actors: list[Actor] = field(default_factory=list)
    offers: list[Offer] = field(default_factory=list)
    cooperations: list[Cooperation] = field(default_factory=list)
    networks: list[Network] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    schools: dict[str, str] = field(default_factory=dict)  # school Kennung -> AGS

    @property
    def sites(self) -> Iterator[Site]:
        """All sites, in actor order."""
        for actor in self.actors:
            yield from actor.sites

    def extend(self, other: Landscape) -> None:
        """Append the records of another part."""
        self.actors.extend(other.actors)
        self.offers.extend(other.offers)
        self.cooperations.extend(other.cooperations)
        self.networks.extend(other.networks)
        self.memberships.extend(other.memberships)
        self.schools.update(other.schools)
