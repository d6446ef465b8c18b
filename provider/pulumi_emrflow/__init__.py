"""Alibaba Cloud EMR data-development (flow) resources for Pulumi, as a Python dynamic provider.

```python
import pulumi_emrflow as emrflow

project = emrflow.FlowProject("etl", name="etl", description="nightly ETL")
folder = emrflow.FlowCategory("jobs", project_id=project.id, name="jobs", type="JOB")
job = emrflow.FlowJob("nightly", project_id=project.id, name="nightly", type="SHELL",
                      description="nightly export", params="ls -l", parent_category=folder.id)
```

The names below are loaded on first use, so ``import pulumi_emrflow`` stays cheap (the provider
server, the API client and the emulator do not need the resource classes). They are written
from the spec registry (``pulumi_emrflow.specs``) by ``python -m pulumi_emrflow.resources.codegen``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from pulumi_emrflow._version import __version__ as __version__

# BEGIN generated exports (python -m pulumi_emrflow.resources.codegen)
if TYPE_CHECKING:
    from pulumi_emrflow.resources.flow import (
        Flow,
        FlowArgs,
        FlowArgsDict,
        FlowStepArgs,
        FlowStepArgsDict,
    )
    from pulumi_emrflow.resources.flow_category import (
        FlowCategory,
        FlowCategoryArgs,
        FlowCategoryArgsDict,
        FlowCategoryType,
    )
    from pulumi_emrflow.resources.flow_job import (
        CustomVariableArgs,
        CustomVariableArgsDict,
        FlowJob,
        FlowJobArgs,
        FlowJobArgsDict,
        FlowJobFailAct,
        FlowJobMode,
        FlowJobResourceArgs,
        FlowJobResourceArgsDict,
        FlowJobType,
        RunConfArgs,
        RunConfArgsDict,
    )
    from pulumi_emrflow.resources.flow_project import (
        FlowProject,
        FlowProjectArgs,
        FlowProjectArgsDict,
        FlowProjectProductType,
    )
    from pulumi_emrflow.resources.flow_project_cluster_setting import (
        FlowProjectClusterSetting,
        FlowProjectClusterSettingArgs,
        FlowProjectClusterSettingArgsDict,
    )

_EXPORTS = {
    "CustomVariableArgs": "pulumi_emrflow.resources.flow_job",
    "CustomVariableArgsDict": "pulumi_emrflow.resources.flow_job",
    "FlowJob": "pulumi_emrflow.resources.flow_job",
    "FlowJobArgs": "pulumi_emrflow.resources.flow_job",
    "FlowJobArgsDict": "pulumi_emrflow.resources.flow_job",
    "FlowJobFailAct": "pulumi_emrflow.resources.flow_job",
    "FlowJobMode": "pulumi_emrflow.resources.flow_job",
    "FlowJobResourceArgs": "pulumi_emrflow.resources.flow_job",
    "FlowJobResourceArgsDict": "pulumi_emrflow.resources.flow_job",
    "FlowJobType": "pulumi_emrflow.resources.flow_job",
    "RunConfArgs": "pulumi_emrflow.resources.flow_job",
    "RunConfArgsDict": "pulumi_emrflow.resources.flow_job",
    "FlowProject": "pulumi_emrflow.resources.flow_project",
    "FlowProjectArgs": "pulumi_emrflow.resources.flow_project",
    "FlowProjectArgsDict": "pulumi_emrflow.resources.flow_project",
    "FlowProjectProductType": "pulumi_emrflow.resources.flow_project",
    "FlowProjectClusterSetting": "pulumi_emrflow.resources.flow_project_cluster_setting",
    "FlowProjectClusterSettingArgs": "pulumi_emrflow.resources.flow_project_cluster_setting",
    "FlowProjectClusterSettingArgsDict": "pulumi_emrflow.resources.flow_project_cluster_setting",
    "FlowCategory": "pulumi_emrflow.resources.flow_category",
    "FlowCategoryArgs": "pulumi_emrflow.resources.flow_category",
    "FlowCategoryArgsDict": "pulumi_emrflow.resources.flow_category",
    "FlowCategoryType": "pulumi_emrflow.resources.flow_category",
    "Flow": "pulumi_emrflow.resources.flow",
    "FlowArgs": "pulumi_emrflow.resources.flow",
    "FlowArgsDict": "pulumi_emrflow.resources.flow",
    "FlowStepArgs": "pulumi_emrflow.resources.flow",
    "FlowStepArgsDict": "pulumi_emrflow.resources.flow",
}

__all__ = [
    "CustomVariableArgs",
    "CustomVariableArgsDict",
    "Flow",
    "FlowArgs",
    "FlowArgsDict",
    "FlowCategory",
    "FlowCategoryArgs",
    "FlowCategoryArgsDict",
    "FlowCategoryType",
    "FlowJob",
    "FlowJobArgs",
    "FlowJobArgsDict",
    "FlowJobFailAct",
    "FlowJobMode",
    "FlowJobResourceArgs",
    "FlowJobResourceArgsDict",
    "FlowJobType",
    "FlowProject",
    "FlowProjectArgs",
    "FlowProjectArgsDict",
    "FlowProjectClusterSetting",
    "FlowProjectClusterSettingArgs",
    "FlowProjectClusterSettingArgsDict",
    "FlowProjectProductType",
    "FlowStepArgs",
    "FlowStepArgsDict",
    "RunConfArgs",
    "RunConfArgsDict",
]
# END generated exports


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pulumi_emrflow' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
