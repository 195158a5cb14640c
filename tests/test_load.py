"""The load stage: every supported file type becomes articles with the right
fields, and every input that cannot be used is reported with a reason that
names the file. All article text here is fiction written for these tests."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from conftest import EXAMPLES

from briefing.ingest.load import Loaded, load_articles
from briefing.models import Article, Skipped

# --- Articles written for these tests -----------------------------------------

FERRY = (
    "A new ferry line between the harbour towns of Port Elwen and Saltmere opened on "
    "Monday, cutting the crossing from three hours by road to forty minutes by sea.\n\n"
    "The operator, Bluewater Links, said two boats would run every hour from six in the "
    "morning until ten at night, with cheaper tickets for students and pensioners.\n\n"
    "Shopkeepers in Saltmere said they hoped the line would bring day visitors back to "
    "the old market, which has struggled since the coastal road was closed for repairs."
)
ORCHARD = (
    "Farmers in the hill villages above Castelnor began the apple harvest a week early "
    "this year after an unusually warm September ripened the fruit ahead of time.\n\n"
    "The growers' cooperative expects a crop of about 12,000 tonnes, slightly less than "
    "last year, because a late frost in April damaged blossom on the higher slopes.\n\n"
    "Pickers from neighbouring towns have been hired for six weeks, and the cooperative "
    "said it would open its cold store to small farmers for the first time."
)
LIBRARY_AR = (
    "افتتحت بلدية مدينة الواحة الخضراء مكتبة عامة جديدة في الحي القديم يوم الأحد، "
    "بعد أعمال بناء استمرت عامين كاملين.\n\n"
    "وتضم المكتبة أكثر من عشرين ألف كتاب وقاعة للأطفال ومختبراً صغيراً للحاسوب، "
    "وقالت مديرتها إن الدخول سيكون مجانياً لجميع السكان.\n\n"
    "وأعرب عدد من الطلاب عن سعادتهم بالمكتبة الجديدة التي ستفتح أبوابها حتى التاسعة مساءً."
)
MARKET_AR = (
    "شهد سوق الخضار المركزي في مدينة النخيل ازدحاماً كبيراً صباح الجمعة مع اقتراب موسم "
    "الأعياد، وارتفعت أسعار الطماطم والبصل بشكل ملحوظ.\n\n"
    "وقال تجار في السوق إن تأخر وصول الشحنات من المزارع الجنوبية بسبب الأمطار أدى إلى "
    "نقص في المعروض خلال الأسبوع الماضي."
)
# Long enough (about 110 words) that changing one word keeps the copy near.
BRIDGE = (
    "Engineers closed the old iron bridge over the river Talven on Wednesday after "
    "inspectors found deep cracks in two of its supporting piers during a routine check. "
    "The bridge, built more than a century ago, carried about nine thousand cars a day "
    "between the market town of Hollin and the villages on the eastern bank. Drivers now "
    "face a detour of twenty kilometres through the forest road, and the regional council "
    "said a temporary crossing for pedestrians and cyclists would be ready within a month. "
    "Repairs are expected to cost around four million euros and to take at least a year, "
    "according to the council's head of transport, who asked residents for patience while "
    "the work goes ahead."
)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def record(id: str | None = None, text: str = FERRY, **fields: object) -> dict[str, object]:
    data: dict[str, object] = {"text": text, **fields}
    if id is not None:
        data["id"] = id
    return data


def only(loaded: Loaded) -> Article:
    assert loaded.skipped == ()
    assert len(loaded.articles) == 1
    return loaded.articles[0]


def reasons(loaded: Loaded) -> dict[str, str]:
    return {s.path: s.reason for s in loaded.skipped}


# --- One reader per file type ---------------------------------------------------


def test_txt_headline_line_becomes_the_title(tmp_path: Path) -> None:
    path = write(tmp_path, "ferry.txt", "New ferry links Port Elwen and Saltmere\n\n" + FERRY)
    a = only(load_articles([path]))
    assert a.id == "ferry"
    assert a.title == "New ferry links Port Elwen and Saltmere"
    assert a.lang == "en"
    assert len(a.paragraphs) == 3
    assert a.paragraphs[0].startswith("A new ferry line")
    assert a.path == path.as_posix()
    assert a.published is None and a.source == "" and a.url is None


def test_txt_arabic_headline(tmp_path: Path) -> None:
    a = only(
        load_articles([write(tmp_path, "lib.txt", "مكتبة عامة جديدة في الواحة\n\n" + LIBRARY_AR)])
    )
    assert a.title == "مكتبة عامة جديدة في الواحة"
    assert a.lang == "ar"
    assert a.paragraphs[0].startswith("افتتحت بلدية")


def test_txt_without_headline_keeps_the_first_paragraph(tmp_path: Path) -> None:
    a = only(load_articles([write(tmp_path, "ferry.txt", FERRY)]))
    # The title is made from the lead (and marked so), never the file name.
    assert a.title_source == "derived" and a.title.startswith("A new ferry line")
    assert a.paragraphs[0].startswith("A new ferry line")
    assert len(a.paragraphs) == 3


@pytest.mark.parametrize(
    "first_line",
    [
        "Ferry opens.",  # ends a sentence
        'The mayor said: "We waited years for this."',  # sentence inside quotes
        "هل تنجح العبارة الجديدة؟",  # Arabic question mark
    ],
)
def test_txt_first_line_that_is_a_sentence_is_not_a_headline(
    tmp_path: Path, first_line: str
) -> None:
    a = only(load_articles([write(tmp_path, "ferry.txt", f"{first_line}\n\n{FERRY}")]))
    assert a.title_source == "derived"  # made from the lead, not a headline
    assert a.paragraphs[0] == first_line


def test_txt_hard_wrapped_first_line_is_not_a_headline(tmp_path: Path) -> None:
    wrapped = FERRY.replace("opened on ", "opened on\n", 1)
    a = only(load_articles([write(tmp_path, "ferry.txt", wrapped)]))
    assert a.title_source == "derived"  # made from the lead, not a headline
    assert a.paragraphs[0].startswith("A new ferry line between the harbour towns of Port Elwen")


def test_md_with_front_matter(tmp_path: Path) -> None:
    md = (
        "---\n"
        "id: ferry-opens\n"
        'title: "Ferry line opens between Port Elwen and Saltmere"\n'
        "source: Harbour Herald (test)\n"
        "url: https://harbour-herald.test/ferry\n"
        'published: "2026-05-04T09:30:00+02:00"\n'
        "lang: en-GB\n"
        "---\n\n" + FERRY
    )
    a = only(load_articles([write(tmp_path, "story.md", md)]))
    assert a.id == "ferry-opens"
    assert a.title == "Ferry line opens between Port Elwen and Saltmere"
    assert a.source == "Harbour Herald (test)"
    assert a.url == "https://harbour-herald.test/ferry"
    assert a.published == dt.datetime(2026, 5, 4, 7, 30, tzinfo=dt.UTC)
    assert a.lang == "en"
    assert len(a.paragraphs) == 3


def test_md_front_matter_date_and_unquoted_yaml_date(tmp_path: Path) -> None:
    md = "---\ndate: 2026-05-04\n---\n" + ORCHARD
    a = only(load_articles([write(tmp_path, "orchard.md", md)]))
    assert a.published == dt.datetime(2026, 5, 4, tzinfo=dt.UTC)


def test_md_without_front_matter_takes_its_heading_as_title(tmp_path: Path) -> None:
    a = only(load_articles([write(tmp_path, "orchard.md", "# Early apple harvest\n\n" + ORCHARD)]))
    assert a.id == "orchard"
    assert a.title == "Early apple harvest"
    assert a.lang == "en"
    assert a.paragraphs[0].startswith("Farmers in the hill villages")


def test_md_with_broken_front_matter_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.md", "---\ntitle: [unclosed\n---\n" + ORCHARD)
    loaded = load_articles([path])
    assert loaded.articles == ()
    assert reasons(loaded)[path.as_posix()].startswith("malformed front matter")


def test_md_markup_is_read_as_the_words_it_marks_up(tmp_path: Path) -> None:
    md = (
        "# The *early* apple harvest\n\n"
        "Farmers near **Castelnor** began picking a week early, the "
        '[growers\' cooperative](https://coop.test/news "news") said on Monday.\n\n'
        "![The orchards](orchard.png)\n\n"
        "> Pickers were hired for `six` weeks, said _Ana Ruiz_, who runs the store.\n\n"
        "- A frost in April cut the crop on the higher slopes.\n\n"
        "---\n\n"
        "The cooperative's cold store at pier_7 opens to small farmers.\n"
    )
    a = only(load_articles([write(tmp_path, "orchard.md", md)]))
    assert a.title == "The early apple harvest"
    assert a.paragraphs == (
        "Farmers near Castelnor began picking a week early, the growers' cooperative said on "
        "Monday.",
        "Pickers were hired for six weeks, said Ana Ruiz, who runs the store.",
        "A frost in April cut the crop on the higher slopes.",
        "The cooperative's cold store at pier_7 opens to small farmers.",
    )


def test_md_front_matter_never_closed_is_skipped_not_read_as_text(tmp_path: Path) -> None:
    path = write(tmp_path, "open.md", "---\ntitle: Early apple harvest\n\n" + ORCHARD)
    loaded = load_articles([path])
    assert loaded.articles == ()
    assert "front matter is not closed" in reasons(loaded)[path.as_posix()]


def test_json_object(tmp_path: Path) -> None:
    data = record(
        "lib-1",
        LIBRARY_AR,
        title="مكتبة جديدة",
        source="جريدة الواحة (اختبار)",
        url="https://oasis.test/library",
        published="2026-05-03T18:00:00+03:00",
        lang="ara",
    )
    a = only(load_articles([write(tmp_path, "x.json", json.dumps(data, ensure_ascii=False))]))
    assert (a.id, a.title, a.source, a.url, a.lang) == (
        "lib-1",
        "مكتبة جديدة",
        "جريدة الواحة (اختبار)",
        "https://oasis.test/library",
        "ar",
    )
    assert a.published == dt.datetime(2026, 5, 3, 15, 0, tzinfo=dt.UTC)
    assert len(a.paragraphs) == 3


def test_json_body_field_and_missing_id(tmp_path: Path) -> None:
    a = only(load_articles([write(tmp_path, "orchard-note.json", json.dumps({"body": ORCHARD}))]))
    assert a.id == "orchard-note"
    assert a.paragraphs[0].startswith("Farmers")


def test_json_list_ids_and_bad_items(tmp_path: Path) -> None:
    items = [record(text=FERRY), record(text=""), 42, record("market", MARKET_AR)]
    path = write(tmp_path, "feed.json", json.dumps(items, ensure_ascii=False))
    loaded = load_articles([path])
    assert [a.id for a in loaded.articles] == ["feed-1", "market"]
    assert all(a.path == path.as_posix() for a in loaded.articles)
    assert set(loaded.skipped) == {
        Skipped(path.as_posix(), "item 2: no article text"),
        Skipped(path.as_posix(), "item 3: not a JSON object (got a number)"),
    }


def test_jsonl_bad_line_skips_only_that_line(tmp_path: Path) -> None:
    lines = [
        json.dumps(record(text=FERRY)),
        '{"text": "half a record',
        "",
        json.dumps(record(text=ORCHARD, title="Apples")),
        '"just a string"',
    ]
    path = write(tmp_path, "wire.jsonl", "\n".join(lines) + "\n")
    loaded = load_articles([path])
    # The default id carries the line number, like the reports do.
    assert [(a.id, a.title_source) for a in loaded.articles] == [
        ("wire-1", "derived"),
        ("wire-4", None),
    ]
    assert loaded.articles[1].title == "Apples"
    found = reasons(loaded)
    assert set(found) == {f"{path.as_posix()}:2", f"{path.as_posix()}:5"}
    assert found[f"{path.as_posix()}:2"].startswith("malformed JSON at column")
    assert found[f"{path.as_posix()}:5"] == "not a JSON object (got a string)"


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Ferry line opens | Harbour Herald (test)</title>
  <meta property="og:site_name" content="Harbour Herald (test)">
  <meta property="og:title" content="Ferry line opens between Port Elwen and Saltmere">
  <meta property="article:published_time" content="2026-05-04T09:30:00+02:00">
  <link rel="canonical" href="https://harbour-herald.test/news/ferry-line-opens">
</head>
<body>
  <header><nav><ul>
    <li><a href="/news">News desk</a></li><li><a href="/sport">Sport pages</a></li>
    <li><a href="/subscribe">Subscribe today and save</a></li>
  </ul></nav></header>
  <main><article>
    <h1>Ferry line opens between Port Elwen and Saltmere</h1>
    <p>A new ferry line between the harbour towns of Port Elwen and Saltmere opened on
    Monday, cutting the crossing from three hours by road to forty minutes by sea.</p>
    <p>The operator, Bluewater Links, said two boats would run every hour from six in the
    morning until ten at night, with cheaper tickets for students and pensioners.</p>
    <p>Shopkeepers in Saltmere said they hoped the line would bring day visitors back to the
    old market, which has struggled since the coastal road was closed for repairs.</p>
  </article></main>
  <footer><p>&copy; 2026 Harbour Herald (test). All rights reserved.</p>
  <p><a href="/privacy">Privacy policy</a> · <a href="/contact">Contact us</a></p></footer>
</body>
</html>
"""


