"""Testing kit for pulumi-emrflow, for this project's tests and for users' own.

- ``run_program`` (``pulumi_emrflow.testing.program``): run a Pulumi project's program under
  Pulumi's mocks with every emrflow resource created through the real provider server against the
  emulator (or a given endpoint); returns a ``ProgramRun``, a stack: the declared resources with
  ids, inputs and outputs, the stack outputs, ``preview()`` and ``up()`` against its state
  (a ``Plan`` of ``Step``s: create, update, replace, delete, same; printed as ``pulumi preview``
  sums it up) and ``destroy()``. ``preview_program`` previews a new stack. No Go engine. A
  failing run, up or ``destroy()`` raises ``ProgramRunError``; ``DeclaredResource.status`` is a
  ``ResourceStatus``; ``emulator=`` takes anything shaped like ``EmulatorLike`` (``Emulator``,
  ``EmulatorProcess``).
- ``pulumi_emrflow.testing.engine``: ``ProviderServer`` drives the SDK's provider server with the
  engine's RPC sequences (preview, up, replace, refresh, destroy), for provider-level tests.
- ``pulumi_emrflow.testing.pytest_plugin``: a pytest plugin (registered through the ``pytest11``
  entry point, so it is active once the package is installed) with the fixtures
  ``emrflow_emulator`` (a running ``pulumi_emrflow.emulator.Emulator`` with fresh state for each
  test), ``emrflow_env`` (the environment variables that point the client at it) and
  ``emrflow_program`` (``run_program`` bound to that emulator; what it created is destroyed after
  the test).
"""

import warnings
from typing import Any

from pulumi_emrflow.testing.calls import EmulatorLike
from pulumi_emrflow.testing.mocks import DeclaredResource, ResourceStatus
from pulumi_emrflow.testing.plan import Plan, Step
from pulumi_emrflow.testing.program import (
    ProgramRun,
    ProgramRunError,
    preview_program,
    run_program,
)

__all__ = [
    "DeclaredResource",
    "EmulatorLike",
    "Plan",
    "ProgramRun",
    "ProgramRunError",
    "ResourceStatus",
    "Step",
    "preview_program",
    "run_program",
]


def __getattr__(name: str) -> Any:
    # RunFailure was what ProgramRun.destroy raised until ProgramRunError became the one error
    # of a run; the old name still catches it, for one release.
    if name == "RunFailure":
        warnings.warn(
            "pulumi_emrflow.testing.RunFailure is deprecated; catch ProgramRunError",
            DeprecationWarning,
            stacklevel=2,
        )
        return ProgramRunError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
