"""The MCP server of AgentTrace: "why did run X fail?" for coding agents.

``tools`` answers each question as text read from the API (``client``); ``server`` puts the
tools on the official ``mcp`` SDK; ``transports`` connects them to the API over stdio
(``agenttrace mcp``) or in process on the API port (``/mcp``, see ``mount``).
"""
