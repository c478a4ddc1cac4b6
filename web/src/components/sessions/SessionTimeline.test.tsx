import { render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it } from "vitest";
import type { SessionRun, SessionSummary } from "../../api/types";
import { sessionTurns } from "../../model/sessions";
import { SessionsTable } from "./SessionsTable";
import { SessionTimeline } from "./SessionTimeline";

const RUN: SessionRun = {
  trace_id: "c".repeat(32), name: "support turn", project: "chat", status: "error", framework: null,
  start_time: "2026-11-25T12:00:00Z", end_time: "2026-11-25T12:00:02Z", duration_ms: 2000, span_count: 3, agent_count: 2,
  agents: ["triage", "refunds"], total_tokens: 1500, failure_modes: ["FM-1.3"], error_count: 1, human_verdict: null, analysis_state: "done",
  cost_usd: null, unpriced_llm_spans: 0, input_preview: "<b>refund</b> order 1234", output_preview: "Refund sent.",
  failures: [{ mode: "FM-1.3", category: "specification", agent: "refunds", span_id: null, confidence: 0.7, source: "detector", status: "proposed", explanation: null }],
  culprit: { agent: "refunds", span_id: null, step: 2, confidence: 0.7 },
};

const SESSION: SessionSummary = {
  session_id: "chat/42", project: "chat", status: "error", trace_count: 3, error_count: 1,
  start_time: "2026-11-25T11:58:00Z", last_activity: "2026-11-25T11:59:00Z", duration_ms: 60_000, total_tokens: 4200, cost_usd: 0.25, unpriced_llm_spans: 0,
  agents: ["triage", "refunds"], failure_modes: ["FM-1.3"], first_input: JSON.stringify([{ role: "user", content: "where is my refund?" }]), last_output: null,
};

describe("SessionTimeline", () => {
  it("shows each run's input and output as text, its failures and culprit, and links to the run", () => {
    render(<MemoryRouter><SessionTimeline turns={sessionTurns([RUN])} /></MemoryRouter>);
    const turn = screen.getByRole("listitem");
    expect(within(turn).getByText("<b>refund</b> order 1234")).toBeTruthy();
    expect(within(turn).getByText("Refund sent.")).toBeTruthy();
    expect(within(turn).getByText("refunds, step 2")).toBeTruthy();
    expect(within(turn).getByRole("link", { name: "support turn" }).getAttribute("href")).toBe(`/traces/${"c".repeat(32)}`);
    expect(within(turn).getByText(/FM-1.3/)).toBeTruthy();
    expect(turn.textContent).toContain("1.5k tokens · —");
  });
});

describe("SessionsTable", () => {
  it("links each session by its encoded id and shows what it began with", () => {
    render(<MemoryRouter><SessionsTable sessions={[SESSION]} now={Date.parse("2026-11-25T12:00:00Z")} /></MemoryRouter>);
    expect(screen.getByRole("link", { name: "chat/42" }).getAttribute("href")).toBe("/sessions/chat%2F42?project=chat");
    expect(screen.getByText("where is my refund?")).toBeTruthy();
    expect(screen.getByText("(1 failed)")).toBeTruthy();
    expect(screen.getByText("1m ago")).toBeTruthy();
    expect(screen.getByText("$0.2500")).toBeTruthy();
  });
});
