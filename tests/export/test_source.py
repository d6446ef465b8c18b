"""The written program is laid out as ``ruff format`` lays it out, whatever the service's text
holds, and each literal reads back as the value it was made from."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from pulumi_emrflow.export.declarations import (
    Args,
    Declaration,
    Program,
    Ref,
    Secret,
    SecretSetting,
)
from pulumi_emrflow.export.names import Names
from pulumi_emrflow.export.source import program, string, width
from pulumi_emrflow.specs import get_spec

BIN = Path(sys.executable).parent

TEXTS = [
    "",
    "plain",
    "it's",
    'say "hi"',
    'both \' and "" quotes',
    "back\\slash \\n not a newline",
    "tab\tand\nnewline\r\n",
    "control \x00\x07\x1b and \u200b zero width and \U0001f600",
    "word " * 60,
    "x" * 250,
    "数据" * 70,
    "混合 mixed 文本 " * 20,
    "line one\n" + "a very long second line " * 8 + "\nthird",
    "full-width punctuation\uff0c\uff1a\uff1b\uff08\uff09and \u201ccurly\u201d \u2018quotes\u2019",
    "ends with a space ",
    "\n\n\n",
]


def _declarations() -> Program:
    job = get_spec("flow_job")
    declared = []
    for i, text in enumerate(TEXTS):
        args = {
            "project_id": Ref("project_p"),
            "name": f"n{i}",
            "description": text,
            "type": "SHELL",
            "params": text,
            "param_conf": {"k": text, "key with a long name " * 3: text, "pw": Secret("kPw")},
            "resources": [Args("FlowJobResourceArgs", {"path": "oss://b/" + text, "alias": text})],
            "adopt": True,
        }
        declared.append(Declaration(job, f"job_{i}", f"FJ-{i}", args))
    return Program(declared, [SecretSetting("kPw", "job_0", "param_conf pw")])


def test_the_program_passes_ruff_format_and_check(tmp_path: Path) -> None:
    source = program(_declarations(), ["A test program."])
    (tmp_path / "__main__.py").write_text(source, encoding="utf-8")
    rules = ["--no-cache", "--isolated", "--line-length", "100", "--target-version", "py311"]
    for command in (
        ["format", "--check", "--diff", *rules, "."],
        ["check", *rules, "--select", "E,F,W,I,B,UP,SIM,RUF", "--ignore", "F821", "."],
    ):
        done = subprocess.run(
            [BIN / "ruff", *command], capture_output=True, text=True, cwd=tmp_path, check=False
        )
        assert done.returncode == 0, done.stdout + done.stderr
    assert all(width(line) <= 100 for line in source.splitlines())


def test_literals_read_back_as_the_text() -> None:
    for text in TEXTS:
        assert ast.literal_eval(string(text)) == text
    tree = ast.parse(program(_declarations(), ["doc"]))
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    params = [ast.literal_eval(k.value) for c in calls for k in c.keywords if k.arg == "params"]
    assert params == TEXTS


def test_names_are_identifiers_unique_and_stable() -> None:
    def hand_out() -> list[str]:
        names = Names()
        labels = ["etl", "ETL", "nightlyExport", "数据", "class", "", "3 days", "a-b c"]
        return [names.variable("job", label) for label in labels] + [
            names.config_key("job_etl", "db_password"),
            names.config_key("job_etl", "DB-PASSWORD"),
        ]

    first = hand_out()
    assert first == hand_out()
    assert first == [
        "job_etl", "job_etl_2", "job_nightly_export", "job", "job_class", "job_2", "job_3_days",
        "job_a_b_c", "jobEtlDbPassword", "jobEtlDbPassword2",
    ]  # fmt: skip
    assert all(name.isidentifier() for name in first)
