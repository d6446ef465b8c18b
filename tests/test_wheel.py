"""The wheel, not the source tree: built with pip, installed into a clean virtual environment,
where the import, the typing marker, the pytest plugin's entry point and a FlowJob registration
through the provider server (against the emulator) all come from the installed wheel."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import textwrap
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHECK = """
import json, pathlib, sys, tempfile
from importlib import metadata

import pulumi_emrflow
from pulumi_emrflow.emulator import Emulator
from pulumi_emrflow.testing import run_program

program = pathlib.Path(tempfile.mkdtemp())
(program / "Pulumi.yaml").write_text("name: wheel-check\\nruntime: python\\n")
(program / "__main__.py").write_text('''
import pulumi
import pulumi_emrflow as emrflow
project = emrflow.FlowProject("p", name="wheel-check", description="from the wheel")
job = emrflow.FlowJob("j", project_id=project.id, name="j", description="d", type="SHELL",
                      params="echo hi")
pulumi.export("job_id", job.id)
''')
with Emulator() as emu:
    run = run_program(program, emulator=emu)
    job = run.named("j")
    run.destroy()
plugins = [e.value for e in metadata.entry_points(group="pytest11") if e.name == "emrflow"]
print(json.dumps({
    "file": pulumi_emrflow.__file__,
    "version": pulumi_emrflow.__version__,
    "typed": (pathlib.Path(pulumi_emrflow.__file__).parent / "py.typed").is_file(),
    "plugin": plugins,
    "job": [job.status, job.id[:3], run.outputs["job_id"] == job.id],
}))
"""


def test_the_wheel_works_from_a_clean_environment(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("pulumi_emrflow-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "pulumi_emrflow/py.typed" in names
    assert not [n for n in names if n.startswith(("tests/", "examples/", "bench/"))]

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # The dependencies (pulumi, requests, ...) come from this environment's site-packages, as
    # a plain path: its .pth files, among them the editable install's, are not processed.
    deps = sysconfig.get_paths()["purelib"]
    (site / "dependencies.pth").write_text(deps + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q",
         str(wheel)],
        check=True,
        capture_output=True,
    )  # fmt: skip

    result = subprocess.run(
        [python, "-c", textwrap.dedent(CHECK)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert Path(found["file"]).is_relative_to(site), found["file"]
    assert found["typed"] is True
    assert found["plugin"] == ["pulumi_emrflow.testing.pytest_plugin"]
    assert found["job"] == ["created", "FJ-", True]
