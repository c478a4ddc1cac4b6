import { Link } from "react-router-dom";
import { formatDuration, formatTime, formatTokens } from "../../model/format";
import type { Turn } from "../../model/sessions";
import { Cost } from "../Cost";
import { AgentChip, FailureBadge, StatusBadge } from "../Badges";

/** A session's runs as a conversation: each run's input, then its answer, with its failures. */
export function SessionTimeline({ turns }: { turns: Turn[] }) {
  const agents = [...new Set(turns.flatMap((t) => t.agents))];
  return (
    <ol className="session-timeline" aria-label="Runs of the session">
      {turns.map((turn) => (
        <li key={turn.traceId} className={`turn turn-${turn.status}`} data-trace-id={turn.traceId}>
          {turn.gapMs !== null && turn.gapMs >= 1000 ? (
            <div className="turn-gap muted small">{formatDuration(turn.gapMs)} later</div>
          ) : null}
          <div className="turn-head">
            <span className="turn-index" aria-label={`run ${turn.index}`}>#{turn.index}</span>
            <StatusBadge status={turn.status} />
            <Link to={`/traces/${turn.traceId}`} className="trace-link">{turn.name}</Link>
            <span className="muted small" title={turn.startTime}>{formatTime(turn.startTime)}</span>
            <span className="turn-figures muted small">
              {formatDuration(turn.durationMs)} · {formatTokens(turn.tokens)} tokens · <Cost usd={turn.costUsd} unpriced={turn.unpriced} />
            </span>
          </div>
          <div className="bubble bubble-in">
            <span className="bubble-role">Input</span>
            {turn.said ? <p className="bubble-text">{turn.said}</p> : <p className="bubble-text muted">(no input recorded)</p>}
          </div>
          <div className="bubble bubble-out">
            <span className="bubble-role">
              Output
              {turn.agents.length ? <span className="turn-agents">{turn.agents.map((a) => <AgentChip key={a} name={a} order={agents} />)}</span> : null}
            </span>
            {turn.answered ? <p className="bubble-text">{turn.answered}</p> : <p className="bubble-text muted">(no output recorded)</p>}
          </div>
          {turn.failures.length || turn.culprit ? (
            <div className="turn-failures">
              {turn.failures.map((f, i) => (
                <span key={`${f.mode}-${i}`} className="turn-failure">
                  <FailureBadge mode={f.mode} /> <span aria-hidden="true">{f.name}</span>
                  {f.agent ? <span className="muted"> ({f.agent})</span> : null}
                </span>
              ))}
              {turn.culprit ? <span className="turn-culprit">Culprit: <strong>{turn.culprit}</strong></span> : null}
              <Link to={`/traces/${turn.traceId}?tab=failures`} className="small">Failures →</Link>
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
