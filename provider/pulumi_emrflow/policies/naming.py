"""Naming convention and descriptions."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pulumi_policy import EnforcementLevel, ResourceValidationPolicy

from pulumi_emrflow.policies.rules import Schema, Settings, Subject, resource_policy
from pulumi_emrflow.policies.values import FLOW_JOB, FLOW_PROJECT, is_unknown

NAMING_SCHEMA: Schema = {
    "nameRegex": {
        "type": "string",
        "description": "Regular expression a job's name must match in full.",
        "default": r"^[a-z][a-z0-9_-]{0,63}$",
    },
}

DESCRIPTION_SCHEMA: Schema = {
    "minLength": {
        "type": "integer",
        "minimum": 1,
        "description": "Fewest non-blank characters a description must have.",
        "default": 1,
    },
}


def check_job_name(job: Subject, settings: Settings) -> Iterator[str]:
    name = job.props.get("name")
    pattern = str(settings["nameRegex"])
    if isinstance(name, str) and not is_unknown(name) and re.fullmatch(pattern, name) is None:
        yield (
            f"{job.label}: name '{name}' does not match the naming convention {pattern} "
            "(property `name`). Fix: rename the job to match it (renaming updates the job in "
            "place), or change nameRegex in the policy config."
        )


def check_description(subject: Subject, settings: Settings) -> Iterator[str]:
    description = subject.props.get("description")
    if is_unknown(description):
        return
    text = description.strip() if isinstance(description, str) else ""
    minimum = int(settings["minLength"])
    if len(text) < minimum:
        need = (
            "a description" if minimum <= 1 else f"a description of at least {minimum} characters"
        )
        yield (
            f"{subject.label}: description is {'empty' if not text else 'too short'} "
            f"(property `description`). Fix: give it {need} saying what it does and who owns it."
        )


def job_naming(enforcement_level: EnforcementLevel | None = None) -> ResourceValidationPolicy:
    return resource_policy(
        "emrflow-job-naming",
        "FlowJob names must follow the naming convention (nameRegex).",
        [FLOW_JOB],
        check_job_name,
        NAMING_SCHEMA,
        enforcement_level,
        "Rename the job to match nameRegex.",
    )


def description_required(
    enforcement_level: EnforcementLevel | None = None,
) -> ResourceValidationPolicy:
    return resource_policy(
        "emrflow-description-required",
        "FlowJobs and FlowProjects must have a non-empty description.",
        [FLOW_JOB, FLOW_PROJECT],
        check_description,
        DESCRIPTION_SCHEMA,
        enforcement_level,
        "Write a description.",
    )
