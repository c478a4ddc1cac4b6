import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef } from "react";
import { agentColor, SPAN_TYPE_ICONS, spanTypeColor } from "../../model/colors";
import { formatDuration } from "../../model/format";
import { keyAction, type KeyAction } from "../../model/keyboard";
import { barGeometry, timeTicks, type Row, type SpanTree } from "../../model/spanTree";

export const ROW_HEIGHT = 28;
const MAX_INDENT_LEVELS = 24;

export interface TimelineProps {
  tree: SpanTree;
  rows: Row[];
  selectedId: string | null;
  onAction: (action: NonNullable<KeyAction>) => void;
}

/**
 * The span tree and the waterfall side by side, one virtualized list: only the rows on screen
 * are in the DOM, so 10,000 spans scroll like 10.
 */
export function Timeline({ tree, rows, selectedId, onAction }: TimelineProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const selectedIndex = selectedId ? rows.findIndex((r) => r.node.span.span_id === selectedId) : -1;

  // The first time a span is shown (deep link, evidence jump) centre it; then follow the keys.
  const shown = useRef(false);
  useEffect(() => {
    if (selectedIndex < 0) return;
    virtualizer.scrollToIndex(selectedIndex, { align: shown.current ? "auto" : "center" });
    shown.current = true;
  }, [selectedIndex, virtualizer]);

  const total = tree.endMs - tree.startMs;
  const ticks = timeTicks(total);
  const pageSize = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / ROW_HEIGHT) - 1);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const action = keyAction(rows, selectedId, e.key, pageSize);
    if (action) {
      e.preventDefault();
      onAction(action);
    }
  };

  return (
    <div className="timeline">
      <div className="timeline-head" aria-hidden="true">
        <div className="tl-tree-col">Span</div>
        <div className="tl-bar-col ruler">
          {ticks.map((t) => (
            <span key={t} className="tick" style={{ left: `${total > 0 ? (t / total) * 100 : 0}%` }}>
              {formatDuration(t)}
            </span>
          ))}
        </div>
      </div>
      <div
        ref={scrollRef}
        className="timeline-body"
        role="tree"
        aria-label="Spans"
        tabIndex={0}
        aria-activedescendant={selectedId ? `span-row-${selectedId}` : undefined}
        onKeyDown={onKeyDown}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            const { span } = row.node;
            const geo = barGeometry(row.node, tree);
            const selected = span.span_id === selectedId;
            const colour = span.agent ? agentColor(span.agent, tree.agents) : spanTypeColor(span.span_type);
            return (
              <div
                key={span.span_id}
                id={`span-row-${span.span_id}`}
                role="treeitem"
                aria-level={row.depth + 1}
                aria-selected={selected}
                aria-expanded={row.hasChildren ? !row.collapsed : undefined}
                aria-label={`${span.name}${span.agent ? `, agent ${span.agent}` : ""}, ${span.span_type}, ${formatDuration(row.node.endMs - row.node.startMs)}${row.node.isError ? ", error" : ""}`}
                data-span-id={span.span_id}
                className={`tl-row${selected ? " selected" : ""}${row.dimmed ? " dimmed" : ""}${row.node.isError ? " error" : ""}`}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={() => onAction({ type: "open", spanId: span.span_id })}
              >
                <div className="tl-tree-col" style={{ paddingLeft: 6 + Math.min(row.depth, MAX_INDENT_LEVELS) * 14 }}>
                  {row.hasChildren ? (
                    <button
                      type="button"
                      tabIndex={-1}
                      className="tl-toggle"
                      aria-label={row.collapsed ? "Expand" : "Collapse"}
                      onClick={(e) => {
                        e.stopPropagation();
                        onAction({ type: row.collapsed ? "expand" : "collapse", spanId: span.span_id });
                      }}
                    >
                      {row.collapsed ? "▸" : "▾"}
                    </button>
                  ) : (
                    <span className="tl-toggle-pad" />
                  )}
                  <span className="tl-icon" style={{ background: spanTypeColor(span.span_type) }} title={span.span_type}>
                    {SPAN_TYPE_ICONS[span.span_type] ?? "·"}
                  </span>
                  <span className="tl-name" title={span.name}>{span.name}</span>
                  {span.agent ? (
                    <span className="tl-agent" style={{ color: agentColor(span.agent, tree.agents) }}>{span.agent}</span>
                  ) : null}
                  {row.collapsed && row.node.descendants ? <span className="tl-count">+{row.node.descendants}</span> : null}
                </div>
                <div className="tl-bar-col">
                  <div
                    className="tl-bar"
                    style={{ left: `${geo.left * 100}%`, width: `max(2px, ${geo.width * 100}%)`, background: colour, borderLeftColor: spanTypeColor(span.span_type) }}
                  />
                  <span className="tl-dur" style={geo.left + geo.width > 0.8 ? { right: `${(1 - geo.left) * 100 + 0.5}%` } : { left: `${(geo.left + geo.width) * 100 + 0.5}%` }}>
                    {formatDuration(row.node.endMs - row.node.startMs)}
                  </span>
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
