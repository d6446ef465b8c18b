"""Writes each resource's typed surface from its spec (``python -m`` this module).

For every spec in the registry it writes ``resources/<spec name>.py`` (see ``typed_source``),
the outputs every resource shares (``resources/_common.py``), the export block of
``pulumi_emrflow/__init__.py`` and the argument tables of the README (when run from a checkout).
Enum arguments are ``Literal[...]`` of the allowed values, so an editor offers them and a type
checker rejects any other. ``--check`` writes nothing and exits 1 when a file differs from what
would be written (tests/test_codegen.py does the same).

The output is committed, as pulumi-alicloud commits its generated classes: a reader and an
editor see the arguments and their documentation in the source.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pulumi_emrflow.resources.typed_source import common_module, exported_names, resource_module
from pulumi_emrflow.specs import get_spec, spec_module, spec_names
from pulumi_emrflow.specs.docs import markdown_table

PACKAGE = Path(__file__).resolve().parent.parent
_BEGIN = "# BEGIN generated exports (python -m pulumi_emrflow.resources.codegen)"
_END = "# END generated exports"


def exports_block() -> str:
    """The lines between the export markers of ``pulumi_emrflow/__init__.py``."""
    by_module: dict[str, list[str]] = {}
    for name in spec_names():
        by_module[f"pulumi_emrflow.resources.{name}"] = exported_names(get_spec(name))
    lines = [_BEGIN, "if TYPE_CHECKING:"]
    for module, names in by_module.items():
        lines.append(f"    from {module} import (")
        lines += [f"        {n}," for n in sorted(names)]  # __all__ re-exports them
        lines.append("    )")
    lines += ["", "_EXPORTS = {"]
    for module, names in by_module.items():
        lines += [f'    "{n}": "{module}",' for n in sorted(names)]
    lines += ["}", "", "__all__ = ["]
    lines += [f'    "{n}",' for module, names in by_module.items() for n in sorted(names)]
    return "\n".join([*lines, "]", _END])


def _with_exports(text: str) -> str:
    start, end = text.index(_BEGIN), text.index(_END) + len(_END)
    return text[:start] + exports_block() + text[end:]


def formatted(text: str, path: Path) -> str:
    """``text`` as ``ruff format`` leaves it (with the project's settings), so that the output
    is the formatter's and not a second formatter written here."""
    for step in (["check", "--select", "I,RUF022", "--fix", "--quiet"], ["format"]):
        done = subprocess.run(
            [sys.executable, "-m", "ruff", *step, "--stdin-filename", str(path), "-"],
            input=text,
            capture_output=True,
            text=True,
            check=False,
            cwd=PACKAGE.parent.parent,
        )
        if done.returncode != 0:
            raise RuntimeError(f"ruff {step[0]} failed on generated {path.name}: {done.stderr}")
        text = done.stdout
    return text


def _with_tables(text: str) -> str:
    """The README with each spec's argument table (``specs.docs``) between its markers."""
    for name in spec_names():
        spec = get_spec(name)
        begin = f"<!-- BEGIN {spec.type_name} arguments -->\n"
        end = f"<!-- END {spec.type_name} arguments -->"
        if begin in text:
            start, stop = text.index(begin) + len(begin), text.index(end)
            text = text[:start] + markdown_table(spec) + text[stop:]
    return text


def generated_files() -> dict[Path, str]:
    """Every generated file's path and the text the generator writes there now."""
    readme = PACKAGE.parent.parent / "README.md"
    tables = {readme: _with_tables(readme.read_text())} if readme.exists() else {}
    files = {PACKAGE / "resources" / "_common.py": common_module()}
    for name in spec_names():
        spec = get_spec(name)
        files[PACKAGE / "resources" / f"{name}.py"] = resource_module(spec, spec_module(name))
    root = PACKAGE / "__init__.py"
    files[root] = _with_exports(root.read_text())
    return {**{path: formatted(text, path) for path, text in files.items()}, **tables}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    files = generated_files()
    stale = [path for path, text in files.items() if _read(path) != text]
    for path in stale:
        if "--check" in args:
            print(f"out of date: {path.relative_to(PACKAGE.parent.parent)}")
        else:
            path.write_text(files[path])
            print(f"wrote {path.relative_to(PACKAGE.parent.parent)}")
    return 1 if stale and "--check" in args else 0


def _read(path: Path) -> str:
    return path.read_text() if path.exists() else ""


if __name__ == "__main__":
    raise SystemExit(main())
