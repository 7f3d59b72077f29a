"""Complete exports: every row of a listing, the gap matrix and the network measures as CSV
(UTF-8 with BOM) and .xlsx, streamed; records in the shape of the contribution templates, so
that an export can be edited and uploaded again.

- ``tabular``: a ``Table`` and its CSV and workbook bytes, written while they stream
- ``records``: records as template rows (``RECORD_TEMPLATES``: kind → template)
- ``analysis``: the gap matrix and the network measures with German headers
"""

from __future__ import annotations

from .analysis import gap_table, measures_table
from .records import RECORD_TEMPLATES, record_table
from .tabular import Table, csv_chunks, xlsx_chunks

__all__ = [
    "RECORD_TEMPLATES",
    "Table",
    "csv_chunks",
    "gap_table",
    "measures_table",
    "record_table",
    "xlsx_chunks",
]
