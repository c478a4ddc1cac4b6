import { useCallback, useEffect, useMemo, useState } from "react";
import { allSpans, api } from "../../api/client";
import { useAsync } from "../../hooks/useAsync";
import type { KeyAction } from "../../model/keyboard";
import { ancestorIds, buildSpanTree, parentIds, visibleRows } from "../../model/spanTree";
import { AgentChip } from "../Badges";
import { Empty, ErrorState, Loading } from "../States";
import { SpanPanel } from "./SpanPanel";
import { Timeline } from "./Timeline";

export interface TimelineViewProps {
  traceId: string;
  selectedSpan: string | null;
  agent: string | null;
  onSelectSpan: (spanId: string | null) => void;
  onAgent: (agent: string | null) => void;
}

/** Container: loads the spans, keeps collapsed state, follows the selected span and agent filter. */
export function TimelineView({ traceId, selectedSpan, agent, onSelectSpan, onAgent }: TimelineViewProps) {
  const spans = useAsync((signal) => allSpans(traceId, signal), [traceId]);
  const tree = useMemo(() => (spans.data ? buildSpanTree(spans.data) : null), [spans.data]);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const rows = useMemo(() => (tree ? visibleRows(tree, { collapsed, agent }) : []), [tree, collapsed, agent]);
  const [cursor, setCursor] = useState<string | null>(selectedSpan);

  // A deep link to a span inside collapsed parents opens them.
  useEffect(() => {
    if (!tree || !selectedSpan) return;
    setCursor(selectedSpan);
    const hidden = ancestorIds(tree, selectedSpan).filter((id) => collapsed.has(id));
    if (hidden.length) setCollapsed((c) => new Set([...c].filter((id) => !hidden.includes(id))));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tree, selectedSpan]);

  const onAction = useCallback(
    (action: NonNullable<KeyAction>) => {
      switch (action.type) {
        case "select":
          setCursor(action.spanId);
          if (selectedSpan) onSelectSpan(action.spanId);
          break;
        case "open":
          setCursor(action.spanId);
          onSelectSpan(action.spanId);
          break;
        case "close":
          onSelectSpan(null);
          break;
        case "collapse":
          setCollapsed((c) => new Set(c).add(action.spanId));
          break;
        case "expand":
          setCollapsed((c) => {
            const next = new Set(c);
            next.delete(action.spanId);
            return next;
          });
          break;
      }
    },
    [onSelectSpan, selectedSpan],
  );

  const span = useAsync((signal) => (selectedSpan ? api.span(traceId, selectedSpan, signal) : Promise.resolve(null)), [traceId, selectedSpan]);

  if (spans.data === undefined) return spans.error ? <ErrorState error={spans.error} onRetry={spans.reload} /> : <Loading label="Loading spans…" />;
  if (!tree || tree.size === 0) return <Empty title="This trace has no spans yet">Spans appear as they arrive.</Empty>;

  return (
    <div className={`timeline-view${selectedSpan ? " with-panel" : ""}`}>
      <div className="timeline-main">
        <div className="toolbar">
          <span className="muted small">{tree.size.toLocaleString()} spans</span>
          <button type="button" className="btn btn-small" onClick={() => setCollapsed(new Set())}>Expand all</button>
          <button type="button" className="btn btn-small" onClick={() => setCollapsed(parentIds(tree))}>Collapse all</button>
          <span className="toolbar-sep" />
          <span className="muted small">Agents:</span>
          {tree.agents.map((a) => (
            <button
              key={a}
              type="button"
              className={`agent-filter${agent === a ? " active" : ""}`}
              aria-pressed={agent === a}
              onClick={() => onAgent(agent === a ? null : a)}
            >
              <AgentChip name={a} order={tree.agents} />
            </button>
          ))}
          {agent ? (
            <button type="button" className="btn btn-small btn-ghost" onClick={() => onAgent(null)}>Show all agents</button>
          ) : null}
          <span className="toolbar-hint muted small">↑↓ move · ←→ fold · Enter open · Esc close</span>
        </div>
        {rows.length ? (
          <Timeline tree={tree} rows={rows} selectedId={cursor} onAction={onAction} />
        ) : (
          <Empty title={`No spans of ${agent ?? "this agent"}`} />
        )}
      </div>
      {selectedSpan ? (
        span.data ? (
          <SpanPanel span={span.data} agentOrder={tree.agents} onClose={() => onSelectSpan(null)} onAgent={(a) => onAgent(a)} />
        ) : (
          <aside className="span-panel">{span.error ? <ErrorState error={span.error} onRetry={span.reload} /> : <Loading label="Loading span…" />}</aside>
        )
      ) : null}
    </div>
  );
}
