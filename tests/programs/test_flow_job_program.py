"""FlowJob in a Pulumi program, under pulumi.runtime.set_mocks (the program and the provider
pickling run for real; the provider itself does not)."""

from __future__ import annotations

import base64
import inspect
import pickle
import typing
from collections.abc import Iterator
from typing import Any

import pulumi
import pytest
from pulumi.runtime import rpc
from pulumi.runtime.sync_await import _sync_await

import pulumi_emrflow as emrflow
from pulumi_emrflow.specs.flow_job import FLOW_JOB

TOKEN = "pulumi-python:dynamic/emrflow:FlowJob"


class Mocks(pulumi.runtime.Mocks):
    def __init__(self) -> None:
        self.registered: list[pulumi.runtime.MockResourceArgs] = []

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        self.registered.append(args)
        id_ = args.resource_id or f"FJ-{len(self.registered):016X}"
        outs = dict(args.inputs)
        if args.typ == TOKEN:
            outs["job_id"] = id_
            if args.resource_id:  # a get: the "service" answers with the job
                outs.update(name="existing", type="SHELL", description="d")
        return id_, outs

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], None]:
        return {}, None


@pytest.fixture
def mocks() -> Iterator[Mocks]:
    m = Mocks()
    pulumi.runtime.set_mocks(m, preview=False)
    yield m


REQUIRED = {"project_id": "FP-1", "name": "nightly", "description": "d", "type": "SHELL"}


def test_keyword_form_registers_snake_case_inputs_under_the_type_token(mocks: Mocks) -> None:
    @pulumi.runtime.test
    def program() -> Any:
        job = emrflow.FlowJob(
            "nightly",
            **REQUIRED,
            resources=[emrflow.FlowJobResourceArgs(path="oss://b/x.jar", alias="x.jar")],
            run_conf=emrflow.RunConfArgs(priority=1, user_name="hadoop", memory=2048, cores=1),
            param_conf={"date": "${yyyy-MM-dd}"},
            max_retry=3,
        )
        return pulumi.Output.all(job.id, job.job_id, job.run_conf, job.gmt_create).apply(check)

    def check(values: list[Any]) -> None:
        id_, job_id, run_conf, gmt_create = values
        assert id_ == job_id and id_.startswith("FJ-")
        assert run_conf == {"priority": 1, "user_name": "hadoop", "memory": 2048, "cores": 1}
        assert gmt_create is None

    program()
    (args,) = mocks.registered
    assert args.typ == TOKEN and args.name == "nightly"
    assert set(args.inputs) == {
        *REQUIRED,
        "resources",
        "run_conf",
        "param_conf",
        "max_retry",
        "__provider",
    }
    assert args.inputs["resources"] == [{"path": "oss://b/x.jar", "alias": "x.jar"}]
    provider = args.inputs["__provider"]
    assert rpc.is_rpc_secret(provider)
    text = rpc.unwrap_rpc_secret(provider)
    assert len(text) <= 200
    assert pickle.loads(base64.b64decode(text)).__getstate__() == {"spec": "flow_job"}


def test_args_form_with_options(mocks: Mocks) -> None:
    @pulumi.runtime.test
    def program() -> Any:
        args = emrflow.FlowJobArgs(**REQUIRED, adhoc=True, env_conf='{"A":"1"}')
        job = emrflow.FlowJob("j", args, pulumi.ResourceOptions(protect=False))
        return job.env_conf.apply(lambda v: v == '{"A":"1"}' or pytest.fail(str(v)))

    program()
    (args,) = mocks.registered
    assert args.inputs["adhoc"] is True and args.typ == TOKEN


def test_missing_required_arguments_raise_type_error_like_pulumi_alicloud(mocks: Mocks) -> None:
    with pytest.raises(TypeError, match="FlowJob 'j': missing required argument 'project_id'"):
        emrflow.FlowJob("j", name="n", description="d", type="SHELL")
    with pytest.raises(TypeError, match="missing required argument 'type'"):
        emrflow.FlowJob("j", emrflow.FlowJobArgs(**{**REQUIRED, "type": None}))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="unexpected keyword argument") as typo:
        emrflow.FlowJob("j", **REQUIRED, nmae="typo")  # type: ignore[call-overload]
    assert (
        str(typo.value) == "FlowJob 'j': unexpected keyword argument 'nmae'; did you mean 'name'?"
    )
    with pytest.raises(TypeError, match="ResourceOptions"):
        emrflow.FlowJob("j", {"project_id": "x"}, **REQUIRED)  # type: ignore[call-overload]


