"""A plan as text (for a person), JSON (for a machine) or a Mermaid flowchart (for a README or
a pull request)."""

from __future__ import annotations

import dataclasses
import json
import re

from pulumi_emrflow.plan import FlowPlan, Plan, PlannedJob


def as_json(plan: Plan) -> str:
    return json.dumps(dataclasses.asdict(plan), indent=2, ensure_ascii=False)


def _job(job: PlannedJob) -> str:
    return f"{job.job} ({job.type or 'type unknown'} on {job.cluster})"


def _flow_text(flow: FlowPlan, hours: float) -> list[str]:
    state = "schedule on" if flow.scheduled else "schedule stopped (scheduled is not True)"
    lines = [
        f"Flow '{flow.name}' (resource {flow.resource}), {state}",
        f"  project: {flow.project}",
        f"  cluster: {flow.cluster}",
        f"  when: {flow.schedule}" + (f"  [{flow.cron_expr}]" if flow.cron_expr else ""),
    ]
    if flow.start or flow.end:
        lines.append(f"  window: from {flow.start or '-'} until {flow.end or '-'}")
    if flow.cron_expr:
        when = ", ".join(flow.fire_times) if flow.fire_times else "none"
        verb = "runs" if flow.scheduled else "would run (once scheduled)"
        lines.append(f"  {verb} in the next {hours:g} h: {when}")
    lines.append("  stages:")
    for number, row in enumerate(flow.stages, start=1):
        together = "  (side by side)" if len(row) > 1 else ""
        lines.append(f"    {number}. " + " | ".join(_job(j) for j in row) + together)
    if not flow.stages:
        lines.append("    (no jobs)")
    lines += [f"  problem: {problem}" for problem in flow.problems]
    return lines


def as_text(plan: Plan) -> str:
    lines = [
        f"Plan of {plan.project} ({plan.stack}): {len(plan.flows)} flow(s), runs in the "
        f"{plan.hours:g} h from {plan.window_from} ({plan.timezone})",
    ]
    for flow in plan.flows:
        lines += ["", *_flow_text(flow, plan.hours)]
    if not plan.flows:
        lines += ["", "No Flow is declared."]
    return "\n".join(lines) + "\n"


def _node_id(*parts: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", "_".join(parts))


def _label(text: str) -> str:
    return text.replace('"', "#quot;")


def as_mermaid(plan: Plan) -> str:
    """One subgraph per flow: start, the jobs by stage, end; an arrow for every wait."""
    lines = ["```mermaid", "flowchart TD"]
    for flow in plan.flows:
        key = _node_id(flow.resource)
        lines.append(f'  subgraph {key}["{_label(flow.name)}: {_label(flow.schedule)}"]')
        start, end = f"{key}__start", f"{key}__end"
        lines += [f"    {start}((start))", f"    {end}((end))"]
        waited_on = {name for row in flow.stages for job in row for name in job.after}
        for row in flow.stages:
            for job in row:
                node = _node_id(key, job.job)
                lines.append(f'    {node}["{_label(job.job)}<br/>{_label(job.type or "?")}"]')
                sources = [_node_id(key, name) for name in job.after] or [start]
                lines += [f"    {source} --> {node}" for source in sources]
                if job.job not in waited_on:
                    lines.append(f"    {node} --> {end}")
        if not flow.stages:
            lines.append(f"    {start} --> {end}")
        lines.append("  end")
    lines.append("```")
    return "\n".join(lines) + "\n"
