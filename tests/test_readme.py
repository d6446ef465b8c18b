"""The README's argument reference is the one the specs generate, for every resource."""

from __future__ import annotations

from pathlib import Path

import pytest

from pulumi_emrflow.specs import get_spec, spec_names
from pulumi_emrflow.specs.docs import markdown_table

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.mark.parametrize("name", spec_names())
def test_every_argument_table_matches_its_spec(name: str) -> None:
    spec = get_spec(name)
    text = README.read_text(encoding="utf-8")
    begin = f"<!-- BEGIN {spec.type_name} arguments -->\n"
    end = f"<!-- END {spec.type_name} arguments -->"
    assert begin in text, f"README.md has no {spec.type_name} argument table"
    documented = text[text.index(begin) + len(begin) : text.index(end)]
    assert documented == markdown_table(spec)
