import { describe, expect, it } from "vitest";
import type { SpanNode } from "../api/types";
import { keyAction } from "./keyboard";
import { buildSpanTree, visibleRows } from "./spanTree";

const s = (id: string, parent: string | null, start: number): SpanNode => ({
  span_id: id, parent_span_id: parent, name: id, span_type: "chain", agent: null,
  start_time: new Date(1e12 + start).toISOString(), end_time: new Date(1e12 + start + 10).toISOString(), duration_ms: 10, status: "ok",
});
const tree = buildSpanTree([s("r", null, 0), s("a", "r", 1), s("a1", "a", 2), s("b", "r", 3)]);

describe("keyAction", () => {
  const rows = visibleRows(tree);
  it("moves up and down, clamped, and jumps to the ends", () => {
    expect(keyAction(rows, null, "ArrowDown")).toEqual({ type: "select", spanId: "r" });
    expect(keyAction(rows, "a", "ArrowDown")).toEqual({ type: "select", spanId: "a1" });
    expect(keyAction(rows, "b", "ArrowDown")).toEqual({ type: "select", spanId: "b" });
    expect(keyAction(rows, "r", "ArrowUp")).toEqual({ type: "select", spanId: "r" });
    expect(keyAction(rows, "r", "End")).toEqual({ type: "select", spanId: "b" });
    expect(keyAction(rows, "b", "PageUp")).toEqual({ type: "select", spanId: "r" });
  });
  it("collapses, goes to the parent, expands and opens", () => {
    expect(keyAction(rows, "a", "ArrowLeft")).toEqual({ type: "collapse", spanId: "a" });
    expect(keyAction(rows, "a1", "ArrowLeft")).toEqual({ type: "select", spanId: "a" });
    const collapsed = visibleRows(tree, { collapsed: new Set(["a"]) });
    expect(keyAction(collapsed, "a", "ArrowRight")).toEqual({ type: "expand", spanId: "a" });
    expect(keyAction(rows, "a", "ArrowRight")).toEqual({ type: "select", spanId: "a1" });
    expect(keyAction(rows, "a", "Enter")).toEqual({ type: "open", spanId: "a" });
    expect(keyAction(rows, "a", "Escape")).toEqual({ type: "close" });
    expect(keyAction([], "a", "ArrowDown")).toBeNull();
  });
});
