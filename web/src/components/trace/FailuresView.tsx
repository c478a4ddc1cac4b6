import { useState } from "react";
import type { Annotation, Attribution, Verdict } from "../../api/types";
import { agentColor } from "../../model/colors";
import { annotationState, evidenceItems, groupAnnotations, MAST_MODES, modeName, rankingBars, type MastCode } from "../../model/failures";
import { formatPercent } from "../../model/format";
import { AgentChip, FailureBadge } from "../Badges";
import { Empty } from "../States";

export interface FailuresViewProps {
  annotations: Annotation[];
  attribution: Attribution | null;
  agents: string[];
  verdict: Verdict | undefined;
  analysisState?: string | null;
  busy?: boolean;
  onJump: (spanId: string) => void;
  onReview: (annotation: Annotation, status: "confirmed" | "rejected") => void;
  onAdd: (label: { mode: MastCode; agent?: string; span_id?: string; explanation?: string }) => void;
  onVerdict: (verdict: Verdict) => void;
  onAnalyze?: () => void;
}

export function FailuresView(props: FailuresViewProps) {
  const { annotations, attribution, agents, onJump, onReview } = props;
  const groups = groupAnnotations(annotations);
  return (
    <div className="failures">
      <div className="failures-main">
        <VerdictBar {...props} />
        {groups.length === 0 ? (
          <Empty title={props.analysisState && props.analysisState !== "done" ? "The analysis has not finished" : "No failure detected"}>
            {props.analysisState && props.analysisState !== "done"
              ? `Analysis state: ${props.analysisState}. This page refreshes by itself.`
              : "The detectors found no MAST failure mode in this run. Add a label below if you see one."}
          </Empty>
        ) : (
          groups.map((group) => (
            <section key={group.category.key} className="fm-group" aria-labelledby={`cat-${group.category.key}`}>
              <h3 id={`cat-${group.category.key}`}>
                {group.category.title} <span className="muted small">{group.category.description}</span>
              </h3>
              {group.annotations.map((a) => (
                <AnnotationCard key={a.id} annotation={a} agents={agents} onJump={onJump} onReview={onReview} busy={props.busy} />
              ))}
            </section>
          ))
        )}
        <AddLabel agents={agents} onAdd={props.onAdd} busy={props.busy} />
      </div>
      <aside className="failures-side">
        <AttributionPanel attribution={attribution} agents={agents} onJump={onJump} />
      </aside>
    </div>
  );
}

function VerdictBar({ verdict, onVerdict, onAnalyze, busy, analysisState }: FailuresViewProps) {
  return (
    <div className="verdict-bar">
      <span>Your verdict on this run:</span>
      <div className="seg" role="group" aria-label="Verdict">
        <button type="button" aria-pressed={verdict === "failed"} className={verdict === "failed" ? "active bad" : ""} disabled={busy} onClick={() => onVerdict(verdict === "failed" ? null : "failed")}>Failed</button>
        <button type="button" aria-pressed={verdict === "good"} className={verdict === "good" ? "active good" : ""} disabled={busy} onClick={() => onVerdict(verdict === "good" ? null : "good")}>Good</button>
      </div>
      {onAnalyze ? (
        <button type="button" className="btn btn-small" disabled={busy || analysisState === "running"} onClick={onAnalyze}>
          {analysisState === "running" || analysisState === "pending" ? "Analysing…" : "Analyse again"}
        </button>
      ) : null}
    </div>
  );
}

function AnnotationCard({ annotation: a, agents, onJump, onReview, busy }: { annotation: Annotation; agents: string[]; onJump: (id: string) => void; onReview: FailuresViewProps["onReview"]; busy?: boolean }) {
  const state = annotationState(a);
  const allEvidence = evidenceItems(a.evidence, a.span_id ?? null);
  const [expanded, setExpanded] = useState(false);
  const evidence = expanded ? allEvidence : allEvidence.slice(0, 3);
  return (
    <article className={`fm-card state-${state}`} aria-label={`${a.mode} ${modeName(a.mode, a.name)}`}>
      <header>
        <FailureBadge mode={a.mode} />
        <strong>{modeName(a.mode, a.name)}</strong>
        {a.agent ? <AgentChip name={a.agent} order={agents} /> : null}
        <span className="spacer" />
        {a.confidence != null ? <span className="conf" title="confidence">{formatPercent(a.confidence)}</span> : null}
        <span className="muted small">{a.source ?? "detector"}</span>
        <span className={`review review-${state}`}>{state === "open" ? "proposed" : state}</span>
      </header>
      {a.explanation ? <p className="fm-expl">{a.explanation}</p> : null}
      {evidence.length ? (
        <ul className="evidence" aria-label="Evidence">
          {evidence.map((e, i) => (
            <li key={i}>
              {e.spanId ? (
                <button type="button" className="evidence-link" onClick={() => onJump(e.spanId!)} title="Show this span in the timeline">
                  <span className="quote">{e.text}</span> <span className="muted mono small">{e.spanId.slice(0, 8)}</span> <span className="jump">→ span</span>
                </button>
              ) : (
                <span className="quote">{e.text}</span>
              )}
            </li>
          ))}
          {allEvidence.length > 3 ? (
            <li>
              <button type="button" className="link-btn small" onClick={() => setExpanded(!expanded)}>
                {expanded ? "Show less" : `Show ${allEvidence.length - 3} more`}
              </button>
            </li>
          ) : null}
        </ul>
      ) : a.span_id ? (
        <button type="button" className="evidence-link" onClick={() => onJump(a.span_id!)}>Show span → </button>
      ) : null}
      <footer>
        <button type="button" className="btn btn-small" disabled={busy || state === "confirmed"} onClick={() => onReview(a, "confirmed")}>Confirm</button>
        <button type="button" className="btn btn-small btn-ghost" disabled={busy || state === "rejected"} onClick={() => onReview(a, "rejected")}>Reject</button>
      </footer>
    </article>
  );
}

