"""The retry classifier and backoff, deterministic through injected random/clock/sleep."""

from __future__ import annotations

import pytest
from scripted_server import FakeClock, fake_policy

from pulumi_emrflow.api.retry import Failure, RetryPolicy, classify, retry_after_seconds


@pytest.mark.parametrize(
    ("code", "status", "kind"),
    [
        ("Throttling", 400, Failure.THROTTLING),
        ("Throttling.User", 400, Failure.THROTTLING),
        ("Throttling.Api", 429, Failure.THROTTLING),
        ("Anything", 429, Failure.THROTTLING),
        ("ServiceUnavailable", 503, Failure.TRANSIENT),
        ("InternalError", 500, Failure.TRANSIENT),
        ("HttpError", 502, Failure.TRANSIENT),
        ("HttpError", 504, Failure.TRANSIENT),
        ("Weird", 500, Failure.TRANSIENT),
        ("InvalidParameter", 400, Failure.FATAL),
        ("SignatureDoesNotMatch", 400, Failure.FATAL),
        ("FLOW_API_FAILED", 400, Failure.FATAL),
        ("Forbidden.RAM", 403, Failure.FATAL),
        ("Throttling.Foo", 400, Failure.FATAL),
    ],
)
def test_classify(code: str, status: int, kind: Failure) -> None:
    assert classify(code, status) is kind


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("1500", 1.5), (" 42 ", 0.042), ("0", None), ("-1", None), ("soon", None), ("", None)],
)
def test_retry_after_is_milliseconds(value: str, seconds: float | None) -> None:
    assert retry_after_seconds({"x-acs-retry-after": value}) == seconds
    assert retry_after_seconds({}) is None


def test_full_jitter_grows_then_caps(clock: FakeClock) -> None:
    policy = fake_policy(clock, random=lambda: 1.0, base_delay=0.1, max_delay=1.0)
    ceilings = [policy.backoff(n, Failure.TRANSIENT) for n in range(1, 7)]
    assert ceilings == pytest.approx([0.1, 0.2, 0.4, 0.8, 1.0, 1.0])
    throttled = [policy.backoff(n, Failure.THROTTLING) for n in range(1, 3)]
    assert throttled == pytest.approx([1.0, 1.0])  # throttle base 1.0, capped at max 1.0
    half = fake_policy(clock, random=lambda: 0.5, throttle_base_delay=0.3, max_delay=20)
    assert half.backoff(2, Failure.THROTTLING) == pytest.approx(0.3)
    zero = fake_policy(clock, random=lambda: 0.0)
    assert zero.backoff(3, Failure.TRANSIENT) == 0.0


def test_next_delay_stops_at_max_attempts_and_on_fatal(clock: FakeClock) -> None:
    policy = fake_policy(clock, max_attempts=3)
    started = clock()
    assert policy.next_delay(1, Failure.TRANSIENT, started) == pytest.approx(0.05)
    assert policy.next_delay(2, Failure.NOT_SENT, started) == pytest.approx(0.1)
    assert policy.next_delay(3, Failure.TRANSIENT, started) is None
    assert policy.next_delay(1, Failure.FATAL, started) is None


def test_retry_after_wins_and_is_capped(clock: FakeClock) -> None:
    policy = fake_policy(clock, max_retry_after=5.0)
    started = clock()
    assert policy.next_delay(1, Failure.THROTTLING, started, retry_after=2.5) == 2.5
    assert policy.next_delay(1, Failure.THROTTLING, started, retry_after=99.0) == 5.0


def test_deadline_refuses_a_wait_that_would_pass_it(clock: FakeClock) -> None:
    policy = fake_policy(clock, deadline=10.0, max_attempts=100)
    started = clock()
    clock.now += 9.0
    assert policy.next_delay(1, Failure.THROTTLING, started, retry_after=0.5) == 0.5
    assert policy.next_delay(1, Failure.THROTTLING, started, retry_after=1.5) is None
    assert policy.remaining(started) == pytest.approx(1.0)


def test_policy_validation() -> None:
    with pytest.raises(ValueError):
        RetryPolicy(max_attempts=0)
    with pytest.raises(ValueError):
        RetryPolicy(deadline=0)
