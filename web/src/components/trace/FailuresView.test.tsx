import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Annotation } from "../../api/types";
import { FailuresView } from "./FailuresView";

const ANNOTATIONS: Annotation[] = [
  { id: "a1", trace_id: "t1", mode: "FM-1.3", name: null, category: "specification", agent: "booker", span_id: "s1", confidence: 0.75, evidence: [{ span_id: "s1", name: "book_flight", agent: "booker" }], source: "detector", status: "proposed", explanation: "called book_flight 5 times", author: null },
  { id: "a2", trace_id: "t1", mode: "FM-3.2", name: null, category: "task_verification", agent: "booker", span_id: null, confidence: 0.5, evidence: [], source: "detector", status: "rejected", explanation: null, author: null },
];

function setup() {
  const handlers = { onJump: vi.fn(), onReview: vi.fn(), onAdd: vi.fn(), onVerdict: vi.fn() };
  render(
    <FailuresView
      annotations={ANNOTATIONS}
      attribution={{ agent: "supervisor", span_id: "s9", step: 2, confidence: 0.48, reasons: ["drives a loop"], ranking: [{ agent: "supervisor", score: 2 }, { agent: "booker", score: 1, reasons: ["repeated itself"] }] }}
      agents={["supervisor", "booker"]}
      verdict={null}
      {...handlers}
    />,
  );
  return handlers;
}

describe("FailuresView", () => {
  it("groups annotations by category and shows the attribution ranking", () => {
    setup();
    expect(screen.getByRole("heading", { name: /Specification issues/ })).toBeTruthy();
    expect(screen.getByRole("heading", { name: /Task verification/ })).toBeTruthy();
    expect(screen.queryByRole("heading", { name: /Inter-agent/ })).toBeNull();
    expect(screen.getByRole("article", { name: "FM-1.3 Step repetition" })).toBeTruthy();
    expect(screen.getByText("drives a loop")).toBeTruthy();
    expect(screen.getByText("repeated itself")).toBeTruthy();
  });

  it("jumps to evidence, reviews, sets the verdict and adds a label", () => {
    const h = setup();
    fireEvent.click(screen.getByRole("button", { name: /book_flight \(booker\)/ }));
    expect(h.onJump).toHaveBeenCalledWith("s1");
    fireEvent.click(screen.getAllByRole("button", { name: "Confirm" })[0]!);
    expect(h.onReview).toHaveBeenCalledWith(ANNOTATIONS[0], "confirmed");
    fireEvent.click(screen.getByRole("button", { name: "Failed" }));
    expect(h.onVerdict).toHaveBeenCalledWith("failed");
    fireEvent.click(screen.getByRole("button", { name: "Add label" }));
    expect(h.onAdd).toHaveBeenCalledWith({ mode: "FM-1.1", agent: undefined, span_id: undefined, explanation: undefined });
  });
});
