"""Argument documentation rendered from a spec (the README's table comes from here)."""

from __future__ import annotations

from pulumi_emrflow.specs.resource import ResourceSpec


def markdown_table(spec: ResourceSpec) -> str:
    """One row per property: name, API parameter, type, required, and the field's docstring."""
    lines = [
        f"| {spec.type_name} property | API parameter | type | required | description |",
        "|---|---|---|---|---|",
    ]
    for f in spec.fields:
        api = f"`{f.api}`" if f.api else "(provider)"
        required = "yes" if f.required else ("output" if f.computed else "no")
        doc = f.docstring().replace("|", "\\|")
        kind = f.kind.doc_type.replace("|", "\\|")
        lines.append(f"| `{f.name}` | {api} | {kind} | {required} | {doc} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # python -m pulumi_emrflow.specs.docs
    from pulumi_emrflow.specs import get_spec, spec_names

    for name in spec_names():
        print(markdown_table(get_spec(name)))
