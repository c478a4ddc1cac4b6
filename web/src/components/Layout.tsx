import { NavLink, Outlet } from "react-router-dom";

export function Layout() {
  return (
    <div className="app">
      <header className="topbar">
        <NavLink to="/traces" className="brand" aria-label="AgentTrace home">
          <svg width="22" height="22" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M4 8 L12 4 M4 8 L12 12" stroke="currentColor" strokeWidth="1.2" opacity="0.6" />
            <circle cx="4" cy="8" r="2.6" fill="#6366f1" />
            <circle cx="12" cy="4" r="2.6" fill="#10b981" />
            <circle cx="12" cy="12" r="2.6" fill="#f59e0b" />
          </svg>
          AgentTrace
        </NavLink>
        <nav aria-label="Main">
          <NavLink to="/traces">Traces</NavLink>
          <NavLink to="/sessions">Sessions</NavLink>
          <NavLink to="/agents">Agents</NavLink>
          <NavLink to="/overview">Overview</NavLink>
        </nav>
      </header>
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}
