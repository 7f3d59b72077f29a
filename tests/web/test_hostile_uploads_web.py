"""Hostile uploads through the API and the contribute page: a 4xx with the cause in German,
never a 500, bounded memory, the store unchanged; the work stops when the client leaves."""

from __future__ import annotations

import asyncio
import codecs
import io
import json
import re
import threading
import time
import tracemalloc
import zipfile
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import openpyxl
import pytest
from fastapi import HTTPException
from fastapi.testclient import TestClient
from starlette.requests import Request

from bildungsgraph.config import Settings
from bildungsgraph.errors import IngestError
from bildungsgraph.ingest.limits import check_cancelled
from bildungsgraph.namespaces import ID
from bildungsgraph.service import BildungsGraph
from bildungsgraph.shapes import template_model
from bildungsgraph.web import create_app
from bildungsgraph.web.routers.api_auth import read_limited_body, run_while_connected

T = TypeVar("T")

pytestmark = pytest.mark.slow
HEADER = "Kennung;Name;Akteurstyp\n"


@pytest.fixture(scope="module")
def writer(
    service: BildungsGraph, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[TestClient, dict[str, str]]]:
    _, token = service.accounts.create("Bildungsbüro Kreis Viersen (feindlich)", ["05166"])
    settings = Settings(store_path=tmp_path_factory.mktemp("unused"), writes_per_minute=1000)
    with TestClient(create_app(settings=settings, service=service)) as client:
        yield client, {"Authorization": f"Bearer {token}"}


def _workbook_with_bomb() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Kennung", "Name", "Akteurstyp"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with (
        zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/media/fill.bin", "w") as handle,
    ):
        for _ in range(5):
            handle.write(b"\0" * 1_000_000)
    return buffer.getvalue()


