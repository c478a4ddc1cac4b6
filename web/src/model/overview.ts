/** Overview time series → chart series (bars scaled to the largest value). */
import type { Overview } from "../api/types";

export interface ChartPoint {
  t: number;
  label: string;
  value: number;
  /** value / max, for bar heights */
  share: number;
}

export type Metric = "trace_count" | "error_count" | "error_rate" | "total_tokens";

export function series(overview: Overview | null | undefined, metric: Metric): ChartPoint[] {
  const buckets = overview?.buckets ?? [];
  const values = buckets.map((b) => (Number.isFinite(b[metric]) ? b[metric] : 0));
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

export function totals(overview: Overview | null | undefined): { traces: number; errors: number; tokens: number; errorRate: number } {
  const buckets = overview?.buckets ?? [];
  const traces = buckets.reduce((a, b) => a + b.trace_count, 0);
  const errors = buckets.reduce((a, b) => a + b.error_count, 0);
  const tokens = buckets.reduce((a, b) => a + b.total_tokens, 0);
  return { traces, errors, tokens, errorRate: traces ? errors / traces : 0 };
}
