"""Turn spreadsheet cells into RDF terms, one function per value kind.

Converters never raise: a value that cannot be converted comes back as a plain string literal
(flag ``ok=False``) so that the SHACL datatype / node constraint reports it with its German
message; there is one reporting path for bad values.

    >>> literal, ok = convert_literal("12,50", XSD.decimal)
    >>> str(literal), literal.datatype == XSD.decimal, ok
    ('12.50', True, True)
    >>> convert_literal("31.02.2024", XSD.date)[1]
    False
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from rdflib import Literal, URIRef

from ..config import REFERENCE_DIR
from ..folding import normalise_key
from ..namespaces import ID, KENNUNG_PATTERN, XSD, kommune_iri, record_iri
from ..reference.sources import SCHOOLS_CSV, read_school_numbers
from ..spreadsheet import unquote_cell
from .tables import CellValue

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INT_RE = re.compile(r"^[+-]?\d+$")
_DE_DATE_RE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_EXCEL_EPOCH = datetime(1899, 12, 30)
TRUE_WORDS = {"ja", "j", "true", "wahr", "yes", "y", "x", "1"}
FALSE_WORDS = {"nein", "n", "false", "falsch", "no", "0"}
SCHOOL_PREFIXES = ("actor", "site")  # refs that accept a bare 6-digit Schulnummer
SCHULNUMMER_RE = re.compile(r"^[0-9]{6}$")
_SCHOOL_IRI_RE = re.compile(
    "^" + re.escape(str(ID)) + "(?:" + "|".join(SCHOOL_PREFIXES) + r")/school-(.*)$"
)


def cell_text(value: CellValue) -> str:
    """A cell as stripped text (integral floats without ``.0``, dates as ISO dates).

    >>> cell_text(41747.0), cell_text(datetime(2024, 9, 1)), cell_text(" a ")
    ('41747', '2024-09-01', 'a')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return unquote_cell(str(value).strip())


def split_values(text: str, separators: str) -> list[str]:
    """Split a multi-valued cell on any of ``separators`` (and line breaks); drop blanks."""
    pattern = "[" + re.escape(separators) + "\r\n]"
    return [part.strip() for part in re.split(pattern, text) if part.strip()]


def _parse_decimal(text: str) -> Decimal | None:
    compact = text.replace(" ", "").replace("\u00a0", "").replace("€", "").replace("EUR", "")
    if "," in compact and "." in compact:
        # the separator that comes last is the decimal one: 1.234,56 or 1,234.56
        if compact.rfind(",") > compact.rfind("."):
            compact = compact.replace(".", "").replace(",", ".")
        else:
            compact = compact.replace(",", "")
    elif compact.count(",") == 1:
        compact = compact.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", compact):
        return None
    try:
        return Decimal(compact)
    except InvalidOperation:  # pragma: no cover - the regex rules it out
        return None


def _parse_date(value: CellValue, text: str) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        return (_EXCEL_EPOCH + timedelta(days=int(value))).date()
    match = _ISO_DATE_RE.match(text) or None
    try:
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
        match = _DE_DATE_RE.match(text)
        if match:
            return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None
    return None


def convert_literal(value: CellValue, datatype: URIRef | None) -> tuple[Literal, bool]:
    """Convert a cell to a literal of ``datatype``; on failure a plain literal and ``False``."""
    text = cell_text(value)
    plain = Literal(text)
    if datatype is None or datatype == XSD.string:
        return plain, True
    if datatype == XSD.integer:
        if isinstance(value, int) and not isinstance(value, bool):
            return Literal(value), True
        if isinstance(value, float) and value.is_integer():
            return Literal(int(value)), True
        compact = text.replace(" ", "")
        return (Literal(int(compact)), True) if _INT_RE.match(compact) else (plain, False)
    if datatype == XSD.decimal:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return Literal(Decimal(str(value)), datatype=XSD.decimal), True
        number = _parse_decimal(text)
        if number is None:
            return plain, False
        return Literal(str(number), datatype=XSD.decimal), True
    if datatype == XSD.date:
        parsed = _parse_date(value, text)
        return (Literal(parsed.isoformat(), datatype=XSD.date), True) if parsed else (plain, False)
    if datatype == XSD.boolean:
        if isinstance(value, bool):
            return Literal(value), True
        word = text.casefold()
        if word in TRUE_WORDS:
            return Literal(True), True
        if word in FALSE_WORDS:
            return Literal(False), True
        return plain, False
    if datatype == XSD.anyURI:
        return Literal(text, datatype=XSD.anyURI), True
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        typed = Literal(text, datatype=datatype)
    return (plain, False) if typed.ill_typed else (typed, True)


