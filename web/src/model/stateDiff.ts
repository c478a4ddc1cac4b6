/** Differences between two checkpoint states, from the API's diff or computed here. */
import type { Checkpoint } from "../api/types";

export interface Change {
  op: "added" | "removed" | "changed";
  path: string;
  before?: unknown;
  after?: unknown;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function join(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;
}

/** Objects key by key, arrays index by index; anything else that differs is one change. */
export function diffStates(before: unknown, after: unknown, path = ""): Change[] {
  if (isRecord(before) && isRecord(after)) {
    const out: Change[] = [];
    for (const key of Object.keys(before)) {
      if (!(key in after)) out.push({ op: "removed", path: join(path, key), before: before[key] });
      else out.push(...diffStates(before[key], after[key], join(path, key)));
    }
    for (const key of Object.keys(after)) if (!(key in before)) out.push({ op: "added", path: join(path, key), after: after[key] });
    return out;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: Change[] = [];
    const n = Math.max(before.length, after.length);
    for (let i = 0; i < n; i++) {
      if (i >= after.length) out.push({ op: "removed", path: join(path, i), before: before[i] });
      else if (i >= before.length) out.push({ op: "added", path: join(path, i), after: after[i] });
      else out.push(...diffStates(before[i], after[i], join(path, i)));
    }
    return out;
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ op: "changed", path: path || "(root)", before, after }];
}

/** The API answers a list of changes, or an object holding one. */
export function changesFrom(value: unknown): Change[] | null {
  const list = Array.isArray(value) ? value : isRecord(value) ? (value.changes ?? value.diff ?? value.items) : null;
  if (!Array.isArray(list)) return null;
  return list.filter(isRecord).map((c) => ({
    op: c.op === "added" || c.op === "removed" ? c.op : "changed",
    path: typeof c.path === "string" ? c.path : "(root)",
    before: c.before,
    after: c.after,
  }));
}

/** Checkpoints in step order. */
export function sortCheckpoints(checkpoints: readonly Checkpoint[]): Checkpoint[] {
  return [...checkpoints].sort((a, b) => a.step - b.step);
}

/** Parse the JSON a person typed as a state edit; an error message when it is not JSON. */
export function parseStateEdit(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * A person's edits as the replay API's `set` (state path → new value): added and changed
 * values are set; a removed one is set to null (the API has no delete).
 */
export function stateEdits(before: unknown, after: unknown): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  for (const change of diffStates(before, after)) {
    const path = change.path === "(root)" ? "" : change.path;
    set[path] = change.op === "removed" ? null : change.after;
  }
  return set;
}
