"""Refresh of 5,000 jobs in 5 projects through the SDK's real provider server: a few paged
ListFlowJob calls per project instead of a DescribeFlowJob per job, drift and deletions found
exactly, Describe kept where the List cannot answer."""

from __future__ import annotations

import math
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from aliyunsdkemr.request.v20160408 import ModifyFlowJobRequest
from sdk_drift import official_sdk

from pulumi_emrflow.emulator import Emulator
from pulumi_emrflow.specs import wire
from pulumi_emrflow.specs.flow_job import FLOW_JOB
from pulumi_emrflow.testing.engine import ProviderServer, stack_config_for

PROJECTS, PER_PROJECT = 5, 1000
PAGE_SIZE = FLOW_JOB.list_reads.page_size if FLOW_JOB.list_reads else 0


def declared(project: str, i: int) -> dict[str, Any]:
    props, failures = FLOW_JOB.check(
        {
            "project_id": project,
            "name": f"job-{i}",
            "description": "nightly",
            "type": "SHELL",
            "params": "ls -l",
            "run_conf": {"priority": 1, "user_name": "hadoop", "memory": 2048, "cores": 1},
            "param_conf": {"date": "${yyyy-MM-dd}"},
            "mode": "YARN",
            "max_retry": 3,
            **({"retry_policy": "linear"} if i == 0 else {}),
        }
    )
    assert not failures
    return props


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator() as emulator:
        yield emulator


@pytest.fixture(scope="module")
def stack(emu: Emulator) -> list[tuple[str, dict[str, Any]]]:
    """5,000 jobs as ``pulumi up`` would have stored them (made in the emulator directly)."""
    states = []
    for p in range(PROJECTS):
        project = emu.backend.create_flow_project(f"p{p}", "d").id
        for i in range(PER_PROJECT):
            props = declared(project, i)
            job = emu.backend.create_flow_job(
                project,
                props["name"],
                "SHELL",
                description="nightly",
                params="ls -l",
                run_conf='{"priority":1,"userName":"hadoop","memory":2048,"cores":1}',
                param_conf='{"date":"${yyyy-MM-dd}"}',
                mode="YARN",
                max_retry=3,
                retry_policy=props.get("retry_policy"),
            )
            states.append((job.id, wire.outputs(FLOW_JOB, job.id, props)))
    return states


def test_refresh_of_5000_jobs_lists_each_project_a_page_at_a_time(
    emu: Emulator, stack: list[tuple[str, dict[str, Any]]]
) -> None:
    drifted = {id_ for id_, _ in stack[7::100]}  # 50 jobs, 10 per project
    deleted = {id_ for id_, _ in stack[3::250]}  # 20 jobs, 4 per project
    for k, (id_, outs) in enumerate(stack):
        if id_ in drifted and k % 2:
            official_sdk(
                emu,
                ModifyFlowJobRequest.ModifyFlowJobRequest(),
                Id=id_,
                ProjectId=outs["project_id"],
                Description="edited in the console",
            )
        elif id_ in drifted:
            emu.backend.modify_flow_job(outs["project_id"], id_, description="edited elsewhere")
        elif id_ in deleted:
            emu.backend.delete_flow_job(outs["project_id"], id_)
    before = emu.counters()["requests"]

    with ProviderServer.for_spec("flow_job", stack_config_for(emu)) as engine:

        def refresh(state: tuple[str, dict[str, Any]]) -> tuple[str, str, dict[str, Any]]:
            id_, outs = state
            new_id, new_outs, _ = engine.read("j", id_, outs, wire.inputs_of(FLOW_JOB, outs))
            return id_, new_id, new_outs

        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(refresh, stack))

    now = emu.counters()["requests"]
    calls = {k: now[k] - before.get(k, 0) for k in now if now[k] != before.get(k, 0)}
    gone = {id_ for id_, new_id, _ in results if not new_id}
    changed = {id_ for id_, new_id, outs in results if new_id and outs["description"] != "nightly"}
    assert gone == deleted and changed == drifted
    pages = math.ceil(PER_PROJECT / PAGE_SIZE)
    assert calls.get("ListFlowJob", 0) <= PROJECTS * (pages + 2)
    # Describe only where the List cannot decide: each job it lacks (only Describe may say
    # "gone") and each job that declares retry_policy (ListFlowJob does not carry it).
    assert calls.get("DescribeFlowJob", 0) == len(deleted) + PROJECTS
    assert set(calls) <= {"ListFlowJob", "DescribeFlowJob"}
    print(f"refresh of {len(stack)} jobs: {calls}")
    first = next(outs for id_, _, outs in results if id_ == stack[1][0])
    assert first["gmt_create"] and first["run_conf"] == stack[1][1]["run_conf"]
