import { describe, expect, it } from "vitest";
import type { SpanNode } from "../api/types";
import { ancestorIds, barGeometry, buildSpanTree, parentIds, timeTicks, visibleRows } from "./spanTree";

const T0 = Date.parse("2026-11-25T12:00:00Z");
function span(id: string, parent: string | null, startS: number, endS: number, extra: Partial<SpanNode> = {}): SpanNode {
  return {
    span_id: id,
    parent_span_id: parent,
    name: `span ${id}`,
    span_type: "chain",
    agent: null,
    start_time: new Date(T0 + startS * 1000).toISOString(),
    end_time: new Date(T0 + endS * 1000).toISOString(),
    duration_ms: (endS - startS) * 1000,
    status: "ok",
    ...extra,
  };
}

// root(0-10) ── a(1-4, planner) ── a1(2-3, planner, error)
//           └── b(5-9, coder)
// orphan(3-4): its parent never arrived
const SPANS = [
  span("b", "root", 5, 9, { agent: "coder" }),
  span("a1", "a", 2, 3, { agent: "planner", status: "error" }),
  span("root", null, 0, 10),
  span("a", "root", 1, 4, { agent: "planner" }),
  span("orphan", "missing", 3, 4),
];

const ids = (rows: { node: { span: SpanNode } }[]) => rows.map((r) => r.node.span.span_id);

describe("buildSpanTree", () => {
  it("links children out of order, keeps orphans as roots and measures the trace", () => {
    const tree = buildSpanTree(SPANS);
    expect(tree.roots.map((r) => r.span.span_id)).toEqual(["root", "orphan"]);
    expect(tree.byId.get("root")!.children.map((c) => c.span.span_id)).toEqual(["a", "b"]);
    expect(tree.byId.get("a1")!.depth).toBe(2);
    expect(tree.byId.get("root")!.descendants).toBe(3);
    expect(tree.byId.get("a1")!.isError).toBe(true);
    expect(tree.endMs - tree.startMs).toBe(10_000);
    expect(tree.agents).toEqual(["planner", "coder"]);
    expect(tree.size).toBe(5);
  });

  it("survives a parent cycle and duplicate spans", () => {
    const tree = buildSpanTree([span("x", "y", 0, 1), span("y", "x", 0, 1), span("x", "y", 0, 1)]);
    expect(tree.size).toBe(2);
    expect(tree.roots.length).toBe(1);
    expect(visibleRows(tree).length).toBe(2);
  });

  it("handles a very deep chain without recursion", () => {
    const chain = Array.from({ length: 10_000 }, (_, i) => span(`s${i}`, i ? `s${i - 1}` : null, i / 1000, 30));
    const tree = buildSpanTree(chain);
    expect(tree.byId.get("s9999")!.depth).toBe(9_999);
    expect(visibleRows(tree).length).toBe(10_000);
  });
});

describe("visibleRows", () => {
  const tree = buildSpanTree(SPANS);
  it("lists spans in tree order", () => {
    expect(ids(visibleRows(tree))).toEqual(["root", "a", "a1", "b", "orphan"]);
  });
  it("hides the children of collapsed spans", () => {
    const rows = visibleRows(tree, { collapsed: new Set(["a"]) });
    expect(ids(rows)).toEqual(["root", "a", "b", "orphan"]);
    expect(rows[1]).toMatchObject({ collapsed: true, hasChildren: true });
  });
  it("filters by agent, keeping ancestors dimmed", () => {
    const rows = visibleRows(tree, { agent: "planner" });
    expect(rows.map((r) => [r.node.span.span_id, r.dimmed])).toEqual([
      ["root", true],
      ["a", false],
      ["a1", false],
    ]);
  });
});

describe("geometry", () => {
  const tree = buildSpanTree(SPANS);
  it("places bars as fractions of the trace", () => {
    expect(barGeometry(tree.byId.get("b")!, tree)).toEqual({ left: 0.5, width: 0.4 });
  });
  it("lists parents and ancestors", () => {
    expect([...parentIds(tree)].sort()).toEqual(["a", "root"]);
    expect(ancestorIds(tree, "a1")).toEqual(["a", "root"]);
  });
  it("makes round ticks", () => {
    expect(timeTicks(10_000)).toEqual([0, 2000, 4000, 6000, 8000, 10000]);
    expect(timeTicks(0)).toEqual([0]);
  });
});
