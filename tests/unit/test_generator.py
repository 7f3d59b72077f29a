"""Tests of the seeded landscape generator and the shipped example data."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from bildungsgraph.generator import (
    DELIBERATE_GAPS,
    EXAMPLE_KREISE,
    EXAMPLE_SEED,
    HEADERS,
    generate_landscape,
    write_contribution_csv,
    write_nquads,
    write_nquads_streaming,
)
from bildungsgraph.generator.__main__ import main
from bildungsgraph.generator.gaps import COVERED_ACTOR_TYPES, DIGITAL_FORMATS
from bildungsgraph.generator.readme import render_readme
from bildungsgraph.generator.reference import load_kreise
from bildungsgraph.namespaces import KENNUNG_PATTERN

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_DIR = ROOT / "data" / "example"
VOCAB_DIR = ROOT / "ontology" / "vocab"
MULTI = " | "
PHASES = (
    "early-childhood",
    "general-school",
    "primary",
    "secondary-1",
    "secondary-2",
    "vocational",
    "higher-education",
    "adult-education",
    "non-formal",
)
TOPICS = (
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
)


@pytest.fixture(scope="module")
def example_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("example")
    write_contribution_csv(generate_landscape(EXAMPLE_KREISE, EXAMPLE_SEED), out)
    return out


def read(directory: Path, stem: str) -> list[dict[str, str]]:
    with (directory / f"{stem}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def multi(value: str) -> list[str]:
    return [v for v in value.split(MULTI) if v] if value else []


def test_same_seed_gives_identical_bytes(tmp_path: Path, example_dir: Path) -> None:
    write_contribution_csv(generate_landscape(list(EXAMPLE_KREISE), EXAMPLE_SEED), tmp_path)
    for stem in HEADERS:
        name = f"{stem}.csv"
        assert (tmp_path / name).read_bytes() == (example_dir / name).read_bytes(), name


def test_different_seed_differs(tmp_path: Path, example_dir: Path) -> None:
    write_contribution_csv(generate_landscape(EXAMPLE_KREISE, 7), tmp_path)
    assert (tmp_path / "angebote.csv").read_bytes() != (example_dir / "angebote.csv").read_bytes()


def test_kreis_is_independent_of_the_other_kreise() -> None:
    alone = generate_landscape(["05114"], EXAMPLE_SEED)
    both = generate_landscape(EXAMPLE_KREISE, EXAMPLE_SEED)
    assert [o.kennung for o in alone.offers] == [
        o.kennung for o in both.offers if o.kennung.startswith("05114-")
    ]
    assert [o.title for o in alone.offers] == [
        o.title for o in both.offers if o.kennung.startswith("05114-")
    ]


def test_shipped_example_equals_fresh_generation(example_dir: Path) -> None:
    for stem in HEADERS:
        shipped = EXAMPLE_DIR / f"{stem}.csv"
        assert shipped.exists(), f"{shipped} missing: regenerate data/example"
        assert shipped.read_bytes() == (example_dir / f"{stem}.csv").read_bytes(), (
            f"{stem}.csv drifted: regenerate with the command in data/example/README.md"
        )
    readme = render_readme(generate_landscape(EXAMPLE_KREISE, EXAMPLE_SEED))
    assert (EXAMPLE_DIR / "README.md").read_text(encoding="utf-8") == readme


def test_headers_are_exactly_the_template_columns(example_dir: Path) -> None:
    for stem, header in HEADERS.items():
        with (example_dir / f"{stem}.csv").open(encoding="utf-8") as handle:
            assert tuple(next(csv.reader(handle))) == header


def test_counts_and_coverage(example_dir: Path) -> None:
    offers = read(example_dir, "angebote")
    coops = read(example_dir, "kooperationen")
    members = read(example_dir, "mitgliedschaften")
    assert len(offers) >= 1000
    assert len(coops) + len(members) >= 400
    assert 600 <= len(read(example_dir, "akteure")) <= 900
    assert {p for o in offers for p in multi(o["Lebensphase"])} == set(PHASES)
    assert {o["Format"] for o in offers} == {"presence", "hybrid", *DIGITAL_FORMATS}
    assert 8 <= len(read(example_dir, "netzwerke")) <= 15


def test_every_record_is_marked_invented(example_dir: Path) -> None:
    for stem in ("akteure", "angebote", "netzwerke"):
        assert all(
            r["Beschreibung"].startswith("Erfundener Beispieldatensatz")
            for r in read(example_dir, stem)
        )
    for row in read(example_dir, "akteure"):
        for column in ("Website", "E-Mail"):
            assert not row[column] or ".example.org" in row[column]


def _offer_cells(offers: list[dict[str, str]]) -> dict[str, dict[str, set[str]]]:
    cells: dict[str, dict[str, set[str]]] = {}
    for o in offers:
        (ags,) = multi(o["Gebiet"])
        entry = cells.setdefault(
            ags, {"phase": set(), "topic": set(), "format": set(), "adult_format": set()}
        )
        entry["phase"].update(multi(o["Lebensphase"]))
        entry["topic"].update(multi(o["Themenfeld"]))
        fmt = "digital" if o["Format"] in DIGITAL_FORMATS else o["Format"]
        entry["format"].add(fmt)
        if "adult-education" in multi(o["Lebensphase"]):
            entry["adult_format"].add(fmt)
    return cells


def test_deliberate_gaps_are_exactly_the_gaps(example_dir: Path) -> None:
    kreise = load_kreise()
    gemeinden = [g.ags for k in EXAMPLE_KREISE for g in kreise[k].gemeinden]
    cells = _offer_cells(read(example_dir, "angebote"))
    sites = {s["Akteur"]: s["Gemeinde"] for s in read(example_dir, "standorte")}
    types: dict[str, set[str]] = {}
    for actor in read(example_dir, "akteure"):
        types.setdefault(sites[actor["Kennung"]], set()).update(multi(actor["Akteurstyp"]))
    found = set()
    for ags in gemeinden:
        found |= {("no-offer-life-phase", ags, p) for p in PHASES if p not in cells[ags]["phase"]}
        found |= {("no-offer-topic", ags, t) for t in TOPICS if t not in cells[ags]["topic"]}
        found |= {("no-actor-type", ags, t) for t in COVERED_ACTOR_TYPES if t not in types[ags]}
        assert cells[ags]["format"] == {"presence", "hybrid", "digital"}, ags
        if cells[ags]["adult_format"] == {"digital"}:
            found.add(("only-digital", ags, "adult-education"))
        else:
            assert "presence" in cells[ags]["adult_format"], ags
    expected = {(g.kind, g.ags, g.concept) for g in DELIBERATE_GAPS}
    assert found == expected


def test_references_exist(example_dir: Path) -> None:
    kreise = load_kreise()
    schools = {s.kennung for k in EXAMPLE_KREISE for s in kreise[k].schools}
    actors = {a["Kennung"] for a in read(example_dir, "akteure")}
    sites = {s["Kennung"] for s in read(example_dir, "standorte")}
    networks = {n["Kennung"] for n in read(example_dir, "netzwerke")}
    gemeinden = {g.ags for k in kreise.values() for g in k.gemeinden}
    kommunen = gemeinden | set(kreise)
    all_ids = [r["Kennung"] for stem in HEADERS for r in read(example_dir, stem)]
    assert len(all_ids) == len(set(all_ids))
    assert all(KENNUNG_PATTERN.match(k) for k in all_ids)
    known_actors = actors | schools
    for a in read(example_dir, "akteure"):
        assert not a["Übergeordnete Organisation"] or a["Übergeordnete Organisation"] in actors
        assert set(multi(a["Zuständigkeitsgebiet"])) <= kommunen
    for s in read(example_dir, "standorte"):
        assert s["Akteur"] in actors and s["Gemeinde"] in gemeinden
        assert re.fullmatch(r"[0-9]{5}", s["PLZ"])
    for o in read(example_dir, "angebote"):
        assert set(multi(o["Anbieter"])) <= known_actors, o["Kennung"]
        assert not o["Standort"] or o["Standort"] in sites | schools
        assert set(multi(o["Gebiet"])) <= kommunen
    for c in read(example_dir, "kooperationen"):
        partners = multi(c["Partner"])
        assert len(set(partners)) == len(partners) >= 2, c["Kennung"]
        assert len(partners) <= 5
        assert set(partners) <= known_actors, c["Kennung"]
        if c["Beginn"] and c["Ende"]:
            assert c["Beginn"] <= c["Ende"]
    for n in read(example_dir, "netzwerke"):
        assert n["Koordination"] in known_actors
    for m in read(example_dir, "mitgliedschaften"):
        assert m["Netzwerk"] in networks and m["Akteur"] in known_actors
        if m["Ende"]:
            assert m["Beginn"] <= m["Ende"]


def test_real_schools_and_cross_kreis_ties(example_dir: Path) -> None:
    coops = read(example_dir, "kooperationen")
    partners = [p for c in coops for p in multi(c["Partner"])]
    assert sum(p.startswith("school-") for p in partners) >= 50
    assert any(len({p[:5] for p in multi(c["Partner"]) if p[:2] == "05"}) > 1 for c in coops)


def test_coordinates_inside_nrw(example_dir: Path) -> None:
    rows = read(example_dir, "standorte")
    with_coords = [r for r in rows if r["Breitengrad"]]
    assert len(with_coords) > 0.9 * len(rows)
    for r in with_coords:
        assert 50.32 <= float(r["Breitengrad"]) <= 52.54
        assert 5.86 <= float(r["Längengrad"]) <= 9.47


COLUMN_SCHEMES = {
    ("akteure", "Akteurstyp"): "actor-type",
    ("angebote", "Lebensphase"): "life-phase",
    ("angebote", "Themenfeld"): "topic",
    ("angebote", "Format"): "offer-format",
    ("angebote", "Angebotsart"): "offer-kind",
    ("angebote", "Zielgruppe"): "target-group",
    ("angebote", "Programm"): "programme",
    ("kooperationen", "Kooperationsform"): "cooperation-form",
    ("kooperationen", "Programm"): "programme",
    ("kooperationen", "Themenfeld"): "topic",
    ("kooperationen", "Lebensphase"): "life-phase",
    ("kooperationen", "Status"): "cooperation-status",
    ("netzwerke", "Programm"): "programme",
    ("netzwerke", "Themenfeld"): "topic",
    ("mitgliedschaften", "Rolle"): "membership-role",
}


def test_concept_slugs_exist_in_vocabularies(example_dir: Path) -> None:
    rdflib = pytest.importorskip("rdflib")
    from rdflib.namespace import SKOS

    from bildungsgraph.namespaces import concept_iri, scheme_iri

    for (stem, column), scheme in COLUMN_SCHEMES.items():
        path = VOCAB_DIR / f"{scheme}.ttl"
        if not path.exists():
            pytest.skip(f"{path} not there yet")
        graph = rdflib.Graph().parse(path)
        known = set(graph.subjects(SKOS.inScheme, scheme_iri(scheme)))
        used = {v for r in read(example_dir, stem) for v in multi(r[column])}
        missing = sorted(v for v in used if concept_iri(scheme, v) not in known)
        assert not missing, f"{stem}.{column}: {missing} not in {scheme}.ttl"


def test_nquads_parse_and_match_csv(tmp_path: Path, example_dir: Path) -> None:
    ox = pytest.importorskip("pyoxigraph")
    land = generate_landscape(EXAMPLE_KREISE, EXAMPLE_SEED)
    path = tmp_path / "example.nq"
    count = write_nquads(land, path)
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    assert len(store) == count
    bg = "https://w3id.org/bildungsgraph/ontology#"
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    for cls, stem in (
        ("EducationOffer", "angebote"),
        ("Cooperation", "kooperationen"),
        ("EducationActor", "akteure"),
        ("Membership", "mitgliedschaften"),
    ):
        n = len(list(store.quads_for_pattern(None, rdf_type, ox.NamedNode(bg + cls))))
        assert n == len(read(example_dir, stem)), cls
    streamed = tmp_path / "streamed.nq"
    assert write_nquads_streaming(list(EXAMPLE_KREISE), streamed, EXAMPLE_SEED) == count
    assert sorted(streamed.read_text(encoding="utf-8").splitlines()) == sorted(
        path.read_text(encoding="utf-8").splitlines()
    )


def test_cli_and_scale(tmp_path: Path) -> None:
    assert (
        main(
            [
                "--kreise",
                "05120",
                "--seed",
                "3",
                "--scale",
                "0.5",
                "--format",
                "csv",
                "--out",
                str(tmp_path / "csv"),
            ]
        )
        == 0
    )
    small = read(tmp_path / "csv", "angebote")
    big = generate_landscape(["05120"], 3, 1.0)
    assert 0 < len(small) < len(big.offers)
    assert main(["--kreise", "05120", "--format", "nq", "--out", str(tmp_path / "x.nq")]) == 0
    assert (tmp_path / "x.nq").stat().st_size > 0
    with pytest.raises(ValueError):
        generate_landscape(["99999"])


@pytest.mark.slow
def test_nquads_equal_the_ingest_mapping_of_the_csv(tmp_path: Path, example_dir: Path) -> None:
    """The RDF fast path and the CSV view through the ingest give the same triples."""
    ingest = pytest.importorskip("bildungsgraph.ingest")
    rdflib = pytest.importorskip("rdflib")
    files = [(f"{stem}.csv", (example_dir / f"{stem}.csv").read_bytes()) for stem in HEADERS]
    mapped = ingest.read_contribution(files)
    assert not [p for p in mapped.problems if p.severity == "Violation"], mapped.problems[:3]
    path = tmp_path / "example.nq"
    write_nquads(generate_landscape(EXAMPLE_KREISE, EXAMPLE_SEED), path)
    graph_iri = "https://w3id.org/bildungsgraph/graph/example"
    triples = path.read_text(encoding="utf-8").replace(f" <{graph_iri}> .\n", " .\n")
    graph = rdflib.Graph().parse(data=triples, format="nt")

    def key(triple: tuple) -> tuple:
        return tuple(
            (str(t), str(t.datatype or ""), t.language or "")
            if isinstance(t, rdflib.Literal)
            else t
            for t in triple
        )

    mine = {key(t) for t in graph if str(t[0]) != graph_iri}
    assert mine == {key(t) for t in mapped.graph}
