import { describe, expect, it } from "vitest";
import { formatAgo, formatDuration, formatPercent, formatTokens, parseTime, parseTimePrecise, shortId } from "./format";

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
