"""SPARQL queries as ``.rq`` files: the catalogue and the files themselves."""

from .catalogue import NamedQuery, get_query, list_examples, list_queries

__all__ = ["NamedQuery", "get_query", "list_examples", "list_queries"]
