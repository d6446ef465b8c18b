"""One program for every environment: the stack's config decides the cluster, the queue, the
retries and the memory, and whether failures alert someone; the jobs come from job_table.JOBS,
and one flow runs them on the stack's schedule (job_table.SCHEDULES), switched on in prod only.

    pulumi stack select dev   # or prod
    pulumi up
"""

import pulumi
from job_table import JOBS, SCHEDULES

import pulumi_emrflow as emrflow

stack = pulumi.get_stack()
config = pulumi.Config()
cluster_id = config.require("clusterId")
queue = config.get("queue") or stack
max_retry = config.get_int("maxRetry") or 0
memory = config.get_int("memoryMb") or 1024
alert_group = config.get("alertUserGroup")
is_prod = stack == "prod"

project = emrflow.FlowProject(
    f"analytics-{stack}", name=f"analytics-{stack}", description=f"Analytics ({stack})"
)
binding = emrflow.FlowProjectClusterSetting(
    f"analytics-{stack}-cluster",
    project_id=project.id,
    cluster_id=cluster_id,
    default_user="analytics",
    default_queue=queue,
    users=["analytics"],
    queues=[queue],
)
folder = emrflow.FlowCategory(
    f"analytics-{stack}-jobs", project_id=project.id, name="scheduled", type="JOB"
)

# Failure alerts only where someone is on call.
alert_conf = (
    {"items": [{"enable": True, "eventId": "EMR-210401001", "alertUserGroupIdList": [alert_group]}]}
    if alert_group
    else None
)

flow_jobs = {}
for row in JOBS:
    if row.prod_only and not is_prod:
        continue
    flow_jobs[row.name] = emrflow.FlowJob(
        f"{stack}-{row.name}",
        project_id=project.id,
        cluster_id=cluster_id,
        parent_category=folder.id,
        name=row.name,
        description=row.description,
        type=row.type,
        params=row.params,
        param_conf={"date": "${yyyy-MM-dd-1d}"},
        run_conf={"priority": 1, "user_name": "analytics", "memory": memory, "cores": 1},
        fail_act="STOP" if is_prod else "CONTINUE",
        max_retry=max_retry,
        retry_interval=300 if max_retry else 0,
        alert_conf=alert_conf,
        opts=pulumi.ResourceOptions(depends_on=[binding]),
    )

rows = [row for row in JOBS if row.name in flow_jobs]
nightly = emrflow.Flow(
    f"analytics-{stack}-flow",
    project_id=project.id,
    cluster_id=cluster_id,
    name=f"analytics-{stack}",
    description=f"The analytics jobs ({stack})",
    cron_expr=SCHEDULES.get(stack, SCHEDULES["dev"]),
    start_schedule="2026-12-01T00:00:00+08:00",
    scheduled=is_prod,
    alert_conf=alert_conf,
    steps=[
        {"job": flow_jobs[row.name], "after": [flow_jobs[name] for name in row.after]}
        for row in rows
    ],
    opts=pulumi.ResourceOptions(depends_on=[binding]),
)

pulumi.export("project_id", project.id)
pulumi.export("job_ids", {name: job.id for name, job in flow_jobs.items()})
pulumi.export("flow_id", nightly.id)
