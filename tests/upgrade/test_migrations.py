"""A migration turns every recorded release's state into today's form: shown on the goldens with
a rename no release made yet (FlowJob's ``retry_interval`` called ``retry_interval_sec``).
Without the migration the same states show a change on every job that set the property."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from pulumi_emrflow.specs.flow_job import FLOW_JOB
from pulumi_emrflow.specs.resource import ResourceSpec, renamed

GOLDENS = sorted((Path(__file__).resolve().parent / "goldens").glob("*.json"))
RENAMED = tuple(
    dataclasses.replace(f, name="retry_interval_sec") if f.name == "retry_interval" else f
    for f in FLOW_JOB.fields
)
MIGRATED = dataclasses.replace(
    FLOW_JOB, fields=RENAMED, migrations=(renamed("retry_interval", "retry_interval_sec"),)
)
UNMIGRATED = dataclasses.replace(FLOW_JOB, fields=RENAMED)


def _jobs() -> list[dict[str, Any]]:
    jobs = []
    for path in GOLDENS:
        for resources in json.loads(path.read_text())["cases"].values():
            jobs += [r for r in resources if r["type"].endswith(":FlowJob")]
    return jobs


def _program_today(recorded: dict[str, Any], spec: ResourceSpec) -> dict[str, Any]:
    news = {k: v for k, v in recorded["program_inputs"].items() if k != "__provider"}
    if "retry_interval" in news:
        news["retry_interval_sec"] = news.pop("retry_interval")
    checked, failures = spec.check(news)
    assert failures == []
    return checked


@pytest.mark.parametrize("state", ["outputs", "refreshed"])
def test_the_migration_makes_every_recorded_state_diff_clean(state: str) -> None:
    jobs = _jobs()
    assert any("retry_interval" in job["outputs"] for job in jobs)  # the goldens use it
    for job in jobs:
        olds = job["outputs"] if state == "outputs" else job["refreshed"]["outputs"]
        news = _program_today(job, MIGRATED)
        assert MIGRATED.diff(MIGRATED.upgrade(dict(olds)), news).changes == (), job["name"]
        assert MIGRATED.upgrade(MIGRATED.upgrade(dict(olds))) == MIGRATED.upgrade(dict(olds))
        if olds.get("retry_interval"):  # (0 and unset compare equal: both are "not set")
            changes = UNMIGRATED.diff(UNMIGRATED.upgrade(dict(olds)), news).changes
            assert changes == ("retry_interval_sec",), job["name"]
