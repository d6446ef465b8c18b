"""The pytest plugin's documented way to give the emulator more clusters: a conftest.py that
overrides the session fixture ``emrflow_clusters`` (run as a pytest session of its own, so this
suite's emulator keeps only the default cluster)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

CONFTEST = """
import pytest


@pytest.fixture(scope="session")
def emrflow_clusters():
    return {"C-5EC0DE0000000001": "analytics-prod", "cn-shanghai:C-5EC0DE0000000002": None}
"""

TEST = """
def test_the_clusters_are_known(emrflow_emulator):
    names = emrflow_emulator.backend.cluster_names()
    assert names["C-5EC0DE0000000001"] == "analytics-prod"
    assert "C-1234567890ABCDEF" in names
    shanghai = emrflow_emulator.backends[emrflow_emulator.account_id, "cn-shanghai"]
    assert set(shanghai.cluster_names()) == {"C-5EC0DE0000000002"}
    emrflow_emulator.reset()
    assert "C-5EC0DE0000000001" in emrflow_emulator.backend.cluster_names()  # seeded: kept


def test_examples_multi_env_prod_runs_against_it(emrflow_program):
    run = emrflow_program(MULTI_ENV, stack="prod")
    assert len(run.of_type("FlowJob")) == 4
"""


def test_a_conftest_gives_the_emulator_more_clusters(tmp_path: Path) -> None:
    multi_env = str(Path(__file__).resolve().parents[2] / "examples" / "multi-env")
    (tmp_path / "conftest.py").write_text(textwrap.dedent(CONFTEST))
    (tmp_path / "test_clusters.py").write_text(TEST.replace("MULTI_ENV", repr(multi_env)))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout
