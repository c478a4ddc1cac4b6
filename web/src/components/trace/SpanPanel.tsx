import { useState } from "react";
import type { SpanFull } from "../../api/types";
import { attributeRows } from "../../model/content";
import { formatDuration, formatTime, formatTokens } from "../../model/format";
import { isErrorStatus } from "../../model/spanTree";
import { AgentChip, SpanTypeTag, StatusBadge } from "../Badges";
import { Cost } from "../Cost";
import { ContentView } from "./ContentView";

type Section = "io" | "attributes" | "events";

function tokenText(tokens: SpanFull["tokens"]): string | null {
  if (tokens === null || tokens === undefined) return null;
  if (typeof tokens === "number") return formatTokens(tokens);
  const { input, output, total } = tokens as Record<string, number | null | undefined>;
  if (input == null && output == null && total == null) return null;
  return `${formatTokens(input ?? null)} in · ${formatTokens(output ?? null)} out · ${formatTokens(total ?? (input ?? 0) + (output ?? 0))} total`;
}

/** One span in full: header, error, input/output, attributes, events, links. */
export function SpanPanel({ span, agentOrder, onClose, onAgent }: { span: SpanFull; agentOrder?: string[]; onClose?: () => void; onAgent?: (agent: string) => void }) {
  const [section, setSection] = useState<Section>("io");
  const tokens = tokenText(span.tokens);
  const attrs = attributeRows(span.attributes);
  const events = span.events ?? [];
  return (
    <aside className="span-panel" aria-label={`Span ${span.name}`}>
      <header className="sp-head">
        <div className="sp-title">
          <SpanTypeTag type={span.span_type} />
          <h2 title={span.name}>{span.name}</h2>
          {onClose ? (
            <button type="button" className="btn btn-ghost btn-icon" onClick={onClose} aria-label="Close span panel">✕</button>
          ) : null}
        </div>
        <dl className="sp-facts">
          <div><dt>Status</dt><dd><StatusBadge status={span.status} /></dd></div>
          {span.agent ? <div><dt>Agent</dt><dd><AgentChip name={span.agent} order={agentOrder} onClick={onAgent ? () => onAgent(span.agent!) : undefined} /></dd></div> : null}
          <div><dt>Duration</dt><dd>{formatDuration(span.duration_ms)}</dd></div>
          <div><dt>Start</dt><dd>{formatTime(span.start_time)}</dd></div>
          {span.model ? <div><dt>Model</dt><dd className="mono">{span.model}</dd></div> : null}
          {tokens ? <div><dt>Tokens</dt><dd>{tokens}</dd></div> : null}
          {span.span_type === "llm" ? <div><dt>Cost</dt><dd><Cost usd={span.cost_usd} unpriced={span.cost_usd == null ? 1 : 0} /></dd></div> : null}
          <div><dt>Span id</dt><dd className="mono">{span.span_id}</dd></div>
        </dl>
        {isErrorStatus(span.status) || span.status_message ? (
          <div className="sp-error" role="alert">
            <strong>Error</strong> {span.status_message ? <pre className="code text">{span.status_message}</pre> : null}
          </div>
        ) : null}
      </header>
      <div className="tabs tabs-small" role="tablist" aria-label="Span sections">
        {(["io", "attributes", "events"] as Section[]).map((s) => (
          <button key={s} type="button" role="tab" aria-selected={section === s} className={section === s ? "active" : ""} onClick={() => setSection(s)}>
            {s === "io" ? "Input / Output" : s === "attributes" ? `Attributes (${attrs.length})` : `Events (${events.length})`}
          </button>
        ))}
      </div>
      <div className="sp-body">
        {section === "io" ? (
          <>
            <h3>Input</h3>
            <ContentView value={span.input} label="Input" />
            <h3>Output</h3>
            <ContentView value={span.output} label="Output" />
          </>
        ) : null}
        {section === "attributes" ? (
          attrs.length ? (
            <table className="kv">
              <tbody>
                {attrs.map(([k, v]) => (
                  <tr key={k}><th className="mono">{k}</th><td className="mono">{v}</td></tr>
                ))}
              </tbody>
            </table>
          ) : <p className="muted small">No attributes.</p>
        ) : null}
        {section === "events" ? (
          events.length ? (
            <ol className="events">
              {events.map((ev, i) => (
                <li key={i} className={ev.name === "exception" ? "event-exception" : undefined}>
                  <div><strong>{ev.name}</strong> <span className="muted small">{formatTime(ev.timestamp)}</span></div>
                  {ev.attributes && Object.keys(ev.attributes).length ? (
                    <table className="kv"><tbody>{attributeRows(ev.attributes).map(([k, v]) => (
                      <tr key={k}><th className="mono">{k}</th><td><pre className="code text">{v}</pre></td></tr>
                    ))}</tbody></table>
                  ) : null}
                </li>
              ))}
            </ol>
          ) : <p className="muted small">No events.</p>
        ) : null}
        {section === "attributes" && span.links && span.links.length ? (
          <>
            <h3>Links</h3>
            <pre className="code json">{JSON.stringify(span.links, null, 2)}</pre>
          </>
        ) : null}
      </div>
    </aside>
  );
}
