"""Check the SKOS vocabularies in ontology/vocab/ against SPEC section 3.

Contributors type labels, alternative labels and notations into spreadsheet cells, so these must
be unambiguous inside a scheme; mapping targets into KIM and OpenEduHub must really exist.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from bildungsgraph.config import VOCAB_DIR
from bildungsgraph.namespaces import BG, VOC, concept_iri, scheme_iri

SHARED_VOCABS = Path(__file__).parents[3] / "shared" / "data" / "vocabs"
CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
MAPPINGS = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
CHECKED_MAPPING_NAMESPACES = (
    "https://w3id.org/kim/",
    "http://w3id.org/kim/",
    "http://w3id.org/openeduhub/",
    "https://w3id.org/openeduhub/",
)
SCHEMA_ORG_TARGETS = {
    "https://schema.org/OfflineEventAttendanceMode",
    "https://schema.org/OnlineEventAttendanceMode",
    "https://schema.org/MixedEventAttendanceMode",
}
SCHOOL_FORM_KEYS = [
    "02",
    "04",
    "06",
    "08",
    "10",
    "13",
    "14",
    "15",
    "16",
    "17",
    "18",
    "19",
    "20",
    "25",
    "30",
    "81",
    "83",
    "85",
    "87",
    "88",
]
AGE_BANDS = [
    "under-3",
    "3-to-6",
    "6-to-10",
    "10-to-15",
    "15-to-18",
    "18-to-20",
    "20-to-25",
    "25-to-30",
    "30-to-35",
    "35-to-40",
    "40-to-45",
    "45-to-50",
    "50-to-55",
    "55-to-60",
    "60-to-65",
    "65-to-75",
    "75-and-over",
    "total",
]

# scheme slug -> {concept slug: broader slug or None}. Exact, except actor-type (required subset).
EXPECTED: dict[str, dict[str, str | None]] = {
    "life-phase": {
        "early-childhood": None,
        "general-school": None,
        "primary": "general-school",
        "secondary-1": "general-school",
        "secondary-2": "general-school",
        "vocational": None,
        "higher-education": None,
        "adult-education": None,
        "non-formal": None,
    },
    "age-band": dict.fromkeys(AGE_BANDS),
    "actor-type": {
        "childcare": None,
        "kita": "childcare",
        "childminding": "childcare",
        "family-centre": "childcare",
        "school": None,
        **{f"school-form-{k}": "school" for k in SCHOOL_FORM_KEYS if k != "30"},
        "vocational-college": None,
        "school-form-30": "vocational-college",
        "higher-education-institution": None,
        "university": "higher-education-institution",
        "university-applied-sciences": "higher-education-institution",
        "art-music-college": "higher-education-institution",
        "further-education": None,
        "adult-education-centre": "further-education",
        "family-education-centre": "further-education",
        "education-provider": "further-education",
        "labour-market-training-provider": "further-education",
        "culture-learning-venue": None,
        "library": "culture-learning-venue",
        "music-school": "culture-learning-venue",
        "youth-art-school": "culture-learning-venue",
        "museum": "culture-learning-venue",
        "theatre": "culture-learning-venue",
        "student-lab": "culture-learning-venue",
        "environmental-education-centre": "culture-learning-venue",
        "youth-services": None,
        "youth-welfare-office": "youth-services",
        "youth-centre": "youth-services",
        "youth-association": "youth-services",
        "welfare-organisation": "youth-services",
        "sport": None,
        "sports-club": "sport",
        "sports-federation": "sport",
        "business-labour": None,
        "chamber-of-commerce": "business-labour",
        "chamber-of-crafts": "business-labour",
        "company": "business-labour",
        "employment-agency": "business-labour",
        "jobcentre": "business-labour",
        "economic-development": "business-labour",
        "trade-union-employers": "business-labour",
        "civil-society": None,
        "foundation": "civil-society",
        "association": "civil-society",
        "migrant-organisation": "civil-society",
        "religious-community": "civil-society",
        "administration-coordination": None,
        "municipal-administration": "administration-coordination",
        "education-office": "administration-coordination",
        "integration-centre": "administration-coordination",
        "kaoa-coordination": "administration-coordination",
        "school-supervision": "administration-coordination",
        "media-centre": "administration-coordination",
        "education-guidance": "administration-coordination",
        "research": None,
        "research-institute": "research",
    },
    "topic": dict.fromkeys(
        [
            "stem",
            "language-literacy",
            "digital-media",
            "sustainability",
            "career-orientation",
            "skilled-labour",
            "integration-language-support",
            "cultural-education",
            "democracy-civic-education",
            "health-exercise-nutrition",
            "inclusion",
            "transitions",
            "all-day-school",
            "parent-family-education",
            "basic-education-literacy",
            "guidance-management",
            "equity-poverty-prevention",
        ]
    ),
    "cooperation-form": {
        "cooperation-agreement": None,
        "state-municipality-agreement": "cooperation-agreement",
        "education-partnership": None,
        "school-business": "education-partnership",
        "school-extracurricular": "education-partnership",
        "school-youth-services": "education-partnership",
        "network": None,
        "steering-committee": "network",
        "working-group": "network",
        "project-partnership": None,
        "sponsorship": None,
        "funding-relationship": None,
        "membership": None,
        "referral": None,
        "informal-exchange": None,
    },
    "programme": dict.fromkeys(
        [
            "regional-education-network",
            "kaoa",
            "integration-centres",
            "zdi",
            "transfer-initiative",
            "family-centre-nrw",
        ]
    ),
    "offer-format": {
        "presence": None,
        "digital": None,
        "digital-synchronous": "digital",
        "digital-asynchronous": "digital",
        "hybrid": None,
    },
    "offer-kind": dict.fromkeys(
        [
            "programme-of-study",
            "course",
            "event-workshop",
            "project",
            "open-offer",
            "guidance",
            "holiday-offer",
            "learning-material",
        ]
    ),
    "target-group": {
        "by-age": None,
        "by-role": None,
        "by-situation": None,
        **dict.fromkeys(
            [
                "age-under-3",
                "age-3-6",
                "age-6-10",
                "age-10-18",
                "age-18-27",
                "adults",
                "seniors-65plus",
            ],
            "by-age",
        ),
        **dict.fromkeys(
            [
                "learners",
                "parents-families",
                "teachers",
                "educational-staff",
                "multipliers-volunteers",
                "companies",
            ],
            "by-role",
        ),
        **dict.fromkeys(
            [
                "newly-arrived",
                "migration-background",
                "disability-special-needs",
                "low-basic-skills",
                "jobseekers",
                "young-people-without-qualification",
                "families-at-risk-of-poverty",
                "girls-women-stem",
            ],
            "by-situation",
        ),
    },
    "cooperation-status": dict.fromkeys(["planned", "active", "paused", "ended"]),
    "membership-role": dict.fromkeys(["member", "chair", "coordination", "office", "advisory"]),
    "confirmation-decision": dict.fromkeys(["confirmed", "disputed"]),
}
OPEN_SCHEMES = {"actor-type"}  # further concepts may be added

REFERENCE_AGE_BANDS = {
    "early-childhood": ["under-3", "3-to-6"],
    "general-school": ["6-to-10", "10-to-15", "15-to-18"],
    "primary": ["6-to-10"],
    "secondary-1": ["10-to-15"],
    "secondary-2": ["15-to-18", "18-to-20"],
    "vocational": ["15-to-18", "18-to-20", "20-to-25"],
    "higher-education": ["18-to-20", "20-to-25", "25-to-30"],
    "adult-education": AGE_BANDS[AGE_BANDS.index("25-to-30") : AGE_BANDS.index("total")],
    "non-formal": ["total"],
}


def _graph(slug: str) -> Graph:
    return Graph().parse(VOCAB_DIR / f"{slug}.ttl", format="turtle")


@pytest.fixture(scope="module")
def graphs() -> dict[str, Graph]:
    return {path.stem: Graph().parse(path, format="turtle") for path in VOCAB_DIR.glob("*.ttl")}


@pytest.fixture(scope="module")
def union(graphs: dict[str, Graph]) -> Graph:
    g = Graph()
    for part in graphs.values():
        g += part
    return g


def _concepts(g: Graph) -> set[URIRef]:
    return {c for c in g.subjects(RDF.type, SKOS.Concept) if isinstance(c, URIRef)}


def _slug(concept: URIRef, scheme_slug: str) -> str:
    return str(concept)[len(str(scheme_iri(scheme_slug))) + 1 :]


def test_required_schemes_exist() -> None:
    stems = {p.stem for p in VOCAB_DIR.glob("*.ttl")}
    assert stems == set(EXPECTED)


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_one_scheme_per_file(slug: str) -> None:
    g = _graph(slug)
    schemes = list(g.subjects(RDF.type, SKOS.ConceptScheme))
    assert schemes == [scheme_iri(slug)]
    scheme = schemes[0]
    for lang in ("de", "en"):
        titles = [t for t in g.objects(scheme, DCTERMS.title) if t.language == lang]
        assert len(titles) == 1, f"dct:title@{lang}"
    assert g.value(scheme, DCTERMS.license) == CC0
    assert g.value(scheme, DCTERMS.description) is not None


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_expected_concepts(slug: str) -> None:
    g = _graph(slug)
    actual = {_slug(c, slug) for c in _concepts(g)}
    expected = EXPECTED[slug]
    if slug in OPEN_SCHEMES:
        assert set(expected) <= actual, sorted(set(expected) - actual)
    else:
        assert actual == set(expected)
    for concept_slug, broader in expected.items():
        concept = concept_iri(slug, concept_slug)
        parents = set(g.objects(concept, SKOS.broader))
        if broader is None:
            assert not parents, concept_slug
            assert (concept, SKOS.topConceptOf, scheme_iri(slug)) in g, concept_slug
        else:
            assert parents == {concept_iri(slug, broader)}, concept_slug


def test_every_concept_in_exactly_one_scheme(graphs: dict[str, Graph], union: Graph) -> None:
    for slug, g in graphs.items():
        for concept in _concepts(g):
            schemes = set(union.objects(concept, SKOS.inScheme))
            assert schemes == {scheme_iri(slug)}, f"{concept}: {schemes}"
            assert str(concept).startswith(str(scheme_iri(slug)) + "/"), concept
    # no concept is defined in two files
    seen: dict[URIRef, str] = {}
    for slug, g in graphs.items():
        for concept in _concepts(g):
            assert concept not in seen, f"{concept} in {seen.get(concept)} and {slug}"
            seen[concept] = slug


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_labels_notations_definitions(slug: str) -> None:
    g = _graph(slug)
    problems = []
    notations: dict[str, URIRef] = {}
    for concept in sorted(_concepts(g)):
        name = _slug(concept, slug)
        for lang in ("de", "en"):
            labels = [x for x in g.objects(concept, SKOS.prefLabel) if x.language == lang]
            if len(labels) != 1:
                problems.append(f"{name}: {len(labels)} prefLabel@{lang}")
            definitions = [x for x in g.objects(concept, SKOS.definition) if x.language == lang]
            if len(definitions) != 1:
                problems.append(f"{name}: {len(definitions)} definition@{lang}")
        if any(x.language not in {"de", "en"} for x in g.objects(concept, SKOS.prefLabel)):
            problems.append(f"{name}: prefLabel in another language")
        values = list(g.objects(concept, SKOS.notation))
        if len(values) != 1:
            problems.append(f"{name}: {len(values)} notations")
            continue
        notation = str(values[0])
        if notation in notations:
            problems.append(f"{name}: notation {notation!r} also on {notations[notation]}")
        notations[notation] = concept
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_no_ambiguous_cell_values(slug: str) -> None:
    """A cell value (label, alt/hidden label, notation or slug) names at most one concept."""
    g = _graph(slug)
    owners: dict[str, set[str]] = defaultdict(set)
    for concept in _concepts(g):
        name = _slug(concept, slug)
        owners[name.casefold()].add(name)
        for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, SKOS.notation):
            for value in g.objects(concept, prop):
                owners[" ".join(str(value).split()).casefold()].add(name)
    clashes = {value: sorted(names) for value, names in owners.items() if len(names) > 1}
    assert not clashes, clashes


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_hierarchy_is_consistent(slug: str) -> None:
    g = _graph(slug)
    scheme = scheme_iri(slug)
    concepts = _concepts(g)
    for concept in concepts:
        broader = set(g.objects(concept, SKOS.broader))
        is_top = (concept, SKOS.topConceptOf, scheme) in g
        assert is_top != bool(broader), f"{concept}: top concept xor broader"
        assert is_top == ((scheme, SKOS.hasTopConcept, concept) in g), concept
        for parent in broader:
            assert parent in concepts, f"{concept} broader {parent}: not in scheme"
            assert (parent, SKOS.narrower, concept) in g, f"{parent} lacks narrower {concept}"
        for child in g.objects(concept, SKOS.narrower):
            assert (child, SKOS.broader, concept) in g, f"{child} lacks broader {concept}"
        # no cycles
        ancestors = set(g.transitive_objects(concept, SKOS.broader)) - {concept}
        assert concept not in {a for p in ancestors for a in g.objects(p, SKOS.broader)}
    assert set(g.objects(scheme, SKOS.hasTopConcept)) <= concepts


def _shared_concepts() -> set[URIRef]:
    found: set[URIRef] = set()
    for path in sorted(SHARED_VOCABS.glob("*.ttl")):
        g = Graph().parse(path, format="turtle")
        found |= {c for c in g.subjects(RDF.type, SKOS.Concept) if isinstance(c, URIRef)}
    return found


def test_mapping_targets_exist(union: Graph) -> None:
    if not SHARED_VOCABS.is_dir():
        pytest.skip(
            f"shared vocabularies not found at {SHARED_VOCABS} (../shared is not checked out)"
        )
    known = _shared_concepts()
    problems = []
    count = 0
    for prop in MAPPINGS:
        for concept, target in union.subject_objects(prop):
            count += 1
            iri = str(target)
            if iri.startswith(CHECKED_MAPPING_NAMESPACES):
                if target not in known:
                    problems.append(f"{concept} {prop} {iri}: not in {SHARED_VOCABS}")
            elif iri not in SCHEMA_ORG_TARGETS:
                problems.append(f"{concept} {prop} {iri}: unknown namespace")
    assert count > 0
    assert not problems, "\n".join(problems)


def test_offer_formats_match_schema_org(union: Graph) -> None:
    schema = "https://schema.org/"
    expected = {
        "presence": "OfflineEventAttendanceMode",
        "digital": "OnlineEventAttendanceMode",
        "hybrid": "MixedEventAttendanceMode",
    }
    for slug, member in expected.items():
        concept = concept_iri("offer-format", slug)
        assert (concept, SKOS.exactMatch, URIRef(schema + member)) in union, slug


def test_life_phase_mappings(union: Graph) -> None:
    kim = "https://w3id.org/kim/"
    assert (
        concept_iri("life-phase", "early-childhood"),
        SKOS.exactMatch,
        URIRef(kim + "educationalLevel/level_0"),
    ) in union
    assert (
        concept_iri("life-phase", "primary"),
        SKOS.exactMatch,
        URIRef(kim + "isced-2011/level1"),
    ) in union
    # duale Ausbildung is ISCED 3, so vocational education is only related to ISCED 3/4/5.
    vocational = concept_iri("life-phase", "vocational")
    for level in ("level3", "level4", "level5"):
        assert (vocational, SKOS.relatedMatch, URIRef(kim + "isced-2011/" + level)) in union
    assert not list(union.objects(vocational, SKOS.exactMatch))


def test_life_phases_point_to_age_bands(union: Graph) -> None:
    bands = _concepts(_graph("age-band"))
    for phase, expected in REFERENCE_AGE_BANDS.items():
        targets = set(union.objects(concept_iri("life-phase", phase), BG.referenceAgeBand))
        assert targets <= bands, f"{phase}: {targets - bands}"
        assert targets == {concept_iri("age-band", b) for b in expected}, phase


def _int(g: Graph, s: URIRef, p: URIRef) -> int | None:
    values = list(g.objects(s, p))
    assert len(values) <= 1, f"{s} {p}: {values}"
    if not values:
        return None
    value = values[0]
    assert isinstance(value, Literal) and value.datatype == XSD.integer, f"{s} {p}: {value!r}"
    return int(value)


def test_age_bands_tile_the_age_axis() -> None:
    g = _graph("age-band")
    previous_below = 0
    for slug in AGE_BANDS[:-1]:
        concept = concept_iri("age-band", slug)
        age_from = _int(g, concept, BG.ageFrom)
        age_below = _int(g, concept, BG.ageBelow)
        assert age_from == previous_below, slug
        if slug == "75-and-over":
            assert age_below is None
        else:
            assert age_below is not None and age_below > age_from, slug
            previous_below = age_below
    total = concept_iri("age-band", "total")
    assert _int(g, total, BG.ageFrom) == 0
    assert _int(g, total, BG.ageBelow) is None


def test_target_group_ages() -> None:
    g = _graph("target-group")
    for concept in g.subjects(SKOS.broader, concept_iri("target-group", "by-age")):
        age_from = _int(g, concept, BG.ageFrom)
        age_below = _int(g, concept, BG.ageBelow)
        assert age_from is not None, concept
        assert age_below is None or age_below > age_from, concept


def test_school_forms_carry_msb_keys() -> None:
    g = _graph("actor-type")
    for key in SCHOOL_FORM_KEYS:
        concept = concept_iri("actor-type", f"school-form-{key}")
        assert [str(n) for n in g.objects(concept, SKOS.notation)] == [key], key
    supervision = concept_iri("actor-type", "school-supervision")
    assert [str(n) for n in g.objects(supervision, SKOS.notation)] == ["0A"]


def test_concept_iris_follow_the_pattern(union: Graph) -> None:
    for concept in _concepts(union):
        rest = str(concept)[len(str(VOC)) :]
        scheme_slug, _, concept_slug = rest.partition("/")
        assert scheme_slug in EXPECTED, concept
        assert concept_slug and concept_slug == concept_slug.lower(), concept
        assert all(ch.isalnum() or ch == "-" for ch in concept_slug), concept
