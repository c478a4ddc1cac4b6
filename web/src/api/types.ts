/**
 * Types of the AgentTrace API (`/api/v1`): the ones generated from the server's OpenAPI schema
 * (`npm run gen:api` → `src/api/generated/`), under the names the UI uses.
 *
 * Where the schema has a free-form object (the agent graph, the attribution's ranking), the
 * UI's reading of it is added here on top of the generated type; nothing else is written twice.
 */

import type * as G from "./generated/types.gen";

export type TraceStatus = G.SpanStatus;
export type SpanType = G.SpanType;
export type Verdict = G.HumanVerdict | null;

export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}

export type TraceSummary = G.TraceSummary;
export type AgentInfo = G.TraceAgent;
export type TraceDetail = G.TraceDetail;
export type SpanNode = G.SpanNode;
export type SpanEvent = G.SpanEventOut;
export type SpanFull = G.SpanFull;
export type AgentMessage = G.Message;
export type Annotation = G.Annotation;
export type ModeCount = G.ModeCount;
export type AgentFigures = G.AgentStats;
export type Project = G.ProjectOut;
export type OverviewBucket = G.OverviewBucket;
export type Overview = G.Overview;
export type Checkpoint = G.CheckpointOut;
export type CheckpointState = G.CheckpointState;
export type Replay = G.ReplayOut;
export type SessionSummary = G.SessionSummary;
export type SessionDetail = G.SessionDetail;
export type SessionRun = G.SessionRun;
export type RunFailure = G.RunFailure;

/** Edge kinds of the agent graph (free-form in the schema). */
export type EdgeKind = G.MessageKind | "invocation";

/** A node of the agent graph, with the figures the UI reads. */
export interface GraphNode extends G.GraphNode {
  layer?: "agent" | "tool" | "user" | string;
  span_count?: number;
  error_count?: number;
  tokens?: number;
}

/** An edge of the agent graph, with the spans it was seen in. */
export interface GraphEdge extends G.GraphEdge {
  kind: EdgeKind | string;
  span_ids?: string[];
}

export interface GraphFacts {
  cycles?: unknown;
  critical_path?: unknown;
  /** Paths as `[["a", "b"]]` or `[{"agents"|"path"|"nodes": [...]}]`. */
  error_propagation?: unknown;
  error_propagation_paths?: unknown;
  [fact: string]: unknown;
}

export interface AgentGraph extends G.Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  facts?: GraphFacts | null;
}

export interface RankedAgent {
  agent: string;
  score: number;
  reasons?: string[] | null;
}

/** The attribution, with its free-form ranking read as ranked agents. */
export interface Attribution extends G.Attribution {
  reasons?: string[];
  ranking?: RankedAgent[];
}

export interface Failures extends G.Failures {
  attribution: Attribution | null;
}
