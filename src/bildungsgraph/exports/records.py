"""Records as the contribution templates hold them, so that export → edit → upload changes
nothing.

One row per record, the template's German headers in its column order, and every value
spelled as the reading of an upload (``ingest.mapping``) turns it back into the same RDF term:
Kennungen without the ``id/…/`` prefix, Kommunen by their key, concepts by their German label
(its notation or IRI where the label does not name exactly that concept), several values
joined with ``|``, truth values as ``ja``/``nein``, dates as dates; numbers stay numbers only
where that keeps their lexical form (``49.50`` stays text). Columns come from the template
model (the shapes), so a new column in the shapes appears in the export by itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from decimal import Decimal, InvalidOperation

from ..ingest.values import resolve_concept
from ..namespaces import BG, ID, RDF, XSD
from ..readmodel import View
from ..records import RecordQuery
from ..records.index import Index
from ..records.snapshot import KOMMUNE_PREFIX, Properties, Snapshot
from ..records.terms import Value, is_iri, lexical, order
from ..shapes.model import ColumnSpec, TemplateSpec, find_template, template_model
from .tabular import Cell, Table, file_stem

# record kind (API segment) → contribution template
RECORD_TEMPLATES: dict[str, str] = {
    "actors": "akteure",
    "sites": "standorte",
    "offers": "angebote",
    "cooperations": "kooperationen",
    "networks": "netzwerke",
    "memberships": "mitgliedschaften",
}
MULTIPLE_SEPARATOR = "|"  # what the reading splits on (also ";" in comma files)
_SEPARATORS = ("|", ";")
Render = Callable[[str, Properties], Cell]


def template_for(kind: str) -> TemplateSpec:
    template = find_template(template_model(), RECORD_TEMPLATES[kind])
    if template is None:  # the shapes and this table disagree: a programming error
        raise LookupError(f"no contribution template {RECORD_TEMPLATES[kind]!r}")
    return template


def record_table(view: View, kind: str, query: RecordQuery, sort: str = "name") -> Table:
    """Every record of ``kind`` that passes ``query`` (no pages), in the template's shape."""
    template = template_for(kind)
    iris = view.records.select(kind, query, sort)
    name = file_stem(template.name, *query_words(view.snapshot, query))
    headers = [column.header_de for column in template.columns]
    rows = template_rows(view.index, kind, template, iris)
    return Table(name, template.name, headers, rows, count=len(iris))


def query_words(snapshot: Snapshot, query: RecordQuery) -> list[str]:
    """What a file name says about a filter: Kommune names with their keys (``nrw`` for
    none), concept values, the search words, the period."""
    words = kommune_words(snapshot, query.kommune)
    for values in query.concepts.values():
        words.extend(value.rsplit("/", 1)[-1] for value in values)
    if query.text:
        words.extend(["suche", *query.text.split()[:5]])
    if query.bbox:
        words.append("kartenausschnitt")
    if query.date_from or query.date_to:
        words.extend(["zeitraum", str(query.date_from or ""), str(query.date_to or "")])
    return words


def kommune_words(snapshot: Snapshot, keys: Iterable[str]) -> list[str]:
    """Name and key of each Kommune, ``Kreis`` before a Kreis's name (the Kreis Viersen and
    the Stadt Viersen share their name)."""
    words: list[str] = []
    for key in keys:
        iri = KOMMUNE_PREFIX + key.removeprefix(KOMMUNE_PREFIX)
        types = snapshot.records["kommunen"].get(iri, {}).get(str(RDF.type), ())
        if str(BG.DistrictLevelUnit) in types and str(BG.IndependentCity) not in types:
            words.append("Kreis")
        words.extend([snapshot.kommune_name(iri), iri.removeprefix(KOMMUNE_PREFIX)])
    return words or ["nrw"]


def template_rows(
    index: Index, kind: str, template: TemplateSpec, iris: Iterable[str]
) -> Iterator[list[Cell]]:
    """The rows of ``iris`` (records of ``kind``), made one at a time."""
    records = index.snapshot.records[kind]
    renders = [_renderer(index, column) for column in template.columns]
    for iri in iris:
        props = records[iri]
        yield [render(iri, props) for render in renders]


