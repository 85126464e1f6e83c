"""The JSON API of ``sitrep serve`` over a real store of real extractions.

The tests of the read endpoints and of the write path (``any_client``,
``any_store``, ``any_writable_client``) run on SQLite and on PostgreSQL
(``SITREP_TEST_POSTGRES``: skipped without it, failing under CI); the
rest (security, limits, static files) does not depend on the backend.
"""

from __future__ import annotations

import http.client
import json
import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlparse

import pytest
from fastapi.testclient import TestClient

from sitrep.store import Store, open_store
from sitrep.web.app import article_document, create_app
from sitrep.web.models import ArticleIn
from sitrep.web.serve_settings import ServeSettings

from .conftest import SECOND_ARTICLE, TOKEN, LiveServer

pytestmark = pytest.mark.model

Item = dict[str, Any]


def _in_box(item: Item, west: float, south: float, east: float, north: float) -> bool:
    return bool(south <= item["lat"] <= north and west <= item["lon"] <= east)


def _actors(item: Item) -> str:
    return f"{item.get('actor1') or ''} {item.get('actor2') or ''}".lower()


EVENT_FILTERS: list[tuple[str, Callable[[Item], bool], bool]] = [
    # (query, what every returned item must satisfy, whether some item must come back)
    ("type=Battles", lambda e: "Battles" in (e["event_type"], e["sub_event_type"]), True),
    (
        "type=battles",
        lambda e: e["event_type"] == "Battles" or e["sub_event_type"] == "battles",
        True,
    ),
    ("type=Armed clash", lambda e: e["sub_event_type"] == "Armed clash", True),
    ("type=Riots", lambda e: False, False),
    ("outlet=Desert Wire", lambda e: e["outlet"] == "Desert Wire", True),
    ("outlet=desert wire", lambda e: e["outlet"] == "Desert Wire", True),
    ("outlet=Desert", lambda e: False, False),  # whole names only
    ("since=2023-01-01", lambda e: (e["date"] or e["published"]) >= "2023-01-01", True),
    ("until=2017-12-31", lambda e: (e["date"] or e["published"]) <= "2017-12-31", True),
    ("since=2030-01-01", lambda e: False, False),
    ("bbox=36.5,35.8,37.6,36.6", lambda e: _in_box(e, 36.5, 35.8, 37.6, 36.6), True),
    ("bbox=31.0,14.0,34.0,17.0", lambda e: _in_box(e, 31.0, 14.0, 34.0, 17.0), True),
    ("bbox=-160,-40,-150,-30", lambda e: False, False),
    ("actor=russia", lambda e: "russia" in _actors(e), True),
    ("actor=nobody-at-all", lambda e: False, False),
    ("min_corroboration=1", lambda e: e["n_outlets"] >= 1, True),
    ("min_corroboration=2", lambda e: False, False),  # every article is its only outlet
    ("q=clashes", lambda e: "clashes" in e["evidence"].lower(), True),
]


@pytest.mark.parametrize(
    ("params", "check", "some"), EVENT_FILTERS, ids=[p for p, _, _ in EVENT_FILTERS]
)
def test_app_events_filters(
    any_client: TestClient, params: str, check: Callable[[Item], bool], some: bool
) -> None:
    response = any_client.get(f"/api/events?{params}&limit=500")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["items"])
    assert all(check(item) for item in body["items"]), params
    assert bool(body["items"]) is some, params


def test_app_events_hold_evidence_source_and_document(
    any_client: TestClient, any_store: Store
) -> None:
    body = any_client.get("/api/events?limit=500").json()
    assert body["total"] == any_store.count_events() > 0
    for item in body["items"]:
        assert item["evidence"] and item["rule"] and item["doc_id"]
        assert item["outlet"] in {"Example Outlet", "Desert Wire"}
        assert item["url"].startswith("https://")
        assert item["event_type"] in {
            "Battles",
            "Explosions/Remote violence",
            "Violence against civilians",
            "Protests",
            "Riots",
            "Strategic developments",
        }
    doc_ids = {item["doc_id"] for item in body["items"]}
    assert doc_ids == {"aleppo-russia-iran.txt", "omdurman.txt"}


def test_app_events_pagination_is_disjoint_and_counted(any_client: TestClient) -> None:
    everything = any_client.get("/api/events?limit=500").json()
    first = any_client.get("/api/events?limit=2&offset=0").json()
    second = any_client.get("/api/events?limit=2&offset=2").json()
    assert first["total"] == second["total"] == everything["total"] > 4
    keys = [(i["doc_id"], i["id"]) for i in first["items"] + second["items"]]
    assert len(keys) == len(set(keys)) == 4
    assert keys == [(i["doc_id"], i["id"]) for i in everything["items"][:4]]
    beyond = any_client.get(f"/api/events?offset={everything['total']}").json()
    assert beyond["items"] == [] and beyond["total"] == everything["total"]


