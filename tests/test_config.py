"""One typed config: defaults < file < environment < flags."""

from pathlib import Path

import pytest

from briefing.config import load_config
from briefing.errors import ConfigError


def test_defaults_without_file_environment_or_flags(tmp_path: Path) -> None:
    config = load_config({}, environ={}, cwd=tmp_path)
    assert config.llm == "auto"
    assert config.output == Path("output")
    assert config.base_url is None


def test_file_then_environment_then_flags(tmp_path: Path) -> None:
    (tmp_path / "briefing.toml").write_text(
        'model = "from-file"\nconcurrency = 2\nbase_url = "http://file/v1"\n', encoding="utf-8"
    )
    environ = {"OPENAI_BASE_URL": "http://env/v1", "BRIEFING_MODEL": "from-env"}
    config = load_config({"model": "from-flag", "concurrency": None}, environ=environ, cwd=tmp_path)
    assert config.model == "from-flag"  # a flag beats everything
    assert config.base_url == "http://env/v1"  # the environment beats the file
    assert config.concurrency == 2  # a flag that was not given leaves the file's value


def test_unknown_key_in_file_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "briefing.toml"
    path.write_text('modle = "typo"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key 'modle' \\(did you mean 'model'\\?\\)"):
        load_config({}, environ={}, cwd=tmp_path)
    # Nothing close: every key is listed.
    path.write_text('colour = "blue"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"unknown key 'colour' \(known keys: .*base_url"):
        load_config({}, environ={}, cwd=tmp_path)


def test_bad_values_are_errors_that_say_where_they_came_from(tmp_path: Path) -> None:
    (tmp_path / "briefing.toml").write_text('llm = "gpt"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"briefing\.toml: invalid value for 'llm'"):
        load_config({}, environ={}, cwd=tmp_path)
    with pytest.raises(ConfigError, match="command line: invalid value for 'concurrency'"):
        load_config({"concurrency": 0}, environ={}, cwd=tmp_path / "nowhere")
    with pytest.raises(ConfigError, match="not valid TOML"):
        bad = tmp_path / "bad.toml"
        bad.write_text("model = \n", encoding="utf-8")
        load_config({}, config_file=bad, environ={})


def test_relative_paths_in_a_config_file_are_relative_to_it(tmp_path: Path) -> None:
    (tmp_path / "briefing.toml").write_text('output = "briefings"\n', encoding="utf-8")
    config = load_config({}, environ={}, cwd=tmp_path)
    assert config.output == (tmp_path / "briefings").resolve()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("timeout = nan", "'timeout' (nan): must be a finite number"),
        ("timeout = inf", "'timeout' (inf): must be a finite number"),
        ("run_timeout = -5", "'run_timeout' (-5): must be positive"),
        ("output = {a=1}", "'output' ({'a': 1}): must be a string, not a table"),
        ('model = ["a", "b"]', "'model' (['a', 'b']): must be a string, not a list"),
        ("concurrency = 2.7", "'concurrency' (2.7): must be a whole number, not float"),
        ("concurrency = 100000", "'concurrency' (100000): must be at most 64"),
        ('max_retries = "3"', "'max_retries' ('3'): must be a whole number, not str"),
        ("refresh = 1", "'refresh' (1): must be true or false"),
        ("timeout = true", "'timeout' (True): must be a number, not a boolean"),
        ("host_delay = 500", "'host_delay' (500): must be at most 60"),
        ("fetch_workers = 100000", "'fetch_workers' (100000): must be at most 256"),
        (
            'user_agent = "نشرة/1.0"',
            "'user_agent' ('نشرة/1.0'): must be printable ASCII on one line (an HTTP header)",
        ),
        (
            'user_agent = "briefing\\nX-Evil: 1"',
            "'user_agent' ('briefing\\nX-Evil: 1'): must be printable ASCII on one line "
            "(an HTTP header)",
        ),
    ],
)
def test_a_value_of_the_wrong_type_or_range_names_the_key_and_file(
    tmp_path: Path, line: str, message: str
) -> None:
    (tmp_path / "briefing.toml").write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config({}, environ={}, cwd=tmp_path)
    assert str(error.value) == f"{tmp_path / 'briefing.toml'}: invalid value for {message}"


@pytest.mark.parametrize("key", ["output", "cache", "model", "articles"])
def test_an_empty_value_for_a_setting_that_cannot_be_unset_names_the_key(
    tmp_path: Path, key: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`output = ""` was taken as no output folder and failed later with
    'TypeError: expected str, bytes or os.PathLike object, not NoneType'."""
    from briefing.cli import main

    (tmp_path / "briefing.toml").write_text(f'{key} = ""\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=f"invalid value for '{key}' \\(''\\): must not be empty"):
        load_config({}, environ={}, cwd=tmp_path)
    (tmp_path / "a.txt").write_text("Headline\n\nThe council met on Monday.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "a.txt", "--llm", "none", "--date", "2026-11-22"]) == 1
    err = capsys.readouterr().err
    assert f"invalid value for '{key}'" in err and "TypeError" not in err


@pytest.mark.parametrize("variable", ["BRIEFING_JUDGE", "BRIEFING_CONFIRM_GROUPS"])
def test_a_switch_in_the_environment_is_on_off_or_an_error(tmp_path: Path, variable: str) -> None:
    """`BRIEFING_JUDGE=ture` silently left the judge off."""
    key = variable.removeprefix("BRIEFING_").lower()
    for word, on in (("1", True), ("TRUE", True), ("on", True), ("0", False), ("no", False)):
        assert getattr(load_config({}, environ={variable: word}, cwd=tmp_path), key) is on
    with pytest.raises(ConfigError, match=f"environment variable {variable}: invalid value"):
        load_config({}, environ={variable: "ture"}, cwd=tmp_path)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("localhost:11434/v1", "http:// or https:// (e.g. 'http://localhost:11434/v1')"),
        ("127.0.0.1:8080", "http:// or https:// (e.g. 'http://127.0.0.1:8080')"),
        ("htp://127.0.0.1:8080/v1", "must be a URL starting with http:// or https://"),
        ("ftp://models.test/v1", "must be a URL starting with http:// or https://"),
    ],
)
def test_an_endpoint_without_http_is_an_error_wherever_it_is_given(
    tmp_path: Path, url: str, message: str
) -> None:
    """`base_url = "localhost:11434/v1"` was accepted, and a run against a
    server that was up said it could not reach it (exit 3, every topic
    extractive)."""
    (tmp_path / "briefing.toml").write_text(f'base_url = "{url}"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"briefing\.toml: invalid value for 'base_url'") as e:
        load_config({}, environ={}, cwd=tmp_path)
    assert message in str(e.value)
    elsewhere = tmp_path / "elsewhere"
    for environ, flags, origin in (
        ({"OPENAI_BASE_URL": url}, {}, "environment variable OPENAI_BASE_URL"),
        ({"BRIEFING_JUDGE_BASE_URL": url}, {}, "environment variable BRIEFING_JUDGE_BASE_URL"),
        ({}, {"base_url": url}, "command line"),
    ):
        with pytest.raises(ConfigError, match=f"^{origin}: invalid value") as e:
            load_config(flags, environ=environ, cwd=elsewhere)
        assert message in str(e.value)


def test_an_endpoint_with_http_or_https_is_kept_as_given(tmp_path: Path) -> None:
    for url in ("http://127.0.0.1:8080/v1", "HTTPS://api.example.test/v1"):
        assert load_config({"base_url": url}, environ={}, cwd=tmp_path).base_url == url


def test_a_config_file_saved_by_a_windows_editor_is_read_or_named(tmp_path: Path) -> None:
    """With a byte-order mark it was 'not valid TOML: Invalid statement (at
    line 1, column 1)'; in UTF-16 the run ended with 'cannot continue:
    UnicodeDecodeError'."""
    path = tmp_path / "briefing.toml"
    path.write_bytes('\ufeffllm = "none"\r\nconcurrency = 2\r\n'.encode())
    config = load_config({}, environ={}, cwd=tmp_path)
    assert (config.llm, config.concurrency) == ("none", 2)
    path.write_bytes('llm = "none"\r\n'.encode("utf-16"))
    with pytest.raises(ConfigError, match=r"is UTF-16 text .*: save it as UTF-8$"):
        load_config({}, environ={}, cwd=tmp_path)
    path.write_bytes('model = "caf\xe9"\n'.encode("latin-1"))
    with pytest.raises(ConfigError, match=r"is not UTF-8 text: save it as UTF-8$"):
        load_config({}, environ={}, cwd=tmp_path)


def test_a_table_in_the_file_says_the_settings_are_not_in_tables(tmp_path: Path) -> None:
    """`[fetch]` then `per_host = 1` said "unknown key 'fetch' (known keys: ...)",
    which lists per_host as known."""
    (tmp_path / "briefing.toml").write_text(
        'model = "m"\n\n[fetch]\nper_host = 1\nhost_delay = 1.0\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError) as error:
        load_config({}, environ={}, cwd=tmp_path)
    assert str(error.value) == (
        f"{tmp_path / 'briefing.toml'}: [fetch] starts a table, and briefing's settings are "
        "not in tables: put the lines under it (host_delay, per_host) at the top level"
    )
