"""The HTML briefing in a real browser: headless Chromium driven by selenium.

What a reader would notice: the direction of each language, no errors, no
network traffic at all, citations that open their paragraph, two columns on a
wide screen and one on a phone, contrast that passes WCAG AA (light, dark and
print), visible focus, and articles made of script and markup staying text.

Needs Debian's `chromium` and `chromium-driver` (the README's set-up installs
them); selenium is told where the driver is, so it never downloads anything.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import itertools
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

from briefing.output.render import render_all, render_html
from briefing.output.site import write_index
from briefing.output.write import write_briefing

from .test_html import DESAL_AR, DESAL_EN, sample_briefing

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="headless browser tests need /usr/bin/chromium and /usr/bin/chromedriver "
    "(apt-get install chromium chromium-driver)",
)

WIDE, NARROW = 1280, 390

# WCAG relative luminance and contrast ratio of CSS rgb()/rgba() colours.
RATIO_JS = """
function rgba(s) {
  const m = s.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
  const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
  return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
}
function lum(c) {
  const f = v => {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
}
function background(el) {
  for (let e = el; e; e = e.parentElement) {
    const c = rgba(getComputedStyle(e).backgroundColor);
    if (c && c[3] > 0) return c;
  }
  return [255, 255, 255, 1];
}
function ratio(a, b) {
  const x = lum(a), y = lum(b);
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}
"""
# Every element with its own visible text: its colour against the first opaque
# background behind it, as a contrast ratio, and whether it is large text.
CONTRAST_JS = (
    RATIO_JS
    + """
const out = [];
for (const el of document.body.querySelectorAll('*')) {
  const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  if (!own || !el.getClientRects().length) continue;
  const s = getComputedStyle(el);
  if (s.visibility !== 'visible' || parseFloat(s.opacity) === 0) continue;
  const bg = background(el), fg = rgba(s.color);
  const mix = fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i] * (1 - fg[3]));
  const size = parseFloat(s.fontSize), bold = parseInt(s.fontWeight) >= 700;
  out.push({tag: el.tagName, cls: el.className, text: el.textContent.trim().slice(0, 40),
            ratio: ratio(mix, bg), large: size >= 24 || (bold && size >= 18.66)});
}
return out;
"""
)


@pytest.fixture(scope="module")
def driver() -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for switch in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ):
        options.add_argument(switch)
    profile = tempfile.TemporaryDirectory(prefix="briefing-chromium-")
    options.add_argument(f"--user-data-dir={profile.name}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    browser = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        yield browser
    finally:
        browser.quit()
        profile.cleanup()


def _viewport(driver: WebDriver, width: int, height: int = 900) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )


def _media(driver: WebDriver, media: str = "", dark: bool = False) -> None:
    scheme = "dark" if dark else "light"
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"media": media, "features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )


def _open(driver: WebDriver, page: Path, width: int = WIDE) -> str:
    """Load `page` fresh at this width; the logs start empty."""
    _viewport(driver, width)
    _media(driver)
    driver.get("about:blank")
    driver.get_log("browser")
    driver.get_log("performance")
    url = page.resolve().as_uri()
    driver.get(url)
    return url


def _requests(driver: WebDriver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] in ("Network.requestWillBeSent", "Network.webSocketCreated"):
            urls.append(message["params"].get("request", message["params"]).get("url", ""))
    return urls


def _screenshot(driver: WebDriver, path: Path, width: int) -> Path:
    """The whole page at this width: the viewport is made as tall as the page
    (capturing beyond the viewport misplaces right-to-left pages)."""
    _viewport(driver, width)
    height = int(driver.execute_script("return document.documentElement.scrollHeight"))
    _viewport(driver, width, height)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
    _viewport(driver, width)
    path.write_bytes(base64.b64decode(shot["data"]))
    print(f"screenshot {width}px: {path}")
    return path


@pytest.fixture
def page(tmp_path: Path) -> Path:
    folder = write_briefing(sample_briefing(), tmp_path / "output")
    return folder / "briefing.html"


def _rect(driver: WebDriver, selector: str) -> dict[str, float]:
    rect: dict[str, float] = driver.execute_script(
        "const r = document.querySelector(arguments[0]).getBoundingClientRect();"
        "return {x: r.x, y: r.y, right: r.right, bottom: r.bottom, width: r.width};",
        selector,
    )
    return rect


def test_each_language_runs_in_its_own_direction(driver: WebDriver, page: Path) -> None:
    _open(driver, page)
    style = "return getComputedStyle(document.querySelector(arguments[0]))[arguments[1]]"
    assert driver.execute_script(style, "html", "direction") == "rtl"
    for lang, direction in (("ar", "rtl"), ("en", "ltr")):
        for selector in (f"section.summary[lang={lang}]", f".headline[lang={lang}]"):
            assert driver.execute_script(style, selector, "direction") == direction, selector
    # Latin names inside Arabic and Arabic inside English are isolated runs.
    runs = driver.execute_script(
        "return [...document.querySelectorAll('.sentence bdi')].map(b => "
        "[b.textContent, getComputedStyle(b).direction, getComputedStyle(b).unicodeBidi])"
    )
    assert ["Yasmin Water Company", "ltr", "isolate"] in runs
    assert ["300,000 m³/day", "ltr", "isolate"] in runs
    assert ["محطة بندر ياسمين", "rtl", "isolate"] in runs
    # An English source in an Arabic-first page keeps its own direction.
    en_source = driver.find_element(By.ID, "src-bandar-yasmin-desalination-2")
    assert en_source.value_of_css_property("direction") == "ltr"


def test_english_first_puts_english_first(driver: WebDriver, tmp_path: Path) -> None:
    page = tmp_path / "en-first.html"
    page.write_text(render_html(sample_briefing(), "en-first"), encoding="utf-8")
    _open(driver, page)
    assert (
        driver.execute_script("return getComputedStyle(document.documentElement).direction")
        == "ltr"
    )
    en, ar = _rect(driver, "section.summary[lang=en]"), _rect(driver, "section.summary[lang=ar]")
    assert en["x"] < ar["x"]


def test_no_errors_and_no_requests_at_all(driver: WebDriver, page: Path) -> None:
    url = _open(driver, page)
    for cite in driver.find_elements(By.CSS_SELECTOR, "a.cite"):
        cite.click()
    _media(driver, dark=True)
    _media(driver, "print")
    driver.execute_script("window.scrollTo(0, document.body.scrollHeight)")
    assert driver.get_log("browser") == []  # no errors, warnings or policy reports
    requests = _requests(driver)
    assert requests and all(r == url for r in requests), requests
    assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0


def test_citations_open_their_paragraph(driver: WebDriver, page: Path) -> None:
    _open(driver, page)
    cites = driver.find_elements(By.CSS_SELECTOR, "a.cite")
    assert len(cites) == 9
    blocks = driver.find_elements(By.CSS_SELECTOR, ".cited")
    assert blocks and not any(b.is_displayed() for b in blocks)
    for cite in cites:
        target = cite.get_attribute("href").split("#", 1)[1]
        assert driver.find_elements(By.ID, target), target
    paragraphs = {
        "src-bandar-yasmin-desalination-1-1": DESAL_AR.paragraphs[0],
        "src-bandar-yasmin-desalination-2-2": DESAL_EN.paragraphs[1],
    }
    for target, paragraph in paragraphs.items():
        cite = driver.find_element(By.CSS_SELECTOR, f'a.cite[href="#{target}"]')
        cite.click()
        block = driver.find_element(By.ID, target)
        assert block.is_displayed()
        assert block.find_element(By.TAG_NAME, "blockquote").text == paragraph
        shown = [b.get_attribute("id") for b in blocks if b.is_displayed()]
        assert shown == [target]
        top = driver.execute_script("return arguments[0].getBoundingClientRect().top", block)
        assert 0 <= top < 900  # scrolled into view
    # The block names the article and links to it; the title and outlet are there.
    block = driver.find_element(By.ID, "src-bandar-yasmin-desalination-2-2")
    assert DESAL_EN.title in block.text and "Coast Wire (example)" in block.text
    assert "21 November 2026" in block.text
    links = [a.get_attribute("href") for a in block.find_elements(By.TAG_NAME, "a")]
    assert "https://coast.example.test/plant" in links
    # Keyboard: focus a citation and press Enter.
    first = driver.find_element(By.CSS_SELECTOR, "a.cite")
    driver.execute_script("arguments[0].focus()", first)
    first.send_keys(Keys.ENTER)
    target = first.get_attribute("href").split("#", 1)[1]
    assert driver.find_element(By.ID, target).is_displayed()


def test_two_columns_when_wide_and_one_when_narrow(
    driver: WebDriver, page: Path, tmp_path: Path
) -> None:
    _open(driver, page, WIDE)
    ar, en = _rect(driver, "section.summary[lang=ar]"), _rect(driver, "section.summary[lang=en]")
    assert en["right"] <= ar["x"]  # side by side, Arabic on the right
    assert abs(ar["y"] - en["y"]) < 2
    ar_h, en_h = _rect(driver, ".headline[lang=ar]"), _rect(driver, ".headline[lang=en]")
    assert en_h["right"] <= ar_h["x"]
    for width in (ar["width"], en["width"]):
        assert width <= 40 * 17 + 1  # a readable measure: 40rem at most
    assert driver.execute_script("return document.documentElement.scrollWidth") <= WIDE
    _screenshot(driver, tmp_path / f"sample-{WIDE}.png", WIDE)

    _open(driver, page, NARROW)
    ar, en = _rect(driver, "section.summary[lang=ar]"), _rect(driver, "section.summary[lang=en]")
    assert ar["bottom"] <= en["y"]  # one after the other, Arabic first
    assert abs(ar["x"] - en["x"]) < 2
    assert driver.execute_script("return document.documentElement.scrollWidth") <= NARROW
    _screenshot(driver, tmp_path / f"sample-{NARROW}.png", NARROW)


def test_untrusted_articles_cannot_run_or_load_anything(driver: WebDriver, page: Path) -> None:
    url = _open(driver, page)
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018
    assert driver.execute_script("return document.scripts.length") == 0
    assert driver.execute_script("return window.pwned === undefined")
    tags = "img, script, iframe, object, embed, link, form, svg, video, audio, base"
    assert driver.find_elements(By.CSS_SELECTOR, tags) == []
    handlers = driver.execute_script(
        "return [...document.querySelectorAll('*')].flatMap(e => "
        "[...e.attributes].filter(a => a.name.startsWith('on') || a.name === 'style')"
        ".map(a => e.tagName + ' ' + a.name))"
    )
    assert handlers == []
    hrefs = driver.execute_script("return [...document.links].map(a => a.href)")
    assert all(h.startswith(("https://", "http://", url + "#")) for h in hrefs), hrefs
    # The hostile title is shown to the reader as the text it is.
    headline = driver.find_element(By.CSS_SELECTOR, "#market-reopens .headline[lang=en]")
    assert headline.text.startswith("<b>Market</b> reopens <img")
    assert driver.get_log("browser") == []
    assert all(r == url for r in _requests(driver))


@pytest.mark.parametrize(("media", "dark"), [("screen", False), ("screen", True), ("print", False)])
def test_text_contrast_passes_wcag_aa(
    driver: WebDriver, page: Path, media: str, dark: bool
) -> None:
    _open(driver, page)
    driver.find_element(By.CSS_SELECTOR, "a.cite").click()  # a cited block is showing too
    _media(driver, media, dark)
    checked = driver.execute_script(CONTRAST_JS)
    assert len(checked) > 50
    failing = [c for c in checked if c["ratio"] < (3 if c["large"] else 4.5)]
    assert failing == []


def test_focus_is_visible_and_the_skip_link_appears(driver: WebDriver, page: Path) -> None:
    _open(driver, page)
    for dark in (False, True):
        _media(driver, dark=dark)
        driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        skip = driver.switch_to.active_element
        assert "skip" in (skip.get_attribute("class") or "")
        assert skip.rect["y"] >= 0  # moved on screen when focused
        style = driver.execute_script(
            "const s = getComputedStyle(arguments[0]);"
            "return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor,"
            " getComputedStyle(document.documentElement).backgroundColor]",
            skip,
        )
        assert style[0] == "solid" and style[1] >= 2
        ratio = driver.execute_script(
            RATIO_JS + "return ratio(rgba(arguments[0]), rgba(arguments[1]))",
            style[2],
            style[3],
        )
        assert ratio >= 3  # WCAG 1.4.11: the focus ring stands out from the page
        driver.get(driver.current_url.split("#")[0])


def test_headings_in_order_under_landmarks(driver: WebDriver, page: Path) -> None:
    _open(driver, page)
    levels = driver.execute_script(
        "return [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])"
    )
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels
    for landmark in ("header", "nav", "main"):
        assert len(driver.find_elements(By.TAG_NAME, landmark)) == 1
    toc = driver.find_elements(By.CSS_SELECTOR, "nav a")
    assert [a.get_attribute("href").split("#")[1] for a in toc] == [
        "bandar-yasmin-desalination",
        "market-reopens",
        "manuscript-library",
    ]


def test_printing_drops_navigation_and_keeps_citations(driver: WebDriver, page: Path) -> None:
    _open(driver, page)
    _media(driver, "print")
    assert not driver.find_element(By.CSS_SELECTOR, "nav").is_displayed()
    assert not driver.find_element(By.CSS_SELECTOR, ".skip").is_displayed()
    cite = driver.find_element(By.CSS_SELECTOR, "a.cite")
    assert cite.is_displayed()
    assert float(cite.value_of_css_property("font-size").removesuffix("px")) >= 9.5
    # Both languages side by side on paper.
    ar, en = _rect(driver, "section.summary[lang=ar]"), _rect(driver, "section.summary[lang=en]")
    assert en["right"] <= ar["x"]
    after = driver.execute_script(
        "return getComputedStyle(document.querySelector('.sources a[href^=http]'), '::after')"
        ".content"
    )
    assert after == '"https://sahel.example.test/desal?id=7&lang=ar"'  # paper shows the URL


def test_the_index_page_links_every_briefing(driver: WebDriver, tmp_path: Path) -> None:
    output = tmp_path / "output"
    for day in (20, 22, 21):
        briefing = dataclasses.replace(sample_briefing(), date=dt.date(2026, 11, day))
        write_briefing(briefing, output)
    write_index(output)
    url = _open(driver, output / "index.html")
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "main a")]
    assert [link.rsplit("/", 2)[1] for link in links] == ["2026-11-22", "2026-11-21", "2026-11-20"]
    for link in links:
        assert Path(link.removeprefix("file://")).is_file()
    assert driver.execute_script("return document.scripts.length") == 0
    assert driver.get_log("browser") == []
    assert all(r == url for r in _requests(driver))
    driver.find_element(By.CSS_SELECTOR, "main a").click()
    assert driver.current_url == links[0]
    assert driver.find_element(By.TAG_NAME, "h1").is_displayed()


def _examples_briefing(output: Path) -> Path | None:
    """The examples' offline briefing page, when the pipeline can build it."""
    try:
        from briefing.config import Config
        from briefing.pipeline import generate
    except ImportError:
        return None
    root = Path(__file__).resolve().parent.parent
    cwd = os.getcwd()
    os.chdir(root)
    try:
        result = generate([Path("examples")], Config(output=output, llm="none"))
    finally:
        os.chdir(cwd)
    folder: Path = result.folder
    return folder / "briefing.html"


