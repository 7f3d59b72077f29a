"""Seeded generator of invented education landscapes for NRW Kreise.

``generate_landscape(kreise, seed, scale)`` builds one in-memory model; ``write_contribution_csv``
and ``write_nquads`` render it as the six contribution templates or as N-Quads.
"""

from .catalogue import EXAMPLE_TITLE_DE, EXAMPLE_TITLE_EN, INVENTED, REFERENCE_DATE
from .csv_out import HEADERS, write_contribution_csv
from .gaps import DELIBERATE_GAPS, Gap
from .landscape import generate_landscape, generate_parts
from .model import Actor, Cooperation, Landscape, Membership, Network, Offer, Site
from .rdf_out import iter_quads, write_nquads, write_nquads_streaming

EXAMPLE_KREISE = ("05114", "05166")
EXAMPLE_SEED = 42

__all__ = [
    "DELIBERATE_GAPS",
    "EXAMPLE_KREISE",
    "EXAMPLE_SEED",
    "EXAMPLE_TITLE_DE",
    "EXAMPLE_TITLE_EN",
    "HEADERS",
    "INVENTED",
    "REFERENCE_DATE",
    "Actor",
    "Cooperation",
    "Gap",
    "Landscape",
    "Membership",
    "Network",
    "Offer",
    "Site",
    "generate_landscape",
    "generate_parts",
    "iter_quads",
    "write_contribution_csv",
    "write_nquads",
    "write_nquads_streaming",
]
