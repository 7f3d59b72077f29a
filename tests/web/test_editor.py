"""The query editor page and the site template, in process."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bildungsgraph.namespaces import PREFIXES
from bildungsgraph.queries import list_examples
from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import open_store
from bildungsgraph.web import create_app
from bildungsgraph.web.i18n import STRINGS, choose_language

STATIC_DIR = Path(__file__).resolve().parents[2] / "src" / "bildungsgraph" / "web" / "static"
HTML = {"Accept": "text/html"}


class _Collector(HTMLParser):
    """Asset URLs, elements and the text of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.assets: list[str] = []
        self.scripts: list[dict[str, str | None]] = []
        self.ids: set[str] = set()
        self.handlers: list[str] = []
        self.html_lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.html_lang = attributes.get("lang")
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))
        self.handlers += [name for name in attributes if name.startswith("on")]
        if tag == "script":
            self.scripts.append(attributes)
        for name in ("src", "href"):
            value = attributes.get(name)
            if value and (tag in ("script", "img", "iframe") or (tag == "link" and name == "href")):
                self.assets.append(value)


def parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    app = create_app(service=BildungsGraph(open_store(None)))
    with TestClient(app) as test_client:
        yield test_client


def test_editor_page_is_german_by_default(client: TestClient) -> None:
    response = client.get("/sparql/editor", headers=HTML)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = parse(response.text)
    assert page.html_lang == "de"
    assert "SPARQL-Abfrageeditor" in response.text
    assert 'href="#main"' in response.text and {"main", "query-text", "example-select"} <= page.ids
    assert response.headers["content-language"] == "de"


@pytest.mark.parametrize(
    ("url", "headers", "lang"),
    [
        ("/sparql/editor?lang=en", HTML, "en"),
        ("/sparql/editor", {**HTML, "Accept-Language": "en-GB,en;q=0.9,de;q=0.5"}, "en"),
        ("/sparql/editor", {**HTML, "Accept-Language": "de-DE, en;q=0.8"}, "de"),
        ("/sparql/editor", {**HTML, "Accept-Language": "fr"}, "de"),
        ("/sparql/editor?lang=de", {**HTML, "Accept-Language": "en"}, "de"),
    ],
)
def test_language_choice(client: TestClient, url: str, headers: dict[str, str], lang: str) -> None:
    response = client.get(url, headers=headers)
    assert parse(response.text).html_lang == lang
    assert STRINGS["editor.title"][lang] in response.text
    assert "set-cookie" not in response.headers


def test_english_page_links_keep_the_language(client: TestClient) -> None:
    text = client.get("/sparql/editor?lang=en", headers=HTML).text
    assert 'href="/sparql/editor?lang=en"' in text
    assert 'href="/docs?lang=en"' in text
    assert re.search(r'class="lang-switch" href="/sparql/editor\?lang=de"', text)


def test_examples_are_in_the_menu_in_the_ui_language(client: TestClient) -> None:
    german = client.get("/sparql/editor", headers=HTML).text
    english = client.get("/sparql/editor?lang=en", headers=HTML).text
    examples = list_examples()
    assert len(examples) >= 15
    for query in examples:
        assert f'<option value="{query.name}"' in german
        assert _escaped(query.title["de"]) in german
        assert _escaped(query.title["en"]) in english


def test_prefixes_are_prefilled_and_known_to_the_script(client: TestClient) -> None:
    text = client.get("/sparql/editor", headers=HTML).text
    for name in ("bg", "voc", "schema", "skos"):
        assert f"PREFIX {name}: &lt;{PREFIXES[name]}&gt;" in text
    assert '"bg": "https://w3id.org/bildungsgraph/ontology#"' in text


def test_example_parameter_preloads_the_example_with_its_values(client: TestClient) -> None:
    text = client.get("/sparql/editor?example=population_pyramid", headers=HTML).text
    assert '<option value="population_pyramid" selected>' in text
    assert "VALUES (?kommune) { (&lt;https://w3id.org/bildungsgraph/id/kommune/05166&gt;) }" in text


def test_every_asset_is_local_and_exists(client: TestClient) -> None:
    text = client.get("/sparql/editor", headers=HTML).text
    page = parse(text)
    assert page.assets
    for url in page.assets:
        assert url.startswith("/") and not url.startswith("//"), url
        if url.startswith("/static/"):
            assert (STATIC_DIR / url.removeprefix("/static/")).is_file(), url
            assert client.get(url).status_code == 200
    sources = [s["src"] for s in page.scripts if s.get("src")]
    assert "/static/vendor/codemirror-6.0.2-sparql.min.js" in sources
    # only data blocks are inline; no inline code, no inline event handlers
    inline = [s for s in page.scripts if not s.get("src")]
    assert inline and all(s.get("type") == "application/json" for s in inline)
    assert page.handlers == []


def test_vendored_files_carry_version_and_licence() -> None:
    vendor = STATIC_DIR / "vendor"
    bundles = sorted(vendor.glob("*.min.js"))
    assert bundles
    for bundle in bundles:
        assert re.search(r"-\d+\.\d+\.\d+", bundle.name), bundle.name
        licence = bundle.with_name(bundle.name.removesuffix(".min.js") + ".LICENSE.txt")
        assert "MIT" in licence.read_text(encoding="utf-8")
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", bundle.read_text("utf-8"))


def test_hostile_query_parameter_is_escaped(client: TestClient) -> None:
    hostile = "</textarea><script>alert(1)</script><img src=x onerror=alert(2)>\"'&"
    response = client.get("/sparql/editor", params={"query": hostile}, headers=HTML)
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.text
    assert "<img src=x" not in response.text
    assert "&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert parse(response.text).handlers == []
    # the language switch keeps the query, encoded
    assert "alert%281%29" in response.text


def test_hostile_lang_value_falls_back_to_german(client: TestClient) -> None:
    response = client.get("/sparql/editor", params={"lang": '"><script>'}, headers=HTML)
    assert parse(response.text).html_lang == "de"
    assert '<script>"' not in response.text and '"><script>' not in response.text


def test_footer_carries_the_data_attribution(client: TestClient) -> None:
    text = client.get("/sparql/editor", headers=HTML).text
    assert "© Statistisches Bundesamt (Destatis) 2021" in text
    assert "© GeoBasis-DE / BKG 2021 (Daten verändert)" in text
    assert "MSB NRW Schulgrunddaten —" in text and "dl-de/by-2-0" in text


def test_editor_is_not_framable(client: TestClient) -> None:
    response = client.get("/sparql/editor", headers=HTML)
    assert response.headers["x-frame-options"] == "DENY"


def test_a_browser_asking_sparql_without_a_query_gets_the_editor(client: TestClient) -> None:
    # The endpoint calls editor_response for an HTML request without a query.
    response = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml"})
    assert response.status_code == 200
    assert 'id="sparql-form"' in response.text


def test_choose_language_reads_query_then_header() -> None:
    from starlette.requests import Request

    def request(query: str, header: str) -> Request:
        scope = {
            "type": "http",
            "query_string": query.encode(),
            "headers": [(b"accept-language", header.encode())],
        }
        return Request(scope)

    assert choose_language(request("lang=en", "de")) == "en"
    assert choose_language(request("", "en;q=0.4, de;q=0.3")) == "en"
    assert choose_language(request("", "en;q=0")) == "de"
    assert choose_language(request("lang=xx", "")) == "de"


def _escaped(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&#34;")
        .replace("'", "&#39;")
    )
