"""Embeds and the framing policy: who may frame what, no cookies, the look parameters, snippets."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.responses import HTMLResponse
from fastapi.testclient import TestClient
from starlette.requests import Request

from bildungsgraph.config import Settings
from bildungsgraph.errors import ConfigurationError
from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import open_store
from bildungsgraph.web.app import create_app
from bildungsgraph.web.routers.embed import DEFAULT_HEIGHT, MAX_HEIGHT, MIN_HEIGHT
from bildungsgraph.web.templating import environment, page_context

PARTNERS = ("https://portal.example.org", "http://127.0.0.1:8765")
EMBEDS = [
    "/embed/network?kommune=05114",
    "/embed/ego/05114-bildungsbuero?radius=2",
    "/embed/gaps/05166",
    "/embed/map/05166?indicator=offers",
    "/embed/map/05",
]


def _settings(tmp_path: Path) -> Settings:
    return Settings(store_path=tmp_path / "unused", partner_origins=PARTNERS)


def _directives(response: object) -> dict[str, list[str]]:
    policy: str = response.headers["content-security-policy"]  # type: ignore[attr-defined]
    parts = [directive.split() for directive in policy.split(";") if directive.strip()]
    return {name: values for name, *values in parts}


def _assert_strict(directives: dict[str, list[str]]) -> None:
    for name in ("default-src", "connect-src", "img-src", "font-src", "style-src"):
        assert directives[name][0] == "'self'", name
    assert directives["object-src"] == ["'none'"]
    assert directives["img-src"] == ["'self'", "data:"]


def _assert_not_framable(response: object) -> None:
    assert response.headers["x-frame-options"] == "DENY"  # type: ignore[attr-defined]
    directives = _directives(response)
    assert directives["frame-ancestors"] == ["'none'"]
    _assert_strict(directives)


def _assert_framable_by_partners(response: object) -> None:
    headers = response.headers  # type: ignore[attr-defined]
    assert "x-frame-options" not in headers
    assert "set-cookie" not in headers
    directives = _directives(response)
    assert directives["frame-ancestors"] == ["'self'", *PARTNERS]
    assert directives["script-src"] == ["'self'"]
    _assert_strict(directives)


# -- the policy, without data ----------------------------------------------------------------


@pytest.fixture
def empty_client(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(_settings(tmp_path), service=BildungsGraph(open_store(None)))

    def cookie_setter() -> HTMLResponse:
        response = HTMLResponse("<p>x</p>")
        response.set_cookie("tracker", "1")
        return response

    app.add_api_route("/embed/cookie-test", cookie_setter)
    app.add_api_route("/cookie-test", cookie_setter)
    with TestClient(app) as client:
        yield client


@pytest.mark.parametrize("path", ["/", "/openapi.json", "/static/css/site.css", "/nope", "/docs"])
def test_the_site_is_not_framable(empty_client: TestClient, path: str) -> None:
    response = empty_client.get(path)
    assert response.status_code in (200, 404)
    _assert_not_framable(response)
    assert _directives(response)["script-src"][0] == "'self'"
    assert "'unsafe-inline'" not in _directives(response)["script-src"]


def test_docs_allow_exactly_their_own_inline_script(empty_client: TestClient) -> None:
    response = empty_client.get("/docs")
    inline = re.findall(r"<script>(.*?)</script>", response.text, re.DOTALL)
    assert len(inline) == 1
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    assert _directives(response)["script-src"] == ["'self'", f"'sha256-{digest}'"]
    assert _directives(empty_client.get("/"))["script-src"] == ["'self'"]


def test_embed_paths_are_framable_by_partners_and_never_set_cookies(
    empty_client: TestClient,
) -> None:
    response = empty_client.get("/embed/cookie-test")
    assert response.status_code == 200
    _assert_framable_by_partners(response)
    # the same route elsewhere keeps its cookie and is not framable
    elsewhere = empty_client.get("/cookie-test")
    assert "tracker=1" in elsewhere.headers["set-cookie"]
    _assert_not_framable(elsewhere)


def test_without_partners_only_the_site_itself_may_frame(tmp_path: Path) -> None:
    settings = Settings(store_path=tmp_path / "unused")
    app = create_app(settings, service=BildungsGraph(open_store(None)))
    with TestClient(app) as client:
        response = client.get("/embed/nothing-here")
    assert _directives(response)["frame-ancestors"] == ["'self'"]


@pytest.mark.parametrize(
    "origin",
    ["https://x.de/", "*", "https://*.x.de", "javascript:alert(1)", "x.de", "HTTPS://X.DE",
     "https://x.de 'unsafe-inline'", "https://x.de;script-src *", "ftp://x.de"],
)  # fmt: skip
def test_partner_origins_must_be_plain_origins(tmp_path: Path, origin: str) -> None:
    with pytest.raises(ConfigurationError, match="partner origin"):
        Settings(store_path=tmp_path, partner_origins=(origin,))


def test_partner_origins_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(
        "BILDUNGSGRAPH_PARTNER_ORIGINS", "https://stadt.example.de, http://127.0.0.1:8080,[::1]"
    )
    with pytest.raises(ConfigurationError):
        Settings.from_env(tmp_path)
    monkeypatch.setenv("BILDUNGSGRAPH_PARTNER_ORIGINS", "https://stadt.example.de, http://[::1]:81")
    settings = Settings.from_env(tmp_path)
    assert settings.partner_origins == ("https://stadt.example.de", "http://[::1]:81")


# -- the snippet partial ---------------------------------------------------------------------


def _snippet(query: str, embed_url: str, **context: object) -> str:
    scope = {
        "type": "http", "method": "GET", "scheme": "https", "server": ("bildung.example", 443),
        "path": "/network", "root_path": "", "query_string": query.encode(), "headers": [],
    }  # fmt: skip
    request = Request(scope)
    template = environment.get_template("views/_snippet.html")
    return template.render(page_context(request) | {"embed_url": embed_url, **context})


class _Form(HTMLParser):
    """The snippet's textarea text, its labels and its controls."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.code = ""
        self.labels: set[str] = set()
        self.controls: list[dict[str, str | None]] = []
        self._in_textarea = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "label":
            self.labels.add(values["for"] or "")
        if tag in ("input", "select", "textarea") and values.get("type") != "hidden":
            self.controls.append(values)
        self._in_textarea = tag == "textarea"

    def handle_endtag(self, tag: str) -> None:
        self._in_textarea = False

    def handle_data(self, data: str) -> None:
        if self._in_textarea:
            self.code += data