@pytest.mark.parametrize("path", ["/api/events.geojson", "/api/events?format=geojson"])
def test_app_events_geojson(any_client: TestClient, path: str) -> None:
    response = any_client.get(path + ("&" if "?" in path else "?") + "limit=500")
    assert response.status_code == 200
    if path.endswith(".geojson"):
        assert response.headers["content-type"].startswith("application/geo+json")
    body = response.json()
    rows = {
        (i["doc_id"], i["id"]): i for i in any_client.get("/api/events?limit=500").json()["items"]
    }
    assert body["type"] == "FeatureCollection" and body["total"] == len(rows)
    assert body["features"]
    for feature in body["features"]:
        props = feature["properties"]
        row = rows[(props["doc_id"], props["id"])]
        # RFC 7946: [lon, lat]
        assert feature["geometry"]["coordinates"] == [row["lon"], row["lat"]]
        assert feature["id"] == f"{props['doc_id']}#{props['id']}"
        assert props["evidence"] == row["evidence"] and props["kind"] == "event"
        assert "trigger_start" not in props  # trimmed to the output contract


@pytest.mark.parametrize(
    ("params", "kinds"),
    [("", {"deployment", "control"}), ("type=control", {"control"}), ("type=nothing", set())],
)
def test_app_deployments_kinds(any_client: TestClient, params: str, kinds: set[str]) -> None:
    body = any_client.get(f"/api/deployments?{params}&limit=500").json()
    assert {item["kind"] for item in body["items"]} == kinds
    geo = any_client.get(f"/api/deployments.geojson?{params}&limit=500").json()
    assert {f["properties"]["kind"] for f in geo["features"]} <= kinds


def test_app_deployments_strength_is_an_integer(any_client: TestClient) -> None:
    items = any_client.get("/api/deployments?limit=500").json()["items"]
    strengths = [i["strength"] for i in items if i["strength"] is not None]
    assert strengths and all(isinstance(s, int) and s > 0 for s in strengths)


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("/api/claims", "speaker"),
        ("/api/places", "name"),
        ("/api/actors", "name"),
        ("/api/sources", "outlet"),
        ("/api/documents", "doc_id"),
    ],
)
def test_app_reference_tables(any_client: TestClient, path: str, key: str) -> None:
    body = any_client.get(f"{path}?limit=500").json()
    assert body["total"] == len(body["items"]) > 0
    assert any(item[key] for item in body["items"])


def test_app_sources_and_outlet_filter_agree(any_client: TestClient) -> None:
    sources = any_client.get("/api/sources").json()["items"]
    assert {s["outlet"] for s in sources} == {"Example Outlet", "Desert Wire"}
    for source in sources:
        events = any_client.get("/api/events", params={"outlet": source["outlet"], "limit": 500})
        assert events.json()["total"] == source["events"]


def test_app_places_geojson_points(any_client: TestClient) -> None:
    body = any_client.get("/api/places?format=geojson&limit=500").json()
    names = {f["properties"]["name"] for f in body["features"]}
    assert {"Aleppo", "Omdurman"} <= names


def test_app_document_detail_and_404(any_client: TestClient) -> None:
    found = any_client.get("/api/documents/omdurman.txt")
    assert found.status_code == 200
    assert found.json()["text"] == SECOND_ARTICLE
    missing = any_client.get("/api/documents/no-such-doc")
    assert missing.status_code == 404 and "no-such-doc" in missing.json()["detail"]


def test_app_summary_matches_the_store(any_client: TestClient, any_store: Store) -> None:
    body = any_client.get("/api/summary").json()
    assert body["documents"] == 2
    assert body["events"] == any_store.count_events()
    assert body["deployments"] == any_store.count_deployments()
    assert body["first_date"] <= body["last_date"]
    assert sum(d["count"] for d in body["dates"]) <= body["events"]
    assert sum(t["count"] for t in body["event_types"]) == body["events"]
    narrowed = any_client.get("/api/summary", params={"outlet": "Desert Wire"}).json()
    wire = any_client.get("/api/events", params={"outlet": "Desert Wire", "limit": 500}).json()
    assert 0 < narrowed["events"] == wire["total"] < body["events"]
    assert narrowed["first_date"] >= "2023-01-01"


