"""run_program and a program's own helper modules (``jobs.py`` beside ``__main__.py``): every
run sees the current files, and two programs' same-named modules never mix."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pulumi_emrflow.testing import run_program

MAIN = """\
import pulumi
import pulumi_emrflow as emrflow
import settings
from lib import naming

emrflow.FlowProject("p", name=naming.full(settings.NAME), description="d")
pulumi.export("name", naming.full(settings.NAME))
"""


def _project(root: Path, name: str, project_name: str, prefix: str) -> Path:
    root.mkdir()
    (root / "Pulumi.yaml").write_text(f"name: {name}\nruntime: python\n")
    (root / "__main__.py").write_text(MAIN)
    (root / "settings.py").write_text(f"NAME = {project_name!r}\n")
    (root / "lib").mkdir()
    (root / "lib" / "__init__.py").write_text("")
    (root / "lib" / "naming.py").write_text(f"def full(n):\n    return {prefix!r} + n\n")
    return root


def test_an_edited_helper_is_seen_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)  # as without PYTHONDONTWRITEBYTECODE
    program = _project(tmp_path / "a", "alpha", "lake", "a-")
    assert run_program(program).outputs == {"name": "a-lake"}
    # Same length, same second: a stale cached module or bytecode would go unnoticed.
    (program / "settings.py").write_text("NAME = 'pond'\n")
    (program / "lib" / "naming.py").write_text("def full(n):\n    return 'b-' + n\n")
    assert run_program(program).outputs == {"name": "b-pond"}
    assert not (program / "__pycache__").exists() and sys.dont_write_bytecode is False


def test_two_programs_never_share_a_module(tmp_path: Path) -> None:
    first = _project(tmp_path / "first", "first", "one", "x-")
    second = _project(tmp_path / "second", "second", "two", "y-")
    assert run_program(first).outputs == {"name": "x-one"}
    assert run_program(second).outputs == {"name": "y-two"}
    assert run_program(first).outputs == {"name": "x-one"}


def test_the_callers_own_module_of_that_name_is_left_alone(tmp_path: Path) -> None:
    program = _project(tmp_path / "p", "p", "lake", "p-")
    mine = type(sys)("settings")
    sys.modules["settings"] = mine
    try:
        assert run_program(program).outputs == {"name": "p-lake"}
        assert sys.modules["settings"] is mine
    finally:
        del sys.modules["settings"]
    assert "lib" not in sys.modules and "lib.naming" not in sys.modules
