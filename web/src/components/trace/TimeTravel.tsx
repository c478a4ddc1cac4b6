import { useEffect, useMemo, useState } from "react";
import { api, ApiError, itemsOf, serverPaths } from "../../api/client";
import type { Checkpoint, Replay } from "../../api/types";
import { useAsync } from "../../hooks/useAsync";
import { formatTime } from "../../model/format";
import { changesFrom, diffStates, parseStateEdit, sortCheckpoints, stateEdits, type Change } from "../../model/stateDiff";
import { AgentChip } from "../Badges";
import { Empty, ErrorState, Loading } from "../States";

function stamp(c: Checkpoint): string {
  return formatTime(new Date(c.timestamp / 1e6).toISOString());
}

/** Container: step slider over the checkpoints, state at the step, diff, replay from here. */
export function TimeTravel({ traceId, onSpan, onOpenTrace }: { traceId: string; onSpan: (id: string) => void; onOpenTrace: (id: string) => void }) {
  const list = useAsync((signal) => api.checkpoints(traceId, signal).then((r) => sortCheckpoints(itemsOf<Checkpoint>(r))), [traceId]);
  const paths = useAsync(() => serverPaths(), []);
  const canReplay = paths.data?.has("POST /api/v1/replays") ?? false;
  const [index, setIndex] = useState(0);
  const checkpoints = list.data ?? [];
  useEffect(() => setIndex(Math.max(0, checkpoints.length - 1)), [checkpoints.length]);
  const current = checkpoints[index];
  const previous = index > 0 ? checkpoints[index - 1] : undefined;

  const state = useAsync((signal) => (current ? api.checkpoint(current.id, signal) : Promise.resolve(null)), [current?.id]);
  const diff = useAsync<Change[] | null>(
    async (signal) => {
      if (!current || !previous) return null;
      try {
        const fromApi = changesFrom(await api.checkpointDiff(previous.id, current.id, signal));
        if (fromApi) return fromApi;
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
      }
      const [a, b] = await Promise.all([api.checkpoint(previous.id, signal), api.checkpoint(current.id, signal)]);
      return diffStates(a.state, b.state);
    },
    [previous?.id, current?.id],
  );

  const hasTimeTravel = paths.data === undefined || paths.data.size === 0 || paths.data.has("GET /api/v1/traces/{trace_id}/checkpoints");
  if (!hasTimeTravel) {
    return <Empty title="Time travel is not available on this server yet">This server has no checkpoint endpoints.</Empty>;
  }
  if (list.data === undefined) {
    if (list.error instanceof ApiError && list.error.missing && list.error.status !== 404) {
      return <Empty title="Time travel is not available on this server" />;
    }
    if (list.error instanceof ApiError && list.error.status === 404) {
      return <Empty title="No checkpoints for this run">Time travel needs checkpoints: use the LangGraph checkpointer integration or call <code>agenttrace.checkpoint()</code> in your agents.</Empty>;
    }
    return list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : <Loading label="Loading checkpoints…" />;
  }
  if (checkpoints.length === 0) {
    return <Empty title="No checkpoints for this run">Time travel needs checkpoints: use the LangGraph checkpointer integration or call <code>agenttrace.checkpoint()</code> in your agents.</Empty>;
  }

  return (
    <div className="timetravel">
      <div className="tt-slider">
        <label htmlFor="tt-step">
          Step {current?.step ?? index} <span className="muted small">· checkpoint {index + 1} of {checkpoints.length}</span>
        </label>
        <input
          id="tt-step"
          type="range"
          min={0}
          max={checkpoints.length - 1}
          value={index}
          onChange={(e) => setIndex(Number(e.target.value))}
          aria-valuetext={`step ${current?.step ?? index}${current?.agent ? `, ${current.agent}` : ""}`}
        />
        <ol className="tt-steps" aria-label="Checkpoints">
          {checkpoints.map((c, i) => (
            <li key={String(c.id)}>
              <button type="button" className={i === index ? "active" : ""} aria-current={i === index ? "step" : undefined} onClick={() => setIndex(i)} title={`${c.name ?? ""} ${c.agent ?? ""}`}>
                {c.step ?? i}
                {c.name ? <span className="tt-step-name"> {String(c.name)}</span> : null}
              </button>
            </li>
          ))}
        </ol>
        <div className="tt-meta small">
          {current?.name ? <strong>{String(current.name)}</strong> : null}
          {current?.agent ? <AgentChip name={current.agent} /> : null}
          <span className="muted">{current ? stamp(current) : ""}</span>
          {current?.span_id ? <button type="button" className="link-btn" onClick={() => onSpan(current.span_id!)}>show span</button> : null}
        </div>
      </div>
      <div className="tt-panes">
        <section aria-label="State at this step">
          <h3>State</h3>
          {state.data ? <pre className="code json">{JSON.stringify(state.data.state, null, 2)}</pre> : state.error ? <ErrorState error={state.error} /> : <Loading />}
        </section>
        <section aria-label="Changes from the previous step">
          <h3>Changes from the previous step</h3>
          {!previous ? <p className="muted small">This is the first checkpoint.</p> : diff.data ? <DiffList changes={diff.data} /> : diff.error ? <ErrorState error={diff.error} /> : <Loading />}
        </section>
      </div>
      {canReplay && current && state.data ? <ReplayForm key={String(current.id)} traceId={traceId} checkpoint={current} state={state.data.state} onOpenTrace={onOpenTrace} /> : null}
    </div>
  );
}

