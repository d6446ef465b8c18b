"""Policies for pulumi-emrflow resources, for a pulumi-policy pack.

Each policy is a pure check over a resource's properties (``check_*`` functions in the modules
below) wrapped by a factory returning a new pulumi_policy policy. ``default_policies()`` returns
them all; ``policy/__main__.py`` builds the pack from it. To compose your own pack::

    from pulumi_policy import EnforcementLevel, PolicyPack
    from pulumi_emrflow.policies import PACK_ENFORCEMENT_LEVEL, default_policies, failure_alerting

    policies = [p for p in default_policies() if p.name != "emrflow-job-failure-alerting"]
    policies.append(failure_alerting(EnforcementLevel.MANDATORY))
    PolicyPack("my-emrflow", policies, PACK_ENFORCEMENT_LEVEL,
               initial_config={"emrflow-job-type-allowed": {"forbiddenTypes": ["PIG"]}})

Nothing here starts a pack: ``PolicyPack(...)`` serves gRPC and blocks, so only a pack's
``__main__.py`` may call it.
"""

from pulumi_emrflow.policies.alerting import failure_alerting
from pulumi_emrflow.policies.catalog import PACK_ENFORCEMENT_LEVEL, PACK_NAME, default_policies
from pulumi_emrflow.policies.flows import (
    FLOW,
    flow_cluster_bound,
    flow_jobs_in_project,
    flow_min_interval,
    flow_prod_alerting,
)
from pulumi_emrflow.policies.job_kind import job_type_allowed, no_local_mode
from pulumi_emrflow.policies.naming import description_required, job_naming
from pulumi_emrflow.policies.paths import resource_paths_allowed
from pulumi_emrflow.policies.retries import fail_act_explicit, retry_bounds
from pulumi_emrflow.policies.rules import (
    StackResource,
    Subject,
    resource_policy,
    settings,
    stack_policy,
)
from pulumi_emrflow.policies.run_conf import run_conf_limits, submit_user_allowed
from pulumi_emrflow.policies.secrets import no_plaintext_secrets
from pulumi_emrflow.policies.stack import cluster_bound_to_project, unique_job_names
from pulumi_emrflow.policies.values import (
    FLOW_CATEGORY,
    FLOW_JOB,
    FLOW_PROJECT,
    FLOW_PROJECT_CLUSTER_SETTING,
    UNKNOWN,
)

__all__ = [
    "FLOW",
    "FLOW_CATEGORY",
    "FLOW_JOB",
    "FLOW_PROJECT",
    "FLOW_PROJECT_CLUSTER_SETTING",
    "PACK_ENFORCEMENT_LEVEL",
    "PACK_NAME",
    "UNKNOWN",
    "StackResource",
    "Subject",
    "cluster_bound_to_project",
    "default_policies",
    "description_required",
    "fail_act_explicit",
    "failure_alerting",
    "flow_cluster_bound",
    "flow_jobs_in_project",
    "flow_min_interval",
    "flow_prod_alerting",
    "job_naming",
    "job_type_allowed",
    "no_local_mode",
    "no_plaintext_secrets",
    "resource_paths_allowed",
    "resource_policy",
    "retry_bounds",
    "run_conf_limits",
    "settings",
    "stack_policy",
    "submit_user_allowed",
    "unique_job_names",
]
