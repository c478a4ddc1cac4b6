"""What each MCP tool answers, as text, read from the API; shared by both transports.

Every function takes an :class:`ApiClient` and the tool's arguments and returns a few lines
of text with the ids to follow up with. Bad arguments and unknown ids raise
:class:`ToolInputError` with a sentence saying what to do instead.
"""

from __future__ import annotations

import json
from typing import Any

from agenttrace_server.mcp.client import (
    ApiClient,
    ToolInputError,
    checkpoint_id_arg,
    span_id_arg,
    trace_id_arg,
)
from agenttrace_server.mcp.text import MAX_PAGE, bound, ms, page, pretty, short, when

STATUSES = ("ok", "error", "unset")


def _limit(value: int, low: int, high: int, name: str) -> int:
    if not low <= value <= high:
        raise ToolInputError(f"{name} must be between {low} and {high} (got {value})")
    return value


async def list_runs(
    api: ApiClient,
    *,
    status: str | None = None,
    project: str | None = None,
    agent: str | None = None,
    failure_mode: str | None = None,
    query: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
    cursor: str | None = None,
) -> str:
    """Runs, newest first, one a line, filtered like the trace list of the UI."""
    if status is not None and status not in STATUSES:
        raise ToolInputError(f"status must be one of {', '.join(STATUSES)} (got {status!r})")
    data = await api.get(
        "/traces",
        status=status, project=project, agent=agent, failure_mode=failure_mode, q=query,
        since=since, until=until, limit=_limit(limit, 1, 100, "limit"), cursor=cursor,
    )  # fmt: skip
    items: list[dict[str, Any]] = data["items"]
    if not items:
        return "No runs match."
    lines = [f"{len(items)} run(s), newest first (trace_id status name …):"]
    for t in items:
        fails = ",".join(t.get("failure_modes") or []) or "-"
        lines.append(
            f"{t['trace_id']} {t['status']} {short(t.get('name') or '?', 60)} | "
            f"project={t.get('project')} start={when(t.get('start_time'))} "
            f"took={ms(t.get('duration_ms'))} agents={','.join(t.get('agents') or []) or '-'} "
            f"failures={fails} errors={t.get('error_count', 0)}"
        )
    if data.get("next_cursor"):
        lines.append(f"more: list_runs(..., cursor={data['next_cursor']!r})")
    lines.append("next: get_run(trace_id) or explain_failure(trace_id)")
    return bound("\n".join(lines))


def _edge_lines(graph: dict[str, Any]) -> list[str]:
    names = {n["id"]: n["name"] for n in graph["nodes"]}
    return [
        f"  {names.get(e['source'], e['source'])} → {names.get(e['target'], e['target'])} "
        f"{e['kind']} x{e['count']}" + (f" errors={e['errors']}" if e.get("errors") else "")
        for e in graph["edges"]
    ]


async def get_run(api: ApiClient, trace_id: str) -> str:
    """A run's summary, its agents (with their figures) and who talked to whom."""
    tid = trace_id_arg(trace_id)
    t = await api.get(f"/traces/{tid}")
    graph = await api.get(f"/traces/{tid}/graph")
    lines = [
        f"run {tid}: {t.get('name')} — status {t['status']}, project {t.get('project')}, "
        f"framework {t.get('framework') or '?'}",
        f"started {when(t.get('start_time'))}, took {ms(t.get('duration_ms'))}, "
        f"{t.get('span_count')} spans, {t.get('total_tokens') or 0} tokens, "
        f"{t.get('error_count', 0)} error span(s), analysis {t.get('analysis_state')}",
    ]
    if t.get("failure_modes"):
        lines.append("failure modes: " + ", ".join(t["failure_modes"]))
    if t.get("input_preview"):
        lines.append("input: " + short(t["input_preview"], 300))
    if t.get("output_preview"):
        lines.append("output: " + short(t["output_preview"], 300))
    stats = {n["id"]: n for n in graph["nodes"] if n.get("layer") == "agent"}
    lines.append(f"agents ({len(t.get('agents') or [])}):")
    for a in t.get("agents") or []:
        n = stats.get(a["name"], {})
        lines.append(
            f"  {a['name']}" + (f" ({short(a['role'], 60)})" if a.get("role") else "")
            + f" model={a.get('model') or '?'} spans={n.get('spans', 0)} "
            f"llm={n.get('llm_calls', 0)} tools={n.get('tool_calls', 0)} "
            f"tokens={n.get('total_tokens', 0)} errors={n.get('errors', 0)}"
        )  # fmt: skip
    lines.append("edges (who talked to whom):")
    lines.extend(_edge_lines(graph) or ["  (none)"])
    lines.append(
        f"next: explain_failure({tid!r}), agent_messages({tid!r}, agent_a, agent_b), "
        f"resource agenttrace://runs/{tid}/graph"
    )
    return bound("\n".join(lines))


