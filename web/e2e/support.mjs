// Shared pieces of the end-to-end tests: the browser, the server's addresses, loading traces.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

export const API = process.env.AGENTTRACE_E2E_API ?? "http://127.0.0.1:8000";
export const OTLP = process.env.AGENTTRACE_E2E_OTLP ?? "http://127.0.0.1:4318";
export const REPO = resolve(import.meta.dirname, "../..");
export const SHOTS = process.env.AGENTTRACE_E2E_SCREENSHOTS ?? join(REPO, "build", "screenshots");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Real captures sent to the OTLP port, by the name the tests use. */
export const CAPTURES = {
  langgraphFail: "langgraph/002_fail_recursion_loop.pb",
  langgraphOk: "langgraph/001_ok_supervisor_handoff.pb",
  openaiFail: "openai_agents/002_openinference_fail_handoff_loop.pb",
  crewOk: "crewai/001_wrappers_ok_delegation.pb",
  genericOk: "generic/001_ok_handoff.pb",
  genericFail: "generic/002_fail_tool_loop.pb",
};
/** Sent during the test, to see a new trace appear without a reload. */
export const LATE_CAPTURE = "crewai/002_wrappers_fail_guardrail.pb";

export async function postCapture(path) {
  const body = readFileSync(join(REPO, "testdata", "otlp", path));
  const headers = { "Content-Type": path.includes(".json") ? "application/json" : "application/x-protobuf" };
  if (path.endsWith(".gz")) headers["Content-Encoding"] = "gzip";
  const res = await fetch(`${OTLP}/v1/traces`, { method: "POST", headers, body });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
}

const hex = (n) => Array.from({ length: n }, () => "0123456789abcdef"[Math.floor(Math.random() * 16)]).join("");
export const XSS_OUTPUT = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> done';

/** A small OTLP/JSON trace whose LLM output holds HTML that must stay text. */
export async function postXssTrace() {
  const traceId = hex(32);
  const root = hex(16);
  const child = hex(16);
  const now = BigInt(Date.now()) * 1_000_000n;
  const attr = (key, value) => ({ key, value: { stringValue: value } });
  const body = {
    resourceSpans: [{
      resource: { attributes: [attr("service.name", "e2e-untrusted-output")] },
      scopeSpans: [{
        scope: { name: "e2e" },
        spans: [
          { traceId, spanId: root, name: "xss probe", kind: 1, startTimeUnixNano: String(now), endTimeUnixNano: String(now + 50_000_000n),
            attributes: [attr("openinference.span.kind", "AGENT"), attr("agent.name", "prober"), attr("input.value", "say something")],
            status: { code: 1 } },
          { traceId, spanId: child, parentSpanId: root, name: "llm call", kind: 1, startTimeUnixNano: String(now + 5_000_000n), endTimeUnixNano: String(now + 40_000_000n),
            attributes: [attr("openinference.span.kind", "LLM"), attr("agent.name", "prober"), attr("input.value", "say something"), attr("output.value", XSS_OUTPUT)],
            status: { code: 1 } },
        ],
      }],
    }],
  };
  const res = await fetch(`${OTLP}/v1/traces`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST xss trace: ${res.status} ${await res.text()}`);
  return { traceId, spanId: child };
}

export async function getJson(path) {
  const res = await fetch(`${API}${path}`);
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
  return res.json();
}

export async function waitFor(what, check, timeoutMs = 90_000, everyMs = 500) {
  const until = Date.now() + timeoutMs;
  let last;
  while (Date.now() < until) {
    try {
      last = await check();
      if (last) return last;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
}

/** All traces (one page is enough here). */
export async function traces(query = "") {
  return (await getJson(`/api/v1/traces?limit=200${query}`)).items;
}

export async function launch({ colorScheme = "light" } = {}) {
  const userDataDir = mkdtempSync(join(tmpdir(), "agenttrace-e2e-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1440, height: 900 },
    colorScheme,
  });
  const errors = [];
  context.on("page", (page) => {
    page.on("pageerror", (e) => errors.push(e.message));
  });
  return {
    context,
    errors,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function shot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

function otlpJson(serviceName, spans) {
  return { resourceSpans: [{ resource: { attributes: [attrOf("service.name", serviceName)] }, scopeSpans: [{ scope: { name: "e2e" }, spans }] }] };
}
function attrOf(key, value) {
  return typeof value === "number" ? { key, value: { intValue: String(value) } } : { key, value: { stringValue: value } };
}
async function postJson(body) {
  const res = await fetch(`${OTLP}/v1/traces`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST OTLP/JSON: ${res.status} ${await res.text()}`);
}

