import { fireEvent, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it, vi } from "vitest";
import type { TraceSummary } from "../../api/types";
import { TracesTable } from "./TracesTable";

const TRACE: TraceSummary = {
  trace_id: "89ec1b083e39638a203070fbee1568da", name: "travel_supervisor", project: "p", status: "error", framework: "langgraph",
  start_time: "2026-11-25T11:59:00Z", end_time: "2026-11-25T11:59:01Z", duration_ms: 559, span_count: 163, agent_count: 3,
  agents: ["supervisor", "flight_researcher", "booking_agent", "extra"], total_tokens: 5200, cost_usd: 0.0123, unpriced_llm_spans: 0, failure_modes: ["FM-1.3", "FM-3.2"],
  error_count: 5, human_verdict: null, analysis_state: "done",
};

describe("TracesTable", () => {
  it("shows status, name, agents, failure badges, duration and tokens", () => {
    const onSort = vi.fn();
    const onFailureMode = vi.fn();
    render(
      <MemoryRouter>
        <TracesTable traces={[TRACE]} sort="start_time" order="desc" onSort={onSort} onFailureMode={onFailureMode} now={Date.parse("2026-11-25T12:00:00Z")} />
      </MemoryRouter>,
    );
    expect(screen.getByRole("link", { name: "travel_supervisor" }).getAttribute("href")).toBe("/traces/89ec1b083e39638a203070fbee1568da");
    expect(screen.getByText("Error")).toBeTruthy();
    expect(screen.getByText("+1")).toBeTruthy();
    expect(screen.getByText("559ms")).toBeTruthy();
    expect(screen.getByText("5.2k")).toBeTruthy();
    expect(screen.getByText("1m ago")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: /FM-1.3/ }));
    expect(onFailureMode).toHaveBeenCalledWith("FM-1.3");
    fireEvent.click(screen.getByRole("button", { name: /Tokens/ }));
    expect(onSort).toHaveBeenCalledWith("tokens");
    expect(screen.getByText("$0.0123")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: /Cost/ }));
    expect(onSort).toHaveBeenCalledWith("cost");
  });

  it("says unknown, not $0, for a run whose LLM calls have no price, and marks a partial cost", () => {
    const unknown = { ...TRACE, trace_id: "a".repeat(32), name: "unknown_model_run", cost_usd: null, unpriced_llm_spans: 2 };
    const partial = { ...TRACE, trace_id: "b".repeat(32), name: "partial_run", cost_usd: 0.5, unpriced_llm_spans: 1 };
    render(
      <MemoryRouter>
        <TracesTable traces={[unknown, partial]} sort="cost" order="desc" onSort={vi.fn()} />
      </MemoryRouter>,
    );
    const cell = screen.getByText("unknown");
    expect(cell.getAttribute("title")).toMatch(/2 LLM calls without a known price/);
    expect(screen.queryByText("$0")).toBeNull();
    expect(screen.getByText("≥ $0.5000").getAttribute("title")).toMatch(/not included/);
    expect(screen.getByRole("columnheader", { name: /Cost/ }).getAttribute("aria-sort")).toBe("descending");
  });
});
