"""Reading RSS/Atom feeds: each entry's link, or its content when the link fails."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.ingest.local_site import rss_feed, serve_site

from sitrep.errors import InputError
from sitrep.ingest.feeds import read_feed_bytes, read_feed_file
from sitrep.ingest.web import FallbackNotice, Skipped, WebLimits, make_client, read_url
from sitrep.types import Document

LIMITS = WebLimits(timeout=2.0, max_bytes=100_000, max_redirects=4)


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve_site() as base:
        yield base


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    with make_client(LIMITS) as opened:
        yield opened


def _by_kind(items: list[object]) -> dict[str, list[object]]:
    kinds: dict[str, list[object]] = {"document": [], "error": [], "notice": [], "skipped": []}
    for item in items:
        if isinstance(item, Document):
            kinds["document"].append(item)
        elif isinstance(item, InputError):
            kinds["error"].append(item)
        elif isinstance(item, FallbackNotice):
            kinds["notice"].append(item)
        elif isinstance(item, Skipped):
            kinds["skipped"].append(item)
    return kinds


@pytest.mark.parametrize("path", ["/feed.xml", "/feed-as-xml"])
def test_feeds_entries_from_links_content_and_errors(site: str, client: object, path: str) -> None:
    items = _by_kind(list(read_url(site + path, client, LIMITS)))  # type: ignore[arg-type]
    documents = {d.id: d for d in items["document"]}  # type: ignore[attr-defined]
    assert set(documents) == {site + "/article.html", site + "/missing", "entry-4"}
    fetched = documents[site + "/article.html"]
    assert "killing seven civilians" in fetched.text
    assert fetched.outlet == "Local Times World"  # the feed's title names the outlet
    assert fetched.published == date(2019, 7, 2)
    fallback = documents[site + "/missing"]  # 404: the entry's own content is used
    assert fallback.text.startswith("Rebels attacked an army checkpoint")
    assert "<p>" not in fallback.text
    assert fallback.url == site + "/missing" and fallback.published == date(2019, 7, 3)
    assert fallback.title == "Gone article"
    assert [n.item for n in items["notice"]] == [site + "/missing"]  # type: ignore[attr-defined]
    assert "E078" in str(items["notice"][0])
    only_content = documents["entry-4"]
    assert only_content.url is None and only_content.text.startswith("Protesters gathered")
    codes = sorted((e.code, e.details["item"]) for e in items["error"])  # type: ignore[attr-defined]
    assert codes == sorted([("E083", site + "/loop"), ("E083", f"{site}{path}#5")])
    assert "E079" in str(items["error"][0]) or "E079" in str(items["error"][1])


def test_feeds_atom_feed(site: str, client: object) -> None:
    [document] = list(read_url(site + "/atom.xml", client, LIMITS))  # type: ignore[arg-type]
    assert isinstance(document, Document)
    assert document.id == site + "/article.html"
    assert document.outlet == "Local Times Atom"


def test_feeds_known_links_are_skipped_unfetched(site: str, client: object) -> None:
    stored = {site + "/article.html", site + "/missing"}
    items = _by_kind(
        list(read_url(site + "/feed.xml", client, LIMITS, known=stored.__contains__))  # type: ignore[arg-type]
    )
    assert sorted(s.item for s in items["skipped"]) == sorted(stored)  # type: ignore[attr-defined]
    assert [d.id for d in items["document"]] == ["entry-4"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "body",
    [b"", b"<rss><channel><item><title>oops", b"not xml at all", b"<html><body>hi</body></html>"],
)
def test_feeds_broken_feed_is_one_error(client: object, body: bytes) -> None:
    [error] = list(read_feed_bytes(body, "feed", client, LIMITS))  # type: ignore[arg-type]
    assert isinstance(error, InputError) and error.code == "E082"


def test_feeds_broken_feed_over_http(site: str, client: object) -> None:
    [error] = list(read_url(site + "/broken-feed.xml", client, LIMITS))  # type: ignore[arg-type]
    assert isinstance(error, InputError) and error.code == "E082"


def test_feeds_feed_file(site: str, client: object, tmp_path: Path) -> None:
    path = tmp_path / "saved.rss"
    path.write_text(rss_feed(site), encoding="utf-8")
    items = _by_kind(list(read_feed_file(path, client, LIMITS)))  # type: ignore[arg-type]
    assert len(items["document"]) == 3 and len(items["error"]) == 2
    missing = list(read_feed_file(tmp_path / "none.rss", client, LIMITS))  # type: ignore[arg-type]
    assert isinstance(missing[0], InputError) and missing[0].code == "E015"


@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
@settings(max_examples=60, deadline=None)
def test_feeds_any_bytes_give_documents_or_errors(body: bytes) -> None:
    with make_client(LIMITS) as client:
        for item in read_feed_bytes(body, "feed", client, LIMITS):
            assert isinstance(item, Document | InputError | FallbackNotice)


@given(
    st.lists(
        st.fixed_dictionaries({"title": st.text(max_size=30), "description": st.text(max_size=80)}),
        max_size=4,
    )
)
@settings(max_examples=40, deadline=None)
def test_feeds_entries_without_links_use_their_content(entries: list[dict[str, str]]) -> None:
    from xml.sax.saxutils import escape

    items = "".join(
        f"<item><title>{escape(e['title'])}</title>"
        f"<description>{escape(e['description'])}</description></item>"
        for e in entries
    )
    body = (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>{items}</channel></rss>"
    )
    with make_client(LIMITS) as client:
        results = list(read_feed_bytes(body.encode(), "feed", client, LIMITS))
    for item in results:
        if isinstance(item, Document):
            assert item.text.strip() and item.outlet == "T"
        else:
            assert isinstance(item, InputError) and item.code in {"E082", "E083"}
