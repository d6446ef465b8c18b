"""The RPC signer against the published vectors and against both official SDK signers."""

from __future__ import annotations

import base64
import hashlib

import pytest
from alibabacloud_openapi_util.client import Client as TeaUtil
from aliyunsdkcore.auth.algorithm import sha_hmac1
from aliyunsdkcore.auth.composer import rpc_signature_composer
from hypothesis import given, settings
from hypothesis import strategies as st

from pulumi_emrflow.api import signing

PUBLISHED = {
    "Action": "DescribeRegions",
    "Version": "2014-05-26",
    "Format": "XML",
    "SignatureMethod": "HMAC-SHA1",
    "SignatureVersion": "1.0",
    "SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
    "Timestamp": "2016-02-23T12:46:24Z",
    "AccessKeyId": "testid",
}

CREATE_FLOW_JOB = {
    "AccessKeyId": "testid",
    "Action": "CreateFlowJob",
    "Description": "This is a job description",
    "Format": "JSON",
    "Name": "my_shell_job",
    "Params": "ls -l",
    "ProjectId": "FP-257A173659F59685",
    "RegionId": "cn-hangzhou",
    "ResourceList.1.Alias": "demo.jar",
    "ResourceList.1.Path": "oss://path/demo.jar",
    "RunConf": '{"priority":1,"userName":"hadoop","memory":2048,"cores":1}',
    "SignatureMethod": "HMAC-SHA1",
    "SignatureNonce": "c0ffee00-0000-4000-8000-000000000001",
    "SignatureVersion": "1.0",
    "Timestamp": "2024-01-01T00:00:00Z",
    "Type": "SHELL",
    "Version": "2016-04-08",
}


def test_published_example_string_to_sign_and_signature() -> None:
    assert signing.string_to_sign("GET", PUBLISHED) == (
        "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML"
        "%26SignatureMethod%3DHMAC-SHA1"
        "%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0"
        "%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
    )
    assert signing.signature("GET", PUBLISHED, "testsecret") == "OLeaidS1JvxuMvnyHOwuJ+uX5qY="


def test_published_example_older_timestamp_spelling() -> None:
    params = dict(PUBLISHED)
    params["TimeStamp"] = params.pop("Timestamp")
    assert signing.signature("GET", params, "testsecret") == "CT9X0VtwR86fNWSnsc6v8YGOjuE="


@pytest.mark.parametrize(
    ("method", "params", "secret", "expected_sts", "expected"),
    [
        (
            "POST",
            {"A": "a b*c~d/e+f=g&h", "Z": "中文"},
            "s",
            "POST&%2F&A%3Da%2520b%252Ac~d%252Fe%252Bf%253Dg%2526h%26Z%3D%25E4%25B8%25AD%25E6%2596%2587",
            "kfYcsJmoE+Hj3WyYgt98iEuJHs0=",
        ),
        ("POST", CREATE_FLOW_JOB, "testsecret", None, "rQsMT8XoEPgSy5FJZpHL5AgX+iw="),
    ],
    ids=["reserved-and-non-ascii", "create-flow-job"],
)
def test_extra_vectors(
    method: str, params: dict[str, str], secret: str, expected_sts: str | None, expected: str
) -> None:
    if expected_sts is not None:
        assert signing.string_to_sign(method, params) == expected_sts
    assert signing.signature(method, params, secret) == expected


def test_signature_parameter_is_not_signed_and_empty_values_are() -> None:
    base = {"Action": "X", "SignatureType": ""}
    with_signature = {**base, "Signature": "anything"}
    assert signing.string_to_sign("POST", base) == signing.string_to_sign("POST", with_signature)
    assert "SignatureType%3D" in signing.string_to_sign("POST", base)


def test_method_is_upper_cased_and_changes_the_signature() -> None:
    assert signing.string_to_sign("post", {"A": "1"}).startswith("POST&%2F&")
    assert signing.signature("GET", {"A": "1"}, "k") != signing.signature("POST", {"A": "1"}, "k")


def test_signatures_match_is_exact() -> None:
    assert signing.signatures_match("abc=", "abc=")
    assert not signing.signatures_match("abc=", "abd=")
    assert not signing.signatures_match("abc=", "abc")


def _core_sdk_signature(method: str, params: dict[str, str], secret: str) -> str:
    compose = getattr(rpc_signature_composer, "__compose_string_to_sign")
    return str(sha_hmac1.get_sign_string(compose(method, params), secret + "&"))


# Parameter names are ASCII in the API; values are anything a user may type.
NAMES = st.text(
    alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=12
)
VALUES = st.text(
    alphabet=st.one_of(
        st.sampled_from(" *~/+=&%:?#-_.中文é€😀"),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=40,
)


@settings(max_examples=1000, deadline=None)
@given(
    params=st.dictionaries(NAMES, VALUES, min_size=1, max_size=8),
    method=st.sampled_from(["GET", "POST"]),
    secret=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30),
)
def test_matches_both_official_sdk_signers(
    params: dict[str, str], method: str, secret: str
) -> None:
    params.pop("Signature", None)
    ours = signing.signature(method, params, secret)
    assert ours == TeaUtil.get_rpcsignature(params, method, secret)
    assert ours == _core_sdk_signature(method, params, secret)


def test_signature_is_standard_base64_of_an_hmac_sha1_digest() -> None:
    value = signing.signature("POST", {"A": "1"}, "secret")
    assert len(base64.b64decode(value, validate=True)) == hashlib.sha1().digest_size
