"""AgentTrace SDK internals: nothing here is public API and it may change at any time."""
