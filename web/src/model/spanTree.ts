/**
 * API spans (flat, any order) → a tree → the visible rows of the timeline.
 *
 * Spans whose parent is missing (not yet arrived, or outside the trace) become roots, so a
 * partial trace still shows every span. Children are ordered by start time.
 */
import type { SpanNode } from "../api/types";
import { parseTimePrecise } from "./format";

export interface TreeSpan {
  span: SpanNode;
  startMs: number;
  endMs: number;
  depth: number;
  parent: TreeSpan | null;
  children: TreeSpan[];
  isError: boolean;
  /** Number of spans below this one (all depths). */
  descendants: number;
}

export interface SpanTree {
  roots: TreeSpan[];
  byId: Map<string, TreeSpan>;
  startMs: number;
  endMs: number;
  /** Agents in order of first appearance. */
  agents: string[];
  size: number;
}

export function isErrorStatus(status: string | null | undefined): boolean {
  return status === "error" || status === "ERROR" || status === "STATUS_CODE_ERROR";
}

export function buildSpanTree(spans: readonly SpanNode[]): SpanTree {
  const byId = new Map<string, TreeSpan>();
  for (const span of spans) {
    if (byId.has(span.span_id)) continue;
    const start = parseTimePrecise(span.start_time) ?? 0;
    const end = span.duration_ms != null ? start + span.duration_ms : (parseTimePrecise(span.end_time) ?? start);
    byId.set(span.span_id, {
      span,
      startMs: start,
      endMs: Math.max(start, end),
      depth: 0,
      parent: null,
      children: [],
      isError: isErrorStatus(span.status),
      descendants: 0,
    });
  }
  const roots: TreeSpan[] = [];
  for (const node of byId.values()) {
    const parentId = node.span.parent_span_id;
    const parent = parentId && parentId !== node.span.span_id ? byId.get(parentId) : undefined;
    if (parent) {
      node.parent = parent;
      parent.children.push(node);
    } else {
      roots.push(node);
    }
  }
  breakCycles(byId, roots);
  // Ties keep the server's order (Array.prototype.sort is stable).
  const byStart = (a: TreeSpan, b: TreeSpan) => a.startMs - b.startMs;
  roots.sort(byStart);

  let startMs = Infinity;
  let endMs = -Infinity;
  const agents: string[] = [];
  const seenAgents = new Set<string>();
  // Iterative DFS: deep traces must not overflow the stack.
  const stack: TreeSpan[] = [...roots].reverse();
  const order: TreeSpan[] = [];
  while (stack.length) {
    const node = stack.pop()!;
    node.depth = node.parent ? node.parent.depth + 1 : 0;
    node.children.sort(byStart);
    order.push(node);
    startMs = Math.min(startMs, node.startMs);
    endMs = Math.max(endMs, node.endMs);
    const agent = node.span.agent;
    if (agent && !seenAgents.has(agent)) {
      seenAgents.add(agent);
      agents.push(agent);
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i]!;
    if (node.parent) node.parent.descendants += node.descendants + 1;
  }
  if (!Number.isFinite(startMs)) {
    startMs = 0;
    endMs = 0;
  }
  return { roots, byId, startMs, endMs, agents, size: byId.size };
}

/** Spans unreachable from a root sit on a parent cycle: cut each cycle and make it a root. */
function breakCycles(byId: Map<string, TreeSpan>, roots: TreeSpan[]): void {
  const reached = new Set<TreeSpan>();
  const walk = (from: TreeSpan) => {
    const stack = [from];
    while (stack.length) {
      const node = stack.pop()!;
      if (reached.has(node)) continue;
      reached.add(node);
      stack.push(...node.children);
    }
  };
  roots.forEach(walk);
  if (reached.size === byId.size) return;
  for (const node of byId.values()) {
    if (reached.has(node)) continue;
    const parent = node.parent;
    if (parent) parent.children.splice(parent.children.indexOf(node), 1);
    node.parent = null;
    roots.push(node);
    walk(node);
  }
}

export interface Row {
  node: TreeSpan;
  depth: number;
  hasChildren: boolean;
  collapsed: boolean;
  /** Shown only as context for a matching descendant (agent filter). */
  dimmed: boolean;
}

export interface RowOptions {
  collapsed?: ReadonlySet<string>;
  /** Show only spans of this agent (and their ancestors, dimmed, for context). */
  agent?: string | null;
}

/** The rows to draw, in tree order, honouring collapsed spans and the agent filter. */
export function visibleRows(tree: SpanTree, options: RowOptions = {}): Row[] {
  const collapsed = options.collapsed ?? new Set<string>();
  const agent = options.agent ?? null;
  const matches = agent ? markMatches(tree, agent) : null;
  const rows: Row[] = [];
  const stack: TreeSpan[] = [...tree.roots].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (matches && !matches.has(node)) continue;
    const isCollapsed = collapsed.has(node.span.span_id);
    rows.push({
      node,
      depth: node.depth,
      hasChildren: node.children.length > 0,
      collapsed: isCollapsed,
      dimmed: agent !== null && node.span.agent !== agent,
    });
    if (!isCollapsed) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return rows;
}

/** Spans of `agent` plus all their ancestors. */
function markMatches(tree: SpanTree, agent: string): Set<TreeSpan> {
  const keep = new Set<TreeSpan>();
  for (const node of tree.byId.values()) {
    if (node.span.agent !== agent) continue;
    for (let p: TreeSpan | null = node; p && !keep.has(p); p = p.parent) keep.add(p);
  }
  return keep;
}

/** Position of a span's bar, as fractions (0..1) of the trace's time range. */
export function barGeometry(node: TreeSpan, tree: Pick<SpanTree, "startMs" | "endMs">): { left: number; width: number } {
  const total = tree.endMs - tree.startMs;
  if (total <= 0) return { left: 0, width: 1 };
  const left = (node.startMs - tree.startMs) / total;
  const width = (node.endMs - node.startMs) / total;
  return { left: clamp(left), width: Math.max(0, Math.min(width, 1 - clamp(left))) };
}

function clamp(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** Ids of all spans that have children (for "collapse all"). */
export function parentIds(tree: SpanTree): Set<string> {
  const ids = new Set<string>();
  for (const node of tree.byId.values()) if (node.children.length) ids.add(node.span.span_id);
  return ids;
}

/** Ids of the ancestors of a span, nearest first. */
export function ancestorIds(tree: SpanTree, spanId: string): string[] {
  const out: string[] = [];
  for (let p = tree.byId.get(spanId)?.parent ?? null; p; p = p.parent) out.push(p.span.span_id);
  return out;
}

/** Time ticks for the ruler: about `count` round values across the trace. */
export function timeTicks(durationMs: number, count = 5): number[] {
  if (durationMs <= 0) return [0];
  const raw = durationMs / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = 0; t <= durationMs + 1e-9; t += step) ticks.push(t);
  return ticks;
}
