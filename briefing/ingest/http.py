"""A polite, bounded HTTP client for `fetch`, on httpx2 (already a dependency
of the openai client).

Polite: an identifying User-Agent, at most `per_host` requests in flight to
one origin with `host_delay` seconds between their starts, robots.txt obeyed
for article pages, and `Retry-After` honoured on 429 and 503. Bounded: a
deadline on the whole response (not only on each read), a maximum body size,
and a limit on redirects. Every failure is a `FetchFailed` whose message is
the reason a user reads in the closing account.
"""

from __future__ import annotations

import contextlib
import email.utils
import threading
import time
import urllib.parse
import urllib.robotparser
from collections.abc import Iterator
from dataclasses import dataclass

import httpx2

from .. import __version__

USER_AGENT = f"briefing/{__version__} (+https://pypi.org/project/briefing/; news briefing)"
_RETRY_STATUSES = (429, 503)
_RETRIES = 2


@dataclass(frozen=True)
class FetchSettings:
    """How politely and within which bounds to fetch."""

    user_agent: str = USER_AGENT
    timeout: float = 30.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    per_host: int = 2
    host_delay: float = 0.5
    max_retry_wait: float = 120.0
    workers: int = 16


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes


class FetchFailed(Exception):
    """A request that gave nothing usable; the message says why. `for_now`:
    the failure may pass (a timeout, a network error, a long Retry-After),
    so the page is worth asking for on a later run; a page over the size
    limit, in a redirect loop or not HTML will be the same tomorrow."""

    def __init__(self, reason: str, *, for_now: bool = False) -> None:
        super().__init__(reason)
        self.for_now = for_now


def origin(url: str) -> str:
    """scheme://host[:port]: the unit that robots.txt and the host limits apply to."""
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class HostGate:
    """At most `per_host` requests in flight per origin, starts `delay` apart,
    and none before a time the origin asked us to wait until."""

    def __init__(self, per_host: int, delay: float) -> None:
        self._per_host, self._delay = per_host, delay
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}
        self._next: dict[str, float] = {}
        self.closed = threading.Event()  # set: waits end at once (an interrupted run)

    @contextlib.contextmanager
    def slot(self, key: str) -> Iterator[None]:
        with self._lock:
            slots = self._slots.setdefault(key, threading.Semaphore(self._per_host))
        with slots:
            with self._lock:
                now = time.monotonic()
                start = max(now, self._next.get(key, now))
                self._next[key] = start + self._delay
            self.closed.wait(start - now)
            yield

    def defer(self, key: str, seconds: float) -> None:
        """Send nothing to `key` for `seconds` (it answered 429/503)."""
        with self._lock:
            until = time.monotonic() + seconds
            self._next[key] = max(self._next.get(key, until), until)


