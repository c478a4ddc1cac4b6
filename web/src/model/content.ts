/**
 * How to show a span's input or output. Content is untrusted LLM output: it is classified
 * here and then rendered as text, pretty JSON, a conversation or sanitized markdown — never HTML.
 */

export interface ChatMessage {
  role: string;
  name?: string;
  text: string;
  toolCalls?: string[];
}

export type Content =
  | { kind: "empty" }
  | { kind: "chat"; messages: ChatMessage[]; rest?: unknown }
  | { kind: "json"; text: string }
  | { kind: "markdown"; text: string }
  | { kind: "text"; text: string };

/** A JSON string is parsed; anything else passes through. */
export function parseMaybeJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) return value;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return value;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The text of a message's `content`: a string, or parts like `[{type: "text", text}]`. */
export function contentText(content: unknown): string {
  if (content === null || content === undefined) return "";
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((part) => contentText(part)).filter(Boolean).join("\n");
  if (isRecord(content)) {
    if (typeof content.text === "string") return content.text;
    if (typeof content.content === "string") return content.content;
  }
  return JSON.stringify(content, null, 2);
}

const LC_ROLES: Record<string, string> = { HumanMessage: "human", AIMessage: "ai", SystemMessage: "system", ToolMessage: "tool", FunctionMessage: "function" };

/** LangChain's `{type, data: {...}}` and `{lc, id: [..., "HumanMessage"], kwargs: {...}}` forms → a plain message. */
function unwrapLangChain(v: Record<string, unknown>): Record<string, unknown> {
  if (isRecord(v.data) && typeof v.type === "string" && ("content" in v.data || "tool_calls" in v.data)) return { ...v.data, role: v.type };
  if (isRecord(v.kwargs) && Array.isArray(v.id)) {
    const cls = String(v.id[v.id.length - 1] ?? "");
    return { ...v.kwargs, role: LC_ROLES[cls] ?? (typeof v.kwargs.type === "string" ? v.kwargs.type : cls) };
  }
  return v;
}

function toChatMessage(raw: unknown): ChatMessage | null {
  if (!isRecord(raw)) return null;
  const v = unwrapLangChain(raw);
  const role = v.role ?? v.type;
  if (typeof role !== "string") return null;
  if (!("content" in v) && !("tool_calls" in v) && !("text" in v)) return null;
  const msg: ChatMessage = { role, text: contentText(v.content ?? v.text) };
  if (typeof v.name === "string") msg.name = v.name;
  if (Array.isArray(v.tool_calls) && v.tool_calls.length) {
    msg.toolCalls = v.tool_calls.map((call) => {
      if (isRecord(call) && isRecord(call.function)) {
        return `${String(call.function.name)}(${typeof call.function.arguments === "string" ? call.function.arguments : JSON.stringify(call.function.arguments)})`;
      }
      return JSON.stringify(call);
    });
  }
  return msg;
}

/** A list of `{role, content}` objects, found at the top or under a usual key. */
export function asChat(value: unknown): ChatMessage[] | null {
  const candidates: unknown[] = [value];
  if (isRecord(value)) candidates.push(value.messages, value.input, value.output, value.choices);
  for (const candidate of candidates) {
    if (!Array.isArray(candidate) || candidate.length === 0) continue;
    const unwrapped = candidate.map((c) => (isRecord(c) && isRecord(c.message) ? c.message : c));
    const messages = unwrapped.map(toChatMessage);
    if (messages.every((m): m is ChatMessage => m !== null)) return messages;
  }
  return null;
}

const MARKDOWN_HINT = /(^|\n)(#{1,6} |[-*] |\d+\. |> |```)|\*\*[^*]+\*\*|\[[^\]]+\]\([^)]+\)|`[^`]+`/;

export function looksLikeMarkdown(text: string): boolean {
  return MARKDOWN_HINT.test(text);
}

export function classifyContent(value: unknown): Content {
  if (value === null || value === undefined || value === "") return { kind: "empty" };
  const parsed = parseMaybeJson(value);
  const chat = asChat(parsed);
  if (chat) return { kind: "chat", messages: chat };
  if (typeof parsed === "string") return looksLikeMarkdown(parsed) ? { kind: "markdown", text: parsed } : { kind: "text", text: parsed };
  if (typeof parsed === "number" || typeof parsed === "boolean") return { kind: "text", text: String(parsed) };
  return { kind: "json", text: JSON.stringify(parsed, null, 2) };
}

/** Attribute values as display strings, sorted by key. */
export function attributeRows(attributes: Record<string, unknown> | null | undefined): [string, string][] {
  if (!attributes) return [];
  return Object.keys(attributes)
    .sort()
    .map((key) => {
      const v = attributes[key];
      return [key, typeof v === "string" ? v : JSON.stringify(v)];
    });
}
