/** The traces list's filters ↔ the page URL ↔ the API query. */
import type { TraceQuery } from "../api/client";

export interface TraceFilters {
  status: string;
  framework: string;
  agent: string;
  failure_mode: string;
  q: string;
  /** A relative range ("15m", "1h", "24h", "7d", "30d") or "" for all time. */
  range: string;
  project: string;
  /** Runs of one session only (exact id). */
  session_id: string;
  /** USD bounds as typed ("" = none); runs without a known cost never match a bound. */
  min_cost: string;
  max_cost: string;
  sort: "start_time" | "duration" | "tokens" | "cost";
  order: "asc" | "desc";
}

export const EMPTY_FILTERS: TraceFilters = {
  status: "",
  framework: "",
  agent: "",
  failure_mode: "",
  q: "",
  range: "",
  project: "",
  session_id: "",
  min_cost: "",
  max_cost: "",
  sort: "start_time",
  order: "desc",
};

export const RANGES: Record<string, number> = {
  "15m": 15 * 60_000,
  "1h": 3_600_000,
  "24h": 86_400_000,
  "7d": 7 * 86_400_000,
  "30d": 30 * 86_400_000,
};

const SORTS = new Set(["start_time", "duration", "tokens", "cost"]);

/** A typed USD bound: a finite number ≥ 0, else "" (no bound). */
function usdBound(value: string): string {
  const n = Number(value);
  return value.trim() !== "" && Number.isFinite(n) && n >= 0 ? value.trim() : "";
}

export function filtersFromParams(params: URLSearchParams): TraceFilters {
  const get = (k: string) => params.get(k) ?? "";
  const sort = get("sort");
  return {
    status: get("status"),
    framework: get("framework"),
    agent: get("agent"),
    failure_mode: get("failure_mode"),
    q: get("q"),
    range: get("range") in RANGES ? get("range") : "",
    project: get("project"),
    session_id: get("session_id"),
    min_cost: usdBound(get("min_cost")),
    max_cost: usdBound(get("max_cost")),
    sort: SORTS.has(sort) ? (sort as TraceFilters["sort"]) : "start_time",
    order: get("order") === "asc" ? "asc" : "desc",
  };
}

/** Only non-default values go into the URL, so links stay short. */
export function filtersToParams(filters: TraceFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of Object.keys(EMPTY_FILTERS) as (keyof TraceFilters)[]) {
    const value = filters[key];
    if (value && value !== EMPTY_FILTERS[key]) params.set(key, value);
  }
  return params;
}

export function filtersToQuery(filters: TraceFilters, now: number = Date.now()): TraceQuery {
  const query: TraceQuery = { sort: filters.sort, order: filters.order };
  for (const key of ["status", "framework", "agent", "failure_mode", "q", "project", "session_id"] as const) {
    if (filters[key]) query[key] = filters[key];
  }
  const range = RANGES[filters.range];
  if (range) query.since = new Date(now - range).toISOString();
  for (const key of ["min_cost", "max_cost"] as const) {
    if (usdBound(filters[key])) query[key] = Number(filters[key]);
  }
  return query;
}

export function activeFilterCount(filters: TraceFilters): number {
  return (["status", "framework", "agent", "failure_mode", "q", "range", "project", "session_id", "min_cost", "max_cost"] as const).filter((k) => filters[k]).length;
}
