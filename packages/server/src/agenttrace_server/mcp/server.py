"""The MCP server: AgentTrace's tools and resources on the official ``mcp`` SDK.

Both transports build it here. ``connect`` opens an :class:`ApiClient` for one call: stdio
gives every call the same API URL and key; ``/mcp`` gives each call the key of the HTTP
request that carried it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from typing import Annotated, Any, Literal

from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ResourceError, ToolError
from pydantic import Field

from agenttrace_server.mcp import tools
from agenttrace_server.mcp.client import ApiClient, ToolInputError

Connect = Callable[[Context[Any, Any] | None], AbstractAsyncContextManager[ApiClient]]
"""Opens an API client for one tool call (given its context)."""

INSTRUCTIONS = (
    "AgentTrace records runs of multi-agent LLM systems and says which agent and which step "
    "caused a failure. Start with list_runs (status='error' for failed runs), then "
    "explain_failure(trace_id) for the blamed agent, step, reasons and evidence spans, "
    "get_span to read a span's input and output, agent_messages for what two agents said, "
    "compare_runs for where two runs part, list_checkpoints / state_at_step for state."
)

TraceId = Annotated[str, Field(description="A run's trace id: 32 hex digits (see list_runs)")]
SpanId = Annotated[str, Field(description="A span id: 16 hex digits")]
Offset = Annotated[int, Field(description="Where the page starts (characters)", ge=0)]
PageLimit = Annotated[int, Field(description="Characters per page", ge=100, le=20_000)]


def build_server(connect: Connect) -> MCPServer[Any]:
    """The AgentTrace MCP server, reading the API through ``connect``."""
    server: MCPServer[Any] = MCPServer(
        name="agenttrace", instructions=INSTRUCTIONS, log_level="WARNING"
    )

    async def call(ctx: Context[Any, Any] | None, fn: Callable[[ApiClient], Awaitable[str]]) -> str:
        try:
            async with connect(ctx) as api:
                return await fn(api)
        except ToolInputError as exc:
            raise ToolError(str(exc)) from exc

    @server.tool()
    async def list_runs(
        ctx: Context[Any, Any],
        status: Literal["ok", "error", "unset"] | None = None,
        project: str | None = None,
        agent: Annotated[str | None, Field(description="Runs this agent took part in")] = None,
        failure_mode: Annotated[str | None, Field(description="A MAST mode, e.g. FM-2.6")] = None,
        query: Annotated[str | None, Field(description="Text in names, inputs, outputs")] = None,
        since: Annotated[str | None, Field(description="ISO time, runs started after")] = None,
        until: Annotated[str | None, Field(description="ISO time, runs started before")] = None,
        limit: Annotated[int, Field(ge=1, le=100)] = 20,
        cursor: Annotated[str | None, Field(description="next_cursor of the last page")] = None,
    ) -> str:
        """List or search recorded runs, newest first, with their status and failure modes."""
        return await call(ctx, lambda api: tools.list_runs(
            api, status=status, project=project, agent=agent, failure_mode=failure_mode,
            query=query, since=since, until=until, limit=limit, cursor=cursor,
        ))  # fmt: skip

    @server.tool()
    async def get_run(ctx: Context[Any, Any], trace_id: TraceId) -> str:
        """A run's summary: status, timing, tokens, its agents, and who talked to whom."""
        return await call(ctx, lambda api: tools.get_run(api, trace_id))

    @server.tool()
    async def explain_failure(ctx: Context[Any, Any], trace_id: TraceId) -> str:
        """Why did run X fail? The blamed agent and step, the reasons, MAST labels, evidence."""
        return await call(ctx, lambda api: tools.explain_failure(api, trace_id))

    @server.tool()
    async def get_span(
        ctx: Context[Any, Any],
        trace_id: TraceId,
        span_id: SpanId,
        part: Literal["both", "input", "output"] = "both",
        offset: Offset = 0,
        limit: PageLimit = 4_000,
    ) -> str:
        """One span's input and output (a page at a time) with its agent, status and timing."""
        return await call(ctx, lambda api: tools.get_span(
            api, trace_id, span_id, part=part, offset=offset, limit=limit
        ))  # fmt: skip

    @server.tool()
    async def agent_messages(
        ctx: Context[Any, Any],
        trace_id: TraceId,
        agent_a: Annotated[str, Field(description="An agent's name")],
        agent_b: Annotated[str | None, Field(description="The other agent (all if none)")] = None,
    ) -> str:
        """The messages (handoffs, delegations, returns) between two agents of a run."""
        return await call(ctx, lambda api: tools.agent_messages(api, trace_id, agent_a, agent_b))

    @server.tool()
    async def compare_runs(ctx: Context[Any, Any], trace_a: TraceId, trace_b: TraceId) -> str:
        """Diff two runs (e.g. a replay and its source): the first divergence and what differs."""
        return await call(ctx, lambda api: tools.compare_runs(api, trace_a, trace_b))

    @server.tool()
    async def list_checkpoints(ctx: Context[Any, Any], trace_id: TraceId) -> str:
        """The state checkpoints of a run, by step."""
        return await call(ctx, lambda api: tools.list_checkpoints(api, trace_id))

    @server.tool()
    async def state_at_step(
        ctx: Context[Any, Any],
        trace_id: TraceId,
        step: Annotated[int, Field(ge=0, description="A step index (see list_checkpoints)")],
        offset: Offset = 0,
        limit: PageLimit = 4_000,
    ) -> str:
        """The state of a run at a step (its last checkpoint at or before the step)."""
        return await call(ctx, lambda api: tools.state_at_step(
            api, trace_id, step, offset=offset, limit=limit
        ))  # fmt: skip

    @server.tool()
    async def diff_checkpoints(
        ctx: Context[Any, Any],
        a: Annotated[str, Field(description="A checkpoint id")],
        b: Annotated[str, Field(description="Another checkpoint id")],
    ) -> str:
        """What changed in the state from checkpoint a to checkpoint b."""
        return await call(ctx, lambda api: tools.diff_checkpoints(api, a, b))

    @server.resource(
        "agenttrace://runs/{trace_id}/graph",
        name="run-graph",
        description="A run's communication graph: agents and tools, edges with counts.",
        mime_type="application/json",
    )
    async def run_graph(trace_id: str, ctx: Context[Any, Any]) -> str:
        try:
            async with connect(ctx) as api:
                return await tools.graph_json(api, trace_id)
        except ToolInputError as exc:
            raise ResourceError(str(exc)) from exc

    return server
