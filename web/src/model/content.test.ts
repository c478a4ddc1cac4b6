import { describe, expect, it } from "vitest";
import { attributeRows, classifyContent, contentText } from "./content";

describe("classifyContent", () => {
  it("recognises empty values", () => {
    expect(classifyContent(null)).toEqual({ kind: "empty" });
    expect(classifyContent("")).toEqual({ kind: "empty" });
  });
  it("finds a conversation in a JSON string, with content parts and tool calls", () => {
    const raw = JSON.stringify({
      messages: [
        { role: "system", content: "You are a planner." },
        { role: "user", content: [{ type: "text", text: "Plan it" }] },
        { role: "assistant", content: null, tool_calls: [{ function: { name: "search", arguments: '{"q":"x"}' } }] },
      ],
    });
    expect(classifyContent(raw)).toEqual({
      kind: "chat",
      messages: [
        { role: "system", text: "You are a planner." },
        { role: "user", text: "Plan it" },
        { role: "assistant", text: "", toolCalls: ['search({"q":"x"})'] },
      ],
    });
  });
  it("reads LangChain's serialized messages", () => {
    const c = classifyContent({
      messages: [
        { type: "human", data: { content: "Book a flight", type: "human" } },
        { lc: 1, type: "constructor", id: ["langchain", "schema", "messages", "AIMessage"], kwargs: { content: "Done" } },
      ],
    });
    expect(c).toEqual({ kind: "chat", messages: [{ role: "human", text: "Book a flight" }, { role: "ai", text: "Done" }] });
  });
  it("unwraps OpenAI choices", () => {
    const c = classifyContent({ choices: [{ message: { role: "assistant", content: "hi" } }] });
    expect(c).toEqual({ kind: "chat", messages: [{ role: "assistant", text: "hi" }] });
  });
  it("pretty-prints other JSON and keeps markup as text", () => {
    expect(classifyContent({ a: 1 })).toEqual({ kind: "json", text: '{\n  "a": 1\n}' });
    expect(classifyContent("<script>alert(1)</script>")).toEqual({ kind: "text", text: "<script>alert(1)</script>" });
    expect(classifyContent("# Plan\n- step").kind).toBe("markdown");
    expect(classifyContent("[1, 2").kind).toBe("text");
  });
  it("flattens content and attributes", () => {
    expect(contentText([{ text: "a" }, "b"])).toBe("a\nb");
    expect(attributeRows({ b: 2, a: "x" })).toEqual([["a", "x"], ["b", "2"]]);
  });
});
