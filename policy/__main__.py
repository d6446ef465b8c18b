"""The emrflow policy pack: only assembles the policies shipped in pulumi_emrflow.policies.

``PolicyPack`` serves the engine over gRPC and blocks; the rules themselves live in the package
so other packs can import and recombine them.
"""

from pulumi_policy import PolicyPack

from pulumi_emrflow.policies import PACK_ENFORCEMENT_LEVEL, PACK_NAME, default_policies

PolicyPack(
    name=PACK_NAME,
    policies=default_policies(),
    enforcement_level=PACK_ENFORCEMENT_LEVEL,
    description="Organization rules for pulumi-emrflow resources (EMR data-development jobs).",
)
