"""bildungsgraph: a validated knowledge graph of the education landscape of NRW."""

__all__ = ["__version__"]

__version__ = "0.1.0"
