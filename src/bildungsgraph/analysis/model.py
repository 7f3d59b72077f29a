"""Plain data the analysis works on: Kommunen, concepts, actors, cooperations, memberships.

Everything here is built by the read model (or by hand in tests); no store, no networkx.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..namespaces import concept_iri

ID_PREFIX = "https://w3id.org/bildungsgraph/id/"
KOMMUNE_PREFIX = ID_PREFIX + "kommune/"
VOCAB_PREFIX = "https://w3id.org/bildungsgraph/vocab/"


def local_name(iri: str) -> str:
    """The last path segment of an IRI (a Kennung, a concept slug, a Kommune key)."""
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def kennung(iri: str) -> str:
    """The Kennung of a record IRI (``id/actor/05166-vhs`` → ``05166-vhs``)."""
    return local_name(iri)


@dataclass(frozen=True)
class Kommune:
    """A Kreis, a kreisfreie Stadt (level ``city``) or a Gemeinde (level ``municipality``)."""

    iri: str
    key: str
    name: str
    level: str  # "district" | "city" | "municipality"
    parent: str  # IRI of the parent unit

    @property
    def is_municipality(self) -> bool:
        return self.level == "municipality"


@dataclass(frozen=True)
class Concept:
    """A SKOS concept of one of the analysis vocabularies."""

    iri: str
    scheme: str  # scheme slug, e.g. "life-phase"
    label_de: str
    label_en: str
    notation: str = ""
    broader: str | None = None
    age_bands: tuple[str, ...] = ()
    # topics: the life-phase slugs it is relevant for (bg:relevantLifePhase); none stated
    # (a vocabulary from before the property) means every life phase
    relevant_phases: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        return local_name(self.iri)


@dataclass
class Actor:
    """An education actor with its types, top types (sectors) and location."""

    iri: str
    name: str
    types: set[str] = field(default_factory=set)
    sectors: set[str] = field(default_factory=set)  # top concepts of the actor types
    municipalities: set[str] = field(default_factory=set)
    districts: set[str] = field(default_factory=set)
    official: bool = False  # from the official school list
    life_phases: set[str] = field(default_factory=set)
    areas: frozenset[str] = frozenset()  # every Kommune it lies in, units above included
    # the topics, life phases and programmes of each of its offers (one set per offer), so a
    # filter can keep the actors with an offer that has all the filtered values
    offers: tuple[frozenset[str], ...] = ()

    @property
    def kennung(self) -> str:
        return kennung(self.iri)

    @property
    def municipality(self) -> str | None:
        return min(self.municipalities) if self.municipalities else None

    @property
    def district(self) -> str | None:
        return min(self.districts) if self.districts else None

    @property
    def sector(self) -> str | None:
        return min(self.sectors) if self.sectors else None


@dataclass(frozen=True)
class Period:
    """A start and end date, each optional."""

    start: date | None = None
    end: date | None = None

    def active_on(self, day: date | None) -> bool:
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


CONFIRMED, CLAIMED, DISPUTED = "confirmed", "claimed", "disputed"
STANDINGS = (CONFIRMED, CLAIMED, DISPUTED)  # a cooperation tie's standing, best to worst


@dataclass(frozen=True)
class Cooperation:
    """A cooperation between two or more partners; ``pending`` are the claimed partners that
    have not confirmed it yet, ``disputed`` those that dispute it (with ``reasons``: partner,
    reason), every other partner has confirmed it (``readmodel.confirmations``)."""

    iri: str
    partners: tuple[str, ...]
    form: str | None = None
    period: Period = Period()
    status: str | None = None
    topics: frozenset[str] = frozenset()
    life_phases: frozenset[str] = frozenset()
    programmes: frozenset[str] = frozenset()
    pending: frozenset[str] = frozenset()
    disputed: frozenset[str] = frozenset()
    reasons: tuple[tuple[str, str], ...] = ()

    def tie_standing(self, a: str, b: str) -> str:
        """The standing of the tie a–b of this cooperation: disputed when a or b disputes
        it, claimed when a or b has not confirmed it yet, else confirmed."""
        if a in self.disputed or b in self.disputed:
            return DISPUTED
        if a in self.pending or b in self.pending:
            return CLAIMED
        return CONFIRMED


@dataclass(frozen=True)
class Membership:
    """An actor's membership in a network."""

    iri: str
    network: str
    member: str
    network_name: str = ""
    period: Period = Period()
    topics: frozenset[str] = frozenset()
    programmes: frozenset[str] = frozenset()


