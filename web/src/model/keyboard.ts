/** Keyboard navigation of the span tree: a key and the current rows → what to do. */
import type { Row } from "./spanTree";

export type KeyAction =
  | { type: "select"; spanId: string }
  | { type: "collapse"; spanId: string }
  | { type: "expand"; spanId: string }
  | { type: "open"; spanId: string }
  | { type: "close" }
  | null;

export function keyAction(rows: readonly Row[], selectedId: string | null, key: string, pageSize = 20): KeyAction {
  if (rows.length === 0) return null;
  const index = selectedId ? rows.findIndex((r) => r.node.span.span_id === selectedId) : -1;
  const at = (i: number): KeyAction => ({ type: "select", spanId: rows[Math.max(0, Math.min(rows.length - 1, i))]!.node.span.span_id });
  const row = index >= 0 ? rows[index]! : null;
  switch (key) {
    case "ArrowDown":
    case "j":
      return at(index + 1);
    case "ArrowUp":
    case "k":
      return at(index < 0 ? 0 : index - 1);
    case "PageDown":
      return at(index + pageSize);
    case "PageUp":
      return at(index - pageSize);
    case "Home":
      return at(0);
    case "End":
      return at(rows.length - 1);
    case "ArrowRight":
    case "l":
      if (!row) return at(0);
      if (row.hasChildren && row.collapsed) return { type: "expand", spanId: row.node.span.span_id };
      if (row.hasChildren) return at(index + 1);
      return null;
    case "ArrowLeft":
    case "h":
      if (!row) return null;
      if (row.hasChildren && !row.collapsed) return { type: "collapse", spanId: row.node.span.span_id };
      if (row.node.parent) return { type: "select", spanId: row.node.parent.span.span_id };
      return null;
    case "Enter":
    case " ":
      return row ? { type: "open", spanId: row.node.span.span_id } : null;
    case "Escape":
      return { type: "close" };
    default:
      return null;
  }
}
