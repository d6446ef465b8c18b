"""The demo with the Pulumi CLI: the quickstart stack deployed to the emulator and destroyed.

State goes to a local file backend inside the project (``.pulumi-state/``, ignored by git),
selected with ``PULUMI_BACKEND_URL`` so that the user's own ``pulumi login`` is not changed;
``PULUMI_CONFIG_PASSPHRASE`` unlocks the demo stack's passphrase secrets provider. The stack is
made afresh each time (the emulator's state does not outlive the demo) and removed at the end.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
from collections.abc import Mapping
from pathlib import Path

from pulumi_emrflow.demo import DemoError
from pulumi_emrflow.emulator import EmulatorProcess

__all__ = ["DEMO_PASSPHRASE", "STATE_DIR", "Cli", "run_with_cli"]

STATE_DIR = ".pulumi-state"
DEMO_PASSPHRASE = "emrflow-demo"  # protects only the demo stack's secrets, on this machine
_SECRET_MARK = "[secret]"


class Cli:
    """Runs ``pulumi`` commands in ``cwd`` with ``env``, echoing each (secret values masked)."""

    def __init__(self, pulumi: str, cwd: Path, env: Mapping[str, str]) -> None:
        self.pulumi = pulumi
        self.cwd = cwd
        self.env = dict(env)

    def run(self, *args: str, secret: str | None = None, quiet: bool = False) -> str:
        """Run ``pulumi args --non-interactive``; DemoError when it fails (unless ``quiet``)."""
        shown = " ".join(_SECRET_MARK if a == secret else a for a in args)
        if not quiet:
            print(f"\n$ pulumi {shown}", flush=True)
        process = subprocess.Popen(
            [self.pulumi, *args, "--non-interactive"],
            cwd=self.cwd,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        output = _wait(process)
        if not quiet:
            print(output, end="" if output.endswith("\n") or not output else "\n", flush=True)
        if process.returncode != 0 and not quiet:
            raise DemoError(f"`pulumi {shown}` failed (exit status {process.returncode})")
        return output


def _wait(process: subprocess.Popen[str]) -> str:
    """The process's output; on Ctrl-C, let pulumi cancel cleanly (it got the SIGINT too, or
    gets one now), then kill it if it does not stop."""
    try:
        output, _ = process.communicate()
        return output
    except KeyboardInterrupt:
        try:
            process.wait(timeout=1)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        raise


def demo_env(project_dir: Path) -> dict[str, str]:
    """The environment of every pulumi command: the local backend and the passphrase."""
    state = project_dir / STATE_DIR
    state.mkdir(exist_ok=True)
    return {
        **os.environ,
        "PULUMI_BACKEND_URL": state.as_uri(),
        "PULUMI_CONFIG_PASSPHRASE": DEMO_PASSPHRASE,
        "PULUMI_SKIP_UPDATE_CHECK": "true",
    }


def _print_outputs(document: str) -> None:
    try:
        outputs = json.loads(document)
    except ValueError:
        raise DemoError(f"`pulumi stack output --json` printed no JSON: {document!r}") from None
    print("\nStack outputs:")
    for key, value in outputs.items():
        if isinstance(value, dict):
            for name, id_ in value.items():
                print(f"  {key}.{name:<14} {id_}")
        else:
            print(f"  {key:<22} {value}")


def run_with_cli(pulumi: str, project_dir: Path, emulator: EmulatorProcess, stack: str) -> None:
    """preview, up, outputs, preview (no changes), destroy: the quickstart on the emulator."""
    cli = Cli(pulumi, project_dir, demo_env(project_dir))
    print(f"Pulumi CLI: {pulumi}; state in {project_dir / STATE_DIR} (local file backend)")
    cli.run("stack", "rm", stack, "--yes", "--force", quiet=True)  # a leftover, if any
    cli.run("stack", "init", stack, "--secrets-provider", "passphrase")
    on_stack = ("--stack", stack)
    cli.run("config", "set", "emrflow:endpoint", emulator.endpoint, *on_stack)
    cli.run("config", "set", "alicloud:accessKey", emulator.access_key_id, *on_stack)
    secret = emulator.access_key_secret
    cli.run("config", "set", "--secret", "alicloud:secretKey", secret, *on_stack, secret=secret)
    cli.run("config", "set", "alicloud:region", emulator.region, *on_stack)
    cli.run("preview", *on_stack)
    cli.run("up", "--yes", *on_stack)
    _print_outputs(cli.run("stack", "output", "--json", *on_stack, quiet=True))
    cli.run("preview", "--expect-no-changes", *on_stack)
    cli.run("destroy", "--yes", *on_stack)
    cli.run("stack", "rm", stack, "--yes")
