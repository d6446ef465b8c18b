"""``export``: turn existing EMR data-development projects into a Pulumi program that adopts
them (``python -m pulumi_emrflow export --project FP-... --out DIR``).

Layers: ``snapshot`` reads (List and Describe only), ``declarations`` maps what was read onto
the typed arguments, ``source`` writes them as formatted Python, ``files`` writes the folder in
one move, ``command`` is the command line. Which kinds are exported, and in which order, is
``snapshot.KINDS``: flows are one more row there once the Flow resource exists.
"""

from pulumi_emrflow.export.declarations import Program, declare
from pulumi_emrflow.export.files import Target, render, write_folder
from pulumi_emrflow.export.snapshot import KINDS, ProjectNotFoundError, ProjectSnapshot, Reader

__all__ = [
    "KINDS",
    "Program",
    "ProjectNotFoundError",
    "ProjectSnapshot",
    "Reader",
    "Target",
    "declare",
    "render",
    "write_folder",
]
