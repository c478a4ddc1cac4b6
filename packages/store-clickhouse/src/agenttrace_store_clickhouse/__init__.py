"""AgentTrace's ClickHouse span store (``AGENTTRACE_CLICKHOUSE_URL``)."""

from agenttrace_store_clickhouse.store import ClickHouseSpanStore
from agenttrace_store_clickhouse.transport import ChdbTransport, ServerTransport, transport_for

__all__ = ["ChdbTransport", "ClickHouseSpanStore", "ServerTransport", "transport_for"]
