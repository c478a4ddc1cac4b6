/** Agent messages ↔ graph edges. */
import type { AgentMessage } from "../api/types";
import type { LayoutEdge } from "./graphLayout";

/** The graph's id for the user / entry point (a message with no sender or receiver). */
export const USER_NODE = "__user__";

/** The messages an edge stands for: same ends and kind, or one of its spans. */
export function messagesForEdge(messages: readonly AgentMessage[], edge: Pick<LayoutEdge, "source" | "target" | "kind" | "spanIds">): AgentMessage[] {
  const spans = new Set(edge.spanIds);
  return messages.filter((m) => {
    const from = m.from_agent ?? USER_NODE;
    const to = m.to_agent ?? USER_NODE;
    if (from === edge.source && (to === edge.target || to === "*") && m.kind === edge.kind) return true;
    return m.span_id !== null && spans.has(m.span_id) && from === edge.source;
  });
}
