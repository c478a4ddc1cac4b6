import { describe, expect, it } from "vitest";
import type { Annotation } from "../api/types";
import { categoryKey, evidenceItems, groupAnnotations, modeName, rankingBars } from "./failures";

// only the fields the transforms read (ids as numbers, as older servers sent them)
const ann = (id: number, mode: string, extra: Partial<Annotation> = {}): Annotation => ({ id, mode, ...extra }) as unknown as Annotation;

describe("failures", () => {
  it("groups annotations by MAST category in taxonomy order", () => {
    const groups = groupAnnotations([
      ann(1, "FM-3.2"),
      ann(2, "FM-1.3", { confidence: 0.4 }),
      ann(3, "FM-1.3", { confidence: 0.9 }),
      ann(4, "custom", { category: "whatever" }),
    ]);
    expect(groups.map((g) => [g.category.key, g.annotations.map((a) => a.id)])).toEqual([
      ["FC1", [3, 2]],
      ["FC3", [1]],
      ["other", [4]],
    ]);
  });
  it("names modes and categories", () => {
    expect(modeName("FM-2.3")).toBe("Task derailment");
    expect(modeName("X", "My label")).toBe("My label");
    expect(categoryKey({ mode: "label", category: "Inter-agent misalignment" })).toBe("FC2");
  });
  it("reads evidence of every shape", () => {
    expect(evidenceItems("loop x3", "s1")).toEqual([{ text: "loop x3", spanId: "s1" }]);
    expect(evidenceItems([{ span_id: "s2", text: "again" }, "plain"])).toEqual([
      { text: "again", spanId: "s2" },
      { text: "plain", spanId: null },
    ]);
    expect(evidenceItems({ span_ids: ["a", "b"] })).toEqual([
      { text: "span a", spanId: "a" },
      { text: "span b", spanId: "b" },
    ]);
    expect(evidenceItems(null)).toEqual([]);
    expect(evidenceItems([{ span_id: "s3", name: "book_flight", agent: "booker" }, { span_id: "s4", name: "booker", agent: "booker" }])).toEqual([
      { text: "book_flight (booker)", spanId: "s3" },
      { text: "booker", spanId: "s4" },
    ]);
  });
  it("scales the ranking to the top score", () => {
    const bars = rankingBars({ agent: "a", ranking: [{ agent: "b", score: 0.2 }, { agent: "a", score: 0.8 }] });
    expect(bars.map((b) => [b.agent, b.share])).toEqual([["a", 1], ["b", 0.25]]);
    expect(rankingBars(null)).toEqual([]);
  });
});