export function DiffList({ changes }: { changes: Change[] }) {
  if (!changes.length) return <p className="muted small">No change.</p>;
  return (
    <ul className="diff">
      {changes.map((c, i) => (
        <li key={i} className={`diff-${c.op}`}>
          <span className="diff-op">{c.op === "added" ? "+" : c.op === "removed" ? "−" : "~"}</span>
          <span className="mono">{c.path}</span>
          {c.op !== "added" ? <pre className="code before">{JSON.stringify(c.before)}</pre> : null}
          {c.op !== "removed" ? <pre className="code after">{JSON.stringify(c.after)}</pre> : null}
        </li>
      ))}
    </ul>
  );
}

function ReplayForm({ traceId, checkpoint, state, onOpenTrace }: { traceId: string; checkpoint: Checkpoint; state: unknown; onOpenTrace: (id: string) => void }) {
  const initial = useMemo(() => JSON.stringify(state, null, 2), [state]);
  const [text, setText] = useState(initial);
  const [replay, setReplay] = useState<Replay | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [hidden, setHidden] = useState(false);
  // Follow the replay until it ends.
  useEffect(() => {
    if (!replay || !["queued", "running"].includes(replay.status ?? "")) return;
    const id = window.setTimeout(() => {
      api.replay(replay.id).then(setReplay, () => undefined);
    }, 2000);
    return () => window.clearTimeout(id);
  }, [replay]);
  if (hidden) return null;
  const submit = async () => {
    const parsed = parseStateEdit(text);
    if (!parsed.ok) return setError(`The state is not valid JSON: ${parsed.error}`);
    setError(null);
    try {
      setReplay(await api.startReplay({ trace_id: traceId, checkpoint_id: checkpoint.id, set: stateEdits(state, parsed.value) }));
    } catch (err) {
      if (err instanceof ApiError && err.missing) setHidden(true);
      else setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <details className="replay-form">
      <summary>Replay from here</summary>
      <p className="small muted">Edit the state, then run the workflow again from this checkpoint. Recorded LLM and tool outputs are served for the steps before it.</p>
      <textarea aria-label="State to replay with" value={text} onChange={(e) => setText(e.target.value)} rows={10} spellCheck={false} className="mono" />
      {error ? <div className="banner banner-error" role="alert">{error}</div> : null}
      <div className="row">
        <button type="button" className="btn btn-primary" onClick={submit}>Replay from step {checkpoint.step ?? "?"}</button>
        <button type="button" className="btn btn-ghost" onClick={() => setText(initial)}>Reset edits</button>
        {replay ? (
          <span className="small">
            Replay <span className="mono">{String(replay.id).slice(0, 8)}</span>: <strong>{replay.status ?? "queued"}</strong>
            {replay.message ? <span className="muted"> — {replay.message}</span> : null}
            {replay.error ? <span className="status-error"> {String(replay.error)}</span> : null}
            {replay.new_trace_id ? <> · <button type="button" className="link-btn" onClick={() => onOpenTrace(replay.new_trace_id!)}>open the new trace</button></> : null}
          </span>
        ) : null}
      </div>
    </details>
  );
}
