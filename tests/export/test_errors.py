"""A failing export says why in one line, exits non-zero and leaves no folder behind."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from exporting import export

from pulumi_emrflow.emulator import Emulator


def _failed(capsys: pytest.CaptureFixture[str], out: Path) -> str:
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert not out.exists()
    assert [p.name for p in out.parent.iterdir()] == []  # no temporary folder either
    return lines[0]


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """Where the export is asked to write: a folder of its own, so leftovers would show."""
    (tmp_path / "x").mkdir()
    return tmp_path / "x" / "out"


def _set_env(emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in emu.env().items():
        monkeypatch.setenv(key, value)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_an_unknown_project(
    emu: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    out: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert export(emu, monkeypatch, out, "--project", "FP-0000000000000000") == 1
    line = _failed(capsys, out)
    assert line == f"export: project FP-0000000000000000 does not exist in region {emu.region}"


def test_not_a_project_id(
    emu: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    out: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert export(emu, monkeypatch, out, "--project", "etl") == 2
    assert _failed(capsys, out) == "export: 'etl' is not a project id (FP-...)"


def test_wrong_credentials(
    emu: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    out: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _set_env(emu, monkeypatch)
    wrong = "not-the-secret-at-all"
    for key in ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECRET_KEY"):
        monkeypatch.setenv(key, wrong)
    assert export(emu, monkeypatch, out, "--all-projects", env=False) == 1
    line = _failed(capsys, out)
    assert line.startswith("export: the service refused the credentials (SignatureDoesNotMatch)")
    assert wrong not in line


def test_no_credentials(
    emu: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    out: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for key in list(os.environ):
        if key.startswith(("ALIBABA_CLOUD_", "ALICLOUD_", "EMRFLOW_")):
            monkeypatch.delenv(key)
    monkeypatch.setenv("HOME", str(out.parent / "home"))
    args = ("--all-projects", "--region", "cn-hangzhou", "--endpoint", emu.endpoint)
    assert export(emu, monkeypatch, out, *args, env=False) == 1
    assert "export: " in _failed(capsys, out)


def test_an_unreachable_endpoint(
    emu: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    out: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _set_env(emu, monkeypatch)
    endpoint = f"http://127.0.0.1:{_free_port()}"
    assert export(emu, monkeypatch, out, "--all-projects", "--endpoint", endpoint, env=False) == 1
    line = _failed(capsys, out)
    assert endpoint.removeprefix("http://") in line, line


def test_an_existing_folder_is_kept_unless_forced(
    emu: Emulator, monkeypatch: pytest.MonkeyPatch, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = emu.backend.create_flow_project("p", "d").id
    out.mkdir()
    (out / "Pulumi.dev.yaml").write_text("config:\n  p:secret: set since\n", encoding="utf-8")
    assert export(emu, monkeypatch, out, "--project", project) == 1
    assert "exists and is not empty; pass --force" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["Pulumi.dev.yaml"]
    assert export(emu, monkeypatch, out, "--project", project, "--force") == 0
    assert "set since" in (out / "Pulumi.dev.yaml").read_text(encoding="utf-8")
    assert (out / "__main__.py").is_file()
    assert [p.name for p in out.parent.iterdir()] == ["out"]
