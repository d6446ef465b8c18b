"""A flow's DAG as a Python user declares it, and the service's Graph JSON built from it.

The input is a list of steps, ``{"job": <job id>, "after": [<job ids>]}`` (a FlowJob given
as ``job`` or in ``after`` stands for its id). The provider writes the Graph (emr-flow-api.md
4.1): a START node before every step that waits for nothing, an END node after every step
nothing waits for, one JOB node per step whose id is the job's id (stable across runs: a job is
in a flow once), and a layered layout (a step's row is one below the lowest of the steps it
waits for) so the console shows a clean picture. Two DAGs are the same when they have the same
jobs and the same edges: layout, node ids and step order never make a diff, and a Graph edited
in the console reads back as its real jobs and edges.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from pulumi_emrflow.specs.ids import JOB_ID
from pulumi_emrflow.specs.json_kinds import loads
from pulumi_emrflow.specs.kinds import Kind, Props, show
from pulumi_emrflow.specs.shapes import Shape
from pulumi_emrflow.specs.unknowns import is_unknown

START, END = "START", "END"
_ROW, _COLUMN, _CENTRE = 100, 220, 400
"""Layout: pixels between rows and between the nodes of a row, and the picture's middle."""
_KEYS = ("job", "after", "job_type")

Edges = tuple[tuple[str, str], ...]


def _after(step: Mapping[str, Any]) -> list[Any]:
    after = step.get("after")
    return list(after) if isinstance(after, list | tuple) else []


def step_problem(steps: Any) -> str | None:
    """Why ``steps`` is not a DAG of known shape (unknown values are skipped), or None."""
    if not isinstance(steps, list | tuple):
        return f"expected a list of steps {{job, after}}, got {show(steps)}"
    seen: dict[str, int] = {}
    for i, step in enumerate(steps):
        if is_unknown(step):
            continue
        if not isinstance(step, Mapping):
            return f"step {i}: expected a mapping with job and after, got {show(step)}"
        extra = sorted(map(str, set(step) - set(_KEYS)))
        if extra:
            return f"step {i}: unknown key(s) {', '.join(extra)}; allowed: {', '.join(_KEYS)}"
        job = step.get("job")
        if job is None:
            return f"step {i}: job is missing (a FlowJob or its id, FJ-...)"
        if not is_unknown(job):
            reason = JOB_ID.validate(job, {})
            if reason:
                return f"step {i}: job {reason}"
            if job in seen:
                return f"step {i}: job {job} is already step {seen[job]}; a job runs once a flow"
            seen[job] = i
        after = step.get("after")
        if after is not None and not is_unknown(after) and not isinstance(after, list | tuple):
            return f"step {i}: after must be a list of jobs, got {show(after)}"
        job_type = step.get("job_type")
        if job_type is not None and not is_unknown(job_type) and not isinstance(job_type, str):
            return f"step {i}: job_type must be a string, got {show(job_type)}"
    for i, step in enumerate(steps):
        if not isinstance(step, Mapping):
            continue
        for other in _after(step):
            if is_unknown(other):
                continue
            if not isinstance(other, str) or other not in seen:
                return (
                    f"step {i} ({step.get('job')}): after {show(other)}, which is not a step of "
                    "this flow; add it as a step or remove it from after"
                )
    cycle = find_cycle(steps)
    if cycle:
        return f"has a cycle: {' -> '.join(cycle)}; a flow's steps must not wait on each other"
    return None


def _known_graph(steps: Sequence[Any]) -> dict[str, list[str]]:
    """Each known job and the known jobs it waits for."""
    graph: dict[str, list[str]] = {}
    for step in steps:
        if isinstance(step, Mapping) and isinstance(step.get("job"), str):
            if is_unknown(step["job"]):
                continue
            graph[step["job"]] = [a for a in _after(step) if isinstance(a, str)]
    return graph


def find_cycle(steps: Sequence[Any]) -> list[str]:
    """The jobs on one cycle, first job repeated at the end, or [] (iterative: any size)."""
    graph = _known_graph(steps)
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for root in graph:
        if state.get(root):
            continue
        path, stack = [root], [iter(graph[root])]
        state[root] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif nxt not in graph or state.get(nxt) == 2:
                continue
            elif state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            else:
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(graph[nxt]))
    return []


def edges_of(steps: Sequence[Mapping[str, Any]]) -> Edges:
    """The DAG's meaning: sorted (job, job it waits for) pairs, jobs alone as (job, "")."""
    pairs: set[tuple[str, str]] = set()
    for step in steps:
        after = [str(a) for a in _after(step)]
        pairs.update((str(step["job"]), a) for a in after)
        if not after:
            pairs.add((str(step["job"]), ""))
    return tuple(sorted(pairs))


def stages(steps: Sequence[Mapping[str, Any]]) -> list[list[str]]:
    """The jobs by row: those of a row run together once every row above has finished with
    what they wait for (the longest chain of waits before a job gives its row)."""
    graph = {str(s["job"]): [str(a) for a in _after(s)] for s in steps}
    row: dict[str, int] = {}
    for job in graph:
        stack = [job]
        while stack:
            top = stack[-1]
            pending = [a for a in graph[top] if a in graph and a not in row]
            if pending:
                stack.extend(pending)
                continue
            stack.pop()
            row[top] = 1 + max((row[a] for a in graph[top] if a in row), default=-1)
    rows: list[list[str]] = [[] for _ in range(max(row.values(), default=-1) + 1)]
    for job in graph:  # declaration order within a row
        rows[row[job]].append(job)
    return rows


