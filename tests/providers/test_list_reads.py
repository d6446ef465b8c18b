"""Reads from a scope's List, one provider object against the emulator: what each read costs,
and that a failed List, a write, or an object the List lacks never yields a wrong answer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pulumi.dynamic import Config, ConfigureRequest, ReadResult

from pulumi_emrflow.api.client import EmrClient
from pulumi_emrflow.api.errors import ApiError
from pulumi_emrflow.emulator import DEFAULT_CLUSTER_ID, Emulator
from pulumi_emrflow.providers.lifecycle import EmrFlowProvider
from pulumi_emrflow.specs import get_spec
from pulumi_emrflow.testing.engine import stack_config_for


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator() as emulator:
        yield emulator


@pytest.fixture
def make(emu: Emulator) -> Callable[..., EmrFlowProvider]:
    def provider(spec: str = "flow_job", **config: str) -> EmrFlowProvider:
        made = EmrFlowProvider(spec)
        made.configure(ConfigureRequest(Config({**stack_config_for(emu), **config}, "p")))
        return made

    return provider


@pytest.fixture
def project(emu: Emulator) -> str:
    emu.reset()
    return emu.backend.create_flow_project("p", "d").id


def job(project: str, name: str, **extra: Any) -> dict[str, Any]:
    props, failures = get_spec("flow_job").check(
        {"project_id": project, "name": name, "description": "d", "type": "SHELL", **extra}
    )
    assert not failures
    return props


def calls(emu: Emulator, do: Callable[[], Any]) -> tuple[Any, dict[str, int]]:
    before = emu.counters()["requests"]
    result = do()
    now = emu.counters()["requests"]
    return result, {k: now[k] - before.get(k, 0) for k in now if now[k] != before.get(k, 0)}


def outs(result: ReadResult) -> dict[str, Any]:
    return dict(result.outs or {})


def test_a_project_with_one_job_costs_one_call(
    emu: Emulator, make: Callable[..., EmrFlowProvider], project: str
) -> None:
    provider = make()
    created = provider.create(job(project, "only"))
    read, spent = calls(emu, lambda: provider.read(created.id, dict(created.outs or {})))
    assert read.id == created.id and spent == {"ListFlowJob": 1}


def test_get_is_answered_from_the_list_too(
    emu: Emulator, make: Callable[..., EmrFlowProvider], project: str
) -> None:
    provider = make()
    created = provider.create(job(project, "a"))
    read, spent = calls(emu, lambda: provider.read(created.id, {"project_id": project}))
    assert read.id == created.id and outs(read)["name"] == "a" and spent == {"ListFlowJob": 1}


def test_a_failed_list_falls_back_to_describe_never_to_gone(
    emu: Emulator,
    make: Callable[..., EmrFlowProvider],
    project: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    provider = make()
    kept = provider.create(job(project, "kept"))
    gone = provider.create(job(project, "gone"))
    emu.backend.delete_flow_job(project, gone.id)
    real_call = EmrClient.call

    def failing_list(self: EmrClient, action: str, *args: Any, **kwargs: Any) -> Any:
        if action == "ListFlowJob":
            raise ApiError(action, "Throttling.User", "Request was denied due to user flow control")
        return real_call(self, action, *args, **kwargs)

    monkeypatch.setattr(EmrClient, "call", failing_list)
    read, spent = calls(emu, lambda: provider.read(kept.id, dict(kept.outs or {})))
    assert read.id == kept.id and outs(read)["name"] == "kept"
    assert spent == {"DescribeFlowJob": 1}
    read, _ = calls(emu, lambda: provider.read(gone.id, dict(gone.outs or {})))
    assert read.id == ""  # gone, as Describe says


def test_an_object_the_list_lacks_is_asked_for_before_it_is_called_gone(
    emu: Emulator, make: Callable[..., EmrFlowProvider], project: str
) -> None:
    provider = make()
    first = provider.create(job(project, "first"))
    provider.read(first.id, dict(first.outs or {}))  # the scope is listed now
    # Made by another tool after the listing (as a page shift during paging could hide it).
    late = emu.backend.create_flow_job(project, "late", "SHELL", description="d")
    read, spent = calls(emu, lambda: provider.read(late.id, {"project_id": project}))
    assert read.id == late.id and spent == {"DescribeFlowJob": 1}


def test_a_write_drops_the_scope_so_the_next_read_lists_again(
    emu: Emulator, make: Callable[..., EmrFlowProvider], project: str
) -> None:
    provider, other = make(), make()  # two provider objects: a write drops both's listing
    a = provider.create(job(project, "a"))
    b = provider.create(job(project, "b"))
    other.read(a.id, dict(a.outs or {}))
    provider.update(b.id, dict(b.outs or {}), job(project, "b", description="changed"))
    read, spent = calls(emu, lambda: other.read(b.id, dict(b.outs or {})))
    assert outs(read)["description"] == "changed" and spent == {"ListFlowJob": 1}
    provider.delete(a.id, dict(a.outs or {}))
    read, spent = calls(emu, lambda: other.read(a.id, dict(a.outs or {})))
    assert read.id == "" and spent == {"ListFlowJob": 1, "DescribeFlowJob": 1}


def test_list_reads_can_be_turned_off(
    emu: Emulator, make: Callable[..., EmrFlowProvider], project: str
) -> None:
    provider = make(**{"emrflow:listReads": "false"})
    created = provider.create(job(project, "a"))
    _, spent = calls(emu, lambda: provider.read(created.id, dict(created.outs or {})))
    assert spent == {"DescribeFlowJob": 1}


@pytest.mark.parametrize(
    ("spec", "props"),
    [
        ("flow_project", {"name": "etl", "description": "nightly ETL"}),
        (
            "flow_project_cluster_setting",
            {"cluster_id": DEFAULT_CLUSTER_ID, "users": ["hadoop", "etl"], "hosts": ["h1"]},
        ),
    ],
)
def test_projects_and_settings_read_from_their_list_as_from_describe(
    emu: Emulator,
    make: Callable[..., EmrFlowProvider],
    project: str,
    spec: str,
    props: dict[str, Any],
) -> None:
    listing, describing = make(spec), make(spec, **{"emrflow:listReads": "false"})
    if spec != "flow_project":
        props = {"project_id": project, **props}
    checked, failures = get_spec(spec).check(props)
    assert not failures
    created = listing.create(checked)
    by_list, spent = calls(emu, lambda: listing.read(created.id, dict(created.outs or {})))
    assert spent == {get_spec(spec).list_action: 1}
    by_describe = describing.read(created.id, dict(created.outs or {}))
    assert by_list.id == by_describe.id == created.id
    assert repr(by_list.outs) == repr(by_describe.outs)
    assert repr(by_list.inputs) == repr(by_describe.inputs)