class PoliteClient:
    """GET with the bounds and manners above; thread-safe."""

    def __init__(
        self, settings: FetchSettings, transport: httpx2.BaseTransport | None = None
    ) -> None:
        self.settings = settings
        self.requests = 0
        self.page_requests = 0  # those with html_only: article pages
        self._gate = HostGate(settings.per_host, settings.host_delay)
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._robots_unread: dict[str, str] = {}  # origin -> why its robots.txt was not read
        self._robots_lock = threading.Lock()
        self._robots_locks: dict[str, threading.Lock] = {}
        self._count_lock = threading.Lock()
        self._client = httpx2.Client(
            headers={"User-Agent": settings.user_agent},
            timeout=httpx2.Timeout(settings.timeout),
            follow_redirects=True,
            max_redirects=settings.max_redirects,
            limits=httpx2.Limits(max_connections=settings.workers * 2),
            transport=transport,
        )

    def close(self) -> None:
        self._gate.closed.set()
        self._client.close()

    def get(
        self, url: str, headers: dict[str, str] | None = None, *, html_only: bool = False
    ) -> Response:
        """The response to GET `url` (any status but 429/503, which are waited
        out and retried). Raises FetchFailed on a network error, a timeout, a
        body over the size limit, too many redirects, and, with `html_only`,
        a response that is not an HTML page (a PDF, audio), before its body."""
        key = origin(url)
        for attempt in range(_RETRIES + 1):
            with self._gate.slot(key):
                response = self._once(url, headers or {}, html_only)
            if response.status not in _RETRY_STATUSES or attempt == _RETRIES:
                return response
            wait = retry_after(response.headers.get("retry-after"))
            wait = 2.0**attempt if wait is None else wait
            if wait > self.settings.max_retry_wait:
                raise FetchFailed(
                    f"HTTP {response.status}, asked to retry after {wait:.0f} s "
                    f"(longer than the {self.settings.max_retry_wait:.0f} s we wait)",
                    for_now=True,
                )
            self._gate.defer(key, wait)
        raise AssertionError("unreachable")

    def _once(self, url: str, headers: dict[str, str], html_only: bool) -> Response:
        with self._count_lock:
            self.requests += 1
            self.page_requests += html_only
        deadline = time.monotonic() + self.settings.timeout
        try:
            with self._client.stream("GET", url, headers=headers) as reply:
                kind = reply.headers.get("content-type", "").split(";")[0].strip().lower()
                if html_only and reply.status_code == 200 and not _is_html(kind):
                    raise FetchFailed(f"not an HTML page ({kind or 'no content type'})")
                body = bytearray()
                for chunk in reply.iter_bytes():
                    body += chunk
                    if len(body) > self.settings.max_bytes:
                        raise FetchFailed(f"larger than {self.settings.max_bytes:,} bytes")
                    if time.monotonic() > deadline:
                        raise FetchFailed(
                            f"timed out after {self.settings.timeout:g} s", for_now=True
                        )
                headers_out = {k.lower(): v for k, v in reply.headers.items()}
                return Response(str(reply.url), reply.status_code, headers_out, bytes(body))
        except httpx2.TooManyRedirects:
            raise FetchFailed(
                f"too many redirects (a loop, or more than {self.settings.max_redirects})"
            ) from None
        except httpx2.TimeoutException:
            raise FetchFailed(
                f"timed out after {self.settings.timeout:g} s", for_now=True
            ) from None
        except httpx2.HTTPError as error:
            raise FetchFailed(f"{type(error).__name__}: {error}", for_now=True) from None

    def allowed(self, url: str) -> bool:
        """Whether the origin's robots.txt lets our User-Agent fetch `url`.
        A missing robots.txt (4xx) allows everything; one that cannot be read
        (5xx, network error) allows nothing, as RFC 9309 asks, for now: that
        raises FetchFailed (`for_now`), so the page is asked for again later."""
        key = origin(url)
        with self._robots_lock:
            lock = self._robots_locks.setdefault(key, threading.Lock())
        with lock:  # one read of robots.txt per origin, however many threads ask
            if key not in self._robots:
                self._robots[key] = self._read_robots(key)
            rules = self._robots[key]
        if key in self._robots_unread:
            raise FetchFailed(
                f"robots.txt could not be read ({self._robots_unread[key]}), so nothing "
                "is fetched from the site for now",
                for_now=True,
            )
        return rules is None or rules.can_fetch(self.settings.user_agent, url)

    def _read_robots(self, key: str) -> urllib.robotparser.RobotFileParser | None:
        try:
            response = self.get(f"{key}/robots.txt")
        except FetchFailed as error:
            response, self._robots_unread[key] = None, str(error)
        if response is not None and 400 <= response.status < 500:
            return None
        lines = ["User-agent: *", "Disallow: /"]
        if response is not None and response.status == 200:
            lines = response.body.decode("utf-8", errors="replace").splitlines()
        elif response is not None:
            self._robots_unread[key] = f"HTTP {response.status}"
        rules = urllib.robotparser.RobotFileParser()
        rules.parse(lines)
        rules.modified()  # can_fetch refuses everything until this is set
        return rules


def _is_html(kind: str) -> bool:
    return kind in ("", "text/html", "application/xhtml+xml")