def test_the_examples_briefing_in_a_browser(driver: WebDriver, tmp_path: Path) -> None:
    page = _examples_briefing(tmp_path / "output")
    if page is None:
        pytest.skip("briefing.pipeline.generate is not importable yet")
    url = _open(driver, page)
    cites = driver.find_elements(By.CSS_SELECTOR, "a.cite")
    assert cites
    ids = set(driver.execute_script("return [...document.querySelectorAll('[id]')].map(e => e.id)"))
    assert all(c.get_attribute("href").split("#")[1] in ids for c in cites)
    cites[0].click()
    assert driver.find_element(By.CSS_SELECTOR, ".cited:target blockquote").text
    assert driver.get_log("browser") == []
    assert all(r == url for r in _requests(driver))
    info: dict[str, Any] = {"bytes": page.stat().st_size}
    _screenshot(driver, tmp_path / f"examples-{WIDE}.png", WIDE)
    _open(driver, page, NARROW)
    _screenshot(driver, tmp_path / f"examples-{NARROW}.png", NARROW)
    print(f"examples briefing.html: {info['bytes']} bytes")


README_SHOT = Path(__file__).resolve().parent.parent / "docs" / "briefing.png"


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_the_readme_screenshot_is_the_examples_briefing(driver: WebDriver, tmp_path: Path) -> None:
    """docs/briefing.png, shown at the top of the README, is the first screen
    of the examples' briefing as this test takes it. Pixels vary with fonts
    and browser versions, so it is compared by size; to retake it:
    `BRIEFING_SCREENSHOT=update .venv/bin/pytest tests/test_browser.py -k readme`."""
    from briefing.config import Config
    from briefing.pipeline import generate

    cwd = os.getcwd()
    os.chdir(README_SHOT.parent.parent)
    try:
        result = generate(
            [Path("examples")],
            Config(output=tmp_path / "output", llm="none"),
            date=dt.date(2026, 11, 22),
        )
    finally:
        os.chdir(cwd)
    assert result.folder is not None
    _open(driver, result.folder / "briefing.html", WIDE)
    _viewport(driver, WIDE, 860)
    shot = base64.b64decode(
        driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})["data"]
    )
    if os.environ.get("BRIEFING_SCREENSHOT") == "update":
        README_SHOT.write_bytes(shot)
    assert README_SHOT.is_file(), f"{README_SHOT} is missing: retake it (see this test's docstring)"
    assert _png_size(README_SHOT.read_bytes()) == _png_size(shot) == (WIDE, 860)


