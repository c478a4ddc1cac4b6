/** Stable colours: one per agent (hashed into a palette), one per span type. */

const AGENT_PALETTE = [
  "#6366f1", "#10b981", "#f59e0b", "#ec4899", "#06b6d4", "#8b5cf6",
  "#84cc16", "#f97316", "#14b8a6", "#e11d48", "#3b82f6", "#a855f7",
];

export const SPAN_TYPE_COLORS: Record<string, string> = {
  agent: "#6366f1",
  llm: "#a855f7",
  tool: "#f59e0b",
  handoff: "#ec4899",
  message: "#06b6d4",
  chain: "#64748b",
  retriever: "#10b981",
  other: "#94a3b8",
};

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** The colour of an agent; agents listed in `order` get distinct colours first. */
export function agentColor(name: string | null | undefined, order: readonly string[] = []): string {
  if (!name) return "#94a3b8";
  const idx = order.indexOf(name);
  const slot = idx >= 0 ? idx : hash(name);
  return AGENT_PALETTE[slot % AGENT_PALETTE.length] ?? "#94a3b8";
}

export function spanTypeColor(type: string | null | undefined): string {
  return SPAN_TYPE_COLORS[type ?? "other"] ?? SPAN_TYPE_COLORS.other!;
}

export const SPAN_TYPE_ICONS: Record<string, string> = {
  agent: "A",
  llm: "L",
  tool: "T",
  handoff: "H",
  message: "M",
  chain: "C",
  retriever: "R",
  other: "·",
};