def test_snippet_is_absolute_escaped_and_labelled() -> None:
    html = _snippet(
        "kommune=05166&lang=en",
        "/embed/network?kommune=05166&topic=digital",
        embed_title='Netz "Viersen" <b>',
    )
    form = _Form(html)
    assert form.code == (
        '<iframe src="https://bildung.example/embed/network?kommune=05166&amp;topic=digital'
        '&amp;lang=en&amp;height=480" title="Netz &#34;Viersen&#34; &lt;b&gt;" width="100%" '
        'height="480" style="border:0" loading="lazy" referrerpolicy="no-referrer"></iframe>'
    )
    assert all(control["id"] in form.labels for control in form.controls)
    assert form.controls[-1]["readonly"] is None  # the textarea is read-only
    assert '<input type="hidden" name="kommune" value="05166">' in html
    assert '<input type="hidden" name="lang" value="en">' in html
    assert 'src="/static/js/snippet.js"' in html and "onclick" not in html
    assert "Copy code" in html


@pytest.mark.parametrize(
    ("asked", "height"),
    [("99999", MAX_HEIGHT), ("1", MIN_HEIGHT), ("abc", DEFAULT_HEIGHT), ("640", 640)],
)
def test_snippet_height_is_clamped_to_what_the_embed_accepts(asked: str, height: int) -> None:
    code = _Form(_snippet(f"embed_height={asked}&embed_lang=en", "/embed/map/05")).code
    assert f'height="{height}"' in code and f"lang=en&amp;height={height}" in code


