"""Each FlowJob policy: a passing case, failing cases naming resource, property and fix, the
JSON-text forms judged like the structured ones, and unknown values never reported."""

from __future__ import annotations

import json

import pytest
from policy_harness import UNKNOWN, job, run

from pulumi_emrflow import policies as p
from pulumi_emrflow.policies import FLOW_PROJECT, FLOW_PROJECT_CLUSTER_SETTING
from pulumi_emrflow.policies.job_kind import JOB_TYPE_SCHEMA, check_job_type
from pulumi_emrflow.policies.rules import Subject, current_stack
from pulumi_emrflow.specs import get_spec


def test_the_compliant_job_passes_every_resource_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PULUMI_STACK", "prod")
    for policy in p.default_policies():
        if hasattr(policy, "has_validation"):
            assert run(policy, job()) == [], policy.name


def test_type_tokens_match_the_provider() -> None:
    assert get_spec("flow_job").type_token == p.FLOW_JOB


def test_policies_ignore_other_resource_types() -> None:
    for policy in (p.job_type_allowed(), p.retry_bounds(), p.no_plaintext_secrets()):
        assert run(policy, {"name": "x"}, resource_type=FLOW_PROJECT) == []


# ---- job types and mode -------------------------------------------------------------------
def test_shell_is_forbidden_in_prod_stacks_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    policy, shell = p.job_type_allowed(), job(type="SHELL")
    monkeypatch.setenv("PULUMI_STACK", "dev")
    assert run(policy, shell) == []
    monkeypatch.setenv("PULUMI_STACK", "prod-eu")
    [message] = run(policy, shell)
    assert "FlowJob 'etl'" in message and "SHELL jobs are forbidden in stack 'prod-eu'" in message
    assert "property `type`" in message and "Fix:" in message


