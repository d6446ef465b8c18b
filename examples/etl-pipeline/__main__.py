"""A data pipeline on EMR: ingest with Spark, transform with Hive, stream with Spark Streaming,
export with a shell job that needs a database password.

Config (see Pulumi.yaml): with `createCluster: true` the EMR cluster is declared here with
pulumi-alicloud (then `clusterZoneId`, `clusterVswitchId`, `clusterSecurityGroupId`,
`clusterInstanceType`, `clusterEmrVersion` and the secret `clusterMasterPassword` are needed);
otherwise `clusterId` names an existing one. `dbPassword` is a secret:
`pulumi config set --secret dbPassword ...`.
"""

import pulumi

import pulumi_emrflow as emrflow

config = pulumi.Config()
bucket = config.get("ossBucket") or "etl-pipeline-artifacts"
submit_user = config.get("submitUser") or "etl"
queue = config.get("queue") or "etl"
db_password = config.require_secret("dbPassword")


def declare_cluster() -> pulumi.Output[str]:
    """An EMR (2016-04-08) Hadoop cluster: one master, two core nodes, pay as you go."""
    import pulumi_alicloud as alicloud

    def host_group(name: str, kind: str, nodes: int) -> dict[str, str]:
        return {
            "host_group_name": name,
            "host_group_type": kind,
            "node_count": str(nodes),
            "instance_type": config.require("clusterInstanceType"),
            "disk_type": "cloud_essd",
            "disk_capacity": "160",
            "disk_count": "1",
            "sys_disk_type": "cloud_essd",
            "sys_disk_capacity": "120",
        }

    cluster = alicloud.emr.Cluster(
        "etl",
        name="etl-pipeline",
        emr_ver=config.require("clusterEmrVersion"),
        cluster_type="HADOOP",
        zone_id=config.require("clusterZoneId"),
        vswitch_id=config.require("clusterVswitchId"),
        security_group_id=config.require("clusterSecurityGroupId"),
        charge_type="PostPaid",
        host_groups=[host_group("master", "MASTER", 1), host_group("core", "CORE", 2)],
        master_pwd=config.require_secret("clusterMasterPassword"),
    )
    return cluster.id


# Defaults repeat Pulumi.yaml's, so the program also runs where those are not applied (tests).
existing_cluster = config.get("clusterId") or "C-1234567890ABCDEF"
cluster_id = declare_cluster() if config.get_bool("createCluster") else existing_cluster

project = emrflow.FlowProject("etl", name="etl-pipeline", description="Orders ETL")

binding = emrflow.FlowProjectClusterSetting(
    "etl-cluster",
    project_id=project.id,
    cluster_id=cluster_id,
    default_user=submit_user,
    default_queue=queue,
    users=[submit_user],
    queues=[queue],
)

folders = {
    name: emrflow.FlowCategory(f"etl-{name}", project_id=project.id, name=name, type="JOB")
    for name in ("ingest", "transform", "streaming", "export")
}

run_on_cluster = pulumi.ResourceOptions(depends_on=[binding])


def job(resource_name: str, folder: str, **args: object) -> emrflow.FlowJob:
    """A job of this project, on the bound cluster, in one of the folders."""
    return emrflow.FlowJob(
        resource_name,
        name=resource_name,
        project_id=project.id,
        cluster_id=cluster_id,
        parent_category=folders[folder].id,
        fail_act="STOP",
        opts=run_on_cluster,
        **args,  # type: ignore[arg-type]
    )


ingest = job(
    "ingest-orders",
    "ingest",
    description="Copy yesterday's orders from OSS into the warehouse",
    type="SPARK",
    params=f"--class com.example.IngestOrders oss://{bucket}/jars/etl.jar --date ${{date}}",
    resources=[{"path": f"oss://{bucket}/jars/etl.jar", "alias": "etl.jar"}],
    param_conf={"date": "${yyyy-MM-dd-1d}"},
    run_conf={"priority": 1, "user_name": submit_user, "memory": 4096, "cores": 2},
    max_retry=2,
    retry_interval=300,
)

transform = job(
    "daily-revenue",
    "transform",
    description="Revenue per region and day",
    type="HIVE_SQL",
    params=(
        "INSERT OVERWRITE TABLE revenue PARTITION (dt='${date}') "
        "SELECT region, sum(amount) FROM orders WHERE dt='${date}' GROUP BY region"
    ),
    param_conf={"date": "${yyyy-MM-dd-1d}"},
    max_retry=1,
    retry_interval=120,
)

customers = job(
    "daily-customers",
    "transform",
    description="New and returning customers per day",
    type="HIVE_SQL",
    params=(
        "INSERT OVERWRITE TABLE customers PARTITION (dt='${date}') "
        "SELECT customer_id, min(dt) = '${date}' FROM orders GROUP BY customer_id"
    ),
    param_conf={"date": "${yyyy-MM-dd-1d}"},
    max_retry=1,
    retry_interval=120,
)

stream = job(
    "clickstream",
    "streaming",
    description="Sessionize the click stream from Kafka",
    type="SPARK_STREAMING",
    params=f"--class com.example.Clickstream oss://{bucket}/jars/streaming.jar",
    resources=[{"path": f"oss://{bucket}/jars/streaming.jar", "alias": "streaming.jar"}],
    run_conf={"priority": 2, "user_name": submit_user, "memory": 8192, "cores": 4},
    monitor_conf={
        "inputs": [
            {
                "type": "KAFKA",
                "clusterId": cluster_id,
                "topics": "clicks",
                "consumer.group": "etl-clickstream",
            }
        ],
        "outputs": [{"type": "KAFKA", "clusterId": cluster_id, "topics": "sessions"}],
    },
)

export = job(
    "export-revenue",
    "export",
    description="Export the revenue table to the reporting database",
    type="SHELL",
    params=f"bash report.sh ${{date}} --password-env DB_PASSWORD --bucket {bucket}",
    resources=[{"path": f"oss://{bucket}/scripts/report.sh", "alias": "report.sh"}],
    param_conf={"date": "${yyyy-MM-dd-1d}"},
    custom_variables=[{"name": "DB_PASSWORD", "value": db_password, "password": True}],
    max_retry=3,
    retry_interval=60,
)

# The nightly batch: ingest, then both transforms side by side, then the export once both are
# done (fan-out, fan-in). The streaming job runs on its own, outside any schedule.
nightly = emrflow.Flow(
    "nightly",
    project_id=project.id,
    cluster_id=cluster_id,
    name="nightly",
    description="Ingest, transform, export",
    cron_expr="0 0 1 * * ?",
    start_schedule="2026-12-01T00:00:00+08:00",
    scheduled=True,
    steps=[
        {"job": ingest},
        {"job": transform, "after": [ingest]},
        {"job": customers, "after": [ingest]},
        {"job": export, "after": [transform, customers]},
    ],
    alert_conf={
        "items": [{"enable": True, "eventId": "EMR-210401001", "alertUserGroupIdList": ["AUG-etl"]}]
    },
    opts=run_on_cluster,
)

pulumi.export("cluster_id", cluster_id)
pulumi.export("project_id", project.id)
pulumi.export(
    "job_ids",
    {
        "ingest-orders": ingest.id,
        "daily-revenue": transform.id,
        "daily-customers": customers.id,
        "clickstream": stream.id,
        "export-revenue": export.id,
    },
)
pulumi.export("flow_id", nightly.id)
pulumi.export("flow_id", nightly.id)
