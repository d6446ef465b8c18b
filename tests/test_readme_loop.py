"""The README's worked offline loop (run, preview, policies, up, destroy) runs as written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- BEGIN offline-loop -->\n```python\n", "```\n<!-- END offline-loop -->"


def test_the_offline_loop_in_the_readme_runs() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    code = text[text.index(BEGIN) + len(BEGIN) : text.index(END)]
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "+ 8 to create"
    assert "  ~ FlowCategory analytics-prod-jobs update [diff: ~name]" in lines
    assert "Resources: ~ 5 to update, 3 unchanged" in lines
    assert "0 mandatory, 0 advisory violation(s)" in lines
