import { describe, expect, it } from "vitest";
import type { SessionRun } from "../api/types";
import { previewText, sessionPath, sessionTracesPath, sessionTurns } from "./sessions";

function run(over: Partial<SessionRun> = {}): SessionRun {
  return {
    trace_id: "a".repeat(32), name: "turn", project: "chat", status: "ok", framework: "langgraph",
    start_time: "2026-11-25T12:00:00Z", end_time: "2026-11-25T12:00:02Z", duration_ms: 2000, span_count: 4, agent_count: 1,
    agents: ["assistant"], total_tokens: 120, failure_modes: [], error_count: 0, human_verdict: null, analysis_state: "done",
    cost_usd: null, unpriced_llm_spans: 0, input_preview: null, output_preview: null, failures: [], culprit: null,
    ...over,
  };
}

describe("previewText", () => {
  it("reads the last user message of an input and the last assistant message of an output", () => {
    const input = JSON.stringify({ messages: [{ role: "system", content: "be brief" }, { role: "user", content: "Book FRA to SFO" }] });
    const output = JSON.stringify({ messages: [{ role: "user", content: "Book FRA to SFO" }, { role: "assistant", content: "Booked LH454." }] });
    expect(previewText(input, "input")).toBe("Book FRA to SFO");
    expect(previewText(output, "output")).toBe("Booked LH454.");
  });
  it("keeps plain text and JSON as text, cut to a readable length", () => {
    expect(previewText("  hello  ", "input")).toBe("hello");
    expect(previewText('{"answer": 42}', "output")).toBe('{\n  "answer": 42\n}');
    expect(previewText("x".repeat(2000), "output")).toHaveLength(600);
    expect(previewText(null, "input")).toBe("");
  });
  it("never turns markup into anything but text", () => {
    expect(previewText("<script>alert(1)</script>", "output")).toBe("<script>alert(1)</script>");
  });
});

describe("sessionTurns", () => {
  it("orders the runs, numbers them, and reads gaps, failures and the culprit", () => {
    const late = run({
      trace_id: "b".repeat(32), status: "error", start_time: "2026-11-25T12:01:02Z", end_time: "2026-11-25T12:01:05Z",
      input_preview: "and back on Sunday?", output_preview: "The booking tool failed.", cost_usd: 0.0042,
      failures: [{ mode: "FM-2.6", category: "inter_agent_misalignment", agent: "booker", span_id: null, confidence: 0.8, source: "detector", status: "proposed", explanation: null }],
      culprit: { agent: "booker", span_id: "0".repeat(16), step: 3, confidence: 0.8 },
    });
    const turns = sessionTurns([late, run({ input_preview: "Book FRA to SFO", output_preview: "Booked." })]);
    expect(turns.map((t) => [t.index, t.traceId[0], t.gapMs, t.said, t.answered])).toEqual([
      [1, "a", null, "Book FRA to SFO", "Booked."],
      [2, "b", 60_000, "and back on Sunday?", "The booking tool failed."],
    ]);
    expect(turns[1]!.failures).toEqual([{ mode: "FM-2.6", name: expect.any(String), agent: "booker" }]);
    expect(turns[1]!.culprit).toBe("booker, step 3");
    expect(turns[1]!.costUsd).toBe(0.0042);
    expect(turns[0]!.culprit).toBeNull();
  });
});

describe("links and cost", () => {
  it("encodes free-text session ids and names the project", () => {
    expect(sessionPath("chat/42 ?")).toBe("/sessions/chat%2F42%20%3F");
    expect(sessionPath("t1", "shop")).toBe("/sessions/t1?project=shop");
    expect(sessionTracesPath("chat/42", "shop")).toBe("/traces?session_id=chat%2F42&project=shop");
  });
});
