"""Ctrl-C and the child processes the harness starts (provider servers, emulators).

A terminal's Ctrl-C sends SIGINT to the whole foreground process group: to us and to every
child. A child still importing its modules would die of it with a traceback, and a Ctrl-C that
lands while we start or stop a child would leave it running untracked (with our stdout closed,
it later dies of a broken pipe, again with a traceback). The harness stops its children itself
(``ProviderServer`` on leaving its ``with``), so they start with SIGINT blocked, and starting
or stopping one holds Ctrl-C back until it is done.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

__all__ = ["sigint_deferred", "sigint_noted"]


@contextmanager
def sigint_noted(on_interrupt: Callable[[], None] | None = None) -> Iterator[None]:
    """In the main thread, have Ctrl-C only noted (and ``on_interrupt`` called) inside the
    block, then raised as KeyboardInterrupt when it ends. For what must not be cut short: a
    Pulumi program run interrupted inside the runtime's event loop can wait forever for a
    registration that will never finish, so the run is told to stop registering instead. In
    other threads, nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    noted: list[int] = []

    def note(signum: int, frame: FrameType | None) -> None:
        noted.append(signum)
        if on_interrupt is not None:
            on_interrupt()

    previous: Any = signal.signal(signal.SIGINT, note)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if noted and callable(previous):
            previous(signal.SIGINT, None)


@contextmanager
def sigint_deferred() -> Iterator[None]:
    """Hold back SIGINT while a child process is started or stopped; a Ctrl-C that came
    meanwhile is delivered afterwards. Children started inside inherit the blocked signal: they
    are stopped by us, not by the terminal. Blocking the signal holds it back in this thread
    only (another thread may take it, and Python then raises it in the main thread at once), so
    the handler is also swapped for one that only notes it (``sigint_noted``). Where signals
    cannot be blocked (Windows), only the latter applies."""
    with sigint_noted():
        if not hasattr(signal, "pthread_sigmask"):
            yield
            return
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            yield
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