def resolve_concept(text: str, lookup: dict[str, URIRef]) -> URIRef | None:
    """The concept a cell names (IRI, notation, label or slug), or ``None``."""
    return lookup.get(text.strip()) or lookup.get(normalise_key(text))


def parse_kennung(text: str, prefix: str) -> str | None:
    """The Kennung in a Kennung cell (also given as a full record IRI), or ``None`` if invalid."""
    own = f"{ID}{prefix}/"
    if text.startswith(own):
        text = text[len(own) :]
    return text if KENNUNG_PATTERN.match(text) else None


def resolve_reference(text: str, prefix: str) -> URIRef | None:
    """A record reference: Kennung, ``school-123456``, bare Schulnummer or full ``id/`` IRI.

    >>> str(resolve_reference("123456", "actor"))
    'https://w3id.org/bildungsgraph/id/actor/school-123456'
    """
    text = text.strip()
    if text.startswith(str(ID)):
        rest = text[len(str(ID)) :]
        return URIRef(text) if re.fullmatch(r"[a-z-]+/[A-Za-z0-9][A-Za-z0-9._-]*", rest) else None
    if prefix in SCHOOL_PREFIXES and re.fullmatch(r"\d{6}", text):
        return record_iri(prefix, f"school-{text}")
    return record_iri(prefix, text) if KENNUNG_PATTERN.match(text) else None


def resolve_kommune(text: str) -> URIRef | None:
    """A Kommune by key: 2/3/5/8 digits (leading zero restored), 12-digit ARS, or full IRI.

    >>> str(resolve_kommune("5166032"))
    'https://w3id.org/bildungsgraph/id/kommune/05166032'
    >>> str(resolve_kommune("051660032032"))
    'https://w3id.org/bildungsgraph/id/kommune/05166032'
    """
    text = text.strip().replace(" ", "")
    if text.startswith(f"{ID}kommune/"):
        text = text[len(f"{ID}kommune/") :]
    if not text.isdigit() or not text.isascii():
        return None
    if len(text) in (1, 4, 7):
        text = "0" + text
    if len(text) == 12:
        text = text[:5] + text[9:]
    return kommune_iri(text) if len(text) in (2, 3, 5, 8) else None


@lru_cache(maxsize=1)
def school_numbers() -> frozenset[str]:
    """The Schulnummern of the official NRW school list shipped in ``data/reference`` (the
    schools in operation, as in the reference graph); read once per process."""
    return read_school_numbers(REFERENCE_DIR / SCHOOLS_CSV)


@dataclass(frozen=True)
class SchoolList:
    """The school list a contribution is checked against: the store's, which an update of the
    list may have changed since the shipped one (``closed``: Schulnummer → day it closed)."""

    numbers: frozenset[str]
    closed: Mapping[str, str] = field(default_factory=dict)


# set by the contribution pipeline for the store it checks against; else the shipped list
_SCHOOL_LIST: ContextVar[SchoolList | None] = ContextVar("school_list", default=None)


@contextmanager
def checking_schools_against(schools: SchoolList | None) -> Iterator[None]:
    """Check Schulnummern against ``schools`` (None: the shipped list) inside the block."""
    token = _SCHOOL_LIST.set(schools)
    try:
        yield
    finally:
        _SCHOOL_LIST.reset(token)


def school_closed_on(number: str) -> str | None:
    """The day (ISO) a school of the list checked against closed, if it closed."""
    schools = _SCHOOL_LIST.get()
    return schools.closed.get(number) if schools is not None else None


def unknown_school(value: str | URIRef) -> str | None:
    """The Schulnummer a value names if it is not in the official list, else ``None``.

    ``value`` is a Schulnummer (six digits; other text is left to the shapes' pattern) or a
    record IRI; only ``id/actor/school-…`` and ``id/site/school-…`` IRIs name a school.

        >>> unknown_school("999999"), unknown_school("189273"), unknown_school("12a")
        ('999999', None, None)
        >>> unknown_school(ID["actor/school-999999"]), unknown_school(ID["actor/vhs"])
        ('999999', None)
    """
    if isinstance(value, URIRef):
        match = _SCHOOL_IRI_RE.match(str(value))
        if match is None:
            return None
        number = match[1]
    else:
        number = value.strip()
        if not SCHULNUMMER_RE.match(number):
            return None
    schools = _SCHOOL_LIST.get()
    return None if number in (schools.numbers if schools else school_numbers()) else number
