"""Reads answered from ListFlowJob give the state DescribeFlowJob gives, byte for byte: random
jobs (every field; unicode; JSON as text and as dicts), changed out of band with the official
SDK, read by a provider with List reads and by one with them turned off."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any

import pytest
from aliyunsdkemr.request.v20160408 import ModifyFlowJobRequest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pulumi.dynamic import Config, ConfigureRequest
from sdk_drift import official_sdk

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.emulator import DEFAULT_CLUSTER_ID, Emulator
from pulumi_emrflow.providers import scope_reads
from pulumi_emrflow.providers.lifecycle import EmrFlowProvider
from pulumi_emrflow.specs.flow_job import FLOW_JOB, JOB_TYPES
from pulumi_emrflow.testing.engine import stack_config_for

text = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=12)
word = st.text("abcXYZ_-é中文🙂", min_size=1, max_size=8)


def json_form(obj: Any) -> st.SearchStrategy[Any]:
    """The object itself, or its JSON text (ASCII-escaped or not)."""
    return st.sampled_from(
        [obj, json.dumps(obj), json.dumps(obj, ensure_ascii=False, separators=(",", ":"))]
    )


string_map = st.dictionaries(word, text, max_size=3).flatmap(json_form)
run_conf = st.fixed_dictionaries(
    {},
    optional={
        "priority": st.integers(1, 10),
        "user_name": word,
        "memory": st.integers(1, 8192),
        "cores": st.integers(1, 8),
    },
)
variables = st.lists(
    st.fixed_dictionaries({"name": word, "value": text}, optional={"password": st.booleans()}),
    max_size=3,
    unique_by=lambda v: v["name"],
)
resources = st.lists(
    st.fixed_dictionaries(
        {"path": st.builds(lambda s, w: s + w, st.sampled_from(["oss://", "hdfs://"]), word)},
        optional={"alias": word},
    ),
    max_size=3,
)
alert = st.builds(lambda e: {"items": [{"enable": e, "eventId": "EMR-210401001"}]}, st.booleans())
UNLISTED = ("retry_policy", "max_running_time_sec")
SERIAL = itertools.count()


@st.composite
def jobs(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(JOB_TYPES))
    optional = {
        "resources": resources,
        "fail_act": st.sampled_from(["CONTINUE", "STOP"]),
        "max_retry": st.integers(0, 5),
        "retry_interval": st.integers(0, 300),
        "params": text,
        "param_conf": string_map,
        "custom_variables": variables,
        "env_conf": string_map,
        "run_conf": run_conf.flatmap(json_form),
        "mode": st.sampled_from(["YARN", "LOCAL"]),
        "adhoc": st.booleans(),
        "cluster_id": st.just(DEFAULT_CLUSTER_ID),
        "alert_conf": alert.flatmap(json_form),
        # Only Describe reports these: a job that sets one is read with Describe.
        "retry_policy": text,
        "max_running_time_sec": st.integers(0, 10**6),
    }
    if kind == "SPARK_STREAMING":
        optional["monitor_conf"] = st.just({"inputs": [{"type": "KAFKA"}]}).flatmap(json_form)
    chosen = draw(st.sets(st.sampled_from(sorted(optional))))
    props = {name: draw(optional[name]) for name in sorted(chosen)}
    name = draw(text.filter(str.strip))
    return {"name": name, "description": draw(text), "type": kind, **props}


# Out-of-band changes: ModifyFlowJob parameters as the official SDK sets them ("" clears).
drift_values: dict[str, st.SearchStrategy[Any]] = {
    "Description": text,
    "FailAct": st.sampled_from(["CONTINUE", "STOP", ""]),
    "MaxRetry": st.integers(0, 5),
    "RetryInterval": st.integers(0, 300),
    "Params": text,
    "ParamConf": st.dictionaries(word, text, max_size=2).map(json.dumps) | st.just(""),
    "EnvConf": st.dictionaries(word, text, max_size=2).map(json.dumps) | st.just(""),
    "RunConf": run_conf.map(lambda r: json.dumps(r, ensure_ascii=False)) | st.just(""),
    "Mode": st.sampled_from(["YARN", "LOCAL", ""]),
    "AlertConf": alert.map(json.dumps) | st.just(""),
    "ResourceLists": resources.map(lambda rs: [{"Path": r["path"], **r} for r in rs]),
}
unlisted_drift = {"RetryPolicy": text, "MaxRunningTimeSec": st.integers(0, 10**6)}


@st.composite
def drifts(draw: st.DrawFn, job: dict[str, Any]) -> dict[str, Any]:
    choices = dict(drift_values)
    if any(job.get(name) is not None for name in UNLISTED):
        # A change there is seen through Describe only: drift it where Describe reads it.
        choices.update(unlisted_drift)
    chosen = draw(st.sets(st.sampled_from(sorted(choices)), max_size=4))
    change = {name: draw(choices[name]) for name in sorted(chosen)}
    if "ResourceLists" in change:
        change["ResourceLists"] = [
            {"Path": r["path"], **({"Alias": r["alias"]} if "alias" in r else {})}
            for r in change["ResourceLists"]
        ]
        if not change["ResourceLists"]:
            del change["ResourceLists"]
    return change


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator() as emulator:
        yield emulator


def provider_for(emu: Emulator, **extra: str) -> EmrFlowProvider:
    provider = EmrFlowProvider("flow_job")
    provider.configure(ConfigureRequest(Config({**stack_config_for(emu), **extra}, "project")))
    return provider


@pytest.fixture(scope="module")
def setup(emu: Emulator) -> dict[str, Any]:
    client = EmrClient.from_config(env=emu.env())
    project = str(client.call("CreateFlowProject", {"Name": "prop", "Description": "d"})["Id"])
    return {
        "project": project,
        "listing": provider_for(emu),
        "describing": provider_for(emu, **{"emrflow:listReads": "false"}),
    }


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), job=jobs())
def test_list_and_describe_give_the_same_refreshed_state(
    emu: Emulator, setup: dict[str, Any], data: st.DataObject, job: dict[str, Any]
) -> None:
    listing: EmrFlowProvider = setup["listing"]
    describing: EmrFlowProvider = setup["describing"]
    checked, failures = FLOW_JOB.check({"project_id": setup["project"], **job})
    assume(not failures)
    checked["name"] = f"{checked['name']}-{next(SERIAL)}"  # unique in the project, on replay too
    created = listing.create(checked)
    drift = data.draw(drifts(job))
    if drift:
        official_sdk(
            emu,
            ModifyFlowJobRequest.ModifyFlowJobRequest(),
            Id=created.id,
            ProjectId=setup["project"],
            **drift,
        )
    before = emu.counters()["requests"]
    by_list = listing.read(created.id, dict(created.outs or {}))
    after = emu.counters()["requests"]
    by_describe = describing.read(created.id, dict(created.outs or {}))

    assert by_list.id == by_describe.id == created.id
    assert repr(by_list.outs) == repr(by_describe.outs)
    assert repr(by_list.inputs) == repr(by_describe.inputs)
    describes = after.get("DescribeFlowJob", 0) - before.get("DescribeFlowJob", 0)
    uses_unlisted = any(checked.get(name) is not None for name in UNLISTED)
    assert describes == (1 if uses_unlisted else 0)  # the List answered, unless it cannot


def test_a_field_the_list_lacks_is_kept_not_cleared(emu: Emulator, setup: dict[str, Any]) -> None:
    """An undeclared retry_policy set elsewhere is what the List path cannot see (README,
    Limits): it stays unset rather than turning into drift."""
    listing: EmrFlowProvider = setup["listing"]
    props, _ = FLOW_JOB.check(
        {"project_id": setup["project"], "name": "blind", "description": "", "type": "SHELL"}
    )
    created = listing.create(props)
    official_sdk(
        emu,
        ModifyFlowJobRequest.ModifyFlowJobRequest(),
        Id=created.id,
        ProjectId=setup["project"],
        RetryPolicy="elsewhere",
    )
    scope_reads.SCOPES.clear()
    read = listing.read(created.id, dict(created.outs or {}))
    assert read.outs is not None and read.outs["retry_policy"] is None
