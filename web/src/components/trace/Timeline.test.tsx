import { fireEvent, render, screen } from "@testing-library/react";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SpanNode } from "../../api/types";
import { buildSpanTree, visibleRows } from "../../model/spanTree";
import { Timeline } from "./Timeline";

const T0 = Date.parse("2026-11-25T12:00:00Z");
function spans(n: number): SpanNode[] {
  return Array.from({ length: n }, (_, i) => ({
    span_id: `s${i}`,
    parent_span_id: i === 0 ? null : "s0",
    name: i === 0 ? "root" : `step ${i}`,
    span_type: i % 3 ? "llm" : "tool",
    agent: i % 2 ? "planner" : "coder",
    start_time: new Date(T0 + i).toISOString(),
    end_time: new Date(T0 + i + 5).toISOString(),
    duration_ms: 5,
    status: i === 7 ? "error" : "ok",
  }));
}

// happy-dom has no layout: give the scroll container a size so that the virtualizer renders rows.
const sizes = ["offsetHeight", "offsetWidth", "clientHeight", "clientWidth"] as const;
beforeAll(() => {
  for (const key of sizes) Object.defineProperty(HTMLElement.prototype, key, { configurable: true, get: () => 600 });
});
afterAll(() => {
  for (const key of sizes) delete (HTMLElement.prototype as unknown as Record<string, unknown>)[key];
});

describe("Timeline", () => {
  it("puts only a window of a 10,000-span trace in the DOM", () => {
    const tree = buildSpanTree(spans(10_000));
    render(<Timeline tree={tree} rows={visibleRows(tree)} selectedId={null} onAction={() => {}} />);
    const items = screen.getAllByRole("treeitem");
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThan(200);
    expect(items[0]!.getAttribute("aria-label")).toContain("root");
  });

  it("navigates with the keyboard and toggles with the arrow", () => {
    const tree = buildSpanTree(spans(20));
    const onAction = vi.fn();
    render(<Timeline tree={tree} rows={visibleRows(tree)} selectedId="s1" onAction={onAction} />);
    const body = screen.getByRole("tree", { name: "Spans" });
    fireEvent.keyDown(body, { key: "ArrowDown" });
    expect(onAction).toHaveBeenLastCalledWith({ type: "select", spanId: "s2" });
    fireEvent.keyDown(body, { key: "Enter" });
    expect(onAction).toHaveBeenLastCalledWith({ type: "open", spanId: "s1" });
    fireEvent.keyDown(body, { key: "ArrowLeft" });
    expect(onAction).toHaveBeenLastCalledWith({ type: "select", spanId: "s0" });
    fireEvent.click(screen.getByRole("button", { name: "Collapse" }));
    expect(onAction).toHaveBeenLastCalledWith({ type: "collapse", spanId: "s0" });
  });

  it("marks errors and the selected row", () => {
    const tree = buildSpanTree(spans(10));
    const { container } = render(<Timeline tree={tree} rows={visibleRows(tree)} selectedId="s7" onAction={() => {}} />);
    const row = container.querySelector('[data-span-id="s7"]')!;
    expect(row.getAttribute("aria-selected")).toBe("true");
    expect(row.className).toContain("error");
  });
});