def test_snippet_replaces_lang_and_height_of_the_embed_url() -> None:
    code = _Form(_snippet("embed_lang=xx", "/embed/gaps/05166?lang=en&height=300")).code
    assert "/embed/gaps/05166?lang=de&amp;height=480" in code


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("embed_lang=de", "Lücken in Viersen"),  # the page's own title for the view
        ("embed_lang=en", "Offers by life phase and topic – Viersen"),
        ("lang=en&embed_lang=de", "Angebote nach Lebensphase und Thema – Viersen"),
    ],
)
def test_snippet_frame_title_is_in_the_frame_language(query: str, title: str) -> None:
    """The iframe's title follows the language chosen for the frame, not the page's."""
    page_title = "Lücken in Viersen" if "lang=en" not in query.split("&")[0] else "Gaps in Viersen"
    code = _Form(
        _snippet(query, "/embed/gaps/05166", embed_title=page_title, embed_subject="Viersen")
    ).code
    assert f'title="{title}"' in code
    assert 'style="border:0"' in code


def test_snippet_frame_title_without_subject() -> None:
    code = _Form(
        _snippet(
            "embed_lang=en", "/embed/network?kommune=05166", embed_title="Kooperationsnetzwerk"
        )
    ).code
    assert 'title="Cooperation network"' in code


def test_two_snippets_on_one_page_have_their_own_ids() -> None:
    html = _snippet("map_height=300", "/embed/map/05", snippet_id="map")
    assert 'id="map-code"' in html and 'name="map_height"' in html
    assert 'height="300"' in _Form(html).code


# -- the embeds on the example landscape -----------------------------------------------------


