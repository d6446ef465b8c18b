"""A whole number in a JSON field reaches the provider as a float (the engine's wire is a
protobuf Struct): 10.0 from the program and 10 from the service are the same value."""

from __future__ import annotations

from pulumi_emrflow.specs import get_spec, wire


def test_a_whole_float_equals_the_int_in_diff_and_read() -> None:
    spec = get_spec("flow_job")
    base = {"project_id": "FP-1", "name": "j", "description": "d", "type": "SPARK_STREAMING"}
    declared = {**base, "monitor_conf": {"rate": 10.0, "nested": [1.0, {"x": 2.0}], "on": True}}
    answer = {"Id": "FJ-1", "Name": "j", "Description": "d", "Type": "SPARK_STREAMING",
              "MonitorConf": '{"rate":10,"nested":[1,{"x":2}],"on":true}'}  # fmt: skip
    read = wire.state_from_api(spec, "FJ-1", answer, declared)
    assert read["monitor_conf"] == declared["monitor_conf"]  # the declared form is kept
    assert not spec.diff(read, declared).changes
    assert spec.diff({**read, "monitor_conf": {"rate": 10.5}}, declared).changes == (
        "monitor_conf",
    )
