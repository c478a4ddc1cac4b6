// End-to-end: the Sessions page, a session's conversation timeline, the trace list filtered to a
// session and the way back from a run. A three-turn chat (one turn fails) is sent over OTLP/JSON
// with `session.id`; another session uses `gen_ai.conversation.id`.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { API, OTLP, getJson, launch, shot, waitFor } from "./support.mjs";

const T = 20_000;
const hex = (n) => Array.from({ length: n }, () => "0123456789abcdef"[Math.floor(Math.random() * 16)]).join("");
const attr = (key, value) => ({ key, value: { stringValue: value } });

const CHAT = `e2e-chat-${hex(6)}`;
const CONVERSATION = `e2e-conv-${hex(6)}`;
const TURNS = [
  { ask: "Find me a flight from Frankfurt to San Francisco on Friday.", answer: "LH454 leaves FRA at 13:20 and lands at 15:55.", ok: true },
  { ask: "Book it, window seat please.", answer: "The booking tool failed: payment gateway unavailable.", ok: false },
  { ask: "Try again with the other card.", answer: "Booked LH454, seat 31A. Confirmation QX7K2.", ok: true },
];

const BASE_MS = Date.now() - 120_000; // the turns' times, fixed however slow the sending is
let browser;
let page;
const traceIds = [];

async function postTurn(key, sessionId, turn, offsetMs) {
  const traceId = hex(32);
  const root = hex(16);
  const t0 = BigInt(BASE_MS + offsetMs) * 1_000_000n;
  const ms = (n) => String(t0 + BigInt(n) * 1_000_000n);
  const body = {
    resourceSpans: [{
      resource: { attributes: [attr("service.name", "e2e-sessions")] },
      scopeSpans: [{
        scope: { name: "e2e" },
        spans: [
          { traceId, spanId: root, name: "travel chat turn", kind: 1, startTimeUnixNano: ms(0), endTimeUnixNano: ms(900),
            attributes: [attr(key, sessionId), attr("input.value", turn.ask), attr("output.value", turn.answer)], status: { code: 1 } },
          { traceId, spanId: hex(16), parentSpanId: root, name: "booker", kind: 1, startTimeUnixNano: ms(10), endTimeUnixNano: ms(800),
            attributes: [attr("openinference.span.kind", "AGENT"), attr("agent.name", "booker"), attr(key, sessionId)],
            status: turn.ok ? { code: 1 } : { code: 2, message: "payment gateway unavailable" } },
        ],
      }],
    }],
  };
  const res = await fetch(`${OTLP}/v1/traces`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST turn: ${res.status} ${await res.text()}`);
  return traceId;
}

before(async () => {
  for (const [i, turn] of TURNS.entries()) traceIds.push(await postTurn("session.id", CHAT, turn, i * 20_000));
  await postTurn("gen_ai.conversation.id", CONVERSATION, TURNS[0], 50_000);
  await waitFor("both sessions", async () => {
    const items = (await getJson("/api/v1/sessions?project=e2e-sessions")).items;
    const chat = items.find((s) => s.session_id === CHAT);
    return chat?.trace_count === 3 && items.some((s) => s.session_id === CONVERSATION);
  });
  browser = await launch();
  page = await browser.context.newPage();
  page.setDefaultTimeout(T);
});

after(async () => {
  await browser?.close();
});

describe("sessions", () => {
  test("the Sessions page lists sessions with their runs and what they began with", async () => {
    await page.goto(`${API}/traces`);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sessions" }).click();
    await page.waitForURL(/\/sessions$/);
    const row = page.locator(`tr[data-session-id="${CHAT}"]`);
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, /Error/);
    assert.match(text, /3 \(1 failed\)/);
    assert.match(text, /Find me a flight from Frankfurt/);
    assert.match(text, /booker/);
    await page.locator(`tr[data-session-id="${CONVERSATION}"]`).waitFor();
    await shot(page, "17-sessions");
  });

  test("a session reads as a conversation, run by run, with links to each run", async () => {
    await page.locator(`tr[data-session-id="${CHAT}"]`).getByRole("link", { name: CHAT }).click();
    await page.waitForURL(new RegExp(`/sessions/${CHAT}`));
    const turns = page.locator(".session-timeline > li");
    await turns.nth(2).waitFor();
    assert.deepEqual(await turns.evaluateAll((els) => els.map((el) => el.getAttribute("data-trace-id"))), traceIds);
    for (const [i, turn] of TURNS.entries()) {
      const text = await turns.nth(i).innerText();
      assert.ok(text.includes(turn.ask) && text.includes(turn.answer), text);
      assert.match(text, turn.ok ? /OK/ : /Error/);
    }
    assert.match(await turns.nth(1).innerText(), /19\.1s later/);
    await shot(page, "18-session");
    await turns.nth(1).getByRole("link", { name: "travel chat turn" }).click();
    await page.waitForURL(new RegExp(`/traces/${traceIds[1]}`));
    const back = page.locator(".session-link");
    assert.equal(await back.innerText(), CHAT);
    await back.click();
    await page.waitForURL(new RegExp(`/sessions/${CHAT}`));
  });

  test("the trace list filtered to the session shows its runs only", async () => {
    await page.getByRole("link", { name: /Runs in the trace list/ }).click();
    await page.waitForURL(/session_id=/);
    await page.locator(".session-filter").waitFor();
    await page.locator(`tr[data-trace-id="${traceIds[2]}"]`).waitFor();
    const rows = await page.locator("tbody tr").evaluateAll((els) => els.map((el) => el.getAttribute("data-trace-id")));
    assert.deepEqual(new Set(rows), new Set(traceIds));
    await shot(page, "19-traces-of-session");
    await page.getByRole("button", { name: "Show all runs" }).click();
    await page.waitForURL((url) => !url.search.includes("session_id"));
  });

  test("an unknown session says so", async () => {
    await page.goto(`${API}/sessions/no-such-session`);
    await page.getByText("Not found", { exact: true }).waitFor();
  });

  test("no uncaught errors in the page", () => {
    assert.deepEqual(browser.errors, []);
  });
});
