"""Reading URLs: limits on time, size, redirects and content type, against a local server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.ingest.local_site import HUGE_SIZE, serve_site

from sitrep.errors import InputError
from sitrep.ingest.web import (
    Skipped,
    WebLimits,
    document_from_page,
    fetch,
    host_name,
    is_url,
    make_client,
    read_url,
)
from sitrep.types import Document

LIMITS = WebLimits(timeout=0.5, max_bytes=HUGE_SIZE // 2, max_redirects=4)


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve_site() as base:
        yield base


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    with make_client(LIMITS) as opened:
        yield opened


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/missing", "E078"),
        ("/error", "E078"),
        ("/loop", "E079"),
        ("/huge", "E080"),
        ("/huge-unannounced", "E080"),
        ("/image.png", "E081"),
        ("/slow", "E077"),
    ],
)
def test_web_fetch_refuses_bad_pages(site: str, client: object, path: str, code: str) -> None:
    with pytest.raises(InputError) as raised:
        fetch(site + path, client, LIMITS)  # type: ignore[arg-type]
    assert raised.value.code == code
    assert site + path in str(raised.value)


@pytest.mark.parametrize("url", ["ftp://example.org/a", "not a url", "http://", "file:///etc/x"])
def test_web_fetch_refuses_non_http(client: object, url: str) -> None:
    with pytest.raises(InputError) as raised:
        fetch(url, client, LIMITS)  # type: ignore[arg-type]
    assert raised.value.code == "E076"


def test_web_unreachable_host_is_one_error(client: object) -> None:
    with pytest.raises(InputError) as raised:
        fetch("http://127.0.0.1:9/nothing", client, LIMITS)  # type: ignore[arg-type]
    assert raised.value.code == "E077"


def test_web_html_page_becomes_a_document(site: str, client: object) -> None:
    page = fetch(site + "/article.html", client, LIMITS)  # type: ignore[arg-type]
    assert page.media_type == "text/html" and page.charset == "utf-8"
    assert not page.is_feed
    document = document_from_page(page, page.url)
    assert document.id == document.url == site + "/article.html"
    assert "killing seven civilians" in document.text
    assert "Copyright" not in document.text and "World" not in document.text.split()[0]
    assert document.title == "Shelling in the east"
    assert document.outlet == "Local Times"
    assert document.published is not None and document.published.isoformat() == "2019-07-02"


def test_web_redirect_followed_and_plain_text_read(site: str, client: object) -> None:
    [moved] = list(read_url(site + "/moved", client, LIMITS))  # type: ignore[arg-type]
    assert isinstance(moved, Document) and moved.id == site + "/moved"
    [plain] = list(read_url(site + "/plain.txt", client, LIMITS, outlet="Wire"))  # type: ignore[arg-type]
    assert isinstance(plain, Document)
    assert plain.text.startswith("Government forces") and plain.outlet == "Wire"


def test_web_read_url_yields_errors_and_skips_known(site: str, client: object) -> None:
    [error] = list(read_url(site + "/missing", client, LIMITS))  # type: ignore[arg-type]
    assert isinstance(error, InputError) and error.code == "E078"
    known = site + "/article.html"
    [skipped] = list(
        read_url(known, client, LIMITS, known=lambda url: url == known)  # type: ignore[arg-type]
    )
    assert skipped == Skipped(known)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://example.org/a", True),
        ("http://127.0.0.1:8000/x?y=1", True),
        ("HTTP://EXAMPLE.ORG", True),
        ("example.org/a", False),
        ("https:// spaces.org", False),
        ("data.jsonl", False),
        ("-", False),
    ],
)
def test_web_is_url(text: str, expected: bool) -> None:
    assert is_url(text) is expected


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.example.org/a", "example.org"),
        ("http://127.0.0.1:8000/", "127.0.0.1"),
        ("nothing", None),
    ],
)
def test_web_host_name(url: str, host: str | None) -> None:
    assert host_name(url) == host
