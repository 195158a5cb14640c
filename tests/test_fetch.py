"""briefing fetch against a news site on loopback: every feed format, Arabic
and English, the failures a real morning brings, duplicates across feeds, and
a second run after some feeds changed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, as_from_a_terminal
from feed_server import FeedServer, atom, json_feed, page, rss1, rss2
from feed_stories import (
    FERRY_AR,
    FERRY_AR_DAY2,
    FERRY_EN,
    FERRY_EN_DAY2,
    LIBRARY_AR,
    LIBRARY_EN,
    MARKET_AR,
    MARKET_EN,
    at,
)

from briefing.cli import main
from briefing.ingest import load_articles
from briefing.ingest.feeds import feed_urls
from briefing.ingest.fetch import FetchReport, fetch
from briefing.ingest.http import FetchSettings, retry_after
from briefing.ingest.state import canonical_url

SETTINGS = FetchSettings(
    user_agent="briefing-tests/1.0 (+mailto:tests@example.org)",
    timeout=2.0,
    max_bytes=200_000,
    max_redirects=3,
    host_delay=0.0,
    max_retry_wait=5.0,
)
RSS = "application/rss+xml"

FEEDS = [
    "/en/world.rss",
    "/ar/akhbar.rss",
    "/en/rdf.xml",
    "/ar/atom.xml",
    "/en/feed.json",
    "/en/broken.rss",
    "/en/page.html",
    "/en/opml.xml",
    "/gone.rss",
    "/missing.rss",
    "/error.rss",
    "/loop.rss",
    "/busy.rss",
    "/huge.rss",
    "/slow.rss",
]


def publish(site: FeedServer) -> None:
    """The site as the first run finds it."""
    u = site.url
    site.route("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    site.route(
        "/en/world.rss",
        rss2(
            "Coast Wire",
            [
                at(FERRY_EN, u("/en/ferry?utm_source=rss&utm_medium=feed")),
                at(LIBRARY_EN, u("/en/library")),
            ],
            full=True,
        ),
        RSS,
    )
    # An Arabic feed in Windows-1256 that declares no charset at all.
    arabic = [at(FERRY_AR, u("/ar/ferry")), at(LIBRARY_AR, u("/ar/library"))]
    site.route("/ar/akhbar.rss", rss2("أخبار الساحل", arabic, False, None).encode("cp1256"), RSS)
    for story in arabic:
        html = page(story, "أخبار الساحل", charset="windows-1256").encode("cp1256")
        site.route(story.link.removeprefix(site.base), html, "text/html")
    rdf_items = [
        at(MARKET_EN, u("/en/market")),
        at(FERRY_EN, u("/en/ferry?utm_campaign=weekend")),  # the same article as in world.rss
        at(MARKET_EN, u("/en/paywall")),
        at(MARKET_EN, u("/en/report.pdf")),
        at(MARKET_EN, u("/en/podcast.mp3")),
        at(MARKET_EN, u("/private/secret")),
    ]
    site.route("/en/rdf.xml", rss1("Valley Post", rdf_items), "application/rdf+xml")
    site.route("/en/market", page(MARKET_EN, "Valley Post"))
    site.route("/en/paywall", "<html><body><p>Subscribe to read this story.</p></body></html>")
    site.route("/en/report.pdf", b"%PDF-1.4 not really", "application/pdf")
    site.route("/en/podcast.mp3", b"ID3 not really", "audio/mpeg")
    site.route("/private/secret", page(MARKET_EN, "Valley Post"))
    site.route("/ar/atom.xml", atom("وادي النخلة", [at(MARKET_AR, u("/ar/market"))]), "")
    site.route(
        "/en/feed.json",
        json_feed("Harbour JSON", [at(FERRY_EN_DAY2, u("/en/ferry-2"))]),
        "application/feed+json",
    )
    broken = rss2("Broken Wire", [at(FERRY_AR_DAY2, u("/ar/ferry-2"))], full=True)
    site.route("/en/broken.rss", broken.replace("Broken Wire", "Broken & Wire", 1), RSS)
    named = '<link rel="alternate" type="application/rss+xml" href="/en/world.rss">'
    site.route(
        "/en/page.html", page(LIBRARY_EN, "Not a feed").replace("<title>", named + "<title>")
    )
    site.route("/en/opml.xml", b'<?xml version="1.0"?><opml version="2.0"><body/></opml>', "")
    site.route("/gone.rss", b"", status=410)
    site.route("/error.rss", b"oops", "text/plain", status=500)
    site.route("/loop.rss", b"", status=302, headers={"Location": "/loop2.rss"})
    site.route("/loop2.rss", b"", status=302, headers={"Location": "/loop.rss"})
    busy = rss2("Busy Wire", [at(LIBRARY_EN, u("/en/library?utm_source=busy"))], full=True)
    site.route("/busy.rss", busy, RSS, busy=1)
    site.route("/huge.rss", b"<rss>" + b" " * 300_000 + b"</rss>", RSS)
    site.route("/slow.rss", rss2("Slow", [], full=True).encode() + b" " * 2000, RSS, drip=0.2)


@pytest.fixture
def site() -> Iterator[FeedServer]:
    with FeedServer() as server:
        publish(server)
        yield server


def run(site: FeedServer, articles: Path) -> FetchReport:
    return fetch([site.url(path) for path in FEEDS], articles, SETTINGS)


def written(report: FetchReport) -> dict[str, dict[str, object]]:
    records = [json.loads(path.read_text(encoding="utf-8")) for path in report.written]
    return {str(r["title"]): r for r in records}


def test_first_run_writes_each_new_article_once_in_the_generate_format(
    site: FeedServer, tmp_path: Path
) -> None:
    report = run(site, tmp_path)
    by_title = written(report)
    stories = (FERRY_EN, LIBRARY_EN, FERRY_AR, LIBRARY_AR, MARKET_EN, MARKET_AR)
    assert sorted(by_title) == sorted(s.title for s in (*stories, FERRY_EN_DAY2, FERRY_AR_DAY2))
    ferry = by_title[FERRY_EN.title]
    assert ferry["url"] == site.url("/en/ferry"), "tracking parameters are removed"
    assert ferry["source"] == "Coast Wire"
    assert ferry["published"] == "2026-11-21T09:00:00+00:00"
    assert report.written[0].parent.name == "2026-11-21"
    # Arabic from a Windows-1256 feed and page, decoded right.
    assert "ألف ومئتي مسافر" in str(by_title[FERRY_AR.title]["text"])
    assert by_title[FERRY_AR.title]["source"] == "أخبار الساحل"
    # The page's text, without its navigation and footer.
    market = str(by_title[MARKET_EN.title]["text"])
    assert market.startswith("Farmers in the Nakhla valley") and "Home" not in market
    assert report.seen == 2, "the ferry story in two feeds, the library story in two feeds"
    assert report.page_requests == 6, "2 Arabic pages, the market page, paywall, PDF, audio"
    loaded = load_articles([tmp_path])
    assert len(loaded.articles) == 8 and not loaded.skipped
    assert {a.lang for a in loaded.articles} == {"ar", "en"}


def test_every_failure_is_named_with_its_url_and_reason(site: FeedServer, tmp_path: Path) -> None:
    report = run(site, tmp_path)
    feeds = {url.removeprefix(site.base): reason for url, reason in report.feed_failures}
    assert feeds == {
        "/en/page.html": f"an HTML page, not a feed (it names one: {site.url('/en/world.rss')})",
        "/en/opml.xml": "a list of feeds (OPML), not a feed: save it and pass the file",
        "/gone.rss": "HTTP 410",
        "/missing.rss": "HTTP 404",
        "/error.rss": "HTTP 500",
        "/loop.rss": "too many redirects (a loop, or more than 3)",
        "/huge.rss": "larger than 200,000 bytes",
        "/slow.rss": "timed out after 2 s",
    }
    items = {url.removeprefix(site.base): reason for url, reason in report.item_failures}
    assert items == {
        "/en/paywall": "no extractable text (29 characters: a paywall or a stub?)",
        "/en/report.pdf": "not an HTML page (application/pdf)",
        "/en/podcast.mp3": "not an HTML page (audio/mpeg)",
        "/private/secret": "robots.txt disallows fetching it",
    }
    assert any("/en/broken.rss: malformed XML" in note for note in report.notes)
    account = report.account()
    assert account.startswith("fetched 15 feeds: 8 new articles, 2 seen before; 4 items failed;")
    assert account.endswith("; 8 feeds failed (listed below)")
    assert f"feed {site.url('/gone.rss')}: HTTP 410" in report.failure_lines()


def test_it_is_polite(site: FeedServer, tmp_path: Path) -> None:
    run(site, tmp_path)
    assert {h["user-agent"] for _, h in site.requests} == {SETTINGS.user_agent}
    paths = site.paths()
    assert paths.count("/robots.txt") == 1
    assert "/private/secret" not in paths, "robots.txt is obeyed"
    assert paths.count("/busy.rss") == 2, "a 429 is retried after its Retry-After"
    assert paths.count("/en/report.pdf") == 1


def test_second_run_asks_conditionally_and_fetches_only_what_is_new(
    site: FeedServer, tmp_path: Path
) -> None:
    run(site, tmp_path)
    # Overnight one feed gains an item and another changes its title only.
    update = at(FERRY_EN_DAY2, site.url("/en/ferry-update"))
    stories = [at(FERRY_EN, site.url("/en/ferry?utm_source=rss")), update]
    site.route("/en/world.rss", rss2("Coast Wire", stories, full=True), RSS)
    body = site.routes["/en/rdf.xml"].body.replace(b"Valley Post", b"The Valley Post")
    site.route("/en/rdf.xml", body, "application/rdf+xml")
    site.requests.clear()
    report = run(site, tmp_path)
    assert [r["url"] for r in written(report).values()] == [site.url("/en/ferry-update")]
    assert report.not_modified == 5
    conditional = [p for p, h in site.requests if "if-none-match" in h]
    answered = ["/en/world.rss", "/ar/akhbar.rss", "/en/rdf.xml", "/ar/atom.xml"]
    assert sorted(conditional) == sorted(
        [*answered, "/en/feed.json", "/en/broken.rss", "/busy.rss"]
    )
    pages = {"/en/market", "/en/paywall", "/en/report.pdf", "/en/podcast.mp3", "/ar/ferry"}
    assert not pages & set(site.paths()), "a page fetched once is never fetched again"
    assert report.page_requests == 0
    assert report.seen == 6


def test_feed_lists_opml_and_plain_text(tmp_path: Path) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head/><body><outline text="ar">'
        '<outline type="rss" xmlUrl="http://127.0.0.1:9/a.rss"/></outline>'
        '<outline xmlUrl="http://127.0.0.1:9/b.rss"/></body></opml>',
        encoding="utf-8",
    )
    plain = tmp_path / "feeds.txt"
    plain.write_text("# my feeds\nhttp://127.0.0.1:9/b.rss\n\nhttp://127.0.0.1:9/c.rss\n")
    urls = feed_urls([str(opml), str(plain), "http://127.0.0.1:9/d.rss"])
    assert urls == [f"http://127.0.0.1:9/{n}.rss" for n in "abcd"]
    plain.write_text("not a url\n")
    with pytest.raises(Exception, match=r"feeds.txt: not a URL: 'not a url'"):
        feed_urls([str(plain)])


def test_a_feed_list_in_utf16_with_windows_line_ends_is_read(tmp_path: Path) -> None:
    """`echo URL > feeds.txt` in Windows PowerShell writes UTF-16: it failed
    with "not a URL: '\\ufffd\\ufffdh\\x00t\\x00t\\x00p...'"."""
    plain = tmp_path / "feeds.txt"
    plain.write_bytes("http://127.0.0.1:9/a.rss\r\nhttp://127.0.0.1:9/b.rss\r\n".encode("utf-16"))
    assert feed_urls([str(plain)]) == ["http://127.0.0.1:9/a.rss", "http://127.0.0.1:9/b.rss"]


def test_canonical_urls_and_retry_after() -> None:
    assert (
        canonical_url("HTTPS://Example.ORG:443/a/b?utm_source=x&id=7&fbclid=y#top")
        == "https://example.org/a/b?id=7"
    )
    assert retry_after("3") == 3.0
    assert retry_after("Sat, 21 Nov 2026 09:00:10 GMT", now=1795251600.0) == 10.0


def test_cli_prints_the_account_and_exits_3_when_some_feeds_failed(
    site: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listing = tmp_path / "feeds.txt"
    listing.write_text("\n".join(site.url(p) for p in ("/en/world.rss", "/gone.rss")) + "\n")
    config = tmp_path / "briefing.toml"
    config.write_text('host_delay = 0\narticles = "news"\n')
    start = time.monotonic()
    code = main(
        ["fetch", "--feeds", str(listing), "--config", str(config), "--user-agent", "mine/2.0"]
    )
    assert code == 3 and time.monotonic() - start < 10
    err = capsys.readouterr().err
    gone = site.url("/gone.rss")
    assert (
        f"fetched 2 feeds: 2 new articles, 0 seen before; 1 feed failed ({gone}: HTTP 410)" in err
    )
    assert len(list((tmp_path / "news" / "2026-11-21").glob("*.json"))) == 2
    assert {h["user-agent"] for _, h in site.requests} == {"mine/2.0"}
    assert main(["fetch", site.url("/gone.rss"), "--articles", str(tmp_path / "x"), "-q"]) == 1


def test_two_fetches_at_once_do_not_share_the_state(site: FeedServer, tmp_path: Path) -> None:
    import filelock

    from briefing.errors import InputError

    lock = filelock.FileLock(str(tmp_path / ".fetch.lock"))
    with lock, pytest.raises(InputError, match="another fetch is writing to"):
        fetch([site.url("/en/world.rss")], tmp_path, SETTINGS)
    assert fetch([site.url("/en/world.rss")], tmp_path, SETTINGS).written


def test_requests_to_one_site_are_limited_and_spaced(tmp_path: Path) -> None:
    with FeedServer(latency=0.1) as site:
        stories = [at(MARKET_EN, site.url(f"/p{n}")) for n in range(8)]
        site.route("/f.rss", rss2("Valley Post", stories, full=False), RSS)
        for story in stories:
            site.route(story.link.removeprefix(site.base), page(story, "Valley Post"))
        settings = FetchSettings(per_host=2, host_delay=0.0, workers=8)
        assert len(fetch([site.url("/f.rss")], tmp_path / "a", settings).written) == 8
        assert site.most_in_flight == 2, "two at a time: concurrent, within the limit"

        site.starts.clear()
        site.route("/f.rss", rss2("Valley Post", stories[:1], full=False), RSS)
        for n in range(6):
            site.route(f"/q{n}", page(MARKET_EN, "Valley Post"))
        more = [at(MARKET_EN, site.url(f"/q{n}")) for n in range(6)]
        site.route("/g.rss", rss2("Valley Post", more, full=False), RSS)
        spaced = FetchSettings(per_host=4, host_delay=0.15, workers=8)
        fetch([site.url("/g.rss")], tmp_path / "b", spaced)
        gaps = [b - a for a, b in zip(site.starts, site.starts[1:], strict=False)]
        # Spaced by the client; the server sees them within its scheduling jitter.
        assert len(gaps) == 7 and min(gaps) >= 0.1, gaps


def test_items_without_id_or_link_are_told_apart_by_their_text(tmp_path: Path) -> None:
    items = [
        {"content_text": "\n\n".join(story.paragraphs), "title": story.title}
        for story in (LIBRARY_AR, MARKET_AR)
    ]
    body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": items})
    with FeedServer() as site:
        site.route("/f.json", body, "application/feed+json")
        first = fetch([site.url("/f.json")], tmp_path, SETTINGS)
        site.route("/f.json", body + " ", "application/feed+json")  # changed, same items
        second = fetch([site.url("/f.json")], tmp_path, SETTINGS)
    assert len(first.written) == 2 and not first.item_failures
    assert not second.written and second.seen == 2


def test_a_page_that_failed_for_now_is_fetched_on_the_next_run(tmp_path: Path) -> None:
    """A site's 500 at six must not cost the article for good, even when the
    feed is unchanged at seven (and so answers "not modified")."""
    with FeedServer() as site:
        feed = rss2("Coast Wire", [at(MARKET_EN, site.url("/en/market"))], full=False)
        site.route("/en/world.rss", feed, RSS)
        site.route("/en/market", "<html><body>busy</body></html>", status=500)
        first = fetch([site.url("/en/world.rss")], tmp_path, SETTINGS)
        site.route("/en/market", page(MARKET_EN, "Coast Wire"))
        second = fetch([site.url("/en/world.rss")], tmp_path, SETTINGS)
        third = fetch([site.url("/en/world.rss")], tmp_path, SETTINGS)
    assert first.item_failures == [(site.url("/en/market"), "HTTP 500")]
    assert not first.written
    assert [r["url"] for r in written(second).values()] == [site.url("/en/market")]
    assert not third.written and third.not_modified == 1


def test_a_page_too_large_or_in_a_redirect_loop_is_not_fetched_every_day(
    tmp_path: Path,
) -> None:
    """Only a failure that may pass (a timeout, a 5xx) is tried again: a page
    over `max_bytes` was downloaded again on every run, its failure reported
    every morning, and its feed was never again asked conditionally."""
    with FeedServer() as site:
        site.route("/robots.txt", "", "text/plain")
        site.route("/en/huge", b"<html><body>" + b"<p>filler</p>" * 20_000 + b"</body></html>")
        site.route("/en/loop", b"", status=302, headers={"Location": "/en/loop"})
        stories = [at(MARKET_EN, site.url("/en/huge")), at(LIBRARY_EN, site.url("/en/loop"))]
        site.route("/f.rss", rss2("Valley Post", stories, full=False), RSS)
        first = fetch([site.url("/f.rss")], tmp_path, SETTINGS)
        second = fetch([site.url("/f.rss")], tmp_path, SETTINGS)
    assert sorted(why for _, why in first.item_failures) == [
        "larger than 200,000 bytes",
        "too many redirects (a loop, or more than 3)",
    ]
    assert second.not_modified == 1 and second.page_requests == 0
    assert not second.item_failures


def test_a_page_whose_article_is_in_its_scripts_is_named_as_such(tmp_path: Path) -> None:
    """Its failure read 'no extractable text', like an empty page."""
    data = {"article": {"body": ["\n\n".join(MARKET_EN.paragraphs)]}}
    html = (
        "<html><body><div id='root'></div><script type='application/json'>"
        f"{json.dumps(data)}</script></body></html>"
    )
    with FeedServer() as site:
        site.route("/robots.txt", "", "text/plain")
        site.route("/en/market", html)
        site.route("/f.rss", rss2("Valley", [at(MARKET_EN, site.url("/en/market"))], False), RSS)
        report = fetch([site.url("/f.rss")], tmp_path, SETTINGS)
    assert report.item_failures == [
        (
            site.url("/en/market"),
            "no extractable text: the article is in the page's scripts, "
            "which briefing does not run",
        )
    ]


def test_a_robots_txt_that_could_not_be_read_is_said_and_its_pages_asked_for_again(
    tmp_path: Path,
) -> None:
    """A robots.txt answering 500 was reported as 'robots.txt disallows
    fetching it', and its pages were never asked for again: the feed,
    unchanged, answered "not modified" on the next run."""
    with FeedServer() as site:
        site.route("/robots.txt", "oops", "text/plain", status=500)
        site.route("/en/market", page(MARKET_EN, "Valley Post"))
        feed = rss2("Valley Post", [at(MARKET_EN, site.url("/en/market"))], full=False)
        site.route("/f.rss", feed, RSS)
        first = fetch([site.url("/f.rss")], tmp_path, SETTINGS)
        assert "/en/market" not in site.paths(), "RFC 9309: nothing while it is unreadable"
        site.route("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
        second = fetch([site.url("/f.rss")], tmp_path, SETTINGS)
    assert first.item_failures == [
        (
            site.url("/en/market"),
            "robots.txt could not be read (HTTP 500), so nothing is fetched from the site for now",
        )
    ]
    assert [r["title"] for r in written(second).values()] == [MARKET_EN.title]


def test_ctrl_c_stops_a_fetch_at_once_and_loses_no_article(tmp_path: Path) -> None:
    """Ctrl-C waited for every page in flight or queued, then kept the pages
    fetched as fetched although their articles were never written: the next
    fetch said '0 new articles, 2 seen before' and they were lost for good."""
    config = tmp_path / "briefing.toml"
    config.write_text("host_delay = 0\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "BRIEFING_"))}
    with FeedServer() as site:
        site.route("/robots.txt", "", "text/plain")
        site.route("/en/market", page(MARKET_EN, "Valley Post"))
        site.route("/en/library", page(LIBRARY_EN, "Valley Post"), drip=1.0)  # half a minute
        stories = [at(MARKET_EN, site.url("/en/market")), at(LIBRARY_EN, site.url("/en/library"))]
        site.route("/f.rss", rss2("Valley Post", stories, full=False), RSS)
        argv = ["fetch", site.url("/f.rss"), "--articles", str(tmp_path), "--config", str(config)]
        process = subprocess.Popen(
            [sys.executable, "-m", "briefing", *argv],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=as_from_a_terminal,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not {"/en/market", "/en/library"} <= set(
            site.paths()
        ):
            time.sleep(0.1)
        time.sleep(0.5)  # the market page is read; the library page is still arriving
        process.send_signal(signal.SIGINT)
        try:
            _, err = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            _, err = process.communicate()
            pytest.fail(f"fetch went on after Ctrl-C; it said:\n{err}")
        assert process.returncode == 130, err
        assert "interrupted; the next fetch asks again" in err and "Traceback" not in err
        site.route("/en/library", page(LIBRARY_EN, "Valley Post"))
        report = fetch([site.url("/f.rss")], tmp_path, SETTINGS)
    assert sorted(written(report)) == sorted([MARKET_EN.title, LIBRARY_EN.title])


def test_a_damaged_state_file_is_moved_aside_and_the_fetch_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It ended the run with a raw traceback: 'sqlite3.DatabaseError: file is
    not a database'."""
    (tmp_path / ".fetch-state.sqlite").write_bytes(b"not a database, whatever it was" * 40)
    with FeedServer() as site:
        site.route("/f.rss", rss2("Coast Wire", [at(FERRY_EN, site.url("/en/ferry"))], True), RSS)
        report = fetch([site.url("/f.rss")], tmp_path, SETTINGS)
        again = fetch([site.url("/f.rss")], tmp_path, SETTINGS)
    assert [r["title"] for r in written(report).values()] == [FERRY_EN.title]
    assert not again.written and again.not_modified == 1
    assert "fetch state" in capsys.readouterr().err
    assert (tmp_path / ".fetch-state.sqlite.damaged-1").is_file()


