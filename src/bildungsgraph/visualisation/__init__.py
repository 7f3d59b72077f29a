"""Views of the graph for people: network views (pyvis / vis-network), maps and heat maps.

The modules turn analysis results into view models that the web templates render; they hold no
HTTP and no SPARQL. Only this package imports pyvis.
"""
