import { agentColor } from "../model/colors";
import { modeName } from "../model/failures";

export function StatusBadge({ status }: { status: string | null | undefined }) {
  const s = status ?? "unset";
  const label = s === "error" ? "Error" : s === "ok" ? "OK" : "Unset";
  return (
    <span className={`status status-${s}`} title={`status: ${s}`}>
      <span className="status-dot" aria-hidden="true" />
      {label}
    </span>
  );
}

export function FailureBadge({ mode, onClick }: { mode: string; onClick?: () => void }) {
  const cat = /^FM-(\d)/.exec(mode)?.[1] ?? "x";
  const content = (
    <>
      {mode}
      <span className="sr-only"> {modeName(mode)}</span>
    </>
  );
  return onClick ? (
    <button type="button" className={`fm-badge fm-cat-${cat}`} title={modeName(mode)} onClick={onClick}>
      {content}
    </button>
  ) : (
    <span className={`fm-badge fm-cat-${cat}`} title={modeName(mode)}>
      {content}
    </span>
  );
}

export function AgentChip({ name, order, onClick }: { name: string; order?: readonly string[]; onClick?: () => void }) {
  const style = { "--agent": agentColor(name, order) } as React.CSSProperties;
  if (onClick)
    return (
      <button type="button" className="agent-chip" style={style} onClick={onClick} title={`agent ${name}`}>
        {name}
      </button>
    );
  return (
    <span className="agent-chip" style={style} title={`agent ${name}`}>
      {name}
    </span>
  );
}

export function SpanTypeTag({ type }: { type: string }) {
  return <span className={`type-tag type-${type}`}>{type}</span>;
}
