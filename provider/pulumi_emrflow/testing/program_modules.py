"""A program's own modules, fresh for every run.

Under the CLI each ``pulumi up`` is a new process, so a program's helper modules (``jobs.py``,
``settings.py``, a ``lib/`` package beside ``__main__.py``) are read from disk every time. Runs in
one test process share ``sys.modules``: without care, an edited helper is ignored by the next run
and a second project gets the first one's ``settings``. ``program_modules`` gives a run a clean
slate for the names its folder defines, and afterwards puts back what was there before.
"""

from __future__ import annotations

import importlib
import sys
import sysconfig
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

__all__ = ["program_modules"]


_SITE = tuple({Path(sysconfig.get_paths()[key]) for key in ("purelib", "platlib")})


def _local_names(folder: Path) -> frozenset[str]:
    """Top-level module names that ``folder`` defines (``x.py`` files and package folders),
    except the standard library's: the interpreter has loaded those before any program runs,
    so under the CLI too a program's ``types.py`` never replaces them."""
    names = set()
    for entry in folder.iterdir():
        name = entry.stem if entry.suffix == ".py" else entry.name if entry.is_dir() else ""
        if name.isidentifier():
            names.add(name)
    return frozenset(names - sys.stdlib_module_names - {"__main__", "__pycache__"})


def _installed(module: ModuleType | None) -> bool:
    """Loaded from an installed distribution (site-packages): never one of a program's."""
    where = getattr(module, "__file__", None)
    return where is not None and any(Path(where).is_relative_to(root) for root in _SITE)


@contextmanager
def program_modules(program: Path) -> Iterator[None]:
    """Run the ``with`` body as if in a new process for the modules of ``program`` (its folder,
    or the folder of a program file): none of them is cached when it starts, none stays after,
    and the caller's own modules of the same names are restored."""
    folder = (program if program.is_dir() else program.parent).resolve()
    local = _local_names(folder)

    def ours(name: str, module: ModuleType | None) -> bool:
        return name.partition(".")[0] in local and not _installed(module)

    hidden = {name: module for name, module in sys.modules.items() if ours(name, module)}
    for name in hidden:
        del sys.modules[name]
    importlib.invalidate_caches()  # files added since the last run must be found
    # Bytecode is checked by the source's mtime in whole seconds and its size: a helper edited
    # within the second it was cached, to the same length, would run stale.
    write_bytecode, sys.dont_write_bytecode = sys.dont_write_bytecode, True
    try:
        yield
    finally:
        sys.dont_write_bytecode = write_bytecode
        for name, module in list(sys.modules.items()):
            if ours(name, module):
                del sys.modules[name]
        sys.modules.update(hidden)
