import { describe, expect, it } from "vitest";
import { agentColor, spanTypeColor } from "./colors";

describe("colors", () => {
  it("gives listed agents distinct colours and others a stable one", () => {
    const order = ["planner", "coder", "reviewer"];
    const colours = order.map((a) => agentColor(a, order));
    expect(new Set(colours).size).toBe(3);
    expect(agentColor("stranger")).toBe(agentColor("stranger"));
    expect(agentColor(null)).toBe("#94a3b8");
  });
  it("falls back to 'other' for unknown span types", () => {
    expect(spanTypeColor("llm")).toBe("#a855f7");
    expect(spanTypeColor("weird")).toBe(spanTypeColor("other"));
  });
});
