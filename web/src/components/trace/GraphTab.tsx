import { useMemo, useState } from "react";
import { api, itemsOf } from "../../api/client";
import type { AgentMessage, Failures } from "../../api/types";
import { useAsync } from "../../hooks/useAsync";
import { factLines, layoutGraph } from "../../model/graphLayout";
import { messagesForEdge, USER_NODE } from "../../model/messages";
import { Empty, ErrorState, Loading } from "../States";
import { EdgeList, EdgeMessages } from "./EdgePanel";
import { GraphView } from "./GraphView";

export interface GraphTabProps {
  traceId: string;
  failures: Failures | undefined;
  onAgent: (agent: string) => void;
  onSpan: (spanId: string) => void;
}

/** Container: the agent graph, its connections and the messages of the selected one. */
export function GraphTab({ traceId, failures, onAgent, onSpan }: GraphTabProps) {
  const graph = useAsync((signal) => api.graph(traceId, signal), [traceId]);
  const messages = useAsync(
    (signal) => api.messages(traceId, signal).then((r) => itemsOf<AgentMessage>(r)).catch(() => [] as AgentMessage[]),
    [traceId],
  );
  const attributed = failures?.attribution?.agent ?? null;
  const layout = useMemo(() => (graph.data ? layoutGraph(graph.data, attributed) : null), [graph.data, attributed]);
  const [selected, setSelected] = useState<string | null>(null);
  const edge = layout?.edges.find((e) => e.id === selected) ?? null;
  const facts = graph.data ? factLines(graph.data) : [];

  if (graph.data === undefined) return graph.error ? <ErrorState error={graph.error} onRetry={graph.reload} /> : <Loading label="Laying out the agents…" />;
  if (!layout || layout.nodes.length === 0) return <Empty title="No agents found in this trace">The graph appears once the trace's agents are known.</Empty>;

  return (
    <div className="graph-tab">
      <div className="graph-main">
        <div className="graph-legend small">
          <span><i className="lg lg-attributed" /> attributed agent</span>
          <span><i className="lg lg-errpath" /> error propagation</span>
          <span><i className="lg lg-errors" /> has errors</span>
          <span className="muted">Node size: activity · click a node to see its spans, an edge for its messages</span>
        </div>
        <GraphView
          layout={layout}
          selectedEdge={selected}
          onEdge={setSelected}
          onNode={(n) => {
            if (n.layer === "agent" && n.id !== USER_NODE) onAgent(n.id);
          }}
        />
        {attributed || facts.length ? (
          <div className="graph-facts small">
            {attributed ? <div>Failure attributed to <strong>{attributed}</strong>{failures?.attribution?.step != null ? ` at step ${failures.attribution.step}` : ""}.</div> : null}
            {facts.map((line, i) => <div key={i}>{line}</div>)}
          </div>
        ) : null}
      </div>
      <aside className="graph-side">
        <h3>Connections</h3>
        <EdgeList edges={layout.edges} selected={selected} onSelect={setSelected} />
        {edge ? (
          messages.data ? (
            <EdgeMessages edge={edge} messages={messagesForEdge(messages.data, edge)} onSpan={onSpan} />
          ) : (
            <Loading label="Loading messages…" />
          )
        ) : (
          <p className="muted small">Select a connection to read its messages.</p>
        )}
      </aside>
    </div>
  );
}