def test_a_link_that_redirects_to_an_article_already_written_is_not_written_again(
    tmp_path: Path,
) -> None:
    """An item whose link redirected to another item's page was written twice
    under two ids (generate then skipped one as the same text), and again on
    the next day for a new link redirecting there."""
    with FeedServer() as site:
        site.route("/robots.txt", "", "text/plain")
        site.route("/en/market", page(MARKET_EN, "Valley Post"))
        for old in ("/en/old-market", "/en/market-again"):
            site.route(old, b"", status=301, headers={"Location": "/en/market"})
        stories = [at(MARKET_EN, site.url("/en/old-market")), at(MARKET_EN, site.url("/en/market"))]
        site.route("/f.rss", rss2("Valley Post", stories, full=False), RSS)
        first = fetch([site.url("/f.rss")], tmp_path, SETTINGS)
        stories.append(at(MARKET_EN, site.url("/en/market-again")))
        site.route("/f.rss", rss2("Valley Post", stories, full=False), RSS)
        second = fetch([site.url("/f.rss")], tmp_path, SETTINGS)
    assert len(first.written) == 1 and first.seen == 1
    assert not second.written and second.seen == 3
    assert len(list(tmp_path.glob("*/*.json"))) == 1


def test_json_feeds_python_chokes_on_fail_alone_or_are_read(tmp_path: Path) -> None:
    with FeedServer() as site:
        site.route("/robots.txt", "", "text/plain")
        feed = json_feed("Harbour JSON", [at(FERRY_EN_DAY2, site.url("/en/ferry-2"))])
        title = FERRY_EN_DAY2.title
        assert title in feed
        # "\ud800" spelled in the JSON: valid JSON, but no character UTF-8 can write.
        site.route("/good.json", feed.replace(title, title + " \\ud800"), "application/json")
        # An integer of 5,000 digits, which Python refuses to convert.
        site.route("/number.json", '{"items": [], "n": %s}' % ("9" * 5000), "application/json")
        site.route("/deep.json", '{"items": ' + "[" * 50_000 + "]" * 50_000 + "}")
        feeds = [site.url(p) for p in ("/good.json", "/number.json", "/deep.json")]
        report = fetch(feeds, tmp_path, SETTINGS)
        failures = {url.removeprefix(site.base): why for url, why in report.feed_failures}
    assert failures == {"/deep.json": "not a readable JSON Feed: nested too deeply"}
    assert list(written(report)) == [f"{title} \ufffd"]