@dataclass
class NetworkData:
    """Everything the cooperation graphs are built from."""

    actors: dict[str, Actor]
    cooperations: list[Cooperation]
    memberships: list[Membership]
    kommunen: dict[str, Kommune]


TIES = ("cooperation", "membership", "all")  # which ties a network graph has
ISOLATED = ("show", "hide")  # whether actors without a drawn tie stay in the graph


@dataclass(frozen=True)
class NetworkFilter:
    """Which part of the landscape a graph shows and which ties join it; every field optional.

    ``kommune`` is a key (Kreisschlüssel or AGS): a Kreis includes its Gemeinden; partners
    from elsewhere come with their ties. ``topic``, ``life_phase``, ``programme`` (IRIs) and
    ``actor_type`` (the type or a narrower one) keep the matching actors: those of the type
    with an offer, a cooperation or (topic, programme) a network that has every filtered
    value; ties must have the values too. ``partners`` also keeps the direct partners of the
    matching actors, ``hide_isolated`` drops actors without a tie. ``as_of`` keeps the ties
    active on that day (start ≤ day ≤ end). ``ties`` (one of TIES): ``cooperation`` joins the
    partners of each cooperation; ``membership`` makes each network (Gremium) a node joined
    to its members; ``all`` both. ``confirmed_only`` keeps only the cooperation ties both of
    whose partners stand by the cooperation (confirmed, see ``Cooperation.tie_standing``);
    memberships are unaffected.
    """

    kommune: str | None = None
    topic: str | None = None
    life_phase: str | None = None
    programme: str | None = None
    as_of: date | None = None
    ties: str = "cooperation"
    actor_type: str | None = None
    partners: bool = False
    hide_isolated: bool = False
    confirmed_only: bool = False

    def __post_init__(self) -> None:
        if self.ties not in TIES:
            raise ValueError(f"ties={self.ties!r}; use one of {', '.join(TIES)}")

    @classmethod
    def from_slugs(
        cls,
        kommune: str | None = None,
        topic: str | None = None,
        life_phase: str | None = None,
        programme: str | None = None,
        as_of: date | None = None,
        actor_type: str | None = None,
        ties: str = "cooperation",
        partners: bool = False,
        hide_isolated: bool = False,
        confirmed_only: bool = False,
    ) -> NetworkFilter:
        """A filter from concept slugs as users type them (``--topic stem``, ``?topic=stem``)."""
        return cls(
            kommune=kommune,
            topic=str(concept_iri("topic", topic)) if topic else None,
            life_phase=str(concept_iri("life-phase", life_phase)) if life_phase else None,
            programme=str(concept_iri("programme", programme)) if programme else None,
            as_of=as_of,
            ties=ties,
            actor_type=str(concept_iri("actor-type", actor_type)) if actor_type else None,
            partners=partners,
            hide_isolated=hide_isolated,
            confirmed_only=confirmed_only,
        )

    @property
    def concepts(self) -> frozenset[str]:
        """The filtered topic, life phase and programme (the values a matching offer has)."""
        return frozenset(c for c in (self.topic, self.life_phase, self.programme) if c)

    @property
    def keeps_matching(self) -> bool:
        """Whether the filter keeps only some actors of its Kommune (a content filter)."""
        return bool(self.concepts) or self.actor_type is not None

    @property
    def with_memberships(self) -> bool:
        return self.ties in ("membership", "all")

    @property
    def with_cooperations(self) -> bool:
        return self.ties in ("cooperation", "all")

    def parameters(self) -> dict[str, str]:
        """The filter as plain strings (for the analysis graph, cache keys and links)."""
        values = {
            "kommune": self.kommune,
            "topic": self.topic,
            "life_phase": self.life_phase,
            "programme": self.programme,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "actor_type": self.actor_type,
            "ties": self.ties,
            "partners": "true" if self.partners else None,
            "isolated": "hide" if self.hide_isolated else None,
            "confirmed_only": "true" if self.confirmed_only else None,
        }
        return {k: v for k, v in values.items() if v}
