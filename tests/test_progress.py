"""What a run shows while it works: on a terminal, the stage it is in and
its counter on one line redrawn in place; in a pipe or a log, nothing but
the messages."""

from __future__ import annotations

import io

from briefing.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_sees_each_stage_even_one_that_counts_nothing() -> None:
    screen = Terminal()
    progress = Progress(1, screen)
    with progress.stage("group"):
        assert screen.getvalue().endswith("\rgroup…")
    with progress.stage("select", total=2) as tick:
        tick()
        tick()
    shown = screen.getvalue()
    assert "select: 2/2" in shown
    # Each stage's line is cleared when it ends: the next message starts clean.
    assert shown.count("\r\033[K") == 2 and shown.endswith("\r\033[K")


def test_a_pipe_gets_only_the_messages() -> None:
    pipe = io.StringIO()
    progress = Progress(1, pipe)
    with progress.stage("group"), progress.stage("select", total=1) as tick:
        tick()
    progress.info("wrote output/2026-11-22")
    assert pipe.getvalue() == "wrote output/2026-11-22\n"
