"""Progress of an export on stderr: one line redrawn in place on a terminal, plain lines (at
most one per second) otherwise, so that logs stay short."""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO


class Progress:
    """Counts objects read per kind; callable as ``progress(what, n)`` from any thread."""

    def __init__(self, stream: TextIO | None = None, *, interval: float | None = None) -> None:
        self._stream = stream or sys.stderr
        self._tty = self._stream.isatty()
        self._interval = interval if interval is not None else (0.1 if self._tty else 1.0)
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()
        self._shown = 0.0

    def __call__(self, what: str, n: int) -> None:
        with self._lock:
            self._counts[what] = self._counts.get(what, 0) + n
            now = time.monotonic()
            if now - self._shown >= self._interval:
                self._shown = now
                self._show()

    def _line(self) -> str:
        return "export: read " + ", ".join(f"{n} {what}" for what, n in self._counts.items())

    def _show(self) -> None:
        if self._tty:
            self._stream.write("\r\033[K" + self._line())
        else:
            self._stream.write(self._line() + "\n")
        self._stream.flush()

    def done(self) -> None:
        with self._lock:
            if self._tty:
                self._stream.write("\r\033[K" + self._line() + "\n")
            else:
                self._stream.write(self._line() + "\n")
            self._stream.flush()
