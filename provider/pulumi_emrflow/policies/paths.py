"""Where job resources may come from: only under allowed oss:// prefixes."""

from __future__ import annotations

from collections.abc import Iterator

from pulumi_policy import EnforcementLevel, ResourceValidationPolicy

from pulumi_emrflow.policies.rules import Schema, Settings, Subject, resource_policy
from pulumi_emrflow.policies.values import FLOW_JOB

PATHS_SCHEMA: Schema = {
    "allowedPrefixes": {
        "type": "array",
        "items": {"type": "string", "pattern": "^oss://"},
        "description": "Allowed resource path prefixes, e.g. 'oss://my-bucket/jobs/'. A prefix "
        "without a trailing '/' matches that bucket or folder exactly ('oss://data' allows "
        "'oss://data/x.jar', not 'oss://data-public/x.jar'). The default allows any OSS bucket "
        "(and so no hdfs:// paths).",
        "default": ["oss://"],
    },
}


def path_allowed(path: str, prefixes: list[str]) -> bool:
    """True when ``path`` lies under one of ``prefixes`` (segment-wise, see PATHS_SCHEMA)."""
    for prefix in prefixes:
        if prefix.endswith("/"):
            if path.startswith(prefix):
                return True
        elif path == prefix or path.startswith(prefix + "/"):
            return True
    return False


def check_resource_paths(job: Subject, settings: Settings) -> Iterator[str]:
    resources = job.props.get("resources")
    if not isinstance(resources, list):
        return
    prefixes = list(settings["allowedPrefixes"] or [])
    for i, item in enumerate(resources):
        path = item.get("path") if isinstance(item, dict) else None
        if isinstance(path, str) and not path_allowed(path, prefixes):
            yield (
                f"{job.label}: resources[{i}].path {path} is not under an allowed prefix "
                f"({', '.join(prefixes) or 'none configured'}) (property `resources`). Fix: "
                "upload the file under an allowed prefix and point the path there, or add its "
                "bucket to allowedPrefixes in the policy config."
            )


def resource_paths_allowed(
    enforcement_level: EnforcementLevel | None = None,
) -> ResourceValidationPolicy:
    return resource_policy(
        "emrflow-job-resource-paths",
        "FlowJob resource paths must lie under the allowed oss:// prefixes.",
        [FLOW_JOB],
        check_resource_paths,
        PATHS_SCHEMA,
        enforcement_level,
        "Move the job's resources under an allowed OSS prefix.",
    )
