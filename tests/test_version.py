"""The version users see is one value, semantic, and the changelog knows it."""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

import pulumi_emrflow

ROOT = Path(__file__).resolve().parents[1]
SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)(\.dev\d+|rc\d+)?$")


def test_version_is_semantic_and_is_the_installed_one() -> None:
    assert SEMVER.match(pulumi_emrflow.__version__), pulumi_emrflow.__version__
    assert importlib.metadata.version("pulumi-emrflow") == pulumi_emrflow.__version__


def test_changelog_has_a_section_for_this_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text()
    match = SEMVER.match(pulumi_emrflow.__version__)
    assert match
    release = ".".join(match.groups()[:3])
    if match.group(4):  # a development version: its changes collect under Unreleased
        assert "## [Unreleased]" in changelog
        assert f"## [{release}]" not in changelog, f"{release} is released: bump __version__"
    else:
        assert f"## [{release}]" in changelog
    assert changelog.count("### Upgrade notes") >= changelog.count("\n## [")
