/**
 * The API client the UI uses: the SDK generated from our OpenAPI schema (`generated/`, see
 * openapi-ts.config.ts) behind a few functions that return data or throw `ApiError`.
 *
 * The functions are typed with the UI's view types (`types.ts`); the generated response types
 * must be assignable to them, so a schema change that breaks the UI fails `tsc`.
 */
import { client } from "./generated/client.gen";
import * as sdk from "./generated/sdk.gen";
import type { AnnotationCreate } from "./generated/types.gen";
import type {
  AgentFigures,
  AgentGraph,
  AgentMessage,
  Annotation,
  Checkpoint,
  CheckpointState,
  Failures,
  Overview,
  Page,
  Project,
  Replay,
  SessionDetail,
  SessionSummary,
  SpanFull,
  SpanNode,
  TraceDetail,
  TraceSummary,
  Verdict,
} from "./types";

// Paths in the schema already start with /api/v1; the UI is served from the same origin.
client.setConfig({ baseUrl: "" });

export const API_BASE = "/api/v1";

export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
  }
  /** The endpoint does not exist (yet) on this server. */
  get missing(): boolean {
    return this.status === 404 || this.status === 405 || this.status === 501;
  }
}

type Result<T> = { data?: T; error?: unknown; response?: Response };

function detailOf(error: unknown, response: Response | undefined): string {
  if (error && typeof error === "object" && "detail" in error) {
    const detail = (error as { detail: unknown }).detail;
    return typeof detail === "string" ? detail : JSON.stringify(detail);
  }
  return response ? `${response.status} ${response.statusText}` : "The server cannot be reached.";
}

/** Data of a generated call, or an `ApiError` with the server's `detail`. */
async function call<T>(request: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await request;
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(0, "The server cannot be reached.");
  }
  const { data, error, response } = result;
  if (!response || !response.ok || error !== undefined) throw new ApiError(response?.status ?? 0, detailOf(error, response));
  return data as T;
}

export interface TraceQuery {
  project?: string;
  status?: string;
  agent?: string;
  framework?: string;
  failure_mode?: string;
  q?: string;
  session_id?: string;
  since?: string;
  until?: string;
  /** USD */
  min_cost?: number;
  max_cost?: number;
  sort?: string;
  order?: string;
  limit?: number;
  cursor?: string;
}

export interface SessionQuery {
  project?: string;
  status?: string;
  agent?: string;
  q?: string;
  since?: string;
  limit?: number;
  cursor?: string;
}

type Sort = "start_time" | "duration" | "tokens" | "cost";
type Status = "ok" | "error" | "unset";

function traceQuery(q: TraceQuery) {
  return {
    ...q,
    status: (q.status || undefined) as Status | undefined,
    sort: (q.sort || undefined) as Sort | undefined,
    order: (q.order || undefined) as "asc" | "desc" | undefined,
  };
}

