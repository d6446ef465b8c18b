"""Run the export command in this process, pointed at an emulator by the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from pulumi_emrflow.__main__ import main
from pulumi_emrflow.emulator import Emulator


def export(
    emu: Emulator, monkeypatch: pytest.MonkeyPatch, out: Path, *args: str, env: bool = True
) -> int:
    if env:
        for key, value in emu.env().items():
            monkeypatch.setenv(key, value)
    return main(["export", *args, "--out", str(out)])
