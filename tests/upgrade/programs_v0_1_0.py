"""The programs whose state release 0.1.0 recorded (goldens/0.1.0.json). Never edit them.

Each case is a Pulumi program written against the 0.1.0 public API, in the shapes users write:
Args classes, dicts, JSON text, password variables, nested folders, a binding with lists, falsy
values. ``changed=True`` is the same program after a user's in-place edit (one updatable property
per resource); the golden tests apply it as an update from the recorded state. The password values
are test values.
"""

from __future__ import annotations

import json

import pulumi_emrflow as emrflow

CLUSTER = "C-1234567890ABCDEF"  # seeded by the emulator
PASSWORD = "golden-test-password"


def _tag(text: str, changed: bool) -> str:
    return f"{text} (edited)" if changed else text


def project_and_binding(changed: bool) -> None:
    project = emrflow.FlowProject(
        "analytics", name="golden-analytics", description=_tag("analytics project", changed)
    )
    emrflow.FlowProjectClusterSetting(
        "analytics-on-main",
        project_id=project.id,
        cluster_id=CLUSTER,
        default_user="etl",
        default_queue="batch" if changed else "default",
        users=["etl", "hadoop"],
        queues=["default", "batch"],
        hosts=["emr-header-1.cluster-1", "emr-gateway-1.cluster-1"],
    )
    emrflow.FlowProject(
        "bare", emrflow.FlowProjectArgs(name="golden-bare", description="Args form")
    )


def nested_folders(changed: bool) -> None:
    project = emrflow.FlowProject("folders", name="golden-folders", description="nested folders")
    top = emrflow.FlowCategory("top", project_id=project.id, name="top", type="JOB")
    middle = emrflow.FlowCategory(
        "middle",
        emrflow.FlowCategoryArgs(
            project_id=project.id, name="middle", type="JOB", parent_id=top.id
        ),
    )
    emrflow.FlowCategory(
        "leaf",
        project_id=project.id,
        name=_tag("leaf", changed),
        type="JOB",
        parent_id=middle.id,
    )


def job_shapes(changed: bool) -> None:
    project = emrflow.FlowProject("jobs", name="golden-jobs", description="every job shape")
    folder = emrflow.FlowCategory("jobs-folder", project_id=project.id, name="etl", type="JOB")
    emrflow.FlowJob(
        "structured",
        project_id=project.id,
        name="structured",
        description=_tag("Args classes everywhere", changed),
        type="SPARK_STREAMING",
        params="--class com.example.Main oss://bucket/app.jar",
        parent_category=folder.id,
        cluster_id=CLUSTER,
        fail_act="CONTINUE",
        max_retry=2,
        retry_interval=60,
        max_running_time_sec=3600,
        mode="YARN",
        adhoc=False,
        run_conf=emrflow.RunConfArgs(priority=1, user_name="etl", memory=4096, cores=2),
        custom_variables=[
            emrflow.CustomVariableArgs(name="db_password", value=PASSWORD, password=True),
            emrflow.CustomVariableArgs(name="day", value="${yyyyMMdd}"),
        ],
        resources=[
            emrflow.FlowJobResourceArgs(path="oss://bucket/app.jar", alias="app.jar"),
            emrflow.FlowJobResourceArgs(path="oss://bucket/conf.json"),
        ],
        env_conf={"JAVA_HOME": "/usr/lib/jvm/java", "LANG": "C.UTF-8"},
        param_conf={"day": "${yyyyMMdd}"},
        monitor_conf={"inputs": [], "outputs": []},
        alert_conf={"failure": True, "success": False},
    )
    emrflow.FlowJob(
        "dicts",
        emrflow.FlowJobArgs(
            project_id=project.id,
            name="dicts",
            description=_tag("dict forms", changed),
            type="HIVE_SQL",
            params="SELECT 1;",
            run_conf={"user_name": "hadoop", "memory": 1024},
            custom_variables=[{"name": "token", "value": PASSWORD, "password": True}],
            resources=[{"path": "oss://bucket/udf.jar"}],
            max_retry=0,
            retry_interval=0,
        ),
    )
    emrflow.FlowJob(
        "json-text",
        project_id=project.id,
        name="json-text",
        description=_tag("JSON text forms", changed),
        type="SPARK_STREAMING",
        params="--class com.example.Stream oss://bucket/stream.jar",
        run_conf=json.dumps({"userName": "etl", "memory": 512, "cores": 1}),
        custom_variables=json.dumps(
            {"variables": [{"name": "secret_key", "value": PASSWORD, "password": True}]}
        ),
        env_conf=json.dumps({"PATH": "/usr/bin"}),
        param_conf=json.dumps({"x": "1"}),
        monitor_conf=json.dumps({"inputs": []}),
        alert_conf=json.dumps({"failure": True}),
        adhoc=True,
        region="cn-hangzhou",
    )
    emrflow.FlowJob(
        "minimal",
        project_id=project.id,
        name="minimal",
        description=_tag("only what is required", changed),
        type="SHELL",
    )


CASES = {
    "project_and_binding": project_and_binding,
    "nested_folders": nested_folders,
    "job_shapes": job_shapes,
}
