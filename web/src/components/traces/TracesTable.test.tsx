import { fireEvent, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it, vi } from "vitest";
import type { TraceSummary } from "../../api/types";
import { TracesTable } from "./TracesTable";

const TRACE: TraceSummary = {
  trace_id: "89ec1b083e39638a203070fbee1568da", name: "travel_supervisor", project: "p", status: "error", framework: "langgraph",
  start_time: "2026-11-25T11:59:00Z", end_time: "2026-11-25T11:59:01Z", duration_ms: 559, span_count: 163, agent_count: 3,
  agents: ["supervisor", "flight_researcher", "booking_agent", "extra"], total_tokens: 5200, failure_modes: ["FM-1.3", "FM-3.2"],
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
  });
});