def test_html_main_text_title_date_without_boilerplate(tmp_path: Path) -> None:
    a = only(load_articles([write(tmp_path, "ferry.html", PAGE)]))
    assert a.id == "ferry"
    assert a.title == "Ferry line opens between Port Elwen and Saltmere"
    assert a.published == dt.datetime(2026, 5, 4, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert a.source == "Harbour Herald (test)"
    assert a.url == "https://harbour-herald.test/news/ferry-line-opens"
    assert a.lang == "en"
    # Each <p> is its own paragraph; the headline, menu and footer are not text.
    assert len(a.paragraphs) == 3
    assert a.paragraphs[0].startswith("A new ferry line")
    assert a.paragraphs[2].endswith("closed for repairs.")
    assert a.title not in a.paragraphs
    for boilerplate in ("News desk", "Subscribe", "All rights reserved", "Privacy"):
        assert boilerplate not in a.text


def test_htm_extension_is_read_as_html(tmp_path: Path) -> None:
    a = only(load_articles([write(tmp_path, "ferry.htm", PAGE)]))
    assert len(a.paragraphs) == 3


def test_arabic_html_page_in_windows_1256(tmp_path: Path) -> None:
    page = (
        '<html lang="ar" dir="rtl"><head><meta charset="windows-1256">'
        "<title>مكتبة جديدة | جريدة الواحة</title>"
        '<script type="application/ld+json">'
        '{"@type": "NewsArticle", "datePublished": "2026-05-03T18:00:00+03:00"}</script>'
        '</head><body><nav><a href="/">الرئيسية</a> <a href="/contact">اتصل بنا</a></nav>'
        "<article><h1>مكتبة جديدة في الواحة</h1>"
        + "".join(f"<p>{p}</p>" for p in LIBRARY_AR.split("\n\n"))
        + "</article><footer>جميع الحقوق محفوظة</footer></body></html>"
    )
    a = only(load_articles([write(tmp_path, "lib.html", page.encode("cp1256"))]))
    assert a.lang == "ar"
    assert a.paragraphs == tuple(LIBRARY_AR.split("\n\n"))
    assert a.published == dt.datetime(2026, 5, 3, 15, 0, tzinfo=dt.UTC)


def test_html_page_without_an_article(tmp_path: Path) -> None:
    path = write(tmp_path, "menu.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert reasons(load_articles([path])) == {path.as_posix(): "no article text"}


# --- Encodings -------------------------------------------------------------------


def test_windows_1256_arabic_decodes_correctly(tmp_path: Path) -> None:
    text = "سوق الخضار يزدحم قبل العيد\n\n" + MARKET_AR
    a = only(load_articles([write(tmp_path, "market.txt", text.encode("cp1256"))]))
    assert a.lang == "ar"
    assert a.title == "سوق الخضار يزدحم قبل العيد"
    assert a.text == MARKET_AR


def test_short_windows_1256_arabic_json(tmp_path: Path) -> None:
    data = {"id": "short", "text": "ارتفعت أسعار الطماطم في السوق المركزي اليوم."}
    raw = json.dumps(data, ensure_ascii=False).encode("cp1256")
    a = only(load_articles([write(tmp_path, "short.json", raw)]))
    assert a.text == "ارتفعت أسعار الطماطم في السوق المركزي اليوم."


def test_windows_1252_english(tmp_path: Path) -> None:
    text = "The café owner in Saltmere said the naïve plan to close the façade had failed."
    a = only(load_articles([write(tmp_path, "cafe.txt", text.encode("cp1252"))]))
    assert a.text == text


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    raw = "\ufeff".encode() + json.dumps(record("bom", title="With a BOM")).encode()
    a = only(load_articles([write(tmp_path, "bom.json", raw)]))
    assert a.title == "With a BOM"
    assert not a.id.startswith("\ufeff")


def test_utf16_with_bom(tmp_path: Path) -> None:
    a = only(load_articles([write(tmp_path, "lib.txt", LIBRARY_AR.encode("utf-16"))]))
    assert a.text == LIBRARY_AR


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [LIBRARY_AR, FERRY], ids=["ar", "en"])
def test_utf16_without_bom_is_read_not_called_binary(tmp_path: Path, codec: str, text: str) -> None:
    a = only(load_articles([write(tmp_path, "story.txt", text.encode(codec))]))
    assert a.text == text


def test_a_damaged_utf8_byte_keeps_the_article_and_says_so(tmp_path: Path) -> None:
    raw = LIBRARY_AR.encode()
    raw = raw[:60] + b"\xff" + raw[60:]
    path = write(tmp_path, "lib.txt", raw)
    loaded = load_articles([path])
    a = only(loaded)
    assert a.lang == "ar"
    assert "\ufffd" in a.text
    assert loaded.notes == (
        f"{path.as_posix()}: 1 byte(s) that are not valid UTF-8 shown as \ufffd",
    )


# --- Bad input is reported, never dropped silently -----------------------------------


def test_empty_and_binary_files(tmp_path: Path) -> None:
    empty = write(tmp_path, "empty.txt", "")
    blank = write(tmp_path, "blank.md", "  \n\n ")
    binary = write(
        tmp_path, "photo.json", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    )
    loaded = load_articles([tmp_path])
    assert loaded.articles == ()
    assert reasons(loaded) == {
        empty.as_posix(): "empty file",
        blank.as_posix(): "empty file",
        binary.as_posix(): "binary file, not text",
    }


def test_a_folder_linked_into_an_input_folder_is_read_and_a_loop_is_not(
    tmp_path: Path,
) -> None:
    elsewhere = write(tmp_path / "elsewhere", "orchard.txt", ORCHARD).parent
    inputs = write(tmp_path / "today", "ferry.txt", FERRY).parent
    (inputs / "linked").symlink_to(elsewhere, target_is_directory=True)
    (inputs / "linked" / "back").symlink_to(inputs, target_is_directory=True)
    loaded = load_articles([inputs])
    assert [a.path for a in loaded.articles] == [
        f"{inputs.as_posix()}/ferry.txt",
        f"{inputs.as_posix()}/linked/orchard.txt",
    ]
    assert loaded.passed_over == (
        f"{inputs.as_posix()}/linked/back: a link to a folder read already",
    )


def test_a_broken_link_in_a_folder_is_called_one(tmp_path: Path) -> None:
    write(tmp_path, "ferry.txt", FERRY)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "moved-away.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    loaded = load_articles([tmp_path])
    assert reasons(loaded) == {
        f"{tmp_path.as_posix()}/gone.txt": "broken symbolic link",
        f"{tmp_path.as_posix()}/loop.txt": "broken symbolic link",
    }


def test_a_broken_link_to_a_folder_is_called_one_not_a_file_of_another_type(
    tmp_path: Path,
) -> None:
    """A link to a folder that was not mounted was listed as 'not read as
    articles: a file (today/yesterday); briefing reads .htm, .html, ...'."""
    inputs = write(tmp_path / "today", "ferry.txt", FERRY).parent
    (inputs / "yesterday").symlink_to(tmp_path / "unmounted", target_is_directory=True)
    (inputs / "itself").symlink_to(inputs / "itself")
    (inputs / "notes.pdf").write_bytes(b"%PDF-1.4")
    loaded = load_articles([inputs])
    assert reasons(loaded) == {
        f"{inputs.as_posix()}/itself": "broken symbolic link",
        f"{inputs.as_posix()}/yesterday": "broken symbolic link",
    }
    assert loaded.other_files == (f"{inputs.as_posix()}/notes.pdf",)


def scripted_page(paragraphs: list[str]) -> str:
    """A page as a JavaScript site serves it: an empty root, the article as data."""
    data = {"props": {"pageProps": {"story": {"blocks": [{"text": p} for p in paragraphs]}}}}
    return (
        "<!doctype html><html><head><title>Crane falls at quay</title></head><body>"
        '<div id="__next"></div><script id="__NEXT_DATA__" type="application/json">'
        f'{json.dumps(data)}</script><script src="/app.js"></script></body></html>'
    )


def test_a_page_whose_article_is_in_its_scripts_is_skipped_saying_so(tmp_path: Path) -> None:
    """It was skipped as 'no article text', as if the page were empty."""
    story = [
        "A harbour crane at the container quay collapsed onto an empty berth early on "
        "Thursday, the port authority said, adding that nobody was hurt.",
        "Engineers are examining whether strong winds or a fault in the crane's brakes "
        "caused the collapse, and the quay will stay closed until at least Saturday.",
    ]
    scripted = write(tmp_path, "crane.html", scripted_page(story))
    empty = write(tmp_path, "menu.html", scripted_page(["Home", "World news and sport"]))
    loaded = load_articles([tmp_path])
    assert reasons(loaded) == {
        scripted.as_posix(): "no article text: the article is in the page's scripts, "
        "which briefing does not run (save its text as .txt)",
        empty.as_posix(): "no article text",
    }


def test_two_outlets_files_of_one_name_are_two_articles(tmp_path: Path) -> None:
    """A folder per outlet, each with a `story.txt`: neither is a duplicate."""
    write(tmp_path / "coast-wire", "story.txt", FERRY)
    write(tmp_path / "valley-post", "story.txt", ORCHARD)
    write(tmp_path / "valley-post", "story.json", json.dumps(record(text=LIBRARY_AR)))
    loaded = load_articles([tmp_path])
    assert loaded.skipped == ()
    assert {a.id: Path(a.path).parent.name for a in loaded.articles} == {
        "story": "coast-wire",
        "valley-post-story": "valley-post",
        "story-2": "valley-post",
    }
    # An id the file gives is its own: taken twice, the second is skipped.
    write(tmp_path / "valley-post", "other.json", json.dumps(record("story", text=BRIDGE)))
    assert "duplicate id 'story'" in reasons(load_articles([tmp_path])).get(
        f"{(tmp_path / 'valley-post').as_posix()}/other.json", ""
    )


def test_malformed_json_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.json", '{\n  "id": "x"\n  "text": "y"\n}')
    loaded = load_articles([path])
    assert loaded.articles == ()
    assert reasons(loaded) == {
        path.as_posix(): "malformed JSON at line 3 column 3: Expecting ',' delimiter"
    }


def test_json_that_is_not_an_article(tmp_path: Path) -> None:
    path = write(tmp_path, "n.json", "42")
    assert reasons(load_articles([path])) == {
        path.as_posix(): "expected a JSON object or a list of them, got a number"
    }


def test_field_of_the_wrong_type_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "t.json", json.dumps(record("t", title=["a", "b"])))
    assert reasons(load_articles([path])) == {
        path.as_posix(): "field 'title' must be text, got a list"
    }


