"""The pack started as the engine starts it, driven through the Analyzer gRPC service.

The CLI runs a Python policy pack as ``python -u -m pulumi.policy <engine-address> <pack-dir>``
with PULUMI_PROJECT / PULUMI_STACK / PULUMI_DRY_RUN / PULUMI_CONFIG in the environment.
``pulumi.policy`` runs the pack's ``__main__.py``; ``PolicyPack`` serves the Analyzer service on
a free port and prints that port on stdout's first line. The engine address is only parsed
(nothing in ``pulumi.policy`` dials it), so no fake engine is needed.
"""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.protobuf import empty_pb2, json_format, struct_pb2
from policy_harness import UNKNOWN, job
from pulumi.runtime.proto import analyzer_pb2, analyzer_pb2_grpc

from pulumi_emrflow.policies import (
    FLOW_JOB,
    FLOW_PROJECT_CLUSTER_SETTING,
    PACK_NAME,
    default_policies,
)

PACK_DIR = Path(__file__).resolve().parents[2] / "policy"
SECRET_SIG = {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270"}


@pytest.fixture(scope="module")
def analyzer() -> Iterator[analyzer_pb2_grpc.AnalyzerStub]:
    env = {
        **os.environ,
        "PULUMI_PROJECT": "orders",
        "PULUMI_STACK": "prod",
        "PULUMI_DRY_RUN": "true",
        "PULUMI_CONFIG": "{}",
    }
    command = [sys.executable, "-u", "-m", "pulumi.policy", "127.0.0.1:1", str(PACK_DIR)]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert proc.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(proc.stdout, selectors.EVENT_READ)
            ready = selector.select(timeout=20)
        assert ready, "the pack did not print its port within 20 s"
        line = proc.stdout.readline().decode().strip()
        assert line.isdigit(), f"expected a port, got {line!r}; stderr: {_stderr(proc)}"
        with grpc.insecure_channel(f"127.0.0.1:{line}") as channel:
            grpc.channel_ready_future(channel).result(timeout=10)
            yield analyzer_pb2_grpc.AnalyzerStub(channel)
    finally:
        proc.kill()
        proc.wait(timeout=10)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def _stderr(proc: subprocess.Popen[bytes]) -> str:
    proc.kill()
    assert proc.stderr is not None
    return proc.stderr.read().decode(errors="replace")[-2000:]


def _struct(props: dict[str, Any]) -> struct_pb2.Struct:
    return json_format.ParseDict(props, struct_pb2.Struct())


def _urn(resource_type: str, name: str) -> str:
    return f"urn:pulumi:prod::orders::{resource_type}::{name}"


def _analyze(
    stub: analyzer_pb2_grpc.AnalyzerStub, props: dict[str, Any], name: str = "etl"
) -> dict[str, analyzer_pb2.AnalyzeDiagnostic]:
    request = analyzer_pb2.AnalyzeRequest(
        type=FLOW_JOB, properties=_struct(props), urn=_urn(FLOW_JOB, name), name=name
    )
    response = stub.Analyze(request)
    return {d.policyName: d for d in response.diagnostics}


def test_analyzer_info_lists_every_policy_with_its_config_schema(analyzer: Any) -> None:
    info = analyzer.GetAnalyzerInfo(empty_pb2.Empty())
    assert info.name == PACK_NAME and info.supportsConfig
    by_name = {policy.name: policy for policy in info.policies}
    assert list(by_name) == [policy.name for policy in default_policies()]
    assert by_name["emrflow-job-failure-alerting"].enforcementLevel == analyzer_pb2.ADVISORY
    assert by_name["emrflow-job-no-local-mode"].enforcementLevel == analyzer_pb2.MANDATORY
    schema = json_format.MessageToDict(by_name["emrflow-job-type-allowed"].configSchema)
    assert schema["properties"]["forbiddenTypesByStack"]["default"] == {"prod*": ["SHELL"]}


def test_a_compliant_job_gets_no_diagnostics(analyzer: Any) -> None:
    props = job()
    props["custom_variables"] = {**SECRET_SIG, "value": props["custom_variables"]}
    assert _analyze(analyzer, props) == {}


def test_violations_name_resource_property_and_fix_without_leaking_secrets(analyzer: Any) -> None:
    props = job(
        type="SHELL",
        mode="LOCAL",
        run_conf=json.dumps({"userName": "root", "memory": 65536}),
        env_conf={"DB_PASSWORD": "hunter2"},
        alert_conf=None,
        fail_act=None,
    )
    found = _analyze(analyzer, props)
    assert set(found) == {
        "emrflow-job-type-allowed",
        "emrflow-job-no-local-mode",
        "emrflow-job-run-conf-limits",
        "emrflow-submit-user-allowed",
        "emrflow-job-no-plaintext-secrets",
        "emrflow-job-fail-act-explicit",
        "emrflow-job-failure-alerting",
    }
    assert "SHELL jobs are forbidden in stack 'prod'" in found["emrflow-job-type-allowed"].message
    assert found["emrflow-job-failure-alerting"].enforcementLevel == analyzer_pb2.ADVISORY
    assert found["emrflow-job-no-local-mode"].enforcementLevel == analyzer_pb2.MANDATORY
    for diagnostic in found.values():
        assert "FlowJob 'etl'" in diagnostic.message and "Fix:" in diagnostic.message
        assert "hunter2" not in diagnostic.message


def test_unknown_values_during_preview_produce_nothing(analyzer: Any) -> None:
    props = job(type="SHELL", mode="LOCAL")
    for key in ("type", "mode", "run_conf", "env_conf", "alert_conf", "name", "max_retry"):
        props[key] = UNKNOWN
    assert _analyze(analyzer, props) == {}


def test_pack_config_sets_parameters_and_enforcement_levels(analyzer: Any) -> None:
    config = {
        "emrflow-job-run-conf-limits": analyzer_pb2.PolicyConfig(
            enforcementLevel=analyzer_pb2.ADVISORY, properties=_struct({"maxMemoryMb": 2048})
        ),
        "emrflow-job-failure-alerting": analyzer_pb2.PolicyConfig(
            enforcementLevel=analyzer_pb2.DISABLED
        ),
    }
    analyzer.Configure(analyzer_pb2.ConfigureAnalyzerRequest(policyConfig=config))
    try:
        found = _analyze(analyzer, job(alert_conf=None))
        assert set(found) == {"emrflow-job-run-conf-limits"}
        assert found["emrflow-job-run-conf-limits"].enforcementLevel == analyzer_pb2.ADVISORY
        assert "above the limit of 2048 MB" in found["emrflow-job-run-conf-limits"].message
    finally:
        analyzer.Configure(analyzer_pb2.ConfigureAnalyzerRequest(policyConfig={}))


def _resource(resource_type: str, name: str, props: dict[str, Any]) -> Any:
    return analyzer_pb2.AnalyzerResource(
        type=resource_type, properties=_struct(props), urn=_urn(resource_type, name), name=name
    )


def test_analyze_stack_checks_bindings_and_duplicate_names(analyzer: Any) -> None:
    binding = _resource(
        FLOW_PROJECT_CLUSTER_SETTING,
        "binding",
        {"project_id": "FP-1", "cluster_id": "C-1", "default_user": "etl"},
    )
    good = analyzer.AnalyzeStack(
        analyzer_pb2.AnalyzeStackRequest(resources=[binding, _resource(FLOW_JOB, "etl", job())])
    )
    assert list(good.diagnostics) == []
    stray = _resource(FLOW_JOB, "stray", job(cluster_id="C-9"))
    response = analyzer.AnalyzeStack(
        analyzer_pb2.AnalyzeStackRequest(
            resources=[binding, _resource(FLOW_JOB, "etl", job()), stray]
        )
    )
    found = {(d.policyName, d.urn) for d in response.diagnostics}
    assert found == {
        ("emrflow-job-cluster-bound", _urn(FLOW_JOB, "stray")),
        ("emrflow-job-unique-names", _urn(FLOW_JOB, "stray")),
    }


def test_flows_through_the_analyzer(analyzer: Any) -> None:
    from pulumi_emrflow.policies import FLOW

    props = {
        "project_id": "FP-1",
        "name": "daily",
        "description": "d",
        "cluster_id": "C-1",
        "create_cluster": False,
        "cron_expr": "*/30 * * * * ?",
        "start_schedule": 1796054400000,
        "steps": [{"job": "FJ-1"}],
    }
    request = analyzer_pb2.AnalyzeRequest(
        type=FLOW, properties=_struct(props), urn=_urn(FLOW, "daily"), name="daily"
    )
    found = {d.policyName: d for d in analyzer.Analyze(request).diagnostics}
    assert set(found) == {"emrflow-flow-min-interval", "emrflow-flow-prod-alerting"}
    assert "fires every 30 s" in found["emrflow-flow-min-interval"].message
    binding = _resource(
        FLOW_PROJECT_CLUSTER_SETTING, "binding", {"project_id": "FP-1", "cluster_id": "C-1"}
    )
    etl = _resource(FLOW_JOB, "etl", {**job(project_id="FP-2"), "job_id": "FJ-1"})
    stray = _resource(FLOW, "daily", {**props, "cluster_id": "C-9"})
    response = analyzer.AnalyzeStack(
        analyzer_pb2.AnalyzeStackRequest(resources=[binding, etl, stray])
    )
    found_stack = {(d.policyName, d.urn) for d in response.diagnostics}
    assert ("emrflow-flow-cluster-bound", _urn(FLOW, "daily")) in found_stack
    assert ("emrflow-flow-jobs-in-project", _urn(FLOW, "daily")) in found_stack
