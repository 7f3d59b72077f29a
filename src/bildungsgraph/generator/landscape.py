"""Assemble a landscape: a shared part (chambers), one part per Kreis, cross-Kreis ties.

Every part has its own ``random.Random`` seeded from the seed and the part's name, so a Kreis
looks the same whichever other Kreise are generated with it, and no global state is used.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence

from .actors import ActorPool, build_actors, build_chambers
from .cooperations import build_cooperations, build_cross_ties
from .model import Landscape
from .networks import build_networks
from .offers import build_offers
from .reference import Kreis, load_kreise, resolve_kreise


def _rng(seed: int, *parts: str) -> random.Random:
    # Seeded on purpose: reproducible test data, not cryptography.
    return random.Random(":".join(("bildungsgraph", str(seed), *parts)))  # noqa: S311


def generate_parts(
    kreise: Sequence[str] | str, seed: int = 42, scale: float = 1.0
) -> Iterator[Landscape]:
    """Yield the landscape in parts (shared, each Kreis, cross ties); memory stays small."""
    if scale <= 0:
        raise ValueError("scale must be positive")
    keys = resolve_kreise(kreise if isinstance(kreise, str) else list(kreise))
    known = load_kreise()
    chosen: list[Kreis] = [known[k] for k in keys]
    shared = Landscape(seed, scale, keys)
    for rb_key in sorted({k.rb_key for k in chosen}):
        members = [k for k in chosen if k.rb_key == rb_key]
        seat = max((g for k in members for g in k.gemeinden), key=lambda g: (g.population, g.ags))
        chambers = build_chambers(_rng(seed, "chambers", rb_key), rb_key, seat)
        for chamber in chambers:
            chamber.area = [k.key for k in members]
        shared.actors.extend(chambers)
    yield shared
    for kreis in chosen:
        rng = _rng(seed, "kreis", kreis.key)
        part = Landscape(seed, scale, [kreis.key])
        pool = build_actors(kreis, rng, scale)
        part.actors = pool.actors
        part.offers = build_offers(pool, rng, scale)
        part.cooperations = build_cooperations(pool, rng, scale)
        part.networks, part.memberships = build_networks(pool, rng, scale)
        part.schools = {s.kennung: s.ags for s in kreis.schools}
        yield part
    cross = Landscape(seed, scale, keys)
    if len(chosen) > 1:
        cross.cooperations = build_cross_ties(
            chosen, _rng(seed, "cross", *keys), scale, ActorPool(chosen[0])
        )
    yield cross


def generate_landscape(
    kreise: Sequence[str] | str, seed: int = 42, scale: float = 1.0
) -> Landscape:
    """Generate the invented landscape of the given Kreise (keys, or ``"all"``).

    >>> land = generate_landscape(["05114"], seed=1, scale=0.2)
    >>> land.kreise, len(land.offers) > 0
    (['05114'], True)
    """
    parts = generate_parts(kreise, seed, scale)
    result = next(parts)
    for part in parts:
        result.extend(part)
    return result
