"""Counting the rows of a result while its bytes stream by, so that the row limit holds for
answers the endpoint does not build itself (``forward.py``).

One counter per format, fed chunk by chunk at any boundary; ``rows`` is the number of rows
begun so far (a row still arriving counts, so a limit is noticed as early as possible):

- SPARQL JSON: the objects of the ``bindings`` array (the only array of objects in the
  result), found by a scan that skips strings;
- SPARQL XML: the ``<result>`` elements (a ``<`` in a value is always escaped);
- TSV: the lines after the header (line breaks in values are escaped);
- CSV: the lines after the header, outside quoted fields (where line breaks may stand);
- N-Triples: the lines that begin with a subject (no comments, no blank lines).

A store that writes XML with a namespace prefix on its elements (``<sr:result>``) is not
counted; the stores bildungsgraph names (Oxigraph, Virtuoso) write none.
"""

from __future__ import annotations

import re
from typing import Protocol


class RowCounter(Protocol):
    rows: int

    def feed(self, chunk: bytes) -> None: ...


class _LineCounter:
    """TSV, and CSV when ``quoted``: rows are the lines after the header line."""

    def __init__(self, quoted: bool = False) -> None:
        self._quoted = quoted
        self._in_quotes = False
        self._lines = 0
        self._open_line = False  # the last chunk ended inside a line
        self.rows = 0

    def feed(self, chunk: bytes) -> None:
        if not chunk:
            return
        if self._quoted:
            # the parts alternate outside and inside quotes (an escaped "" leaves an empty
            # part outside, which holds no line break)
            for index, part in enumerate(chunk.split(b'"')):
                if index:
                    self._in_quotes = not self._in_quotes
                if not self._in_quotes:
                    self._lines += part.count(b"\n")
        else:
            self._lines += chunk.count(b"\n")
        self._open_line = chunk[-1:] not in (b"\n", b"\r")
        self.rows = max(0, self._lines + self._open_line - 1)


_XML_RESULT = re.compile(rb"<result[\s/>]")
_XML_TAIL = len(b"<result>") - 1  # bytes kept for a tag that spans two chunks


class _XmlCounter:
    def __init__(self) -> None:
        self._tail = b""
        self.rows = 0

    def feed(self, chunk: bytes) -> None:
        data = self._tail + chunk
        self.rows += len(_XML_RESULT.findall(data))
        self._tail = data[-_XML_TAIL:]  # too short to hold a whole tag: none is counted twice


# A string (complete when group 1 matched; else cut off by the chunk's end) or a bracket.
_JSON_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*(")?|[\[\]{}]', re.DOTALL)
_IN_BINDINGS = b"{{["  # inside the top object's results object's bindings array
# One whole row of the bindings array: an object whose values are term objects (a triple term
# nests deeper and is left to the token scan). Matching a row at once instead of token by
# token is what keeps counting cheap for answers of many rows.
_JSON_STRING = rb'"(?:[^"\\]++|\\.)*+"'
_JSON_TERM = rb'\{(?:%s|[^"{}\[\]]++)*+\}' % _JSON_STRING
_JSON_ROW = re.compile(
    rb'[\s,]*+\{(?:%s|%s|[^"{}\[\]]++)*+\}' % (_JSON_STRING, _JSON_TERM), re.DOTALL
)  # possessive: a row cut off by the chunk's end fails at once, without backtracking


class _JsonCounter:
    def __init__(self) -> None:
        self._open = bytearray()  # the brackets open at this point
        self._carry = b""  # a string cut off by the last chunk's end
        self.rows = 0

    def feed(self, chunk: bytes) -> None:
        data = self._carry + chunk if self._carry else chunk
        self._carry = b""
        brackets = self._open
        position = 0
        while True:
            if brackets == _IN_BINDINGS:
                while (row := _JSON_ROW.match(data, position)) is not None:
                    self.rows += 1
                    position = row.end()
            match = _JSON_TOKEN.search(data, position)
            if match is None:
                return
            position = match.end()
            token = match.group()
            if token[0] == ord('"'):
                if match.group(1) is None:
                    self._carry = data[match.start() :]
                    return
            elif token in (b"{", b"["):
                if token == b"{" and brackets == _IN_BINDINGS:
                    self.rows += 1
                brackets += token
            elif brackets:
                brackets.pop()


_SUBJECT_LINE = re.compile(rb"\n[<_]")


class _NTriplesCounter:
    def __init__(self) -> None:
        self._line_start = True  # the last chunk ended with a line break (or none came yet)
        self.rows = 0

    def feed(self, chunk: bytes) -> None:
        if not chunk:
            return
        self.rows += len(_SUBJECT_LINE.findall(chunk))
        if self._line_start and chunk[:1] in (b"<", b"_"):
            self.rows += 1
        self._line_start = chunk[-1:] == b"\n"


def row_counter(media_type: str) -> RowCounter:
    """A counter for results in ``media_type`` (one the endpoint serves for solutions, or
    N-Triples)."""
    if media_type == "application/sparql-results+json":
        return _JsonCounter()
    if media_type == "application/sparql-results+xml":
        return _XmlCounter()
    if media_type == "text/csv":
        return _LineCounter(quoted=True)
    if media_type == "text/tab-separated-values":
        return _LineCounter()
    if media_type == "application/n-triples":
        return _NTriplesCounter()
    raise ValueError(f"no row counter for {media_type}")