def test_text_in_neither_arabic_nor_english(tmp_path: Path) -> None:
    russian = write(
        tmp_path,
        "ru.txt",
        "В городе открылся новый паром, который сократил дорогу до соседнего порта.",
    )
    greek = write(
        tmp_path,
        "el.txt",
        "Στο λιμάνι άνοιξε μια νέα γραμμή πορθμείου που συνδέει τις δύο πόλεις.",
    )
    tiny = write(tmp_path, "tiny.txt", "12 34 56")
    # A saved page that is only its menu: too little text, whatever language.
    menu = write(
        tmp_path,
        "menu.html",
        "<html><head><title>Home</title></head><body><nav><ul><li><a href='/'>Home</a></li>"
        "<li><a href='/news'>News</a></li><li><a href='/sport'>Sport</a></li></ul></nav>"
        "</body></html>",
    )
    too_little = "too little article text to read (a few words at most)"
    assert reasons(load_articles([tmp_path])) == {
        russian.as_posix(): "language is neither Arabic nor English (looks like Cyrillic)",
        greek.as_posix(): "language is neither Arabic nor English (looks like Greek)",
        tiny.as_posix(): too_little,
        menu.as_posix(): too_little,
    }


def test_russian_in_windows_1251_is_not_mistaken_for_arabic(tmp_path: Path) -> None:
    text = "В городе открылся новый паром, который сократил дорогу до соседнего порта."
    path = write(tmp_path, "ru.txt", text.encode("koi8-r"))
    reason = reasons(load_articles([path]))[path.as_posix()]
    assert reason.startswith("language is neither Arabic nor English")