function AttributionPanel({ attribution, agents, onJump }: { attribution: Attribution | null; agents: string[]; onJump: (id: string) => void }) {
  const [allReasons, setAllReasons] = useState(false);
  if (!attribution || !attribution.agent) {
    return (
      <section className="attribution" aria-label="Attribution">
        <h3>Attribution</h3>
        <p className="muted small">No agent is blamed for this run.</p>
      </section>
    );
  }
  return (
    <section className="attribution" aria-label="Attribution">
      <h3>Attribution</h3>
      <div className="attr-top">
        <span className="muted small">Most responsible</span>
        <AgentChip name={attribution.agent} order={agents} />
        {attribution.confidence != null ? <span className="conf">{formatPercent(attribution.confidence)}</span> : null}
      </div>
      {attribution.step != null || attribution.span_id ? (
        <div className="small">
          Decisive step {attribution.step ?? "?"}
          {attribution.span_id ? (
            <> · <button type="button" className="link-btn" onClick={() => onJump(attribution.span_id!)}>show span</button></>
          ) : null}
        </div>
      ) : null}
      {attribution.reasons?.length ? (
        <ul className="reasons">
          {(allReasons ? attribution.reasons : attribution.reasons.slice(0, 4)).map((r, i) => <li key={i}>{typeof r === "string" ? r : JSON.stringify(r)}</li>)}
          {attribution.reasons.length > 4 ? (
            <li className="no-bullet">
              <button type="button" className="link-btn small" onClick={() => setAllReasons(!allReasons)}>
                {allReasons ? "Show fewer reasons" : `Show all ${attribution.reasons.length} reasons`}
              </button>
            </li>
          ) : null}
        </ul>
      ) : null}
      <h4>Ranking</h4>
      <ol className="ranking">
        {rankingBars(attribution).map((r) => (
          <li key={r.agent}>
            <div className="rank-row">
              <span className="rank-name">{r.agent}</span>
              <span className="rank-bar"><span style={{ width: `${r.share * 100}%`, background: agentColor(r.agent, agents) }} /></span>
              <span className="muted small num">{r.score.toFixed(2)}</span>
            </div>
            {r.reasons?.length && r.agent !== attribution.agent ? (
              <ul className="reasons small">{r.reasons.slice(0, 4).map((x, i) => <li key={i}>{typeof x === "string" ? x : JSON.stringify(x)}</li>)}</ul>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function AddLabel({ agents, onAdd, busy }: { agents: string[]; onAdd: FailuresViewProps["onAdd"]; busy?: boolean }) {
  const [mode, setMode] = useState<MastCode>("FM-1.1");
  const [agent, setAgent] = useState("");
  const [spanId, setSpanId] = useState("");
  const [explanation, setExplanation] = useState("");
  return (
    <details className="add-label">
      <summary>Add a label</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onAdd({ mode, agent: agent || undefined, span_id: spanId.trim() || undefined, explanation: explanation.trim() || undefined });
          setExplanation("");
        }}
      >
        <label>Failure mode
          <select value={mode} onChange={(e) => setMode(e.target.value as MastCode)}>
            {Object.entries(MAST_MODES).map(([code, name]) => <option key={code} value={code}>{code} {name}</option>)}
          </select>
        </label>
        <label>Agent
          <select value={agent} onChange={(e) => setAgent(e.target.value)}>
            <option value="">(whole run)</option>
            {agents.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </label>
        <label>Span id <input value={spanId} onChange={(e) => setSpanId(e.target.value)} placeholder="optional, 16 hex" pattern="[0-9a-fA-F]{16}" /></label>
        <label className="wide">Explanation <textarea value={explanation} onChange={(e) => setExplanation(e.target.value)} rows={2} /></label>
        <button type="submit" className="btn" disabled={busy}>Add label</button>
      </form>
    </details>
  );
}
