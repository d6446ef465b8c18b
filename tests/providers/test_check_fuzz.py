"""Check over every resource kind, fuzzed: any input yields checked inputs or failures.

No exception escapes (a traceback is what `pulumi preview` would show), no API call is made
(the provider is pointed at an emulator whose counters must stay at zero), no failure text
quotes a value that may be secret (a password custom variable, in any shape the user may give),
and no failure text grows with the input (a 1 MB name must not make a 1 MB error).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pulumi_emrflow.emulator import Emulator
from pulumi_emrflow.providers.lifecycle import EmrFlowProvider
from pulumi_emrflow.specs import get_spec, spec_names

SECRET = "Zq8-fuzz-secret-value"
MAX_REASON = 1000
HUGE = "n" * 1_000_000
DEEP_BRACKETS = "[" * 100_000
DEEP_JSON = "[" * 5000 + "]" * 5000
DEEP_OBJECT = '{"a":' * 5000 + "1" + "}" * 5000

odd_strings = st.sampled_from(
    [
        "",
        " ",
        "\t\n",
        "\x00",
        "\u200b",
        "0",
        "-1",
        "1e20",
        "true",
        "null",
        "FP-",
        "FJ-1234567890ABCDEF",
        "FP-1234567890ABCDEF",
        "FC-1234567890ABCDEF",
        "C-1234567890ABCDEF",
        "oss://bucket/a.jar",
        "SHELL",
        "JOB",
        "{}",
        "[]",
        '{"a": 1}',
        '{"variables": []}',
        DEEP_BRACKETS,
        DEEP_JSON,
        DEEP_OBJECT,
    ]
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    odd_strings,
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)

password_variable = st.fixed_dictionaries(
    {"name": st.sampled_from(["db_password", "token", "x"]), "value": st.just(SECRET)},
    optional={"password": st.sampled_from([True, "true", 1, False, None])},
)
secret_shapes = st.one_of(
    password_variable,  # the list brackets forgotten
    st.lists(password_variable, min_size=1, max_size=3),
    st.lists(st.one_of(password_variable, values), min_size=1, max_size=3),
    st.builds(lambda v: {"variables": v}, st.lists(password_variable, min_size=1, max_size=2)),
    st.builds(lambda v: {"variables": v}, password_variable),
    st.builds(lambda v: {"variables": v, "scope": 1}, st.lists(password_variable, max_size=2)),
    st.builds(lambda v: json.dumps({"variables": v}), st.lists(password_variable, max_size=2)),
    st.builds(json.dumps, password_variable),
    st.builds(lambda v: json.dumps(v)[:-1], st.lists(password_variable, min_size=1, max_size=2)),
    st.builds(lambda v: {"name": "p", "value": SECRET, "password": True, "extra": v}, values),
)


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    with Emulator() as emu:
        yield emu


@pytest.fixture(scope="module")
def providers(emulator: Emulator) -> Iterator[dict[str, EmrFlowProvider]]:
    with pytest.MonkeyPatch.context() as mp:
        for key, value in emulator.env().items():
            mp.setenv(key, value)
        yield {name: EmrFlowProvider(name) for name in spec_names()}


def _inputs(spec_name: str) -> st.SearchStrategy[dict[str, Any]]:
    spec = get_spec(spec_name)
    fields = {f.name: values for f in spec.fields}
    for f in spec.fields:
        if f.secret:
            fields[f.name] = st.one_of(secret_shapes, values)
    fields["not_a_property"] = values
    return st.fixed_dictionaries({}, optional=fields)


def _assert_clean(provider: EmrFlowProvider, news: dict[str, Any], emulator: Emulator) -> None:
    result = provider.check({}, news)  # any exception fails the test with its traceback
    for failure in result.failures or []:
        assert SECRET not in failure.reason, failure.property
        assert emulator.access_key_secret not in failure.reason
        assert len(failure.reason) <= MAX_REASON, (failure.property, len(failure.reason))


@pytest.mark.parametrize("spec_name", spec_names())
def test_check_never_raises_calls_or_leaks(
    spec_name: str, providers: dict[str, EmrFlowProvider], emulator: Emulator
) -> None:
    # Derandomized: the same 700 cases on every run, so CI never turns red by chance (a wider
    # search: HYPOTHESIS_SEED=<n> with derandomize off, as done when this test was written).
    @settings(
        max_examples=700,
        derandomize=True,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(_inputs(spec_name))
    def run(news: dict[str, Any]) -> None:
        _assert_clean(providers[spec_name], news, emulator)

    run()
    assert sum(emulator.counters()["requests"].values()) == 0


@pytest.mark.parametrize("spec_name", spec_names())
@pytest.mark.parametrize("value", [HUGE, DEEP_BRACKETS, DEEP_JSON, DEEP_OBJECT, "", 0, False])
def test_every_field_takes_extreme_values(
    spec_name: str, value: Any, providers: dict[str, EmrFlowProvider], emulator: Emulator
) -> None:
    for f in get_spec(spec_name).inputs:
        _assert_clean(providers[spec_name], {f.name: value}, emulator)