def test_explicit_language_that_is_not_supported(tmp_path: Path) -> None:
    path = write(tmp_path, "fr.json", json.dumps(record("fr", lang="fr")))
    assert reasons(load_articles([path])) == {
        path.as_posix(): "language 'fr' is not supported (use 'ar' for Arabic or 'en' for English)"
    }


@pytest.mark.parametrize(("given", "lang"), [("ar-EG", "ar"), ("ARA", "ar"), ("en_US", "en")])
def test_explicit_language_tags_are_normalised(tmp_path: Path, given: str, lang: str) -> None:
    text = LIBRARY_AR if lang == "ar" else FERRY
    a = only(load_articles([write(tmp_path, "x.json", json.dumps(record("x", text, lang=given)))]))
    assert a.lang == lang


def test_invalid_published_keeps_the_article_with_a_note(tmp_path: Path) -> None:
    path = write(tmp_path, "x.json", json.dumps(record("x", published="last Tuesday")))
    loaded = load_articles([path])
    a = only(loaded)
    assert a.published is None
    assert loaded.notes == (
        f"{path.as_posix()}: invalid published date 'last Tuesday'; loaded without a date",
    )


def test_given_language_is_kept_but_a_mismatch_is_noted(tmp_path: Path) -> None:
    path = write(tmp_path, "x.json", json.dumps(record("x", LIBRARY_AR, lang="en")))
    loaded = load_articles([path])
    assert only(loaded).lang == "en"
    assert loaded.notes == (f"{path.as_posix()}: lang is 'en' but the text reads 'ar'",)


