"""Fixtures of the web tests: a real store holding real extractions, the app, a live server.

The store holds the example article extracted by the real pipeline (the
session ``extractor``) plus a second, shorter article from another outlet and
day, so filters have something to tell apart. ``live_server`` runs the app
with uvicorn on a free loopback port in a thread (the browser test drives it).
"""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
import uuid
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tests.store.conftest import drop_schema, postgres_url

with warnings.catch_warnings():
    # Starlette suggests httpx2 for its TestClient; httpx works the same here.
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

from sitrep.store import Store, open_store
from sitrep.types import Document, Report
from sitrep.web.app import create_app
from sitrep.web.serve_settings import ServeSettings

TOKEN = "test-token-0123456789"

# A short dispatch written for these tests (not from the evaluation data): a second
# outlet, another day and another country, for the filters to tell apart.
SECOND_ARTICLE = (
    "KHARTOUM, May 4 (Desert Wire) - Heavy clashes broke out on Saturday between the "
    "Sudanese army and the Rapid Support Forces in the city of Omdurman, killing 12 "
    "civilians, a local medical source said. Artillery shelling hit the Karari district "
    "of Omdurman, residents told reporters."
)


@dataclass(frozen=True, slots=True)
class LiveServer:
    """A running ``sitrep serve`` app: its base URL and its store."""

    url: str
    store: Store


@pytest.fixture(scope="session")
def web_reports(extractor: Any, example_text: str) -> list[tuple[Document, Report]]:
    """The example article and a second dispatch, extracted for real (once per session)."""
    articles = [
        Document(
            id="aleppo-russia-iran.txt",
            text=example_text,
            title="Russian and Iranian forces clash in Aleppo",
            outlet="Example Outlet",
            url="https://example.org/aleppo",
            published=date(2017, 11, 20),
        ),
        Document(
            id="omdurman.txt",
            text=SECOND_ARTICLE,
            title="Clashes in Omdurman",
            outlet="Desert Wire",
            url="https://example.net/omdurman",
            published=date(2023, 5, 6),
        ),
    ]
    return [(document, extractor.extract_document(document)) for document in articles]


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory, web_reports: list[Any]) -> Path:
    """A SQLite store file holding the example article and a second dispatch, extracted for real."""
    path = tmp_path_factory.mktemp("web") / "sitrep.db"
    with open_store(path) as store:
        for document, report in web_reports:
            store.add(document, report)
    return path


@pytest.fixture(scope="session")
def postgres_web_store(web_reports: list[Any]) -> Iterator[Store]:
    """The same reports in a PostgreSQL store (a schema of its own, dropped afterwards).

    Skips with a reason without ``SITREP_TEST_POSTGRES``, fails under CI
    (as the store tests do).
    """
    url = postgres_url()
    schema = f"web_{uuid.uuid4().hex[:12]}"
    store = open_store(url, schema=schema)
    try:
        for document, report in web_reports:
            store.add(document, report)
        yield store
    finally:
        store.close()
        drop_schema(url, schema)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def any_store(request: pytest.FixtureRequest) -> Store:
    """The web store on each backend: SQLite, then PostgreSQL (read-only use)."""
    name = "web_store" if request.param == "sqlite" else "postgres_web_store"
    store: Store = request.getfixturevalue(name)
    return store


@pytest.fixture(scope="session")
def any_client(any_store: Store) -> TestClient:
    """A read-only app over ``any_store``: the API tests that run on both backends."""
    return TestClient(create_app(any_store, ServeSettings()))


@pytest.fixture(scope="session")
def web_store(web_db: Path) -> Iterator[Store]:
    """The store of ``web_db``, open for the whole session (read-only use)."""
    store = open_store(web_db)
    yield store
    store.close()


@pytest.fixture(scope="session")
def client(web_store: Store) -> TestClient:
    """A read-only app (no token) over the shared store."""
    return TestClient(create_app(web_store, ServeSettings()))


@pytest.fixture
def writable_client(tmp_path: Path, extractor: Any) -> Iterator[TestClient]:
    """An app with a write token over a fresh, empty store (writes do not leak between tests)."""
    store = open_store(tmp_path / "write.db")
    app = create_app(
        store, ServeSettings(token=TOKEN, max_body=200_000), extractor_factory=lambda: extractor
    )
    yield TestClient(app)
    store.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_writable_client(
    request: pytest.FixtureRequest, tmp_path: Path, extractor: Any
) -> Iterator[TestClient]:
    """``writable_client`` on each backend: a fresh, empty store with a write token."""
    url = schema = None
    if request.param == "sqlite":
        store = open_store(tmp_path / "write.db")
    else:
        url, schema = postgres_url(), f"webw_{uuid.uuid4().hex[:12]}"
        store = open_store(url, schema=schema)
    app = create_app(
        store, ServeSettings(token=TOKEN, max_body=200_000), extractor_factory=lambda: extractor
    )
    yield TestClient(app)
    store.close()
    if url is not None and schema is not None:
        drop_schema(url, schema)


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(web_db: Path, extractor: Any) -> Iterator[LiveServer]:
    """The app with uvicorn on a free loopback port, in a thread; stopped after the session.

    Tiles point at an unreachable loopback port, as on a machine without
    network: the page must fall back to the bundled outlines.
    """
    import uvicorn

    # A copy: uploads through the page must not change what the API tests read.
    db = web_db.with_name("live.db")
    with sqlite3.connect(web_db) as source, sqlite3.connect(db) as target:
        source.backup(target)
    store = open_store(db)
    settings = ServeSettings(token=TOKEN, tiles_url="http://127.0.0.1:9/{z}/{x}/{y}.png")
    app = create_app(store, settings, extractor_factory=lambda: extractor)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="sitrep-serve-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield LiveServer(url=f"http://127.0.0.1:{port}", store=store)
    server.should_exit = True
    thread.join(timeout=10)
    store.close()
