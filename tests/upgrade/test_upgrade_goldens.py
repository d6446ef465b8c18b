"""Every supported release's recorded state keeps working with today's provider.

For each golden case (``goldens/<release>.json``, made by ``record_goldens.py`` from the release's
tag) the objects are made again in a fresh emulator by replaying the release's own create
requests with the official SDK, the recorded ids are mapped onto the new ones, and the state
reaches today's provider server the way the engine sends it after an upgrade: the state's
``__provider`` (the release's pickle) in olds and properties, today's program's in news.

Two states are recorded per resource, as users have them: right after ``pulumi up`` (created)
and after a ``pulumi refresh`` (refreshed). From each:

- an unchanged program shows no change, and today's check stores every input in its old form;
- refresh works and gives the release's refreshed state (same outputs, same forms), then no change;
- an edit of the program updates the state in place;
- destroy works.

And a resource created (and refreshed) today is stored in the same form as the release stored it.
"""

from __future__ import annotations

import base64
import importlib
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aliyunsdkcore.client import AcsClient
from aliyunsdkcore.request import CommonRequest
from golden_capture import PROVIDER_KEY, capture, replace_strings
from golden_rpc import Rpc
from pulumi.runtime.proto import provider_pb2

from pulumi_emrflow.emulator import Emulator
from pulumi_emrflow.testing.calls import ProviderCalls, stack_config_for

HERE = Path(__file__).resolve().parent
GOLDENS = sorted((HERE / "goldens").glob("*.json"))
DIFF_NONE = provider_pb2.DiffResponse.DIFF_NONE
DIFF_SOME = provider_pb2.DiffResponse.DIFF_SOME

# Times set by the service: their values differ between the recording and today, not their form.
SERVICE_TIMES = frozenset({"gmt_create", "gmt_modified"})
STATES = ("created", "refreshed")


def _load(path: Path) -> dict[str, Any]:
    golden: dict[str, Any] = json.loads(path.read_text())
    return golden


def _cases() -> list[Any]:
    return [
        pytest.param((path, case), id=f"{path.stem}-{case}")
        for path in GOLDENS
        for case in _load(path)["cases"]
    ]


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    with Emulator() as emu:
        yield emu


@pytest.fixture(scope="module")
def rpc(emulator: Emulator) -> Iterator[Rpc]:
    # The provider string is never used: every call carries the props' own __provider.
    with ProviderCalls("", stack_config_for(emulator), project="golden", stack="golden") as server:
        yield Rpc(server)


@dataclass
class State:
    inputs: dict[str, Any]
    outputs: dict[str, Any]


@dataclass
class Recorded:
    """One resource of a golden state, its ids mapped onto the objects made again."""

    name: str
    type: str
    id: str
    created: State
    refreshed: State

    def state(self, which: str) -> State:
        return self.created if which == "created" else self.refreshed


@dataclass
class Restored:
    release: str
    case: str
    resources: list[Recorded]
    ids: dict[str, str]
    """Logical name -> the id of the object made again."""

    def program(self, changed: bool) -> Callable[[], None]:
        module = importlib.import_module("programs_v" + self.release.replace(".", "_"))
        case = module.CASES[self.case]
        return lambda: case(changed)

    def today(self, changed: bool = False) -> dict[str, dict[str, Any]]:
        """What today's resource classes register for the program, by logical name."""
        return {r["name"]: r["program_inputs"] for r in capture(self.program(changed), self.ids)}


def _replay(emulator: Emulator, requests: list[dict[str, Any]], ids: dict[str, str]) -> None:
    """Send the release's create requests again (official SDK), mapping ids both ways."""
    client = AcsClient(emulator.access_key_id, emulator.access_key_secret, emulator.region)
    netloc = emulator.endpoint.removeprefix("http://")
    for sent in requests:
        request = CommonRequest(domain=netloc, version="2016-04-08", action_name=sent["action"])
        request.set_protocol_type("http")
        request.set_method("POST")
        request.set_accept_format("json")
        for key, value in replace_strings(sent["params"], ids).items():
            request.add_body_params(key, value)
        answer = json.loads(client.do_action_with_exception(request))
        if sent["answer_id"]:
            ids[sent["answer_id"]] = answer["Id"]


def _restore(emulator: Emulator, path: Path, case: str) -> Restored:
    emulator.reset()
    golden = _load(path)
    ids: dict[str, str] = {}  # recorded id -> new id
    for resource in golden["cases"][case]:
        _replay(emulator, resource["requests"], ids)
    resources = [
        Recorded(
            r["name"],
            r["type"],
            replace_strings(r["id"], ids),
            State(replace_strings(r["inputs"], ids), replace_strings(r["outputs"], ids)),
            State(
                replace_strings(r["refreshed"]["inputs"], ids),
                replace_strings(r["refreshed"]["outputs"], ids),
            ),
        )
        for r in golden["cases"][case]
    ]
    return Restored(golden["release"], case, resources, {r.name: r.id for r in resources})


@pytest.fixture(params=_cases())
def restored(request: pytest.FixtureRequest, emulator: Emulator) -> Restored:
    path, case = request.param
    return _restore(emulator, path, case)


def _same_forms(now: Mapping[str, Any], recorded: Mapping[str, Any]) -> list[str]:
    """Keys whose value differs from the recorded one (the recorded form is the contract)."""
    problems = []
    for key in sorted(set(recorded) | set(now)):
        if key == PROVIDER_KEY:
            continue
        have, want = now.get(key), recorded.get(key)
        if key in SERVICE_TIMES:
            have, want = type(have), type(want)
        if have != want:
            problems.append(f"{key}: recorded {want!r}, now {have!r}")
    return problems


