"""Read articles from the web: fetch a URL, keep the page's article text.

:func:`fetch` gets one URL with httpx under hard limits (a timeout, a
maximum body size checked while streaming, a maximum number of redirects,
an allowed content type) and returns the body or raises an
:class:`~sitrep.errors.InputError` that names the URL and says what went
wrong. :func:`read_url` turns a fetched page into a
:class:`~sitrep.types.Document` (HTML through trafilatura, as for HTML
files) or, when the URL serves an RSS/Atom feed, hands it to
:mod:`sitrep.ingest.feeds`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sitrep.errors import Errors, InputError
from sitrep.ingest.readers import (
    ReaderDefaults,
    decode_bytes,
    document_from_html,
    document_from_text,
)
from sitrep.settings import Settings
from sitrep.types import Document

if TYPE_CHECKING:
    import httpx

#: Media types read as HTML pages.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: Media types read as plain text.
TEXT_TYPES = frozenset({"text/plain"})
#: Media types read as feeds (generic XML is sniffed: a feed or nothing).
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)

_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)
_FEED_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.S)


@dataclass(frozen=True, slots=True)
class WebLimits:
    """Limits of one fetch: seconds per network wait, body bytes, redirects followed."""

    timeout: float = 20.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    user_agent: str = "sitrep (conflict-news reader; +https://pypi.org/project/sitrep/)"

    @classmethod
    def from_settings(cls, settings: Settings) -> WebLimits:
        """Limits with the body size of ``settings.max_bytes``."""
        return cls(max_bytes=settings.max_bytes)


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched body: the URL asked for, where it ended up, its media type and bytes."""

    url: str
    final_url: str
    media_type: str
    charset: str | None
    body: bytes

    @property
    def is_feed(self) -> bool:
        """True when the page is an RSS/Atom feed (by type, or by its first element)."""
        if self.media_type in FEED_TYPES - {"application/xml", "text/xml"}:
            return True
        if self.media_type in HTML_TYPES | TEXT_TYPES:
            return False
        return bool(_FEED_START.match(self.body[:2048]))


@dataclass(frozen=True, slots=True)
class Skipped:
    """An item not fetched because the store already holds it (its URL)."""

    item: str


@dataclass(frozen=True, slots=True)
class FallbackNotice:
    """An entry stored from its feed content because its link failed (a warning, not an error)."""

    item: str
    reason: str

    def __str__(self) -> str:
        return f"{self.item}: link not read ({self.reason}); stored the feed entry's own content."


#: What the web and feed readers yield.
WebItem = Document | InputError | Skipped | FallbackNotice


def is_url(text: str) -> bool:
    """True for an ``http://`` or ``https://`` URL with a host."""
    return bool(_URL.match(text.strip()))


def make_client(limits: WebLimits | None = None) -> httpx.Client:
    """An httpx client that follows up to ``limits.max_redirects`` redirects."""
    import httpx

    limits = limits or WebLimits()
    return httpx.Client(
        follow_redirects=True,
        max_redirects=limits.max_redirects,
        timeout=httpx.Timeout(limits.timeout),
        headers={"User-Agent": limits.user_agent},
    )


