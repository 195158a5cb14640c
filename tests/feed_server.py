"""A news site on loopback for the fetch tests: feeds, pages and robots.txt
that the tests write, served over real HTTP on 127.0.0.1.

    with FeedServer() as site:
        site.route("/world.xml", rss2(...), "application/rss+xml")
        site.route("/gone.xml", b"", status=410)
        urls = [site.url("/world.xml")]

Every route answers 304 to a conditional request that matches its ETag (the
body's hash) or its Last-Modified; `latency` delays every answer; routes can
also redirect, wait before answering, drip their body slowly, or answer 429
with Retry-After a given number of times first. Every request is recorded in
`site.requests` as (path, headers), with its start time in `site.starts`;
`most_in_flight` is the most requests the site was answering at once.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from xml.sax.saxutils import escape


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drip: float = 0.0
    busy: int = 0  # answer 429 this many times first
    conditional: bool = True
    last_modified: str = field(default_factory=lambda: formatdate(usegmt=True))


class FeedServer:
    def __init__(self, latency: float = 0.0) -> None:
        self.latency = latency
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.starts: list[float] = []
        self.in_flight = 0
        self.most_in_flight = 0
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._httpd.daemon_threads = True
        # A client that hangs up (a body over the size limit) is no error here.
        self._httpd.handle_error = lambda request, address: None  # type: ignore[method-assign]
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> FeedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, body: bytes | str, content_type: str = "", **kw: Any) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        kind = content_type or "text/html; charset=utf-8"
        old = self.routes.get(path)
        route = Route(data, kind, **kw)
        if old is not None and old.body == data:
            route.last_modified = old.last_modified
        self.routes[path] = route

    def paths(self) -> list[str]:
        with self._lock:
            return [path for path, _ in self.requests]

    def record(self, path: str, headers: dict[str, str]) -> None:
        with self._lock:
            self.requests.append((path, headers))
            self.starts.append(time.monotonic())
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)

    def done(self) -> None:
        with self._lock:
            self.in_flight -= 1


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            server.record(self.path, headers)
            try:
                self._answer(headers)
            finally:
                server.done()

        def _answer(self, headers: dict[str, str]) -> None:
            time.sleep(server.latency)
            route = server.routes.get(self.path)
            if route is None:
                return self._send(404, b"not here", "text/plain", {})
            time.sleep(route.delay)
            if route.busy:
                route.busy -= 1
                return self._send(429, b"slow down", "text/plain", {"Retry-After": "1"})
            etag = '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"'
            extra = dict(route.headers)
            if route.conditional and route.status == 200:
                extra.update({"ETag": etag, "Last-Modified": route.last_modified})
                if headers.get("if-none-match") == etag:
                    return self._send(304, b"", "", extra)
            self._send(route.status, route.body, route.content_type, extra, route.drip)

        def _send(
            self, status: int, body: bytes, kind: str, headers: dict[str, str], drip: float = 0
        ) -> None:
            self.send_response(status)
            if kind:
                self.send_header("Content-Type", kind)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not drip:
                self.wfile.write(body)
                return
            for start in range(0, len(body), 64):
                try:
                    self.wfile.write(body[start : start + 64])
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(drip)

    return Handler


# --- Feeds and pages ---------------------------------------------------------------


@dataclass(frozen=True)
class Story:
    """An article the tests publish: in a feed item, on a page, or both."""

    slug: str
    title: str
    paragraphs: tuple[str, ...]
    published: str | None = "Sat, 21 Nov 2026 09:00:00 +0000"
    link: str = ""

    def html(self) -> str:
        return "".join(f"<p>{escape(p)}</p>" for p in self.paragraphs)


def rss2(title: str, stories: list[Story], full: bool, encoding: str | None = "utf-8") -> str:
    items = []
    for s in stories:
        content = f"<content:encoded><![CDATA[{s.html()}]]></content:encoded>" if full else ""
        date = f"<pubDate>{s.published}</pubDate>" if s.published else ""
        items.append(
            f"<item><title>{escape(s.title)}</title><link>{escape(s.link)}</link>"
            f"<guid>{escape(s.link)}</guid>{date}"
            f"<description>{escape(s.paragraphs[0][:120])}</description>{content}</item>"
        )
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>' if encoding else ""
    return (
        f'{declaration}<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{escape(title)}</title><link>http://127.0.0.1/</link>"
        f"<description>{escape(title)}</description>{''.join(items)}</channel></rss>"
    )


def rss1(title: str, stories: list[Story]) -> str:
    items = "".join(
        f'<item rdf:about="{escape(s.link)}"><title>{escape(s.title)}</title>'
        f"<link>{escape(s.link)}</link><description>{escape(s.paragraphs[0][:100])}</description>"
        f"<dc:date>2026-11-21T10:00:00Z</dc:date></item>"
        for s in stories
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<channel rdf:about="http://127.0.0.1/"><title>{escape(title)}</title>'
        f"<link>http://127.0.0.1/</link><description>x</description></channel>{items}</rdf:RDF>"
    )


def atom(title: str, stories: list[Story]) -> str:
    entries = "".join(
        f'<entry><title>{escape(s.title)}</title><link href="{escape(s.link)}"/>'
        f"<id>{escape(s.link)}</id><updated>2026-11-21T11:00:00Z</updated>"
        f'<content type="html">{escape(s.html())}</content></entry>'
        for s in stories
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:test</id><updated>2026-11-21T11:00:00Z</updated>"
        f"{entries}</feed>"
    )


def json_feed(title: str, stories: list[Story]) -> str:
    import json

    items = [
        {
            "id": s.link,
            "url": s.link,
            "title": s.title,
            "content_html": s.html(),
            "date_published": "2026-11-21T12:00:00Z",
        }
        for s in stories
    ]
    data = {"version": "https://jsonfeed.org/version/1.1", "title": title, "items": items}
    return json.dumps(data, ensure_ascii=False)


def page(story: Story, site: str, charset: str = "utf-8") -> str:
    """An article page as a news site serves it: navigation, the article, a footer."""
    date = '<meta property="article:published_time" content="2026-11-21T09:30:00+00:00">'
    return (
        f'<!doctype html><html><head><meta charset="{charset}">'
        f"<title>{escape(story.title)}</title>{date}"
        f'<meta property="og:site_name" content="{escape(site)}"></head><body>'
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{escape(story.title)}</h1>{story.html()}</article>"
        "<footer>All rights reserved.</footer></body></html>"
    )
