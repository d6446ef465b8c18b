"""Alibaba Cloud EMR data-development (flow) resources for Pulumi, as a Python dynamic provider.

```python
import pulumi_emrflow as emrflow

job = emrflow.FlowJob("nightly", project_id="FP-...", name="nightly", type="SHELL",
                      description="nightly export", params="ls -l")
```

The names below are loaded on first use, so ``import pulumi_emrflow`` stays cheap (the provider
server, the API client and the emulator do not need the resource classes).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pulumi_emrflow.resources.flow_job import (
        CustomVariableArgs,
        CustomVariableArgsDict,
        FlowJob,
        FlowJobArgs,
        FlowJobResourceArgs,
        FlowJobResourceArgsDict,
        RunConfArgs,
        RunConfArgsDict,
    )

_EXPORTS = {
    "CustomVariableArgs": "pulumi_emrflow.resources.flow_job",
    "CustomVariableArgsDict": "pulumi_emrflow.resources.flow_job",
    "FlowJob": "pulumi_emrflow.resources.flow_job",
    "FlowJobArgs": "pulumi_emrflow.resources.flow_job",
    "FlowJobResourceArgs": "pulumi_emrflow.resources.flow_job",
    "FlowJobResourceArgsDict": "pulumi_emrflow.resources.flow_job",
    "RunConfArgs": "pulumi_emrflow.resources.flow_job",
    "RunConfArgsDict": "pulumi_emrflow.resources.flow_job",
}

__all__ = [
    "CustomVariableArgs",
    "CustomVariableArgsDict",
    "FlowJob",
    "FlowJobArgs",
    "FlowJobResourceArgs",
    "FlowJobResourceArgsDict",
    "RunConfArgs",
    "RunConfArgsDict",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pulumi_emrflow' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
