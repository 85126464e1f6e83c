"""A local web site for the URL and feed reader tests (no internet needed).

:func:`serve_site` runs Python's ``http.server`` on 127.0.0.1 in a thread
and serves articles, feeds, a 404, a redirect loop, an oversize page, a slow
page and a page of the wrong type.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE_TEXT = (
    "Government forces shelled the eastern districts of the city on Monday, killing "
    "seven civilians and wounding twelve others, local officials said. The shelling "
    "destroyed several houses and a school, and rescue teams were still searching the "
    "rubble on Tuesday morning. Residents said the attack came after a week of clashes "
    "between the army and rebel fighters on the outskirts of the city."
)


def article_html(title: str, text: str = ARTICLE_TEXT) -> str:
    """A news page: navigation, the article, a footer (so trafilatura has work to do)."""
    paragraphs = "".join(f"<p>{sentence.strip()}.</p>" for sentence in text.split(". ") if sentence)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{title}</title><meta property='og:site_name' content='Local Times'>"
        "<meta name='author' content='Jane Writer'>"
        "<meta property='article:published_time' content='2019-07-02T08:00:00Z'>"
        "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>Copyright Local Times</footer></body></html>"
    )


def rss_feed(base: str) -> str:
    """An RSS feed: a good link, a 404 link with content, a loop without content, a bare entry."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Local Times World</title><link>{base}/</link>
<item><title>Shelling in the east</title><link>{base}/article.html</link>
  <pubDate>Tue, 02 Jul 2019 08:00:00 GMT</pubDate></item>
<item><title>Gone article</title><link>{base}/missing</link>
  <pubDate>Wed, 03 Jul 2019 08:00:00 GMT</pubDate>
  <description>&lt;p&gt;Rebels attacked an army checkpoint near the border on Wednesday, killing
  three soldiers, a military source said.&lt;/p&gt;</description></item>
<item><title>Loop</title><link>{base}/loop</link></item>
<item><title>Only content</title><guid isPermaLink="false">entry-4</guid>
  <description>Protesters gathered in the main square on Thursday to demand the release of
  detained activists, witnesses said.</description></item>
<item><title>Nothing at all</title></item>
</channel></rss>"""


def atom_feed(base: str) -> str:
    """An Atom feed with one entry linking to the article."""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Local Times Atom</title>
<id>urn:local-times</id><updated>2019-07-02T08:00:00Z</updated>
<entry><title>Shelling in the east</title><id>urn:a1</id>
<link href="{base}/article.html"/><updated>2019-07-02T08:00:00Z</updated></entry>
</feed>"""


#: Bytes of the oversize page (the tests set a smaller limit).
HUGE_SIZE = 200_000


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean."""

    def _send(self, status: int, body: bytes, content_type: str, length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        base = f"http://{self.headers['Host']}"
        path = self.path
        if path == "/article.html":
            self._send(
                200, article_html("Shelling in the east").encode(), "text/html; charset=utf-8"
            )
        elif path == "/second.html":
            text = ARTICLE_TEXT.replace("seven", "nine").replace("Monday", "Sunday")
            self._send(200, article_html("More shelling", text).encode(), "text/html")
        elif path == "/plain.txt":
            self._send(200, ARTICLE_TEXT.encode(), "text/plain; charset=utf-8")
        elif path == "/feed.xml":
            self._send(200, rss_feed(base).encode(), "application/rss+xml")
        elif path == "/atom.xml":
            self._send(200, atom_feed(base).encode(), "application/atom+xml")
        elif path == "/feed-as-xml":
            self._send(200, rss_feed(base).encode(), "text/xml")
        elif path == "/broken-feed.xml":
            self._send(200, b"<rss><channel><item><title>oops", "application/rss+xml")
        elif path == "/loop":
            self._redirect("/loop2")
        elif path == "/loop2":
            self._redirect("/loop")
        elif path == "/moved":
            self._redirect("/article.html")
        elif path == "/huge":
            self._send(200, b"<p>" + b"x" * HUGE_SIZE + b"</p>", "text/html")
        elif path == "/huge-unannounced":
            # No Content-Length: the limit must hold while streaming.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            for _ in range(HUGE_SIZE // 10_000):
                self.wfile.write(b"y" * 10_000)
        elif path == "/image.png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png")
        elif path == "/slow":
            time.sleep(2.0)
            self._send(200, b"late", "text/plain")
        elif path == "/error":
            self._send(500, b"boom", "text/plain")
        else:
            self._send(404, b"not found", "text/plain")

    def _redirect(self, target: str) -> None:
        self.send_response(302)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A client hanging up on a huge or slow page is expected here."""


@contextlib.contextmanager
def serve_site() -> Iterator[str]:
    """Serve the site on a free local port; yield its base URL."""
    server = _QuietServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
