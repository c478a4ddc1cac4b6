/** Overview time series → chart series (bars scaled to the largest value). */
import type { Overview } from "../api/types";

export interface ChartPoint {
  t: number;
  label: string;
  value: number;
  /** value / max, for bar heights */
  share: number;
}

export type Metric = "trace_count" | "error_count" | "error_rate" | "total_tokens" | "cost_usd";

export function series(overview: Overview | null | undefined, metric: Metric): ChartPoint[] {
  const buckets = overview?.buckets ?? [];
  // a bucket without a known cost draws no bar (its tooltip says "unknown")
  const values = buckets.map((b) => {
    const v = b[metric];
    return typeof v === "number" && Number.isFinite(v) ? v : 0;
  });
  const max = Math.max(0, ...values);
  return buckets.map((b, i) => ({
    t: Date.parse(b.start),
    label: b.start,
    value: values[i]!,
    share: max > 0 ? values[i]! / max : 0,
  }));
}

export interface ModeSeries {
  mode: string;
  total: number;
  points: number[];
}

/** One series per failure mode, most frequent first. */
export function failureModeSeries(overview: Overview | null | undefined): ModeSeries[] {
  const buckets = overview?.buckets ?? [];
  const modes = new Map<string, number[]>();
  buckets.forEach((b, i) => {
    for (const [mode, count] of Object.entries(b.failure_modes ?? {})) {
      if (!modes.has(mode)) modes.set(mode, new Array<number>(buckets.length).fill(0));
      modes.get(mode)![i] = count;
    }
  });
  return [...modes.entries()]
    .map(([mode, points]) => ({ mode, points, total: points.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total || a.mode.localeCompare(b.mode));
}

export interface Totals {
  traces: number;
  errors: number;
  tokens: number;
  errorRate: number;
  /** USD of the priced LLM calls; null when no bucket has a known cost. */
  costUsd: number | null;
  /** LLM calls without a known price (left out of `costUsd`). */
  unpricedLlm: number;
}

export function totals(overview: Overview | null | undefined): Totals {
  const buckets = overview?.buckets ?? [];
  const traces = buckets.reduce((a, b) => a + b.trace_count, 0);
  const errors = buckets.reduce((a, b) => a + b.error_count, 0);
  const tokens = buckets.reduce((a, b) => a + b.total_tokens, 0);
  const priced = buckets.filter((b) => typeof b.cost_usd === "number");
  const costUsd = priced.length ? priced.reduce((a, b) => a + (b.cost_usd ?? 0), 0) : null;
  const unpricedLlm = buckets.reduce((a, b) => a + (b.unpriced_llm_spans ?? 0), 0);
  return { traces, errors, tokens, errorRate: traces ? errors / traces : 0, costUsd, unpricedLlm };
}
