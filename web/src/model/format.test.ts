import { describe, expect, it } from "vitest";
import { costTitle, formatAgo, formatCost, formatDuration, formatPercent, formatTokens, parseTime, parseTimePrecise, shortId } from "./format";

describe("format", () => {
  it("formats durations at every scale", () => {
    expect([null, 0.25, 12.4, 1234, 15_000, 125_000, 7_300_000].map(formatDuration)).toEqual([
      "—", "250µs", "12ms", "1.23s", "15.0s", "2m 5s", "2h 1m",
    ]);
  });
  it("formats tokens", () => {
    expect([undefined, 999, 1234, 45_000, 2_500_000].map(formatTokens)).toEqual(["—", "999", "1.2k", "45k", "2.5M"]);
  });
  it("parses and relates times", () => {
    expect(parseTime("nope")).toBeNull();
    const now = Date.parse("2026-11-25T12:00:00Z");
    expect(formatAgo("2026-11-25T11:57:00Z", now)).toBe("3m ago");
    expect(formatAgo("2026-11-23T12:00:00Z", now)).toBe("2d ago");
  });
  it("keeps microseconds", () => {
    const a = parseTimePrecise("2026-11-25T13:30:55.774010Z")!;
    const b = parseTimePrecise("2026-11-25T13:30:55.774500Z")!;
    expect(b - a).toBeCloseTo(0.49, 3);
    expect(parseTimePrecise("2026-11-25T13:30:55.774Z")).toBe(Date.parse("2026-11-25T13:30:55.774Z"));
    expect(parseTimePrecise("2026-11-25T13:30:55+02:00")).toBe(Date.parse("2026-11-25T11:30:55Z"));
  });
  it("formats percents and ids", () => {
    expect(formatPercent(0.256)).toBe("26%");
    expect(shortId("0123456789abcdef")).toBe("01234567");
  });
});

describe("formatCost", () => {
  it("says unknown, never $0, when no call has a price", () => {
    expect(formatCost(null, 2)).toBe("unknown");
    expect(formatCost(undefined, 1)).toBe("unknown");
  });
  it("shows a dash when there was no LLM call", () => {
    expect(formatCost(null, 0)).toBe("—");
  });
  it("marks a cost that leaves unpriced calls out as a lower bound", () => {
    expect(formatCost(0.0123, 1)).toBe("≥ $0.0123");
    expect(costTitle(0.0123, 1)).toMatch(/1 LLM call without a known price is not included/);
  });
  it("formats amounts", () => {
    expect(formatCost(0)).toBe("$0");
    expect(formatCost(0.00001)).toBe("<$0.0001");
    expect(formatCost(0.00042)).toBe("$0.0004");
    expect(formatCost(1.256)).toBe("$1.26");
    expect(formatCost(12345.6)).toBe("$12,346");
  });
});
