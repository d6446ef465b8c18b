"""The demo behind ``make demo``: a Pulumi stack deployed to a local EMR Flow API emulator.

``python -m pulumi_emrflow.demo [PROJECT_DIR] [--stack NAME]`` (``make demo`` passes the repository
root, whose Pulumi.yaml is the quickstart) starts the emulator in a process of its own, then:

- with the Pulumi CLI on PATH (``cli.py``): a local file backend in ``PROJECT_DIR/.pulumi-state``
  (``PULUMI_BACKEND_URL``, so the user's own ``pulumi login`` is left alone), a stack with the
  passphrase secrets provider and config pointing at the emulator, ``pulumi preview``,
  ``pulumi up --yes``, the stack outputs, a second preview that must show no changes,
  ``pulumi destroy --yes``, and the stack removed;
- without it (``offline.py``): one line saying how to install it, then the same program through
  ``pulumi_emrflow.testing.run_program``: the planned jobs as a table, the created jobs read back
  from the emulator with the API client, and their removal.

It exits 0 when done and on Ctrl-C, 1 when a step fails; the emulator is stopped on every path.
"""

from __future__ import annotations

import argparse
import shutil
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from pulumi_emrflow.emulator import EmulatorProcess
from pulumi_emrflow.testing.interrupts import sigint_deferred

__all__ = ["NO_CLI_MESSAGE", "DemoError", "main"]

NO_CLI_MESSAGE = (
    "Pulumi CLI not found; install it with `curl -fsSL https://get.pulumi.com | sh` "
    "(https://www.pulumi.com/docs/install/). Running the quickstart through "
    "pulumi_emrflow.testing's program runner instead."
)


class DemoError(Exception):
    """A demo step failed; the message says which and why."""


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m pulumi_emrflow.demo",
        description="Deploy a Pulumi project's emrflow resources to a local emulator and back.",
    )
    parser.add_argument("project_dir", nargs="?", default=".", help="folder with Pulumi.yaml")
    parser.add_argument("--stack", default="demo", help="stack name (default: demo)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the demo; returns the exit status."""
    args = _parse(argv)
    project_dir = Path(args.project_dir).resolve()
    emulator = EmulatorProcess()
    try:
        # From this line on, Ctrl-C is handled (earlier it can only land in interpreter start-up).
        print("Starting the EMR Flow API emulator...", flush=True)
        with sigint_deferred():
            emulator.start()
            # Both paths import pulumi and grpc (about a second): a Ctrl-C landing inside the
            # import machinery is reported by CPython as "Exception ignored" with a traceback.
            import pulumi_emrflow.demo.cli
            import pulumi_emrflow.demo.offline  # noqa: F401
        print(f"EMR Flow API emulator listening on {emulator.endpoint}", flush=True)
        pulumi = shutil.which("pulumi")
        if pulumi is not None:
            from pulumi_emrflow.demo.cli import run_with_cli

            run_with_cli(pulumi, project_dir, emulator, args.stack)
        else:
            from pulumi_emrflow.demo.offline import run_offline

            print(NO_CLI_MESSAGE, flush=True)
            run_offline(project_dir, emulator, args.stack)
        return 0
    except KeyboardInterrupt:
        print("\nInterrupted.", flush=True)
        return 0
    except DemoError as exc:
        print(f"demo failed: {exc}", file=sys.stderr, flush=True)
        return 1
    finally:
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not skip the stop
        finally:  # a Ctrl-C landing before that line still stops the emulator
            emulator.stop()
            print("Emulator stopped.", flush=True)
