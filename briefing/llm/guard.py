"""Bounds on a run's model calls: a hard deadline per request and a breaker
shared by all of a run's calls.

httpx's timeouts bound each read, not a whole request: a server that sends a
byte a second never times out. `within` runs a request in a daemon thread and
gives up on it when its time is up, whatever the server does. `Breaker` is
tripped once the endpoint has failed for good (refused connections or
repeated 5xx after every retry, or two calls in a row that got no answer in
time) or the run's time limit is up; from then on
every call of the run fails at once with the same reason, so a dead endpoint
costs one call's retries, not every topic's. `completed` waits for a
pool's calls (model calls, feed and page fetches) so that Ctrl-C stops the
wait at once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from typing import TypeVar

__all__ = ["Breaker", "Overdue", "completed", "within"]

T = TypeVar("T")

# Calls in a row that time out after all their retries before a run stops asking.
SLOW_CALLS = 2


class Overdue(Exception):
    """A request that did not finish within its deadline."""


# How often a wait for an answer looks whether the run has stopped asking.
_POLL_SECONDS = 0.2


def within(call: Callable[[], T], seconds: float, stopped: threading.Event | None = None) -> T:
    """`call()`'s result, or Overdue when it takes more than `seconds` or
    `stopped` is set first (the run was interrupted: Ctrl-C must not wait for
    a slow answer).

    The call runs in a daemon thread; when it is overdue it is left to finish
    (or to die with the process) and its result is ignored."""
    done = threading.Event()
    outcome: list[T] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            outcome.append(call())
        except BaseException as exc:  # handed to the caller's thread
            failure.append(exc)
        finally:
            done.set()

    threading.Thread(target=target, daemon=True, name="llm-request").start()
    deadline = time.monotonic() + max(seconds, 0.0)
    while not done.wait(min(_POLL_SECONDS, max(deadline - time.monotonic(), 0.0))):
        if time.monotonic() >= deadline:
            raise Overdue(f"no complete answer within {seconds:g}s")
        if stopped is not None and stopped.is_set():
            raise Overdue("the run stopped asking")
    if failure:
        raise failure[0]
    return outcome[0]


def completed(futures: Iterable[Future[T]]) -> Iterator[Future[T]]:
    """`futures` as they complete, like `concurrent.futures.as_completed`,
    but the waiting thread wakes every _POLL_SECONDS: Ctrl-C may be delivered
    to any of the process's threads, and a main thread blocked on a lock
    with no timeout would not notice it until an answer came, a minute
    later for a server that never answers."""
    pending = set(futures)
    while pending:
        done, pending = wait(pending, timeout=_POLL_SECONDS, return_when=FIRST_COMPLETED)
        yield from done


class Breaker:
    """Whether a run may still ask the endpoint; shared by its threads.

    `run_timeout` (seconds from creation, None for no limit) is the time the
    run's calls may take in all."""

    def __init__(
        self, run_timeout: float | None = None, clock: Callable[[], float] = time.monotonic
    ):
        self._clock = clock
        self._deadline = None if run_timeout is None else clock() + run_timeout
        self._run_timeout = run_timeout
        self._reason: str | None = None
        self._slow = 0
        self._lock = threading.Lock()
        # Set when tripped: waits for an answer or before a retry end at once.
        self.stopped = threading.Event()

    @property
    def reason(self) -> str | None:
        """Why the run stopped asking, or None while it may ask; trips the
        breaker when the run's time is up."""
        with self._lock:
            if self._reason is None and self.remaining() <= 0:
                self._reason = (
                    f"the run's time limit of {self._run_timeout:g}s for model calls is up "
                    "(raise --run-timeout, or run_timeout in briefing.toml)"
                )
            return self._reason

    def remaining(self) -> float:
        """Seconds left of the run's time limit (infinite without one)."""
        return float("inf") if self._deadline is None else self._deadline - self._clock()

    def succeeded(self) -> None:
        """A call was answered: the endpoint works."""
        with self._lock:
            self._slow = 0

    def timed_out(self, reason: str) -> None:
        """A call got no answer in time after every retry. One such call may
        be a prompt the model is slow on; SLOW_CALLS in a row without an
        answer between them is an endpoint that does not answer."""
        with self._lock:
            self._slow += 1
            slow = self._slow
        if slow >= SLOW_CALLS:
            self.trip(reason)

    def trip(self, reason: str) -> None:
        """Stop the run's calls with `reason` (the first reason stays)."""
        with self._lock:
            if self._reason is None:
                self._reason = reason
        self.stopped.set()

    def pause(self, seconds: float) -> None:
        """Sleep `seconds` (before a retry), ending early if the breaker trips."""
        self.stopped.wait(max(seconds, 0.0))
