import { describe, expect, it } from "vitest";
import type { Overview } from "../api/types";
import { failureModeSeries, series, totals } from "./overview";

const OV: Overview = {
  bucket: "hour",
  since: "2026-11-25T10:00:00Z",
  until: "2026-11-25T12:00:00Z",
  buckets: [
    { start: "2026-11-25T10:00:00Z", trace_count: 4, error_count: 1, error_rate: 0.25, total_tokens: 100, cost_usd: 0.25, unpriced_llm_spans: 1, failure_modes: { "FM-1.3": 1 } },
    { start: "2026-11-25T11:00:00Z", trace_count: 0, error_count: 0, error_rate: 0, total_tokens: 0, cost_usd: null, unpriced_llm_spans: 0, failure_modes: {} },
    { start: "2026-11-25T12:00:00Z", trace_count: 8, error_count: 4, error_rate: 0.5, total_tokens: 300, cost_usd: 0.5, unpriced_llm_spans: 0, failure_modes: { "FM-1.3": 2, "FM-3.1": 1 } },
  ],
};

describe("overview", () => {
  it("scales a metric to its maximum", () => {
    expect(series(OV, "trace_count").map((p) => [p.value, p.share])).toEqual([[4, 0.5], [0, 0], [8, 1]]);
    expect(series(null, "trace_count")).toEqual([]);
  });
  it("splits failure modes into series, most frequent first", () => {
    expect(failureModeSeries(OV)).toEqual([
      { mode: "FM-1.3", points: [1, 0, 2], total: 3 },
      { mode: "FM-3.1", points: [0, 0, 1], total: 1 },
    ]);
  });
  it("adds up the totals", () => {
    expect(totals(OV)).toEqual({ traces: 12, errors: 5, tokens: 400, errorRate: 5 / 12, costUsd: 0.75, unpricedLlm: 1 });
  });
  it("charts cost per bucket, an unknown cost as no bar, and keeps unknown apart from 0", () => {
    expect(series(OV, "cost_usd").map((p) => p.value)).toEqual([0.25, 0, 0.5]);
    const none = { ...OV, buckets: OV.buckets.map((b) => ({ ...b, cost_usd: null })) };
    expect(totals(none).costUsd).toBeNull();
  });
});