def _renderer(index: Index, column: ColumnSpec) -> Render:
    if column.kind == "id" or column.path is None:
        return lambda iri, _props: _kennung(iri)
    if column.inverse:
        return _inverse(index, column)
    spell = _speller(index.snapshot, column)
    predicate = str(column.path)

    def render(_iri: str, props: Properties) -> Cell:
        found = sorted(props.get(predicate, ()), key=order)
        if not found:
            return None
        if not column.multiple:
            return spell(found[0])
        return MULTIPLE_SEPARATOR.join(sorted(str(spell(value)) for value in found))

    return render


def _inverse(index: Index, column: ColumnSpec) -> Render:
    """A column whose triple points at the row's record (a site's actor: ``bg:hasSite``);
    answered from the index's reverse link, never by scanning every record."""
    if column.path != BG.hasSite:
        raise LookupError(f"no reverse index for the column {column.header_de!r}")
    site_actor = index.site_actor

    def render(iri: str, _props: Properties) -> Cell:
        actor = site_actor.get(iri)
        return _reference(actor, column.ref_prefix or "") if actor else None

    return render


def _speller(snapshot: Snapshot, column: ColumnSpec) -> Callable[[Value], Cell]:
    if column.kind == "concept":
        spellings = _concept_spellings(snapshot, column)
        return lambda value: spellings.get(lexical(value), lexical(value))
    if column.kind == "reference":
        prefix = column.ref_prefix or ""
        return lambda value: _reference(lexical(value), prefix) if is_iri(value) else lexical(value)
    if column.kind == "kommune":
        return lambda value: lexical(value).removeprefix(KOMMUNE_PREFIX)
    literal = _literal_speller(column.datatype)
    return lambda value: literal(lexical(value))


def _kennung(iri: str) -> str:
    return iri.removeprefix(str(ID)).split("/", 1)[-1]


def _reference(iri: str, prefix: str) -> str:
    own = f"{ID}{prefix}/"
    return iri.removeprefix(own) if iri.startswith(own) else iri


def _concept_spellings(snapshot: Snapshot, column: ColumnSpec) -> dict[str, str]:
    """Concept IRI → the first of German label, notation, IRI that reads back as exactly
    that concept (a label may also be another concept's notation) and holds no separator."""
    scheme = str(column.scheme)
    spellings: dict[str, str] = {}
    for concept in snapshot.concepts.values():
        if concept.scheme != scheme:
            continue
        candidates = (concept.labels.get("de"), concept.notation)
        spellings[concept.iri] = next(
            (
                text
                for text in candidates
                if text
                and not any(s in text for s in _SEPARATORS)
                and str(resolve_concept(text, column.lookup)) == concept.iri
            ),
            concept.iri,
        )
    return spellings


_TRUTH = {"true": "ja", "1": "ja", "false": "nein", "0": "nein"}


def _literal_speller(datatype: object) -> Callable[[str], Cell]:
    """How a column writes a literal of its datatype, so that the reading makes the same
    literal again (chosen once per column: this runs for every cell)."""
    if datatype == XSD.boolean:
        return lambda text: _TRUTH.get(text.strip(), text)
    if datatype == XSD.date:
        return _date
    if datatype == XSD.integer:
        return lambda text: int(text) if _same_integer(text) else text
    if datatype == XSD.decimal:
        return _decimal_number
    return lambda text: text


def _date(text: str) -> Cell:
    try:
        return date.fromisoformat(text) if len(text) == 10 else text
    except ValueError:
        return text


def _same_integer(text: str) -> bool:
    try:
        return str(int(text)) == text
    except ValueError:
        return False


def _decimal_number(text: str) -> Cell:
    """A float when it prints as ``text`` again (so the reading restores the lexical form)."""
    try:
        number = float(Decimal(text))
    except (InvalidOperation, ValueError):
        return text
    return number if repr(number) == text else text
