/**
 * API agent graph → positioned nodes and edges (dagre layered layout), with what must stand
 * out: node size by activity, errors, the attributed agent, the error propagation path.
 */
import dagre from "@dagrejs/dagre";
import type { AgentGraph, GraphEdge, GraphNode } from "../api/types";

export interface LayoutNode {
  id: string;
  name: string;
  role: string | null;
  layer: string;
  activity: number;
  errors: number;
  tokens: number;
  /** USD of the agent's priced LLM calls (null: none priced, or not an agent). */
  costUsd: number | null;
  /** The agent's LLM calls without a known price. */
  unpricedLlm: number;
  attributed: boolean;
  onErrorPath: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LayoutEdge {
  id: string;
  source: string;
  target: string;
  kind: string;
  count: number;
  label: string;
  spanIds: string[];
  onErrorPath: boolean;
  /** Another edge runs the other way between the same two nodes. */
  hasReverse: boolean;
}

export interface GraphLayout {
  nodes: LayoutNode[];
  edges: LayoutEdge[];
  width: number;
  height: number;
}

function num(v: unknown): number {
  return typeof v === "number" && Number.isFinite(v) ? v : 0;
}

/** How busy a node is: spans (or messages, or calls), whichever the server gives. */
export function nodeActivity(node: GraphNode): number {
  return (
    num(node.spans) ||
    num(node.span_count) ||
    num(node.calls) ||
    num(node.messages_sent) + num(node.messages_received) ||
    num(node.invocations) ||
    num(node.llm_calls) + num(node.tool_calls)
  );
}

/** The name a node shows: its name, else its id (never empty while the id is not). */
export function nodeName(node: Pick<GraphNode, "id" | "name">): string {
  const name = typeof node.name === "string" ? node.name.trim() : "";
  return name || node.id;
}

/** The role a node shows under its name: none when empty or when it only repeats the name. */
export function nodeRole(node: Pick<GraphNode, "id" | "name" | "role">): string | null {
  const role = typeof node.role === "string" ? node.role.trim() : "";
  if (!role || role.toLowerCase() === nodeName(node).toLowerCase()) return null;
  return role;
}

/** Extra height of a node that shows a role line under its name. */
export const ROLE_LINE = 16;

export function nodeErrors(node: GraphNode): number {
  return num(node.errors) || num(node.error_count);
}

/** Error propagation paths as lists of node ids, whatever the facts' exact shape. */
export function errorPaths(graph: AgentGraph): string[][] {
  const facts = graph.facts ?? {};
  const raw = (facts.error_propagation_paths ?? facts.error_propagation ?? facts.error_paths) as unknown;
  if (!Array.isArray(raw)) return [];
  return raw
    .map((p: unknown) => {
      const rec = p && typeof p === "object" && !Array.isArray(p) ? (p as Record<string, unknown>) : null;
      const path = Array.isArray(p) ? p : rec ? (rec.agents ?? rec.path ?? rec.nodes) : null;
      if (!Array.isArray(path)) return [];
      return path
        .map((step: unknown) => (typeof step === "string" ? step : step && typeof step === "object" ? (step as Record<string, unknown>).agent ?? (step as Record<string, unknown>).id : null))
        .filter((s): s is string => typeof s === "string");
    })
    .filter((p) => p.length > 0);
}

export function edgeId(edge: Pick<GraphEdge, "source" | "target" | "kind">): string {
  return `${edge.source}→${edge.target}:${edge.kind}`;
}

export const MIN_NODE = 120;
export const MAX_NODE = 200;

export function layoutGraph(graph: AgentGraph, attributedAgent: string | null = null): GraphLayout {
  const paths = errorPaths(graph);
  const pathNodes = new Set(paths.flat());
  const pathPairs = new Set(paths.flatMap((p) => p.slice(1).map((t, i) => `${p[i]}→${t}`)));
  const maxActivity = Math.max(1, ...graph.nodes.map(nodeActivity));

  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: "LR", nodesep: 50, ranksep: 110, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));

  const sized = graph.nodes.map((node) => {
    const activity = nodeActivity(node);
    const scale = Math.sqrt(activity / maxActivity);
    const label = nodeName(node).length + (node.layer && node.layer !== "agent" ? 5 : 0);
    const width = Math.round(Math.max(MIN_NODE + (MAX_NODE - MIN_NODE) * scale, Math.min(260, label * 7.5 + 40)));
    const roleLine = (node.layer ?? "agent") === "agent" && nodeRole(node) ? ROLE_LINE : 0;
    const height = Math.round(52 + 24 * scale) + roleLine;
    g.setNode(node.id, { width, height });
    return { node, activity, width, height };
  });
  const ids = new Set(graph.nodes.map((n) => n.id));
  const edges = graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  for (const edge of edges) g.setEdge(edge.source, edge.target, { minlen: 1 }, edgeId(edge));
  dagre.layout(g);

  const nodes: LayoutNode[] = sized.map(({ node, activity, width, height }) => {
    const pos = g.node(node.id) as { x: number; y: number } | undefined;
    return {
      id: node.id,
      name: nodeName(node),
      role: nodeRole(node),
      layer: node.layer ?? "agent",
      activity,
      errors: nodeErrors(node),
      tokens: num(node.tokens) || num(node.total_tokens),
      costUsd: typeof node.cost_usd === "number" && Number.isFinite(node.cost_usd) ? node.cost_usd : null,
      unpricedLlm: num(node.unpriced_llm_spans),
      attributed: attributedAgent !== null && (node.id === attributedAgent || node.name === attributedAgent),
      onErrorPath: pathNodes.has(node.id),
      x: (pos?.x ?? 0) - width / 2,
      y: (pos?.y ?? 0) - height / 2,
      width,
      height,
    };
  });
  const pairs = new Set(edges.map((e) => `${e.source}→${e.target}`));
  const layoutEdges: LayoutEdge[] = edges.map((edge) => ({
    id: edgeId(edge),
    source: edge.source,
    target: edge.target,
    kind: edge.kind,
    count: edge.count ?? 1,
    label: `${edge.kind} ×${edge.count ?? 1}`,
    spanIds: edge.span_ids ?? [],
    onErrorPath: pathPairs.has(`${edge.source}→${edge.target}`),
    hasReverse: edge.source !== edge.target && pairs.has(`${edge.target}→${edge.source}`),
  }));
  const info = g.graph() as { width?: number; height?: number };
  return { nodes, edges: layoutEdges, width: info.width ?? 0, height: info.height ?? 0 };
}

