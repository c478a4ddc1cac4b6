/**
 * Sessions as the UI shows them: a session's runs read as the turns of a conversation, and the
 * links between sessions, runs and the trace list.
 */
import type { SessionRun } from "../api/types";
import { classifyContent, type ChatMessage } from "./content";
import { modeName } from "./failures";
import { parseTime } from "./format";

/** One run of a session as a turn of the conversation. */
export interface Turn {
  traceId: string;
  /** 1-based position in the session. */
  index: number;
  name: string;
  status: string;
  startTime: string;
  durationMs: number;
  /** What the run was asked (the last human/user message of its input, else the input). */
  said: string;
  /** What the run answered (the last assistant message of its output, else the output). */
  answered: string;
  /** Time since the previous run ended (ms; null for the first run). */
  gapMs: number | null;
  failures: { mode: string; name: string; agent: string | null }[];
  /** "coder, step 4" when the analysis names a culprit. */
  culprit: string | null;
  agents: string[];
  costUsd: number | null;
  /** LLM calls of the run without a price. */
  unpriced: number;
  tokens: number;
}

const USER_ROLES = new Set(["user", "human"]);
const ASSISTANT_ROLES = new Set(["assistant", "ai", "model"]);
export const TURN_TEXT_CHARS = 600;

function clip(text: string, max = TURN_TEXT_CHARS): string {
  const trimmed = text.trim();
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}

function lastOf(messages: ChatMessage[], roles: Set<string>): ChatMessage | undefined {
  return [...messages].reverse().find((m) => roles.has(m.role.toLowerCase()) && m.text.trim());
}

/** The readable text of a run's input or output preview (untrusted: returned as plain text). */
export function previewText(value: string | null | undefined, side: "input" | "output"): string {
  const content = classifyContent(value);
  switch (content.kind) {
    case "empty":
      return "";
    case "chat": {
      const wanted = side === "input" ? USER_ROLES : ASSISTANT_ROLES;
      const found = lastOf(content.messages, wanted) ?? [...content.messages].reverse().find((m) => m.text.trim());
      return clip(found?.text ?? "");
    }
    case "json":
    case "markdown":
    case "text":
      return clip(content.text);
  }
}

/** The runs of a session as conversation turns, in time order. */
export function sessionTurns(runs: readonly SessionRun[]): Turn[] {
  const sorted = [...runs].sort((a, b) => (parseTime(a.start_time) ?? 0) - (parseTime(b.start_time) ?? 0));
  let previousEnd: number | null = null;
  return sorted.map((run, i) => {
    const start = parseTime(run.start_time);
    const gapMs = previousEnd === null || start === null ? null : Math.max(0, start - previousEnd);
    previousEnd = parseTime(run.end_time) ?? previousEnd;
    const culprit = run.culprit?.agent
      ? run.culprit.step !== null && run.culprit.step !== undefined
        ? `${run.culprit.agent}, step ${run.culprit.step}`
        : run.culprit.agent
      : null;
    return {
      traceId: run.trace_id,
      index: i + 1,
      name: run.name || "(unnamed run)",
      status: run.status,
      startTime: run.start_time,
      durationMs: run.duration_ms,
      said: previewText(run.input_preview, "input"),
      answered: previewText(run.output_preview, "output"),
      gapMs,
      failures: run.failures.map((f) => ({ mode: f.mode, name: modeName(f.mode), agent: f.agent })),
      culprit,
      agents: run.agents,
      costUsd: run.cost_usd ?? null,
      unpriced: run.unpriced_llm_spans ?? 0,
      tokens: run.total_tokens,
    };
  });
}

/** The UI path of a session (ids are free text: encoded; the project when several have it). */
export function sessionPath(sessionId: string, project?: string | null): string {
  const path = `/sessions/${encodeURIComponent(sessionId)}`;
  return project ? `${path}?project=${encodeURIComponent(project)}` : path;
}

/** The trace list filtered to one session's runs. */
export function sessionTracesPath(sessionId: string, project?: string | null): string {
  const params = new URLSearchParams({ session_id: sessionId });
  if (project) params.set("project", project);
  return `/traces?${params.toString()}`;
}