def fetch(url: str, client: httpx.Client, limits: WebLimits) -> Page:
    """GET ``url`` within ``limits``; return the :class:`Page` or raise :class:`InputError`.

    Method: streamed GET; the body is refused (E080) as soon as the
    ``Content-Length`` header or the bytes read pass ``limits.max_bytes``,
    so a huge page is never held in memory. E076 not an http(s) URL, E077
    network failure or timeout, E078 HTTP status 4xx/5xx, E079 redirect
    loop or too many redirects, E081 a content type that is neither HTML,
    plain text nor a feed. Limits: no retries (a failed item goes to the
    error file and can be retried later); no cookies or JavaScript.
    """
    import httpx

    if not is_url(url):
        raise InputError(Errors.E076, item=url)
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise InputError(
                    Errors.E078,
                    item=url,
                    status=response.status_code,
                    reason=response.reason_phrase or "error",
                )
            media_type, charset = _content_type(response.headers.get("content-type", ""))
            if media_type and media_type not in HTML_TYPES | TEXT_TYPES | FEED_TYPES:
                raise InputError(Errors.E081, item=url, content_type=media_type)
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limits.max_bytes:
                raise InputError(Errors.E080, item=url, limit=limits.max_bytes)
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limits.max_bytes:
                    raise InputError(Errors.E080, item=url, limit=limits.max_bytes)
                chunks.append(chunk)
            final_url = str(response.url)
    except httpx.TooManyRedirects as exc:
        raise InputError(Errors.E079, item=url, limit=limits.max_redirects) from exc
    except httpx.TimeoutException as exc:
        raise InputError(
            Errors.E077, item=url, reason=f"timed out after {limits.timeout:g} s"
        ) from exc
    except httpx.HTTPError as exc:
        raise InputError(Errors.E077, item=url, reason=_network_reason(exc)) from exc
    return Page(url, final_url, media_type, charset, b"".join(chunks))


def page_text(page: Page) -> str:
    """The page's body as text: its declared charset, else sitrep's file decoding."""
    if page.charset:
        try:
            return page.body.decode(page.charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: guess as for files
    return decode_bytes(page.body, page.url)


def document_from_page(
    page: Page,
    item: str,
    *,
    published: date | None = None,
    outlet: str | None = None,
    settings: Settings | None = None,
) -> Document:
    """A :class:`Document` from a fetched HTML or plain-text page; its id and URL are ``item``.

    HTML goes through :func:`~sitrep.ingest.readers.document_from_html`
    (trafilatura: main text, title, date, author, site name); the outlet
    falls back to ``outlet``, then to the host name. Raises E001 for an empty
    body, E016 when the page holds no article text.
    """
    text = page_text(page)
    if not text.strip():
        raise InputError(Errors.E001, item=item)
    defaults = ReaderDefaults(published, outlet, settings or Settings())
    if page.media_type in TEXT_TYPES:
        document = document_from_text(text, item, published=published, outlet=outlet)
    else:
        document = document_from_html(text, item, defaults=defaults)
    document.id = item
    document.url = item
    if document.outlet is None:
        document.outlet = host_name(page.final_url)
    return document


def read_url(
    url: str,
    client: httpx.Client,
    limits: WebLimits,
    *,
    published: date | None = None,
    outlet: str | None = None,
    settings: Settings | None = None,
    known: Callable[[str], bool] | None = None,
) -> Iterator[WebItem]:
    """The documents behind ``url``: one page, or every entry of a feed.

    ``known(url)`` tells URLs already stored: they are yielded as
    :class:`Skipped` without being fetched (how an interrupted run resumes
    cheaply). Errors are yielded, never raised.
    """
    if known is not None and known(url):
        yield Skipped(url)
        return
    try:
        page = fetch(url, client, limits)
        if page.is_feed:
            from sitrep.ingest.feeds import read_feed_bytes

            yield from read_feed_bytes(
                page.body,
                url,
                client,
                limits,
                published=published,
                outlet=outlet,
                settings=settings,
                known=known,
            )
            return
        yield document_from_page(page, url, published=published, outlet=outlet, settings=settings)
    except InputError as error:
        yield error


def host_name(url: str) -> str | None:
    """The host of ``url`` without a leading ``www.`` (an outlet of last resort)."""
    match = re.match(r"^[a-z][a-z0-9+.-]*://([^/:?#]+)", url, re.IGNORECASE)
    if match is None:
        return None
    host = match.group(1).lower()
    return host.removeprefix("www.")


def _content_type(header: str) -> tuple[str, str | None]:
    parts = [part.strip() for part in header.split(";")]
    media_type = parts[0].lower() if parts and parts[0] else ""
    charset = None
    for part in parts[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip('"').lower()
    return media_type, charset


def _network_reason(exc: Exception) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
