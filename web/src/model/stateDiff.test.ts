import { describe, expect, it } from "vitest";
import type { Checkpoint } from "../api/types";
import { changesFrom, diffStates, parseStateEdit, sortCheckpoints, stateEdits } from "./stateDiff";

describe("stateDiff", () => {
  it("diffs nested objects and arrays", () => {
    expect(diffStates({ a: 1, b: [1], d: { x: 1 }, "odd key": 1 }, { a: 2, b: [1, 2], c: true, d: { x: 1 } })).toEqual([
      { op: "changed", path: "a", before: 1, after: 2 },
      { op: "added", path: "b[1]", after: 2 },
      { op: "removed", path: '["odd key"]', before: 1 },
      { op: "added", path: "c", after: true },
    ]);
    expect(diffStates(1, 1)).toEqual([]);
    expect(diffStates(1, "1")).toEqual([{ op: "changed", path: "(root)", before: 1, after: "1" }]);
  });
  it("reads the API's diff in either shape", () => {
    const c = [{ op: "added", path: "x", after: 1 }];
    expect(changesFrom(c)).toEqual([{ op: "added", path: "x", before: undefined, after: 1 }]);
    expect(changesFrom({ changes: c })).toHaveLength(1);
    expect(changesFrom("nope")).toBeNull();
  });
  it("sorts checkpoints and parses edits", () => {
    expect(sortCheckpoints([{ id: "b", step: 2 }, { id: "a", step: 1 }] as Checkpoint[]).map((c) => c.id)).toEqual(["a", "b"]);
    expect(parseStateEdit('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseStateEdit("{").ok).toBe(false);
  });
});

describe("stateEdits", () => {
  it("turns edits into the replay API's path → value map", () => {
    expect(stateEdits({ plan: { steps: ["a", "b"] }, "x-y": 1, gone: 2 }, { plan: { steps: ["a", "c"] }, "x-y": 2, added: true })).toEqual({
      "plan.steps[1]": "c",
      "x-y": 2,
      gone: null,
      added: true,
    });
  });
});
