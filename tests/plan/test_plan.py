"""``python -m pulumi_emrflow plan`` on the quickstart and both examples, pinned (text, json and
mermaid): offline, with no credentials in the environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pulumi_emrflow.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = Path(__file__).resolve().parent / "expected"
WINDOW = ["--from", "2026-12-01T00:00:00", "--hours", "72"]
CASES = {
    "quickstart": [str(ROOT)],
    "etl-pipeline": [str(ROOT / "examples" / "etl-pipeline"), "--config", "dbPassword=x"],
    "multi-env-dev": [str(ROOT / "examples" / "multi-env"), "--stack", "dev"],
    "multi-env-prod": [str(ROOT / "examples" / "multi-env"), "--stack", "prod"],
}


def _plan(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["plan", *args]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["text", "json", "mermaid"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_plan_is_pinned(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, case: str, fmt: str
) -> None:
    for name in list(os.environ):
        if name.startswith(("ALICLOUD_", "ALIBABA_CLOUD_", "EMRFLOW_")):
            monkeypatch.delenv(name)
    out = _plan(capsys, *CASES[case], *WINDOW, "--format", fmt)
    suffix = {"text": "txt", "json": "json", "mermaid": "md"}[fmt]
    assert out == (EXPECTED / f"{case}.{suffix}").read_text()


def test_json_says_what_runs_side_by_side(capsys: pytest.CaptureFixture[str]) -> None:
    plan = json.loads(_plan(capsys, *CASES["etl-pipeline"], *WINDOW, "--format", "json"))
    (flow,) = plan["flows"]
    assert [[job["job"] for job in row] for row in flow["stages"]] == [
        ["ingest-orders"],
        ["daily-revenue", "daily-customers"],
        ["export-revenue"],
    ]
    assert flow["fire_times"] == [
        "2026-12-01T01:00+08:00",
        "2026-12-02T01:00+08:00",
        "2026-12-03T01:00+08:00",
    ]


def test_a_window_before_the_start_has_no_runs_and_the_end_stops_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    plan = json.loads(
        _plan(capsys, str(ROOT), "--from", "2026-11-01T00:00:00+08:00", "--format", "json")
    )
    assert plan["flows"][0]["fire_times"] == []


def test_a_cycle_is_reported_as_a_problem_not_a_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "Pulumi.yaml").write_text("name: cyclic\nruntime: python\n")
    (tmp_path / "__main__.py").write_text(
        "import pulumi_emrflow as emrflow\n"
        "emrflow.Flow('f', project_id='FP-1', name='f', description='d', cluster_id='C-1',\n"
        "             steps=[{'job': 'FJ-a', 'after': ['FJ-b']},\n"
        "                    {'job': 'FJ-b', 'after': ['FJ-a']}])\n"
    )
    out = _plan(capsys, str(tmp_path), *WINDOW)
    assert "problem: steps: has a cycle: FJ-a -> FJ-b -> FJ-a" in out
    assert "(no jobs)" in out


def test_bad_arguments_and_a_failing_program_are_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["plan", str(ROOT / "examples" / "etl-pipeline"), *WINDOW]) == 1
    err = capsys.readouterr().err
    assert err.startswith("plan: ") and "dbPassword" in err and "Traceback" not in err
    assert main(["plan", str(ROOT / "quickstart")]) == 1
    assert "has no Pulumi.yaml; give a Pulumi project's directory" in capsys.readouterr().err
    assert main([]) == 2
    with pytest.raises(SystemExit):
        main(["plan", "--hours", "0"])


def test_runs_as_a_module() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pulumi_emrflow", "plan", str(ROOT), *WINDOW],
        capture_output=True,
        text=True,
        check=False,
        env={k: v for k, v in os.environ.items() if not k.startswith("ALICLOUD_")},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == (EXPECTED / "quickstart.txt").read_text()
