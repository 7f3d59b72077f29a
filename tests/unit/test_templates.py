"""Templates come from the shapes: every column has a property shape, and examples validate."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from rdflib import RDF, BNode, Graph, URIRef

from bildungsgraph.ingest import (
    XLSX_NAME,
    read_contribution,
    template_csv_bytes,
    templates_xlsx_bytes,
    write_templates,
)
from bildungsgraph.namespaces import BG, BGSH, ID, SH
from bildungsgraph.shapes import TemplateSpec, load_shapes, template_model
from bildungsgraph.validation import (
    load_validation_context_static,
    referenced_iris,
    validate_contribution,
)


@pytest.fixture(scope="module")
def model() -> list[TemplateSpec]:
    return template_model()


def _path_key(shapes: Graph, prop: object) -> tuple[str, bool]:
    path = shapes.value(prop, SH.path)  # type: ignore[arg-type]
    if isinstance(path, BNode):
        return str(shapes.value(path, SH.inversePath)), True
    return str(path), False


def test_every_column_has_a_property_shape_and_vice_versa(model: list[TemplateSpec]) -> None:
    shapes = load_shapes()
    templated = set(shapes.subjects(BGSH.template, None))
    assert {t.shape for t in model} == {str(s) for s in templated}
    for template in model:
        node = URIRef(template.shape)
        props = list(shapes.objects(node, SH.property))
        with_column = {
            _path_key(shapes, p): str(shapes.value(p, BGSH.column))
            for p in props
            if shapes.value(p, BGSH.column) is not None
        }
        columns = {
            (str(c.path), c.inverse): c.header_de for c in template.columns if c.kind != "id"
        }
        assert columns == with_column, template.name
        # every mandatory path (a Violation-level sh:minCount) has a column to fill in
        for prop in props:
            min_count = shapes.value(prop, SH.minCount)
            severity = shapes.value(prop, SH.severity)
            if min_count is not None and int(min_count) > 0 and severity in (None, SH.Violation):
                key = _path_key(shapes, prop)
                assert key in columns, (template.name, key)
                assert template.column_for_path(*key).required, (template.name, key)
        # headers are unique within a template, in German and English
        keys = [k for c in template.columns for k in c.header_keys]
        assert len(keys) == len(set(keys)) or all(
            len(c.header_keys) == 1 for c in template.columns if c.header_de == c.header_en
        ), template.name


def test_every_column_has_names_and_an_example(model: list[TemplateSpec]) -> None:
    for template in model:
        for column in template.columns:
            assert column.name_de and column.name_en and column.header_en, column
            assert column.example, (template.name, column.header_de)
            if column.kind == "concept":
                assert column.allowed_values, (template.name, column.header_de)


def test_csv_template(model: list[TemplateSpec]) -> None:
    data = template_csv_bytes("angebote")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    angebote = next(t for t in model if t.name == "angebote")
    assert rows[0] == [c.header_de for c in angebote.columns]
    assert len(rows) == 2 and len(rows[1]) == len(rows[0])


def _example_context(mapped_graph: Graph, model: list[TemplateSpec]) -> Graph:
    """The store as it would be: referenced example actors, sites and Kommunen exist."""
    classes = {t.id_prefix: t.target_class for t in model}
    context = Graph()
    context += load_validation_context_static()
    for iri in referenced_iris(mapped_graph):
        prefix, _, key = iri.removeprefix(str(ID)).partition("/")
        if prefix == "kommune":
            rdf_type = BG.Municipality if len(key) == 8 else BG.District
        else:
            rdf_type = classes[prefix]
        context.add((URIRef(iri), RDF.type, rdf_type))
    return context


def test_csv_templates_round_trip(model: list[TemplateSpec]) -> None:
    files = [(f"{t.name}.csv", template_csv_bytes(t.name)) for t in model]
    mapped = read_contribution(files)
    assert mapped.problems == []
    assert len(mapped.subjects) == len(model)
    report = validate_contribution(mapped, _example_context(mapped.graph, model))
    assert report.violations == [], report.to_text()
    # every column of every template produced at least one triple
    for template in model:
        subject = str(ID[f"{template.id_prefix}/{template.id_column.example}"])
        for column in template.columns:
            if column.kind != "id":
                assert (subject, str(column.path)) in mapped.locations, (template.name, column)


def test_xlsx_workbook(model: list[TemplateSpec]) -> None:
    data = templates_xlsx_bytes()
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == [*(t.name for t in model), "Erläuterungen", "Werte"]
    assert workbook["Werte"].sheet_state == "hidden"
    for template in model:
        sheet = workbook[template.name]
        headers = [c.value for c in sheet[1]]
        assert headers == [c.header_de for c in template.columns]
        assert all(c.font.bold for c in sheet[1])
        concept_columns = [c for c in template.columns if c.kind == "concept"]
        assert len(sheet.data_validations.dataValidation) == len(concept_columns)
    explanations = workbook["Erläuterungen"]
    rows = list(explanations.iter_rows(values_only=True))
    assert rows[0][:3] == ("Vorlage", "Spalte", "Column (English)")
    assert len(rows) - 1 == sum(len(t.columns) for t in model)
    # the workbook itself is a valid contribution (example rows only)
    mapped = read_contribution([(XLSX_NAME, data)])
    assert mapped.problems == []
    assert len(mapped.subjects) == len(model)
    report = validate_contribution(mapped, _example_context(mapped.graph, model))
    assert report.violations == [], report.to_text()


def test_write_templates(tmp_path: Path, model: list[TemplateSpec]) -> None:
    written = write_templates(tmp_path / "vorlagen")
    assert [p.name for p in written] == [*(f"{t.name}.csv" for t in model), XLSX_NAME]
    assert all(p.stat().st_size > 0 for p in written)
