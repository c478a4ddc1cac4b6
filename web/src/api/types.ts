/**
 * Types of the AgentTrace API (`/api/v1`), written from the contract in DESIGN.md and the API
 * issue. Once the API's OpenAPI schema is stable, `npm run gen:api` regenerates
 * `src/api/generated/` and these become re-exports of the generated types.
 *
 * Fields the server may omit are optional; the UI never assumes more than the contract.
 */

export type TraceStatus = "ok" | "error" | "unset";
export type SpanType =
  | "agent"
  | "llm"
  | "tool"
  | "handoff"
  | "message"
  | "chain"
  | "retriever"
  | "other";
export type EdgeKind =
  | "handoff"
  | "message"
  | "delegation"
  | "broadcast"
  | "return"
  | "invocation";
export type Verdict = "failed" | "good" | null;

export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}

export interface TraceSummary {
  trace_id: string;
  name: string | null;
  project?: string | null;
  status: TraceStatus;
  framework?: string | null;
  start_time: string | null;
  end_time?: string | null;
  duration_ms?: number | null;
  span_count?: number | null;
  agent_count?: number | null;
  agents?: string[] | null;
  total_tokens?: number | null;
  failure_modes?: string[] | null;
  error_count?: number | null;
  human_verdict?: Verdict;
  analysis_state?: string | null;
}

export interface AgentInfo {
  name: string;
  role?: string | null;
  framework?: string | null;
  model?: string | null;
}

export interface TraceDetail extends TraceSummary {
  agents_info?: AgentInfo[];
}

/** `GET /traces/{id}` returns the summary with `agents` as objects instead of names. */
export interface TraceDetailRaw extends Omit<TraceSummary, "agents"> {
  agents?: (AgentInfo | string)[] | null;
}

export interface SpanNode {
  span_id: string;
  parent_span_id: string | null;
  name: string;
  span_type: SpanType | string;
  agent: string | null;
  start_time: string;
  end_time: string | null;
  duration_ms?: number | null;
  status: TraceStatus | string;
}

export interface SpanEvent {
  name: string;
  timestamp?: string | null;
  time?: string | null;
  attributes?: Record<string, unknown> | null;
}

export interface SpanFull extends SpanNode {
  input?: unknown;
  output?: unknown;
  model?: string | null;
  tokens?: Record<string, number | null> | number | null;
  attributes?: Record<string, unknown> | null;
  events?: SpanEvent[] | null;
  links?: unknown[] | null;
  status_message?: string | null;
}

export interface GraphNode {
  id: string;
  name: string;
  role?: string | null;
  layer?: "agent" | "tool" | "user" | string;
  span_count?: number;
  error_count?: number;
  tokens?: number;
  [stat: string]: unknown;
}

export interface GraphEdge {
  source: string;
  target: string;
  kind: EdgeKind | string;
  count?: number;
  span_ids?: string[];
  [extra: string]: unknown;
}

export interface GraphFacts {
  cycles?: unknown;
  critical_path?: unknown;
  /** Paths as `[["a", "b"]]` or `[{"agents"|"path"|"nodes": [...]}]`. */
  error_propagation?: unknown;
  error_propagation_paths?: unknown;
  [fact: string]: unknown;
}

export interface AgentGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  facts?: GraphFacts | null;
}

export interface AgentMessage {
  id?: string;
  seq?: number;
  attributes?: Record<string, unknown>;
  from_agent: string | null;
  to_agent: string | null;
  kind: string;
  content: unknown;
  timestamp: string | null;
  span_id: string | null;
}

export interface Annotation {
  id: string | number;
  mode: string;
  name?: string | null;
  category?: string | null;
  agent?: string | null;
  span_id?: string | null;
  confidence?: number | null;
  evidence?: unknown;
  explanation?: string | null;
  source?: string | null;
  status?: string | null;
}

export interface RankedAgent {
  agent: string;
  score: number;
  reasons?: string[] | null;
}

export interface Attribution {
  agent: string | null;
  span_id?: string | null;
  step?: number | null;
  confidence?: number | null;
  reasons?: string[] | null;
  ranking?: RankedAgent[] | null;
}

export interface Failures {
  annotations: Annotation[];
  attribution: Attribution | null;
}

export interface ModeCount {
  mode: string;
  count: number;
}

export interface AgentFigures {
  name: string;
  runs: number;
  error_runs: number;
  error_rate: number;
  latency_p50_ms: number | null;
  latency_p95_ms: number | null;
  total_tokens: number;
  top_failure_modes: ModeCount[];
  last_seen: string | null;
  projects: string[];
  frameworks: string[];
}

export interface Project {
  name: string;
  description?: string | null;
  trace_count?: number;
  last_trace_time?: string | null;
}

export interface OverviewBucket {
  start: string;
  trace_count: number;
  error_count: number;
  error_rate: number;
  total_tokens: number;
  failure_modes: Record<string, number>;
}

export interface Overview {
  bucket: string;
  since: string;
  until: string;
  buckets: OverviewBucket[];
}

export interface Checkpoint {
  id: string | number;
  step?: number | null;
  step_index?: number | null;
  span_id?: string | null;
  agent?: string | null;
  /** Unix nanoseconds (or ISO-8601). */
  timestamp?: number | string | null;
  created_at?: string | null;
  state?: unknown;
  [extra: string]: unknown;
}

export interface Replay {
  id: string | number;
  status?: string;
  new_trace_id?: string | null;
  error?: string | null;
  message?: string | null;
  [extra: string]: unknown;
}