def test_rss_style_published_date(tmp_path: Path) -> None:
    data = record("x", published="Mon, 04 May 2026 09:30:00 +0200")
    a = only(load_articles([write(tmp_path, "x.json", json.dumps(data))]))
    assert a.published == dt.datetime(2026, 5, 4, 7, 30, tzinfo=dt.UTC)


def test_missing_path_and_unsupported_file(tmp_path: Path) -> None:
    pdf = write(tmp_path, "report.pdf", b"%PDF-1.7 ...")
    loaded = load_articles([tmp_path / "nowhere", pdf])
    assert reasons(loaded) == {
        (tmp_path / "nowhere").as_posix(): "no such file or folder",
        pdf.as_posix(): "unsupported file type '.pdf'; use .htm, .html, .json, .jsonl, "
        ".markdown, .md, .txt",
    }


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_gives_the_system_reason(tmp_path: Path) -> None:
    path = write(tmp_path, "locked.txt", FERRY)
    path.chmod(0)
    try:
        loaded = load_articles([path])
    finally:
        path.chmod(0o644)
    assert reasons(loaded) == {path.as_posix(): "cannot read file: Permission denied"}


# --- Folders ------------------------------------------------------------------------


def test_folders_are_searched_recursively_and_paths_stay_relative(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "in/a/ferry.txt", FERRY)
    write(tmp_path, "in/b/c/orchard.md", ORCHARD)
    write(tmp_path, "in/.drafts/library.txt", LIBRARY_AR)  # hidden folder
    write(tmp_path, "in/.market.txt", MARKET_AR)  # hidden file
    write(tmp_path, "in/README.md", "# About this folder\n\n" + BRIDGE)
    write(tmp_path, "in/stories.tsv", "ferry\tferry-story\n")
    write(tmp_path, "in/notes.docx", b"PK\x03\x04")
    loaded = load_articles([Path("in")])
    assert loaded.skipped == ()
    assert [(a.id, a.path) for a in loaded.articles] == [
        ("ferry", "in/a/ferry.txt"),
        ("orchard", "in/b/c/orchard.md"),
    ]


