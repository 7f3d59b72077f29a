"""The template model: which spreadsheet columns exist, read from the SHACL shapes.

Every contributable NodeShape with ``bgsh:template`` becomes a :class:`TemplateSpec`; every
property shape with ``bgsh:column`` becomes a :class:`ColumnSpec`. Since templates, the CSV
mapping and validation all come from the same shapes, they cannot drift apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal as TypingLiteral

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..folding import normalise_key
from ..namespaces import BGSH, SH, SKOS
from .files import load_shapes, load_vocabularies

ValueKind = TypingLiteral["id", "literal", "concept", "reference", "kommune"]

KENNUNG_HEADERS = ("Kennung", "ID")


@dataclass(frozen=True)
class ColumnSpec:
    """One template column, i.e. one main property shape with ``bgsh:column``."""

    header_de: str
    header_en: str
    path: URIRef | None  # None only for a Kennung column without a property
    inverse: bool = False
    kind: ValueKind = "literal"
    datatype: URIRef | None = None
    scheme: URIRef | None = None
    ref_prefix: str | None = None
    target_class: URIRef | None = None  # sh:class of reference columns
    required: bool = False
    multiple: bool = False
    example: str = ""
    order: float = 0.0
    name_de: str = ""
    name_en: str = ""
    description_de: str = ""
    description_en: str = ""
    allowed_values: tuple[str, ...] = ()  # prefLabel@de of the scheme's concepts
    shape: str | None = None  # the property shape (IRI or blank node id)
    lookup: dict[str, URIRef] = field(default_factory=dict, compare=False, repr=False)

    @property
    def header_keys(self) -> set[str]:
        """Normalised German and English headers."""
        return {normalise_key(self.header_de), normalise_key(self.header_en)} - {""}


@dataclass(frozen=True)
class TemplateSpec:
    """One template (CSV file / xlsx sheet) for one contributable class."""

    name: str  # file stem and sheet name, e.g. "angebote"
    target_class: URIRef
    id_prefix: str  # "offer" → id/offer/{Kennung}
    columns: tuple[ColumnSpec, ...]
    shape: str = ""
    label_de: str = ""
    label_en: str = ""
    description_de: str = ""
    description_en: str = ""
    order: float = 0.0

    @property
    def id_column(self) -> ColumnSpec:
        """The Kennung column."""
        return next(c for c in self.columns if c.kind == "id")

    @property
    def required_columns(self) -> list[ColumnSpec]:
        """Columns that must be present in a file."""
        return [c for c in self.columns if c.required]

    def column_by_header(self, header: str) -> ColumnSpec | None:
        """The column a (German or English, loosely spelled) header names, if any."""
        key = normalise_key(header)
        return next((c for c in self.columns if key in c.header_keys), None) if key else None

    def column_for_path(self, path: str, inverse: bool = False) -> ColumnSpec | None:
        """The column that maps to ``path`` (in the given direction), if any."""
        return next((c for c in self.columns if str(c.path) == path and c.inverse == inverse), None)


def _lang_text(graph: Graph, subject: Node, predicate: URIRef, lang: str) -> str:
    values = list(graph.objects(subject, predicate))
    for value in values:
        if isinstance(value, Literal) and value.language == lang:
            return str(value)
    plain = [v for v in values if isinstance(v, Literal) and not v.language]
    return str(plain[0]) if plain else ""


def _one(graph: Graph, subject: Node, predicate: URIRef) -> Node | None:
    return next(iter(graph.objects(subject, predicate)), None)


def _flag(graph: Graph, subject: Node, predicate: URIRef) -> bool:
    value = _one(graph, subject, predicate)
    return isinstance(value, Literal) and bool(value.toPython()) and str(value) not in ("0", "")


def _number(graph: Graph, subject: Node, predicate: URIRef, default: float) -> float:
    value = _one(graph, subject, predicate)
    try:
        return float(value) if isinstance(value, Literal) else default
    except (TypeError, ValueError):
        return default


def concept_lookup(vocab: Graph, scheme: URIRef) -> tuple[dict[str, URIRef], tuple[str, ...]]:
    """Map every spelling of a scheme's concepts to the concept, and list the German labels.

    Spellings, in priority order: full IRI, notation (also without leading zeros), prefLabel
    (any language), slug, altLabel/hiddenLabel. Keys are :func:`normalise_key`-folded except
    the IRI; the first concept that claims a key keeps it.
    """
    concepts = sorted(
        {c for c in vocab.subjects(SKOS.inScheme, scheme) if isinstance(c, URIRef)}
        | {c for c in vocab.subjects(SKOS.topConceptOf, scheme) if isinstance(c, URIRef)},
        key=str,
    )
    lookup: dict[str, URIRef] = {}

    def claim(key: str, concept: URIRef) -> None:
        if key and key not in lookup:
            lookup[key] = concept

    for concept in concepts:
        claim(str(concept), concept)
    for concept in concepts:
        for notation in vocab.objects(concept, SKOS.notation):
            claim(normalise_key(str(notation)), concept)
            if str(notation).isdigit():
                claim(str(int(str(notation))), concept)
    for predicate in (SKOS.prefLabel,):
        for concept in concepts:
            for label in vocab.objects(concept, predicate):
                claim(normalise_key(str(label)), concept)
    for concept in concepts:
        claim(normalise_key(str(concept).rsplit("/", 1)[-1]), concept)
    for predicate in (SKOS.altLabel, SKOS.hiddenLabel):
        for concept in concepts:
            for label in vocab.objects(concept, predicate):
                claim(normalise_key(str(label)), concept)
    labels = tuple(
        label for label in (_lang_text(vocab, c, SKOS.prefLabel, "de") for c in concepts) if label
    )
    return lookup, labels


def _column(graph: Graph, vocab: Graph, prop: Node, template_name: str) -> ColumnSpec:
    header_de = str(_one(graph, prop, BGSH.column))
    header_en = str(_one(graph, prop, BGSH.columnEn) or header_de)
    raw_path = _one(graph, prop, SH.path)
    inverse = False
    path: URIRef | None = None
    if isinstance(raw_path, URIRef):
        path = raw_path
    elif isinstance(raw_path, BNode):
        inverse_of = _one(graph, raw_path, SH.inversePath)
        if not isinstance(inverse_of, URIRef):
            raise ValueError(f"{template_name}/{header_de}: only simple and inverse paths")
        path, inverse = inverse_of, True
    scheme = _one(graph, prop, BGSH.scheme)
    ref_prefix = _one(graph, prop, BGSH.refPrefix)
    datatype = _one(graph, prop, SH.datatype)
    target_class = _one(graph, prop, SH["class"])
    kind: ValueKind = "literal"
    lookup: dict[str, URIRef] = {}
    allowed: tuple[str, ...] = ()
    if normalise_key(header_de) == "kennung" or _flag(graph, prop, BGSH.identifier):
        kind = "id"
    elif isinstance(scheme, URIRef):
        kind = "concept"
        lookup, allowed = concept_lookup(vocab, scheme)
    elif ref_prefix is not None:
        kind = "kommune" if str(ref_prefix) == "kommune" else "reference"
    return ColumnSpec(
        header_de=header_de,
        header_en=header_en,
        path=path,
        inverse=inverse,
        kind=kind,
        datatype=datatype if isinstance(datatype, URIRef) else None,
        scheme=scheme if isinstance(scheme, URIRef) else None,
        ref_prefix=str(ref_prefix) if ref_prefix is not None else None,
        target_class=target_class if isinstance(target_class, URIRef) else None,
        required=_flag(graph, prop, BGSH.required) or kind == "id",
        multiple=_flag(graph, prop, BGSH.multiple),
        example=str(_one(graph, prop, BGSH.example) or ""),
        order=_number(graph, prop, SH.order, 1000.0),
        name_de=_lang_text(graph, prop, SH.name, "de") or header_de,
        name_en=_lang_text(graph, prop, SH.name, "en") or header_en,
        description_de=_lang_text(graph, prop, SH.description, "de"),
        description_en=_lang_text(graph, prop, SH.description, "en"),
        allowed_values=allowed,
        shape=str(prop),
        lookup=lookup,
    )


def _id_column(example: str) -> ColumnSpec:
    return ColumnSpec(
        header_de=KENNUNG_HEADERS[0],
        header_en=KENNUNG_HEADERS[1],
        path=None,
        kind="id",
        required=True,
        example=example,
        order=-1.0,
        name_de="Kennung",
        name_en="Identifier",
        description_de="Eindeutige Kennung des Datensatzes (Buchstaben, Ziffern, . _ -).",
        description_en="Unique identifier of the record (letters, digits, . _ -).",
    )


def load_template_model(
    shapes_graph: Graph, vocab_graph: Graph | None = None
) -> list[TemplateSpec]:
    """Read the templates from a shapes graph, sorted by ``sh:order``.

    Args:
        shapes_graph: the SHACL shapes with the ``bgsh:`` template annotations.
        vocab_graph: the SKOS vocabularies (default: all files in ``VOCAB_DIR``).
    """
    if vocab_graph is None:
        vocab_graph = load_vocabularies()
    templates: list[TemplateSpec] = []
    for node in set(shapes_graph.subjects(BGSH.template, None)):
        name = str(_one(shapes_graph, node, BGSH.template))
        target = _one(shapes_graph, node, SH.targetClass)
        if not isinstance(target, URIRef):
            raise ValueError(f"template {name!r} has no sh:targetClass")
        props = [
            p
            for p in shapes_graph.objects(node, SH.property)
            if _one(shapes_graph, p, BGSH.column) is not None
        ]
        columns = [_column(shapes_graph, vocab_graph, p, name) for p in props]
        columns.sort(key=lambda c: (c.order, c.header_de))
        prefix = str(_one(shapes_graph, node, BGSH.idPrefix) or name)
        if not any(c.kind == "id" for c in columns):
            example = _one(shapes_graph, node, BGSH.example)
            columns.insert(0, _id_column(str(example) if example else ""))
        templates.append(
            TemplateSpec(
                name=name,
                target_class=target,
                id_prefix=prefix,
                columns=tuple(columns),
                shape=str(node),
                label_de=_lang_text(shapes_graph, node, SH.name, "de") or name,
                label_en=_lang_text(shapes_graph, node, SH.name, "en") or name,
                description_de=_lang_text(shapes_graph, node, SH.description, "de"),
                description_en=_lang_text(shapes_graph, node, SH.description, "en"),
                order=_number(shapes_graph, node, SH.order, 1000.0),
            )
        )
    templates.sort(key=lambda t: (t.order, t.name))
    return [_with_id_example(t, templates) for t in templates]


def _with_id_example(template: TemplateSpec, templates: list[TemplateSpec]) -> TemplateSpec:
    """Give a synthesised Kennung column the example that other templates refer to."""
    id_column = template.id_column
    if id_column.example:
        return template
    votes: Counter[str] = Counter(
        column.example.split("|")[0].strip()
        for other in templates
        for column in other.columns
        if column.kind == "reference" and column.ref_prefix == template.id_prefix and column.example
    )
    example = votes.most_common(1)[0][0] if votes else f"{template.id_prefix}-beispiel-1"
    columns = tuple(replace(c, example=example) if c is id_column else c for c in template.columns)
    return replace(template, columns=columns)


@lru_cache(maxsize=1)
def _default_model() -> tuple[TemplateSpec, ...]:
    return tuple(load_template_model(load_shapes()))


def template_model() -> list[TemplateSpec]:
    """The templates of the shipped shapes and vocabularies (parsed once, then cached)."""
    return list(_default_model())


def clear_cache() -> None:
    """Forget the cached default model (after the shapes or vocabularies changed)."""
    _default_model.cache_clear()


def find_template(model: Iterable[TemplateSpec], name: str) -> TemplateSpec | None:
    """The template with the given name (file stem / sheet name, loosely spelled)."""
    key = normalise_key(name)
    return next((t for t in model if normalise_key(t.name) == key), None)