async def explain_failure(api: ApiClient, trace_id: str) -> str:
    """Which agent and step a run's failure is attributed to, why, and the evidence spans."""
    tid = trace_id_arg(trace_id)
    f = await api.get(f"/traces/{tid}/failures")
    att: dict[str, Any] | None = f.get("attribution")
    annotations: list[dict[str, Any]] = f.get("annotations") or []
    lines: list[str] = []
    if len(f.get("run_trace_ids") or []) > 1:
        lines.append("this run spans traces " + ", ".join(f["run_trace_ids"]))
    if att is None:
        lines.append(f"run {tid}: the analysis found no failure to attribute.")
    else:
        lines.append(
            f"run {tid} failed; blamed agent: {att.get('agent')} at step {att.get('step')} "
            f"(span {att.get('span_id')}, confidence {att.get('confidence')})"
            + (f", incident: {att['incident']}" if att.get("incident") else "")
        )
        lines.append("why:")
        lines.extend(f"  - {short(r, 400)}" for r in att.get("reasons") or [])
        ranking = att.get("ranking") or []
        if ranking:
            lines.append(
                "ranking: " + ", ".join(f"{r['agent']} {r.get('score', 0):.2f}" for r in ranking)
            )
        if att.get("evidence_span_ids"):
            lines.append("evidence spans: " + ", ".join(att["evidence_span_ids"]))
    if annotations:
        lines.append(f"MAST labels ({len(annotations)}):")
    for a in annotations:
        evidence = ", ".join(e["span_id"] for e in a.get("evidence") or [])
        lines.append(
            f"  {a['mode']} {a.get('name') or ''} — agent {a.get('agent') or '?'}, "
            f"span {a.get('span_id') or '?'}, confidence {a.get('confidence')}, "
            f"{a.get('source')}/{a.get('status')}: {short(a.get('explanation') or '', 300)}"
            + (f" [evidence: {evidence}]" if evidence else "")
        )
    lines.append(f"next: get_span({tid!r}, span_id) reads a span's input and output")
    return bound("\n".join(lines))


