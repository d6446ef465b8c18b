"""How long ``python -m pulumi_emrflow export`` takes on a large project, and its peak memory.

    .venv/bin/python bench/export_bench.py              # 5,000 jobs (the issue's figure)
    .venv/bin/python bench/export_bench.py --jobs 1000 --jobs 5000

A project with N jobs (every third with params, confs and a password variable; spread over 3
nested folders) is written straight into an emulator database, which an emulator process then
serves; the export runs as its own process, timed from start to exit (interpreter start
included) with its peak resident memory. The target is under a minute for 5,000 jobs on this
machine, a figure reported, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pulumi_emrflow.emulator import Emulator, EmulatorProcess


def seed(db: Path, jobs: int) -> str:
    """A project with ``jobs`` jobs in the database ``db``; returns its id."""
    emu = Emulator(db=db)
    try:
        backend = emu.backend
        project = backend.create_flow_project("bench", "a large project").id
        parent = None
        folders = []
        for name in ("a", "b", "c"):
            parent = backend.create_flow_category(project, name, "JOB", parent_id=parent).id
            folders.append(parent)
        for i in range(jobs):
            extra: dict[str, object] = {}
            if i % 3 == 0:
                variables = [{"name": "pw", "value": f"s{i}", "properties": {"password": True}}]
                cv = {"scope": "PROJECT", "entityId": project, "variables": variables}
                extra = {
                    "params": f"echo {i} && run --date ${{date}}",
                    "custom_variables": json.dumps(cv),
                    "run_conf": json.dumps({"userName": "hadoop", "memory": 2048, "cores": 1}),
                    "param_conf": json.dumps({"date": "${yyyy-MM-dd}"}),
                }
            backend.create_flow_job(
                project,
                f"job-{i:05d}",
                "SHELL",
                description=f"job {i}",
                parent_category=folders[i % 3],
                **extra,  # type: ignore[arg-type]
            )
        return project
    finally:
        emu.stop()


def export_once(emu: EmulatorProcess, project: str, out: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one export process."""
    env = {**os.environ, **emu.env()}
    started = time.perf_counter()
    command = [sys.executable, "-m", "pulumi_emrflow", "export", "--project", project]
    process = subprocess.Popen(
        [*command, "--out", str(out)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)  # this child's own peak, no other's
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"export failed with exit code {process.returncode}")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, action="append", help="jobs in the project")
    args = parser.parse_args()
    print("| jobs | export wall time | peak RSS (MB) | target |")
    print("|---|---|---|---|")
    for jobs in args.jobs or [5000]:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "emulator.db"
            project = seed(db, jobs)
            with EmulatorProcess(["--db", str(db)]) as emu:
                seconds, peak = export_once(emu, project, Path(tmp) / "out")
        target = "< 60 s" if jobs == 5000 else "-"
        print(f"| {jobs} | {seconds:.1f} s | {peak:.0f} | {target} |")


if __name__ == "__main__":
    main()
