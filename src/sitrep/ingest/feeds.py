"""Read RSS and Atom feeds: one document per entry.

Method: feedparser (RSS 0.9x/1.0/2.0, Atom 0.3/1.0; tolerant of broken
XML) gives the entries; each entry's link is fetched and read as a page
(:func:`sitrep.ingest.web.document_from_page`); when the entry has no link,
or the link cannot be fetched, the entry's own content (or summary) is used
instead, with a warning. The entry's title and date, and the feed's title
as the outlet, fill what the page does not say. An entry with neither a
fetchable link nor content is an error (E083) and the other entries go on;
a feed feedparser finds no entries in is one error (E082).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.errors import Errors, InputError
from sitrep.ingest.readers import document_from_text
from sitrep.ingest.web import (
    FallbackNotice,
    Skipped,
    WebLimits,
    document_from_page,
    fetch,
    is_url,
)
from sitrep.settings import Settings
from sitrep.types import Document

if TYPE_CHECKING:
    import httpx

#: File suffixes read as feeds.
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})


def read_feed_file(
    path: Path,
    client: httpx.Client,
    limits: WebLimits,
    **options: Any,
) -> Iterator[Document | InputError | Skipped | FallbackNotice]:
    """The entries of a feed saved as a file (``.rss``, ``.atom``, ``.xml``)."""
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            yield InputError(Errors.E006, item=str(path), size=size, limit=limits.max_bytes)
            return
        body = path.read_bytes()
    except OSError as exc:
        yield InputError(Errors.E015, item=str(path), reason=exc.strerror or exc)
        return
    yield from read_feed_bytes(body, str(path), client, limits, **options)


def read_feed_bytes(
    body: bytes,
    item: str,
    client: httpx.Client,
    limits: WebLimits,
    *,
    published: date | None = None,
    outlet: str | None = None,
    settings: Settings | None = None,
    known: Callable[[str], bool] | None = None,
) -> Iterator[Document | InputError | Skipped | FallbackNotice]:
    """One :class:`Document` per entry of the feed in ``body`` (``item`` names the feed).

    ``known(url)`` marks entry links already stored: they are yielded as
    :class:`Skipped` without being fetched. Errors and notices are yielded,
    never raised.
    """
    import feedparser

    base = item if is_url(item) else ""
    parsed = feedparser.parse(body, response_headers={"content-location": base} if base else None)
    # A truncated feed leaves empty shells of entries behind: they are not entries.
    entries = [
        entry
        for entry in parsed.get("entries") or []
        if any(entry.get(name) for name in ("link", "id", "title", "summary", "content"))
    ]
    if not entries:
        reason = str(parsed.get("bozo_exception") or "no entries")
        yield InputError(Errors.E082, item=item, reason=reason)
        return
    feed_title = _text(parsed.get("feed", {}).get("title"))
    for number, entry in enumerate(entries, start=1):
        yield from _read_entry(
            entry,
            number,
            item,
            client,
            limits,
            published=published,
            outlet=outlet or feed_title,
            settings=settings,
            known=known,
        )


def _read_entry(
    entry: Any,
    number: int,
    feed_item: str,
    client: httpx.Client,
    limits: WebLimits,
    *,
    published: date | None,
    outlet: str | None,
    settings: Settings | None,
    known: Callable[[str], bool] | None,
) -> Iterator[Document | InputError | Skipped | FallbackNotice]:
    link = _text(entry.get("link"))
    if link is not None and not is_url(link):
        link = None
    entry_id = link or _text(entry.get("id")) or f"{feed_item}#{number}"
    title = _text(entry.get("title"))
    entry_date = _entry_date(entry) or published
    if link is not None and known is not None and known(link):
        yield Skipped(link)
        return
    link_problem = "the entry has no link"
    if link is not None:
        try:
            page = fetch(link, client, limits)
            document = document_from_page(
                page, link, published=entry_date, outlet=outlet, settings=settings
            )
        except InputError as error:
            link_problem = f"[{error.code}] {error.message}"
        else:
            document.title = document.title or title
            document.published = document.published or entry_date
            if outlet and document.outlet != outlet:
                # The feed names its outlet; a page's site name is often a domain.
                document.outlet = outlet
            yield document
            return
    content = _entry_content(entry)
    if content is None:
        yield InputError(Errors.E083, item=entry_id, reason=link_problem)
        return
    document = document_from_text(content, entry_id, published=entry_date, outlet=outlet)
    document.title = title
    document.url = link
    if link is not None:
        yield FallbackNotice(entry_id, link_problem)
    yield document


def _entry_content(entry: Any) -> str | None:
    """The entry's content (or summary) as plain text, or None when it has none."""
    candidates: list[str] = []
    for content in entry.get("content") or []:
        value = content.get("value") if isinstance(content, dict) else None
        if isinstance(value, str):
            candidates.append(value)
    summary = entry.get("summary")
    if isinstance(summary, str):
        candidates.append(summary)
    for candidate in candidates:
        text = _html_to_text(candidate)
        if text:
            return text
    return None


def _html_to_text(fragment: str) -> str | None:
    """Text of an HTML fragment, paragraphs on their own lines (lxml)."""
    if "<" not in fragment:
        text = fragment.strip()
        return text or None
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml rejects some fragments outright: keep the raw text then
        text = fragment.strip()
        return text or None
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4"):
        block.tail = "\n" + (block.tail or "")
    lines = [" ".join(line.split()) for line in root.text_content().splitlines()]
    text = "\n".join(line for line in lines if line)
    return text or None


def _entry_date(entry: Any) -> date | None:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(name)
        if isinstance(value, time.struct_time):
            try:
                return date(value.tm_year, value.tm_mon, value.tm_mday)
            except ValueError:
                continue
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
