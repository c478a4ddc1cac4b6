import type { ChartPoint } from "../../model/overview";

export interface BarChartProps {
  title: string;
  points: ChartPoint[];
  format: (v: number) => string;
  colour?: string;
  height?: number;
}

function tickLabel(iso: string, spanMs: number): string {
  const d = new Date(iso);
  const pad = (v: number) => String(v).padStart(2, "0");
  return spanMs > 2 * 86_400_000 ? `${d.getMonth() + 1}/${d.getDate()}` : `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A small accessible bar chart over time buckets (SVG; the numbers are also in a title per bar). */
export function BarChart({ title, points, format, colour = "var(--accent)", height = 140 }: BarChartProps) {
  const width = 600;
  const pad = { top: 8, bottom: 2, left: 4, right: 4 };
  const inner = height - pad.top - pad.bottom;
  const bw = points.length ? (width - pad.left - pad.right) / points.length : 0;
  const max = Math.max(0, ...points.map((p) => p.value));
  const spanMs = points.length > 1 ? points[points.length - 1]!.t - points[0]!.t : 0;
  const labelEvery = Math.max(1, Math.ceil(points.length / 8));
  return (
    <figure className="chart">
      <figcaption>
        <span>{title}</span>
        <span className="muted small">max {format(max)}</span>
      </figcaption>
      {points.length === 0 ? (
        <div className="muted small chart-empty">No data in this range.</div>
      ) : (
        <>
        <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}: ${points.map((p) => `${tickLabel(p.label, spanMs)} ${format(p.value)}`).join(", ")}`} preserveAspectRatio="none">
          <line x1={0} x2={width} y1={pad.top + inner} y2={pad.top + inner} className="chart-axis" />
          {points.map((p, i) => {
            const h = Math.max(p.value > 0 ? 1.5 : 0, p.share * inner);
            return (
              <g key={p.label}>
                <rect x={pad.left + i * bw + bw * 0.12} width={bw * 0.76} y={pad.top + inner - h} height={h} fill={colour} rx={1.5}>
                  <title>{`${tickLabel(p.label, spanMs)}: ${format(p.value)}`}</title>
                </rect>
              </g>
            );
          })}
        </svg>
        <div className="chart-ticks" aria-hidden="true">
          {points.map((p, i) =>
            i % labelEvery === 0 ? (
              <span key={p.label} style={{ left: `${((pad.left + i * bw + bw / 2) / width) * 100}%` }}>{tickLabel(p.label, spanMs)}</span>
            ) : null,
          )}
        </div>
        </>
      )}
    </figure>
  );
}