def test_a_file_named_explicitly_is_read_even_if_hidden(tmp_path: Path) -> None:
    a = only(load_articles([write(tmp_path, ".draft.txt", FERRY)]))
    assert a.id == ".draft"


def test_the_same_file_given_twice_is_read_once(tmp_path: Path) -> None:
    path = write(tmp_path, "ferry.txt", FERRY)
    a = only(load_articles([tmp_path, path, path]))
    assert a.id == "ferry"


# --- Duplicates ------------------------------------------------------------------------


def test_duplicate_ids_keep_the_first_by_path(tmp_path: Path) -> None:
    first = write(tmp_path, "a/story.json", json.dumps(record("story", FERRY)))
    second = write(tmp_path, "b/story.json", json.dumps(record("story", ORCHARD)))
    for inputs in ([tmp_path / "a", tmp_path / "b"], [tmp_path / "b", tmp_path / "a"]):
        loaded = load_articles(inputs)
        assert [(a.id, a.path) for a in loaded.articles] == [("story", first.as_posix())]
        assert loaded.skipped == (
            Skipped(second.as_posix(), f"duplicate id 'story' (also in {first.as_posix()})"),
        )


def test_duplicate_id_inside_a_jsonl_file_names_the_line(tmp_path: Path) -> None:
    lines = [json.dumps(record("x", FERRY)), json.dumps(record("x", ORCHARD))]
    path = write(tmp_path, "w.jsonl", "\n".join(lines))
    loaded = load_articles([path])
    assert [a.text for a in loaded.articles] == [FERRY]
    assert reasons(loaded) == {
        f"{path.as_posix()}:2": f"duplicate id 'x' (also in {path.as_posix()}:1)"
    }


