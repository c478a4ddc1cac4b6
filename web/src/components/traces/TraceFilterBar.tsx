import { useEffect, useState } from "react";
import { MAST_MODES } from "../../model/failures";
import { activeFilterCount, EMPTY_FILTERS, type TraceFilters } from "../../model/filters";

const KNOWN_FRAMEWORKS = ["langgraph", "openai_agents", "crewai", "autogen", "generic"];

export interface TraceFilterBarProps {
  filters: TraceFilters;
  onChange: (next: TraceFilters) => void;
  frameworks?: string[];
  agents?: string[];
  projects?: string[];
}

export function TraceFilterBar({ filters, onChange, frameworks = [], agents = [], projects = [] }: TraceFilterBarProps) {
  const [q, setQ] = useState(filters.q);
  useEffect(() => setQ(filters.q), [filters.q]);
  useEffect(() => {
    if (q === filters.q) return;
    const id = window.setTimeout(() => onChange({ ...filters, q }), 300);
    return () => window.clearTimeout(id);
  }, [q, filters, onChange]);

  const set = (key: keyof TraceFilters) => (e: React.ChangeEvent<HTMLSelectElement | HTMLInputElement>) =>
    onChange({ ...filters, [key]: e.target.value });
  const allFrameworks = [...new Set([...KNOWN_FRAMEWORKS, ...frameworks])].sort();

  return (
    <form className="filters" role="search" aria-label="Filter traces" onSubmit={(e) => { e.preventDefault(); onChange({ ...filters, q }); }}>
      <input
        type="search"
        className="filter-q"
        placeholder="Search name, id, input…"
        aria-label="Search traces"
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <label>
        <span>Time</span>
        <select aria-label="Time range" value={filters.range} onChange={set("range")}>
          <option value="">All time</option>
          <option value="15m">Last 15 minutes</option>
          <option value="1h">Last hour</option>
          <option value="24h">Last 24 hours</option>
          <option value="7d">Last 7 days</option>
          <option value="30d">Last 30 days</option>
        </select>
      </label>
      <label>
        <span>Status</span>
        <select aria-label="Status" value={filters.status} onChange={set("status")}>
          <option value="">Any</option>
          <option value="error">Error</option>
          <option value="ok">OK</option>
          <option value="unset">Unset</option>
        </select>
      </label>
      <label>
        <span>Framework</span>
        <select aria-label="Framework" value={filters.framework} onChange={set("framework")}>
          <option value="">Any</option>
          {allFrameworks.map((f) => (
            <option key={f} value={f}>{f}</option>
          ))}
        </select>
      </label>
      <label>
        <span>Agent</span>
        <input aria-label="Agent" list="agent-names" placeholder="any" value={filters.agent} onChange={set("agent")} size={12} />
        <datalist id="agent-names">
          {agents.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </label>
      <label>
        <span>Failure</span>
        <select aria-label="Failure mode" value={filters.failure_mode} onChange={set("failure_mode")}>
          <option value="">Any</option>
          {Object.entries(MAST_MODES).map(([code, name]) => (
            <option key={code} value={code}>{code} {name}</option>
          ))}
        </select>
      </label>
      <label className="filter-cost">
        <span>Cost $</span>
        <input type="number" min={0} step="any" inputMode="decimal" aria-label="Minimum cost (USD)" placeholder="min" value={filters.min_cost} onChange={set("min_cost")} size={6} />
        <span aria-hidden="true">–</span>
        <input type="number" min={0} step="any" inputMode="decimal" aria-label="Maximum cost (USD)" placeholder="max" value={filters.max_cost} onChange={set("max_cost")} size={6} />
      </label>
      {projects.length > 1 ? (
        <label>
          <span>Project</span>
          <select aria-label="Project" value={filters.project} onChange={set("project")}>
            <option value="">All</option>
            {projects.map((p) => (
              <option key={p} value={p}>{p}</option>
            ))}
          </select>
        </label>
      ) : null}
      {activeFilterCount(filters) > 0 ? (
        <button type="button" className="btn btn-ghost" onClick={() => onChange({ ...EMPTY_FILTERS, sort: filters.sort, order: filters.order })}>
          Clear filters
        </button>
      ) : null}
    </form>
  );
}
