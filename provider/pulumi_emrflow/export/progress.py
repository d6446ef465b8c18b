"""Progress of an export on stderr: on a terminal one line redrawn in place, with a bar for the
kind being read one by one (jobs: their total is known once they are listed); otherwise plain
lines, at most one a second, so that logs stay short."""

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
        self._totals: dict[str, int] = {}
        self._lock = threading.Lock()
        self._shown = 0.0

    def __call__(self, what: str, n: int, total: int | None = None) -> None:
        with self._lock:
            self._counts[what] = self._counts.get(what, 0) + n
            if total is not None:
                self._totals[what] = total
            now = time.monotonic()
            if now - self._shown >= self._interval:
                self._shown = now
                self._show()

    def _line(self, bar: bool = False) -> str:
        parts = []
        for what, n in self._counts.items():
            total = self._totals.get(what)
            if bar and total and n < total:
                filled = 20 * n // total
                parts.append(f"{what} [{'#' * filled}{'.' * (20 - filled)}] {n}/{total}")
            else:
                parts.append(f"{n} {what}")
        return "export: read " + ", ".join(parts)

    def _show(self) -> None:
        if self._tty:
            self._stream.write("\r\033[K" + self._line(bar=True))
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