def test_same_text_twice_is_one_article(tmp_path: Path) -> None:
    first = write(tmp_path, "lib-1.txt", LIBRARY_AR)
    # The same words, with tatweel, diacritics and other line breaks.
    copy = LIBRARY_AR.replace("المكتبة", "المكتـــبة").replace("مدينة", "مَدينة")
    second = write(tmp_path, "lib-2.json", json.dumps(record("copy", copy.replace("\n\n", "\n"))))
    loaded = load_articles([tmp_path])
    assert [a.id for a in loaded.articles] == ["lib-1"]
    assert loaded.skipped == (
        Skipped(second.as_posix(), f"same text as lib-1 ({first.as_posix()})"),
    )


def test_near_duplicate_text_is_one_article_but_a_rewrite_is_not(tmp_path: Path) -> None:
    original = write(tmp_path, "bridge-1.txt", BRIDGE)
    near = write(tmp_path, "bridge-2.txt", BRIDGE.replace("Wednesday", "Tuesday"))
    rewrite = (
        "The Talven iron bridge, a link between Hollin and the eastern villages for more "
        "than a hundred years, was shut on Wednesday. Inspectors had found cracks in two "
        "piers. About nine thousand cars used it every day; they must now take a long "
        "detour through the forest. The council promised a footbridge within a month and "
        "put the repair bill at four million euros."
    )
    write(tmp_path, "bridge-3.txt", rewrite)
    loaded = load_articles([tmp_path])
    assert [a.id for a in loaded.articles] == ["bridge-1", "bridge-3"]
    assert loaded.skipped == (
        Skipped(near.as_posix(), f"near-duplicate of bridge-1 ({original.as_posix()})"),
    )


