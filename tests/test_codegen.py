"""The generated typed surface is what the generator writes from the specs now, and the type
checker sees each enum argument as its allowed values (like tests/test_readme.py for the tables)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pulumi_emrflow.resources.codegen import generated_files


@pytest.mark.parametrize("path", sorted(generated_files()), ids=lambda p: p.name)
def test_the_committed_file_is_what_the_generator_writes(path: Path) -> None:
    expected = generated_files()[path]
    assert path.read_text() == expected, (
        f"{path.name} is out of date: run `python -m pulumi_emrflow.resources.codegen`"
    )


def test_mypy_rejects_a_job_type_that_is_not_allowed(tmp_path: Path) -> None:
    program = tmp_path / "program.py"
    program.write_text(
        "import pulumi_emrflow as emrflow\n"
        'emrflow.FlowJob("j", project_id="FP-1", name="j", description="d", type="SHELL")\n'
        'emrflow.FlowJob("k", project_id="FP-1", name="k", description="d", type="NOPE")\n'
        'emrflow.FlowJobArgs(project_id="FP-1", name="k", description="d", type="NOPE")\n'
    )
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(program)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    errors = [line for line in done.stdout.splitlines() if ": error:" in line]
    assert [line.split(":")[1] for line in errors] == ["3", "4"], done.stdout
    assert "call-overload" in errors[0] and "'NOPE'" in errors[1], done.stdout
