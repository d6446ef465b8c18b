"""The quickstart stack: a flow project bound to a cluster, a folder, three jobs and a daily
flow that runs them.

Every flow resource is wired to the project through its outputs, so `pulumi up` creates the
project first and `pulumi destroy` removes the jobs, the folder and the binding before it.
"""

import pulumi

import pulumi_emrflow as emrflow

config = pulumi.Config()
cluster_id = config.get("clusterId") or "C-1234567890ABCDEF"
bucket = config.get("ossBucket") or "emrflow-quickstart"

project = emrflow.FlowProject(
    "quickstart",
    name="quickstart",
    description="pulumi-emrflow quickstart",
)

# A job can only run on a cluster that is bound to its project.
binding = emrflow.FlowProjectClusterSetting(
    "quickstart-cluster",
    project_id=project.id,
    cluster_id=cluster_id,
    default_user="hadoop",
    default_queue="default",
    users=["hadoop"],
    queues=["default"],
)

folder = emrflow.FlowCategory(
    "quickstart-jobs",
    project_id=project.id,
    name="quickstart",
    type="JOB",
)

job_options = pulumi.ResourceOptions(depends_on=[binding])
common = {
    "project_id": project.id,
    "cluster_id": cluster_id,
    "parent_category": folder.id,
    "fail_act": "STOP",
    "max_retry": 1,
    "retry_interval": 60,
}

hello = emrflow.FlowJob(
    "hello",
    name="hello",
    description="Print the date on a gateway node",
    type="SHELL",
    params="date",
    opts=job_options,
    **common,
)

daily_counts = emrflow.FlowJob(
    "daily-counts",
    name="daily-counts",
    description="Count yesterday's events per type",
    type="HIVE_SQL",
    params="SELECT type, count(*) FROM events WHERE dt = '${date}' GROUP BY type",
    param_conf={"date": "${yyyy-MM-dd-1d}"},
    opts=job_options,
    **common,
)

sessionize = emrflow.FlowJob(
    "sessionize",
    name="sessionize",
    description="Group events into sessions",
    type="SPARK",
    params=f"--class com.example.Sessionize oss://{bucket}/jars/sessionize.jar",
    resources=[{"path": f"oss://{bucket}/jars/sessionize.jar", "alias": "sessionize.jar"}],
    run_conf={"priority": 1, "user_name": "hadoop", "memory": 2048, "cores": 1},
    opts=job_options,
    **common,
)

# Every day at 02:00 (the service's clock): hello first, then the two others side by side.
# `python -m pulumi_emrflow plan quickstart` shows what will run when.
daily = emrflow.Flow(
    "daily",
    project_id=project.id,
    name="daily",
    description="hello, then the daily counts and the sessions",
    cluster_id=cluster_id,
    cron_expr="0 0 2 * * ?",
    start_schedule="2026-12-01T00:00:00+08:00",
    scheduled=True,
    steps=[
        {"job": hello},
        {"job": daily_counts, "after": [hello]},
        {"job": sessionize, "after": [hello]},
    ],
    opts=job_options,
)

pulumi.export("project_id", project.id)
pulumi.export("folder_id", folder.id)
pulumi.export(
    "job_ids", {"hello": hello.id, "daily-counts": daily_counts.id, "sessionize": sessionize.id}
)
pulumi.export("flow_id", daily.id)
