import { describe, expect, it } from "vitest";
import type { AgentMessage } from "../api/types";
import { messagesForEdge, USER_NODE } from "./messages";

const msg = (from: string | null, to: string | null, kind: AgentMessage["kind"], span: string | null = null): AgentMessage => ({
  id: `${from}-${to}-${kind}`, seq: 0, attributes: {},
  from_agent: from, to_agent: to, kind, content: `${from}->${to}`, timestamp: "2026-11-25T12:00:00Z", span_id: span,
});

describe("messagesForEdge", () => {
  const all = [msg(null, "sup", "message"), msg("sup", "res", "handoff"), msg("sup", "res", "message"), msg("res", "sup", "return", "s9"), msg("sup", "*", "broadcast")];
  it("matches ends and kind, with the user as the null end", () => {
    expect(messagesForEdge(all, { source: USER_NODE, target: "sup", kind: "message", spanIds: [] })).toEqual([all[0]]);
    expect(messagesForEdge(all, { source: "sup", target: "res", kind: "handoff", spanIds: [] })).toEqual([all[1]]);
  });
  it("matches broadcasts and span ids", () => {
    expect(messagesForEdge(all, { source: "sup", target: "x", kind: "broadcast", spanIds: [] })).toEqual([all[4]]);
    expect(messagesForEdge(all, { source: "res", target: "sup", kind: "other", spanIds: ["s9"] })).toEqual([all[3]]);
  });
});
