"""Run a local GGUF model behind an OpenAI-compatible server (`--llm local`).

`local_server(path)` starts llama-cpp-python's server (the `[local]` extra)
on a free loopback port in its own process group, waits until it answers
GET /v1/models, yields its base URL, and stops it on the way out, also on
Ctrl-C, on an error, at interpreter exit, and (on Linux) when this process
dies. The server is started through a small launcher so that llama.cpp's
weight repacking ("extra buffer types") is off: on CPUs with AMX the
repacked weights have given wrong results.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import importlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from ..errors import ConfigError, LLMError

STARTUP_TIMEOUT = 180.0
STOP_TIMEOUT = 5.0

# Runs in the server's process. Newer llama-cpp-python versions may expose
# the switch as a model setting; older ones only through the default model
# parameters of the C library, which the server's Llama() starts from.
_LAUNCHER = r"""
import os
import sys
import threading
import time

# Leave as soon as briefing is gone, however it went (SIGTERM, SIGKILL, a
# crash): the death signal alone starts uvicorn's graceful shutdown, which
# waits for a generation in progress to finish, minutes on a slow machine.
parent = os.getppid()


def watch_parent():
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(0)


threading.Thread(target=watch_parent, daemon=True).start()

import uvicorn
import llama_cpp.llama_cpp as native
from llama_cpp.server.app import create_app
from llama_cpp.server.settings import ModelSettings, ServerSettings

path, alias, host, port, n_ctx, n_threads = sys.argv[1:7]
extra = {}
if "use_extra_bufts" in ModelSettings.model_fields:
    extra["use_extra_bufts"] = False
else:
    default_params = native.llama_model_default_params

    def no_repack():
        params = default_params()
        if any(name == "use_extra_bufts" for name, *_ in type(params)._fields_):
            params.use_extra_bufts = False
        return params

    native.llama_model_default_params = no_repack
model = ModelSettings(
    model=path, model_alias=alias, n_ctx=int(n_ctx), n_threads=int(n_threads),
    n_threads_batch=int(n_threads), verbose=False, **extra,
)
app = create_app(
    server_settings=ServerSettings(host=host, port=int(port)), model_settings=[model]
)
uvicorn.run(app, host=host, port=int(port), log_level="warning")
"""


def available() -> bool:
    """True if llama-cpp-python's server can be imported (the `[local]` extra)."""
    try:
        importlib.import_module("llama_cpp.server")
    except ImportError:
        return False
    return True


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _die_with_parent() -> None:
    """In the child before exec: get SIGTERM when the parent dies (Linux)."""
    os.setsid()
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server's whole process group: SIGTERM, then SIGKILL."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=STOP_TIMEOUT)


def _answers(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/models", timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def _tail(log: Path, lines: int = 15) -> str:
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.strip().splitlines()[-lines:])


def _check_can_serve(model_path: Path) -> None:
    """Raise ConfigError unless the model file and the `[local]` extra are there."""
    if not model_path.is_file():
        raise ConfigError(f"the local model {model_path} does not exist; pass a .gguf file")
    try:
        with model_path.open("rb") as handle:
            start = handle.read(64)
    except OSError as error:
        raise ConfigError(f"cannot read the local model {model_path}: {error.strerror}") from None
    if not start.startswith(b"GGUF"):
        # Often a model site's web page, saved by a link to the page and not the file:
        # llama.cpp then failed with a Python traceback.
        page = b"<" in start[:16].lower()
        raise ConfigError(
            f"the local model {model_path} is not a GGUF file"
            + (" but a web page (download the file itself, not its page)" if page else "")
            + "; pass a .gguf model file"
        )
    if not available():
        raise ConfigError(
            "--llm local needs llama-cpp-python's server: pip install 'briefing[local]'"
        )


def _start(
    model_path: Path, alias: str, port: int, n_ctx: int, threads: int, log: Path
) -> subprocess.Popen[bytes]:
    """Start the server through the launcher, its output going to `log`, in
    its own process group (and, on Linux, to die with this process)."""
    with log.open("wb") as out:
        return subprocess.Popen(
            [
                sys.executable,
                "-c",
                _LAUNCHER,
                str(model_path),
                alias,
                "127.0.0.1",
                str(port),
                str(n_ctx),
                str(threads),
            ],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent if os.name == "posix" else None,
        )


def _wait_until_ready(
    process: subprocess.Popen[bytes], base_url: str, log: Path, startup_timeout: float
) -> None:
    """Return once the server answers; raise LLMError, with its last output,
    if it stops first or does not answer within `startup_timeout` seconds."""
    deadline = time.monotonic() + startup_timeout
    while not _answers(base_url):
        if process.poll() is not None:
            raise LLMError(
                f"the local model server stopped while starting (exit "
                f"{process.returncode}); its last output:\n{_tail(log)}"
            )
        if time.monotonic() > deadline:
            raise LLMError(
                f"the local model server did not answer within {startup_timeout:g}s; "
                f"its last output:\n{_tail(log)}"
            )
        time.sleep(0.2)


@contextlib.contextmanager
def local_server(
    model_path: Path,
    *,
    alias: str | None = None,
    n_ctx: int = 8192,
    threads: int | None = None,
    startup_timeout: float = STARTUP_TIMEOUT,
) -> Iterator[str]:
    """Serve the GGUF model at `model_path` on loopback for the duration of
    the `with` block and yield its base URL (".../v1"). Requests name the
    model `alias` (default: the file's stem). Raises ConfigError when the
    model file or the `[local]` extra is missing, LLMError when the server
    does not come up within `startup_timeout` seconds."""
    _check_can_serve(model_path)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/v1"
    threads = threads or max(1, os.cpu_count() or 1)
    with tempfile.TemporaryDirectory(prefix="briefing-llm-") as tmp:
        log = Path(tmp) / "server.log"
        process = _start(model_path, alias or model_path.stem, port, n_ctx, threads, log)
        stop = functools.partial(_stop, process)
        atexit.register(stop)
        try:
            _wait_until_ready(process, base_url, log, startup_timeout)
            yield base_url
        finally:
            stop()
            atexit.unregister(stop)
