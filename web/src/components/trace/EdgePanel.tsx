import type { AgentMessage } from "../../api/types";
import { contentText } from "../../model/content";
import { formatTime } from "../../model/format";
import type { LayoutEdge } from "../../model/graphLayout";
import { USER_NODE } from "../../model/messages";

function who(id: string): string {
  if (id === USER_NODE) return "user";
  return id.startsWith("tool:") ? id.slice(5) : id;
}

/** The list of connections (an accessible alternative to clicking the drawing). */
export function EdgeList({ edges, selected, onSelect }: { edges: LayoutEdge[]; selected: string | null; onSelect: (id: string) => void }) {
  return (
    <ul className="edge-list" aria-label="Connections">
      {edges.map((e) => (
        <li key={e.id}>
          <button
            type="button"
            className={`edge-item${e.id === selected ? " selected" : ""}${e.onErrorPath ? " on-error-path" : ""}`}
            aria-pressed={e.id === selected}
            onClick={() => onSelect(e.id)}
            data-edge={e.id}
          >
            <span className="edge-ends">{who(e.source)} → {who(e.target)}</span>
            <span className={`kind-pill kind-${e.kind}`}>{e.kind}</span>
            <span className="muted">×{e.count}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The messages (or spans) behind one edge. */
export function EdgeMessages({ edge, messages, onSpan }: { edge: LayoutEdge; messages: AgentMessage[]; onSpan: (spanId: string) => void }) {
  return (
    <section className="edge-messages" aria-label={`Messages ${who(edge.source)} to ${who(edge.target)}`}>
      <h3>
        {who(edge.source)} → {who(edge.target)} <span className={`kind-pill kind-${edge.kind}`}>{edge.kind}</span>
        <span className="muted small"> ×{edge.count}</span>
      </h3>
      {messages.length ? (
        <ol className="messages">
          {messages.map((m, i) => (
            <li key={m.id ?? i} className="message">
              <div className="message-head">
                <span className="muted small">{formatTime(m.timestamp)}</span>
                {m.span_id ? (
                  <button type="button" className="link-btn small" onClick={() => onSpan(m.span_id!)}>open span</button>
                ) : null}
              </div>
              <div className="message-text">{contentText(m.content) || <span className="muted">{m.kind} from {who(m.from_agent ?? USER_NODE)} to {m.to_agent === "*" ? "everyone" : who(m.to_agent ?? USER_NODE)}, no text recorded</span>}</div>
            </li>
          ))}
        </ol>
      ) : edge.spanIds.length ? (
        <>
          <p className="muted small">No messages recorded on this edge; the spans behind it:</p>
          <ul className="span-links">
            {edge.spanIds.map((id) => (
              <li key={id}><button type="button" className="link-btn mono small" onClick={() => onSpan(id)}>{id}</button></li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted small">No messages recorded on this edge.</p>
      )}
    </section>
  );
}
