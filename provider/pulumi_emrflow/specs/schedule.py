"""Kinds of a flow's schedule: a Quartz cron expression and the instants of its window.

The service takes Quartz expressions (seconds first, ``?`` in day-of-month or day-of-week, an
optional year; emr-flow-api.md 3.14). Parsing and iterating them is croniter's job
(``second_at_beginning``); the only translation done here is Quartz's day-of-week numbering
(1 = Sunday ... 7 = Saturday) to cron's (0 = Sunday), so that numbered days mean what Quartz
means. croniter is imported on first use: a spec load does not pay for it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pulumi_emrflow.specs.kinds import Boolean, Integer, Props, Text, show
from pulumi_emrflow.specs.unknowns import is_unknown

if TYPE_CHECKING:
    from croniter import croniter

FIELDS = ("seconds", "minutes", "hours", "day-of-month", "month", "day-of-week", "year")
_DOM, _DOW = 3, 5
_PROBE = ["0", "0", "0", "*", "*", "?", "*"]
"""An expression every field of which is valid: one field of the user's is put in to test it."""
_DOW_NUMBER = re.compile(r"(?<![#/\d])(\d+)")


def quartz_fields(expr: str) -> list[str] | str:
    """The 6 or 7 fields of ``expr``, or why it does not have them."""
    fields = expr.split()
    if len(fields) not in (6, 7):
        return (
            f"has {len(fields)} fields; a Quartz expression has 6 or 7 "
            f"({', '.join(FIELDS[:6])}[, year]), e.g. '0 30 2 * * ?'"
        )
    return fields


def _as_cron(fields: list[str]) -> str | None:
    """The expression croniter reads (day-of-week renumbered), or None for a day number
    outside Quartz's 1-7."""
    days: list[int] = []

    def renumber(match: re.Match[str]) -> str:
        days.append(int(match.group(1)))
        return str(int(match.group(1)) - 1)

    dow = _DOW_NUMBER.sub(renumber, fields[_DOW].replace("?", "*"))
    if any(not 1 <= day <= 7 for day in days):
        return None
    dom = fields[_DOM].replace("?", "*")
    return " ".join([*fields[:_DOM], dom, fields[4], dow, *fields[6:]])


@lru_cache(maxsize=256)
def quartz_problem(expr: str) -> str | None:
    """Why ``expr`` is not a Quartz expression the service runs (naming the field), or None."""
    fields = quartz_fields(expr)
    if isinstance(fields, str):
        return fields
    if (fields[_DOM] == "?") == (fields[_DOW] == "?"):
        return (
            "needs '?' in exactly one of day-of-month and day-of-week (Quartz), "
            f"here {show(fields[_DOM])} and {show(fields[_DOW])}"
        )
    if _iterator(fields) is not None:
        return None
    for i, value in enumerate(fields):
        probe = _PROBE[: len(fields)]
        probe[i] = value
        if i == _DOM and value != "?":
            probe[_DOW] = "?"
        if i == _DOW and value != "?":
            probe[_DOM] = "?"
        if _iterator(probe) is None:
            allowed = " (1 = Sunday ... 7 = Saturday, or SUN-SAT)" if i == _DOW else ""
            return f"field {i + 1} ({FIELDS[i]}) {show(value)} is not valid{allowed}"
    return "is not a valid Quartz expression"


def _iterator(fields: list[str], start: datetime | None = None) -> croniter | None:
    from croniter import croniter

    cron = _as_cron(fields)
    if cron is None:
        return None
    try:
        return croniter(cron, start or datetime(2000, 1, 1, tzinfo=UTC), second_at_beginning=True)
    except (ValueError, KeyError, TypeError):  # croniter's errors are ValueErrors
        return None


def fire_times(expr: str, start: datetime, end: datetime, limit: int = 1000) -> list[datetime]:
    """The instants in (``start``, ``end``] at which ``expr`` fires, at most ``limit`` of them."""
    fields = quartz_fields(expr)
    if isinstance(fields, str):
        raise ValueError(f"cron_expr {fields}")
    iterator = _iterator(fields, start)
    if iterator is None:
        raise ValueError(f"cron_expr {quartz_problem(expr)}")
    times: list[datetime] = []
    while len(times) < limit:
        try:
            moment: datetime = iterator.get_next(datetime)
        except (StopIteration, ValueError):  # a year field that has run out, in croniter's way
            break
        if moment > end:
            break
        times.append(moment)
    return times


