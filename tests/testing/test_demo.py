"""`make demo` (python -m pulumi_emrflow.demo): the no-CLI run's output, Ctrl-C at any time, and
the CLI path's command sequence and environment proven with a fake `pulumi` on PATH."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pulumi_emrflow.demo import NO_CLI_MESSAGE
from pulumi_emrflow.emulator import DEFAULT_ACCESS_KEY_SECRET

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = str(Path(sys.executable).parent)


def _demo(project_dir: Path, path: str, **extra_env: str) -> subprocess.Popen[str]:
    env = {**os.environ, **extra_env, "PATH": path, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "pulumi_emrflow.demo", str(project_dir)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _session_processes(session: int) -> list[int]:
    """Live processes (not zombies) of the session ``session``."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def _describe(pid: int) -> str:
    """A process's command line and what it waits on (for a hang's report)."""
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        return f"{args.strip()} (waiting in {Path(f'/proc/{pid}/wchan').read_text()})"
    except OSError:
        return "gone"


def test_without_the_cli_it_plans_creates_reads_back_and_removes(tmp_path: Path) -> None:
    demo = _demo(ROOT, f"{tmp_path}:{VENV_BIN}")
    out, err = demo.communicate(timeout=120)
    assert demo.returncode == 0, err
    lines = out.splitlines()
    assert NO_CLI_MESSAGE in lines
    plan = lines.index("Planned jobs (emrflow-quickstart, stack demo):")
    assert lines[plan + 1].split() == ["name", "type", "project", "cluster", "retries"]
    assert [line.split()[:2] for line in lines[plan + 3 : plan + 6]] == [
        ["daily-counts", "HIVE_SQL"],
        ["hello", "SHELL"],
        ["sessionize", "SPARK"],
    ]
    back = lines.index("Jobs read back from the emulator (DescribeFlowJob):")
    rows = [line.split() for line in lines[back + 3 : back + 6]]
    assert [row[1] for row in rows] == ["daily-counts", "hello", "sessionize"]
    ids = [row[0] for row in rows]
    assert all(re.fullmatch(r"FJ-[0-9A-F]{16}", i) for i in ids) and len(set(ids)) == 3
    # The quickstart: a project, its cluster binding, a folder, three jobs and the daily flow.
    assert any(line.startswith("removed 7 resources") for line in lines)
    assert "ListFlowProject now returns 0 projects." in lines
    assert lines[-1] == "Emulator stopped."
    assert DEFAULT_ACCESS_KEY_SECRET not in out + err


def _wait_for(demo: subprocess.Popen[str], text: str) -> None:
    assert demo.stdout is not None
    for line in demo.stdout:
        if text in line:
            return
    pytest.fail(f"the demo ended before printing {text!r}")


