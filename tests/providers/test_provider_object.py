"""The provider object: what it pickles, how it configures, and that loading it is light."""

from __future__ import annotations

import base64
import subprocess
import sys

import dill
from pulumi.dynamic import Config, ConfigureRequest
from pulumi.dynamic.dynamic import serialize_provider

from pulumi_emrflow.providers.lifecycle import EmrFlowProvider
from pulumi_emrflow.providers.pickled import serialized_provider
from pulumi_emrflow.specs import get_spec
from pulumi_emrflow.specs.docs import markdown_table

SECRET = "do-not-leak-this-secret"


def test_only_the_spec_name_is_pickled_even_after_configure() -> None:
    provider = EmrFlowProvider("flow_job")
    config = {"alicloud:accessKey": "AK", "alicloud:secretKey": SECRET, "alicloud:region": "r"}
    provider.configure(ConfigureRequest(Config(config, "project")))
    text = serialize_provider(provider)
    assert SECRET not in base64.b64decode(text).decode("latin-1")
    assert text == serialized_provider("flow_job")  # what every FlowJob carries
    assert len(text) <= 200
    loaded = dill.loads(base64.b64decode(text))
    assert type(loaded) is EmrFlowProvider and loaded.__getstate__() == {"spec": "flow_job"}
    assert loaded.spec is get_spec("flow_job")


def test_pickled_by_reference() -> None:
    raw = base64.b64decode(serialized_provider("flow_job"))
    assert b"pulumi_emrflow.providers.lifecycle" in raw and b"EmrFlowProvider" in raw
    assert b"co_code" not in raw and len(raw) < 120  # no bytecode: a reference


def test_importing_the_provider_has_no_side_effects_and_loads_no_http_stack() -> None:
    code = (
        "import sys, pulumi.dynamic; before = set(sys.modules);"
        "import pulumi_emrflow.providers.lifecycle as m;"
        "m.EmrFlowProvider('flow_job').spec;"
        "new = set(sys.modules) - before;"
        "print(sorted(x for x in new if x.split('.')[0] in ('requests', 'urllib3', 'grpc')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]" and out.stderr == ""


def test_the_argument_table_is_rendered_from_the_spec() -> None:
    table = markdown_table(get_spec("flow_job"))
    assert "| `max_retry` | `MaxRetry` | int | no |" in table
    assert "Allowed: an integer from 0 to 5" in table
    assert table.count("\n") == len(get_spec("flow_job").fields) + 2


def test_secret_wrapped_inputs_are_checked_and_diffed_as_their_values() -> None:
    # The SDK server hands RPC secret wrappers through as dicts; the lifecycle must see values.
    from pulumi.runtime import rpc

    provider = EmrFlowProvider("flow_job")
    job = {"project_id": "FP-1", "name": "j", "type": "SHELL", "description": "d"}
    secret = {**job, "description": rpc.wrap_rpc_secret("d")}
    checked = provider.check({}, secret)
    assert checked.failures == [] and checked.inputs["description"] == "d"
    assert provider.diff("FJ-1", job, secret).changes is False