def describe(expr: str) -> str:
    """The expression in English words (cron-descriptor), or the expression when it cannot."""
    from cron_descriptor import ExpressionDescriptor, Options

    options = Options()
    options.day_of_week_start_index_zero = False  # Quartz numbers Sunday 1
    options.use_24hour_time_format = True
    try:
        return str(ExpressionDescriptor(expr, options).get_description())
    except Exception:  # any failure to describe leaves the expression as is
        return expr


class QuartzCron(Text):
    """A Quartz cron expression; ``requires`` is the field it cannot go without."""

    def __init__(self, requires: str) -> None:
        super().__init__(max_length=256)
        self.requires = requires

    def validate(self, value: Any, ctx: Props) -> str | None:
        reason = super().validate(value, ctx)
        if reason is not None:
            return reason
        if not value.strip():
            return None  # "" clears it
        problem = quartz_problem(value.strip())
        if problem:
            return f"{show(value)} {problem}"
        if ctx.get(self.requires) is None:
            return f"a schedule needs {self.requires} (when the first run may happen)"
        return None

    def canonical(self, value: Any, ctx: Props) -> Any:
        return " ".join(value.split()) if isinstance(value, str) else value


def epoch_ms(value: Any) -> int | str:
    """``value`` (an aware datetime, ISO 8601 text with an offset, or epoch ms) as epoch ms, or
    why it is none of these."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            return f"{show(value)} is not an ISO 8601 time (e.g. 2026-12-01T02:00:00+08:00)"
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and not value.is_integer():
            return f"expected whole epoch milliseconds, got {show(value)}"
        return int(value) if value >= 0 else f"{int(value)} is before 1970"
    else:
        return f"expected a datetime, ISO 8601 text or epoch milliseconds, got {show(value)}"
    if moment.tzinfo is None or moment.utcoffset() is None:
        return f"{show(value)} has no time zone; give one (+08:00, Z) so the instant is certain"
    return int(moment.timestamp() * 1000)


class Instant(Integer):
    """A moment, stored as epoch milliseconds (the service's form, so a refresh shows no diff);
    a program may give an aware datetime, ISO 8601 text or epoch ms. ``after`` names the field
    it must be later than."""

    doc_type = "datetime | str | int"
    text_valued = False
    clear_value: Any = None  # the service has no documented way to unset one: removal replaces

    def __init__(self, after: str | None = None) -> None:
        super().__init__(0)
        self.after = after

    def input_type(self) -> str:
        return "datetime.datetime | str | int"

    def output_type(self) -> str:
        return "int"

    def validate(self, value: Any, ctx: Props) -> str | None:
        ms = epoch_ms(value)
        if isinstance(ms, str):
            return ms
        if ms > 253402300799999:
            return f"{show(value)} is after the year 9999"
        if self.after is not None:
            earlier = ctx.get(self.after)
            if earlier is not None and not is_unknown(earlier):
                start = epoch_ms(earlier)
                if isinstance(start, int) and ms <= start:
                    return f"must be after {self.after} ({_iso(start)}), got {_iso(ms)}"
        return None

    def coerce(self, value: Any) -> Any:
        ms = epoch_ms(value)
        return ms if isinstance(ms, int) else value

    def to_api(self, value: Any, ctx: Props) -> Any:
        return self.coerce(value)

    def canonical(self, value: Any, ctx: Props) -> Any:
        if value is None:
            return None
        return self.coerce(value)


def _iso(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).isoformat().replace("+00:00", "Z")


class Switch(Boolean):
    """A bool sent as one of two words (a flow's ``Status``: UNDER_SCHEDULE / STOP_SCHEDULE)."""

    clear_value: Any

    def __init__(self, on: str, off: str) -> None:
        self.on, self.off = on, off
        self.clear_value = off

    def to_api(self, value: Any, ctx: Props) -> Any:
        return self.on if value else self.off

    def from_api(self, raw: Any) -> Any:
        if raw is None or raw == "":
            return None
        return raw == self.on or raw is True
