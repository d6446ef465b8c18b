"""A retried call shows one line per retry (action, error code, wait) where the CLI shows a
dynamic provider's output: its stderr, through pulumi.log (issue 13)."""

from __future__ import annotations

import logging
import re

import pytest

from pulumi_emrflow.emulator import DEFAULT_ACCESS_KEY_SECRET, Emulator
from pulumi_emrflow.providers.diagnostics import in_provider_server, route_to_pulumi_log
from pulumi_emrflow.testing.engine import ProviderServer, stack_config_for

RETRY_LINE = re.compile(
    r"^info: emrflow: CreateFlowProject: Throttling\.User \(throttling\) on attempt (\d); "
    r"retrying in \d+\.\ds$"
)


def test_each_retry_is_one_line_on_the_provider_servers_stderr(
    capfd: pytest.CaptureFixture[str],
) -> None:
    with Emulator() as emu, ProviderServer.for_spec("flow_project", stack_config_for(emu)) as srv:
        emu.set_faults(throttle_next=2)
        state = srv.up("p", {"name": "retried", "description": "d"})
        srv.destroy(state)
    err = capfd.readouterr().err
    lines = [line for line in err.splitlines() if "emrflow:" in line]
    matches = [RETRY_LINE.match(line) for line in lines]
    assert [m.group(1) if m else line for m, line in zip(matches, lines, strict=True)] == [
        "1",
        "2",
    ], err
    assert DEFAULT_ACCESS_KEY_SECRET not in err


def test_outside_the_provider_server_logging_is_left_to_the_caller() -> None:
    assert not in_provider_server()
    route_to_pulumi_log()
    assert logging.getLogger("pulumi_emrflow").handlers == []
