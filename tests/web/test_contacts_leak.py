"""Contact persons leak through no public face: every GET route of the app, /sparql, the dumps,
Linked Data in every RDF format, VoID, search, embeds, exports and the command line.

A contact person with a unique name and e-mail is contributed through the API; then every
route is asked (path parameters filled from real records) and no response may contain either
string. A guard fails when a GET route is added without being asked here. The positive side:
the account covering the actor sees the contact on the actor page and in its export.
"""

from __future__ import annotations

import gzip
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from httpx import Response

from bildungsgraph.cli import main
from bildungsgraph.config import Settings
from bildungsgraph.service import BildungsGraph
from bildungsgraph.web import create_app

pytestmark = pytest.mark.slow

NAME, MAIL = "Frieda Quellenschutz", "frieda.quellenschutz@example.org"
SECRETS = ("quellenschutz", "frieda.quellenschutz")  # compared case-folded
ACTOR = "05166-bildungsbuero"
OWN_ACTOR = "leak-akteur"  # an actor of the same contribution
KOMMUNE = "05166"
ACTORS = (
    "Kennung,Name,Akteurstyp,Zuständigkeitsgebiet\n"
    f"{OWN_ACTOR},Akteur der Leckprüfung,Volkshochschule,{KOMMUNE}\n"
)
CONTACTS = (
    "Kennung,Name,Funktion,E-Mail,Telefon,Akteur,Einwilligung am\n"
    f"kontakt-frieda,{NAME},Leitung Quellenschutz,{MAIL},02162 99887,{ACTOR},2026-11-01\n"
    f"kontakt-frieda-2,{NAME},,frieda.quellenschutz+2@example.org,,{OWN_ACTOR},"
    "2026-11-02\n"
)
RDF_TYPES = (
    "text/turtle",
    "application/n-triples",
    "application/n-quads",
    "application/trig",
    "application/ld+json",
    "application/rdf+xml",
    "text/html",
    "*/*",
)
EVERYTHING = "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"
DEFAULT_GRAPH = "SELECT * WHERE { ?s ?p ?o }"
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
# the secret is spelt in two parts, so that pages which echo the query do not show it
SEARCH = (
    "SELECT ?s ?o WHERE { GRAPH ?g { ?s ?p ?o } "
    'FILTER(CONTAINS(LCASE(STR(?o)), CONCAT("quellen", "schutz"))) }'
)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@dataclass
class Site:
    client: TestClient
    service: BildungsGraph
    viersen: dict[str, str]  # covers the actors' Kommune
    krefeld: dict[str, str]  # another Kommune
    contribution: str
    upload: str  # a staged upload of the Kreis Viersen account (with the contact file)
    asked: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def site(service: BildungsGraph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    settings = Settings(
        store_path=tmp_path_factory.mktemp("leak") / "unused", max_result_rows=2_000_000
    )
    viersen_account, viersen = service.accounts.create("Bildungsbüro Kreis Viersen", [KOMMUNE])
    _, krefeld = service.accounts.create("Bildungsbüro Krefeld", ["05114"])
    files = [("akteure.csv", ACTORS.encode()), ("ansprechpartner.csv", CONTACTS.encode())]
    with TestClient(create_app(settings=settings, service=service)) as client:
        stored = client.post(
            "/api/contributions", headers=bearer(viersen), files=[("files", item) for item in files]
        )
        assert stored.status_code == 201, stored.text
        staged = service.contributions.stage(files, viersen_account)
        yield Site(
            client, service, bearer(viersen), bearer(krefeld), stored.json()["id"], staged.id
        )


def texts(response: Response) -> str:
    """Everything a response carries, unpacked (gzip, zip/xlsx), case-folded."""
    data = response.content
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            data = b"\n".join(archive.read(name) for name in archive.namelist())
    headers = "\n".join(f"{k}: {v}" for k, v in response.headers.items())
    return (headers + "\n" + data.decode("utf-8", "replace")).casefold()


def assert_clean(response: Response, what: str) -> None:
    assert response.status_code < 500, (what, response.status_code, response.text[:500])
    found = [secret for secret in SECRETS if secret in texts(response)]
    assert not found, f"{what} shows {found}"


def first_id(site: Site, kind: str) -> str:
    items = site.client.get(f"/api/{kind}", params={"kommune": KOMMUNE}).json()["items"]
    return str(items[0]["id"]).rsplit("/", 1)[-1]


def requests_per_route(site: Site) -> dict[str, list[tuple[str, dict[str, str]]]]:
    """Route path → the requests that ask it (URL, headers): as anonymous, and where the
    answer depends on the account also as the account of another Kommune."""
    k, c, a = KOMMUNE, site.contribution, ACTOR
    anonymous: dict[str, str] = {}
    other = site.krefeld
    both = (anonymous, other)
    offer, cooperation = first_id(site, "offers"), first_id(site, "cooperations")
    network = first_id(site, "networks")
    plain: dict[str, list[str]] = {
        "/openapi.json": ["/openapi.json"],
        "/healthz": ["/healthz"],
        "/metrics": ["/metrics"],
        "/": ["/"],
        # searched for a part: the pages echo the words searched for
        "/search": ["/search?q=Quellen", "/search?q=Frieda", "/search?q=frieda.quellen"],
        "/api/search": ["/api/search?q=Quellen", "/api/search?q=Frieda"],
        "/kommunen/vergleich": [f"/kommunen/vergleich?k={k}&k=05114"],
        "/docs": ["/docs"],
        "/contribute": ["/contribute"],
        "/contribute/sign-in": ["/contribute/sign-in"],
        "/contribute/uploads/{upload_id}": [f"/contribute/uploads/{site.upload}"],
        "/contribute/mine": ["/contribute/mine"],
        "/contribute/mine/{contribution_id}": [f"/contribute/mine/{c}"],
        "/contribute/mine/{contribution_id}/withdraw": [f"/contribute/mine/{c}/withdraw"],
        "/sparql/editor": ["/sparql/editor", f"/sparql/editor?query={SEARCH}"],
        "/gaps": [f"/gaps?kommune={k}"],
        "/kommunen": ["/kommunen"],
        "/kommunen/{key}": [f"/kommunen/{k}"],
        "/network": [f"/network?kommune={k}", f"/network?kommune={k}&focus={a}"],
        "/api/contributions": ["/api/contributions"],
        "/api/contributions/{contribution_id}": [f"/api/contributions/{c}"],
        "/api/kommunen": ["/api/kommunen"],
        "/api/kommunen/compare": [f"/api/kommunen/compare?k={k}&k=05114"],
        "/api/kommunen/{key}": [f"/api/kommunen/{k}"],
        "/api/actors": [
            f"/api/actors?kommune={k}&page_size=500",
            "/api/actors?q=Quellen",
            f"/api/actors?kommune={k}&as=csv",
            f"/api/actors?kommune={k}&as=jsonld",
        ],
        "/api/actors/{record_id}": [f"/api/actors/{a}", f"/api/actors/{OWN_ACTOR}"],
        "/api/offers": [f"/api/offers?kommune={k}"],
        "/api/offers/{record_id}": [f"/api/offers/{offer}"],
        "/api/cooperations": [f"/api/cooperations?kommune={k}"],
        "/api/cooperations/{record_id}": [f"/api/cooperations/{cooperation}"],
        "/api/networks": [f"/api/networks?kommune={k}"],
        "/api/networks/{record_id}": [f"/api/networks/{network}"],
        "/api/context.jsonld": ["/api/context.jsonld"],
        "/api/templates": ["/api/templates"],
        "/api/templates/vorlagen.xlsx": ["/api/templates/vorlagen.xlsx"],
        "/api/templates/{name}.csv": ["/api/templates/ansprechpartner.csv"],
        "/api/vocab": ["/api/vocab"],
        "/api/vocab/{scheme}": ["/api/vocab/actor-type"],
        "/embed/network": [f"/embed/network?kommune={k}"],
        "/embed/ego/{kennung}": [f"/embed/ego/{a}", f"/embed/ego/{OWN_ACTOR}"],
        "/embed/gaps/{key}": [f"/embed/gaps/{k}"],
        "/embed/map/{key}": [f"/embed/map/{k}"],
        "/api/network/changes": [f"/api/network/changes?kommune={k}"],
        "/api/gaps": [f"/api/gaps?kommune={k}"],
        "/api/network": [f"/api/network?kommune={k}"],
        "/api/network/measures": [f"/api/network/measures?kommune={k}"],
        "/api/network/export": [
            f"/api/network/export?kommune={k}&format={f}"
            for f in ("graphml", "gexf", "csv", "json")
        ],
        "/dumps": ["/dumps", "/dumps?format=json"],
        "/dumps/{name}": [
            f"/dumps/{name}"
            for name in (
                "bildungsgraph.nq.gz",
                "bildungsgraph.ttl.gz",
                "bildungsgraph.jsonld.gz",
                "void.ttl",
            )
        ],
        "/ontology": ["/ontology"],
        "/shapes": ["/shapes"],
        "/vocab/{scheme}": ["/vocab/actor-type"],
        "/vocab/{scheme}/{concept}": ["/vocab/actor-type/vhs"],
        "/api/kommunen/{key}/freshness": [f"/api/kommunen/{k}/freshness"],
        "/kommunen/{key}/aktualitaet": [f"/kommunen/{k}/aktualitaet"],
    }
    for kind in (
        "actors",
        "sites",
        "offers",
        "cooperations",
        "networks",
        "memberships",
        "gaps",
        "network-measures",
    ):
        plain[f"/api/exports/{kind}.{{fmt}}"] = [
            f"/api/exports/{kind}.{fmt}?kommune={k}" for fmt in ("csv", "xlsx")
        ]
    asked: dict[str, list[tuple[str, dict[str, str]]]] = {
        path: [(url, anonymous) for url in urls] for path, urls in plain.items()
    }
    # answers that depend on who asks: as anonymous and as the account of another Kommune
    for path, urls in {
        "/actors/{kennung}": [f"/actors/{a}", f"/actors/{OWN_ACTOR}", f"/actors/{a}?radius=2"],
        "/api/contacts": [
            f"/api/contacts?kommune={k}",
            "/api/contacts",
            f"/api/contacts?kommune={k}&as=csv",
        ],
        "/contribute/contacts.csv": ["/contribute/contacts.csv"],
        "/api/confirmations": ["/api/confirmations"],
        "/contribute/confirmations": ["/contribute/confirmations"],
    }.items():
        asked[path] = [(url, who) for url in urls for who in both]
    # Linked Data in every RDF format: the records, the contribution's graph, the contact IRIs
    resources = [
        f"/id/actor/{a}",
        f"/id/actor/{OWN_ACTOR}",
        "/id/contact/kontakt-frieda",
        "/id/contributor/account-1",
        f"/id/kommune/{k}",
    ]
    graphs = [f"/graph/contribution/{c}", "/graph/example"]
    asked["/id/{path:path}"] = [(url, {"Accept": t}) for url in resources for t in RDF_TYPES]
    asked["/graph/{path:path}"] = [(url, {"Accept": t}) for url in graphs for t in RDF_TYPES]
    return asked


def get_paths(site: Site) -> list[str]:
    def flat(routes: list[object]) -> Iterator[object]:
        for route in routes:
            inner = getattr(route, "original_router", None)
            yield from flat(inner.routes) if inner is not None else [route]

    app = site.client.app
    return sorted(
        str(route.path)
        for route in flat(app.routes)  # type: ignore[attr-defined]
        if "GET" in (getattr(route, "methods", None) or ())
    )


def test_every_get_route_is_asked(site: Site) -> None:
    """The guard: a new GET route fails here until it is added to ``requests_per_route``."""
    routes = get_paths(site)
    asked = requests_per_route(site)
    assert len(routes) == len(set(routes))
    missing, stale = sorted(set(routes) - set(asked)), sorted(set(asked) - set(routes))
    assert not missing, f"GET routes not asked by the leak test: {missing}"
    assert not stale, f"asked but no such route: {stale}"


def test_no_public_route_shows_a_contact_person(site: Site) -> None:
    asked = requests_per_route(site)
    statuses: dict[str, int] = {}
    for path in get_paths(site):
        for url, headers in asked[path]:
            response = site.client.get(url, headers=headers)
            assert_clean(response, f"{url} {headers}")
            statuses[url] = response.status_code
    # the walk reached real content, not only errors
    assert statuses[f"/actors/{ACTOR}"] == 200
    assert statuses[f"/graph/contribution/{site.contribution}"] == 200
    assert statuses["/dumps/bildungsgraph.nq.gz"] == 200
    assert statuses["/api/contacts"] == 200  # the other Kommune's account: an empty list
    assert site.client.get("/api/contacts", headers=site.krefeld).json()["total"] == 0
    assert statuses["/id/contact/kontakt-frieda"] == 404
    ok = sum(1 for status in statuses.values() if status == 200)
    assert ok >= len(statuses) * 3 // 4, {u: s for u, s in statuses.items() if s != 200}


@pytest.mark.parametrize(
    ("query", "accept"),
    [
        (query, accept)
        for query in (EVERYTHING, DEFAULT_GRAPH, SEARCH)
        for accept in ("text/csv", "application/sparql-results+json")
    ]
    + [(CONSTRUCT, accept) for accept in ("application/n-triples", "text/turtle")],
)
def test_sparql_shows_no_contact_person(site: Site, query: str, accept: str) -> None:
    response = site.client.post("/sparql", data={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200, response.text[:300]
    assert_clean(response, f"/sparql {query} {accept}")
    if query != SEARCH:  # the answer is the whole store: the contribution's graph is in it
        assert f"contribution/{site.contribution}" in response.text
        assert OWN_ACTOR in response.text


def test_the_covering_account_sees_the_contact_person(site: Site) -> None:
    page = site.client.get(f"/actors/{ACTOR}", headers=site.viersen)
    assert page.status_code == 200
    assert NAME in page.text and MAIL in page.text and "Ansprechpersonen" in page.text
    assert page.headers["cache-control"] == "private, no-store"
    anonymous = site.client.get(f"/actors/{ACTOR}")
    assert "Ansprechpersonen" not in anonymous.text  # not even the heading
    own = site.client.get(f"/api/contacts?kommune={KOMMUNE}", headers=site.viersen)
    assert own.headers["cache-control"] == "private, no-store"
    assert {item["email"] for item in own.json()["items"]} == {
        MAIL,
        "frieda.quellenschutz+2@example.org",
    }
    table = site.client.get("/api/contacts?as=csv", headers=site.viersen)
    assert table.headers["content-type"].startswith("text/csv")
    assert table.text.lstrip("\ufeff").startswith("Kennung,Name,Funktion,E-Mail")
    assert MAIL in table.text


def test_a_signed_in_session_sees_the_contacts_on_the_actor_page(site: Site) -> None:
    client = TestClient(site.client.app)
    start = client.get("/contribute/sign-in")
    token = start.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    secret = site.viersen["Authorization"].removeprefix("Bearer ")
    signed_in = client.post("/contribute/sign-in", data={"token": secret, "csrf_token": token})
    assert signed_in.status_code == 200
    assert NAME in client.get(f"/actors/{ACTOR}").text
    mine = client.get("/contribute/mine")
    assert "/contribute/contacts.csv" in mine.text
    download = client.get("/contribute/contacts.csv")
    assert download.status_code == 200 and MAIL in download.text
    assert download.headers["cache-control"] == "private, no-store"


def test_withdrawing_removes_the_contacts(loaded_service: BildungsGraph, tmp_path: Path) -> None:
    account, token = loaded_service.accounts.create("Bildungsbüro Kreis Viersen", [KOMMUNE])
    with TestClient(
        create_app(settings=Settings(store_path=tmp_path / "unused"), service=loaded_service)
    ) as client:
        stored = client.post(
            "/api/contributions",
            headers=bearer(token),
            files=[
                (
                    "files",
                    (
                        "ansprechpartner.csv",
                        CONTACTS.replace(f",{OWN_ACTOR},", f",{ACTOR},").encode(),
                    ),
                )
            ],
        )
        assert stored.status_code == 201, stored.text
        assert client.get("/api/contacts", headers=bearer(token)).json()["total"] == 2
        withdrawn = client.delete(
            f"/api/contributions/{stored.json()['id']}", headers=bearer(token)
        )
        assert withdrawn.status_code == 200
        assert client.get("/api/contacts", headers=bearer(token)).json()["total"] == 0
        assert NAME not in client.get(f"/actors/{ACTOR}", headers=bearer(token)).text
    assert loaded_service.contacts.protected.all(since=date.min) == []
    assert account.active


def test_the_command_line_shows_no_contact_person(
    loaded_service: BildungsGraph, tmp_path: Path
) -> None:
    path = loaded_service.store.path
    assert path is not None
    loaded_service.close()
    contacts = tmp_path / "ansprechpartner.csv"
    contacts.write_text(CONTACTS.replace(f",{OWN_ACTOR},", f",{ACTOR},"), encoding="utf-8")

    def run(*args: str) -> str:
        result = CliRunner().invoke(main, ["--store", str(path), *args])
        assert result.exit_code == 0, result.output
        return result.output

    run("contribute", str(contacts), "--contributor", "Bildungsbüro Kreis Viersen")
    dump = tmp_path / "dump.nq"
    run("export", "--format", "nq", "-o", str(dump))
    outputs = {
        "export": dump.read_text(encoding="utf-8"),
        "query": run("query", EVERYTHING, "--format", "csv"),
        "query search": run("query", SEARCH, "--format", "json"),
        "contributions": run("contributions", "list"),
    }
    for what, text in outputs.items():
        assert not [s for s in SECRETS if s in text.casefold()], what
    assert "contribution/" in outputs["export"]
    # the CLI contribution kept its contacts, in the protected store beside the store
    again = BildungsGraph.open(Settings(store_path=path))
    try:
        assert {p.email for p in again.contacts.protected.all(since=date.min)} >= {MAIL}
    finally:
        again.close()
