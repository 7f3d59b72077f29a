"""One exception handler (``web/problems.py``): the same error is the site's error page for a
browser on a page and RFC 9457 problem details under ``/api``, ``/sparql`` and for clients that
ask for JSON; headers (Allow, Retry-After, WWW-Authenticate) are kept; no router builds error
responses itself."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import Depends, FastAPI, HTTPException
from fastapi.testclient import TestClient
from httpx import Response

from bildungsgraph.errors import (
    ForbiddenError,
    InvalidParameterError,
    NotFoundError,
    QueryError,
    TooManyRequestsError,
)
from bildungsgraph.web import problems
from bildungsgraph.web.problems import PROBLEM_JSON, ErrorTexts, install_handlers

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
JSON = {"Accept": "application/json"}
ROUTERS = Path(problems.__file__).parent / "routers"
# Pages that show their form again with the message (like the /contribute forms): a failed
# choice is part of the page, not an error answer. Exactly these catches are allowed.
FORM_PAGES = {
    "network_pages.py": ["except (InvalidParameterError, NotFoundError"],
    "compare_pages.py": ["status_code=422", "except InvalidParameterError"],
    "confirmations.py": ["except InvalidParameterError"],
}
HAND_BUILT = [
    re.compile(r"JSONResponse\((?:[^()]|\([^()]*\))*status_code\s*=\s*[45]\d\d"),
    re.compile(r"status_code\s*=\s*[45]\d\d"),
    re.compile(r"except\s*\(?[\w\s,.]*\b(NotFoundError|InvalidParameterError|ForbiddenError)\b"),
    re.compile(r"\bproblem\("),  # the handler's builder, called by a router
]
ERRORS = {
    "missing": NotFoundError("Nichts unter <script>x</script> / nothing"),
    "bad": InvalidParameterError("Ungültig / invalid"),
    "mine": ForbiddenError("Nicht Ihr Beitrag / Not your contribution"),
}


def _raise(kind: str) -> None:
    if kind == "busy":
        raise TooManyRequestsError("Bitte warten", "Please wait", 7)
    if kind == "signin":
        raise HTTPException(401, "Anmelden / sign in", headers={"WWW-Authenticate": "Bearer"})
    raise ERRORS[kind]


@pytest.fixture(scope="module")
def mini() -> Iterator[TestClient]:
    """An app with the handler and routes that raise: a page, an API route, an embed."""
    app = FastAPI()
    install_handlers(app)

    @app.get("/page/{kind}", dependencies=[Depends(ErrorTexts({404: "kommune.not_found"}))])
    def page(kind: str) -> None:
        _raise(kind)

    @app.get("/api/thing/{kind}")
    def api(kind: str) -> None:
        _raise(kind)

    @app.get("/sparql")
    def sparql() -> None:
        raise QueryError("Syntaxfehler / syntax error")

    @app.get("/embed/thing/{kind}")
    def embed(kind: str) -> None:
        _raise(kind)

    with TestClient(app) as client:
        yield client


def _is_page(response: Response, status: int) -> None:
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert "<!DOCTYPE html>" in response.text


def _is_problem(response: Response, status: int) -> dict[str, object]:
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM_JSON
    body = response.json()
    assert body["status"] == status and body["type"] == "about:blank"
    return body


@pytest.mark.parametrize(("kind", "status"), [("missing", 404), ("bad", 422), ("mine", 403)])
def test_one_error_is_a_page_for_browsers_and_problem_json_for_machines(
    mini: TestClient, kind: str, status: int
) -> None:
    _is_page(mini.get(f"/page/{kind}", headers=BROWSER), status)
    for path, headers in [
        (f"/page/{kind}", JSON),
        (f"/page/{kind}", {}),  # no text/html: a machine
        (f"/api/thing/{kind}", BROWSER),  # /api answers problem details to browsers too
    ]:
        body = _is_problem(mini.get(path, headers=headers), status)
        assert body["detail"] == str(ERRORS[kind]) and body["instance"] == path.split("?")[0]


def test_the_page_heading_comes_from_the_page_and_user_text_is_escaped(mini: TestClient) -> None:
    page = mini.get("/page/missing", headers=BROWSER)
    assert "<h1>Kommune nicht gefunden</h1>" in page.text
    assert "<script>x</script>" not in page.text and "&lt;script&gt;x&lt;/script&gt;" in page.text
    english = mini.get("/page/missing", params={"lang": "en"}, headers=BROWSER)
    assert "<h1>Kommune not found</h1>" in english.text and 'lang="en"' in english.text
    accepted = mini.get("/page/bad", headers=BROWSER | {"Accept-Language": "en"})
    assert "<h1>Invalid parameter</h1>" in accepted.text


def test_embeds_get_the_embed_layout(mini: TestClient) -> None:
    page = mini.get("/embed/thing/missing", headers=BROWSER)
    _is_page(page, 404)
    assert "embed-root" in page.text and "Nicht gefunden" in page.text


def test_429_keeps_retry_after_in_both_representations(mini: TestClient) -> None:
    page = mini.get("/page/busy", headers=BROWSER | {"Accept-Language": "en"})
    _is_page(page, 429)
    assert page.headers["Retry-After"] == "7" and "Please wait" in page.text
    answer = mini.get("/api/thing/busy")
    assert _is_problem(answer, 429)["detail"] == "Bitte warten / Please wait"
    assert answer.headers["Retry-After"] == "7"


def test_401_keeps_www_authenticate(mini: TestClient) -> None:
    for path, headers in [("/page/signin", BROWSER), ("/api/thing/signin", {})]:
        answer = mini.get(path, headers=headers)
        assert answer.status_code == 401 and answer.headers["WWW-Authenticate"] == "Bearer"


def test_a_bad_page_parameter_is_an_html_422_for_browsers(reference_client: TestClient) -> None:
    path = "/kommunen/05166"
    page = reference_client.get(path, params={"indicator": "BAD!"}, headers=BROWSER)
    _is_page(page, 422)
    assert "Ungültige Angabe" in page.text and "indicator" in page.text
    body = _is_problem(reference_client.get(path, params={"indicator": "BAD!"}, headers=JSON), 422)
    assert body["title"] == "Ungültige Parameter / Invalid parameters"
    assert body["errors"] == [
        {"loc": ["query", "indicator"], "msg": body["errors"][0]["msg"], "input": "BAD!"}
    ]


def test_an_unknown_kommune_is_a_404_page_or_problem(reference_client: TestClient) -> None:
    page = reference_client.get("/kommunen/99999", headers=BROWSER)
    _is_page(page, 404)
    assert "Kommune nicht gefunden" in page.text and "99999" in page.text
    body = _is_problem(reference_client.get("/kommunen/99999", headers=JSON), 404)
    assert body["title"] == "Nicht gefunden / Not found" and "99999" in str(body["detail"])


def test_an_unknown_path_is_a_page_or_problem(reference_client: TestClient) -> None:
    page = reference_client.get("/gibt-es-nicht", headers=BROWSER)
    _is_page(page, 404)
    assert "<h1>Nicht gefunden</h1>" in page.text and "Diese Seite gibt es nicht." in page.text
    body = _is_problem(reference_client.get("/api/gibt-es-nicht", headers=BROWSER), 404)
    assert body["title"] == "Not Found" and body["instance"] == "/api/gibt-es-nicht"


def test_sparql_errors_are_never_pages(mini: TestClient, reference_client: TestClient) -> None:
    assert _is_problem(mini.get("/sparql", headers=BROWSER), 400)["detail"].startswith("Syntax")
    answer = reference_client.get(
        "/sparql",
        params={"query": "SELECT nonsense"},
        headers={"Accept": "application/sparql-results+json, text/html;q=0.5"},
    )
    assert answer.status_code == 400 and answer.headers["content-type"] == PROBLEM_JSON


def test_405_keeps_allow(reference_client: TestClient) -> None:
    page = reference_client.post("/kommunen/05166", headers=BROWSER)
    _is_page(page, 405)
    assert page.headers["Allow"] == "GET"
    answer = reference_client.delete("/api/search")
    assert _is_problem(answer, 405)["detail"] == "Method Not Allowed"
    assert answer.headers["Allow"] == "GET"


def test_user_input_in_a_page_error_is_escaped(reference_client: TestClient) -> None:
    page = reference_client.get("/kommunen/<script>alert(1)</script>", headers=BROWSER)
    _is_page(page, 404)
    assert "<script>alert(1)" not in page.text and "&lt;script&gt;alert(1)" in page.text
    bad = reference_client.get(
        "/kommunen/05166", params={"indicator": "<script>alert(2)</script>"}, headers=BROWSER
    )
    _is_page(bad, 422)
    assert "<script>alert(2)" not in bad.text and "&lt;script&gt;alert(2)" in bad.text


@pytest.mark.parametrize(
    "source", sorted(p.name for p in ROUTERS.glob("*.py") if p.name != "sparql.py")
)
def test_no_router_builds_error_responses(source: str) -> None:
    text = (ROUTERS / source).read_text(encoding="utf-8")
    found = [match.group(0)[:80] for pattern in HAND_BUILT for match in pattern.finditer(text)]
    assert found == FORM_PAGES.get(source, []), f"{source}: raise a domain error, not {found}"


def test_the_scan_finds_hand_built_error_responses() -> None:
    planted = [
        'return JSONResponse(body,\n    status_code=422, media_type="x")',
        "render(request, 'x.html', status_code=404)",
        "except (InvalidParameterError, NotFoundError) as error:",
        "except ForbiddenError:",
        'return problem(406, "Nicht lieferbar", detail)',
    ]
    for text in planted:
        assert any(pattern.search(text) for pattern in HAND_BUILT), text
    assert not any(pattern.search("JSONResponse(body, status_code=201)") for pattern in HAND_BUILT)