BAD_PARAMETERS = [
    ("bbox=1,2,3", 400, "bounding box"),
    ("bbox=a,b,c,d", 400, "bounding box"),
    ("bbox=0,10,10,0", 400, "south is above north"),
    ("bbox=0,0,200,10", 400, "longitudes"),
    ("since=2020-02-30", 422, "since"),
    ("until=yesterday", 422, "until"),
    ("since=2020-01-02&until=2020-01-01", 400, "after until"),
    ("limit=0", 422, "limit"),
    ("limit=5001", 400, "maximum"),
    ("offset=-1", 422, "offset"),
    ("min_corroboration=-1", 422, "min_corroboration"),
    ("format=xml", 422, "format"),
]


@pytest.mark.parametrize(
    ("params", "status", "words"), BAD_PARAMETERS, ids=[p for p, _, _ in BAD_PARAMETERS]
)
def test_app_bad_parameters_are_clear_4xx(
    client: TestClient, params: str, status: int, words: str
) -> None:
    response = client.get(f"/api/events?{params}")
    assert response.status_code == status
    assert words in json.dumps(response.json())


def test_app_config_read_only_by_default(client: TestClient) -> None:
    body = client.get("/api/config").json()
    assert body["write_enabled"] is False
    assert body["tiles_url"].startswith("https://tile.openstreetmap.org/")
    assert "OpenStreetMap" in body["tiles_attribution"]


@pytest.mark.parametrize("path", ["/api/extract", "/api/ingest"])
def test_app_writes_refused_when_read_only(client: TestClient, path: str) -> None:
    body = {"text": "x"} if path.endswith("extract") else {"documents": [{"text": "x"}]}
    response = client.post(path, json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403
    assert "--token" in response.json()["detail"]


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": TOKEN},
    ],
    ids=["none", "wrong", "basic", "bare"],
)
def test_app_writes_need_the_token(writable_client: TestClient, headers: dict[str, str]) -> None:
    response = writable_client.post("/api/extract", json={"text": SECOND_ARTICLE}, headers=headers)
    assert response.status_code in {401, 403}
    assert writable_client.get("/api/documents").json()["total"] == 0


