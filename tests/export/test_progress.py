"""Progress: a bar redrawn in place on a terminal, plain lines (at most one a second) in logs."""

from __future__ import annotations

import io

from pulumi_emrflow.export.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_bar_redrawn_in_place() -> None:
    screen = Terminal()
    progress = Progress(screen, interval=0)
    progress("projects", 1)
    progress("jobs", 0, 4)
    for _ in range(4):
        progress("jobs", 1)
    progress.done()
    text = screen.getvalue()
    assert "jobs [##########..........] 2/4" in text
    assert text.endswith("\r\033[Kexport: read 1 projects, 4 jobs\n")
    assert text.count("\n") == 1


def test_a_log_gets_plain_lines_at_most_once_a_second() -> None:
    log = io.StringIO()
    progress = Progress(log)
    for _ in range(1000):
        progress("jobs", 1)
    progress.done()
    lines = log.getvalue().splitlines()
    assert lines[-1] == "export: read 1000 jobs"
    assert len(lines) <= 3 and "\r" not in log.getvalue()
