import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ContentView } from "./ContentView";

describe("ContentView", () => {
  it("keeps a <script> in plain output as text", () => {
    const { container } = render(<ContentView label="Output" value={'<script>window.pwned=1</script><img src=x onerror="alert(1)">'} />);
    expect(container.querySelector("script")).toBeNull();
    expect(container.querySelector("img")).toBeNull();
    expect(container.textContent).toContain("<script>window.pwned=1</script>");
  });

  it("renders markdown but shows raw HTML inside it as text, and drops unsafe links", () => {
    const { container } = render(
      <ContentView label="Output" value={"# Plan\n\n- **one**\n- [bad](javascript:alert(1))\n\n<script>alert(1)</script>\n\n<b>bold?</b>"} />,
    );
    expect(container.querySelector("h1")?.textContent).toBe("Plan");
    expect(container.querySelector("strong")?.textContent).toBe("one");
    expect(container.querySelector("script")).toBeNull();
    expect(container.querySelector("b")).toBeNull();
    expect(container.textContent).toContain("<script>alert(1)</script>");
    expect(container.querySelector("a")?.getAttribute("href") ?? "").toBe("");
  });

  it("shows chat messages as a conversation", () => {
    render(<ContentView label="Input" value={[{ role: "system", content: "Be brief" }, { role: "user", content: "<b>hi</b>" }]} />);
    const list = screen.getByRole("list", { name: "Conversation" });
    expect(list.querySelectorAll("li")).toHaveLength(2);
    expect(screen.getByText("<b>hi</b>")).toBeTruthy();
  });

  it("pretty-prints JSON and says when there is nothing", () => {
    const { container } = render(<ContentView label="Input" value={'{"city":"Paris","n":2}'} />);
    expect(container.querySelector("pre")?.textContent).toBe('{\n  "city": "Paris",\n  "n": 2\n}');
    render(<ContentView label="Output" value={null} />);
    expect(screen.getByText("No output.")).toBeTruthy();
  });
});
