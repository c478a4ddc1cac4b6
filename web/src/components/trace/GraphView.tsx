import {
  Background,
  BaseEdge,
  Controls,
  EdgeLabelRenderer,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  getBezierPath,
  type Edge,
  type EdgeProps,
  type Node,
  type NodeProps,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useMemo } from "react";
import { agentColor } from "../../model/colors";
import { costTitle, formatCost, formatTokens } from "../../model/format";
import type { GraphLayout, LayoutEdge, LayoutNode } from "../../model/graphLayout";

type AgentNodeType = Node<LayoutNode & { colour: string; [k: string]: unknown }, "agent">;
type KindEdgeType = Edge<LayoutEdge & { selected: boolean; onSelect: (id: string) => void; [k: string]: unknown }, "kind">;

export function nodeLabel(n: LayoutNode): string {
  const parts = [`${n.layer} ${n.name}`];
  if (n.role) parts.push(`role ${n.role}`);
  parts.push(`${n.activity} spans`);
  if (n.layer === "agent" && (n.costUsd !== null || n.unpricedLlm > 0)) parts.push(`cost ${formatCost(n.costUsd, n.unpricedLlm)}`);
  if (n.errors) parts.push(`${n.errors} errors`);
  if (n.attributed) parts.push("failure attributed here");
  if (n.onErrorPath) parts.push("on the error propagation path");
  return parts.join(", ");
}

function AgentNode({ data }: NodeProps<AgentNodeType>) {
  const cls = ["graph-node", `layer-${data.layer}`, data.errors ? "has-errors" : "", data.attributed ? "attributed" : "", data.onErrorPath ? "on-error-path" : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div
      className={cls}
      style={{ width: data.width, height: data.height, "--agent": data.colour } as React.CSSProperties}
      aria-label={nodeLabel(data)}
      title={nodeLabel(data)}
      data-agent={data.name}
      role="button"
      tabIndex={0}
    >
      <Handle type="target" position={Position.Left} className="graph-handle" />
      <div className="gn-name" title={data.name}>{data.layer !== "agent" ? <span className="gn-layer">{data.layer}</span> : null}{data.name}</div>
      {data.role && data.layer === "agent" ? (
        <div className="gn-role" title={data.role}>
          {data.role}
        </div>
      ) : null}
      <div className="gn-meta">
        <span>{data.activity} spans</span>
        {data.tokens ? <span>{formatTokens(data.tokens)} tok</span> : null}
        {data.layer === "agent" && (data.costUsd !== null || data.unpricedLlm > 0) ? (
          <span className="gn-cost" title={costTitle(data.costUsd, data.unpricedLlm)}>{formatCost(data.costUsd, data.unpricedLlm)}</span>
        ) : null}
      </div>
      {data.errors ? <span className="gn-errors" title={`${data.errors} errors`}>⚠ {data.errors}</span> : null}
      {data.attributed ? <span className="gn-flag">attributed</span> : null}
      <Handle type="source" position={Position.Right} className="graph-handle" />
    </div>
  );
}

function KindEdge({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, data }: EdgeProps<KindEdgeType>) {
  const shift = data?.hasReverse ? (data.source < data.target ? -14 : 14) : 0;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY: sourceY + shift, targetX, targetY: targetY + shift, sourcePosition, targetPosition });
  if (!data) return null;
  const width = Math.min(6, 1.5 + Math.log2(1 + data.count));
  const cls = `graph-edge kind-${data.kind}${data.onErrorPath ? " on-error-path" : ""}${data.selected ? " selected" : ""}`;
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={cls} style={{ strokeWidth: width }} interactionWidth={16} />
      <EdgeLabelRenderer>
        <button
          type="button"
          className={`edge-label nodrag nopan kind-${data.kind}${data.onErrorPath ? " on-error-path" : ""}${data.selected ? " selected" : ""}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY + shift}px)` }}
          aria-label={`${data.kind} from ${data.source} to ${data.target}, ${data.count} times`}
          title={`${data.source} → ${data.target}: ${data.kind} ×${data.count}`}
          data-edge={data.id}
          onClick={() => data.onSelect(data.id)}
        >
          {data.label}
        </button>
      </EdgeLabelRenderer>
    </>
  );
}

const nodeTypes = { agent: AgentNode };
const edgeTypes = { kind: KindEdge };

export interface GraphViewProps {
  layout: GraphLayout;
  selectedEdge: string | null;
  onEdge: (edgeId: string) => void;
  onNode: (node: LayoutNode) => void;
}

/** The agent graph, drawn by React Flow from a dagre layout. */
export function GraphView({ layout, selectedEdge, onEdge, onNode }: GraphViewProps) {
  const agentOrder = useMemo(() => layout.nodes.filter((n) => n.layer === "agent").map((n) => n.id), [layout]);
  const nodes: AgentNodeType[] = useMemo(
    () =>
      layout.nodes.map((n) => ({
        id: n.id,
        type: "agent",
        position: { x: n.x, y: n.y },
        data: { ...n, colour: n.layer === "agent" ? agentColor(n.id, agentOrder) : n.layer === "tool" ? "#f59e0b" : "#64748b" },
        draggable: true,
        ariaLabel: nodeLabel(n),
      })),
    [layout, agentOrder],
  );
  const edges: KindEdgeType[] = useMemo(
    () =>
      layout.edges.map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        type: "kind",
        data: { ...e, selected: e.id === selectedEdge, onSelect: onEdge },
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: e.onErrorPath ? "#ef4444" : "#94a3b8" },
        ariaLabel: `${e.kind} from ${e.source} to ${e.target}, ${e.count} times`,
      })),
    [layout, selectedEdge, onEdge],
  );
  return (
    <div className="graph-canvas" aria-label="Agent graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        fitView
        fitViewOptions={{ padding: 0.15 }}
        minZoom={0.2}
        maxZoom={2}
        onNodeClick={(_, node) => onNode(node.data)}
        onEdgeClick={(_, edge) => onEdge(edge.id)}
        proOptions={{ hideAttribution: true }}
        colorMode="system"
      >
        <Background gap={24} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
