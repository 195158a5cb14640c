"""Bad input is named, not silently bent: JSON too deep to parse, Persian and
Urdu passed off as Arabic, unreadable dates, and the command line's one-line
errors for inputs and settings it cannot use."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import ROOT, clear_machine_settings

from briefing.cli import main
from briefing.ingest.load import load_articles

DATE = "2026-11-22"
STORY = (
    "Dock workers in the harbour town walked out on Monday over pay and hours. "
    "The union said the strike would go on until talks with the port authority resumed."
)
# Written for these tests: a short news paragraph in Persian and one in Urdu.
PERSIAN = (
    "کارگران بندر امروز دست از کار کشیدند و گفتند که دستمزدها برای زندگی کافی نیست. "
    "اتحادیه اعلام کرد که این اعتصاب تا آغاز دوباره گفتگو با مدیریت بندر ادامه خواهد داشت."
)
URDU = (
    "بندرگاہ کے مزدوروں نے آج کام بند کر دیا اور کہا کہ ان کی تنخواہیں گزارے کے لیے کافی نہیں ہیں۔ "
    "یونین نے کہا ہے کہ یہ ہڑتال بندرگاہ کی انتظامیہ سے بات چیت شروع ہونے تک جاری رہے گی۔"
)


@pytest.fixture(autouse=True)
def clean_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clear_machine_settings(tmp_path, monkeypatch, also=("SOURCE_DATE_EPOCH",))
    monkeypatch.chdir(ROOT)


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def reasons(folder: Path) -> dict[str, str]:
    return {Path(s.path).name: s.reason for s in load_articles([folder]).skipped}


def test_json_nested_too_deeply_skips_that_file_or_line_only(tmp_path: Path) -> None:
    write(tmp_path, "good.json", json.dumps({"title": "Port strike", "text": STORY}))
    write(tmp_path, "deep.json", "[" * 100_000)
    lines = [json.dumps({"text": STORY.replace("Monday", "Tuesday")}), '{"a":' * 50_000]
    write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    loaded = load_articles([tmp_path])
    assert sorted(a.id for a in loaded.articles) == ["feed-1", "good"]
    skipped = {Path(s.path).name: s.reason for s in loaded.skipped}
    assert skipped["deep.json"].startswith("JSON nested too deeply")
    assert skipped["feed.jsonl:2"].startswith("JSON nested too deeply")


def test_persian_and_urdu_are_skipped_even_when_labelled_arabic(tmp_path: Path) -> None:
    write(tmp_path, "fa.txt", PERSIAN)
    write(tmp_path, "ur.md", f"---\nlang: ar\n---\n{URDU}\n")
    write(tmp_path, "en.txt", STORY)
    found = reasons(tmp_path)
    assert found["fa.txt"].startswith("language is Persian, not Arabic")
    assert found["ur.md"].startswith("language is Urdu, not Arabic")
    assert "en.txt" not in found


def test_no_real_arabic_article_is_taken_for_persian_or_urdu(corpus: Path) -> None:
    loaded = load_articles([corpus / "seeds", corpus / "dev"])
    assert not [s for s in loaded.skipped if "Persian" in s.reason or "Urdu" in s.reason]
    assert sum(1 for a in loaded.articles if a.lang == "ar") >= 20


@pytest.mark.parametrize("published", ["yesterday", 1700000000, "99999-01-01"])
def test_an_unreadable_date_is_said_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], published: object
) -> None:
    write(tmp_path / "in", "story.json", json.dumps({"text": STORY, "published": published}))
    code = main(
        [
            "generate",
            str(tmp_path / "in"),
            "--llm",
            "none",
            "--date",
            DATE,
            "--output",
            str(tmp_path / "out"),
        ]
    )
    err = capsys.readouterr().err
    assert code == 0
    assert f"story.json: invalid published date '{published}'" in err


def one_line_error(capsys: pytest.CaptureFixture[str], *argv: str, code: int = 1) -> str:
    assert main(list(argv)) == code
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if "error:" in line]
    assert len(lines) == 1, err
    return lines[0]


def test_output_naming_a_file_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "taken", "a file, not a folder")
    line = one_line_error(
        capsys, "generate", "examples", "--llm", "none", "--output", str(tmp_path / "taken")
    )
    assert "taken" in line and "--output" in line


def test_a_date_out_of_range_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["generate", "examples", "--llm", "none", "--date", "0001-01-01"])
    assert exit.value.code == 2
    assert "a briefing date must be between" in capsys.readouterr().err


@pytest.mark.parametrize("epoch", ["abc", "99999999999999"])
def test_a_bad_source_date_epoch_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, epoch: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    line = one_line_error(
        capsys, "generate", "examples", "--llm", "none", "--output", str(tmp_path / "out")
    )
    assert "SOURCE_DATE_EPOCH" in line


def test_textconv_of_deeply_nested_json_passes_it_through_without_a_traceback(
    tmp_path: Path, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    # Not a briefing: git is shown the file as it is, as for any other such file.
    text = '{"a":' * 100_000
    path = write(tmp_path, "briefing.json", text)
    assert main(["textconv", str(path)]) == 0
    out, err = capfdbinary.readouterr()
    assert out.decode("utf-8") == text
    assert b"Traceback" not in err and b"RecursionError" not in err


def test_a_hand_edited_briefing_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert (
        main(["generate", "examples", "--llm", "none", "--date", DATE, "--output", str(out)]) == 0
    )
    path = out / DATE / "briefing.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for topic in data["topics"]:
        del topic["title"]
    path.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    one_line_error(capsys, "topics", "--date", DATE, "--output", str(out))


def test_files_in_the_folder_that_are_not_articles_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A .pdf or .docx dropped among the articles is not read, and the run says so.
    write(tmp_path / "in", "story.json", json.dumps({"text": STORY}))
    (tmp_path / "in" / "scan.pdf").write_bytes(b"%PDF-1.4 not an article")
    (tmp_path / "in" / "README.md").write_text("Notes about this folder.", encoding="utf-8")
    (tmp_path / "in" / ".hidden.txt").write_text("hidden", encoding="utf-8")
    out = str(tmp_path / "out")
    assert (
        main(["generate", str(tmp_path / "in"), "--llm", "none", "--date", DATE, "--output", out])
        == 0
    )
    err = capsys.readouterr().err
    line = next(line for line in err.splitlines() if line.startswith("not read as articles"))
    assert "scan.pdf" in line and "README.md" in line and ".hidden" not in line
    assert ".txt" in line  # what briefing does read


def test_a_file_name_that_is_not_utf8_is_read_and_regenerate_finds_it_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A name copied from another system: its bytes are not UTF-8.
    name = os.fsdecode(b"harbour-\xff\xfe-walkout.txt")
    write(tmp_path / "in", name, STORY)
    out = tmp_path / "out"
    argv = ["--llm", "none", "--date", DATE, "--output", str(out)]
    assert main(["generate", str(tmp_path / "in"), *argv]) == 0
    folder = out / DATE
    for path in folder.rglob("*.*"):
        path.read_bytes().decode("utf-8")  # every file is valid UTF-8
    data = json.loads((folder / "briefing.json").read_text(encoding="utf-8"))
    (article,) = data["articles"]
    assert article["id"] == "harbour-\ufffd\ufffd-walkout"
    assert Path(article["path"]).name == name  # the recorded path opens the file
    capsys.readouterr()
    assert main(["regenerate", "--topic", data["topics"][0]["id"], *argv]) == 0
    assert "gone" not in capsys.readouterr().err


def test_a_file_name_that_is_not_utf8_is_shown_escaped_when_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "in", "story.txt", STORY)
    write(tmp_path / "in", os.fsdecode(b"empty-\xff.txt"), "")
    out = tmp_path / "out"
    argv = ["--llm", "none", "--date", DATE, "--output", str(out)]
    assert main(["generate", str(tmp_path / "in"), *argv]) == 0
    assert "empty-\\udcff.txt: empty file" in capsys.readouterr().err
    markdown = (out / DATE / "briefing.md").read_text(encoding="utf-8")
    assert "empty-\\\\udcff.txt: empty file" in markdown  # Markdown escapes the backslash
    html = (out / DATE / "briefing.html").read_text(encoding="utf-8")
    assert "empty-\\udcff.txt</code>: empty file" in html


def test_lone_surrogates_spelled_in_a_json_article_become_replacement_characters(
    tmp_path: Path,
) -> None:
    # "\ud800" is valid JSON but no character: UTF-8 cannot write it.
    article = STORY.replace("harbour", "harbour \\ud800").replace("union", "union \\udfff")
    fields = '"id": "walk\\udcffout", "title": "Dock \\ud800 strike"'
    text = f'{{{fields}, "text": "{article}"}}'
    write(tmp_path / "in", "story.json", text)
    out = tmp_path / "out"
    code = main(
        ["generate", str(tmp_path / "in"), "--llm", "none", "--date", DATE, "--output", str(out)]
    )
    assert code == 0
    data = json.loads((out / DATE / "briefing.json").read_bytes().decode("utf-8"))
    (written,) = data["articles"]
    assert (written["id"], written["title"]) == ("walk\ufffdout", "Dock \ufffd strike")
    markdown = (out / DATE / "briefing.md").read_text(encoding="utf-8")
    assert "harbour \ufffd town" in markdown


def test_a_number_too_long_to_convert_skips_only_its_own_record(tmp_path: Path) -> None:
    # Python refuses to convert integers of over 4,300 digits.
    huge = "9" * 5000
    write(tmp_path / "in", "story.json", f'{{"text": "{STORY}", "id": {huge}}}')
    other = "Fishermen in the bay town kept their boats in port on Tuesday as a storm passed."
    lines = [json.dumps({"text": other}), f'{{"text": "{STORY}", "id": {huge}}}']
    write(tmp_path / "in", "more.jsonl", "\n".join(lines) + "\n")
    loaded = load_articles([tmp_path / "in"])
    assert [a.id for a in loaded.articles] == ["more-1"]
    assert {(Path(s.path).name, s.reason) for s in loaded.skipped} == {
        (name, "field 'id' must be text, got a number") for name in ("more.jsonl:2", "story.json")
    }


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [("tokens", "9" * 5000, "tokens is inf"), ("usage", '{"calls": "many"}', "usage.calls")],
)
def test_a_tampered_briefing_json_is_a_one_line_error_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str, value: str, named: str
) -> None:
    out = tmp_path / "out"
    argv = ["--date", DATE, "--output", str(out)]
    assert main(["generate", "examples", "--llm", "none", *argv]) == 0
    path = out / DATE / "briefing.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    topic = data["topics"][0]["id"]
    data["topics"][0][field] = "FIELD"
    path.write_text(json.dumps(data).replace('"FIELD"', value), encoding="utf-8")
    capsys.readouterr()
    for command in (["topics"], ["regenerate", "--llm", "none", "--topic", topic]):
        line = one_line_error(capsys, *command, *argv)
        assert "is not a briefing.json as briefing writes it" in line and named in line


def test_an_html_page_whose_json_ld_cannot_be_parsed_is_still_read(tmp_path: Path) -> None:
    for name, ld in [("number", '{"a": %s}' % ("9" * 5000)), ("deep", "[" * 100_000)]:
        page = (
            f'<html><head><script type="application/ld+json">{ld}</script></head>'
            f"<body><article><h1>Dock strike</h1><p>{STORY}</p></article></body></html>"
        )
        write(tmp_path / name, "page.html", page)
        (article,) = load_articles([tmp_path / name]).articles
        assert article.title == "Dock strike"


def test_the_closing_account_counts_skips_by_kind_not_by_file_or_item(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = "Fishermen in the bay town kept their boats in port on Tuesday as a storm passed."
    write(tmp_path / "in", "a.txt", STORY)
    write(tmp_path / "in", "b.txt", other)
    for copy in ("a-copy.txt", "b-copy.txt"):
        write(tmp_path / "in", copy, STORY if copy.startswith("a") else other)
    write(tmp_path / "in", "list.json", json.dumps([3, "x", {"text": 5}, {"title": [1]}]))
    argv = ["--llm", "none", "--date", DATE, "--output", str(tmp_path / "out")]
    assert main(["generate", str(tmp_path / "in"), *argv]) == 0
    line = capsys.readouterr().err.splitlines()[-1]
    assert line == (
        "read 8 inputs: 2 articles, skipped 6 (2 a field of the wrong type, "
        "2 not a JSON object, 2 same text as another article); grouped into 2 topics"
    )
