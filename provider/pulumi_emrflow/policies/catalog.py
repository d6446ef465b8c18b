"""The default set of policies, which policy/__main__.py turns into the pack."""

from __future__ import annotations

from pulumi_policy import EnforcementLevel, Policy

from pulumi_emrflow.policies.alerting import failure_alerting
from pulumi_emrflow.policies.flows import (
    flow_cluster_bound,
    flow_jobs_in_project,
    flow_min_interval,
    flow_prod_alerting,
)
from pulumi_emrflow.policies.job_kind import job_type_allowed, no_local_mode
from pulumi_emrflow.policies.naming import description_required, job_naming
from pulumi_emrflow.policies.paths import resource_paths_allowed
from pulumi_emrflow.policies.retries import fail_act_explicit, retry_bounds
from pulumi_emrflow.policies.run_conf import run_conf_limits, submit_user_allowed
from pulumi_emrflow.policies.secrets import no_plaintext_secrets
from pulumi_emrflow.policies.stack import cluster_bound_to_project, unique_job_names

PACK_NAME = "emrflow"
PACK_ENFORCEMENT_LEVEL = EnforcementLevel.MANDATORY
"""Every policy blocks a deployment unless it says otherwise (failure alerting is advisory)."""


def default_policies() -> list[Policy]:
    """New instances of every policy, in a stable order; add, drop or replace some to build your
    own pack."""
    return [
        job_type_allowed(),
        no_local_mode(),
        run_conf_limits(),
        submit_user_allowed(),
        retry_bounds(),
        fail_act_explicit(),
        resource_paths_allowed(),
        no_plaintext_secrets(),
        job_naming(),
        description_required(),
        failure_alerting(),
        cluster_bound_to_project(),
        unique_job_names(),
        flow_min_interval(),
        flow_prod_alerting(),
        flow_jobs_in_project(),
        flow_cluster_bound(),
    ]
