"""The generic dynamic provider (``EmrFlowProvider``) that runs every resource's lifecycle.

Import ``pulumi_emrflow.providers.lifecycle`` directly; this package module stays empty so that
unpickling a provider loads only what it needs.
"""