def _checked_today(rpc: Rpc, resource: Recorded, olds: State, news: Mapping[str, Any]) -> Any:
    checked, failures = rpc.check(resource.type, resource.name, olds.inputs, news)
    assert not failures, f"{resource.name}: today's check refuses the release's program: {failures}"
    return checked


@pytest.mark.parametrize("which", STATES)
def test_unchanged_program_shows_no_change(rpc: Rpc, restored: Restored, which: str) -> None:
    today = restored.today()
    for resource in restored.resources:
        state = resource.state(which)
        checked = _checked_today(rpc, resource, state, today[resource.name])
        assert _same_forms(checked, resource.created.inputs) == [], resource.name
        changes, replaces = rpc.diff(
            resource.type, resource.name, resource.id, state.outputs, checked, state.inputs
        )
        assert (changes, replaces) == (DIFF_NONE, []), resource.name


@pytest.mark.parametrize("which", STATES)
def test_refresh_gives_the_recorded_state(rpc: Rpc, restored: Restored, which: str) -> None:
    today = restored.today()
    for resource in restored.resources:
        state = resource.state(which)
        id_, outputs, inputs = rpc.read(
            resource.type, resource.name, resource.id, state.outputs, state.inputs
        )
        assert id_ == resource.id, resource.name
        assert outputs[PROVIDER_KEY] == state.outputs[PROVIDER_KEY]  # the state keeps its pickle
        assert _same_forms(outputs, resource.refreshed.outputs) == [], resource.name
        assert _same_forms(inputs or {}, resource.refreshed.inputs) == [], resource.name
        checked = _checked_today(rpc, resource, state, today[resource.name])
        changes, _ = rpc.diff(resource.type, resource.name, id_, outputs, checked, inputs or {})
        assert changes == DIFF_NONE, resource.name


@pytest.mark.parametrize("which", STATES)
def test_program_edit_updates_in_place(rpc: Rpc, restored: Restored, which: str) -> None:
    edited = restored.today(changed=True)
    updated = 0
    for resource in restored.resources:
        state = resource.state(which)
        checked = _checked_today(rpc, resource, state, edited[resource.name])
        changes, replaces = rpc.diff(
            resource.type, resource.name, resource.id, state.outputs, checked, state.inputs
        )
        assert replaces == [], resource.name
        if changes == DIFF_NONE:
            continue
        assert changes == DIFF_SOME
        outputs = rpc.update(
            resource.type, resource.name, resource.id, state.outputs, checked, state.inputs
        )
        updated += 1
        id_, refreshed, _ = rpc.read(resource.type, resource.name, resource.id, outputs, checked)
        assert id_ == resource.id
        changes, _ = rpc.diff(resource.type, resource.name, id_, refreshed, checked, checked)
        assert changes == DIFF_NONE, f"{resource.name}: the edit did not reach the service"
    assert updated, "the edited program must change at least one resource"


@pytest.mark.parametrize("which", STATES)
def test_destroy(rpc: Rpc, restored: Restored, which: str) -> None:
    for resource in reversed(restored.resources):
        state = resource.state(which)
        rpc.delete(resource.type, resource.name, resource.id, state.outputs, state.inputs)
    for resource in restored.resources:
        state = resource.state(which)
        id_, _, _ = rpc.read(resource.type, resource.name, resource.id, state.outputs, state.inputs)
        assert id_ == "", f"{resource.name} still exists after destroy"


def test_created_today_in_the_recorded_form(
    rpc: Rpc, emulator: Emulator, restored: Restored
) -> None:
    """What today's provider writes for the same program is what the release wrote."""
    emulator.reset()
    recorded_ids = {r.name: r.id for r in restored.resources}
    ids: dict[str, str] = {}  # name -> id of the object made today
    today = restored.today()
    for resource in restored.resources:
        news = replace_strings(today[resource.name], {recorded_ids[n]: i for n, i in ids.items()})
        checked, failures = rpc.check(resource.type, resource.name, {}, news)
        assert not failures, resource.name
        id_, outputs = rpc.create(resource.type, resource.name, checked)
        ids[resource.name] = id_
        _, refreshed, _ = rpc.read(resource.type, resource.name, id_, outputs, checked)
        back = {i: recorded_ids[n] for n, i in ids.items()}
        assert _same_forms(replace_strings(outputs, back), resource.created.outputs) == []
        assert _same_forms(replace_strings(refreshed, back), resource.refreshed.outputs) == []


@pytest.mark.parametrize("path", GOLDENS, ids=[p.stem for p in GOLDENS])
def test_recorded_provider_is_a_short_reference(path: Path) -> None:
    """The pickles in users' states name a class by module path (what must stay importable)."""
    for resources in _load(path)["cases"].values():
        for resource in resources:
            pickle = base64.b64decode(resource["outputs"][PROVIDER_KEY])
            assert b"pulumi_emrflow.providers.lifecycle" in pickle
            assert b"EmrFlowProvider" in pickle
            assert len(pickle) < 120


def test_every_release_in_the_changelog_has_goldens() -> None:
    changelog = (HERE.parents[1] / "CHANGELOG.md").read_text()
    released = set(re.findall(r"^## \[(\d+\.\d+\.\d+)\]", changelog, flags=re.M))
    assert released, "CHANGELOG.md lists no release"
    assert released == {p.stem for p in GOLDENS}
