"""A fake OpenAI-compatible server that speaks real HTTP on loopback.

    with FakeOpenAI() as server:
        server.push({"title": ..., "summary": ...})          # answers, in order
        server.push(Reply(status=429, headers={"Retry-After": "1"}))
        client = OpenAI(base_url=server.base_url, api_key="x")

POST /v1/chat/completions answers with the next queued reply, or else what
`responder(request_json)` returns; GET /v1/models lists one model. Every
request body is recorded in `server.requests`. A reply can be an error
status with headers, a delay, a hang (no answer until the server stops), or
a trickle (the body sent a byte at a time). `refused_url()` is an endpoint
where nothing listens (connections are refused).
`reject_json_schema` makes the server refuse response_format json_schema
with 400, as servers without structured outputs do.
"""

from __future__ import annotations

import json
import re
import socket
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from briefing.text import split_sentences


@dataclass
class Reply:
    """One scripted answer: `content` is the assistant message (a dict is sent
    as its JSON); a `status` other than 200 sends an OpenAI-style error."""

    content: str | dict[str, Any] | None = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    hang: bool = False
    message: str = "scripted error"
    # Seconds between bytes of the body: a server that answers, but slowly
    # enough that no single read ever times out.
    trickle: float = 0.0


Responder = Callable[[dict[str, Any]], "Reply | str | dict[str, Any]"]


class FakeOpenAI:
    def __init__(self, responder: Responder | None = None, model: str = "fake") -> None:
        self.responder = responder
        self.model = model
        self.queue: deque[Reply] = deque()
        self.requests: list[dict[str, Any]] = []
        self.delay = 0.0
        self.reject_json_schema = False
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def push(self, *replies: Reply | str | dict[str, Any]) -> None:
        """Queue replies; each request takes the next one."""
        for reply in replies:
            self.queue.append(_as_reply(reply))

    def __enter__(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()  # release hung handlers
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _next(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            self.requests.append(body)
            fmt = body.get("response_format") or {}
            if self.reject_json_schema and fmt.get("type") == "json_schema":
                return Reply(status=400, message="response_format 'json_schema' is not supported")
            if self.queue:
                return self.queue.popleft()
        if self.responder is not None:
            return _as_reply(self.responder(body))
        return Reply(status=500, message="the fake server has no reply scripted")

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def _send(
                self, status: int, payload: object, headers: dict[str, str], trickle: float = 0.0
            ) -> None:
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    if not trickle:
                        self.wfile.write(data)
                    for i in range(len(data) if trickle else 0):
                        self.wfile.write(data[i : i + 1])
                        self.wfile.flush()
                        if fake._stop.wait(trickle):
                            return
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def do_GET(self) -> None:
                if self.path.rstrip("/") == "/v1/models":
                    models = [
                        {"id": fake.model, "object": "model", "created": 0, "owned_by": "test"}
                    ]
                    self._send(200, {"object": "list", "data": models}, {})
                else:
                    self._send(404, {"error": {"message": "not found"}}, {})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                if self.path.rstrip("/") != "/v1/chat/completions":
                    self._send(404, {"error": {"message": "not found"}}, {})
                    return
                reply = fake._next(body)
                if reply.hang:
                    fake._stop.wait(30)
                    return
                if fake.delay or reply.delay:
                    fake._stop.wait(fake.delay + reply.delay)
                if reply.status != 200:
                    error = {"message": reply.message, "type": "invalid_request_error"}
                    self._send(reply.status, {"error": error}, reply.headers)
                    return
                content = reply.content
                text = content if isinstance(content, str) else json.dumps(content)
                prompt = sum(len(str(m.get("content", ""))) for m in body.get("messages", []))
                usage = {"prompt_tokens": prompt // 4, "completion_tokens": len(text) // 4}
                usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
                self._send(
                    200,
                    {
                        "id": f"chatcmpl-{len(fake.requests)}",
                        "object": "chat.completion",
                        "created": 0,
                        "model": body.get("model", fake.model),
                        "choices": [
                            {
                                "index": 0,
                                "message": {"role": "assistant", "content": text},
                                "finish_reason": "stop",
                            }
                        ],
                        "usage": usage,
                    },
                    reply.headers,
                    reply.trickle,
                )

        return Handler


def refused_url() -> str:
    """The base URL of a loopback port where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


def _as_reply(reply: Reply | str | dict[str, Any]) -> Reply:
    return reply if isinstance(reply, Reply) else Reply(content=reply)


def user_prompt(request: dict[str, Any]) -> str:
    """The text of the last user message of a recorded request."""
    return str([m for m in request["messages"] if m["role"] == "user"][-1]["content"])


_ARTICLE = re.compile(r"^Article (A\d+) \| (English|Arabic)", re.MULTILINE)
_PARAGRAPH = re.compile(r"^#(\d+) (.*)$", re.MULTILINE)


def sources(prompt: str) -> list[tuple[str, str, int, str]]:
    """(label, language, paragraph number, text) for each paragraph shown."""
    found = []
    heads = list(_ARTICLE.finditer(prompt))
    for i, head in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(prompt)
        for p in _PARAGRAPH.finditer(prompt, head.end(), end):
            found.append((head.group(1), head.group(2), int(p.group(1)), p.group(2)))
    return found


def echo_summary(request: dict[str, Any]) -> dict[str, Any]:
    """A model that quotes the first sentence of the first paragraph it is
    shown in each language (a repair request gets no repairs)."""
    prompt = user_prompt(request)
    if "Sentences to repair" in prompt:
        return {"sentences": []}
    summary: dict[str, list[dict[str, Any]]] = {"ar": [], "en": []}
    for label, language, number, text in sources(prompt):
        lang = "ar" if language == "Arabic" else "en"
        if not summary[lang]:
            sentence = split_sentences(text)[0]
            summary[lang].append(
                {"text": sentence, "citations": [{"article": label, "paragraph": number}]}
            )
    return {"title": {"ar": "موجز", "en": "Briefing"}, "summary": summary}