async def get_span(
    api: ApiClient,
    trace_id: str,
    span_id: str,
    *,
    part: str = "both",
    offset: int = 0,
    limit: int = 4_000,
) -> str:
    """One span's facts and its input/output, a page of ``limit`` characters at a time."""
    tid, sid = trace_id_arg(trace_id), span_id_arg(span_id)
    if part not in ("both", "input", "output"):
        raise ToolInputError(f"part must be input, output or both (got {part!r})")
    _limit(limit, 100, MAX_PAGE, "limit")
    if offset < 0:
        raise ToolInputError(f"offset must be 0 or more (got {offset})")
    s = await api.get(f"/traces/{tid}/spans/{sid}")
    tokens = s.get("tokens") or {}
    head = (
        f"span {sid} of run {tid}: {s.get('name')} ({s.get('span_type')}), "
        f"agent {s.get('agent') or '-'}, status {s.get('status')}"
        + (f" ({short(s['status_message'], 200)})" if s.get("status_message") else "")
        + f", took {ms(s.get('duration_ms'))}, parent {s.get('parent_span_id') or '-'}"
        + (f", model {s['model']}" if s.get("model") else "")
        + (f", tokens {tokens.get('total')}" if tokens.get("total") else "")
    )
    sections = []
    for name in ("input", "output") if part == "both" else (part,):
        sections.append(f"--- {name} ---\n{pretty(s.get(name)) if s.get(name) else '(none)'}")
    body = page(
        "\n".join(sections), offset, limit,
        again=f"get_span({tid!r}, {sid!r}, part={part!r}, offset={{offset}}, limit={limit})",
    )  # fmt: skip
    return head + "\n" + body


async def agent_messages(
    api: ApiClient, trace_id: str, agent_a: str, agent_b: str | None = None
) -> str:
    """The messages between two agents of a run (both ways), or all of one agent's."""
    tid = trace_id_arg(trace_id)
    data = await api.get(f"/traces/{tid}/messages", limit=5_000)
    items: list[dict[str, Any]] = data["items"]
    pair = {agent_a, agent_b} if agent_b else None

    def between(m: dict[str, Any]) -> bool:
        ends = {m.get("from_agent"), m.get("to_agent")}
        return ends == pair if pair else agent_a in ends

    chosen = [m for m in items if between(m)]
    if not chosen:
        known = sorted({str(x) for m in items for x in (m["from_agent"], m["to_agent"]) if x})
        who = f"{agent_a} and {agent_b}" if agent_b else agent_a
        return f"No messages of {who} in run {tid}. Agents with messages: {', '.join(known) or '-'}"
    lines = [f"{len(chosen)} message(s) in run {tid}:"]
    for m in chosen:
        lines.append(
            f"#{m.get('seq')} {when(m.get('timestamp'))} {m['from_agent']} → {m['to_agent']} "
            f"{m['kind']} (span {m.get('span_id')}): "
            + (short(m["content"], 600) if m.get("content") else "(no content; see the span)")
        )
    return bound("\n".join(lines))


async def compare_runs(api: ApiClient, trace_a: str, trace_b: str) -> str:
    """Two runs side by side: the first step where they part, and what else differs."""
    a, b = trace_id_arg(trace_a, "trace_a"), trace_id_arg(trace_b, "trace_b")
    c = await api.get("/compare", a=a, b=b)
    lines = []
    for key in ("a", "b"):
        s = c[key]
        lines.append(
            f"{key}: {s['trace_id']} {s.get('name')} status {s.get('status')}, "
            f"{s.get('span_count')} spans, {s.get('total_tokens') or 0} tokens"
        )
    first = c.get("first_divergence")
    if first is None:
        lines.append("The runs take the same steps with the same inputs and outputs.")
    else:
        lines.append(
            f"first divergence: step {first['index']} — {first.get('agent') or '-'} "
            f"{first.get('span_type')} {first.get('name')}: differs in "
            + ", ".join(first.get("differences") or [])
        )
        step = next((st for st in c["steps"] if st["index"] == first["index"]), None)
        for side in ("a", "b"):
            got = (step or {}).get(side) or {}
            if got:
                lines.append(
                    f"  {side}: span {got.get('span_id')} status {got.get('status')} "
                    f"output {short(got.get('output') or '', 300)}"
                )
    differing = [st for st in c["steps"] if not st["same"]]
    lines.append(f"{len(differing)} of {len(c['steps'])} aligned steps differ")
    for st in differing[:15]:
        lines.append(
            f"  step {st['index']} {st.get('agent') or '-'} {st['span_type']} {st['name']}: "
            + ", ".join(st["differences"])
        )
    if len(differing) > 15:
        lines.append(f"  … and {len(differing) - 15} more")
    msgs = [m for m in c.get("messages") or [] if not m["same"]]
    if msgs:
        lines.append(f"{len(msgs)} message(s) differ, e.g. " + ", ".join(
            f"#{m['index']} {m['from_agent']} → {m['to_agent']}" for m in msgs[:5]
        ))  # fmt: skip
    tok = c.get("tokens") or {}
    lines.append(f"tokens: a {tok.get('a', {}).get('total')}, b {tok.get('b', {}).get('total')}")
    state = c.get("state") or {}
    if state.get("first_divergent_step") is not None:
        lines.append(f"state first differs at checkpoint step {state['first_divergent_step']}")
    return bound("\n".join(lines))