HOSTILE: dict[str, tuple[str, bytes, str]] = {
    "xlsx-zip-bomb": ("bombe.xlsx", _workbook_with_bomb(), "-fach gepackt"),
    "iri-with-space": ("a.ttl", f"<{ID}actor/a b> a <urn:T> .".encode(), "ein Leerzeichen"),
    "iri-with-escaped-bracket": (
        "a.nt",
        f"<{ID}actor/a\\u003Eb> <urn:p> <urn:o> .\n".encode(),
        "das Zeichen „>“",
    ),
    "jsonld-50000-deep": (
        "tief.jsonld",
        b'{"urn:p": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
        "Ebenen tief verschachtelt",
    ),
    "jsonld-invalid-id": (
        "a.jsonld",
        json.dumps({"@id": "kein iri", "@type": "urn:T"}).encode(),
        "Die @id „kein iri“",
    ),
    "turtle-nested-collections": (
        "tief.ttl",
        f"<{ID}actor/x> <urn:p> ".encode() + b"(" * 5000 + b")" * 5000 + b" .",
        "zu tief verschachtelt",
    ),
    "utf16-without-bom": (
        "akteure.csv",
        (HEADER + "h1;Bücherei;library\n").encode("utf-16-le"),
        "ohne Byte-Order-Mark",
    ),
    "invalid-utf8": (
        "akteure.csv",
        (HEADER + "h1;Bücherei;library\n").encode() + b"h2;\xff;x\n",
        "ungültige Bytes",
    ),
    "nul-bytes": ("akteure.csv", b"Kennung;Name\n\x00a;b\n", "Binärdaten"),
    "binary-garbage": ("akteure.csv", bytes(range(256)) * 20, "Binärdaten"),
    "xlsx-named-csv": ("akteure.csv", b"PK\x03\x04" + b"\x14" * 200, "Excel-Arbeitsmappe"),
    "rdf-utf16": (
        "a.ttl",
        codecs.BOM_UTF16_LE + f"<{ID}actor/a> a <urn:T> .".encode("utf-16-le"),
        "UTF-16",
    ),
    "unclosed-quote": (
        "akteure.csv",
        (HEADER + 'h1;"Bücherei;library\nh2;B;library\n').encode(),
        "Anführungszeichen",
    ),
    "delimiter-mismatch": (
        "akteure.csv",
        (HEADER + "h1,Bücherei,library\n").encode(),
        "verschiedene Trennzeichen",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_file_gives_422_with_the_cause_and_stores_nothing(
    writer: tuple[TestClient, dict[str, str]], service: BildungsGraph, case: str
) -> None:
    client, headers = writer
    name, content, cause = HOSTILE[case]
    before = service.store.graph_sizes()
    response = client.post(
        "/api/contributions", files=[("files", (name, content))], headers=headers
    )
    assert response.status_code == 422, response.text
    violations = [p for p in response.json()["report"]["problems"] if p["severity"] == "Violation"]
    assert any(cause in p["message_de"] for p in violations), violations
    assert all(p["message_en"] and p["file"] == name for p in violations)
    assert service.store.graph_sizes() == before


def test_rows_beyond_the_limit_are_refused_while_reading(
    writer: tuple[TestClient, dict[str, str]], service: BildungsGraph
) -> None:
    client, headers = writer
    rows = "".join(f"h-{i};Verein {i};library\n" for i in range(400_000))
    content = (HEADER + rows).encode()
    before = service.store.graph_sizes()
    template_model()
    tracemalloc.start()
    try:
        response = client.post(
            "/api/contributions", files=[("files", ("akteure.csv", content))], headers=headers
        )
        peak = tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()
    assert response.status_code == 422, response.text
    problems = response.json()["report"]["problems"]
    assert [p["constraint"] for p in problems] == ["ingest:too-many-rows"]
    assert problems[0]["row"] == 50_002 and "mehr als 50.000 Zeilen" in problems[0]["message_de"]
    assert service.store.graph_sizes() == before
    assert peak < 250  # the 11 MB body, its copies and 50,000 rows, no mapping, no validation


def test_zip_bomb_through_the_page_shows_the_cause(
    writer: tuple[TestClient, dict[str, str]], service: BildungsGraph
) -> None:
    client, _ = writer
    before = service.store.graph_sizes()
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/contribute").text)
    assert token
    answer = client.post(
        "/contribute/check",
        data={"csrf_token": token[1]},
        files=[("files", ("bombe.xlsx", HOSTILE["xlsx-zip-bomb"][1]))],
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    report = client.get(answer.headers["location"])
    assert report.status_code == 200 and "-fach gepackt" in report.text
    assert service.store.graph_sizes() == before


# -- the client goes away ------------------------------------------------------------------------


def _run_apart(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` in a thread of its own: a test before may have left an event loop
    running in this one (Playwright's sync API does)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _request(messages: list[dict[str, Any]]) -> Request:
    async def receive() -> dict[str, Any]:
        if messages:
            return messages.pop(0)
        await asyncio.sleep(3600)
        raise AssertionError("unreachable")

    return Request({"type": "http", "method": "POST", "headers": [], "path": "/"}, receive)


def test_reading_the_body_stops_when_the_client_disconnects() -> None:
    request = _request(
        [
            {"type": "http.request", "body": b"x" * 10, "more_body": True},
            {"type": "http.disconnect"},
        ]
    )
    with pytest.raises(HTTPException) as refused:
        _run_apart(read_limited_body(request, 1000))
    assert refused.value.status_code == 400 and "getrennt" in str(refused.value.detail)


def test_the_work_is_cancelled_when_the_client_disconnects() -> None:
    checked = threading.Event()

    def work() -> None:  # stands for reading a large upload, row by row
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            checked.set()
            check_cancelled()
            time.sleep(0.01)
        raise AssertionError("not cancelled")

    async def run() -> None:
        request = _request([{"type": "http.disconnect"}])
        await run_while_connected(request, work)

    started = time.monotonic()
    with pytest.raises(IngestError, match="getrennt"):
        _run_apart(run())
    assert checked.is_set() and time.monotonic() - started < 5


def test_the_work_runs_to_the_end_while_the_client_stays() -> None:
    async def run() -> int:
        return await run_while_connected(_request([]), lambda: check_cancelled() or 42)

    assert _run_apart(run()) == 42
