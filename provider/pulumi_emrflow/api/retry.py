"""When to try a call again, and how long to wait first (botocore's standard mode, adapted).

Small parts: ``classify`` sorts a failure into throttling / transient / not-sent / lost /
fatal, by exact code and status; ``RetryPolicy.next_delay`` decides whether another attempt fits
(attempts left AND the total deadline not passed) and returns a capped full-jitter delay
(``random() * min(cap, base * 2**(attempt - 1))``, a larger base for throttling), or the server's
``x-acs-retry-after`` wait when it sent one. That header is in **milliseconds**: the Darabonba
runtime behind alibabacloud_tea_openapi passes it unchanged to ``DaraCore.sleep(millisecond)``.

Whether a kind is retried also depends on the call: a request that reached the server and got no
answer (``LOST``) is retried only when the operation is idempotent; the client raises
OutcomeUnknownError for the others. ``NOT_SENT`` (no connection was made) is safe for every call.
"""

from __future__ import annotations

import enum
import random as _random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from pulumi_emrflow.api.errors import THROTTLING_CODES, TRANSIENT_CODES, TRANSIENT_STATUSES

RETRY_AFTER_HEADER = "x-acs-retry-after"


class Failure(enum.Enum):
    THROTTLING = "throttling"
    """The server refused the call for rate; nothing happened."""
    TRANSIENT = "transient"
    """A server-side hiccup (InternalError, ServiceUnavailable, HTTP 5xx)."""
    NOT_SENT = "not-sent"
    """No connection was established (refused, connect timeout, DNS)."""
    LOST = "lost"
    """The request went out and no answer came back (read timeout, connection dropped)."""
    FATAL = "fatal"
    """Anything else: the answer will not change by asking again."""


def classify(code: str, http_status: int) -> Failure:
    """Sort a service error by its exact code first, then its HTTP status."""
    if code in THROTTLING_CODES or http_status == 429:
        return Failure.THROTTLING
    if code in TRANSIENT_CODES or http_status in TRANSIENT_STATUSES:
        return Failure.TRANSIENT
    return Failure.FATAL


def retry_after_seconds(headers: Mapping[str, str]) -> float | None:
    """The server's requested wait in seconds; None unless the header is a positive integer."""
    raw = headers.get(RETRY_AFTER_HEADER)
    if raw is None:
        return None
    try:
        millis = int(raw.strip())
    except ValueError:
        return None
    return millis / 1000.0 if millis > 0 else None


@dataclass(frozen=True)
class RetryPolicy:
    """Bounds and backoff for one call. ``sleep``, ``random`` and ``clock`` are injectable.

    ``max_attempts`` counts every request, the first included. ``deadline`` bounds the whole call
    in seconds (measured with ``clock`` from the first attempt): no retry starts, and no wait is
    begun, that would end after it. While the service answers (throttling, server errors, lost
    answers to reads), the deadline is what ends a call: real throttling comes in bursts per
    account. A service that cannot be reached at all (``NOT_SENT``) gets at most
    ``max_unreachable_attempts``, so a wrong or dead endpoint fails fast. ``max_retry_after``
    caps a server-requested wait.
    """

    max_attempts: int = 30
    max_unreachable_attempts: int = 5
    deadline: float = 60.0
    base_delay: float = 0.1
    throttle_base_delay: float = 1.0
    max_delay: float = 20.0
    max_retry_after: float = 30.0
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)
    random: Callable[[], float] = field(default=_random.random, compare=False)
    clock: Callable[[], float] = field(default=time.monotonic, compare=False)

    def __post_init__(self) -> None:
        if self.max_attempts < 1 or self.max_unreachable_attempts < 1:
            raise ValueError("max_attempts and max_unreachable_attempts must be at least 1")
        if self.deadline <= 0 or self.base_delay < 0 or self.max_delay < 0:
            raise ValueError("deadline must be positive and delays not negative")

    def backoff(self, attempt: int, kind: Failure) -> float:
        """Full jitter after the ``attempt``-th request (1-based) failed with ``kind``."""
        base = self.throttle_base_delay if kind is Failure.THROTTLING else self.base_delay
        ceiling = min(self.max_delay, base * 2.0 ** (attempt - 1))
        return self.random() * ceiling

    def next_delay(
        self,
        attempt: int,
        kind: Failure,
        started: float,
        retry_after: float | None = None,
    ) -> float | None:
        """Seconds to wait before attempt ``attempt + 1``, or None when the call must stop:
        ``kind`` is fatal, attempts are used up, or the wait would pass the deadline."""
        limit = self.max_attempts
        if kind is Failure.NOT_SENT:
            limit = min(limit, self.max_unreachable_attempts)
        if kind is Failure.FATAL or attempt >= limit:
            return None
        if retry_after is not None:
            delay = min(retry_after, self.max_retry_after)
        else:
            delay = self.backoff(attempt, kind)
        if self.clock() + delay - started > self.deadline:
            return None
        return delay

    def remaining(self, started: float) -> float:
        """Seconds left before the deadline (may be negative)."""
        return self.deadline - (self.clock() - started)


DEFAULT_RETRY_POLICY = RetryPolicy()
