"""Fault injection and request counters, configurable at start and while running.

Faults apply to API requests that passed authentication (admin endpoints are never affected):

- ``latency``: seconds added to every API request.
- ``throttle_next`` / ``error_next``: the next N requests fail that way (deterministic); they
  are used up before the random rates are consulted.
- ``throttle_rate`` / ``error_rate``: probabilities from 0 to 1, drawn from a seedable
  ``random.Random``.
- Errors cycle through 503 ``ServiceUnavailable``, 500 ``InternalError`` and a 502 whose body is a
  load balancer's HTML page (not JSON), so N consecutive errors show every kind.
- ``drop_after_commit``: ``{action: count}``; the next ``count`` requests of that action are
  processed and committed, then the connection is closed without an answer.
"""

from __future__ import annotations

import copy
import dataclasses
import random
import threading
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Fault(Enum):
    """What to answer instead of processing a request."""

    THROTTLE = "throttle"
    UNAVAILABLE_503 = 503
    INTERNAL_500 = 500
    BAD_GATEWAY_502 = 502


_ERROR_CYCLE = (Fault.UNAVAILABLE_503, Fault.INTERNAL_500, Fault.BAD_GATEWAY_502)


@dataclass
class FaultConfig:
    """The fault settings in force; see the module docstring for each field."""

    throttle_rate: float = 0.0
    error_rate: float = 0.0
    latency: float = 0.0
    throttle_next: int = 0
    error_next: int = 0
    drop_after_commit: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _checked(name: str, value: Any) -> Any:
    """``value`` if it is valid for field ``name``; raises ValueError with the reason otherwise."""
    if name in ("throttle_rate", "error_rate"):
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise ValueError(f"{name} must be a number from 0 to 1")
        return float(value)
    if name == "latency":
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 60:
            raise ValueError("latency must be a number of seconds from 0 to 60")
        return float(value)
    if name in ("throttle_next", "error_next"):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"{name} must be a non-negative integer")
        return value
    if name == "drop_after_commit":
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and v >= 0
            for k, v in value.items()
        ):
            raise ValueError("drop_after_commit must map action names to non-negative counts")
        return {k: v for k, v in value.items() if v}
    raise ValueError(f"unknown fault setting {name!r}")


class Faults:
    """The fault configuration, its random source and the counters; thread-safe."""

    def __init__(self, config: FaultConfig | None = None, seed: int | None = None) -> None:
        self._lock = threading.Lock()
        self._seed = seed
        self._random = random.Random(seed)
        self._config = FaultConfig()
        self._cycle = 0
        self._requests: Counter[str] = Counter()
        self._tallies: Counter[str] = Counter()
        if config is not None:
            self.update(**config.to_dict())

    def update(self, **partial: Any) -> FaultConfig:
        """Change the given settings (others stay); raises ValueError on a bad name or value."""
        checked = {name: _checked(name, value) for name, value in partial.items()}
        with self._lock:
            self._config = dataclasses.replace(self._config, **checked)
            return copy.deepcopy(self._config)

    @property
    def config(self) -> FaultConfig:
        with self._lock:
            return copy.deepcopy(self._config)

    def reset(self) -> None:
        """No faults, zero counters, and the random source back at its seed."""
        with self._lock:
            self._config = FaultConfig()
            self._random = random.Random(self._seed)
            self._cycle = 0
            self._requests.clear()
            self._tallies.clear()

    def begin(self, action: str) -> tuple[float, Fault | None]:
        """Count a request of ``action``; return the latency to add and the fault to answer."""
        with self._lock:
            self._requests[action] += 1
            config = self._config
            fault: Fault | None = None
            if config.throttle_next:
                config.throttle_next -= 1
                fault = Fault.THROTTLE
            elif config.error_next:
                config.error_next -= 1
                fault = self._next_error()
            elif config.throttle_rate and self._random.random() < config.throttle_rate:
                fault = Fault.THROTTLE
            elif config.error_rate and self._random.random() < config.error_rate:
                fault = self._next_error()
            if fault is not None:
                self._tallies["throttled" if fault is Fault.THROTTLE else "errors"] += 1
            return config.latency, fault

    def _next_error(self) -> Fault:
        fault = _ERROR_CYCLE[self._cycle % len(_ERROR_CYCLE)]
        self._cycle += 1
        return fault

    def take_drop(self, action: str) -> bool:
        """Whether this (already committed) request of ``action`` must go unanswered."""
        with self._lock:
            remaining = self._config.drop_after_commit.get(action, 0)
            if not remaining:
                return False
            self._config.drop_after_commit[action] = remaining - 1
            if remaining == 1:
                del self._config.drop_after_commit[action]
            self._tallies["dropped"] += 1
            return True

    def counters(self) -> dict[str, Any]:
        """``{"requests": {action: n}, "throttled": n, "errors": n, "dropped": n}``."""
        with self._lock:
            return {
                "requests": dict(self._requests),
                "throttled": self._tallies["throttled"],
                "errors": self._tallies["errors"],
                "dropped": self._tallies["dropped"],
            }
