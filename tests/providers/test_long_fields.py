"""A 200 KB script and large JSON configurations through create, update and refresh: long text
fields travel in the form body of every write, never in the URL (which gateways limit)."""

from __future__ import annotations

from pulumi_emrflow.testing.engine import ProviderServer

SCRIPT = "\n".join(f"echo 'line {i:06d} of a long generated script'" for i in range(5500))


def test_a_200_kb_script_creates_updates_and_refreshes(
    engine: ProviderServer, project: str
) -> None:
    assert len(SCRIPT.encode()) > 200_000
    news = {
        "project_id": project,
        "name": "long",
        "description": "d" * 2000,
        "type": "SHELL",
        "params": SCRIPT,
        "param_conf": {f"k{i}": "v" * 50 for i in range(300)},
    }
    state = engine.up("long", news)
    edited = {**news, "params": SCRIPT + "\necho done", "description": "e" * 2000}
    updated = engine.up("long", edited, state)
    assert updated.operations == ("Check", "Diff", "Update")
    refreshed = engine.refresh(updated)
    assert refreshed is not None
    assert refreshed.outputs["params"] == SCRIPT + "\necho done"
    assert refreshed.outputs["description"] == "e" * 2000
    _, diff = engine.preview("long", edited, refreshed)
    assert diff is not None and not diff.changed