def test_app_extract_stores_and_is_idempotent(any_writable_client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    article = {"text": SECOND_ARTICLE, "outlet": "Desert Wire", "published": "2023-05-06"}
    first = any_writable_client.post("/api/extract", json=article, headers=auth)
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["stored"] is True and body["doc_id"].startswith("upload-")
    assert body["counts"]["events"] == len(body["report"]["events"]) > 0
    events = any_writable_client.get("/api/events").json()
    assert events["total"] == body["counts"]["events"]
    assert {e["doc_id"] for e in events["items"]} == {body["doc_id"]}
    again = any_writable_client.post("/api/extract", json=article, headers=auth).json()
    assert again["stored"] is False and again["doc_id"] == body["doc_id"]
    assert any_writable_client.get("/api/documents").json()["total"] == 1


def test_app_extract_html_page(writable_client: TestClient) -> None:
    page = (
        "<html><head><title>Omdurman</title></head><body><nav>Home | World</nav>"
        f"<article><h1>Clashes in Omdurman</h1><p>{SECOND_ARTICLE}</p></article></body></html>"
    )
    response = writable_client.post(
        "/api/extract",
        json={"text": page, "html": True, "id": "page-1", "url": "https://example.net/x"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["doc_id"] == "page-1"
    stored = writable_client.get("/api/documents/page-1").json()
    assert "<article>" not in stored["text"] and "Omdurman" in stored["text"]
    assert stored["url"] == "https://example.net/x"


@pytest.mark.parametrize(
    ("meta", "outlet", "published"),
    [
        ("", "Desert Wire", "2023-05-06"),  # the page says nothing: the given values stand
        (
            '<meta property="og:site_name" content="Nile Post">'
            '<meta property="article:published_time" content="2023-05-05">',
            "Nile Post",
            "2023-05-05",
        ),  # the page's own metadata wins over the given values
    ],
    ids=["given", "page-wins"],
)
def test_app_article_document_from_html_fills_in_what_the_page_lacks(
    meta: str, outlet: str, published: str
) -> None:
    page = (
        f"<html><head>{meta}<title>Omdurman</title></head><body>"
        f"<article><p>{SECOND_ARTICLE}</p></article></body></html>"
    )
    article = ArticleIn.model_validate(
        {"text": page, "html": True, "outlet": "Desert Wire", "published": "2023-05-06"}
    )
    document = article_document(article)
    assert (document.outlet, str(document.published)) == (outlet, published)
    assert "Omdurman" in document.text and "<p>" not in document.text


@pytest.mark.parametrize(
    "body",
    [
        {"text": ""},
        {"text": "a\x00b"},
        {"text": "x", "published": "not a date"},
        {"text": "x", "url": "javascript:alert(1)"},
        {"text": "x", "unknown": 1},
        {"documents": []},
    ],
    ids=["empty", "nul", "date", "url", "extra-field", "wrong-shape"],
)
def test_app_extract_rejects_bad_bodies(writable_client: TestClient, body: dict[str, Any]) -> None:
    response = writable_client.post(
        "/api/extract", json=body, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 422


def test_app_ingest_reports_each_article(writable_client: TestClient, example_text: str) -> None:
    batch = {
        "documents": [
            {"text": example_text, "id": "aleppo", "outlet": "Example Outlet"},
            {"text": "<html><body></body></html>", "html": True, "id": "empty-page"},
            {"text": SECOND_ARTICLE, "id": "omdurman"},
        ]
    }
    response = writable_client.post(
        "/api/ingest", json=batch, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["added"], body["already"], body["failed"]) == (2, 0, 1)
    assert body["items"][1]["error"] and "E016" in body["items"][1]["error"]
    assert writable_client.get("/api/documents").json()["total"] == 2


def test_app_body_over_the_limit_is_413(writable_client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = {"text": "word " * 50_000}  # 250 kB > max_body 200 kB
    declared = writable_client.post("/api/extract", json=big, headers=auth)
    assert declared.status_code == 413 and "max-body" in declared.json()["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        yield b'{"text": "'
        for _ in range(300):
            yield b"x" * 1000
        yield b'"}'

    streamed = writable_client.post(
        "/api/extract", content=chunks(), headers={**auth, "Content-Type": "application/json"}
    )
    assert streamed.status_code == 413
    assert writable_client.get("/api/documents").json()["total"] == 0


@pytest.mark.parametrize(
    ("origins", "origin", "allowed"),
    [
        ((), "https://evil.example", False),
        (("https://analyst.example",), "https://analyst.example", True),
        (("https://analyst.example",), "https://evil.example", False),
    ],
)
def test_app_cors_closed_unless_configured(
    web_store: Store, origins: tuple[str, ...], origin: str, allowed: bool
) -> None:
    client = TestClient(create_app(web_store, ServeSettings(cors_origins=origins)))
    response = client.get("/api/events", headers={"Origin": origin})
    assert (response.headers.get("access-control-allow-origin") == origin) is allowed
    preflight = client.options(
        "/api/extract",
        headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
    )
    assert (preflight.headers.get("access-control-allow-origin") == origin) is allowed


def test_app_page_and_assets_are_local(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "connect-src 'self'" in csp
    for asset in ("app.js", "app.css", "countries.geojson", "THIRD-PARTY-LICENSES.txt"):
        assert client.get(f"/static/{asset}").status_code == 200, asset
    assert page.headers["x-content-type-options"] == "nosniff"


def test_app_docs_load_nothing_from_elsewhere(client: TestClient) -> None:
    """/docs is Swagger UI from the bundled files; FastAPI's CDN pages are gone."""
    page = client.get("/docs")
    assert page.status_code == 200 and "SwaggerUIBundle" in page.text
    urls = re.findall(r'(?:src|href|url)\s*[=:]\s*["\']([^"\']+)["\']', page.text)
    assert len(urls) >= 4  # stylesheet, favicon, script, the OpenAPI document
    for url in urls:
        assert not re.match(r"^(https?:)?//", url), f"/docs loads {url} from another site"
        assert client.get(url).status_code == 200, url
    assert not re.search(r"https?://", page.text)
    assert client.get("/redoc").status_code == 404


TRAVERSALS = [
    "/static/../app.py",
    "/static/..%2fapp.py",
    "/static/%2e%2e/app.py",
    "/static/%2e%2e%2f%2e%2e%2fweb%2fapp.py",
    "/static/../../../../../../etc/passwd",
    "/static/..%5capp.py",
    "/static//etc/passwd",
    "/static/%00app.js",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_app_static_refuses_path_traversal(live_server: LiveServer, path: str) -> None:
    # http.client sends the path as is (httpx and browsers would normalise the dots).
    address = urlparse(live_server.url)
    connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    assert response.status in {400, 404}, (path, response.status)
    assert b"def create_app" not in body and b"root:" not in body


def test_app_store_shared_by_threads(web_db: Any) -> None:
    """Concurrent reads from the server's thread pool all succeed, with the same answers."""
    from concurrent.futures import ThreadPoolExecutor

    store = open_store(web_db)
    client = TestClient(create_app(store, ServeSettings()))
    expected = client.get("/api/events?limit=50").json()
    with ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(lambda _: client.get("/api/events?limit=50"), range(40)))
    store.close()
    assert [r.status_code for r in responses] == [200] * 40
    assert all(r.json() == expected for r in responses)
