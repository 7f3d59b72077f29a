"""Slugs and folded keys (bildungsgraph.folding): German umlauts, ß, decomposed input."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from bildungsgraph.contribution import Contributor
from bildungsgraph.exports.tabular import file_stem
from bildungsgraph.folding import fold, normalise_key, slugify, transliterate
from bildungsgraph.namespaces import GRAPH
from bildungsgraph.reference.msb import parse_msb_schools
from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import open_store

NFD_UEBERSICHT = unicodedata.normalize("NFD", "Übersicht")


def test_decomposed_input_is_really_decomposed() -> None:
    assert NFD_UEBERSICHT.startswith("U\u0308")  # the test below must see the combining mark


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("Ü", "Ue"),
        ("Ä", "Ae"),
        ("Ö", "Oe"),
        ("ä ö ü", "ae oe ue"),
        ("ß", "ss"),
        ("ẞ", "SS"),  # capital sharp s
        ("Übersicht", "Uebersicht"),
        (NFD_UEBERSICHT, "Uebersicht"),
        ("Straße", "Strasse"),
        ("Jugendförderung", "Jugendfoerderung"),
        ("Café Crème", "Cafe Creme"),
    ],
)
def test_transliterate(text: str, plain: str) -> None:
    assert transliterate(text) == plain


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Übersicht", "uebersicht"),  # not "bersicht"
        (NFD_UEBERSICHT, "uebersicht"),  # not "ubersicht"
        ("ÄRGER", "aerger"),
        ("Ölmühle", "oelmuehle"),
        ("Straße", "strasse"),
        ("GROẞE STRAẞE", "grosse-strasse"),
        ("Jugendförderung", "jugendfoerderung"),
        ("Kita Sonnenblume", "kita-sonnenblume"),
        ("  „Übersicht“: Jugend & Förderung!  ", "uebersicht-jugend-foerderung"),
        ("--Straße--", "strasse"),
        ("Café", "cafe"),
        ("…", "x"),
        ("", "x"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_slugify_options() -> None:
    assert slugify("Bildungsbüro Kreis Mettmann", limit=15) == "bildungsbuero-k"
    assert slugify("Bildungsbüro Kreis", limit=13) == "bildungsbuero"  # no trailing '-'
    assert slugify("!!", fallback="unbekannt") == "unbekannt"
    assert slugify("Übersicht_2024.v2", keep="._-", lowercase=False) == "Uebersicht_2024.v2"
    assert slugify("a--b c", keep="._-", lowercase=False) == "a--b-c"


def test_the_identifiers_the_project_mints() -> None:
    """Contributor IRIs and export file names: unchanged for German names."""
    assert Contributor.named("Bildungsbüro Kreis Viersen").slug == "bildungsbuero-kreis-viersen"
    assert Contributor.named("Straßenkinder e.V.").slug == "strassenkinder-e-v"
    assert Contributor.named("Café Müller").slug == "cafe-mueller"  # was "café-mueller"
    assert Contributor.named("ẞ").slug == "ss"
    assert Contributor.named("?").slug == "unbekannt"
    assert Contributor.named("Kita „Sonnenblume“").slug == "kita-sonnenblume"  # quotes: no hash


def test_names_in_other_scripts_get_distinct_contributor_iris() -> None:
    """Cyrillic or Greek letters have no ASCII spelling: without the name's hash two such
    contributors would share one IRI (``unbekannt``, or ``bildungsbuero``)."""
    names = ["Школа", "Детский сад", "Σχολείο", "Bildungsbüro Школа", "Bildungsbüro Σχολείο"]
    slugs = [Contributor.named(name).slug for name in names]
    assert len(set(slugs)) == len(names)
    assert slugs[0].startswith("unbekannt-") and slugs[3].startswith("bildungsbuero-")
    assert Contributor.named("Школа").slug == slugs[0]  # stable
    assert all(len(slug) <= 80 for slug in slugs)
    assert len(Contributor.named("Bildungsbüro " * 10 + "Школа").slug) <= 80
    assert file_stem("Lücken", "Mönchengladbach, Stadt", "05116") == (
        "luecken-moenchengladbach-stadt-05116"
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Bildungsbüro", "BILDUNGSBUERO"),
        ("Straße", "strasse"),
        ("STRAẞE", "strasse"),
        ("Süchteln", "suchteln"),
        ("Süchteln", "Suechteln"),
        (NFD_UEBERSICHT, "Übersicht"),
        ("Jugendförderung", "jugendforderung"),
        ("  Café   Müller ", "cafe mueller"),
    ],
)
def test_fold_makes_spellings_equal(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_fold_keeps_words_and_differences() -> None:
    assert fold("  Jugend   Förderung ") == "jugend forderung"
    assert fold("Bonn") != fold("Bann")


@pytest.mark.parametrize(
    ("header", "key"),
    [
        (" Straße * ", "strasse"),
        ("Längengrad", "langengrad"),
        ("Laengengrad", "langengrad"),
        ("Gemeindeschlüssel", "gemeindeschlussel"),
        ("GEMEINDESCHLUESSEL", "gemeindeschlussel"),
        ("Schulbezeichnung_1", "schulbezeichnung1"),
        (unicodedata.normalize("NFD", "Öffnungszeiten"), "offnungszeiten"),
    ],
)
def test_normalise_key(header: str, key: str) -> None:
    assert normalise_key(header) == key


def test_msb_headers_match_with_umlauts_or_spelled_out() -> None:
    """The MSB's school list names a column "Gemeindeschlüssel" or "Gemeindeschluessel"."""
    header = (
        "Schulnummer;Schulform;Schulbezeichnung_1;Schulbezeichnung_2;Schulbezeichnung_3;PLZ;Ort;"
        "Straße;E-Mail;Homepage;Rechtsform;{ags};Schulbetriebsschlüssel;EPSG;UTMRechtswert;"
        "UTMHochwert"
    )
    row = "100001;02;Schule;;;41747;Viersen;Weg 1;;;1;05166032;1;EPSG:25832;320000;5684000"
    for ags in ("Gemeindeschlüssel", "Gemeindeschluessel"):
        data = f"{header.format(ags=ags)}\n{row}\n".encode()
        assert [s.ags for s in parse_msb_schools(data).schools] == ["05166032"]


@pytest.mark.parametrize(
    ("stem", "segment"),
    [
        ("schulen_2024.v2", "schulen_2024.v2"),  # as before: case and ._- kept
        ("Kreis-Viersen", "Kreis-Viersen"),
        ("Übersicht", "Uebersicht"),  # was "bersicht"
        ("Straße Nr 1", "Strasse-Nr-1"),  # was "Stra-e-Nr-1"
    ],
)
def test_imported_files_name_their_graph(tmp_path: Path, stem: str, segment: str) -> None:
    service = BildungsGraph(open_store(None))
    source = tmp_path / f"{stem}.ttl"
    source.write_text("<https://example.org/s> <https://example.org/p> 'o' .\n", encoding="utf-8")
    assert service.loading.import_rdf(source) == f"{GRAPH}import/{segment}"
