"""Network measures as a dated analysis named graph, with its parameters and PROV.

The graph IRI is ``graph/analysis/{hash of the parameters}``, so re-running the same analysis
replaces the previous graph. Pattern (bg:MeasureValue ⊑ qb:Observation)::

    <graph/analysis/H> a bg:AnalysisResult, prov:Entity ; bg:analysisParameters "{json}" ;
        prov:generatedAtTime "…"^^xsd:dateTime ; prov:wasGeneratedBy <graph/analysis/H#activity> .
    <graph/analysis/H#activity> a bg:AnalysisActivity ; prov:used <graph/…> ; … .
    <graph/analysis/H#m-1> a bg:MeasureValue ; bg:measuredResource <id/actor/…> ;
        bg:measureName "betweenness" ; bg:measureValue 0.12 .
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import datetime

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from ..namespaces import BG
from .measures import NODE_MEASURES, GraphMeasures

ANALYSIS_GRAPH_PREFIX = "https://w3id.org/bildungsgraph/graph/analysis/"

Triple = tuple[URIRef, URIRef, URIRef | Literal]


def analysis_graph_iri(parameters: dict[str, str]) -> str:
    digest = hashlib.sha256(json.dumps(parameters, sort_keys=True).encode()).hexdigest()[:16]
    return ANALYSIS_GRAPH_PREFIX + digest


def analysis_triples(
    parameters: dict[str, str], measures: GraphMeasures, used: list[str], generated: datetime
) -> tuple[str, list[Triple]]:
    """(graph IRI, triples) of one analysis run."""
    graph = analysis_graph_iri(parameters)
    subject, activity = URIRef(graph), URIRef(graph + "#activity")
    when = Literal(generated.isoformat(timespec="seconds"), datatype=XSD.dateTime)
    triples: list[Triple] = [
        (subject, RDF.type, BG.AnalysisResult),
        (subject, RDF.type, PROV.Entity),
        (subject, DCTERMS.title, Literal("Netzwerkanalyse / network analysis", lang="de")),
        (
            subject,
            BG.analysisParameters,
            Literal(json.dumps(parameters, sort_keys=True, ensure_ascii=False)),
        ),
        (subject, PROV.generatedAtTime, when),
        (subject, PROV.wasGeneratedBy, activity),
        (activity, RDF.type, BG.AnalysisActivity),
        (activity, PROV.endedAtTime, when),
        *((activity, PROV.used, URIRef(g)) for g in used),
    ]
    triples += list(_measure_triples(graph, measures))
    return graph, triples


def _measure_triples(graph: str, measures: GraphMeasures) -> Iterator[Triple]:
    count = 0
    for node in measures.nodes:
        for name in NODE_MEASURES:
            value = getattr(node, name)
            if value is None:
                continue
            count += 1
            observation = URIRef(f"{graph}#m{count}")
            yield observation, RDF.type, BG.MeasureValue
            yield observation, BG.measuredResource, URIRef(node.iri)
            yield observation, BG.measureName, Literal(name)
            yield (
                observation,
                BG.measureValue,
                Literal(float(value), datatype=XSD.double),
            )
