import { costTitle, formatCost } from "../model/format";

/** A cost in USD: "unknown" when no LLM call has a price, "≥ $x" when some are left out. */
export function Cost({ usd, unpriced = 0 }: { usd: number | null | undefined; unpriced?: number | null }) {
  const n = unpriced ?? 0;
  const unknown = (usd === null || usd === undefined) && n > 0;
  return (
    <span className={unknown ? "cost cost-unknown muted" : "cost"} title={costTitle(usd, n)}>
      {formatCost(usd, n)}
    </span>
  );
}