def test_result_does_not_depend_on_input_order(tmp_path: Path) -> None:
    write(tmp_path, "x/ferry.txt", FERRY)
    write(tmp_path, "x/dup.txt", FERRY)
    write(tmp_path, "y/orchard.md", ORCHARD)
    write(tmp_path, "y/feed.jsonl", json.dumps(record("ferry", MARKET_AR)) + "\n[1]\n")
    write(tmp_path, "y/zz.json", json.dumps(record("orchard", BRIDGE)))
    write(tmp_path, "z.json", "{oops")
    inputs = [tmp_path / "x", tmp_path / "y", tmp_path / "z.json", tmp_path / "gone"]
    forward = load_articles(inputs)
    assert forward == load_articles(list(reversed(inputs)))
    # x/dup.txt comes before x/ferry.txt, so it is the one kept; the id
    # "ferry" is then free for the .jsonl record.
    assert [(a.id, Path(a.path).name) for a in forward.articles] == [
        ("dup", "dup.txt"),
        ("ferry", "feed.jsonl"),
        ("orchard", "orchard.md"),
    ]
    assert [(Path(s.path).name, s.reason.split(" (")[0]) for s in forward.skipped] == [
        ("gone", "no such file or folder"),
        ("ferry.txt", "same text as dup"),
        ("feed.jsonl:2", "not a JSON object"),
        ("zz.json", "duplicate id 'orchard'"),
        (
            "z.json",
            "malformed JSON at line 1 column 2: Expecting property name enclosed in double quotes",
        ),
    ]


# --- The project's own examples and the development corpus --------------------------------


def test_examples_folder_loads_all_twelve() -> None:
    loaded = load_articles([EXAMPLES])
    assert loaded.skipped == ()
    assert len(loaded.articles) == 12
    for a in loaded.articles:
        assert a.id == Path(a.path).stem
        assert a.title
        assert a.lang == a.id.split("-")[-2]
        if not a.path.endswith(".txt"):  # plain text carries no date
            assert a.published is not None
            assert dt.date(2026, 11, 20) <= a.published.date() <= dt.date(2026, 11, 22)
    html = next(a for a in loaded.articles if a.path.endswith(".html"))
    assert html.title == "Bandar Yasmin desalination plant begins supplying water"
    assert html.published == dt.datetime.fromisoformat("2026-11-21T19:45:00+04:00")
    assert html.source == "Coastal Times (example)"
    assert not any("Subscribe" in p or "rights reserved" in p for p in html.paragraphs)
    txt = next(a for a in loaded.articles if a.path.endswith(".txt"))
    assert txt.title == "Egyptian port operator orders 24 automated cranes in $480 million deal"


def test_examples_paths_are_as_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLES.parent)
    loaded = load_articles([Path("examples")])
    assert "examples/port-strike-en-1.md" in {a.path for a in loaded.articles}


def test_dev_corpus_loads_every_article(corpus: Path) -> None:
    loaded = load_articles([corpus / "dev"])
    assert loaded.skipped == ()
    assert len(loaded.articles) == 37
    for a in loaded.articles:
        source = json.loads(Path(a.path).read_text(encoding="utf-8"))
        assert (a.id, a.lang, " ".join(source["title"].split())) == (
            source["id"],
            source["lang"],
            a.title,
        )


def test_seed_articles_load_with_their_headlines(corpus: Path) -> None:
    loaded = load_articles([corpus / "seeds"])
    assert loaded.skipped == ()
    assert len(loaded.articles) == 5
    assert {a.lang for a in loaded.articles} == {"ar"}
    titled = [a for a in loaded.articles if a.title_source != "derived"]
    assert titled, "some seeds open with a headline line"
    for a in titled:
        first_line = Path(a.path).read_text(encoding="utf-8").lstrip().split("\n")[0].strip()
        assert a.title == first_line
        assert a.paragraphs[0] != first_line
