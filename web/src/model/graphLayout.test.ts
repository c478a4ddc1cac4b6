import { describe, expect, it } from "vitest";
import type { AgentGraph } from "../api/types";
import { errorPaths, factLines, layoutGraph, MAX_NODE, MIN_NODE, nodeName, nodeRole, ROLE_LINE } from "./graphLayout";

const GRAPH: AgentGraph = {
  nodes: [
    { id: "user", name: "user", layer: "user", span_count: 0 },
    { id: "supervisor", name: "supervisor", role: "router", span_count: 40, error_count: 0, cost_usd: 0.25, unpriced_llm_spans: 0 },
    { id: "researcher", name: "researcher", spans: 10, errors: 2, cost_usd: null, unpriced_llm_spans: 3 },
    { id: "search", name: "search", layer: "tool", span_count: 5 },
  ],
  edges: [
    { source: "user", target: "supervisor", kind: "message", count: 1 },
    { source: "supervisor", target: "researcher", kind: "handoff", count: 3, span_ids: ["s1", "s2", "s3"] },
    { source: "researcher", target: "supervisor", kind: "return", count: 3 },
    { source: "researcher", target: "search", kind: "invocation", count: 5 },
    { source: "researcher", target: "ghost", kind: "message", count: 1 },
  ],
  facts: { error_propagation_paths: [{ path: ["researcher", "supervisor"] }] },
};

describe("layoutGraph", () => {
  const layout = layoutGraph(GRAPH, "researcher");
  const node = (id: string) => layout.nodes.find((n) => n.id === id)!;

  it("places every node without overlap, left to right", () => {
    expect(layout.nodes).toHaveLength(4);
    expect(node("user").x).toBeLessThan(node("supervisor").x);
    for (const a of layout.nodes)
      for (const b of layout.nodes) {
        if (a === b) continue;
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart).toBe(true);
      }
  });
  it("sizes nodes by activity and marks errors, attribution and the error path", () => {
    expect(node("supervisor").width).toBe(MAX_NODE);
    expect(node("user").width).toBe(MIN_NODE);
    expect(node("researcher")).toMatchObject({ errors: 2, attributed: true, onErrorPath: true });
    expect(node("supervisor")).toMatchObject({ attributed: false, onErrorPath: true });
  });
  it("keeps each agent's cost, unknown apart from 0", () => {
    expect(node("supervisor")).toMatchObject({ costUsd: 0.25, unpricedLlm: 0 });
    expect(node("researcher")).toMatchObject({ costUsd: null, unpricedLlm: 3 });
    expect(node("search")).toMatchObject({ costUsd: null, unpricedLlm: 0 });
    expect(node("search").onErrorPath).toBe(false);
  });
  it("labels edges by kind and count, drops dangling ones, marks the error path", () => {
    expect(layout.edges.map((e) => [e.label, e.onErrorPath, e.hasReverse])).toEqual([
      ["message ×1", false, false],
      ["handoff ×3", false, true],
      ["return ×3", true, true],
      ["invocation ×5", false, false],
    ]);
    expect(layout.edges[1]!.spanIds).toEqual(["s1", "s2", "s3"]);
  });
  it("reads error paths given as plain lists", () => {
    expect(errorPaths({ nodes: [], edges: [], facts: { error_propagation: [["a", "b"], [{ agent: "c" }]] } })).toEqual([["a", "b"], ["c"]]);
    expect(errorPaths({ nodes: [], edges: [] })).toEqual([]);
  });
  it("gives every agent node its name, and a role only when it says more than the name", () => {
    const long = "Screens insurance claims for fraud, duplicates and policy exclusions before any payout";
    const roles = layoutGraph({
      nodes: [
        { id: "fraud_screener", name: "fraud_screener", role: long, spans: 4 },
        { id: "Contract Drafter", name: "Contract Drafter", role: "Contract Drafter", spans: 4 },
        { id: "planner", name: "", role: "Plans the work", spans: 4 },
        { id: "writer", name: "writer", spans: 4 },
      ],
      edges: [],
    });
    expect(roles.nodes.map((n) => [n.name, n.role])).toEqual([
      ["fraud_screener", long],
      ["Contract Drafter", null],
      ["planner", "Plans the work"],
      ["writer", null],
    ]);
    const [withRole, , , plain] = roles.nodes;
    expect(withRole!.height - plain!.height).toBe(ROLE_LINE);
    expect(nodeName({ id: "x", name: "  " })).toBe("x");
    expect(nodeRole({ id: "x", name: "Writer", role: " writer " })).toBeNull();
  });
  it("lays out an empty graph", () => {
    expect(layoutGraph({ nodes: [], edges: [] }).nodes).toEqual([]);
  });
});

describe("factLines", () => {
  it("summarises loops, propagation and errors", () => {
    expect(
      factLines({
        nodes: [{ id: "a", name: "A" }],
        edges: [],
        facts: { loops: [{ agents: ["a", "b"], repeats: 4 }], cycles: [["a", "b"]], error_propagation: [["b", "a"]], most_errors: { agent: "b", errors: 5 } },
      }),
    ).toEqual(["Loop: A ↔ b, repeated 4 times", "Error propagation: b → A", "Most errors: b (5)"]);
    expect(factLines({ nodes: [], edges: [], facts: { cycles: [["x", "y"]] } })).toEqual(["Cycle: x → y → x"]);
  });
});