# Where a stretch of text in a paragraph is drawn: the box of its first and
# of its last character (a run of the other direction is drawn reversed).
TEXT_BOX_JS = """
const [p, needle] = arguments;
const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const at = node.data.indexOf(needle);
  if (at < 0) continue;
  const box = i => {
    const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
    const b = r.getBoundingClientRect(); return {left: b.left, right: b.right, top: b.top};
  };
  return {first: box(at), last: box(at + needle.length - 1)};
}
return null;
"""


def test_the_markdown_see_also_line_reads_in_order_as_github_shows_it(
    driver: WebDriver, tmp_path: Path
) -> None:
    """GitHub renders a Markdown paragraph with dir="auto": the see-also line
    starts in English, so it runs left to right, and a reader expects the
    English label, the Arabic label, then the link. Without isolates the
    Arabic label and the link's Arabic title joined into one right-to-left
    run, which drew the title to the left of the label."""
    import cmarkgfm

    from .test_related import ALL, _briefing

    markdown = render_all(_briefing(*ALL))["briefing.md"]
    line = next(x for x in markdown.splitlines() if "See also" in x and "لبنان يفتح" in x)
    body = cmarkgfm.github_flavored_markdown_to_html(line).replace("<p>", '<p dir="auto">')
    page = tmp_path / "see-also.html"
    page.write_text(
        f'<!doctype html><html><head><meta charset="utf-8"></head><body style="width:1200px">'
        f"{body}</body></html>",
        encoding="utf-8",
    )
    _open(driver, page)
    paragraph = driver.find_element(By.TAG_NAME, "p")
    english = driver.execute_script(TEXT_BOX_JS, paragraph, "See also")
    label = driver.execute_script(TEXT_BOX_JS, paragraph, "انظر أيضاً")
    title = driver.execute_script(TEXT_BOX_JS, paragraph, "لبنان يفتح")
    names = driver.execute_script(TEXT_BOX_JS, paragraph, "(in Arabic) Beirut")
    assert english and label and title and names
    assert english["first"]["top"] == label["first"]["top"] == title["first"]["top"]
    # Left to right: See also · انظر أيضاً: [لبنان يفتح ... · (in Arabic) Beirut, Lebanon]
    # (an Arabic stretch's first letter is its rightmost).
    assert english["last"]["right"] <= label["last"]["left"]
    assert label["first"]["right"] <= title["last"]["left"]
    assert title["first"]["right"] <= names["first"]["left"]
