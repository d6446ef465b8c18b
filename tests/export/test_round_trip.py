"""The guarantee: a project made with the official SDK, exported, then run through the program
runner (the SDK's real provider server) with its secrets set, is adopted with zero Create* and
zero Modify* calls, each object keeping its id; a refresh shows no diff; a second export is
byte-identical; and objects changed after the export are brought back by the next `up`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from exporting import export
from sdk_project import SECOND_CLUSTER, make_project

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.emulator import Emulator
from pulumi_emrflow.specs import get_spec, spec_names
from pulumi_emrflow.testing import run_program
from pulumi_emrflow.testing.engine import ProviderServer, stack_config_for

BIN = Path(sys.executable).parent


def _secret_config(out: Path, passwords: dict[tuple[str, str], str]) -> dict[str, str]:
    """The value of each secret key the export listed, found through the job it belongs to."""
    program = (out / "__main__.py").read_text(encoding="utf-8")
    readme = (out / "README.md").read_text(encoding="utf-8")
    config = {}
    for line in readme.splitlines():
        if not line.startswith("- `"):
            continue
        key, _, what = line[3:].partition("`: ")
        variable, _, place = what.partition(": ")
        label = place.split()[-1]
        # The declaration's comment line above it holds the job's id.
        job_id = program.split(f"\n{variable} = emrflow.")[0].rsplit("# ", 1)[1].strip()
        config[key] = passwords[job_id, label]
    return config


def _requests(before: dict[str, int], emu: Emulator) -> dict[str, int]:
    after = emu.counters()["requests"]
    return {k: n - before.get(k, 0) for k, n in after.items() if n - before.get(k, 0)}


def test_export_then_up_adopts_everything_and_changes_nothing(
    emu: Emulator, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    made = make_project(emu)
    out = tmp_path / "exported"
    assert export(emu, monkeypatch, out, "--project", made.project_id) == 0
    files = sorted(p.name for p in out.iterdir())
    assert files == [
        "Pulumi.dev.yaml", "Pulumi.yaml", "README.md", "__main__.py", "requirements.txt",
    ]  # fmt: skip

    # The program is formatted and clean under the project's own rules.
    mypy = [BIN / "mypy", "--strict", "--ignore-missing-imports", "--cache-dir", tmp_path / "m"]
    rules = ["--no-cache", "--isolated", "--line-length", "100", "--target-version", "py311"]
    select = ["--select", "E,F,W,I,B,UP,SIM,RUF"]
    for command in (
        [BIN / "ruff", "format", "--check", *rules, str(out)],
        [BIN / "ruff", "check", *rules, *select, str(out)],
        [*mypy, out / "__main__.py"],
    ):
        done = subprocess.run(command, capture_output=True, text=True, cwd=out, check=False)
        assert done.returncode == 0, done.stdout + done.stderr

    # No secret reached the disk.
    written = "".join((out / name).read_text(encoding="utf-8") for name in files)
    assert all(value not in written for value in made.passwords.values())
    assert emu.access_key_secret not in written
    stack = yaml.safe_load((out / "Pulumi.dev.yaml").read_text(encoding="utf-8"))
    assert stack["config"] == {"alicloud:region": emu.region}
    config = _secret_config(out, made.passwords)
    assert len(config) == len(made.passwords)

    before = emu.counters()["requests"]
    run = run_program(out, emulator=emu, config=config, secret_keys=config)
    calls = _requests(before, emu)
    assert not [a for a in calls if a.startswith(("Create", "Modify", "Delete"))], calls
    assert {r.id for r in run.resources} == made.ids
    assert all(r.status == "created" for r in run.resources)

    # A refresh, then a preview: no diff anywhere.
    kinds = {r.kind for r in run.resources}
    with ProviderServer.for_spec("flow_project", stack_config_for(emu)) as server:
        by_type = {get_spec(name).type_name: name for name in spec_names()}
        for r in run.resources:
            handle = server.kind(by_type[r.kind])
            checked = handle.check(r.name, {}, r.inputs)
            id_, outs, _ = handle.read(r.name, r.id, r.outputs, checked.inputs)
            assert id_ == r.id
            diff = handle.diff(r.name, r.id, outs, checked.inputs, checked.inputs)
            assert not diff.changed, (r.name, diff)
    assert kinds == {
        "FlowProject", "FlowProjectClusterSetting", "FlowCategory", "FlowJob", "Flow",
    }  # fmt: skip
    # A flow's steps name the job variables, not ids; the fan-out/fan-in waits are kept.
    program = (out / "__main__.py").read_text(encoding="utf-8")
    assert "emrflow.FlowStepArgs(job=job_" in program and "after=[job_" in program
    assert not [job_id for job_id in made.jobs.values() if f'"{job_id}"' in program]

    again = tmp_path / "again"
    assert export(emu, monkeypatch, again, "--project", made.project_id) == 0
    assert sorted(p.name for p in again.iterdir()) == files
    for name in files:
        assert (again / name).read_bytes() == (out / name).read_bytes(), name


def test_objects_changed_after_the_export_are_brought_back(
    emu: Emulator, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    made = make_project(emu, jobs=20)
    out = tmp_path / "exported"
    assert export(emu, monkeypatch, out, "--project", made.project_id) == 0
    config = _secret_config(out, made.passwords)
    client = EmrClient.from_config(env=emu.env())
    job_id = made.jobs["job_001"]
    declared = client.call("DescribeFlowJob", {"ProjectId": made.project_id, "Id": job_id})
    client.call(
        "ModifyFlowJob",
        {"ProjectId": made.project_id, "Id": job_id, "Description": "changed by hand",
         "EnvConf": json.dumps({"A": "b"})},
    )  # fmt: skip
    setting = {"ProjectId": made.project_id, "ClusterId": SECOND_CLUSTER}
    client.call("ModifyFlowProjectClusterSetting", {**setting, "UserList": ["someone"]})
    before = emu.counters()["requests"]
    run_program(out, emulator=emu, config=config, secret_keys=config)
    calls = _requests(before, emu)
    writes = {a: n for a, n in calls.items() if a.startswith(("Create", "Modify", "Delete"))}
    # (A folder has nothing to change but its name and parent, by which adopt finds it.)
    assert writes == {"ModifyFlowJob": 1, "ModifyFlowProjectClusterSetting": 1}
    users = client.call("DescribeFlowProjectClusterSetting", setting)["UserList"]["User"]
    assert users == ["spark"]
    now = client.call("DescribeFlowJob", {"ProjectId": made.project_id, "Id": job_id})
    assert now["Description"] == declared["Description"] == "job 1"
    assert not declared.get("EnvConf") and not now.get("EnvConf")  # the removal undone too
