/** A small typed client for `/api/v1`. Every call returns parsed JSON or throws `ApiError`. */
import type {
  AgentFigures,
  AgentGraph,
  AgentMessage,
  Annotation,
  Checkpoint,
  Failures,
  Overview,
  Page,
  Project,
  Replay,
  SpanFull,
  SpanNode,
  TraceDetailRaw,
  TraceSummary,
  Verdict,
} from "./types";

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

type Query = Record<string, string | number | null | undefined>;

export function buildUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ""}`;
}

async function request<T>(method: string, path: string, query?: Query, body?: unknown, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      headers: body === undefined ? { Accept: "application/json" } : { Accept: "application/json", "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(0, "The server cannot be reached.");
  }
  if (!response.ok) {
    let detail = `${response.status} ${response.statusText}`;
    try {
      const data = (await response.json()) as { detail?: unknown };
      if (data.detail !== undefined) detail = typeof data.detail === "string" ? data.detail : JSON.stringify(data.detail);
    } catch {
      /* not JSON */
    }
    throw new ApiError(response.status, detail);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

const enc = encodeURIComponent;

export interface TraceQuery {
  project?: string;
  status?: string;
  agent?: string;
  framework?: string;
  failure_mode?: string;
  q?: string;
  since?: string;
  until?: string;
  sort?: string;
  order?: string;
  limit?: number;
  cursor?: string;
}

export const api = {
  traces: (query: TraceQuery, signal?: AbortSignal) =>
    request<Page<TraceSummary>>("GET", "/traces", { ...query }, undefined, signal),
  trace: (id: string, signal?: AbortSignal) => request<TraceDetailRaw>("GET", `/traces/${enc(id)}`, undefined, undefined, signal),
  spans: (id: string, query: { view?: "tree" | "full"; limit?: number; cursor?: string | null }, signal?: AbortSignal) =>
    request<Page<SpanNode>>("GET", `/traces/${enc(id)}/spans`, { ...query }, undefined, signal),
  span: (id: string, spanId: string, signal?: AbortSignal) =>
    request<SpanFull>("GET", `/traces/${enc(id)}/spans/${enc(spanId)}`, undefined, undefined, signal),
  graph: (id: string, signal?: AbortSignal) => request<AgentGraph>("GET", `/traces/${enc(id)}/graph`, undefined, undefined, signal),
  messages: (id: string, signal?: AbortSignal) =>
    request<Page<AgentMessage> | AgentMessage[]>("GET", `/traces/${enc(id)}/messages`, undefined, undefined, signal),
  failures: (id: string, signal?: AbortSignal) => request<Failures>("GET", `/traces/${enc(id)}/failures`, undefined, undefined, signal),
  addAnnotation: (id: string, body: { mode: string; agent?: string; span_id?: string; explanation?: string }) =>
    request<Annotation>("POST", `/traces/${enc(id)}/annotations`, undefined, body),
  reviewAnnotation: (annotationId: string | number, status: "confirmed" | "rejected") =>
    request<Annotation>("PATCH", `/annotations/${enc(String(annotationId))}`, undefined, { status }),
  setVerdict: (id: string, verdict: Verdict) => request<unknown>("PUT", `/traces/${enc(id)}/verdict`, undefined, { verdict }),
  analyze: (id: string) => request<unknown>("POST", `/traces/${enc(id)}/analyze`),
  agents: (project?: string, signal?: AbortSignal) =>
    request<Page<AgentFigures> | AgentFigures[]>("GET", "/agents", { project }, undefined, signal),
  projects: (signal?: AbortSignal) => request<Page<Project> | Project[]>("GET", "/projects", undefined, undefined, signal),
  overview: (query: { project?: string; bucket?: string }, signal?: AbortSignal) =>
    request<Overview>("GET", "/overview", query, undefined, signal),
  checkpoints: (id: string, signal?: AbortSignal) =>
    request<Page<Checkpoint> | Checkpoint[]>("GET", `/traces/${enc(id)}/checkpoints`, undefined, undefined, signal),
  checkpoint: (checkpointId: string | number, signal?: AbortSignal) =>
    request<Checkpoint>("GET", `/checkpoints/${enc(String(checkpointId))}`, undefined, undefined, signal),
  checkpointDiff: (a: string | number, b: string | number, signal?: AbortSignal) =>
    request<unknown>("GET", `/checkpoints/${enc(String(a))}/diff/${enc(String(b))}`, undefined, undefined, signal),
  startReplay: (body: { checkpoint_id: string | number; trace_id?: string; modifications?: unknown; state?: unknown }) =>
    request<Replay>("POST", "/replays", undefined, body),
  replay: (replayId: string | number, signal?: AbortSignal) =>
    request<Replay>("GET", `/replays/${enc(String(replayId))}`, undefined, undefined, signal),
};

/** Lists come as `{items, next_cursor}`; tolerate a bare array too. */
export function itemsOf<T>(value: Page<T> | T[] | null | undefined): T[] {
  if (!value) return [];
  return Array.isArray(value) ? value : (value.items ?? []);
}

/** Fetch every page of a trace's spans (the tree view is small per span). */
export async function allSpans(id: string, signal?: AbortSignal, pageSize = 5000): Promise<SpanNode[]> {
  const out: SpanNode[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 200; i++) {
    const page: Page<SpanNode> = await api.spans(id, { view: "tree", limit: pageSize, cursor }, signal);
    out.push(...page.items);
    cursor = page.next_cursor;
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
