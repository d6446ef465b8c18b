"""The README's argument reference is the one the specs generate."""

from __future__ import annotations

from pathlib import Path

from pulumi_emrflow.specs import get_spec
from pulumi_emrflow.specs.docs import markdown_table

README = Path(__file__).resolve().parent.parent / "README.md"


def test_flow_job_argument_table_matches_the_spec() -> None:
    text = README.read_text(encoding="utf-8")
    begin, end = "<!-- BEGIN FlowJob arguments -->\n", "<!-- END FlowJob arguments -->"
    documented = text[text.index(begin) + len(begin) : text.index(end)]
    assert documented == markdown_table(get_spec("flow_job"))
