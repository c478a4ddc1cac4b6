/** Formatting of durations, token counts and times for display. */

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  if (ms === 0) return "0";
  if (ms < 1) return `${Math.round(ms * 1000)}µs`;
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  if (minutes < 60) return `${minutes}m ${seconds}s`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

export function formatTokens(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "—";
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

export function parseTime(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

/**
 * Milliseconds since the epoch with the sub-millisecond digits kept (`Date.parse` drops
 * them), so that spans of a few microseconds keep their order and width.
 */
export function parseTimePrecise(iso: string | null | undefined): number | null {
  const t = parseTime(iso);
  if (t === null || !iso) return t;
  const frac = /T\d{2}:\d{2}:\d{2}\.(\d+)/.exec(iso);
  if (!frac || frac[1]!.length <= 3) return t;
  return Math.floor(t / 1000) * 1000 + Number(`0.${frac[1]}`) * 1000;
}

/** "2026-11-25 12:41:03" in the viewer's local time; "—" when unknown. */
export function formatTime(iso: string | null | undefined): string {
  const t = parseTime(iso);
  if (t === null) return "—";
  const d = new Date(t);
  const pad = (v: number) => String(v).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** "3m ago" relative to `now`. */
export function formatAgo(iso: string | null | undefined, now: number = Date.now()): string {
  const t = parseTime(iso);
  if (t === null) return "—";
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86400)}d ago`;
}

export function formatPercent(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "—";
  return `${Math.round(x * 100)}%`;
}

export function shortId(id: string, n = 8): string {
  return id.length > n ? id.slice(0, n) : id;
}

/**
 * A cost in USD. `null` is "unknown" (LLM calls without a price), never "$0"; with
 * `unpriced` calls left out of a known cost the figure is a lower bound ("≥ $0.0123").
 * Neither a cost nor unpriced calls (no LLM call at all): "—".
 */
export function formatCost(usd: number | null | undefined, unpriced = 0): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return unpriced > 0 ? "unknown" : "—";
  const prefix = unpriced > 0 ? "≥ " : "";
  return `${prefix}${formatUsd(usd)}`;
}

/** "$0", "<$0.0001", "$0.0042", "$1.25", "$1,234". */
export function formatUsd(usd: number): string {
  if (usd === 0) return "$0";
  if (usd < 0.0001) return "<$0.0001";
  if (usd < 1) return `$${usd.toFixed(4)}`;
  if (usd < 1000) return `$${usd.toFixed(2)}`;
  return `$${Math.round(usd).toLocaleString("en-US")}`;
}

/** What a cost figure leaves out, for its tooltip. */
export function costTitle(usd: number | null | undefined, unpriced = 0): string | undefined {
  if (unpriced <= 0) return usd === null || usd === undefined ? undefined : "Reported by the provider or priced from tokens and model (genai-prices)";
  const calls = unpriced === 1 ? "1 LLM call" : `${unpriced} LLM calls`;
  if (usd === null || usd === undefined) return `${calls} without a known price (model not in the price table, or no token counts)`;
  return `${calls} without a known price ${unpriced === 1 ? "is" : "are"} not included`;
}
