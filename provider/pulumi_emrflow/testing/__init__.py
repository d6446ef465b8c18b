"""Testing kit for pulumi-emrflow, for this project's tests and for users' own.

- ``pulumi_emrflow.testing.pytest_plugin``: a pytest plugin (registered through the ``pytest11``
  entry point, so it is active once the package is installed) with the fixtures
  ``emrflow_emulator`` (a running ``pulumi_emrflow.emulator.Emulator`` with fresh state for each
  test) and ``emrflow_env`` (the environment variables that point the client at it).
"""
