"""AgentTrace SDK: two lines to trace a multi-agent system.

PLACEHOLDER from the foundation: the SDK comes with its issue.
"""

__version__ = "0.1.0"
