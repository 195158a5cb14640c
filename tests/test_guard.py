"""Waiting for a run's model calls: Ctrl-C stops the wait at once, whichever
of the process's threads the signal reaches."""

from __future__ import annotations

import signal
import threading
import time
from concurrent.futures import Future

import pytest

from briefing.llm.guard import completed


def test_ctrl_c_that_reaches_another_thread_still_stops_the_wait() -> None:
    """The kernel may hand Ctrl-C to any thread; a main thread blocked on a
    lock with no timeout would wait for the next answer (a minute, from a
    server that never answers). Here the answer comes after 5 s."""
    # Ctrl-C as a terminal delivers it, whatever the test process inherited.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    answer: Future[str] = Future()
    threading.Timer(5.0, answer.set_result, ("late",)).start()

    def press_ctrl_c() -> None:
        time.sleep(0.3)
        signal.pthread_kill(threading.get_ident(), signal.SIGINT)  # not the main thread

    threading.Thread(target=press_ctrl_c).start()
    start = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            for _ in completed([answer]):
                pass
        assert time.monotonic() - start < 3
    finally:
        signal.signal(signal.SIGINT, previous)


def test_answers_come_as_they_complete() -> None:
    first: Future[int] = Future()
    second: Future[int] = Future()
    threading.Timer(0.3, first.set_result, (1,)).start()
    second.set_result(2)
    assert [f.result() for f in completed([first, second])] == [2, 1]