/** Short sentences about the graph's facts (loops, cycles, errors) for the legend. */
export function factLines(graph: AgentGraph): string[] {
  const facts = (graph.facts ?? {}) as Record<string, unknown>;
  const names = new Map(graph.nodes.map((n) => [n.id, nodeName(n)]));
  const name = (id: unknown) => (typeof id === "string" ? (names.get(id) ?? id) : "?");
  const lines: string[] = [];
  if (Array.isArray(facts.loops)) {
    for (const loop of facts.loops as Record<string, unknown>[]) {
      if (!loop || !Array.isArray(loop.agents)) continue;
      lines.push(`Loop: ${loop.agents.map(name).join(" ↔ ")}${typeof loop.repeats === "number" ? `, repeated ${loop.repeats} times` : ""}`);
    }
  }
  if (!lines.length && Array.isArray(facts.cycles)) {
    for (const cycle of facts.cycles as unknown[]) if (Array.isArray(cycle) && cycle.length > 1) lines.push(`Cycle: ${cycle.map(name).join(" → ")} → ${name(cycle[0])}`);
  }
  for (const path of errorPaths(graph)) lines.push(`Error propagation: ${path.map(name).join(" → ")}`);
  const most = facts.most_errors as Record<string, unknown> | undefined;
  if (most && typeof most.agent === "string" && typeof most.errors === "number" && most.errors > 0) {
    lines.push(`Most errors: ${name(most.agent)} (${most.errors})`);
  }
  return lines;
}