export const api = {
  traces: (query: TraceQuery, signal?: AbortSignal): Promise<Page<TraceSummary>> =>
    call(sdk.listTracesApiV1TracesGet({ query: traceQuery(query), signal })),
  trace: (id: string, signal?: AbortSignal): Promise<TraceDetail> =>
    call(sdk.getTraceApiV1TracesTraceIdGet({ path: { trace_id: id }, signal })),
  spans: (id: string, query: { view?: "tree" | "full"; limit?: number; cursor?: string | null }, signal?: AbortSignal): Promise<Page<SpanNode>> =>
    call(sdk.listSpansApiV1TracesTraceIdSpansGet({ path: { trace_id: id }, query: { ...query, cursor: query.cursor ?? undefined }, signal })),
  span: (id: string, spanId: string, signal?: AbortSignal): Promise<SpanFull> =>
    call(sdk.getSpanApiV1TracesTraceIdSpansSpanIdGet({ path: { trace_id: id, span_id: spanId }, signal })),
  graph: (id: string, signal?: AbortSignal): Promise<AgentGraph> =>
    call(sdk.getGraphApiV1TracesTraceIdGraphGet({ path: { trace_id: id }, signal })),
  messages: (id: string, signal?: AbortSignal): Promise<Page<AgentMessage>> =>
    call(sdk.getMessagesApiV1TracesTraceIdMessagesGet({ path: { trace_id: id }, query: { limit: 5000 }, signal })),
  failures: (id: string, signal?: AbortSignal): Promise<Failures> =>
    call(sdk.getFailuresApiV1TracesTraceIdFailuresGet({ path: { trace_id: id }, signal })) as Promise<Failures>,
  addAnnotation: (id: string, body: AnnotationCreate): Promise<Annotation> =>
    call(sdk.createAnnotationApiV1TracesTraceIdAnnotationsPost({ path: { trace_id: id }, body })),
  reviewAnnotation: (annotationId: string | number, status: "confirmed" | "rejected"): Promise<Annotation> =>
    call(sdk.reviewAnnotationApiV1AnnotationsAnnotationIdPatch({ path: { annotation_id: String(annotationId) }, body: { status } })),
  setVerdict: (id: string, verdict: Verdict): Promise<unknown> =>
    call(sdk.putVerdictApiV1TracesTraceIdVerdictPut({ path: { trace_id: id }, body: { verdict } })),
  analyze: (id: string): Promise<unknown> => call(sdk.analyzeApiV1TracesTraceIdAnalyzePost({ path: { trace_id: id } })),
  agents: (project?: string, signal?: AbortSignal): Promise<Page<AgentFigures>> =>
    call(sdk.listAgentsApiV1AgentsGet({ query: { project }, signal })),
  projects: (signal?: AbortSignal): Promise<Page<Project>> => call(sdk.listProjectsApiV1ProjectsGet({ signal })),
  overview: (query: { project?: string; bucket?: string }, signal?: AbortSignal): Promise<Overview> =>
    call(sdk.getOverviewApiV1OverviewGet({ query: { project: query.project, bucket: query.bucket === "day" ? "day" : "hour" }, signal })),
  checkpoints: (id: string, signal?: AbortSignal): Promise<Page<Checkpoint>> =>
    call(sdk.listTraceCheckpointsApiV1TracesTraceIdCheckpointsGet({ path: { trace_id: id }, signal })),
  checkpoint: (checkpointId: string | number, signal?: AbortSignal): Promise<CheckpointState> =>
    call(sdk.readCheckpointApiV1CheckpointsCheckpointIdGet({ path: { checkpoint_id: String(checkpointId) }, signal })),
  checkpointDiff: (a: string | number, b: string | number, signal?: AbortSignal): Promise<unknown> =>
    call(sdk.diffCheckpointsApiV1CheckpointsADiffBGet({ path: { a: String(a), b: String(b) }, signal })),
  startReplay: (body: { trace_id: string; checkpoint_id: string | number; set?: Record<string, unknown> }): Promise<Replay> =>
    call(sdk.requestReplayApiV1ReplaysPost({ body: { ...body, checkpoint_id: String(body.checkpoint_id) } })),
  replay: (replayId: string | number, signal?: AbortSignal): Promise<Replay> =>
    call(sdk.readReplayApiV1ReplaysReplayIdGet({ path: { replay_id: String(replayId) }, signal })),
  sessions: (query: SessionQuery, signal?: AbortSignal): Promise<Page<SessionSummary>> =>
    call(sdk.listSessionsApiV1SessionsGet({ query: { ...query, status: (query.status || undefined) as Status | undefined }, signal })),
  session: (id: string, query: { project?: string; limit?: number; cursor?: string | null }, signal?: AbortSignal): Promise<SessionDetail> =>
    call(sdk.getSessionApiV1SessionsSessionIdGet({ path: { session_id: id }, query: { ...query, cursor: query.cursor ?? undefined }, signal })),
};

/** Lists come as `{items, next_cursor}`; tolerate a bare array too. */
export function itemsOf<T>(value: Page<T> | T[] | null | undefined): T[] {
  if (!value) return [];
  return Array.isArray(value) ? value : (value.items ?? []);
}

/** Fetch every page of a trace's spans (tree view: small per span). */
export async function allSpans(id: string, signal?: AbortSignal, pageSize = 5000): Promise<SpanNode[]> {
  const out: SpanNode[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 200; i++) {
    const page: Page<SpanNode> = await api.spans(id, { view: "tree", limit: pageSize, cursor }, signal);
    out.push(...page.items);
    cursor = page.next_cursor ?? null;
    if (!cursor) break;
  }
  return out;
}

/** Which optional endpoints this server has, read from its OpenAPI schema (cached). */
let capabilities: Promise<Set<string>> | null = null;
export function serverPaths(): Promise<Set<string>> {
  capabilities ??= fetch("/openapi.json")
    .then((r) => (r.ok ? (r.json() as Promise<{ paths?: Record<string, Record<string, unknown>> }>) : { paths: {} }))
    .then((doc) => {
      const out = new Set<string>();
      for (const [path, ops] of Object.entries(doc.paths ?? {})) for (const method of Object.keys(ops)) out.add(`${method.toUpperCase()} ${path}`);
      return out;
    })
    .catch(() => new Set<string>());
  return capabilities;
}