@pytest.fixture(scope="module")
def client(
    service: BildungsGraph, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    settings = _settings(tmp_path_factory.mktemp("embed"))
    with TestClient(create_app(settings, service=service)) as client:
        yield client


@pytest.mark.slow
@pytest.mark.parametrize("path", EMBEDS)
def test_embed_renders_framable_without_cookies(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text
    _assert_framable_by_partners(response)
    html = response.text
    assert html.startswith("<!DOCTYPE html>") and '<html lang="de" class="embed-root">' in html
    assert '<base target="_blank">' in html
    assert 'class="site-header"' not in html  # no site chrome
    home = re.search(r'<a class="embed-footer__home" href="([^"]+)" target="_blank" rel="noopener">'
                     r"Daten: bildungsgraph", html)  # fmt: skip
    assert home, "the link back to the full page"
    assert client.get(home.group(1).replace("&amp;", "&")).status_code == 200
    resources = re.findall(r'src="([^"]+)"', html) + re.findall(r'<link[^>]* href="([^"]+)"', html)
    assert resources and all(url.startswith("/static/") for url in resources), resources
    assert "<script>" not in html  # no inline code


@pytest.mark.slow
def test_embed_in_english_with_accent_and_without_title(client: TestClient) -> None:
    response = client.get(
        "/embed/gaps/05166", params={"lang": "en", "accent": "#AA3300", "title": "off"}
    )
    assert response.status_code == 200
    html = response.text
    assert '<html lang="en" class="embed-root">' in html and "Data: bildungsgraph" in html
    assert "--brand: #AA3300" in html
    assert '<body class="embed embed--gaps embed--untitled"' in html  # the caption hidden too
    assert 'href="/gaps?kommune=05166&amp;lang=en"' in html


@pytest.mark.slow
def test_embed_height_sets_the_view_height(client: TestClient) -> None:
    html = client.get("/embed/map/05166", params={"height": 320}).text
    assert "--embed-height: 320px" in html


@pytest.mark.slow
def test_one_visible_title(client: TestClient) -> None:
    network = client.get("/embed/network", params={"kommune": "05166"}).text
    assert '<h1 class="embed-title">Kooperationsnetzwerk</h1>' in network
    # the map shows its title as its caption; the page heading is for screen readers only
    kommune_map = client.get("/embed/map/05166").text
    assert '<h1 class="embed-title visually-hidden">' in kommune_map
    assert "choropleth__caption" in kommune_map


@pytest.mark.slow
@pytest.mark.parametrize(
    "query",
    ["accent=red", "accent=%23abc", "accent=%23aabbcc%22", "accent=%23aabbcc%0A", "height=10",
     f"height={MAX_HEIGHT + 1}", "height=abc", "title=maybe", "lang=fr"],
)  # fmt: skip
def test_bad_look_parameters_are_422(client: TestClient, query: str) -> None:
    for path in EMBEDS:
        separator = "&" if "?" in path else "?"
        response = client.get(path + separator + query)
        assert response.status_code == 422, (path, query)
        _assert_framable_by_partners(response)


@pytest.mark.slow
@pytest.mark.parametrize(
    "path",
    ["/embed/ego/gibt-es-nicht", "/embed/gaps/05999", "/embed/map/05999", "/embed/elsewhere"],
)
def test_unknown_actor_or_kommune_is_404(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "set-cookie" not in response.headers


@pytest.mark.slow
def test_bad_filters_are_422(client: TestClient) -> None:
    assert client.get("/embed/network", params={"topic": "Nicht da!"}).status_code == 422
    assert client.get("/embed/network", params={"as_of": "gestern"}).status_code == 422
    assert client.get("/embed/ego/05114-bildungsbuero", params={"radius": 3}).status_code == 422
    assert client.get("/embed/map/05166", params={"indicator": "unbekannt"}).status_code == 422


# -- links out of the frame, the height, the way back -------------------------------------------


class _Links(HTMLParser):
    """Every <a> of a page with its attributes."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.links: list[dict[str, str | None]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append(dict(attrs))


@pytest.mark.slow
@pytest.mark.parametrize("path", EMBEDS)
def test_licence_and_site_links_open_outside_the_frame(client: TestClient, path: str) -> None:
    html = client.get(path).text
    links = _Links(html).links
    licence = [link for link in links if "license" in (link.get("rel") or "")]
    assert len(licence) == 1
    assert licence[0]["target"] == "_blank" and "noopener" in (licence[0]["rel"] or "")
    assert licence[0]["href"] == "https://www.govdata.de/dl-de/by-2-0"
    for link in links:  # every other link names where it opens: a new window or the frame
        assert link.get("target") in ("_blank", "_top", "_self"), link
        if link["target"] == "_self":  # inside the frame only to other embed views
            assert (link["href"] or "").startswith(("/embed/", "http://testserver/embed/")), link
    # the attribution sits in the footer, after the view (embed.css keeps it in the frame)
    assert html.index('class="embed-main"') < html.index('class="embed-footer"')
    assert html.index('class="embed-footer"') < html.index('class="attribution"')


@pytest.mark.slow
def test_back_link_after_drilling_down(client: TestClient) -> None:
    overview = "/embed/network?kommune=05166&group=kommune"
    opened = "/embed/network?kommune=05166008&group=kommune"
    html = client.get(opened, headers={"Referer": "http://testserver" + overview}).text
    back = [link for link in _Links(html).links if "data-back" in link]
    assert len(back) == 1
    assert back[0]["href"] == overview
    assert back[0]["target"] == "_self"
    assert "Zurück zur vorigen Ansicht" in html
    english = client.get(opened + "&lang=en", headers={"Referer": "http://testserver" + overview})
    assert "Back to the previous view" in english.text


@pytest.mark.slow
@pytest.mark.parametrize(
    "referer",
    [
        None,  # opened in the frame directly
        "https://portal.example.org/embed/network?kommune=05166",  # another site
        "http://testserver/kommunen/05166",  # the site, but not an embed view
        "http://testserver/embed/../kommunen/05166",
        "http://testserver/embed/map/05166",  # the page itself
    ],
)
def test_no_back_link_without_a_previous_embed_view(
    client: TestClient, referer: str | None
) -> None:
    headers = {"Referer": referer} if referer else {}
    html = client.get("/embed/map/05166", headers=headers).text
    assert "data-back" not in html


@pytest.mark.slow
def test_embed_map_names_its_areas(client: TestClient) -> None:
    html = client.get("/embed/map/05", params={"height": 420}).text
    assert html.count('<text class="choropleth__label') == 53
    assert 'class="choropleth__key"' in html  # small Kreise and cities are numbered
    assert '<details class="choropleth__legend-box" open>' in html  # folds in the frame
    assert "--embed-height: 420px" in html
