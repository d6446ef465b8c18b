"""Handler of DescribeClusterV2, answering for seeded clusters with a few fixed fields."""

from __future__ import annotations

import time

from ..backend import EmrFlowBackend
from ..models import Cluster
from ..params import Params
from .common import Body


def _cluster_info(cluster: Cluster) -> Body:
    running_seconds = max(0, int(time.time()) - cluster.gmt_create // 1000)
    return {
        "Id": cluster.id, "Name": cluster.name, "Status": cluster.status,
        "RegionId": cluster.region_id, "ZoneId": f"{cluster.region_id}-h",
        "ChargeType": "PostPaid", "NetType": "vpc", "CreateType": "ON-DEMAND",
        "StartTime": cluster.gmt_create, "RunningTime": running_seconds,
        "UserId": cluster.account_id, "HighAvailabilityEnable": False,
        "SoftwareInfo": {"ClusterType": "HADOOP", "EmrVer": "EMR-3.30.0"},
    }  # fmt: skip


def describe_cluster_v2(b: EmrFlowBackend, p: Params) -> Body:
    return {"ClusterInfo": _cluster_info(b.describe_cluster_v2(p.required("Id")))}