def _node(index: int, id_: str, row: int, x: int, kind: str, **attribute: str) -> dict[str, Any]:
    return {
        "id": id_, "index": index, "type": "node", "x": x, "y": 60 + row * _ROW,
        "size": "170*34", "shape": "flow-node", "label": id_ if kind == "JOB" else kind.title(),
        "attribute": {"type": kind, **attribute},
    }  # fmt: skip


def build_graph(steps: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The service's Graph for ``steps`` (a valid DAG of known jobs)."""
    rows = stages(steps)
    by_job = {str(s["job"]): s for s in steps}
    nodes = [_node(0, START, 0, _CENTRE, START)]
    for r, jobs in enumerate(rows, start=1):
        for c, job in enumerate(jobs):
            x = _CENTRE + int((c - (len(jobs) - 1) / 2) * _COLUMN)
            attribute = {"jobId": job}
            if by_job[job].get("job_type"):
                attribute["jobType"] = str(by_job[job]["job_type"])
            nodes.append(_node(len(nodes), job, r, x, "JOB", **attribute))
    nodes.append(_node(len(nodes), END, len(rows) + 1, _CENTRE, END))
    waited_on = {str(a) for s in steps for a in _after(s)}
    pairs = [(START, str(s["job"])) for s in steps if not _after(s)]
    pairs += [(str(a), str(s["job"])) for s in steps for a in _after(s)]
    pairs += [(str(s["job"]), END) for s in steps if str(s["job"]) not in waited_on]
    if not steps:
        pairs = [(START, END)]
    edges = [
        {"id": f"{source}->{target}", "index": i, "source": source, "target": target,
         "sourceAnchor": 1, "targetAnchor": 0}
        for i, (source, target) in enumerate(pairs)
    ]  # fmt: skip
    return {"nodes": nodes, "edges": edges}


def read_graph(graph: Any) -> list[dict[str, Any]] | None:
    """The steps a Graph holds (by row, then left to right), or None for a Graph of another
    shape. Edges through START and END are the picture's, not waits."""
    if not isinstance(graph, Mapping):
        return None
    nodes, edges = graph.get("nodes"), graph.get("edges")
    if not isinstance(nodes, list) or not isinstance(edges, list):
        return None
    jobs: dict[str, tuple[str, dict[str, Any]]] = {}
    ends: set[str] = set()
    for node in nodes:
        if not isinstance(node, Mapping) or not isinstance(node.get("attribute"), Mapping):
            return None
        attribute = node["attribute"]
        if attribute.get("type") == "JOB" and isinstance(attribute.get("jobId"), str):
            jobs[str(node.get("id"))] = (attribute["jobId"], dict(attribute))
        else:
            ends.add(str(node.get("id")))
    after: dict[str, list[str]] = {job: [] for job, _ in jobs.values()}
    for edge in edges:
        if not isinstance(edge, Mapping):
            return None
        source, target = str(edge.get("source")), str(edge.get("target"))
        if source in jobs and target in jobs:
            after[jobs[target][0]].append(jobs[source][0])
    steps: list[dict[str, Any]] = []
    for _, attribute in sorted(jobs.values(), key=lambda j: _place(nodes, j[0])):
        job = attribute["jobId"]
        step: dict[str, Any] = {"job": job}
        if after[job]:
            step["after"] = sorted(set(after[job]))
        if attribute.get("jobType"):
            step["job_type"] = attribute["jobType"]
        steps.append(step)
    return steps


def _place(nodes: list[Any], job: str) -> tuple[float, float]:
    for node in nodes:
        if node["attribute"].get("jobId") == job:
            y, x = node.get("y"), node.get("x")
            return (
                float(y) if isinstance(y, int | float) else 0.0,
                float(x) if isinstance(x, int | float) else 0.0,
            )
    return (0.0, 0.0)


class FlowSteps(Kind):
    """A flow's DAG: a list of steps ``{job, after}``; sent as the Graph JSON (see module)."""

    doc_type = "list[FlowStepArgs]"
    text_valued = False

    def __init__(self, shape: Shape) -> None:
        self.shape = shape
        self.args_name = shape.name
        self.clear_value = json.dumps(build_graph([]), separators=(",", ":"))

    def input_type(self) -> str:
        return f"Sequence[pulumi.Input[{self.args_name} | {self.args_name}Dict]]"

    def output_type(self) -> str:
        return "list[dict[str, Any]]"

    def validate(self, value: Any, ctx: Props) -> str | None:
        return step_problem(value)

    def coerce(self, value: Any) -> Any:
        """Steps as plain dicts, ``after`` always a list (so state has one form)."""
        out = []
        for step in value:
            item = {k: step[k] for k in _KEYS if step.get(k) is not None}
            if "after" in item:
                item["after"] = list(item["after"])
            out.append(item)
        return out

    def to_api(self, value: Any, ctx: Props) -> Any:
        return json.dumps(build_graph(value), ensure_ascii=False, separators=(",", ":"))

    def canonical(self, value: Any, ctx: Props) -> Any:
        if value is None:
            return ()
        if isinstance(value, str):
            try:
                value = read_graph(loads(value))
            except ValueError:
                return value
            if value is None:
                return ()
        return edges_of(value)

    def from_api(self, raw: Any) -> Any:
        if raw is None or raw == "":
            return None
        if isinstance(raw, str):
            try:
                raw = loads(raw)  # bounded in depth: a Graph set elsewhere may be anything
            except ValueError:
                return None
        steps = read_graph(raw)
        return steps or None

    def is_empty(self, value: Any) -> bool:
        return not value
