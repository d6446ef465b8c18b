"""The wire layer: signing, endpoints, credentials, errors and the EMR RPC client.

Nothing here knows about Pulumi; the providers build on it.
"""