def test_allowed_and_forbidden_types_come_from_config(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PULUMI_STACK", raising=False)
    policy = p.job_type_allowed()
    assert run(policy, job(type="HIVE"), config={"allowedTypes": ["SPARK"]})[0].startswith(
        "FlowJob 'etl': type HIVE is not in allowedTypes (SPARK)"
    )
    assert "forbiddenTypes" in run(policy, job(type="PIG"), config={"forbiddenTypes": ["PIG"]})[0]
    assert run(policy, {**job(), "type": UNKNOWN}, config={"allowedTypes": []}) == []


def test_local_mode_is_refused() -> None:
    [message] = run(p.no_local_mode(), job(mode="LOCAL"))
    assert "mode is LOCAL" in message and "master node" in message and "mode='YARN'" in message
    assert run(p.no_local_mode(), job(mode=None)) == []
    assert run(p.no_local_mode(), {**job(), "mode": UNKNOWN}) == []


# ---- run_conf -----------------------------------------------------------------------------
@pytest.mark.parametrize("as_text", [False, True])
def test_run_conf_limits_in_both_forms(as_text: bool) -> None:
    conf = {"priority": 1, "user_name": "etl", "memory": 65536, "cores": 32}
    value = json.dumps({**conf, "userName": conf.pop("user_name")}) if as_text else conf
    messages = run(p.run_conf_limits(), job(run_conf=value))
    assert len(messages) == 2
    assert "run_conf.memory is 65536 MB, above the limit of 16384 MB" in messages[0]
    assert "run_conf.cores is 32, above the limit of 8" in messages[1]
    assert (
        run(
            p.run_conf_limits(),
            job(run_conf=value),
            config={"maxMemoryMb": 65536.0, "maxCores": 32.0},
        )
        == []
    )


def test_run_conf_limits_skip_unknown_values() -> None:
    props = job()
    assert run(p.run_conf_limits(), {**props, "run_conf": UNKNOWN}) == []
    props["run_conf"] = {"memory": UNKNOWN, "cores": 64}
    [message] = run(p.run_conf_limits(), props)
    assert "cores" in message


@pytest.mark.parametrize(
    "run_conf",
    [{"user_name": "root"}, json.dumps({"userName": "root", "memory": 1024})],
)
def test_root_is_never_a_submit_user(run_conf: object) -> None:
    policy = p.submit_user_allowed()
    [message] = run(policy, job(run_conf=run_conf), config={"allowedUsers": ["root", "etl"]})
    assert "run_conf.user_name 'root' is never allowed" in message
    assert "property `run_conf`" in message


def test_submit_user_allow_list_covers_cluster_settings() -> None:
    policy, config = p.submit_user_allowed(), {"allowedUsers": ["etl"]}
    assert run(policy, job(), config=config) == []
    assert (
        "not in allowedUsers (etl)"
        in run(policy, job(run_conf={"user_name": "bob"}), config=config)[0]
    )
    setting = {"project_id": "FP-1", "cluster_id": "C-1", "default_user": "root",
               "users": ["etl", "hadoop", UNKNOWN]}  # fmt: skip
    messages = run(policy, setting, resource_type=FLOW_PROJECT_CLUSTER_SETTING, config=config)
    assert len(messages) == 2
    assert "FlowProjectClusterSetting 'etl': default_user 'root'" in messages[0]
    assert "users contains 'hadoop'" in messages[1]


# ---- retries and fail_act ------------------------------------------------------------------
def test_retry_bounds() -> None:
    policy = p.retry_bounds()
    [message] = run(policy, job(max_retry=5))
    assert "max_retry is 5, outside 0..3" in message and "property `max_retry`" in message
    [message] = run(policy, job(retry_interval=5))
    assert "retry_interval is 5 seconds, outside 30..300 seconds" in message
    assert run(policy, job(max_retry=0, retry_interval=0)) == []  # no retries: interval moot
    [message] = run(policy, job(retry_interval=None))
    assert "retry_interval is not set" in message
    assert "unset (0)" in run(policy, job(max_retry=None), config={"minMaxRetry": 1})[0]
    assert run(policy, job(max_retry=5), config={"maxMaxRetry": 5.0}) == []
    assert run(policy, {**job(), "max_retry": UNKNOWN, "retry_interval": 5}) == []


def test_fail_act_must_be_explicit() -> None:
    policy = p.fail_act_explicit()
    [message] = run(policy, job(fail_act=None))
    assert "fail_act is not set" in message and "fail_act='CONTINUE' or 'STOP'" in message
    assert run(policy, job(fail_act="CONTINUE")) == []
    assert "not allowed" in run(policy, job(fail_act="CONTINUE"),
                                config={"allowedFailActs": ["STOP"]})[0]  # fmt: skip
    assert run(policy, {**job(fail_act=None), "fail_act": UNKNOWN}) == []


# ---- resource paths -------------------------------------------------------------------------
def test_resource_paths() -> None:
    policy = p.resource_paths_allowed()
    bad = job(resources=[{"path": "hdfs:///tmp/x.jar"}])
    [message] = run(policy, bad)
    assert "resources[0].path hdfs:///tmp/x.jar is not under an allowed prefix" in message
    config = {"allowedPrefixes": ["oss://data-lake"]}
    assert run(policy, job(), config=config) == []
    evil = job(resources=[{"path": "oss://data-lake-public/x.jar"}])
    assert len(run(policy, evil, config=config)) == 1
    unknown = job()
    unknown["resources"] = [{"path": UNKNOWN}, UNKNOWN]
    assert run(policy, unknown, config=config) == []


# ---- secrets --------------------------------------------------------------------------------
def _variables_text(*variables: dict[str, object]) -> str:
    return json.dumps({"scope": "PROJECT", "entityId": "FP-1", "variables": list(variables)})


@pytest.mark.parametrize(
    "variables",
    [
        [{"name": "API_TOKEN", "value": "abc123"}],
        _variables_text({"name": "API_TOKEN", "value": "abc123"}),
        _variables_text({"name": "API_TOKEN", "value": "abc123", "properties": {}}),
    ],
)
def test_credential_variables_must_be_passwords(variables: object) -> None:
    [message] = run(p.no_plaintext_secrets(), job(custom_variables=variables))
    assert "custom variable 'API_TOKEN' looks like a credential" in message
    assert "password=True" in message and "abc123" not in message


@pytest.mark.parametrize(
    "variables",
    [
        [{"name": "API_TOKEN", "value": "abc123", "password": True}],
        _variables_text({"name": "API_TOKEN", "value": "x", "properties": {"password": True}}),
        [{"name": "API_TOKEN", "value": "${vault_token}"}],
        [{"name": "API_TOKEN", "value": UNKNOWN}],
        [{"name": "retries", "value": "3"}],
    ],
)
def test_password_placeholder_or_harmless_variables_pass(variables: object) -> None:
    props = job(custom_variables=[{"name": "v", "value": "1"}])
    props["custom_variables"] = variables
    assert run(p.no_plaintext_secrets(), props) == []


@pytest.mark.parametrize("prop", ["env_conf", "param_conf"])
@pytest.mark.parametrize("as_text", [False, True])
def test_credential_entries_must_not_be_literal(prop: str, as_text: bool) -> None:
    entries = {"OSS_ACCESS_KEY_SECRET": "s3cr3t", "ok": "${x}", "Db.Password": "${db_password}"}
    props = job(**{prop: json.dumps(entries) if as_text else entries})
    [message] = run(p.no_plaintext_secrets(), props)
    assert f"{prop} entry 'OSS_ACCESS_KEY_SECRET' looks like a credential" in message
    assert "${oss_access_key_secret}" in message and "s3cr3t" not in message
    props[prop] = {"OSS_ACCESS_KEY_SECRET": UNKNOWN}
    assert run(p.no_plaintext_secrets(), props) == []


def test_credential_patterns_are_configurable() -> None:
    props = job(env_conf={"SIGNING_SALT": "abc"})
    assert run(p.no_plaintext_secrets(), props) == []
    assert len(run(p.no_plaintext_secrets(), props, config={"credentialNamePatterns": ["salt"]}))


# ---- naming and description ----------------------------------------------------------------
def test_naming_convention() -> None:
    policy = p.job_naming()
    [message] = run(policy, job(name="Nightly ETL"))
    assert "name 'Nightly ETL' does not match the naming convention" in message
    assert run(policy, job(name="Nightly"), config={"nameRegex": "^[A-Z][a-z]+$"}) == []
    assert run(policy, {**job(), "name": UNKNOWN}) == []


def test_description_required_for_jobs_and_projects() -> None:
    policy = p.description_required()
    [message] = run(policy, job(description="   "))
    assert "FlowJob 'etl': description is empty" in message
    [message] = run(policy, {"name": "lake"}, resource_type=FLOW_PROJECT, name="lake")
    assert message.startswith("FlowProject 'lake': description is empty")
    assert "too short" in run(policy, job(description="etl"), config={"minLength": 10})[0]
    assert run(policy, {**job(), "description": UNKNOWN}) == []


# ---- alerting -------------------------------------------------------------------------------
def test_failure_alerting_is_advisory_and_skips_adhoc_jobs() -> None:
    policy = p.failure_alerting()
    assert policy.enforcement_level == p.PACK_ENFORCEMENT_LEVEL.ADVISORY
    [message] = run(policy, job(alert_conf=None))
    assert "no failure alert is configured" in message and "property `alert_conf`" in message
    assert run(policy, job(alert_conf=None, adhoc=True)) == []
    assert run(policy, {**job(alert_conf=None), "adhoc": UNKNOWN}) == []
    assert run(policy, {**job(), "alert_conf": UNKNOWN}) == []


@pytest.mark.parametrize("as_text", [False, True])
def test_alert_items_need_enable_and_receivers(as_text: bool) -> None:
    policy = p.failure_alerting()

    def conf(**item: object) -> object:
        value = {"items": [{"eventId": "EMR-210401001", **item}]}
        return json.dumps(value) if as_text else value

    assert len(run(policy, job(alert_conf=conf(enable=False, alertUserGroupIdList=["A"])))) == 1
    assert len(run(policy, job(alert_conf=conf(enable=True, alertUserGroupIdList=[])))) == 1
    assert run(policy, job(alert_conf=conf(enable=True, alertDingDingGroupList=["D"]))) == []
    required = {"requiredEventIds": ["EMR-210401001", "EMR-110401015"]}
    [message] = run(policy, job(alert_conf=conf(enable=True, alertUserGroupIdList=["A"])),
                    config=required)  # fmt: skip
    assert "alerts for EMR-110401015 are not configured" in message


# ---- the stack a per-stack rule judges ----------------------------------------------------
def test_without_pulumi_stack_the_stack_comes_from_the_urn(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PULUMI_STACK", raising=False)
    policy, shell = p.job_type_allowed(), job(type="SHELL")
    [message] = run(policy, shell, stack="prod")
    assert "SHELL jobs are forbidden in stack 'prod'" in message
    assert run(policy, shell, stack="dev") == []


def test_a_stack_that_cannot_be_told_is_said_never_passed(monkeypatch: pytest.MonkeyPatch) -> None:
    shell = Subject(p.FLOW_JOB, "etl", job(type="SHELL"))  # no stack given
    settings = p.settings(JOB_TYPE_SCHEMA, None)
    [message] = check_job_type(shell, settings)
    assert message.startswith("FlowJob 'etl': could not tell the stack")
    assert "'prod*'" in message and "Fix:" in message
    # Nothing to say when no per-stack rule names the job's type.
    assert list(check_job_type(Subject(p.FLOW_JOB, "etl", job()), settings)) == []
    monkeypatch.delenv("PULUMI_STACK", raising=False)
    assert current_stack("not-a-urn") is None and current_stack("urn:pulumi:::p::t::n") is None
    assert current_stack("urn:pulumi:prod-eu::proj::t::n") == "prod-eu"