@pytest.mark.parametrize(
    ("after", "whole_group"),
    [(None, True), (None, False), ("listening", False), ("Planned jobs", True)],
    ids=["at-start-ctrl-c", "at-start-signal", "emulator-up", "mid-run-ctrl-c"],
)
def test_sigint_exits_0_and_leaves_no_process(
    tmp_path: Path, after: str | None, whole_group: bool
) -> None:
    demo = _demo(ROOT, f"{tmp_path}:{VENV_BIN}")
    # "Starting": as early as the demo can handle Ctrl-C (before that, only interpreter
    # start-up, where any Python program dies of SIGINT).
    _wait_for(demo, after or "Starting the EMR Flow API emulator")
    if whole_group:
        os.killpg(demo.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    else:
        demo.send_signal(signal.SIGINT)
    demo.communicate(timeout=60)
    assert demo.returncode == 0
    deadline = time.monotonic() + 10
    while _session_processes(demo.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _session_processes(demo.pid) == []


FAKE_PULUMI = """#!{python}
import json, os, sys
args = sys.argv[1:]
with open(os.environ["FAKE_PULUMI_LOG"], "a") as log:
    log.write(json.dumps({{"args": args, "cwd": os.getcwd(),
        "backend": os.environ.get("PULUMI_BACKEND_URL"),
        "passphrase": os.environ.get("PULUMI_CONFIG_PASSPHRASE")}}) + "\\n")
if args[:2] == ["stack", "output"]:
    print(json.dumps({{"project_id": "FP-0000000000000001",
                      "job_ids": {{"hello": "FJ-0000000000000002"}}}}))
elif args[0] in ("preview", "up", "destroy"):
    print(f"{{args[0]}}: Resources: 7 unchanged")
"""


def test_with_the_cli_it_runs_the_documented_sequence(tmp_path: Path) -> None:
    bin_dir, project = tmp_path / "bin", tmp_path / "project"
    bin_dir.mkdir()
    project.mkdir()
    fake = bin_dir / "pulumi"
    fake.write_text(FAKE_PULUMI.format(python=sys.executable))
    fake.chmod(0o755)
    log = tmp_path / "calls.jsonl"
    demo = _demo(project, f"{bin_dir}:{VENV_BIN}", FAKE_PULUMI_LOG=str(log))
    out, err = demo.communicate(timeout=60)
    assert demo.returncode == 0, err
    calls = [json.loads(line) for line in log.read_text().splitlines()]
    endpoint = re.search(r"listening on (\S+)", out)
    assert endpoint is not None
    on_stack = ["--stack", "demo", "--non-interactive"]
    assert [c["args"] for c in calls] == [
        ["stack", "rm", "demo", "--yes", "--force", "--non-interactive"],
        ["stack", "init", "demo", "--secrets-provider", "passphrase", "--non-interactive"],
        ["config", "set", "emrflow:endpoint", endpoint.group(1), *on_stack],
        ["config", "set", "alicloud:accessKey", "emrflow-emulator-key", *on_stack],
        ["config", "set", "--secret", "alicloud:secretKey", DEFAULT_ACCESS_KEY_SECRET, *on_stack],
        ["config", "set", "alicloud:region", "cn-hangzhou", *on_stack],
        ["preview", *on_stack],
        ["up", "--yes", *on_stack],
        ["stack", "output", "--json", *on_stack],
        ["preview", "--expect-no-changes", *on_stack],
        ["destroy", "--yes", *on_stack],
        ["stack", "rm", "demo", "--yes", "--non-interactive"],
    ]
    assert {c["cwd"] for c in calls} == {str(project)}
    assert {c["backend"] for c in calls} == {(project / ".pulumi-state").as_uri()}
    assert {c["passphrase"] for c in calls} == {"emrflow-demo"}
    assert "job_ids.hello" in out and "FJ-0000000000000002" in out
    assert DEFAULT_ACCESS_KEY_SECRET not in out + err
    assert "Pulumi CLI not found" not in out


STAGES = [
    "Starting the EMR Flow API emulator",
    "listening on",
    "Planned jobs",
    "Preview (what",
    "Resources: + ",
    "Created ",
    "Jobs read back",
    "Preview after the up",
    "removed ",
]


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("delay", [0.0, 0.3], ids=["at-once", "a-moment-later"])
def test_ctrl_c_at_any_stage_ends_without_a_traceback(
    tmp_path: Path, stage: str, delay: float
) -> None:
    demo = _demo(ROOT, f"{tmp_path}:{VENV_BIN}")
    _wait_for(demo, stage)
    time.sleep(delay)
    os.killpg(demo.pid, signal.SIGINT)  # Ctrl-C in a terminal: the demo and its children
    try:
        out, err = demo.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        alive = {pid: _describe(pid) for pid in _session_processes(demo.pid)}
        os.killpg(demo.pid, signal.SIGKILL)
        demo.communicate()
        pytest.fail(f"the demo did not end after Ctrl-C; still running: {alive}")
    assert demo.returncode == 0, err
    assert "Traceback" not in out + err and "Error" not in err, err
    assert out.rstrip().endswith("Emulator stopped.")
    deadline = time.monotonic() + 10
    while _session_processes(demo.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _session_processes(demo.pid) == []