async def list_checkpoints(api: ApiClient, trace_id: str) -> str:
    """The checkpoints (state snapshots) of a run, in step order."""
    tid = trace_id_arg(trace_id)
    data = await api.get(f"/traces/{tid}/checkpoints")
    items: list[dict[str, Any]] = data["items"]
    if not items:
        return f"Run {tid} has no checkpoints (its framework or SDK recorded no state)."
    lines = [f"{len(items)} checkpoint(s) of run {tid} (step id name agent span size):"]
    lines.extend(
        f"  step {c['step']} {c['id']} {c.get('name') or '-'} {c.get('agent') or '-'} "
        f"{c.get('span_id') or '-'} {c.get('size')}B"
        for c in items
    )
    lines.append(f"next: state_at_step({tid!r}, step) or diff_checkpoints(a, b)")
    return bound("\n".join(lines))


async def state_at_step(
    api: ApiClient, trace_id: str, step: int, *, offset: int = 0, limit: int = 4_000
) -> str:
    """The state in force at ``step`` of a run (its last checkpoint at or before it)."""
    tid = trace_id_arg(trace_id)
    _limit(step, 0, 2**31 - 1, "step")
    _limit(limit, 100, MAX_PAGE, "limit")
    cp = await api.get(f"/traces/{tid}/state", step=step)
    head = (
        f"state at step {step} of run {tid}: checkpoint {cp['id']} (step {cp['step']}, "
        f"{cp.get('name') or '-'}, agent {cp.get('agent') or '-'})"
    )
    text = json.dumps(cp.get("state"), ensure_ascii=False, indent=1, default=str)
    again = f"state_at_step({tid!r}, {step}, offset={{offset}}, limit={limit})"
    return head + "\n" + page(text, offset, limit, again=again)


async def diff_checkpoints(api: ApiClient, a: str, b: str) -> str:
    """What changed in the state from checkpoint ``a`` to checkpoint ``b``."""
    ca, cb = checkpoint_id_arg(a), checkpoint_id_arg(b)
    d = await api.get(f"/checkpoints/{ca}/diff/{cb}")
    changes: list[dict[str, Any]] = d["changes"]
    if not changes:
        return f"No change from {ca} to {cb}."
    lines = [f"{len(changes)} change(s) from {ca} to {cb}:"]
    for ch in changes:
        lines.append(
            f"  {ch['op']} {ch['path']}: {short(ch.get('before'), 200)} → "
            f"{short(ch.get('after'), 200)}"
        )
    return bound("\n".join(lines))


async def graph_json(api: ApiClient, trace_id: str) -> str:
    """A run's communication graph as JSON (nodes with their figures, edges with counts)."""
    tid = trace_id_arg(trace_id)
    graph = await api.get(f"/traces/{tid}/graph")
    edges = [{k: v for k, v in e.items() if k != "span_ids"} for e in graph["edges"]]
    keep = {"trace_id": tid, "nodes": graph["nodes"][:500], "edges": edges[:1000]}
    if len(graph["nodes"]) > 500 or len(edges) > 1000:
        keep["cut"] = "the first 500 nodes and 1000 edges only"
    return json.dumps(keep, ensure_ascii=False, default=str)