/** A hand-written run with a checkpoint after each agent (agenttrace.checkpoint.* attributes). */
export async function postCheckpointTrace() {
  const traceId = hex(32);
  const root = hex(16);
  const t0 = BigInt(Date.now()) * 1_000_000n;
  const ms = (n) => String(t0 + BigInt(n) * 1_000_000n);
  const states = [
    { question: "sums", plan: ["2+2", "3*3"] },
    { question: "sums", plan: ["2+2", "3*3"], results: [4, 9] },
    { question: "sums", plan: ["2+2", "3*3"], results: [4, 9], answer: "4 and 9" },
  ];
  const agents = ["planner", "researcher", "writer"];
  const ids = states.map(() => crypto.randomUUID());
  const spans = [
    { traceId, spanId: root, name: "checkpointed run", kind: 1, startTimeUnixNano: ms(0), endTimeUnixNano: ms(40), attributes: [attrOf("agenttrace.framework", "manual")], status: { code: 1 } },
    ...states.map((state, i) => ({
      traceId, spanId: hex(16), parentSpanId: root, name: agents[i], kind: 1, startTimeUnixNano: ms(1 + i * 12), endTimeUnixNano: ms(11 + i * 12),
      attributes: [
        attrOf("openinference.span.kind", "AGENT"), attrOf("agent.name", agents[i]),
        attrOf("agenttrace.checkpoint.id", ids[i]), attrOf("agenttrace.checkpoint.name", `after ${agents[i]}`),
        attrOf("agenttrace.checkpoint.step", i), attrOf("agenttrace.checkpoint.state", JSON.stringify(state)),
        attrOf("agenttrace.checkpoint.agent", agents[i]), attrOf("agenttrace.checkpoint.framework", "manual"),
        ...(i ? [attrOf("agenttrace.checkpoint.parent_id", ids[i - 1])] : []),
      ],
      status: { code: 1 },
    })),
  ];
  await postJson(otlpJson("e2e-checkpoints", spans));
  return { traceId };
}

/** One trace of `n` spans (a few agents, nested a few levels), to check that the timeline stays fast. */
export async function postBigTrace(n = 10_000) {
  const traceId = hex(32);
  const t0 = BigInt(Date.now()) * 1_000_000n;
  const us = (k) => String(t0 + BigInt(k) * 1_000n);
  const root = hex(16);
  const spans = [{ traceId, spanId: root, name: "big run", kind: 1, startTimeUnixNano: us(0), endTimeUnixNano: us(n * 10 + 10), attributes: [], status: { code: 1 } }];
  let parent = root;
  for (let i = 1; i < n; i++) {
    const spanId = hex(16);
    const agent = ["alpha", "beta", "gamma", "delta"][Math.floor(i / 50) % 4];
    const isGroup = i % 50 === 1;
    spans.push({
      traceId, spanId, parentSpanId: isGroup ? root : parent, name: isGroup ? agent : `step ${i}`, kind: 1,
      startTimeUnixNano: us(i * 10), endTimeUnixNano: us(i * 10 + (isGroup ? 490 : 8)),
      attributes: [attrOf("openinference.span.kind", isGroup ? "AGENT" : i % 3 ? "LLM" : "TOOL"), attrOf("agent.name", agent)],
      status: { code: 1 },
    });
    if (isGroup) parent = spanId;
  }
  for (let i = 0; i < spans.length; i += 2500) await postJson(otlpJson("e2e-big", spans.slice(i, i + 2500)));
  return { traceId, n };
}

/**
 * Two runs for the cost views (OTLP/JSON, OTel GenAI attributes): "cost probe" has one LLM
 * call priced from its tokens (gpt-4o-mini, 2M input tokens: $0.30 at genai-prices' price)
 * and one with a model no price table knows; "cost probe unknown" has only the unknown one.
 */
export async function postCostTraces() {
  const now = BigInt(Date.now()) * 1_000_000n;
  const str = (key, value) => ({ key, value: { stringValue: value } });
  const int = (key, value) => ({ key, value: { intValue: String(value) } });
  const run = (name, calls) => {
    const traceId = hex(32);
    const root = hex(16);
    const spans = [
      { traceId, spanId: root, name, kind: 1, startTimeUnixNano: String(now), endTimeUnixNano: String(now + 90_000_000n),
        attributes: [str("gen_ai.operation.name", "invoke_agent"), str("gen_ai.agent.name", "accountant")], status: { code: 1 } },
      ...calls.map(([model, input, output], i) => ({
        traceId, spanId: hex(16), parentSpanId: root, name: `chat ${model}`, kind: 3,
        startTimeUnixNano: String(now + BigInt(i + 1) * 10_000_000n), endTimeUnixNano: String(now + BigInt(i + 1) * 10_000_000n + 5_000_000n),
        attributes: [str("gen_ai.operation.name", "chat"), str("gen_ai.system", "openai"), str("gen_ai.request.model", model), int("gen_ai.usage.input_tokens", input), int("gen_ai.usage.output_tokens", output)],
        status: { code: 1 },
      })),
    ];
    return { traceId, spans };
  };
  const priced = run("cost probe", [["gpt-4o-mini", 2_000_000, 0], ["acme-finetune-7", 10, 10]]);
  const unknown = run("cost probe unknown", [["acme-finetune-7", 10, 10]]);
  const body = {
    resourceSpans: [{
      resource: { attributes: [str("service.name", "e2e-cost")] },
      scopeSpans: [{ scope: { name: "e2e" }, spans: [...priced.spans, ...unknown.spans] }],
    }],
  };
  const res = await fetch(`${OTLP}/v1/traces`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST cost traces: ${res.status} ${await res.text()}`);
  return { priced: priced.traceId, unknown: unknown.traceId };
}
