"""Every example through the real Pulumi CLI against the emulator, with a local file backend:
preview, up, a preview that must show no changes, refresh, destroy.

Runs only where the `pulumi` command is on PATH (it cannot be installed from the package
registries these machines reach); skipped with the reason otherwise.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.emulator import Emulator

PULUMI = shutil.which("pulumi")
if PULUMI is None:
    pytest.skip(
        "the Pulumi CLI is not on PATH (install it: https://www.pulumi.com/docs/install/)",
        allow_module_level=True,
    )

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = {
    "quickstart": (ROOT, {}),
    "etl-pipeline": (ROOT / "examples" / "etl-pipeline", {"dbPassword": ("s3cret", True)}),
    "multi-env": (ROOT / "examples" / "multi-env", {}),
}


def _copy_project(source: Path, target: Path) -> Path:
    """The project in a scratch folder, running on this interpreter's environment (so no
    virtualenv is created per example)."""
    names = ["Pulumi.yaml", "quickstart"] if source == ROOT else [p.name for p in source.iterdir()]
    for name in names:
        path = source / name
        if path.is_dir():
            shutil.copytree(
                path, target / name, ignore=shutil.ignore_patterns("venv", "__pycache__")
            )
        else:
            shutil.copy(path, target / name)
    spec = (target / "Pulumi.yaml").read_text()
    venv = Path(sys.prefix)
    spec = re.sub(r"virtualenv: \S+", f"virtualenv: {venv}", spec)
    (target / "Pulumi.yaml").write_text(spec)
    return target


class Cli:
    def __init__(self, cwd: Path, home: Path) -> None:
        self.cwd = cwd
        self.env = {
            **os.environ,
            "PULUMI_HOME": str(home / ".pulumi"),
            "PULUMI_BACKEND_URL": f"file://{home / 'state'}",
            "PULUMI_CONFIG_PASSPHRASE": "e2e-passphrase",
            "PULUMI_SKIP_UPDATE_CHECK": "true",
        }
        (home / "state").mkdir(exist_ok=True)

    def __call__(self, *args: str) -> str:
        assert PULUMI is not None
        done = subprocess.run(
            [PULUMI, *args, "--non-interactive"],
            cwd=self.cwd,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, (
            f"pulumi {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
        )
        return done.stdout


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    with Emulator() as emu:
        yield emu


def _job_count(emu: Emulator) -> int:
    client = EmrClient.from_config(env=emu.env())
    projects = client.call("ListFlowProject", {})["Projects"]["Project"]
    return sum(int(client.call("ListFlowJob", {"ProjectId": p["Id"]})["Total"]) for p in projects)


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_preview_up_refresh_destroy(example: str, emulator: Emulator, tmp_path: Path) -> None:
    source, extra = EXAMPLES[example]
    project = _copy_project(source, tmp_path / "project")
    pulumi = Cli(project, tmp_path)
    stack = "dev"
    if (project / "Pulumi.dev.yaml").exists():
        pulumi("stack", "select", "--create", stack)
    else:
        pulumi("stack", "init", stack)
    pulumi("config", "set", "emrflow:endpoint", emulator.endpoint)
    pulumi("config", "set", "alicloud:accessKey", emulator.access_key_id)
    pulumi("config", "set", "--secret", "alicloud:secretKey", emulator.access_key_secret)
    pulumi("config", "set", "alicloud:region", emulator.region)
    for key, (value, secret) in extra.items():
        pulumi("config", "set", *(["--secret"] if secret else []), key, value)

    pulumi("preview")
    assert _job_count(emulator) == 0, "preview must not call the API"
    pulumi("up", "--yes", "--skip-preview")
    assert _job_count(emulator) > 0
    pulumi("preview", "--expect-no-changes")
    pulumi("refresh", "--yes")
    pulumi("preview", "--expect-no-changes")
    state = pulumi("stack", "export")
    assert emulator.access_key_secret not in state
    pulumi("destroy", "--yes")
    assert _job_count(emulator) == 0
    assert emulator.access_key_secret not in pulumi("stack", "export")