def test_password_variables_are_secret(mocks: Mocks) -> None:
    jobs: list[emrflow.FlowJob] = []

    @pulumi.runtime.test
    def program() -> Any:
        jobs.append(
            emrflow.FlowJob(
                "j",
                **REQUIRED,
                custom_variables=[emrflow.CustomVariableArgs(name="pw", value="x", password=True)],
            )
        )
        jobs.append(
            emrflow.FlowJob("k", **REQUIRED, custom_variables=[{"name": "plain", "value": "1"}])
        )
        return pulumi.Output.all(jobs[0].custom_variables, jobs[1].custom_variables)

    program()
    by_name = {a.name: a.inputs["custom_variables"] for a in mocks.registered}
    secret_input, plain_input = by_name["j"], by_name["k"]
    assert rpc.is_rpc_secret(secret_input)
    assert rpc.unwrap_rpc_secret(secret_input) == [{"name": "pw", "value": "x", "password": True}]
    assert not rpc.is_rpc_secret(plain_input)
    assert _sync_await(jobs[0].custom_variables.is_secret()) is True
    assert _sync_await(jobs[1].custom_variables.is_secret()) is False


def test_get_is_a_read_only_reference(mocks: Mocks) -> None:
    @pulumi.runtime.test
    def program() -> Any:
        ref = emrflow.FlowJob.get("ref", "FJ-EXISTING", project_id="FP-1")
        return pulumi.Output.all(ref.id, ref.name).apply(
            lambda v: v == ["FJ-EXISTING", "existing"] or pytest.fail(str(v))
        )

    program()
    (args,) = mocks.registered
    assert args.resource_id == "FJ-EXISTING" and args.typ == TOKEN
    assert args.inputs["project_id"] == "FP-1"
    with pytest.raises(TypeError, match="project_id"):
        emrflow.FlowJob.get("ref", "FJ-EXISTING")


def test_the_public_surface_matches_the_spec() -> None:
    inputs = [f.name for f in FLOW_JOB.inputs]
    args_params = list(inspect.signature(emrflow.FlowJobArgs.__init__).parameters)[1:]
    assert args_params == inputs
    (kwargs_overload, _) = typing.get_overloads(emrflow.FlowJob.__init__)
    assert list(inspect.signature(kwargs_overload).parameters)[3:] == inputs
    for f in FLOW_JOB.fields:
        prop = getattr(emrflow.FlowJob, f.name)
        assert isinstance(prop, property) and prop.__doc__ == f.docstring()
    assert ":param max_retry: " in (emrflow.FlowJobArgs.__init__.__doc__ or "")
    assert "0 to 5" in (emrflow.FlowJob.__init__.__doc__ or "")


def _batch_setitems_depth() -> int:
    """How many times the SDK's serialize_provider has wrapped pickle._Pickler._batch_setitems."""
    depth, fn = 0, pickle._Pickler._batch_setitems  # type: ignore[attr-defined]
    while getattr(fn, "__closure__", None):
        cells = [c.cell_contents for c in fn.__closure__ if callable(c.cell_contents)]
        if not cells:
            break
        depth, fn = depth + 1, cells[0]
    return depth


class _Noop(pulumi.dynamic.ResourceProvider):
    pass


class _Plain(pulumi.dynamic.Resource):
    def __init__(self, name: str) -> None:
        super().__init__(_Noop(), name, {})


def test_the_sdk_stacks_pickle_patches_but_flow_job_does_not(mocks: Mocks) -> None:
    emrflow.FlowJob("warm", **REQUIRED)  # the one-time serialization of the flow_job provider
    start = _batch_setitems_depth()
    for i in range(3):
        _Plain(f"plain-{i}")
    after_plain = _batch_setitems_depth()
    for i in range(50):
        emrflow.FlowJob(f"job-{i}", **{**REQUIRED, "name": f"job-{i}"})
    assert after_plain == start + 3  # the SDK bug: one more wrapper per dynamic resource
    assert _batch_setitems_depth() == after_plain  # FlowJob adds none


def test_a_program_declares_5000_flow_jobs(mocks: Mocks) -> None:
    count = 5000

    @pulumi.runtime.test
    def program() -> Any:
        jobs = [
            emrflow.FlowJob(f"job-{i}", **{**REQUIRED, "name": f"job-{i}"}) for i in range(count)
        ]
        return pulumi.Output.all(*[j.id for j in jobs[-10:]])

    program()
    assert len(mocks.registered) == count
    assert len({a.name for a in mocks.registered}) == count


def test_get_keeps_what_may_hold_a_password_secret(mocks: Mocks) -> None:
    """A get reads the job from the service: its custom variables (passwords included) must be
    secret outputs although the program gave none."""
    monitor = pulumi.runtime.settings.SETTINGS.monitor
    requests: list[Any] = []
    read = monitor.ReadResource

    def capture(request: Any) -> Any:
        requests.append(request)
        return read(request)

    monitor.ReadResource = capture

    @pulumi.runtime.test
    def program() -> Any:
        return emrflow.FlowJob.get("ref", "FJ-EXISTING", project_id="FP-1").id

    program()
    (request,) = requests
    secret_fields = {f.name for f in FLOW_JOB.inputs if f.secret}
    assert secret_fields and secret_fields <= set(request.additionalSecretOutputs)
