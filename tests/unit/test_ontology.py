"""Lint the OWL ontology (style.md section 6).

Every check here guards against mistakes that are valid Turtle and therefore go unnoticed:
a misspelled property IRI, a missing translation, ``rdfs:commenet``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from bildungsgraph.config import ONTOLOGY_FILE, VOCAB_DIR
from bildungsgraph.namespaces import BG, ONTOLOGY_IRI, PREFIXES

ONTOLOGY_DIR = ONTOLOGY_FILE.parent
ONTOLOGY = URIRef(ONTOLOGY_IRI)
TERM_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
PROPERTY_TYPES = {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}

# The terms of SPEC section 2, exactly.
SPEC_CLASSES = {
    "EducationActor",
    "Site",
    "EducationOffer",
    "Cooperation",
    "Network",
    "Membership",
    "AdministrativeUnit",
    "State",
    "GovernmentDistrict",
    "DistrictLevelUnit",
    "District",
    "IndependentCity",
    "Municipality",
    "PopulationCount",
    "Contribution",
    "ContributionActivity",
    "Contributor",
    "SourceFile",
    "AnalysisResult",
    "AnalysisActivity",
    "MeasureValue",
    "CooperationConfirmation",
    "ContactPerson",
}
SPEC_PROPERTIES = {
    "actorType",
    "parentOrganization",
    "hasSite",
    "schoolNumber",
    "legalStatus",
    "streetAddress",
    "postalCode",
    "locality",
    "municipality",
    "areaServed",
    "provider",
    "lifePhase",
    "topic",
    "offerFormat",
    "offerKind",
    "targetGroup",
    "minAge",
    "maxAge",
    "isFree",
    "price",
    "schedule",
    "location",
    "onlineUrl",
    "programme",
    "partner",
    "cooperationForm",
    "cooperationStatus",
    "sourceDocument",
    "coordinator",
    "member",
    "network",
    "membershipRole",
    "parentUnit",
    "ags",
    "ars",
    "districtKey",
    "governmentDistrictKey",
    "stateKey",
    "areaKm2",
    "refArea",
    "referenceDate",
    "ageBand",
    "population",
    "ageFrom",
    "ageBelow",
    "referenceAgeBand",
    "relevantLifePhase",
    "sha256",
    "rowCount",
    "analysisParameters",
    "measuredResource",
    "measureName",
    "measureValue",
    "claimedPartner",
    "confirmation",
    "confirmingPartner",
    "confirmationDecision",
    "cooperationVersion",
    "reason",
    "lastVerified",
    "closedOn",
    "contactFor",
    "consentDate",
}

# Alignment targets (rdfs:subClassOf, rdfs:subPropertyOf, skos:closeMatch, rdfs:seeAlso) outside
# bg:. Listed one by one so that a misspelled external IRI fails here.
KNOWN_EXTERNAL_TERMS = {
    "http://data.europa.eu/snb/model/elm/LearningOpportunity",
    "http://purl.org/dc/terms/audience",
    "http://purl.org/dc/terms/date",
    "http://purl.org/dc/terms/modified",
    "http://purl.org/dc/terms/educationLevel",
    "http://purl.org/dc/terms/identifier",
    "http://purl.org/dc/terms/source",
    "http://purl.org/dc/terms/spatial",
    "http://purl.org/dc/terms/subject",
    "http://purl.org/dc/terms/type",
    "http://purl.org/linked-data/cube#Observation",
    "http://www.opengis.net/ont/geosparql#Feature",
    "http://www.opengis.net/ont/geosparql#sfWithin",
    "http://www.w3.org/2006/vcard/ns#locality",
    "http://www.w3.org/2006/vcard/ns#postal-code",
    "http://www.w3.org/2006/vcard/ns#street-address",
    "http://www.w3.org/ns/org#Membership",
    "http://www.w3.org/ns/org#Organization",
    "http://www.w3.org/ns/org#OrganizationalCollaboration",
    "http://www.w3.org/ns/org#Site",
    "http://www.w3.org/ns/org#classification",
    "http://www.w3.org/ns/org#hasSite",
    "http://www.w3.org/ns/org#member",
    "http://www.w3.org/ns/org#organization",
    "http://www.w3.org/ns/org#role",
    "http://www.w3.org/ns/org#subOrganizationOf",
    "http://www.w3.org/ns/prov#Activity",
    "http://www.w3.org/ns/prov#Agent",
    "http://www.w3.org/ns/prov#Entity",
    "https://schema.org/AdministrativeArea",
    "https://schema.org/Course",
    "https://schema.org/EducationEvent",
    "https://schema.org/Organization",
    "https://schema.org/Person",
    "https://schema.org/Place",
    "https://schema.org/areaServed",
    "https://schema.org/containedInPlace",
    "https://schema.org/isAccessibleForFree",
    "https://schema.org/location",
    "https://schema.org/parentOrganization",
    "https://schema.org/provider",
    "https://schema.org/streetAddress",
    "https://schema.org/suggestedMaxAge",
    "https://schema.org/suggestedMinAge",
}
# Namespaces an external IRI used anywhere in the ontology may come from.
EXTERNAL_NAMESPACES = (
    "http://data.europa.eu/snb/model/elm/",
    "http://purl.org/dc/terms/",
    "http://purl.org/linked-data/cube#",
    "http://purl.org/vocab/vann/",
    "http://www.opengis.net/ont/geosparql#",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/2001/XMLSchema#",
    "http://www.w3.org/2002/07/owl#",
    "http://www.w3.org/2004/02/skos/core#",
    "http://www.w3.org/2006/vcard/ns#",
    "http://www.w3.org/ns/org#",
    "http://www.w3.org/ns/prov#",
    "https://schema.org/",
)
BG_TOKEN = re.compile(r"(?<![\w/#-])bg:([A-Za-z_][A-Za-z0-9_-]*)")


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def declared(onto: Graph) -> set[URIRef]:
    return {
        s
        for t in TERM_TYPES
        for s in onto.subjects(RDF.type, t)
        if isinstance(s, URIRef) and s.startswith(str(BG))
    }


def _local(term: URIRef) -> str:
    return term[len(str(BG)) :]


def _source_files() -> list[Path]:
    return sorted(p for p in ONTOLOGY_DIR.rglob("*") if p.suffix in {".ttl", ".md"})


def _literals(g: Graph, s: URIRef, p: URIRef, lang: str) -> list[Literal]:
    return [o for o in g.objects(s, p) if isinstance(o, Literal) and o.language == lang]


def test_ontology_file_exists() -> None:
    assert ONTOLOGY_FILE.is_file(), ONTOLOGY_FILE
    assert VOCAB_DIR.is_dir(), VOCAB_DIR


def test_ontology_header(onto: Graph) -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in onto
    assert str(onto.value(ONTOLOGY, OWL.versionInfo)) == "0.1.0"
    assert onto.value(ONTOLOGY, OWL.versionIRI) is not None
    dct = "http://purl.org/dc/terms/"
    for lang in ("de", "en"):
        assert _literals(onto, ONTOLOGY, URIRef(dct + "title"), lang), f"dct:title@{lang}"
    assert onto.value(ONTOLOGY, URIRef(dct + "license")) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    modified = onto.value(ONTOLOGY, URIRef(dct + "modified"))
    assert isinstance(modified, Literal) and modified.datatype == XSD.date
    vann = "http://purl.org/vocab/vann/"
    assert str(onto.value(ONTOLOGY, URIRef(vann + "preferredNamespacePrefix"))) == "bg"
    assert str(onto.value(ONTOLOGY, URIRef(vann + "preferredNamespaceUri"))) == str(BG)


def test_declares_exactly_the_spec_terms(onto: Graph, declared: set[URIRef]) -> None:
    classes = {_local(s) for s in declared if (s, RDF.type, OWL.Class) in onto}
    properties = {
        _local(s) for s in declared if any((s, RDF.type, t) in onto for t in PROPERTY_TYPES)
    }
    assert classes == SPEC_CLASSES
    assert properties == SPEC_PROPERTIES


def test_each_term_has_exactly_one_kind(onto: Graph, declared: set[URIRef]) -> None:
    for term in declared:
        kinds = {t for t in onto.objects(term, RDF.type) if t in TERM_TYPES}
        assert len(kinds) == 1, f"{term}: {kinds}"


def test_every_used_bg_term_is_declared(declared: set[URIRef]) -> None:
    names = {_local(t) for t in declared}
    unknown: list[str] = []
    for path in _source_files():
        text = path.read_text(encoding="utf-8")
        # Tokens in the text: catches typos in comments, examples and the README too.
        unknown += [f"{path.name}: bg:{m}" for m in BG_TOKEN.findall(text) if m not in names]
        if path.suffix == ".ttl":
            g = Graph().parse(path, format="turtle")
            used = {
                t for triple in g for t in triple if isinstance(t, URIRef) and t.startswith(str(BG))
            }
            unknown += [f"{path.name}: {t}" for t in used if t not in declared]
    assert not unknown, "undeclared bg: terms:\n" + "\n".join(sorted(set(unknown)))


def test_every_term_is_documented(onto: Graph, declared: set[URIRef]) -> None:
    problems: list[str] = []
    for term in sorted(declared):
        for prop, name in ((RDFS.label, "rdfs:label"), (SKOS.definition, "skos:definition")):
            for lang in ("de", "en"):
                n = len(_literals(onto, term, prop, lang))
                if n != 1:
                    problems.append(f"{_local(term)}: {n} x {name}@{lang}")
        if onto.value(term, RDFS.isDefinedBy) != ONTOLOGY:
            problems.append(f"{_local(term)}: rdfs:isDefinedBy")
        for comment in onto.objects(term, RDFS.comment):
            if not (isinstance(comment, Literal) and comment.language in {"de", "en"}):
                problems.append(f"{_local(term)}: rdfs:comment without @de/@en")
    assert not problems, "\n".join(problems)


def test_definitions_are_one_sentence(onto: Graph, declared: set[URIRef]) -> None:
    for term in declared:
        for definition in onto.objects(term, SKOS.definition):
            text = str(definition).strip()
            assert text.endswith("."), f"{term}: {text}"
            assert text.count(". ") == 0 or "z. B." in text or "e.g." in text, f"{term}: {text}"


def test_properties_have_domain_and_range(onto: Graph, declared: set[URIRef]) -> None:
    for term in declared:
        if (term, RDF.type, OWL.Class) in onto:
            continue
        assert onto.value(term, RDFS.domain) is not None, f"{term}: rdfs:domain"
        assert onto.value(term, RDFS.range) is not None, f"{term}: rdfs:range"
        if (term, RDF.type, OWL.DatatypeProperty) in onto:
            assert str(onto.value(term, RDFS.range)).startswith(str(XSD)), term


def test_domain_and_range_targets_are_known(onto: Graph, declared: set[URIRef]) -> None:
    allowed = {SKOS.Concept} | declared
    for term in declared:
        for prop in (RDFS.domain, RDFS.range):
            for target in onto.objects(term, prop):
                if isinstance(target, BNode):
                    members = list(Collection(onto, onto.value(target, OWL.unionOf)))
                    assert len(members) >= 2, f"{term} {prop}: empty union"
                    assert all(m in declared for m in members), f"{term} {prop}: {members}"
                elif not str(target).startswith(str(XSD)):
                    assert target in allowed, f"{term} {prop} {target}"


def test_alignment_targets_are_known(onto: Graph, declared: set[URIRef]) -> None:
    unknown = []
    for prop in (RDFS.subClassOf, RDFS.subPropertyOf, SKOS.closeMatch, RDFS.seeAlso):
        for s, o in onto.subject_objects(prop):
            if s not in declared:
                continue
            is_bg = str(o).startswith(str(BG))
            if (o not in declared) if is_bg else (str(o) not in KNOWN_EXTERNAL_TERMS):
                unknown.append(f"{_local(s)} {prop} {o}")
    assert not unknown, "\n".join(unknown)


def test_external_iris_come_from_allowed_namespaces(onto: Graph) -> None:
    own = ("https://w3id.org/bildungsgraph/", "https://creativecommons.org/licenses/")
    bad = {
        str(t)
        for triple in onto
        for t in triple
        if isinstance(t, URIRef)
        and not str(t).startswith(own)
        and not str(t).startswith(EXTERNAL_NAMESPACES)
    }
    assert not bad, sorted(bad)


def test_class_hierarchy(onto: Graph) -> None:
    def supers(cls: URIRef) -> set[URIRef]:
        return set(onto.transitive_objects(cls, RDFS.subClassOf))

    for cls in ("State", "GovernmentDistrict", "DistrictLevelUnit", "Municipality"):
        assert BG.AdministrativeUnit in supers(BG[cls])
    assert BG.DistrictLevelUnit in supers(BG.District)
    assert BG.DistrictLevelUnit in supers(BG.IndependentCity)
    # A kreisfreie Stadt is two resources: it is not a subclass of Municipality.
    assert BG.Municipality not in supers(BG.IndependentCity)


def _disjoint_pairs(onto: Graph) -> set[frozenset[URIRef]]:
    pairs = {frozenset((a, b)) for a, b in onto.subject_objects(OWL.disjointWith)}
    for axiom in onto.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(onto, onto.value(axiom, OWL.members)))
        pairs |= {frozenset((a, b)) for a in members for b in members if a != b}
    return pairs


def test_disjointness(onto: Graph, declared: set[URIRef]) -> None:
    pairs = _disjoint_pairs(onto)
    assert all(t in declared for pair in pairs for t in pair)
    core = [BG.EducationOffer, BG.EducationActor, BG.Cooperation, BG.AdministrativeUnit]
    for i, a in enumerate(core):
        for b in core[i + 1 :]:
            assert frozenset((a, b)) in pairs, (a, b)
    assert frozenset((BG.DistrictLevelUnit, BG.Municipality)) in pairs
    assert frozenset((BG.District, BG.IndependentCity)) in pairs
    # Sub- and superclass must never be declared disjoint.
    for pair in pairs:
        a, b = tuple(pair)
        assert b not in set(onto.transitive_objects(a, RDFS.subClassOf))
        assert a not in set(onto.transitive_objects(b, RDFS.subClassOf))


def test_examples_are_valid_turtle(onto: Graph, declared: set[URIRef]) -> None:
    header = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items())
    main_classes = [BG.EducationActor, BG.Site, BG.EducationOffer, BG.Cooperation, BG.Network]
    for cls in main_classes:
        assert onto.value(cls, SKOS.example) is not None, f"{cls}: skos:example"
    for term in declared:
        for example in onto.objects(term, SKOS.example):
            g = Graph().parse(data=header + str(example), format="turtle")
            assert len(g) > 0, term


def test_no_trailing_whitespace_or_tabs() -> None:
    problems = []
    for path in _source_files():
        text = path.read_text(encoding="utf-8")
        assert text.endswith("\n") and not text.endswith("\n\n"), f"{path.name}: end of file"
        for number, line in enumerate(text.split("\n"), start=1):
            if line != line.rstrip():
                problems.append(f"{path.name}:{number}: trailing whitespace")
            if "\t" in line:
                problems.append(f"{path.name}:{number}: tab")
    assert not problems, "\n".join(problems)


def test_prefixes_are_aligned_and_sorted() -> None:
    lines = [
        line
        for line in ONTOLOGY_FILE.read_text(encoding="utf-8").splitlines()
        if line.startswith("@prefix")
    ]
    names = [line.split()[1] for line in lines]
    assert names == sorted(names)
    columns = {line.index("<") for line in lines}
    assert len(columns) == 1, "prefix IRIs are not aligned"