@pytest.mark.parametrize("url", ["file:///etc/hostname", "ftp://news.test/world.rss"])
def test_a_feed_url_of_another_scheme_is_named_as_such(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It was read as a feed list's file name: 'cannot read feed list file:/etc/hostname'."""
    assert main(["fetch", url, "--articles", str(tmp_path / "articles")]) == 1
    err = capsys.readouterr().err
    assert f"{url}: only http:// and https:// feeds are fetched" in err
    assert "feed list" not in err


@pytest.mark.parametrize("url", ["127.0.0.1:8765/en.rss", "feeds.news.test/world.rss"])
def test_a_feed_url_without_its_scheme_is_shown_whole(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """It said only 'cannot read feed list 127.0.0.1:8765/en.rss: No such
    file or directory', as if a file had gone missing."""
    monkeypatch.chdir(tmp_path)
    assert main(["fetch", url]) == 1
    err = capsys.readouterr().err
    assert f"if it is a feed's address, write it whole: http://{url}" in err


def test_a_user_agent_that_cannot_be_a_header_is_a_configuration_error(
    site: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An Arabic User-Agent ended the run with 'cannot continue:
    UnicodeEncodeError'; one with a line break failed every feed with
    'LocalProtocolError: Illegal header value'."""
    for agent in ("نشرة الأخبار/1.0", "briefing\nFrom: me"):
        argv = ["fetch", site.url("/en/world.rss"), "--user-agent", agent]
        assert main([*argv, "--articles", str(tmp_path)]) == 1
        err = capsys.readouterr().err
        assert "command line: invalid value for 'user_agent'" in err
        assert "printable ASCII on one line" in err
    assert not site.requests


def test_a_missing_feed_list_file_gets_no_url_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["fetch", "feeds.txt"]) == 1
    err = capsys.readouterr().err
    assert "cannot read feed list feeds.txt: No such file or directory" in err
    assert "http://" not in err
