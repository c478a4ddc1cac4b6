"""Database access shared by the services: schema, engine, dialect-specific SQL, migrations."""

from agenttrace_core.db.dialect import Dialect, insert_ignore, insert_upsert
from agenttrace_core.db.engine import create_engine, dialect_of_url
from agenttrace_core.db.migrate import upgrade_to_head

__all__ = [
    "Dialect",
    "create_engine",
    "dialect_of_url",
    "insert_ignore",
    "insert_upsert",
    "upgrade_to_head",
]
